-- 013_user_lang: the interface language each person chose, kept with the
-- account so it follows them to any browser.  NULL until they choose one:
-- the browser's own choice stands until then.
ALTER TABLE users ADD COLUMN lang TEXT CHECK (lang IN ('zh', 'bo', 'en'));
