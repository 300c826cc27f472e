#!/usr/bin/env python3
"""Check labelled tagging posts: python3 check.py FILE.jsonl..."""
import html, json, re, sys
from collections import Counter
from datetime import datetime

KEYS = ["id", "shape", "lang", "feed", "feed_tags", "title", "summary",
        "categories", "published", "link", "tags", "event", "split"]
TAGS = {"community-call", "event", "report", "job", "funding", "consultation"}
SHAPES = {"wordpress", "drupal", "hugo", "ghost", "medium"}

def when(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")

def text(s):
    return html.unescape(re.sub(r"<[^>]*>", "", s))

def check(path):
    bad = 0
    tags, split, ids = Counter(), Counter(), set()
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        where = "%s:%d" % (path, n)
        try:
            o = json.loads(line)
        except ValueError as e:
            print(where, "bad JSON:", e); bad += 1; continue
        errs = []
        if set(o) != set(KEYS):
            errs.append("keys %s" % sorted(set(o) ^ set(KEYS)))
            bad += 1
            print(where, o.get("id"), errs[0])
            continue
        if o.get("id") in ids:
            errs.append("duplicate id")
        ids.add(o.get("id"))
        if o.get("shape") not in SHAPES:
            errs.append("shape")
        if o.get("split") not in ("dev", "held"):
            errs.append("split")
        t = o.get("tags", [])
        if set(t) - TAGS or len(set(t)) != len(t):
            errs.append("tags %s" % t)
        if "community-call" in t and "event" not in t:
            errs.append("community-call without event")
        pub = when(o["published"])
        ev = o.get("event")
        if ev is not None:
            st = when(ev["start"])
            if ev.get("end") is not None and when(ev["end"]) <= st:
                errs.append("end before start")
            if ev.get("allday") and st.hour:
                errs.append("allday not at 00:00")
            if ev["text"] not in o["title"] and ev["text"] not in text(o["summary"]):
                errs.append("event text not in title/summary: %r" % ev["text"])
            if (st - pub).days < -1 or (st - pub).days > 366:
                errs.append("event %s far from published" % ev["start"])
        for e in errs:
            print(where, o.get("id"), e)
        bad += bool(errs)
        tags.update(t or ["(none)"])
        split[o["split"]] += 1
    print("%s: %d posts, %d bad; %s; %s" % (path, len(ids), bad,
          dict(sorted(tags.items())), dict(split)))
    return bad

sys.exit(1 if sum(check(p) for p in sys.argv[1:]) else 0)
