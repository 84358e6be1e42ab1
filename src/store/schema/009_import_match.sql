-- A roster import matches a row without an ID number to a stored child
-- by village, name and date of birth (domain/roster_import.c): without
-- this index each row scanned its whole village.
CREATE INDEX children_match ON children (village_code, name, birth_date);
