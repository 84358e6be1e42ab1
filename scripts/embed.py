#!/usr/bin/env python3
"""embed.py OUT.c SYMBOL BASEDIR FILE...: compile files into a C table.

Emits `const struct embedded SYMBOL[]` of {name, data, len}, names
relative to BASEDIR, ended by a {NULL} entry, sorted by name so the
output is reproducible.
"""
import os
import sys

out, sym, base = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(sys.argv[4:], key=lambda p: os.path.relpath(p, base))
with open(out, "w", encoding="ascii") as f:
    f.write('#include <stddef.h>\n#include "embedded.h"\n\n')
    for i, path in enumerate(files):
        with open(path, "rb") as src:
            data = src.read()
        f.write("static const unsigned char d%d[%d] = {" % (i, len(data) + 1))
        for j, b in enumerate(data + b"\0"):
            f.write(("\n" if j % 16 == 0 else "") + "%d," % b)
        f.write("\n};\n")
    f.write("const struct embedded %s[] = {\n" % sym)
    for i, path in enumerate(files):
        name = os.path.relpath(path, base).replace(os.sep, "/")
        size = os.path.getsize(path)
        f.write('\t{ "%s", d%d, %d },\n' % (name, i, size))
    f.write("\t{ NULL, NULL, 0 }\n};\n")
