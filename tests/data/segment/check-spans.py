#!/usr/bin/env python3
"""Check zj-segment's output (JSON Lines on stdin) against the doc texts it
carries: every sent.text is its slice of the doc text, every sec span is
marker + spaces + title, spans come in order without overlap, sentence
indexes count from 0, every sent names a section written before it.
Prints a count of what it checked; exits 1 on the first fault."""
import json, sys

def fail(n, msg):
    sys.exit(f"check-spans: line {n}: {msg}")

docs, secs, last = {}, set(), {}
nsent = nsec = 0
for n, line in enumerate(sys.stdin, 1):
    r = json.loads(line)
    t = r.get("t")
    if t == "doc":
        docs[r["id"]] = r["text"].encode()
        last[r["id"]] = (0, -1)
        continue
    if t not in ("sec", "sent"):
        continue
    if r["doc"] not in docs:
        fail(n, f"{t} before its doc {r['doc']}")
    text = docs[r["doc"]]
    s, e = r["start"], r["end"]
    if not 0 <= s <= e <= len(text):
        fail(n, f"span {s}..{e} outside the text ({len(text)} bytes)")
    piece = text[s:e].decode()
    end, i = last[r["doc"]]
    if s < end:
        fail(n, f"span {s}..{e} overlaps the one before (ends {end})")
    if t == "sec":
        nsec += 1
        secs.add(r["id"])
        if not r["id"].startswith(r["doc"] + "/"):
            fail(n, f"sec id {r['id']} not under {r['doc']}")
        if not (piece.startswith(r["marker"]) and piece.endswith(r["title"])
                and piece[len(r["marker"]):len(piece) - len(r["title"])].strip() == ""):
            fail(n, f"sec span {piece!r} is not marker {r['marker']!r} + title {r['title']!r}")
        last[r["doc"]] = (s + len(r["marker"].encode()), i)
    else:
        nsent += 1
        if piece != r["text"]:
            fail(n, f"sent text {r['text']!r} != slice {piece!r}")
        if piece != piece.strip() or not piece:
            fail(n, f"sent {piece!r} is empty or has spaces around it")
        if r["i"] != i + 1:
            fail(n, f"sent i {r['i']} after {i}")
        if r["sec"] and r["sec"] not in secs:
            fail(n, f"sent names an unknown section {r['sec']}")
        last[r["doc"]] = (e, r["i"])
print(f"{len(docs)} docs, {nsec} secs, {nsent} sents: spans ok")
