#!/usr/bin/env python3
"""virtkit benchmarks beside libvirt's: writes bench/RESULTS.md.

Instruction counts come from valgrind --tool=callgrind (this machine has no
hardware counters, and wall times are noisy): the API workload brackets each
phase with CALLGRIND_DUMP_STATS_AT, so each profile part holds exactly one
phase.  Wall times are medians of alternating runs, for context only.

    bench.py --virtkit BIN [--libvirt BIN] [--sizes 100,1000,10000]
             [--section FILE.md ...] [--out RESULTS.md]

Sections produced by other benchmarks (the shell, the LVE driver) are
included as given.
"""

import argparse
import datetime
import glob
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile

PHASES = ["define", "start", "list", "info", "lookup", "xml", "vcpu", "suspres", "teardown"]

# instructions per operation, test driver, N = 10000 (issue 6)
TARGETS = {
    "define": 100_000, "start": 20_000, "list": 2_000, "info": 1_500,
    "lookup": 2_000, "xml": 10_000, "vcpu": 3_000, "suspres": 5_000,
    "teardown": 10_000,
}
RSS_TARGET_KIB = 2.0
LIST_REPEATS = 100


def ops_of(phase, n):
    """Operations in a phase: list is 100 calls returning n + 1 domains."""
    if phase == "list":
        return LIST_REPEATS * (n + 1)
    return n


def callgrind(binary, n):
    """Instructions of each phase of one run under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out.%p")
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                        binary, str(n)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        counts = {}
        for part in glob.glob(os.path.join(tmp, "cg.out.*")):
            with open(part) as f:
                text = f.read()
            m = re.search(r"^desc: Trigger: Client Request: phase:(\w+)", text, re.M)
            t = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            if m and t:
                counts[m.group(1)] = int(t.group(1))
        return counts


def wall(binary, n):
    """us/op per phase and peak RSS (KiB) of one plain run."""
    out = subprocess.run([binary, str(n)], check=True, capture_output=True, text=True).stdout
    times, rss = {}, None
    for line in out.splitlines():
        f = line.split()
        if len(f) == 5 and f[0] in PHASES:
            times[f[0]] = float(f[4])
        elif f and f[0] == "peak_rss_kib":
            rss = int(f[1])
    return times, rss


def fmt(v):
    if v >= 10_000:
        return "%.1f k" % (v / 1000)
    return "%.0f" % v


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "%s, %d cores, %.0f GiB, %s %s" % (cpu, os.cpu_count(), mem, platform.system(),
                                               platform.release())


def instructions_table(libs, sizes, cg):
    big = max(sizes)
    lines = ["| phase | " + " | ".join("%s N=%d" % (lib, big) for lib in libs) +
             (" | ratio" if len(libs) > 1 else "") + " | target | met |",
             "|---|" + "---:|" * (len(libs) + (1 if len(libs) > 1 else 0) + 2)]
    for p in PHASES:
        per = [cg[lib][big][p] / ops_of(p, big) for lib in libs]
        row = "| %s | " % p + " | ".join(fmt(v) for v in per)
        if len(libs) > 1:
            row += " | %.1fx" % (per[1] / per[0])
        row += " | %s | %s |" % (fmt(TARGETS[p]), "yes" if per[0] <= TARGETS[p] else "**no**")
        lines.append(row)
    return lines


def linearity_table(sizes, cg):
    small, big = min(sizes), max(sizes)
    lines = ["| phase | " + " | ".join("N=%d" % n for n in sizes) +
             " | N=%d vs N=%d |" % (big, small),
             "|---|" + "---:|" * (len(sizes) + 1)]
    for p in PHASES:
        per = [cg["virtkit"][n][p] / ops_of(p, n) for n in sizes]
        drift = (per[-1] - per[0]) / per[0] * 100
        lines.append("| %s | " % p + " | ".join(fmt(v) for v in per) +
                     " | %+.1f %% %s |" % (drift, "" if abs(drift) <= 5 else "**over 5 %**"))
    return lines


def wall_table(libs, binaries, n, runs):
    samples = {lib: {p: [] for p in PHASES} for lib in libs}
    for _ in range(runs):
        for lib in libs:        # alternate, so drifts hit both alike
            times, _ = wall(binaries[lib], n)
            for p in PHASES:
                samples[lib][p].append(times[p])
    lines = ["| phase | " + " | ".join("%s us/op" % lib for lib in libs) + " |",
             "|---|" + "---:|" * len(libs)]
    for p in PHASES:
        lines.append("| %s | " % p + " | ".join(
            "%.3f" % statistics.median(samples[lib][p]) for lib in libs) + " |")
    return lines


def rss_lines(libs, binaries, sizes):
    small, big = min(sizes), max(sizes)
    lines = ["| library | peak RSS N=%d | peak RSS N=%d | per running domain |" % (small, big),
             "|---|---:|---:|---:|"]
    per = {}
    for lib in libs:
        _, a = wall(binaries[lib], small)
        _, b = wall(binaries[lib], big)
        per[lib] = (b - a) / (big - small)
        lines.append("| %s | %d KiB | %d KiB | %.2f KiB |" % (lib, a, b, per[lib]))
    met = "met" if per["virtkit"] <= RSS_TARGET_KIB else "**missed**"
    lines.append("")
    lines.append("Target: at most %.0f KiB per running domain: %s." % (RSS_TARGET_KIB, met))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--virtkit", required=True)
    ap.add_argument("--libvirt")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--section", action="append", default=[])
    ap.add_argument("--out", default="RESULTS.md")
    args = ap.parse_args()

    sizes = [int(s) for s in args.sizes.split(",")]
    binaries = {"virtkit": args.virtkit}
    if args.libvirt:
        binaries["libvirt"] = args.libvirt
    libs = list(binaries)
    cg = {lib: {} for lib in libs}
    for lib in libs:
        for n in sizes:
            print("callgrind: %s N=%d" % (lib, n), file=sys.stderr)
            cg[lib][n] = callgrind(binaries[lib], n)

    doc = ["# virtkit benchmark results", "",
           "Generated %s on %s by `make bench` (bench/bench.py)." %
           (datetime.date.today().isoformat(), machine()), "",
           "Instructions are counted by valgrind's callgrind, one profile part per phase of",
           "bench/api_workload.c (the team's workload, unchanged) against `test:///default`.",
           "An operation is one call of the phase (list: one returned domain).", "",
           "## Instructions per operation, N = %d" % max(sizes), ""]
    doc += instructions_table(libs, sizes, cg)
    doc += ["", "## Linearity: virtkit instructions per operation by N", ""]
    doc += linearity_table(sizes, cg)
    doc += ["", "## Wall time, median of %d alternating runs, N = %d (noisy; for context)" %
            (args.runs, max(sizes)), ""]
    doc += wall_table(libs, binaries, max(sizes), args.runs)
    doc += ["", "## Peak memory", ""]
    doc += rss_lines(libs, binaries, sizes)
    for section in args.section:
        if os.path.exists(section):
            with open(section) as f:
                doc += ["", f.read().rstrip()]
    with open(args.out, "w") as f:
        f.write("\n".join(doc) + "\n")
    print("wrote %s" % args.out, file=sys.stderr)


if __name__ == "__main__":
    main()
