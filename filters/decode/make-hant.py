#!/usr/bin/env python3
"""Write hant.tsv: the Han characters only traditional script uses.

usage: make-hant.py [CONFIG] > hant.tsv

A character is traditional when OpenCC's CONFIG (default hk2s.json, the
conversion zj-decode uses) changes it on its own. zj-decode counts these
characters to tell a traditional-script document, without loading OpenCC
for the many documents that are simplified. Run it again when OpenCC's
dictionaries change; tests/t3002 checks the file against the installed
OpenCC when its command is there.
"""
import subprocess
import sys

HAN = range(0x3400, 0xA000)
PER_LINE = 40


def main():
    config = sys.argv[1] if len(sys.argv) > 1 else "hk2s.json"
    chars = [chr(c) for c in HAN]
    out = subprocess.run(["opencc", "-c", config], input="\n".join(chars).encode() + b"\n",
                         capture_output=True, check=True).stdout.decode().split("\n")
    hant = "".join(c for c, o in zip(chars, out) if c != o)
    print(f"# zj-decode: the Han characters only traditional script uses: those OpenCC's\n"
          f"# {config} changes on their own. Made by make-hant.py; any number a line.")
    for i in range(0, len(hant), PER_LINE):
        print(hant[i:i + PER_LINE])


if __name__ == "__main__":
    main()
