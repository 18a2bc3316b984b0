"""Carries translations over when code moves between classes (and so between tr() contexts).

After `lupdate` (run by the update_translations target), a string that moved from class A to class B is marked
vanished in context A and unfinished, untranslated, in context B. This script fills every unfinished message
whose source text has a finished or vanished translation anywhere in the same file (same source, same
disambiguation, same plural form), prefers the old context's wording when several exist, and then drops the
vanished entries. Strings that are new stay unfinished for a translator. Usage, from the repository root:
    /usr/lib/qt6/bin/lupdate -extensions cpp,h -locations none -no-ui-lines ui app/gui -ts translations/*.ts
    python3 translations/carry_moved.py translations/*.ts
"""
import sys
import xml.etree.ElementTree as ET


def key(message):
    return (message.findtext("source"), message.findtext("comment"), message.get("numerus"))


def carry(path):
    tree = ET.parse(path)
    root = tree.getroot()
    known = {}
    for context in root.iter("context"):
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") == "unfinished":
                continue
            if (tr.text or "").strip() or len(tr):
                known.setdefault(key(message), tr)
    filled, dropped = 0, 0
    for context in root.iter("context"):
        for message in list(context.iter("message")):
            tr = message.find("translation")
            if tr is not None and tr.get("type") == "unfinished" and key(message) in known:
                source = known[key(message)]
                tr.attrib.pop("type", None)
                tr.text = source.text
                for child in list(tr):
                    tr.remove(child)
                for child in source:
                    tr.append(child)
                filled += 1
        for message in list(context.findall("message")):
            tr = message.find("translation")
            if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                context.remove(message)
                dropped += 1
    for context in list(root.findall("context")):
        if not context.findall("message"):
            root.remove(context)
    ET.indent(tree, space="    ")
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    print(f"{path}: {filled} carried over, {dropped} vanished entries dropped")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        carry(p)
