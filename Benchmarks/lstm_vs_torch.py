#!/usr/bin/env python3
"""Side-by-side LSTM training throughput: our NeuralNet engine vs PyTorch on the same shapes.

Runs `NeuralNetBench` (release build) and `torch_lstm.py` alternately `--runs` times, takes the
median samples/s of each network and thread count, and prints the ratio (ours / torch; for the
single-sample latencies, torch / ours, so above 1 means faster either way). "train, fastest step" is
each run's fastest training batch (both engines time every batch): on a shared machine it is the
steadiest figure, since a batch that ran while another process held the core is never the fastest.
Needs torch: `python3 -m venv Benchmarks/.venv && Benchmarks/.venv/bin/pip install torch`
(≈3 GB from PyPI; the venv is git-ignored). Run from the package root:
    python3 Benchmarks/lstm_vs_torch.py --runs 3 --steps 15
`--bench PATH` runs a saved NeuralNetBench binary instead of building one; `--before PATH` also runs an
older binary in the same rounds and adds its medians and the gain (after / before; before / after for
latencies). `--threads 1` limits both engines to one thread count.
"""
import argparse, os, re, statistics, subprocess, sys

LINE = re.compile(r"^\s*(train|inference batch 1024), (\d) thread\(s\): ([0-9.]+) samples/s")
LATENCY = re.compile(r"single-sample latency median ([0-9.]+) ms, p99 ([0-9.]+) ms")
FASTEST = re.compile(r"\(fastest step ([0-9.]+)\)")


def parse(text):
    results, network = {}, None
    for line in text.splitlines():
        if line.startswith("("):
            network = line[:3]
        match = LINE.match(line)
        if match and network:
            results[(network, match.group(1), int(match.group(2)))] = float(match.group(3))
            fastest = FASTEST.search(line)
            if fastest:
                results[(network, "train, fastest step", int(match.group(2)))] = float(fastest.group(1))
            latency = LATENCY.search(line)
            if latency:
                results[(network, "latency median ms", int(match.group(2)))] = float(latency.group(1))
                results[(network, "latency p99 ms", int(match.group(2)))] = float(latency.group(2))
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--bench", help="a saved NeuralNetBench binary to run instead of building one")
    parser.add_argument("--before", help="an older NeuralNetBench binary run in the same rounds (before/after table)")
    parser.add_argument("--threads", default="1,2", help="thread counts, e.g. 1")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bench = args.bench
    if bench is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "NeuralNetBench"], cwd=root, check=True)
        bench = os.path.join(root, ".build/release/NeuralNetBench")
    ours_args = ["--steps", str(args.steps), "--sections", "a,b,train,infer", "--threads", args.threads]
    venv_python = os.path.join(root, "Benchmarks/.venv/bin/python")
    torch_cmd = [venv_python if os.path.exists(venv_python) else sys.executable,
                 os.path.join(root, "Benchmarks/torch_lstm.py"), "--steps", str(args.steps),
                 "--threads", *args.threads.split(",")]
    ours, theirs, before = [], [], []
    for run in range(args.runs):
        ours.append(parse(subprocess.run([bench, *ours_args], capture_output=True, text=True, check=True).stdout))
        theirs.append(parse(subprocess.run(torch_cmd, capture_output=True, text=True, check=True).stdout))
        if args.before:
            before.append(parse(subprocess.run([args.before, *ours_args], capture_output=True, text=True, check=True).stdout))
        print(f"run {run + 1} of {args.runs} done", file=sys.stderr)
    extra = f" {'before':>10} {'gain':>6}" if args.before else ""
    print(f"{'network':8} {'what':24} {'threads':>7} {'ours':>10} {'torch':>10} {'ratio':>7}{extra}   ranges (ours; torch)")
    for key in sorted(ours[0]):
        a_values = [r[key] for r in ours if key in r]
        b_values = [r[key] for r in theirs if key in r]
        a = statistics.median(a_values)
        b = statistics.median(b_values) if b_values else float("nan")
        # Rates: ratio = ours / torch. Latencies (ms, lower is better): ratio = torch / ours.
        latency = "latency" in key[1]
        ratio = b / a if latency else a / b
        digits = 3 if latency else 0
        spread = (f"{min(a_values):.{digits}f}-{max(a_values):.{digits}f}; "
                  + (f"{min(b_values):.{digits}f}-{max(b_values):.{digits}f}" if b_values else "-"))
        column = ""
        if args.before:
            c_values = [r[key] for r in before if key in r]
            c = statistics.median(c_values) if c_values else float("nan")
            column = f" {c:>10.{max(digits, 1)}f} {(c / a if latency else a / c):>5.2f}x"
        print(f"{key[0]:8} {key[1]:24} {key[2]:>7} {a:>10.{max(digits, 1)}f} {b:>10.{max(digits, 1)}f} {ratio:>7.2f}x{column}   {spread}")


if __name__ == "__main__":
    main()
