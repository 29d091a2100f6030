"""Read the benchmark's RESULT lines (scripts/bench/run.sh, bench.lua) and compare each page
with the minimal view.

Each line: ``RESULT <round> <name> p50_ms=… p95_ms=… requests=… seconds=… bad=… errors=…``.
For every page and round, the ratio is the page's p50 (p95) over the minimal view's p50
(p95) of the same round; the report shows the median over the rounds, with the median
latencies. Warm-up lines are ignored.

Usage: report.py results.txt — prints a Markdown table; exits 1 if a target is missed or
any answer was bad (wrong status, or a POST that did not save a new entry).
"""

import os
import platform
import re
import statistics
import sys
from pathlib import Path

# Each page's p50 and p95 may be at most this many times the minimal view's (None: shown only).
TARGETS = {"today": 5, "timeline": 6, "progress": 8, "progress_year": None, "post_turn": 4}
LABELS = {
    "minimal": "Minimal view (1 tiny query)",
    "today": "Today",
    "timeline": "Timeline",
    "progress": "Progress (90 days, the default)",
    "progress_year": "Progress (1 year)",
    "post_turn": "Log a turn (POST)",
}


def parse(path):
    """{round: {name: {field: value}}}"""
    rounds = {}
    for line in Path(path).read_text().splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] != "RESULT" or parts[1] == "warmup":
            continue
        fields = {key: float(value) for key, value in (f.split("=") for f in parts[3:])}
        rounds.setdefault(parts[1], {})[parts[2]] = fields
    return rounds


def machine():
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        cpu = platform.processor() or "unknown CPU"
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def summarise(rounds):
    """{name: {p50, p95, rate, r50, r95, bad, errors}} as medians over the rounds."""
    summary = {}
    for name in LABELS:
        rows = [(r[name], r.get("minimal")) for r in rounds.values() if name in r and r.get("minimal")]
        if not rows:
            continue
        summary[name] = {
            "p50": statistics.median(row["p50_ms"] for row, _base in rows),
            "p95": statistics.median(row["p95_ms"] for row, _base in rows),
            "rate": statistics.median(row["requests"] / row["seconds"] for row, _base in rows if row["seconds"]),
            "r50": statistics.median(row["p50_ms"] / base["p50_ms"] for row, base in rows),
            "r95": statistics.median(row["p95_ms"] / base["p95_ms"] for row, base in rows),
            "bad": sum(row["bad"] for row, _base in rows),
            "errors": sum(row["errors"] for row, _base in rows),
            "rounds": len(rows),
        }
    return summary


def main(path):
    summary = summarise(parse(path))
    if "minimal" not in summary:
        sys.exit("no result for the minimal view")
    failed = []
    print(f"Machine: {machine()}; {summary['minimal']['rounds']} rounds")
    if os.environ.get("BENCH_LOAD_BEFORE"):
        # On a shared machine other work inflates long requests more than short ones.
        print(f"Load average (1, 5, 15 min) before: {os.environ['BENCH_LOAD_BEFORE']}, "
              f"after: {os.environ.get('BENCH_LOAD_AFTER', '?')}")
    print()
    print("| Page | p50 (ms) | p95 (ms) | req/s | p50 ratio | p95 ratio | target | |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, label in LABELS.items():
        row = summary.get(name)
        if row is None:
            continue
        target = TARGETS.get(name)
        ok = (target is None or (row["r50"] <= target and row["r95"] <= target)) \
            and not row["bad"] and not row["errors"]
        if not ok:
            failed.append(name)
        verdict = "ok" if ok else "MISSED"
        if row["bad"] or row["errors"]:
            verdict += f" ({int(row['bad'])} bad answers, {int(row['errors'])} errors)"
        shown_target = "" if name == "minimal" else (f"≤ {target}×" if target else "(shown)")
        if name == "minimal" and ok:
            verdict = ""
        print(f"| {label} | {row['p50']:.1f} | {row['p95']:.1f} | {row['rate']:.0f} | {row['r50']:.1f}× "
              f"| {row['r95']:.1f}× | {shown_target} | {verdict} |")
    print()
    print("All targets met." if not failed else f"Missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
