#!/usr/bin/python3
"""rpc-seeds.py BUILDDIR: records the seed corpus of fuzz_rpc

Starts BUILDDIR/daemon/virtkitd behind a recording proxy and runs real
clients through it (Debian's virsh, python3-libvirt); every connection's
bytes, each direction, become a seed in tests/fuzz/corpus/rpc: what the
clients send (calls, keepalive) and what the daemon answers (replies,
errors).  A seed's first byte picks how the harness cuts the stream; the
recorded ones say "whole" (0).  Run from any directory; commit the result.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

BUILDDIR = os.path.abspath(sys.argv[1])
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "rpc")

VIRSH_BATCHES = [
    "list --all",
    "dominfo test; domstate test --reason",
    "vcpuinfo test; vcpupin test 0 1,3; vcpupin test",
    "setmem test 1G; setmaxmem test 4G --config; dumpxml test",
    "schedinfo test --set weight=50; memtune test --hard-limit 1G; blkiotune test",
    "suspend test; resume test; destroy test; start test --paused",
    "nodeinfo; capabilities; hostname; version",
    "dominfo nosuch",
    "undefine test",
]

PYTHON = """
import libvirt
c = libvirt.open(URI)
d = c.lookupByName('test')
d.setMemoryParameters({'hard_limit': 1000000}, 0)
d.setBlkioParameters({'weight': 300}, 0)
d.getCPUStats(True); d.getCPUStats(False)
c.getMemoryParameters(); c.getMemoryStats(-1); c.getCellsFreeMemory(0, 2)
n = c.defineXML("<domain type='test'><name>n</name><memory>65536</memory>"
                "<os><type>hvm</type></os></domain>")
n.createWithFlags(1); n.destroy(); n.undefineFlags(0)
c.listDomainsID(); c.listDefinedDomains(); d.securityLabel(); d.vcpuPinInfo()
"""


def relay(src, dst, record):
    while True:
        try:
            data = src.recv(65536)
        except OSError:
            data = b""
        if not data:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            return
        record.append(data)
        dst.sendall(data)


def proxy(listener, target, streams):
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        server = socket.socket(socket.AF_UNIX)
        server.connect(target)
        up, down = [], []
        streams.append((up, down))
        for a, b, rec in ((client, server, up), (server, client, down)):
            threading.Thread(target=relay, args=(a, b, rec), daemon=True).start()


def main():
    work = tempfile.mkdtemp(prefix="vkd-seeds-")
    sock = os.path.join(work, "sock")
    front = os.path.join(work, "front")
    daemon = subprocess.Popen([os.path.join(BUILDDIR, "daemon", "virtkitd"),
                               "--config", "/dev/null", "--socket", sock,
                               "--socket-ro", sock + "-ro"], stderr=subprocess.DEVNULL)
    while not os.path.exists(sock + "-ro"):
        time.sleep(0.05)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(front)
    listener.listen(16)
    streams = []
    threading.Thread(target=proxy, args=(listener, sock, streams), daemon=True).start()
    uri = "test+unix:///default?socket=" + front
    for batch in VIRSH_BATCHES:
        subprocess.run(["virsh", "-c", uri, batch], capture_output=True)
    subprocess.run(["/usr/bin/python3", "-c", "URI = %r\n%s" % (uri, PYTHON)], check=True)
    time.sleep(0.5)
    listener.close()
    daemon.terminate()
    daemon.wait()
    shutil.rmtree(work)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.unlink(os.path.join(OUT, f))
    for i, (up, down) in enumerate(streams):
        for name, chunks in (("calls", up), ("replies", down)):
            with open(os.path.join(OUT, "%s-%02d" % (name, i)), "wb") as f:
                f.write(b"\0" + b"".join(chunks))
    print("%d seeds in %s" % (2 * len(streams), OUT))


if __name__ == "__main__":
    main()
