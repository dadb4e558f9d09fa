#!/usr/bin/env python3
"""qda_check.py: checks a klankbord REFI-QDA export for what the XML schemas cannot.

  qda_check.py qdpx FILE.qdpx SESSION.json [--guids OUT]
  qda_check.py qdc FILE.qdc SESSION.json
  qda_check.py same A.qdpx B.qdpx names|communities B.json

SESSION.json is `klankbord export SESSION --format json` of the same session with the
same options: the contributions, their ids and codes, the participants. Prints one TAP
line per check ("ok - NAME" / "not ok - NAME: why") for tests/e2e/qda.sh; exits 1 when
any failed. GUIDs are recomputed here with Python's own uuid5, independently of
klankbord's SHA-1, from the paths docs/refi-qda.md lists.
"""
import json
import re
import sys
import uuid
import zipfile
import xml.etree.ElementTree as ET

NS = uuid.UUID("8b2ab1aa-2ca3-4023-b563-e62a2a7528db")
P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
KINDS = ["experience", "obstacle", "success", "idea", "recommendation", "question", "quote", "note"]
IOI = {
    "Markers and means": ["Work", "Housing", "Education", "Health and social care", "Leisure"],
    "Social connections": ["Bonds", "Bridges", "Links"],
    "Facilitators": ["Language and communication", "Culture", "Digital skills", "Safety", "Stability"],
    "Foundation": ["Rights and responsibilities"],
}
LISTS = ["Users", "Codes", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs"]
failures = 0


def check(name, ok, why=""):
    global failures
    if ok:
        print(f"ok - {name}")
    else:
        failures += 1
        print(f"not ok - {name}" + (f": {why}" if why else ""))


def guid(path):
    return str(uuid.uuid5(NS, path))


def clean(text):
    """The rule of out/xml_out.h (config/textsafe.h's unsafe characters, and what XML
    forbids), said again independently."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        cp = ord(ch)
        bad = (cp < 0x20 and ch not in "\t\n") or 0x7F <= cp <= 0x9F or cp in (0xFFFE, 0xFFFF) \
            or 0xD800 <= cp <= 0xDFFF or cp == 0x200B or 0x202A <= cp <= 0x202E \
            or 0x2060 <= cp <= 0x2064 or 0x2066 <= cp <= 0x2069 or cp == 0xFEFF
        out.append("\ufffd" if bad else ch)
    return "".join(out)


def contributions(doc):
    for item in doc["items"]:
        for c in item["contributions"]:
            yield item, c


def read_zip(path):
    z = zipfile.ZipFile(path)
    check("zip: every entry's CRC-32 is right", z.testzip() is None)
    names = z.namelist()
    files = {n: z.read(n) for n in names}
    check("zip: project.qde at the top", "project.qde" in names)
    others = [n for n in names if n != "project.qde"]
    check("zip: everything else flat in lowercase sources/",
          all(re.fullmatch(r"sources/[0-9a-f-]{36}\.txt", n) for n in others), repr(others[:3]))
    check("zip: entries stored, not compressed", all(i.compress_type == 0 for i in z.infolist()))
    return files


def check_text_files(files):
    boms = [n for n, b in files.items() if b.startswith(b"\xef\xbb\xbf")]
    check("no byte-order mark in project.qde or any source", not boms, repr(boms))
    crs = [n for n, b in files.items() if b"\r" in b]
    check("no \\r in project.qde or any source", not crs, repr(crs))
    bad = []
    for n, b in files.items():
        try:
            b.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            bad.append(n)
    check("every file is well-formed UTF-8", not bad, repr(bad))


def check_guids(root, tag_prefix):
    all_guids = [e.get("guid") for e in root.iter() if e.get("guid") is not None]
    refs = [e.get(a) for e in root.iter() for a in ("targetGUID", "creatingUser", "creatingUserGUID")
            if e.get(a) is not None]
    check("every GUID is 8-4-4-4-12 lower-case hex", all(GUID.match(g) for g in all_guids + refs))
    dup = {g for g in all_guids if all_guids.count(g) > 1}
    check("no GUID is used twice", not dup, repr(sorted(dup)[:3]))
    empty = [e.tag for e in root.iter() if e.tag.replace(tag_prefix, "") in LISTS and len(e) == 0]
    check("no list element is written empty", not empty, repr(empty))
    return all_guids


def check_codebook(codes_el, tag, doc, with_kinds):
    codes, late = {}, []

    def walk(el, parent):
        for code in el.findall(tag + "Code"):
            codes[code.get("guid")] = (code.get("name"), code.get("isCodable"), parent)
            kids = [k.tag for k in code]
            if tag + "Description" in kids and kids.index(tag + "Description") != 0:
                late.append(code.get("name"))
            walk(code, code.get("guid"))
    walk(codes_el, None)
    check("codebook: each code's Description before its child codes", not late, repr(late[:3]))
    book = doc["session"]["codebook"] or "custom"
    if book == "ioi-2019":
        ok = True
        for group, labels in IOI.items():
            g = guid(f"codebook/ioi-2019/group/{group}")
            ok &= codes.get(g) == (group, "false", None)
            for label in labels:
                ok &= any(v == (label, "true", g) for v in codes.values())
        check("codebook: the 4 IoI groups not codable, the 14 domains under them by label", ok)
    if with_kinds:
        k = guid("kind")
        ok = codes.get(k) == ("kind", "false", None)
        ok &= all(codes.get(guid(f"kind/{n}")) == (n, "true", k) for n in KINDS)
        check("codebook: a non-codable kind with the 8 kinds under it", ok)
    for _, c in contributions(doc):
        for t in c["tags"]:
            if guid(f"codebook/{book}/code/{t}") not in codes:
                check(f"codebook: code {t} is there", False)
    return codes


def check_qdc(path, doc):
    raw = open(path, "rb").read()
    check("qdc: no byte-order mark, no \\r", not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw)
    root = ET.fromstring(raw)
    check("qdc: root CodeBook in urn:QDA-XML:codebook:1.0", root.tag == C + "CodeBook")
    check_guids(root, C)
    check_codebook(root.find(C + "Codes"), C, doc, False)


def check_selections(root, files, doc, codes):
    sid = doc["session"]["id"]
    book = doc["session"]["codebook"] or "custom"
    by_guid = {guid(f"session/{sid}/contribution/{c['id']}"): (item, c) for item, c in contributions(doc)}
    seen, problems = set(), []
    sources = root.find(P + "Sources")
    for src in (sources if sources is not None else []):
        path = src.get("plainTextPath") or ""
        m = re.fullmatch(r"internal://([0-9a-f-]{36})\.txt", path)
        if not m or m.group(1) != src.get("guid") or f"sources/{m.group(1)}.txt" not in files:
            problems.append(f"source {src.get('name')}: plainTextPath {path}")
            continue
        if src.find(P + "PlainTextContent") is not None:
            problems.append(f"source {src.get('name')}: both PlainTextContent and plainTextPath")
        text = files[f"sources/{m.group(1)}.txt"].decode("utf-8")
        for sel in src.findall(P + "PlainTextSelection"):
            g = sel.get("guid")
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            if g not in by_guid:
                problems.append(f"selection {g}: no contribution has this GUID")
                continue
            item, c = by_guid[g]
            seen.add(g)
            if src.get("guid") != guid(f"session/{sid}/item/{item['id']}"):
                problems.append(f"contribution {c['seq']}: not in its item's source")
            if not 0 <= start <= end <= len(text):
                problems.append(f"contribution {c['seq']}: {start}..{end} outside 0..{len(text)}")
            elif text[start:end] != clean(c["text"]):
                problems.append(f"contribution {c['seq']}: {text[start:end]!r} != {clean(c['text'])!r}")
            kids = [k.tag for k in sel]
            if P + "Description" in kids and any(t == P + "Coding" for t in kids[:kids.index(P + "Description")]):
                problems.append(f"contribution {c['seq']}: Coding before Description")
            got = sorted(cd.find(P + "CodeRef").get("targetGUID") for cd in sel.findall(P + "Coding"))
            want = sorted({guid(f"codebook/{book}/code/{t}") for t in c["tags"]} | {guid(f"kind/{c['kind']}")})
            if got != want:
                problems.append(f"contribution {c['seq']}: codings {got} != {want}")
    check("every selection cuts exactly its contribution's text by code points", not problems,
          "; ".join(problems[:4]))
    live = {g for g, (_, c) in by_guid.items() if not c["retracted"]}
    check("every contribution not retracted has one selection, no retracted one has any", seen == live,
          f"missing {len(live - seen)}, extra {len(seen - live)}")
    coderefs = [e.get("targetGUID") for e in root.iter(P + "CodeRef")]
    check("every CodeRef points at a code of the codebook", all(r in codes for r in coderefs))
    return by_guid, live


def check_cases(root, doc, by_guid, live):
    sid = doc["session"]["id"]
    cases = root.find(P + "Cases")
    cases = {c.get("guid"): c for c in (cases if cases is not None else [])}
    variables = {v.get("guid") for v in root.iter(P + "Variable")}
    ok_vars = all(r.get("targetGUID") in variables for r in root.iter(P + "VariableRef"))
    check("every VariableRef points at a Variable", ok_vars)
    sel_guids = {e.get("guid") for e in root.iter(P + "PlainTextSelection")}
    refs = [r.get("targetGUID") for r in root.iter(P + "SelectionRef")]
    check("every SelectionRef points at a selection", all(r in sel_guids for r in refs))
    problems = []
    for p in doc["participants"]:
        case = cases.get(guid(f"session/{sid}/participant/{p['id']}"))
        if case is None:
            problems.append(f"no case for {p['id']}")
            continue
        want_name = p["id"] + (" " + p["name"] if p.get("name") else "")
        if case.get("name") != want_name:
            problems.append(f"case {p['id']} named {case.get('name')!r}")
        mine = {g for g in live if by_guid[g][1]["participant"] == p["id"]}
        got = {r.get("targetGUID") for r in case.findall(P + "SelectionRef")}
        if got != mine:
            problems.append(f"case {p['id']}: {len(got)} selections, {len(mine)} contributions")
    check("every participant a case, linked to exactly their contributions", not problems, "; ".join(problems[:4]))
    check("as many cases as participants", len(cases) == len(doc["participants"]))


def check_notes(root, files, doc):
    sid = doc["session"]["id"]
    notes = root.find(P + "Notes")
    notes = {n.get("guid"): n for n in (notes if notes is not None else [])}
    problems = []
    for item in doc["items"]:
        for v in item["votes"]:
            n = notes.get(guid(f"session/{sid}/vote/{v['id']}"))
            text = files.get(f"sources/{n.get('guid')}.txt", b"").decode() if n is not None else ""
            if not clean(v["question"]) in text:
                problems.append(f"vote {v['id']}")
    for r in doc["recommendations"]:
        n = notes.get(guid(f"session/{sid}/recommendation/{r['id']}"))
        text = files.get(f"sources/{n.get('guid')}.txt", b"").decode() if n is not None else ""
        if clean(r["text"]) not in text:
            problems.append(f"recommendation {r['seq']}")
    for n in notes.values():
        if not n.get("creationDateTime") or not n.get("name"):
            problems.append(f"note {n.get('guid')} lacks a name or a creationDateTime")
    check("every vote and recommendation a note with its text", not problems, "; ".join(problems[:4]))


def check_qdpx(path, doc, guids_out):
    files = read_zip(path)
    check_text_files(files)
    root = ET.fromstring(files["project.qde"])
    check("project: root Project in urn:QDA-XML:project:1.0 with an origin", root.tag == P + "Project"
          and (root.get("origin") or "").startswith("klankbord"))
    all_guids = check_guids(root, P)
    codes = check_codebook(root.find(P + "CodeBook").find(P + "Codes"), P, doc, True)
    by_guid, live = check_selections(root, files, doc, codes)
    check_cases(root, doc, by_guid, live)
    check_notes(root, files, doc)
    if guids_out:
        with open(guids_out, "w") as f:
            f.write("\n".join(sorted(all_guids)) + "\n")


def canon(el):
    """An element as a comparable value, whitespace between elements ignored."""
    return (el.tag, sorted(el.attrib.items()), (el.text or "").strip(), [canon(k) for k in el])


def check_same(a, b, option, doc_b):
    fa, fb = read_zip(a), read_zip(b)
    check(f"--{option}: the same files", sorted(fa) == sorted(fb))
    ra, rb = ET.fromstring(fa["project.qde"]), ET.fromstring(fb["project.qde"])
    for r in (ra, rb):
        for top in list(r):
            if top.tag == P + "Description":
                r.remove(top)
    if option == "names":
        for r in (ra, rb):
            for case in r.iter(P + "Case"):
                case.attrib.pop("name", None)
    else:
        community = guid("variable/community")
        for r in (ra, rb):
            for var in list(r.iter(P + "Variables")):
                for v in list(var):
                    if v.get("guid") == community:
                        var.remove(v)
            for case in r.iter(P + "Case"):
                for vv in list(case):
                    ref = vv.find(P + "VariableRef")
                    if ref is not None and ref.get("targetGUID") == community:
                        case.remove(vv)
    same = canon(ra) == canon(rb)
    check(f"--{option}: project.qde differs only where it should", same)
    names = {p["id"]: p.get("name") for p in doc_b["participants"]}
    problems = []
    for n in fa:
        if n == "project.qde" or fa[n] == fb[n]:
            continue
        la, lb = fa[n].decode().split("\n"), fb[n].decode().split("\n")
        if option != "names" or len(la) != len(lb):
            problems.append(n)
            continue
        for x, y in zip(la, lb):
            pid = x.split(" ", 1)[0]
            if x != y and not (names.get(pid) and y == x.replace(pid + " ", f"{pid} {names[pid]} ", 1)):
                problems.append(f"{n}: {y!r}")
    check(f"--{option}: sources and notes differ only where it should", not problems, "; ".join(problems[:3]))


def main(argv):
    if len(argv) >= 4 and argv[1] == "qdpx":
        out = argv[argv.index("--guids") + 1] if "--guids" in argv else None
        check_qdpx(argv[2], json.load(open(argv[3], encoding="utf-8")), out)
    elif len(argv) == 4 and argv[1] == "qdc":
        check_qdc(argv[2], json.load(open(argv[3], encoding="utf-8")))
    elif len(argv) == 6 and argv[1] == "same":
        check_same(argv[2], argv[3], argv[4], json.load(open(argv[5], encoding="utf-8")))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
