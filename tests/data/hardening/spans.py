#!/usr/bin/env python3
"""Check the spans of a MessagePack record stream on stdin (the doc text
kept): every sent's text and every num's surface is, byte for byte, its
slice of the doc text, and every sec, sent and num span lies inside it.
Reads MessagePack itself, so invalid UTF-8 is compared as the bytes it is.
Prints "SECS SENTS NUMS"; exits 1 on the first fault."""
import struct
import sys

data = sys.stdin.buffer.read()
FIXED = {0xc0: None, 0xc2: False, 0xc3: True}
INTS = {0xcc: ">B", 0xcd: ">H", 0xce: ">I", 0xcf: ">Q",
        0xd0: ">b", 0xd1: ">h", 0xd2: ">i", 0xd3: ">q", 0xca: ">f", 0xcb: ">d"}
LENS = {0xd9: ">B", 0xda: ">H", 0xdb: ">I", 0xc4: ">B", 0xc5: ">H", 0xc6: ">I"}


def take(fmt, pos):
    n = struct.calcsize(fmt)
    return struct.unpack_from(fmt, data, pos)[0], pos + n


def value(pos):
    b = data[pos]
    pos += 1
    if b < 0x80 or b >= 0xe0:
        return (b if b < 0x80 else b - 0x100), pos
    if b in FIXED:
        return FIXED[b], pos
    if b in INTS:
        return take(INTS[b], pos)
    if 0xa0 <= b <= 0xbf or b in LENS:
        n, pos = (b & 31, pos) if b <= 0xbf else take(LENS[b], pos)
        return data[pos:pos + n], pos + n
    if 0x80 <= b <= 0x8f or b in (0xde, 0xdf):
        n, pos = (b & 15, pos) if b <= 0x8f else take(">H" if b == 0xde else ">I", pos)
        m = {}
        for _ in range(n):
            k, pos = value(pos)
            m[k], pos = value(pos)
        return m, pos
    if 0x90 <= b <= 0x9f or b in (0xdc, 0xdd):
        n, pos = (b & 15, pos) if b <= 0x9f else take(">H" if b == 0xdc else ">I", pos)
        a = []
        for _ in range(n):
            x, pos = value(pos)
            a.append(x)
        return a, pos
    sys.exit(f"spans: byte {pos - 1}: MessagePack type {b:#x} not handled")


text = None
count = {b"sec": 0, b"sent": 0, b"num": 0}
pos = no = 0
while pos < len(data):
    r, pos = value(pos)
    no += 1
    t = r.get(b"t")
    if t == b"doc":
        text = r[b"text"]
        continue
    if t not in count:
        continue
    count[t] += 1
    s, e = r[b"start"], r[b"end"]
    if text is None or not 0 <= s <= e <= len(text):
        sys.exit(f"spans: record {no}: {t.decode()} span {s}..{e} outside the doc text")
    want = r.get(b"text") if t == b"sent" else r.get(b"surface") if t == b"num" else None
    if want is not None and text[s:e] != want:
        sys.exit(f"spans: record {no}: {t.decode()} {want[:40]!r} is not its span {text[s:e][:40]!r}")
print(count[b"sec"], count[b"sent"], count[b"num"])
