#!/usr/bin/env python3
"""check-err-formats.py [FILE...]: every err_setl() call's Chinese and
English formats must take the same conversions in the same order, since
both are given the same arguments; and every Chinese format must have its
Tibetan in the catalog (src/lang/*.c), whose conversions test_lang checks.
Prints TAP; exit 1 on a mismatch or a format with no Tibetan."""
import glob
import re
import sys

CALL = re.compile(r'err_setl(_words)?\s*\((.*?)\);', re.S)
STR = re.compile(r'"((?:[^"\\]|\\.)*)"')
CONV = re.compile(r'%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]')

files = sys.argv[1:] or sorted(glob.glob('src/**/*.c', recursive=True))
PAIR = re.compile(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),')
catalog = set()
for path in glob.glob('src/lang/*.c'):
    for m in PAIR.finditer(open(path, encoding='utf-8').read()):
        catalog.add(''.join(STR.findall(m.group(1))))
n = bad = 0
for path in files:
    text = open(path, encoding='utf-8').read()
    for m in CALL.finditer(text):
        words, args = m.group(1), m.group(2)
        # The formats are the 4th and 5th arguments: adjacent literals join.
        parts, depth, cur = [], 0, ''
        for ch in args:
            if ch == ',' and depth == 0 and cur.count('"') % 2 == 0:
                parts.append(cur)
                cur = ''
                continue
            depth += ch == '('
            depth -= ch == ')'
            cur += ch
        parts.append(cur)
        if len(parts) < 5:
            continue
        zh = ''.join(STR.findall(parts[3]))
        en = ''.join(STR.findall(parts[4]))
        a = [c for c in CONV.findall(zh) if c != '%%']
        b = [c for c in CONV.findall(en) if c != '%%']
        n += 1
        line = text[:m.start()].count('\n') + 1
        if a != b:
            bad += 1
            print('not ok %d - %s:%d %s vs %s' % (n, path, line, a, b))
        elif words and (len(a) > 3 or any(c != '%s' for c in a)):
            bad += 1
            print('not ok %d - %s:%d err_setl_words takes up to three %%s, '
                  'not %s' % (n, path, line, a))
        elif zh and zh not in catalog:   # '' : a format held as data
            bad += 1
            print('not ok %d - %s:%d no Tibetan for "%s"' % (n, path, line,
                                                           zh))
        else:
            print('ok %d - %s:%d' % (n, path, line))
print('1..%d' % n)
sys.exit(1 if bad else 0)
