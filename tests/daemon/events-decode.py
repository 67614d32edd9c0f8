#!/usr/bin/python3
"""Every event message of libvirt 9.0's protocol, decoded by virtkit's
remote driver as by Debian's virsh.

A daemon of this script's own on a unix socket speaks just enough of
libvirt's remote protocol for a client to connect and register callbacks
(AUTH_LIST, CONNECT_OPEN, SUPPORTS_FEATURE, the close callback,
CALLBACK_REGISTER_ANY/DEREGISTER_ANY, CONNECT_CLOSE; anything else is
answered VIR_ERR_NO_SUPPORT).  Its messages are encoded here, by hand,
from libvirt's remote_protocol.x: one of each of the 27 event IDs, with
values that fill every field (strings, absent optional strings, hypers
beyond 32 bits, negative numbers, typed parameters of every type, a
graphics subject of two identities), then ten with values beyond their
enums, which each shell words as virsh does ("unknown", "unsupported
value").

`virsh event --all --loop` and `virtsh event --all --loop` (virtkit's
remote driver) listen at once; once both registered every ID, each gets
the same 27 messages, and both must print the same: virsh decodes with
libvirt's XDR, virtsh with virtkit's table (src/rpc/rpc_events.c).
The first listener's "events received" line is checked as well.  The
events the QEMU guest of events-all.sh cannot give (rtc-change, watchdog,
io-error, io-error-reason, control-error, pm-*, balloon-change,
device-removal-failed, block-threshold, memory-failure,
memory-device-size-change) are heard here only.

Skipped (77) without virsh.
"""
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

BUILDDIR = os.environ["abs_top_builddir"]
VIRTSH = os.path.join(BUILDDIR, "tools", "virtsh")
PROGRAM = 0x20008086
CALL, REPLY, MESSAGE = 0, 1, 2
OK, ERROR = 0, 1
NIDS = 27


# ---- XDR, as RFC 4506 writes it -----------------------------------------

def xint(v):
    return struct.pack(">i", v)


def xuint(v):
    return struct.pack(">I", v)


def xhyper(v):
    return struct.pack(">q", v)


def xuhyper(v):
    return struct.pack(">Q", v)


def xstring(s):
    b = s.encode()
    return xuint(len(b)) + b + b"\0" * (-len(b) % 4)


def xoptstring(s):
    return xint(0) if s is None else xint(1) + xstring(s)


UUID = bytes(range(0x10, 0x20))


def xdomain():
    return xstring("fake") + UUID + xint(7)


def xparams(params):
    out = xuint(len(params))
    for field, kind, value in params:
        out += xstring(field) + xint(kind)
        out += {1: xint, 2: xuint, 3: xhyper, 4: xuhyper,
                5: lambda v: struct.pack(">d", v), 6: xint, 7: xstring}[kind](value)
    return out


def xaddress(family, node, service):
    return xint(family) + xstring(node) + xstring(service)


# ---- the event messages: (procedure, event ID, payload after the
# callback ID), as remote_protocol.x lays each out ------------------------

def events():
    d = xdomain()
    pm = xint(0) + d                     # the reason comes before the domain
    return [
        (318, 0, d + xint(5) + xint(2)),                                # lifecycle
        (319, 1, d),                                                    # reboot
        (320, 2, d + xhyper(-7200)),                                    # rtc-change
        (321, 3, d + xint(6)),                                          # watchdog
        (322, 4, d + xstring("/var/disk.img") + xstring("virtio-disk0") + xint(1)),
        (323, 5, d + xint(1) + xaddress(0, "127.0.0.1", "5900") +
         xaddress(1, "::1", "40123") + xstring("vnc") +
         xuint(2) + xstring("x509dname") + xstring("CN=fake") +
         xstring("saslUsername") + xstring("fred")),                    # graphics
        (324, 6, d + xstring("/var/disk.img") + xstring("virtio-disk0") + xint(2) +
         xstring("enospc")),                                            # io-error-reason
        (325, 7, d),                                                    # control-error
        (326, 8, d + xstring("/var/disk.img") + xint(2) + xint(3)),     # block-job
        (327, 9, d + xoptstring("/var/old.iso") + xoptstring(None) +
         xstring("ide0-1-0") + xint(1)),                                # disk-change
        (328, 10, d + xstring("ide0-1-0") + xint(1)),                   # tray-change
        (329, 11, pm),                                                  # pm-wakeup
        (330, 12, pm),                                                  # pm-suspend
        (331, 13, d + xuhyper(0x1_0000_0001)),                          # balloon-change
        (332, 14, pm),                                                  # pm-suspend-disk
        (333, 15, d + xstring("net0")),                                 # device-removed
        (339, 16, d + xstring("vda") + xint(4) + xint(0)),              # block-job-2
        (346, 17, d + xparams([("cputune.vcpupin0", 7, "0-3"),
                               ("cputune.cpu_shares", 4, 2 ** 40),
                               ("cputune.quota", 3, -1),
                               ("blkdeviotune.total_iops_sec", 2, 4000000000),
                               ("cputune.weight", 1, -5),
                               ("x.ratio", 5, 0.25),
                               ("x.enabled", 6, 1)])),                  # tunable
        (348, 18, d + xint(1) + xint(2)),                               # agent-lifecycle
        (354, 19, d + xstring("ua-tablet")),                            # device-added
        (359, 20, d + xint(-3)),                                        # migration-iteration
        (363, 21, d + xparams([("operation", 1, 2),
                               ("time_elapsed", 4, 34),
                               ("memory_total", 4, 71761920)])),        # job-completed
        (367, 22, d + xstring("net1")),                                 # device-removal-failed
        (379, 23, d + xint(2) + xoptstring("http://example.org/ns")),   # metadata-change
        (385, 24, d + xstring("vda[2]") + xoptstring(None) + xuhyper(1 << 33) +
         xuhyper(12345)),                                               # block-threshold
        (423, 25, d + xint(1) + xint(3) + xuint(3)),                    # memory-failure
        (438, 26, d + xstring("virtiomem0") + xuhyper(2 ** 41)),        # memory-device-size-change
        # values beyond the enums: "unknown", "unsupported value"...
        (318, 0, d + xint(99) + xint(99)),
        (321, 3, d + xint(99)),
        (322, 4, d + xstring("") + xstring("a") + xint(-1)),
        (323, 5, d + xint(9) + xaddress(9, "", "") + xaddress(2, "/run/vnc", "") +
         xstring("none") + xuint(0)),
        (326, 8, d + xstring("/d") + xint(99) + xint(99)),
        (327, 9, d + xoptstring(None) + xoptstring(None) + xstring("hdc") + xint(9)),
        (328, 10, d + xstring("hdc") + xint(9)),
        (348, 18, d + xint(0) + xint(9)),
        (379, 23, d + xint(9) + xoptstring(None)),
        (423, 25, d + xint(9) + xint(9) + xuint(0)),
    ]


# ---- the daemon -----------------------------------------------------------

def frame(proc, mtype, serial, status, payload):
    body = struct.pack(">IIiiIi", PROGRAM, 1, proc, mtype, serial, status) + payload
    return struct.pack(">I", len(body) + 4) + body


def error_payload(code, message):
    # remote_error: code, domain, message, level, dom, str1-3, int1, int2, net
    return (xint(code) + xint(7) + xoptstring(message) + xint(2) + xint(0) +
            xint(0) * 3 + xint(0) + xint(0) + xint(0))


class Client:
    def __init__(self, sock):
        self.sock = sock
        self.callbacks = {}             # event ID -> callback ID
        self.lock = threading.Lock()

    def send(self, data):
        with self.lock:
            self.sock.sendall(data)


class FakeDaemon:
    def __init__(self, path):
        self.listener = socket.socket(socket.AF_UNIX)
        self.listener.bind(path)
        self.listener.listen(4)
        self.clients = []
        self.next_id = 1
        self.lock = threading.Lock()
        self.unknown = set()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            client = Client(sock)
            with self.lock:
                self.clients.append(client)
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    def reply(self, client, proc, serial, payload=b""):
        client.send(frame(proc, REPLY, serial, OK, payload))

    def serve(self, client):
        f = client.sock.makefile("rb")
        while True:
            head = f.read(4)
            if len(head) < 4:
                return
            (length,) = struct.unpack(">I", head)
            msg = f.read(length - 4)
            prog, _, proc, mtype, serial, _ = struct.unpack(">IIiiIi", msg[:24])
            args = msg[24:]
            if prog != PROGRAM or mtype != CALL:
                continue                # keepalive and the like: not needed
            if proc == 66:              # AUTH_LIST: none
                self.reply(client, proc, serial, xuint(1) + xint(0))
            elif proc in (1, 2, 317, 360, 361):
                self.reply(client, proc, serial)
            elif proc == 60:            # SUPPORTS_FEATURE: event and close callbacks
                (feature,) = struct.unpack(">i", args[:4])
                self.reply(client, proc, serial, xint(1 if feature in (14, 15) else 0))
            elif proc == 316:           # CALLBACK_REGISTER_ANY
                (event_id,) = struct.unpack(">i", args[:4])
                with self.lock:
                    cid = self.next_id
                    self.next_id += 1
                    client.callbacks[event_id] = cid
                self.reply(client, proc, serial, xint(cid))
            else:
                self.unknown.add(proc)
                client.send(frame(proc, REPLY, serial, ERROR,
                                  error_payload(3, "not served by the fake daemon")))

    def registered(self, n):
        with self.lock:
            done = [c for c in self.clients if len(c.callbacks) == NIDS]
        return len(done) >= n

    def send_events(self):
        for client in self.clients:
            for proc, event_id, payload in events():
                cid = client.callbacks.get(event_id)
                if cid is not None:
                    client.send(frame(proc, MESSAGE, 1, OK, xint(cid) + payload))


def wait_for(cond, what, seconds=120):
    deadline = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > deadline:
            raise SystemExit("FAIL: %s" % what)
        time.sleep(0.05)


def main():
    if not shutil.which("virsh"):
        print("SKIP: virsh is not installed")
        return 77
    work = tempfile.mkdtemp(prefix="vkd-decode.")
    listeners = []
    try:
        path = os.path.join(work, "sock")
        daemon = FakeDaemon(path)
        uri = "test+unix:///default?socket=" + path
        env = dict(os.environ, LC_ALL="C.UTF-8")
        outs = {}
        for name, shell in (("virsh", "virsh"), ("virtsh", VIRTSH)):
            outs[name] = os.path.join(work, name + ".out")
            with open(outs[name], "w") as out:
                listeners.append(subprocess.Popen([shell, "-c", uri, "event", "--all", "--loop"],
                                                  stdout=out, stderr=subprocess.STDOUT,
                                                  env=env))
        wait_for(lambda: daemon.registered(2), "virsh and virtsh did not register all %d event IDs"
                 % NIDS)
        daemon.send_events()
        nevents = len(events())

        def heard(name):
            with open(outs[name]) as f:
                return sum(1 for line in f if line.startswith("event '")) >= nevents
        wait_for(lambda: heard("virsh") and heard("virtsh"), "not every event was printed")
        for p in listeners:
            p.send_signal(signal.SIGINT)
            p.wait(timeout=60)
        with open(outs["virsh"]) as f:
            expected = f.read()
        with open(outs["virtsh"]) as f:
            got = f.read()
        if got != expected:
            print("FAIL: virtsh printed:\n%s\nvirsh printed:\n%s" % (got, expected))
            return 1
        print(got, end="")
        print("PASS: %d events of %d IDs, printed alike by virsh and virtsh%s" %
              (nevents, NIDS, "" if not daemon.unknown else
               " (calls answered not supported: %s)" % sorted(daemon.unknown)))
        return 0
    finally:
        for p in listeners:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
