#!/usr/bin/env python3
"""Measure the speed of every filter and of the whole pipeline.

usage: run.py [--corpus DIR] [--bin DIR] [--work DIR] [--mb N]

Generates the corpus with gencorpus.py when DIR holds none (default
build/bench/corpus, at least N MB, default 110). Then runs each filter
alone on its input staged beforehand by the filter before it (zj-decode on
the raw files, zj-segment on zj-decode's records, ...), and the whole
pipeline as `zj report` runs it, and prints a Markdown table: input MB,
seconds, MB/s of input, records/s, peak RSS (from wait4), and the speed of
`cat` on the same bytes as the ceiling. Timings are wall clock.
"""
import argparse, os, platform, subprocess, sys, tempfile, time

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


def count_records(path, bindir):
    out = subprocess.run(f"{bindir}/zj-dump {path} | wc -l", shell=True, capture_output=True, text=True,
                         check=True).stdout
    return int(out)


def cat_speed(paths, mb):
    start = time.monotonic()
    subprocess.run(["cat", *paths], stdout=subprocess.DEVNULL, check=True)
    return mb / (time.monotonic() - start)


def row(name, what, mb, seconds, cpu, records, rss_kb, cat):
    return (f"| {name} | {what} | {mb:.1f} | {seconds:.2f} | {cpu:.2f} | {mb / seconds:.1f} | "
            f"{records / seconds:,.0f} | {max(rss_kb) / 1024:.1f} | {cat:,.0f} |")


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

    # Each filter alone: its input is the previous filter's output, on disk.
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
        seconds, cpu, rss = run([argv], src_path, dst_path, name)
        if src:
            mb = os.path.getsize(src_path) / 1e6
            records, cat = count_records(src_path, b), cat_speed([src_path], mb)
        else:
            mb = raw_mb
            records, cat = count_records(dst_path, b), cat_speed(files, mb)
        rows.append(row(name, what, mb, seconds, cpu, records, rss, cat))

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
    print("| stage | input | input MB | s | CPU s | MB/s | records/s | peak RSS MB | cat MB/s |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|")
    print("\n".join(rows))
    print("\nMB/s and records/s are of the stage's input (zj-decode: raw bytes in, doc records out; the "
          "pipeline: raw bytes in, records of the labelled stream). s is wall-clock time, CPU s user + system time "
          "of all its processes; peak RSS is that of the largest process of the row. The pipeline is the one "
          "`zj report -t docs` runs.")


if __name__ == "__main__":
    main()
