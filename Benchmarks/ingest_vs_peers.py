#!/usr/bin/env python3
"""Ingest + weekly resample (ANCHORS.md) side by side: our IngestBench against polars, duckdb and pandas.

Generates the synthetic files with ../shared/bench/gen.py into Benchmarks/.data (git-ignored), builds
IngestBench in release mode, then for each format runs every tool `--runs` times, interleaved, and prints
the median wall time (process, as measured here), the median in-process seconds, peak RSS (wait4's
ru_maxrss) and our time/memory as a ratio of each peer's. Peers that are not importable are skipped:

    python3 -m venv Benchmarks/.venv && Benchmarks/.venv/bin/pip install numpy pyarrow xlsxwriter polars duckdb pandas
    Benchmarks/.venv/bin/python Benchmarks/ingest_vs_peers.py --runs 3            # full: 10M-row CSV/Parquet
    Benchmarks/.venv/bin/python Benchmarks/ingest_vs_peers.py --rows 200000       # quick
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED_BENCH = os.path.normpath(os.path.join(ROOT, "..", "..", "shared", "bench"))
if not os.path.isdir(SHARED_BENCH):
    SHARED_BENCH = "/work/shared/bench"
DATA = os.path.join(HERE, ".data")

# (label, file name, format, peers as (tool, variant)); labels and names carry the row count gen.py uses
FULL = [
    ("CSV 10M", "tx_10m.csv", "csv", [("polars", "lazy_stream"), ("duckdb", "sql"), ("pandas", "c")]),
    ("Parquet snappy 10M", "tx_10m_snappy.parquet", "parquet", [("polars", "lazy_stream"), ("duckdb", "sql"), ("pandas", "pyarrow")]),
    ("Parquet zstd 10M", "tx_10m_zstd.parquet", "parquet", [("polars", "lazy_stream"), ("duckdb", "sql"), ("pandas", "pyarrow")]),
    ("JSON Lines 1M", "tx_1m.jsonl", "jsonl", [("polars", "lazy_stream"), ("duckdb", "sql"), ("pandas", "ujson")]),
    ("XLSX 100k", "tx_100k.xlsx", "xlsx", [("polars", "calamine"), ("pandas", "openpyxl")]),
]


def importable(module):
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0




def run_measured(cmd):
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = None
    for line in out.decode().splitlines()[::-1]:
        if line.startswith("{"):
            result = json.loads(line)
            break
    if proc.returncode != 0 or result is None:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, result


def generate_full():
    want = [f for _, f, _, _ in FULL if not os.path.exists(os.path.join(DATA, f))]
    if want:
        subprocess.run([sys.executable, os.path.join(SHARED_BENCH, "gen.py"), "--outdir", DATA, "--only", *want], check=True)
    return [(label, os.path.join(DATA, f), fmt, peers) for label, f, fmt, peers in FULL]


def size_tag(rows):
    return f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else f"{rows // 1000}k" if rows % 1000 == 0 else str(rows)


def rows_jobs(n):
    """The files of a `--rows n` run: same names as gen.py's with the row count changed (XLSX capped at 100k)."""
    jobs = []
    for label, name, fmt, peers in FULL:
        rows = min(n, 100_000) if fmt == "xlsx" else n
        tag = size_tag(rows)
        old = label.split(" ")[-1]
        file = name.replace(old.lower(), tag)
        jobs.append((label.replace(old, tag), os.path.join(DATA, f"rows_{n}", file), fmt, peers))
    return jobs


def generate_rows(n):
    """Writes the `--rows n` files (run in a child process so this one stays small: children inherit its RSS peak)."""
    sys.path.insert(0, SHARED_BENCH)
    import gen
    import pyarrow.parquet as pq
    os.makedirs(os.path.join(DATA, f"rows_{n}"), exist_ok=True)
    tables = {}
    for label, path, fmt, _ in rows_jobs(n):
        if os.path.exists(path):
            continue
        rows = min(n, 100_000) if fmt == "xlsx" else n
        t = tables.setdefault(rows, gen.make_table(rows, gen.SEED))
        if fmt == "csv":
            gen.write_csv(t, path)
        elif fmt == "parquet":
            pq.write_table(t, path, compression="zstd" if "zstd" in path else "snappy")
        elif fmt == "jsonl":
            gen.write_jsonl(t, path)
        elif fmt == "xlsx":
            gen.write_xlsx(t, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, help="generate files of this many rows instead of gen.py's full set")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2, help="IngestBench threads")
    ap.add_argument("--formats", nargs="*", help="csv parquet jsonl xlsx (default: all)")
    ap.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.generate_only:
        generate_rows(a.rows)
        return

    subprocess.run(["swift", "build", "-c", "release", "--product", "IngestBench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    ours = os.path.join(ROOT, ".build", "release", "IngestBench")
    if a.rows:
        subprocess.run([sys.executable, os.path.abspath(__file__), "--rows", str(a.rows), "--generate-only"], check=True)
        jobs = rows_jobs(a.rows)
    else:
        jobs = generate_full()
    if a.formats:
        jobs = [j for j in jobs if j[2] in a.formats]
    available = {m: importable(m) for m in ["polars", "duckdb", "pandas"]}
    ingest = os.path.join(SHARED_BENCH, "ingest.py")
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# machine: {model}, {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; runs: {a.runs}")

    rows_out = []
    for label, path, fmt, peers in jobs:
        tools = [("demandplanner", [ours, path, "--threads", str(a.threads)])]
        for tool, variant in peers:
            if available.get(tool):
                tools.append((f"{tool} {variant}", [sys.executable, ingest, tool, variant, fmt, path]))
        samples = {name: [] for name, _ in tools}
        for _ in range(a.runs):
            for name, cmd in tools:
                try:
                    samples[name].append(run_measured(cmd))
                except RuntimeError as error:
                    print(f"  {name} on {label}: {error}", file=sys.stderr)
        medians = {}
        for name, runs in samples.items():
            if not runs:
                continue
            wall = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            inner = statistics.median(r[2].get("seconds", r[2].get("t_work", 0.0)) for r in runs)
            check = {(r[2].get("groups", r[2].get("n_groups")), r[2].get("quantity", r[2].get("qty_sum"))) for r in runs}
            medians[name] = (wall, rss, inner, check)
        base = medians.get("demandplanner")
        for name, (wall, rss, inner, check) in medians.items():
            ratio = "" if name == "demandplanner" or not base else f"{base[0] / wall:.2f}x time, {base[1] / rss:.2f}x RSS"
            groups, total = next(iter(check))
            rows_out.append((label, name, wall, inner, rss, f"{groups:,} / {total:,}", ratio))
            print(f"{label:28} {name:22} wall {wall:7.2f}s  in-process {inner:6.2f}s  peak RSS {rss:7.0f} MiB  "
                  f"groups/total {groups:,}/{total:,}  {ratio}", flush=True)
    print()
    print("| file | tool | wall s (median) | in-process s | peak RSS MiB | groups / total | ours vs this peer |")
    print("|---|---|---:|---:|---:|---|---|")
    for label, name, wall, inner, rss, check, ratio in rows_out:
        print(f"| {label} | {name} | {wall:.2f} | {inner:.2f} | {rss:.0f} | {check} | {ratio} |")


if __name__ == "__main__":
    main()
