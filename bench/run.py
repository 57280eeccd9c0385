#!/usr/bin/env python3
"""Measure the speed of every filter and of the whole pipeline.

usage: run.py [--corpus DIR] [--bin DIR] [--work DIR] [--mb N]

Generates the corpus with gencorpus.py when DIR holds none (default
build/bench/corpus, at least N MB, default 110). Then runs each filter
alone on its input staged beforehand by the filter before it (zj-decode on
the raw files, zj-segment on zj-decode's records, ...), timed writing to
/dev/null (the staging run is not timed), and the whole
pipeline as `zj report` runs it, and prints a Markdown table: input MB,
seconds, MB/s of input, records/s, num records/s where the input holds
them, peak RSS (from GNU time), and the speed of `cat` on the same bytes as
the ceiling. Timings are wall clock. zj-decode also runs on each kind of
input file alone (by file name), and the zj-tag-numbers run is reported a
second time as MB/s of the text of its sentences.
"""
import argparse, collections, functools, json, os, platform, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def run(procs_argv, stdin_path, stdout_path, tag):
    """Run argv lists as a pipeline from stdin_path to stdout_path.
    Returns (seconds, CPU seconds of all, [peak RSS in KB of each process]).
    Each program runs under GNU time for its peak RSS: a child's ru_maxrss
    would start at this Python's own."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fout = open(stdout_path, "wb")
    rssfiles = [tempfile.NamedTemporaryFile("r", prefix="zj-bench-rss.") for _ in procs_argv]
    start, procs, prev = time.monotonic(), [], fin
    for i, argv in enumerate(procs_argv):
        last = i == len(procs_argv) - 1
        argv = ["/usr/bin/time", "-f", "%M", "-o", rssfiles[i].name, *argv]
        p = subprocess.Popen(argv, stdin=prev, stdout=fout if last else subprocess.PIPE)
        if prev not in (fin, subprocess.DEVNULL):
            prev.close()
        prev = p.stdout
        procs.append(p)
    failed, cpu = [], 0.0
    for p in procs:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
        if p.returncode:
            failed.append(f"{p.args[5]} exited {p.returncode}")
    seconds = time.monotonic() - start
    fout.close()
    if fin is not subprocess.DEVNULL:
        fin.close()
    if failed:
        sys.exit(f"bench: {tag}: " + "; ".join(failed))
    return seconds, cpu, [int(f.read().split()[-1]) for f in rssfiles]


# Kinds of input file for the zj-decode rows, in the table's order, with the name endings that tell
# them apart as gencorpus.py names files (the demo files it copies keep their names: utf16.txt,
# saved-page.html). Every other *.txt is simplified UTF-8, with or without BOM.
INPUT_KINDS = [("simplified UTF-8", None), ("GB18030/GBK", ("gb18030.txt", "gbk.txt")),
               ("Big5 traditional", ("big5.txt",)), ("UTF-16", ("utf16.txt",)), ("HTML", (".html", ".htm"))]


def input_kind(path):
    name = os.path.basename(path)
    kind = next((kind for kind, ends in INPUT_KINDS if ends and name.endswith(ends)), None)
    return kind or ("simplified UTF-8" if name.endswith(".txt") else None)


@functools.lru_cache(maxsize=None)
def record_stats(path, bindir):
    """One zj-dump pass over an .mpk file: (count of records by type "t", UTF-8 bytes of the text of its
    sent records). Only sent records and records not led by "t" are parsed."""
    types, text = collections.Counter(), 0
    with subprocess.Popen([f"{bindir}/zj-dump", path], stdout=subprocess.PIPE) as p:
        for line in p.stdout:
            if line.startswith(b'{"t":"') and not line.startswith(b'{"t":"sent"'):
                types[line[6:line.index(b'"', 6)].decode()] += 1
                continue
            rec = json.loads(line)
            types[rec.get("t")] += 1
            if rec.get("t") == "sent":
                text += len(rec.get("text", "").encode("utf-8", "surrogatepass"))
    if p.returncode:
        sys.exit(f"bench: zj-dump {path} exited {p.returncode}")
    return types, text


def count_records(path, bindir, kind=None):
    types = record_stats(path, bindir)[0]
    return types[kind] if kind else sum(types.values())


def cat_speed(paths, mb):
    start = time.monotonic()
    subprocess.run(["cat", *paths], stdout=subprocess.DEVNULL, check=True)
    return mb / (time.monotonic() - start)


def row(name, what, mb, seconds, cpu, records, rss_kb, cat, nums=0):
    """A table row; nums (num records in the input) and cat (MB/s) are left empty when 0 or None."""
    nums = f"{nums / seconds:,.0f}" if nums else ""
    cat = f"{cat:,.0f}" if cat else ""
    return (f"| {name} | {what} | {mb:.1f} | {seconds:.2f} | {cpu:.2f} | {mb / seconds:.1f} | "
            f"{records / seconds:,.0f} | {nums} | {max(rss_kb) / 1024:.1f} | {cat} |")


def timed_run(argv, src_path, dst_path, tag):
    """Run argv from src_path once untimed to stage its output in dst_path
    (unless that is /dev/null), then time it writing to /dev/null: how fast
    the disk takes 600 MB is not the filter's speed, and in a pipeline its
    output goes to a pipe."""
    if dst_path != os.devnull:
        run([argv], src_path, dst_path, tag)
    return run([argv], src_path, os.devnull, tag)


def decode_kind_rows(files, bindir, stage):
    """zj-decode alone on the files of each input kind, all of them in one process."""
    rows = []
    for i, (kind, _) in enumerate(INPUT_KINDS):
        paths = [f for f in files if input_kind(f) == kind]
        if not paths:
            continue
        print(f"bench: zj-decode, {kind} ...", file=sys.stderr)
        out = stage(f"1-doc.kind{i}.mpk")  # a name of its own: record_stats remembers paths
        seconds, cpu, rss = timed_run([f"{bindir}/zj-decode", *paths], None, out, f"zj-decode, {kind}")
        mb = sum(os.path.getsize(f) for f in paths) / 1e6
        records = count_records(out, bindir)
        os.remove(out)
        rows.append(row(f"zj-decode, {kind}", f"{len(paths):,} raw files", mb, seconds, cpu, records, rss,
                        cat_speed(paths, mb)))
    return rows


def sentence_text_row(src_path, bindir, seconds, cpu, rss):
    """The zj-tag-numbers run again, as the sentences' text it reads."""
    sents, text = count_records(src_path, bindir, "sent"), record_stats(src_path, bindir)[1]
    return row("zj-tag-numbers (sentence text)", f"text of the {sents:,} sent records; same run", text / 1e6,
               seconds, cpu, sents, rss, None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(TOP, "build", "bench", "corpus"))
    ap.add_argument("--bin", default=os.path.join(TOP, "bin"))
    ap.add_argument("--work", default=os.path.join(TOP, "build", "bench", "stage"))
    ap.add_argument("--mb", type=float, default=110)
    args = ap.parse_args()
    b = os.path.abspath(args.bin)
    if not os.path.isdir(args.corpus) or not os.listdir(args.corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "gencorpus.py"), "--out", args.corpus,
                        "--mb", str(args.mb)], check=True)
    files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus))
    raw_mb = sum(os.path.getsize(f) for f in files) / 1e6
    os.makedirs(args.work, exist_ok=True)
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    stage = lambda n: os.path.join(args.work, n)

    # Each filter alone: its input is the previous filter's output, on disk;
    # its own output, timed, goes to /dev/null.
    steps = [("zj-decode", "raw files", None, "1-doc.mpk", [f"{b}/zj-decode", *files]),
             ("zj-segment --drop-text", "doc records", "1-doc.mpk", "2-seg.mpk",
              [f"{b}/zj-segment", "--drop-text"]),
             ("zj-tag-numbers", "sec+sent records", "2-seg.mpk", "3-num.mpk", [f"{b}/zj-tag-numbers"]),
             ("zj-classify-section", "+num records", "3-num.mpk", "4-sec.mpk", [f"{b}/zj-classify-section"]),
             ("zj-aggregate -t docs", "labelled records", "4-sec.mpk", os.devnull,
              [f"{b}/zj-aggregate", "-t", "docs"]),
             ("zj-aggregate -t indicators", "labelled records", "4-sec.mpk", os.devnull,
              [f"{b}/zj-aggregate", "-t", "indicators"])]
    rows = []
    for name, what, src, dst, argv in steps:
        print(f"bench: {name} ...", file=sys.stderr)
        src_path = stage(src) if src else None
        dst_path = stage(dst) if dst != os.devnull else os.devnull
        seconds, cpu, rss = timed_run(argv, src_path, dst_path, name)
        if src:
            mb = os.path.getsize(src_path) / 1e6
            records, cat = count_records(src_path, b), cat_speed([src_path], mb)
        else:
            mb = raw_mb
            records, cat = count_records(dst_path, b), cat_speed(files, mb)
        nums = count_records(src_path, b, "num") if src else 0
        rows.append(row(name, what, mb, seconds, cpu, records, rss, cat, nums))
        if name == "zj-decode":
            rows += decode_kind_rows(files, b, stage)
        if name == "zj-tag-numbers":
            rows.append(sentence_text_row(src_path, b, seconds, cpu, rss))

    print("bench: the whole pipeline ...", file=sys.stderr)
    seconds, cpu, rss = run([[f"{b}/zj-decode", *files], [f"{b}/zj-segment", "--drop-text"], [f"{b}/zj-tag-numbers"],
                        [f"{b}/zj-classify-section"], [f"{b}/zj-aggregate", "-t", "docs"]],
                       None, os.devnull, "pipeline")
    records = count_records(stage("4-sec.mpk"), b)
    rows.append(row("**whole pipeline**", "raw files, decode … aggregate -t docs", raw_mb, seconds, cpu,
                    records, rss, cat_speed(files, raw_mb)))

    print("bench: zj report ...", file=sys.stderr)
    seconds, cpu, rss = run([[f"{b}/zj", "report", *files]], None, os.devnull, "zj report")
    rows.append(row("zj report", "raw files; docs and domains tables", raw_mb, seconds, cpu, records, rss,
                    cat_speed(files, raw_mb)))

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Corpus: {len(files)} files, {raw_mb:.1f} MB ({args.corpus}); machine: {os.cpu_count()} CPUs, {cpu}, "
          f"{platform.system()} {platform.release()}; load average before: {load}.\n")
    print("| stage | input | input MB | s | CPU s | MB/s | records/s | num/s | peak RSS MB | cat MB/s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    print("\n".join(rows))
    print("\nMB/s and records/s are of the stage's input (zj-decode: raw bytes in, doc records out; the "
          "pipeline: raw bytes in, records of the labelled stream). s is wall-clock time, CPU s user + system time "
          "of all its processes; peak RSS is that of the largest process of the row. A filter alone writes to "
          "/dev/null while it is timed (its output for the next row is staged in a run of its own). The "
          "pipeline, to /dev/null too, is the one "
          "`zj report -t docs` runs. The zj-decode rows by kind each run one zj-decode on only the files of "
          "that kind, told apart by name (*.gb18030.txt and *.gbk.txt, *.big5.txt, *utf16.txt, *.html; "
          "simplified UTF-8 is every other *.txt, with or without BOM). The sentence-text row is the "
          "zj-tag-numbers run above, counted as the UTF-8 bytes of the text of the sent records in its input "
          "and as sent records/s. num/s is the num records in the stage's input per second, for the stages "
          "whose input holds them (zj-classify-section, zj-aggregate).")


if __name__ == "__main__":
    main()
