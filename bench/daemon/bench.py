#!/usr/bin/python3
"""bench.py: virtkitd against libvirtd 9.0, both serving a test driver

    bench.py --builddir DIR --out RESULTS.md [--sizes N] [--rates 1,4,16,64]
             [--hold 1000]

Both daemons listen on unix sockets in a temporary directory and serve
test:///default; the clients are built against Debian's libvirt (the
team's bench/api_workload.c, bench/daemon/rpc_load.c), so the two daemons
see exactly the same calls.  Measured:
  1. instructions per call in the daemon: the daemon under callgrind,
     its profile dumped at each phase boundary of api_workload (a stand-in
     callgrind.h in the client runs callgrind_control on the daemon),
     divided by the calls of the phase (virtkitd counts them: calls to
     vkdDispatchCall; libvirtd's virNetServerProgramDispatch for a check);
  2. calls per second the client sees: api_workload's phases, and
     rpc_load rate at several concurrencies (threads, one connection each);
  3. memory per idle connection: the daemon's RSS before and after
     rpc_load hold opens 1000 connections that each called list.
"""
import argparse
import glob
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

LIBVIRTD_CONF = """unix_sock_dir = "{dir}"
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_rw_perms = "0700"
max_clients = 5000
max_anonymous_clients = 5000
log_outputs = "3:stderr"
"""


class Daemon:
    def __init__(self, name, work, builddir, valgrind=None):
        self.name = name
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir, exist_ok=True)
        if name == "virtkitd":
            self.sock = os.path.join(self.dir, "sock")
            conf = os.path.join(self.dir, "virtkitd.conf")
            with open(conf, "w") as f:
                f.write("log_level = 3\nmax_clients = 5000\n")
            cmd = [os.path.join(builddir, "daemon", ".libs", "virtkitd"), "--config", conf,
                   "--socket", self.sock, "--socket-ro", self.sock + "-ro"]
        else:
            self.sock = os.path.join(self.dir, "libvirt-sock")
            conf = os.path.join(self.dir, "libvirtd.conf")
            with open(conf, "w") as f:
                f.write(LIBVIRTD_CONF.format(dir=self.dir))
            cmd = ["/usr/sbin/libvirtd", "--config", conf,
                   "--pid-file", os.path.join(self.dir, "libvirtd.pid")]
        self.profile = None
        if valgrind:
            self.profile = os.path.join(self.dir, "callgrind.out")
            cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + self.profile] + cmd
        env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(builddir, "src", ".libs"))
        for p in glob.glob(os.path.join(self.dir, "*sock*")):
            os.unlink(p)
        self.log = open(os.path.join(self.dir, "daemon.log"), "a")
        self.proc = subprocess.Popen(cmd, stderr=self.log, env=env)
        deadline = time.time() + 300
        while not os.path.exists(self.sock):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("%s did not start, see %s" % (name, self.log.name))
            time.sleep(0.1)
        time.sleep(1 if valgrind else 0.2)

    def uri(self):
        return "test+unix:///default?socket=" + self.sock

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(600)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def callgrind_part(path, counted):
    """(instructions, calls of the function @counted) of one profile part."""
    ids, total, calls, callee = {}, 0, 0, None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("summary:"):
                total = int(line.split()[1])
            elif line.startswith(("fn=", "cfn=")):
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
                if m:
                    if m.group(2):
                        ids[m.group(1)] = m.group(2)
                    name = ids.get(m.group(1))
                else:
                    name = line.split("=", 1)[1].strip()
                if line.startswith("cfn="):
                    callee = name
            elif line.startswith("calls=") and callee == counted:
                calls += int(line[6:].split()[0])
    return total, calls


def profile_phases(daemon, counted):
    """{phase: (instructions, calls)} from the daemon's profile parts."""
    phases = {}
    for path in glob.glob(daemon.profile + ".*"):
        with open(path, errors="replace") as f:
            head = f.read(4096)
        m = re.search(r"^desc: Trigger: dump phase:(\w+)", head, re.M)
        if m:
            phases[m.group(1)] = callgrind_part(path, counted)
    return phases


def run_workload(binary, daemon, n, marks):
    env = dict(os.environ, BENCH_URI=daemon.uri())
    if marks:
        env["BENCH_DAEMON_PID"] = str(daemon.proc.pid)
    out = subprocess.run([binary, str(n)], env=env, capture_output=True, text=True, check=True)
    phases = {}
    for line in out.stdout.splitlines():
        fields = line.split()
        if line.startswith("#") or len(fields) != 5:
            continue
        phases[fields[0]] = (int(fields[2]), float(fields[4]))     # ops, us per op
    return phases


def measure_instructions(args, work, results):
    for name, counted in (("virtkitd", "vkdDispatchCall"),
                          ("libvirtd", "virNetServerProgramDispatch")):
        d = Daemon(name, work, args.builddir, valgrind=True)
        run_workload(args.workload, d, args.size, marks=True)
        d.stop()
        results[name]["instr"] = profile_phases(d, counted)
        info = [p for p in glob.glob(d.profile + ".*")
                if "dump phase:info\n" in open(p, errors="replace").read(4096)]
        results[name]["selfcost"] = self_costs(info[0]) if info else {}


def measure_rates(args, work, results):
    for name in ("virtkitd", "libvirtd"):
        d = Daemon(name, work, args.builddir)
        results[name]["workload"] = run_workload(args.workload, d, args.size, marks=False)
        rates = {}
        for threads in args.rates:
            out = subprocess.run([args.load, "rate", d.uri(), str(threads), str(args.seconds)],
                                 capture_output=True, text=True)
            m = re.search(r"rate (\d+) failed (\d+)", out.stdout)
            rates[threads] = (int(m.group(1)), int(m.group(2))) if m else (0, -1)
        results[name]["rates"] = rates
        before = d.rss_kib()
        holder = subprocess.Popen([args.load, "hold", d.uri(), str(args.hold)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = holder.stdout.readline()
        time.sleep(1)
        after = d.rss_kib()
        holder.stdin.close()
        holder.wait(600)
        m = re.search(r"held (\d+) errors (\d+)", line)
        results[name]["hold"] = (before, after, int(m.group(2)) if m else -1)
        d.stop()


def md_instructions(results, size):
    vk, lv = results["virtkitd"]["instr"], results["libvirtd"]["instr"]
    rows = ["| phase | calls | virtkitd instr/call | libvirtd instr/call | ratio |",
            "|---|---:|---:|---:|---:|"]
    tot = [0, 0, 0]
    for phase in ["open", "define", "start", "list", "info", "lookup", "xml", "vcpu",
                  "suspres", "teardown", "close"]:
        if phase not in vk or phase not in lv:
            continue
        (vi, calls), (li, lcalls) = vk[phase], lv[phase]
        if not calls:
            continue
        tot[0] += calls
        tot[1] += vi
        tot[2] += li
        rows.append("| %s | %d | %s | %s | %.1fx |" % (phase, calls, fmt(vi / calls),
                                                        fmt(li / calls), li / vi))
    rows.append("| **all** | %d | %s | %s | **%.1fx** |" % (tot[0], fmt(tot[1] / tot[0]),
                                                            fmt(tot[2] / tot[0]), tot[2] / tot[1]))
    check = "libvirtd's own count of dispatched calls agrees" if all(
        lv[p][1] in (vk[p][1], 0) for p in vk if p in lv) else "libvirtd counted other calls"
    return rows, tot, check


def fmt(x):
    return "{:,.0f}".format(x).replace(",", " ")


def self_costs(path):
    """{function: instructions it ran itself} of one profile part: the cost
    lines under each fn=, not the inclusive ones after a calls= line."""
    ids, cost, fn, skip = {}, {}, None, False
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(("fn=", "cfn=")):
                m = re.match(r"c?fn=\((\d+)\)(?: (.*))?$", line)
                if m and m.group(2):
                    ids[m.group(1)] = m.group(2)
                if line.startswith("fn="):
                    fn = ids.get(m.group(1)) if m else line[3:]
            elif line.startswith("calls="):
                skip = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                if skip:
                    skip = False
                elif fn and len(line.split()) >= 2:
                    cost[fn] = cost.get(fn, 0) + int(line.split()[1])
    return cost


def top_functions(cost, calls, limit=15):
    """The functions that cost most themselves (not their callees)."""
    total = sum(cost.values()) or 1
    return ["| %s | %s | %.1f%% |" % (fn, fmt(c / calls), 100.0 * c / total)
            for fn, c in sorted(cost.items(), key=lambda x: -x[1])[:limit]]


def write_report(args, results, path):
    rows, tot, check = md_instructions(results, args.size)
    ratio = tot[2] / tot[1]
    lines = ["## virtkitd against libvirtd", "",
             "Written by `make bench-daemon` (bench/daemon/bench.py).  Both daemons serve their",
             "test driver (`test:///default`) on unix sockets in a temporary directory; every",
             "client is built against Debian's libvirt 9.0 and goes through libvirt's own remote",
             "driver, so the two daemons receive the very same calls.", "",
             "### Instructions per call in the daemon", "",
             "The team's workload (bench/api_workload.c, N = %d domains, its URI pointed at the"
             % args.size,
             "daemon's socket) against the daemon running under callgrind; a stand-in",
             "`valgrind/callgrind.h` in the client dumps the *daemon's* profile at each phase",
             "boundary.  Calls per phase: virtkitd's count of dispatched calls (%s)." % check,
             "All threads of the daemon count; startup and shutdown do not.", ""]
    lines += rows
    lines += ["", "Goal: at least 5x fewer instructions per call than libvirtd: **%s** (%.1fx)."
              % ("met" if ratio >= 5 else "missed", ratio), ""]
    for name in ("virtkitd", "libvirtd"):
        calls = results["virtkitd"]["instr"].get("info", (0, 1))[1] or 1
        lines += ["Where %s's instructions go in the info phase (virDomainGetInfo), by what"
                  % name, "each function runs itself, callees apart:", "",
                  "| function | instr/call | share |", "|---|---:|---:|"]
        lines += top_functions(results[name]["selfcost"], calls)
        lines.append("")
    lines += ["", "### Calls per second seen by the client", "",
              "`rpc_load rate`: THREADS threads, each with its own connection, calling",
              "virDomainGetInfo for %d s." % args.seconds, "",
              "| threads | virtkitd calls/s | libvirtd calls/s | ratio |", "|---:|---:|---:|---:|"]
    met = True
    for t in args.rates:
        v, l = results["virtkitd"]["rates"][t][0], results["libvirtd"]["rates"][t][0]
        met = met and v >= l and l > 0
        lines.append("| %d | %s | %s | %.2fx |" % (t, fmt(v), fmt(l), v / l if l else 0))
    lines += ["", "Goal: at least libvirtd's calls per second at every concurrency: **%s**."
              % ("met" if met else "missed"), "",
              "api_workload through each daemon (microseconds per operation, as the client sees):",
              "", "| phase | ops | virtkitd us/op | libvirtd us/op |", "|---|---:|---:|---:|"]
    vw, lw = results["virtkitd"]["workload"], results["libvirtd"]["workload"]
    for phase in vw:
        if phase in lw:
            lines.append("| %s | %d | %.1f | %.1f |" % (phase, vw[phase][0], vw[phase][1],
                                                       lw[phase][1]))
    lines += ["", "### Memory per idle connection", "",
              "`rpc_load hold`: %d connections opened at once, each calling list, then held;"
              % args.hold, "the daemon's RSS before and while they are held.", "",
              "| daemon | RSS before | RSS with %d held | per connection | errors |" % args.hold,
              "|---|---:|---:|---:|---:|"]
    for name in ("virtkitd", "libvirtd"):
        before, after, errors = results[name]["hold"]
        lines.append("| %s | %s KiB | %s KiB | %.1f KiB | %d |" % (
            name, fmt(before), fmt(after), (after - before) / args.hold, errors))
    lines += ["", "Machine: %s, %d CPUs, load average %.1f when the run ended." % (
        os.uname().machine, os.cpu_count(), os.getloadavg()[0]),
              "Instruction counts repeat within a few percent from run to run; rates and",
              "timings depend on what else the machine runs (phases of one operation, open",
              "and close, are single measurements).", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def prepare():
    """libvirtd needs the user and groups its QEMU driver names."""
    if os.geteuid() != 0:
        sys.exit("bench-daemon: libvirtd must run as root here (run as root)")
    if subprocess.run(["getent", "group", "kvm"], capture_output=True).returncode:
        subprocess.run(["groupadd", "-r", "kvm"], check=True)
    if subprocess.run(["getent", "passwd", "libvirt-qemu"], capture_output=True).returncode:
        subprocess.run(["useradd", "-r", "-U", "-G", "kvm", "-M", "-d", "/nonexistent",
                        "-s", "/usr/sbin/nologin", "libvirt-qemu"], check=True)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(hard, 8192), max(hard, 8192)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--builddir", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--size", type=int, default=1000)
    p.add_argument("--rates", default="1,4,16,64")
    p.add_argument("--seconds", type=int, default=5)
    p.add_argument("--hold", type=int, default=1000)
    args = p.parse_args()
    args.builddir = os.path.abspath(args.builddir)
    args.rates = [int(x) for x in args.rates.split(",")]
    args.workload = os.path.join(args.builddir, "bench", "daemon", "api_workload-remote")
    args.load = os.path.join(args.builddir, "bench", "daemon", "rpc_load")
    for tool in ("valgrind", "callgrind_control", "/usr/sbin/libvirtd", args.workload, args.load):
        if not shutil.which(tool):
            sys.exit("bench-daemon: %s is missing (libvirt-daemon, valgrind, libvirt-dev)" % tool)
    prepare()
    work = tempfile.mkdtemp(prefix="vkd-bench-")
    results = {"virtkitd": {}, "libvirtd": {}}
    try:
        measure_instructions(args, work, results)
        measure_rates(args, work, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_report(args, results, args.out)
    print(open(args.out).read())


if __name__ == "__main__":
    main()
