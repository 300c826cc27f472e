#!/usr/bin/env python3
"""gen-entities.py: writes src/parse/entities-table.h from the HTML standard's
named character references (Python's html.entities.html5 mapping).

Usage: python3 contrib/gen-entities.py > src/parse/entities-table.h

The names are stored without their trailing ';' (the legacy forms such as
"amp" and "AElig" are in the standard both with and without it), sorted
by byte value so that entity_lookup() can bsearch them.

NOTE: the 253 names HTML 4 already had keep their HTML 4 values
(html.entities.name2codepoint).  Feeds were written against the HTML 4 /
XHTML 1 entity sets and feedparser decodes them so; the two standards
differ only for "lang" and "rang" (U+2329/U+232A in HTML 4, U+27E8/U+27E9
in HTML 5).
"""

import html.entities
import sys


def c_string(text):
    out = []
    for byte in text.encode("utf-8"):
        if 0x20 <= byte < 0x7F and chr(byte) not in '"\\?':
            out.append(chr(byte))
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


def main():
    table = {}
    for name, value in html.entities.html5.items():
        key = name[:-1] if name.endswith(";") else name
        prev = table.get(key)
        if prev is not None and prev != value:
            sys.exit("conflicting values for " + key)
        table[key] = value
    for key, cp in html.entities.name2codepoint.items():
        table[key] = chr(cp)
    names = sorted(table, key=lambda k: k.encode("ascii"))
    longest = max(len(k) for k in names)

    w = sys.stdout.write
    w("/*\n"
      " * parse/entities-table.h: the HTML named character references, made by\n"
      " * contrib/gen-entities.py from the HTML standard's list (as shipped in\n"
      " * Python's html.entities.html5), for entities.c.  Do not edit: re-run\n"
      " * the script (`make gen-entities`).\n"
      " *\n"
      " * %d names, sorted by byte value.  The names and texts are arrays,\n"
      " * not pointers: a table of pointers is relocated, its pages written,\n"
      " * when each process starts.\n"
      " */\n" % len(names))
    w("#ifndef CRIER_ENTITIES_TABLE_H\n#define CRIER_ENTITIES_TABLE_H\n\n")
    w("#define ENTITY_NAME_MAX %d\n\n" % longest)
    text_max = max(len(v.encode("utf-8")) for v in table.values())
    w("struct entity {\n\tchar\tname[ENTITY_NAME_MAX + 1];\n"
      "\tchar\ttext[%d];\n};\n\n" % (text_max + 1))
    w("static const struct entity entities[] = {\n")
    for k in names:
        w("\t{ %s, %s },\n" % (c_string(k), c_string(table[k])))
    w("};\n\n#endif\n")

if __name__ == "__main__":
    main()
