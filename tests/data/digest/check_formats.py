#!/usr/bin/env python3
# check_formats.py: well-formedness checks for crier's digest and events
# outputs, with the standard library only.  Usage:
#   check_formats.py FORMAT FILE [KEY=VALUE...]
# Exits 0 when the file passes, 1 with a message otherwise.
import email
import email.policy
import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def c_json(data, opts):
    doc = json.loads(data.decode("utf-8"))
    check(isinstance(doc["groups"], list), "groups is a list")
    n = 0
    for g in doc["groups"]:
        check("tag" in g, "group without tag key")
        for f in g["feeds"]:
            check(f["url"], "feed without url")
            for it in f["items"]:
                n += 1
                check(isinstance(it["id"], int), "id not int")
                check(isinstance(it["tags"], list), "tags not a list")
                check(isinstance(it["unread"], bool), "unread not bool")
                for k, v in it.items():
                    check(v is not None and v != "", "empty " + k)
    check(n == doc["count"], "count %d != items %d" % (doc["count"], n))
    if "count" in opts:
        check(n == int(opts["count"]), "expected %s items, got %d"
              % (opts["count"], n))
    if "also" in opts:
        check(any(opts["also"] in it.get("also_in", [])
                  for g in doc["groups"] for f in g["feeds"]
                  for it in f["items"]), "no also_in " + opts["also"])


class Html(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tags = []
        self.errors = []
        self.text = []
        self.decl = None

    def handle_decl(self, d):
        self.decl = d

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        for k, v in attrs:
            if k.startswith("on"):
                self.errors.append("event handler " + k)
            if k in ("href", "src") and v and \
                    v.strip().lower().startswith("javascript:"):
                self.errors.append("javascript: url")
        if tag in ("script", "style", "iframe", "object", "link"):
            self.errors.append("forbidden element " + tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unbalanced </%s> (open: %s)"
                               % (tag, self.stack[-3:]))
            return
        self.stack.pop()

    def handle_data(self, d):
        self.text.append(d)


def c_html(data, opts):
    p = Html()
    p.feed(data.decode("utf-8"))
    p.close()
    check(p.decl and p.decl.lower() == "doctype html", "no <!DOCTYPE html>")
    check(not p.errors, "; ".join(p.errors))
    check(not p.stack, "unclosed elements %s" % p.stack)
    names = [t for t, a in p.tags]
    check(names[:2] == ["html", "head"], "html/head first")
    check(("meta", [("charset", "utf-8")]) in p.tags, "no meta charset")
    check("body" in names and "title" in names, "no body/title")
    styled = [t for t, a in p.tags if dict(a).get("style")]
    check(len(styled) > 3, "no inline CSS")
    text = "".join(p.text)
    for want in opts.get("want", "").split("|"):
        check(want in text, "text lacks %r" % want)


def c_atom(data, opts):
    root = ET.fromstring(data)
    check(root.tag == ATOM + "feed", "root is not atom:feed")
    for k in ("id", "title", "updated", "author"):
        check(root.find(ATOM + k) is not None, "feed lacks " + k)
    ids = set()
    entries = root.findall(ATOM + "entry")
    for e in entries:
        for k in ("id", "title", "updated", "source"):
            check(e.find(ATOM + k) is not None, "entry lacks " + k)
        i = e.find(ATOM + "id").text
        check(re.match(r"^(tag:|https?:)", i), "bad entry id " + i)
        check(i not in ids, "duplicate id " + i)
        ids.add(i)
        check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
                       e.find(ATOM + "updated").text), "bad updated")
        src = e.find(ATOM + "source")
        check(src.find(ATOM + "id") is not None, "source lacks id")
        for s in e.findall(ATOM + "summary") + e.findall(ATOM + "content"):
            check(s.get("type") == "html", "summary type is not html")
            check("<script" not in (s.text or ""), "script in summary")
    if "count" in opts:
        check(len(entries) == int(opts["count"]), "expected %s entries, got %d"
              % (opts["count"], len(entries)))
    if "category" in opts:
        check(any(c.get("term") == opts["category"]
                  for e in entries for c in e.findall(ATOM + "category")),
              "no category " + opts["category"])


def walk(part, out):
    out.append(part.get_content_type())
    if part.is_multipart():
        for p in part.iter_parts():
            walk(p, out)


def c_email(data, opts):
    lines = data.split(b"\r\n")
    check(data.endswith(b"\r\n"), "does not end with CRLF")
    check(b"\n" not in data.replace(b"\r\n", b""), "bare LF")
    check(b"\r" not in data.replace(b"\r\n", b""), "bare CR")
    check(max(len(l) for l in lines) <= 998, "a line over 998 octets")
    head = data.split(b"\r\n\r\n", 1)[0]
    for l in head.split(b"\r\n"):
        check(len(l) <= 78, "header line over 78: %r" % l)
        check(all(b < 0x80 for b in l), "8-bit header: %r" % l)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    check(not msg.defects, "defects %s" % msg.defects)
    names = [k.lower() for k in msg.keys()]
    check("bcc" not in names, "injected Bcc header")
    for k in ("from", "to", "subject", "date", "message-id", "list-id",
              "auto-submitted", "mime-version", "content-type"):
        check(names.count(k) == 1, "header %s appears %d times"
              % (k, names.count(k)))
    check(msg["Auto-Submitted"] == "auto-generated", "Auto-Submitted")
    check(re.match(r"^<[^<>@ ]+@[A-Za-z0-9.-]+>$", msg["Message-ID"]),
          "bad Message-ID " + msg["Message-ID"])
    check(email.utils.parsedate_to_datetime(msg["Date"]) is not None, "Date")
    for k in ("subject", "from", "to"):
        if k in opts:
            check(str(msg[k]) == opts[k], "%s is %r, not %r"
                  % (k, str(msg[k]), opts[k]))
    types = []
    walk(msg, types)
    if opts.get("events") == "1":
        check(types[:2] == ["multipart/mixed", "multipart/alternative"],
              "structure %s" % types)
        check("text/calendar" in types, "no calendar part")
    else:
        check(types[0] == "multipart/alternative", "structure %s" % types)
        check("text/calendar" not in types, "unexpected calendar")
    check(types.count("text/plain") == 1 and types.count("text/html") == 1,
          "structure %s" % types)
    for part in msg.walk():
        if part.is_multipart():
            continue
        check(part["Content-Transfer-Encoding"] == "quoted-printable",
              "part not quoted-printable")
        body = part.get_content()
        if part.get_content_type() == "text/plain":
            for want in opts.get("want", "").split("|"):
                check(want in body, "text part lacks %r" % want)
        if part.get_content_type() == "text/html":
            c_html(body.encode("utf-8"), {})
        if part.get_content_type() == "text/calendar":
            check(part.get_param("method") == "PUBLISH", "method")
            c_ics(body.replace("\r\n", "\n").replace("\n", "\r\n")
                  .encode("utf-8"), {})


def c_ics(data, opts):
    check(data.endswith(b"\r\n"), "does not end with CRLF")
    check(b"\n" not in data.replace(b"\r\n", b""), "bare LF")
    phys = data[:-2].split(b"\r\n")
    for l in phys:
        check(len(l) <= 75, "line over 75 octets: %r" % l)
        l.decode("utf-8")       # folding never splits a character
    logical = []
    for l in phys:
        if l.startswith(b" "):
            logical[-1] += l[1:]
        else:
            logical.append(l)
    text = [l.decode("utf-8") for l in logical]
    check(text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR",
          "not a VCALENDAR")
    for k in ("VERSION:2.0", "METHOD:PUBLISH", "CALSCALE:GREGORIAN"):
        check(k in text, "lacks " + k)
    check(any(l.startswith("PRODID:") for l in text), "no PRODID")
    ev, n, uids = None, 0, set()
    for l in text:
        if l == "BEGIN:VEVENT":
            ev = {}
        elif l == "END:VEVENT":
            n += 1
            for k in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                check(k in ev, "VEVENT lacks " + k)
            check(ev["UID"] not in uids, "duplicate UID")
            uids.add(ev["UID"])
            check(re.match(r"^(\d{8}T\d{6}Z|\d{8})$", ev["DTSTART"]),
                  "DTSTART " + ev["DTSTART"])
            for k, v in ev.items():
                if k in ("SUMMARY", "DESCRIPTION"):
                    check(not re.search(r"(?<!\\)[,;]",
                                        v.replace("\\\\", "")),
                          "unescaped , or ; in " + k)
            ev = None
        elif ev is not None:
            k, _, v = l.partition(":")
            ev[k.split(";")[0]] = v
    if "count" in opts:
        check(n == int(opts["count"]), "expected %s events, got %d"
              % (opts["count"], n))


def c_markdown(data, opts):
    text = data.decode("utf-8")
    check(text.startswith("# "), "no title heading")
    check(re.search(r"^## ", text, re.M), "no tag heading")
    check(re.search(r"^### ", text, re.M), "no feed heading")
    check("<script" not in text and "javascript:" not in text,
          "script or javascript: link")
    for want in opts.get("want", "").split("|"):
        check(want in text, "lacks %r" % want)


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    opts = dict(a.split("=", 1) for a in sys.argv[3:])
    with open(path, "rb") as f:
        data = f.read()
    {"json": c_json, "html": c_html, "atom": c_atom, "email": c_email,
     "ics": c_ics, "markdown": c_markdown}[fmt](data, opts)
    print("ok " + fmt)


if __name__ == "__main__":
    main()
