#!/usr/bin/env python3
"""Hostile inputs for the tests/t9*.t hardening tests, written to stdout.

    hostile.py rand N [SEED]          N random bytes
    hostile.py deep-json DEPTH [T]    {"t":"x","v":[[[...]]]} as a JSON line (type T, not x)
    hostile.py deep-mpk DEPTH [T]     the same as MessagePack
    hostile.py bigstr MB              {"t":"x","s":"aaa..."} as MessagePack
    hostile.py doc TEXTFILE [ID]      a doc record of the file's text (MessagePack)
    hostile.py sent TEXTFILE          a sent record of the file's text (MessagePack)
    hostile.py sentences N            N lines of report-like sentences, each different
    hostile.py digits N               投入 + N digits + 元
    hostile.py dun N                  a heading, N 、 in a row, a sentence

MessagePack is packed here by hand (no module needed), so a record may be
bigger than any line-oriented tool likes.
"""
import random
import struct
import sys

out = sys.stdout.buffer


def pack(v):
    if v is None:
        return b"\xc0"
    if isinstance(v, bool):
        return b"\xc3" if v else b"\xc2"
    if isinstance(v, int):
        if 0 <= v < 128:
            return bytes([v])
        return b"\xd3" + struct.pack(">q", v)
    if isinstance(v, str):
        v = v.encode()
    if isinstance(v, bytes):
        n = len(v)
        head = bytes([0xA0 | n]) if n < 32 else b"\xdb" + struct.pack(">I", n)
        return head + v
    if isinstance(v, list):
        return b"\xdd" + struct.pack(">I", len(v)) + b"".join(pack(x) for x in v)
    if isinstance(v, dict):
        return (b"\xdf" + struct.pack(">I", len(v)) +
                b"".join(pack(k) + pack(x) for k, x in v.items()))
    raise TypeError(v)


def sentences(n):
    things = ["新建校舍", "培训教师", "资助学生", "改造操场", "配备电脑", "新增学位"]
    units = ["所", "名", "人次", "平方米", "台", "个"]
    return "".join(f"第{i % 97}项：全县{things[i % 6]}{i * 37 % 9973}{units[i % 6]}，"
                   f"投入资金{i % 89}。{i % 7}亿元，同比增长{i % 31}%。\n" for i in range(n))


def main(kind, *args):
    if kind == "rand":
        out.write(random.Random(int(args[1]) if len(args) > 1 else 9).randbytes(int(args[0])))
    elif kind == "deep-json":
        d = int(args[0])
        t = args[1] if len(args) > 1 else "x"
        out.write(b'{"t":"' + t.encode() + b'","v":' + b"[" * d + b"]" * d + b"}\n")
    elif kind == "deep-mpk":
        d = int(args[0])
        t = args[1] if len(args) > 1 else "x"
        out.write(b"\x82" + pack("t") + pack(t) + pack("v") + b"\x91" * (d - 1) + b"\x90")
    elif kind == "bigstr":
        out.write(pack({"t": "x", "s": b"a" * (int(args[0]) << 20)}))
    elif kind == "doc":
        text = open(args[0], "rb").read()
        out.write(pack({"t": "doc", "id": args[1] if len(args) > 1 else "h#1", "src": "h",
                        "n": 1, "text": text}))
    elif kind == "sent":
        text = open(args[0], "rb").read()
        out.write(pack({"t": "sent", "doc": "h#1", "sec": "", "i": 0, "text": text,
                        "start": 0, "end": len(text)}))
    elif kind == "sentences":
        out.write(sentences(int(args[0])).encode())
    elif kind == "digits":
        out.write(("投入" + "7" * int(args[0]) + "元。\n").encode())
    elif kind == "dun":
        out.write(("一、总体情况\n" + "、" * int(args[0]) + "\n今年新建校舍3所。\n").encode())
    else:
        sys.exit(f"hostile.py: unknown kind {kind}")


if __name__ == "__main__":
    main(*sys.argv[1:])
