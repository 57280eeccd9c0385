#!/usr/bin/env python3
"""Generate a benchmark corpus from the demo corpus.

usage: gencorpus.py [--demo DIR] [--out DIR] [--mb N] [--seed N]

Writes files of made-up reports into OUT (default build/bench/corpus) until
they hold at least N MB (default 110). Each report is assembled from the
headings and paragraphs of the demo corpus, shuffled, with new place names,
years and numbers, so that reports are varied and not near-duplicates of
one another. Files come in the encodings and shapes the toolkit meets:
UTF-8 (with and without BOM), GB18030, Big5 in traditional script (OpenCC
s2twp), UTF-16LE, saved HTML pages, document-sharing pages with page
markers cut into the text, and compilations of several reports. The demo
files themselves are copied in once. The output depends only on the seed.
"""
import argparse, os, random, re, shutil, subprocess, sys

TOP_MARK = re.compile(r"^[一二三四五六七八九十]+、")
SUB_MARK = re.compile(r"^（[一二三四五六七八九十]+）")
ITEM_MARK = re.compile(r"^\d+[.、．]\s*")
CN_NUM = "一二三四五六七八九十"
SYLLABLES = ("青禾石湄北沅溪源临川嘉兴宁安永丰长乐平阳新昌泰和兴隆清河东阳西华南山"
             "云台丰泽福田武宁龙泉凤城白沙金川玉林长宁汉阴")
SUFFIXES = ["县", "县", "县", "区", "市"]
CLOSINGS = ["特此总结。", "以上是我局本年度工作情况。", ""]
BOILER_HEAD = ["当前位置:首页 > 工作总结 > 部门工作总结 > 教育局工作总结",
               "上传人:x**** 文档编号:{n} 上传时间:2022-01-05 格式:DOC 页数:{p} 大小:{k}KB",
               "返回 下载 相关 举报",
               "亲,该文档总共{p}页,到这儿已超出免费预览范围,如果喜欢就下载吧!",
               "点击查看更多>>", "资源描述:"]
BOILER_TAIL = ["相关搜索", "电脑版 | 关于我们 | 联系我们", "京ICP备12345678号"]


def cn_ordinal(n):
    if n <= 10:
        return CN_NUM[n - 1]
    return "十" + (CN_NUM[n - 11] if n > 10 else "")


def read_demo(path):
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return None if ".big5." in name else raw.decode("utf-8", "replace")


class Pool:
    """Headings and paragraphs of the simplified demo reports."""

    def __init__(self, demo):
        self.tops, self.subs, self.items, self.bodies = [], [], [], []
        for name in sorted(os.listdir(demo)):
            if not name.endswith(".txt") or ".big5." in name:
                continue
            text = read_demo(os.path.join(demo, name))
            for line in (text or "").splitlines():
                self.add(line.strip().lstrip("\u3000"))
        if not (self.tops and self.bodies):
            sys.exit("gencorpus: no headings or paragraphs found in " + demo)

    def add(self, line):
        if len(line) < 6 or "*" in line or "XX" in line or "__" in line:
            return
        if TOP_MARK.match(line) and len(line) < 40:
            self.tops.append(TOP_MARK.sub("", line))
        elif SUB_MARK.match(line):
            self.subs.append(SUB_MARK.sub("", line))
        elif ITEM_MARK.match(line) and "。" in line:
            self.items.append(ITEM_MARK.sub("", line))
        elif line.count("。") >= 1 and len(line) > 40:
            self.bodies.append(line)


class Report:
    def __init__(self, pool, rnd):
        self.pool, self.rnd = pool, rnd
        self.region = "".join(rnd.sample(SYLLABLES, 2)) + rnd.choice(SUFFIXES)
        self.year = rnd.randint(2008, 2023)
        self.half = rnd.random() < 0.2

    def renumber(self, text):
        """New numbers of the same shape; years near the report's year."""
        def year(m):
            return str(self.year + self.rnd.choice((-1, 0, 0, 1))) + m.group(2)

        def digits(m):
            s = m.group(0)
            first = str(self.rnd.randint(1, 9)) if len(s) > 1 else str(self.rnd.randint(0, 9))
            return first + "".join(str(self.rnd.randint(0, 9)) for _ in s[1:])
        text = re.sub(r"(19|20)\d\d(年)", year, text)
        return re.sub(r"(?<![\d])\d+", lambda m: m.group(0) if re.match(r"20\d\d", m.group(0)) else digits(m), text)

    def title(self):
        return f"{self.region}教育局{self.year}年{'上半年' if self.half else ''}工作总结"

    def body(self, n):
        return [self.renumber(p) for p in self.rnd.sample(self.pool.bodies, min(n, len(self.pool.bodies)))]

    def section(self, ordinal):
        rnd = self.rnd
        lines = [f"{cn_ordinal(ordinal)}、{rnd.choice(self.pool.tops)}"]
        nsubs = rnd.choice((0, 2, 3, 4))
        if not nsubs:
            return lines + self.body(rnd.randint(1, 3))
        for i in range(1, nsubs + 1):
            lines.append(f"（{cn_ordinal(i)}）{self.renumber(rnd.choice(self.pool.subs))}")
            if self.pool.items and rnd.random() < 0.4:
                for j in range(1, rnd.randint(2, 4) + 1):
                    lines.append(f"{j}{rnd.choice('.、')}{self.renumber(rnd.choice(self.pool.items))}")
            else:
                lines += self.body(rnd.randint(0, 2))
        return lines

    def lines(self):
        rnd = self.rnd
        out = [self.title(), ""] + self.body(rnd.randint(1, 2))
        for i in range(1, rnd.randint(4, 8) + 1):
            out += self.section(i)
        closing = rnd.choice(CLOSINGS)
        if closing:
            out.append(closing)
        out += ["", f"{self.region}教育局", f"{self.year}年12月{rnd.randint(1, 28)}日"]
        return out


def docsite(lines, rnd):
    """A document-sharing page: upload boilerplate, then the text with
    `N、` page markers cut in every ~1500 characters, often mid-word."""
    text = "\n".join(lines)
    pages, out, pos, page = max(2, len(text) // 1500), [], 0, 1
    head = [l.format(n=rnd.randint(10**8, 10**9), p=pages, k=rnd.randint(15, 90)) for l in BOILER_HEAD]
    head.insert(1, lines[0])
    while pos < len(text):
        cut = min(len(text), pos + rnd.randint(1200, 1800))
        out.append(f"{page}、" + text[pos:cut])
        pos, page = cut, page + 1
    return head + "\n".join(out).split("\n") + BOILER_TAIL


def compilation(reports, rnd):
    out = [f"教育局工作总结范文{len(reports)}篇", "【导语】本文为大家整理了教育局工作总结，仅供参考。"]
    style = rnd.choice(("篇{n}", "【篇{n}】", "第{c}篇："))
    for n, lines in enumerate(reports, 1):
        out.append("教育局工作总结 " + style.format(n=n, c=cn_ordinal(n)))
        out += lines
    return out


def html_page(lines, charset):
    body = "\n".join(f"<p>{l}</p>" for l in lines if l)
    return (f'<!DOCTYPE html>\n<html><head><meta charset="{charset}">\n<title>{lines[0]}_工作总结</title>\n'
            f'<style>p{{text-indent:2em}}</style><script>var x=1;</script></head><body>\n'
            f'<div class="nav">首页 &gt; 工作总结</div>\n<div class="content">\n{body}\n</div>\n'
            f'<div id="footer">电脑版 &copy; 范文网</div></body></html>\n')


def to_traditional(texts):
    """Convert many texts to Taiwan-style traditional in one opencc run."""
    sep = "\nZJSPLITZJ\n"
    out = subprocess.run(["opencc", "-c", "s2twp.json"], input=sep.join(texts), capture_output=True,
                         text=True, check=True).stdout
    parts = out.split(sep)
    if len(parts) != len(texts):
        sys.exit("gencorpus: opencc changed the separator lines")
    return parts


# How files are written: (weight, suffix, encoding, shape).
KINDS = [(40, "txt", "utf-8", "plain"), (4, "txt", "utf-8-sig", "plain"),
         (18, "gb18030.txt", "gb18030", "plain"), (10, "big5.txt", "cp950", "trad"),
         (5, "utf16.txt", "utf-16", "plain"), (8, "txt", "utf-8", "docsite"),
         (5, "gbk.html", "gbk", "html"), (10, "txt", "utf-8", "compilation")]


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--demo", default=os.path.join(here, "..", "demo", "corpus"))
    ap.add_argument("--out", default=os.path.join(here, "..", "build", "bench", "corpus"))
    ap.add_argument("--mb", type=float, default=110)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd, pool = random.Random(args.seed), Pool(args.demo)
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    for name in sorted(os.listdir(args.demo)):
        if name.endswith((".txt", ".html")):
            shutil.copy(os.path.join(args.demo, name), args.out)
    weights = [k[0] for k in KINDS]
    total, n, trad = 0, 0, []
    while total < args.mb * 1e6:
        n += 1
        _, suffix, enc, shape = rnd.choices(KINDS, weights)[0]
        nrep = rnd.randint(2, 4) if shape == "compilation" else 1
        reports = [Report(pool, rnd).lines() for _ in range(nrep)]
        lines = compilation(reports, rnd) if shape == "compilation" else reports[0]
        if shape == "docsite":
            lines = docsite(lines, rnd)
        text = html_page(lines, enc) if shape == "html" else "\n".join(lines) + "\n"
        if n % 7 == 0:
            text = text.replace("\n", "\r\n")
        path = os.path.join(args.out, f"gen{n:05d}.{suffix}")
        if shape == "trad":
            trad.append((path, text))
            total += len(text.encode("utf-8"))
            continue
        data = text.encode(enc, "replace")
        open(path, "wb").write(data)
        total += len(data)
    for (path, _), text in zip(trad, to_traditional([t for _, t in trad])):
        open(path, "wb").write(text.encode("cp950", "replace"))
    size = sum(os.path.getsize(os.path.join(args.out, f)) for f in os.listdir(args.out))
    print(f"gencorpus: {len(os.listdir(args.out))} files, {size / 1e6:.1f} MB in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
