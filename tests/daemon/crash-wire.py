#!/usr/bin/python3
"""virtkitd killed with SIGKILL in a storm of changes from 8 clients.

Eight python3-libvirt clients define, start, destroy and undefine domains
of an embedded root (test:///embed, and lve:///embed as root with cgroup
v1) through virtkitd, as fast as they can; the daemon is killed with
SIGKILL in the middle.  Then:
  - every client gets a clear error (a libvirtError with a message), none
    hangs;
  - every configuration file on disk parses (nothing torn), every
    definition a client saw succeed is there unless it saw its undefine
    succeed, and one it saw undefined is gone;
  - the restarted daemon serves the domains the files hold, the same list
    virtsh reads from the root directly.

Skipped (77) where python3-libvirt is not installed.
"""
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

try:
    import libvirt
except ImportError:
    print("SKIP: python3-libvirt is not installed")
    sys.exit(77)

SRCDIR = os.environ["abs_top_srcdir"]
BUILDDIR = os.environ["abs_top_builddir"]
VIRTKITD = os.path.join(BUILDDIR, "daemon", "virtkitd")
VIRTSH = os.path.join(BUILDDIR, "tools", "virtsh")
CLIENTS = 8

DOMAINS = {
    "test": ("<domain type='test'><name>{name}</name><memory unit='MiB'>32</memory>"
             "<vcpu>1</vcpu><os><type>hvm</type></os></domain>"),
    "lve": ("<domain type='lve' id='{id}'><name>{name}</name><memory unit='MiB'>64</memory>"
            "<vcpu>1</vcpu></domain>"),
}


def start_daemon(work):
    sock = os.path.join(work, "sock")
    for p in (sock, sock + "-ro"):
        if os.path.exists(p):
            os.unlink(p)
    log = open(os.path.join(work, "virtkitd.log"), "a")
    proc = subprocess.Popen([VIRTKITD, "--config", os.path.join(work, "virtkitd.conf"),
                             "--socket", sock, "--socket-ro", sock + "-ro"], stderr=log)
    for _ in range(400):
        if os.path.exists(sock + "-ro"):
            return proc
        time.sleep(0.05)
    raise RuntimeError("virtkitd did not start")


def client_uri(work, local):
    """The embedded root through virtkitd: a libvirt client refuses an
    /embed path itself, so it travels in the remote driver's name=."""
    scheme = local.split(":", 1)[0]
    name = local.replace("?", "%3F").replace("&", "%26")
    return "%s+unix:///system?socket=%s&name=%s" % (scheme, os.path.join(work, "sock"), name)


def storm(worker, uri, kind, report):
    """Changes domains until the daemon dies; reports what it saw succeed,
    and the domain of the call cut short (which may or may not be done)."""
    libvirt.registerErrorHandler(lambda *_: None, None)
    acked = {}          # name -> "defined" or "undefined", as acknowledged
    name = None
    i = 0
    try:
        conn = libvirt.open(uri)
        while True:
            name = "w%d-%d" % (worker, i % 12)
            ident = 2000 + worker * 100 + i % 12
            try:
                dom = conn.lookupByName(name)
                if dom.isActive():
                    dom.destroy()
                dom.undefine()
                acked[name] = "undefined"
            except libvirt.libvirtError as e:
                if e.get_error_code() != libvirt.VIR_ERR_NO_DOMAIN:
                    raise
                dom = conn.defineXML(DOMAINS[kind].format(name=name, id=ident))
                acked[name] = "defined"
                dom.create()
                if i % 3 == 0:
                    dom.destroy()
            i += 1
    except libvirt.libvirtError as e:
        acked.pop(name, None)
        report.put((worker, acked, i, e.get_error_code(), e.get_error_message() or ""))


def check_files(root, kind, acked, problems):
    """Every definition on disk parses; the acknowledged ones are right."""
    confdir = os.path.join(root, "etc", "virtkit", kind)
    on_disk = {}
    for f in sorted(os.listdir(confdir)) if os.path.isdir(confdir) else []:
        if not f.endswith(".xml"):
            continue
        try:
            on_disk[f[:-4]] = ET.parse(os.path.join(confdir, f)).getroot().findtext("name")
        except ET.ParseError as e:
            problems.append("%s is torn: %s" % (f, e))
    for name, state in acked.items():
        if state == "defined" and name not in on_disk:
            problems.append("%s was defined, its configuration is lost" % name)
        if state == "undefined" and name in on_disk:
            problems.append("%s was undefined, its configuration is back" % name)
    for base, name in on_disk.items():
        if base != name:
            problems.append("%s.xml holds domain %s" % (base, name))
    return sorted(on_disk)


def run(kind, local, work, root):
    problems = []
    daemon = start_daemon(work)
    uri = client_uri(work, local)
    report = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=storm, args=(w, uri, kind, report))
               for w in range(CLIENTS)]
    for w in workers:
        w.start()
    time.sleep(3)
    daemon.send_signal(signal.SIGKILL)
    daemon.wait()
    acked = {}
    for _ in workers:
        try:
            worker, seen, rounds, code, msg = report.get(timeout=60)
        except Exception:
            problems.append("a client hangs since the daemon died")
            break
        acked.update(seen)
        if not msg:
            problems.append("client %d got error %d without a message" % (worker, code))
        print("client %d: %d rounds, then error %d: %s" % (worker, rounds, code, msg))
    for w in workers:
        w.join(10)
        if w.is_alive():
            w.kill()
    on_disk = check_files(root, kind, acked, problems)
    daemon = start_daemon(work)
    conn = libvirt.open(uri)
    served = sorted(d.name() for d in conn.listAllDomains() if d.name() != "test")
    for d in conn.listAllDomains():
        if d.isActive() and d.name() != "test":
            d.destroy()     # LVEs outlive the daemon: leave none behind
    conn.close()
    daemon.send_signal(signal.SIGTERM)
    if daemon.wait(60) != 0:
        problems.append("the restarted daemon did not stop cleanly")
    direct = subprocess.run([VIRTSH, "-c", local, "list", "--all", "--name"],
                            capture_output=True, text=True).stdout.split()
    direct = sorted(n for n in direct if n != "test")
    if served != on_disk:
        problems.append("the restarted daemon serves %s, the files hold %s" % (served, on_disk))
    if served != direct:
        problems.append("the restarted daemon serves %s, virtsh reads %s" % (served, direct))
    print("%s: %d definitions on disk, served alike after the restart" % (kind, len(on_disk)))
    return problems


def lve_possible():
    return (os.geteuid() == 0 and os.path.isdir("/sys/fs/cgroup/memory")
            and os.path.isdir("/sys/fs/cgroup/freezer"))


def main():
    work = tempfile.mkdtemp(prefix="vkd-crash-")
    with open(os.path.join(work, "virtkitd.conf"), "w") as f:
        f.write("log_level = 3\n")
    parent = "virtkit-crash-%d" % os.getpid()
    runs = [("test", "test:///embed?root=%s" % os.path.join(work, "test-root"),
             os.path.join(work, "test-root"))]
    if lve_possible():
        root = os.path.join(work, "lve-root")
        runs.append(("lve", "lve:///embed?root=%s&backend=cgroup&cgroup_parent=/%s"
                     % (root, parent), root))
    else:
        print("SKIP: the LVE storm needs root and cgroup v1")
    failed = False
    try:
        for kind, local, root in runs:
            os.makedirs(root)
            for problem in run(kind, local, work, root):
                print("FAIL: %s: %s" % (kind, problem))
                failed = True
    finally:
        subprocess.run("find /sys/fs/cgroup/*/%s -depth -type d -exec rmdir {} \\; "
                       "2>/dev/null" % parent, shell=True)
        shutil.rmtree(work, ignore_errors=True)
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
