#!/usr/bin/env python3
"""Converts npm chinese-poetry@2.0.1 (Tang and Song shi, Song ci; mostly Traditional) into the .jsonl the
search benchmark imports: one {"title", "body", "type", "date"} per poem. Dates are synthetic (spread over
2000-2025, deterministic) so that date sorting and year facets have something to work on.

usage: npm pack chinese-poetry@2.0.1 && tar xzf chinese-poetry-2.0.1.tgz
       python3 poetry-to-jsonl.py package/dist poetry.jsonl
"""
import datetime, glob, json, os, sys

src, out = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(src, "quantangshi", "poet.*.json"))) + \
        sorted(glob.glob(os.path.join(src, "songci", "ci.song.*.json")))
base = datetime.date(2000, 1, 1)
n = 0
with open(out, "w", encoding="utf-8") as w:
    for f in files:
        kind = "词" if "/ci." in f.replace(os.sep, "/") else "诗"
        for p in json.load(open(f, encoding="utf-8")):
            title = p.get("title") or p.get("rhythmic") or "无题"
            body = "\n".join(p.get("paragraphs") or [])
            if p.get("author"):
                body = p["author"] + "\n" + body
            date = base + datetime.timedelta(days=(n * 7919) % 9400)
            w.write(json.dumps({"title": title, "body": body, "type": kind, "date": date.isoformat()}, ensure_ascii=False) + "\n")
            n += 1
print(n, "poems written to", out)
