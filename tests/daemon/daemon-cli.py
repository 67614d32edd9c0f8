#!/usr/bin/python3
"""virtkitd as a program of its host: sockets, configuration, systemd.

The built daemon, in temporary directories only (unix_sock_dir points
there: never /run/libvirt):
  - without --socket it creates virt<scheme>d-sock (0600) and -sock-ro
    (0666) for each driver built, and a client naming no URI gets the
    driver its socket is named after; unix_sock_group gives the read-write
    socket a group and mode 0660;
  - --daemon returns once it serves, --pid-file holds a lock a second
    daemon runs into, SIGTERM removes the sockets it created;
  - sockets passed by systemd (LISTEN_FDS) are served and left in place,
    read-only when named -sock-ro; READY=1 reaches NOTIFY_SOCKET;
  - a stale socket file is replaced, a live daemon's is not; a bad
    configuration stops it with the file and line named.
"""
import grp
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unittest

try:
    import libvirt
except ImportError:
    libvirt = None

BUILDDIR = os.environ["abs_top_builddir"]
VIRTKITD = os.path.join(BUILDDIR, "daemon", "virtkitd")
BINARY = os.path.join(BUILDDIR, "daemon", ".libs", "virtkitd")
LIBS = os.path.join(BUILDDIR, "src", ".libs")


def lve_built():
    return subprocess.run([os.path.join(BUILDDIR, "tools", "virtsh"), "-c",
                           "lve:///embed?root=/nonexistent", "uri"],
                          capture_output=True).returncode == 0


def wait_for(path, proc=None, timeout=20):
    end = time.time() + timeout
    while not os.path.exists(path):
        if (proc and proc.poll() is not None) or time.time() > end:
            return False
        time.sleep(0.05)
    return True


class DaemonTest(unittest.TestCase):
    def setUp(self):
        signal.alarm(300)       # a test that hangs fails instead
        self.addCleanup(signal.alarm, 0)
        self.dir = tempfile.mkdtemp(prefix="vkd-cli-")
        self.run_dir = os.path.join(self.dir, "run")
        self.conf = os.path.join(self.dir, "virtkitd.conf")
        self.write_conf('unix_sock_dir = "%s"\n' % self.run_dir)
        self.procs = []
        self.addCleanup(self.cleanup)

    def cleanup(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
            if p.stderr:
                p.stderr.close()
        subprocess.run(["rm", "-rf", self.dir])

    def write_conf(self, text):
        with open(self.conf, "w") as f:
            f.write("log_level = 3\n" + text)

    def start(self, *args, **kw):
        p = subprocess.Popen([VIRTKITD, "--config", self.conf] + list(args),
                             stderr=subprocess.PIPE, text=True, **kw)
        self.procs.append(p)
        return p

    def stop(self, p):
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(60), 0)

    def mode(self, path):
        return stat.S_IMODE(os.stat(path).st_mode)

    def test_default_sockets(self):
        p = self.start()
        schemes = ["test"] + (["lve"] if lve_built() else [])
        for scheme in schemes:
            rw = os.path.join(self.run_dir, "virt%sd-sock" % scheme)
            self.assertTrue(wait_for(rw + "-ro", p), p.stderr.read() if p.poll() else rw)
            self.assertEqual(self.mode(rw), 0o600)
            self.assertEqual(self.mode(rw + "-ro"), 0o666)
            self.assertTrue(stat.S_ISSOCK(os.stat(rw).st_mode))
        if libvirt:
            # no URI: the daemon opens the driver its socket is named after
            c = libvirt.open("remote+unix:///?socket=%s/virttestd-sock" % self.run_dir)
            self.assertEqual(c.getType(), "TEST")
            self.assertEqual(c.lookupByName("test").ID(), 1)
            c.close()
        self.stop(p)
        self.assertEqual(os.listdir(self.run_dir), [])

    def test_socket_group(self):
        group = grp.getgrgid(1).gr_name
        self.write_conf('unix_sock_dir = "%s"\nunix_sock_group = "%s"\n' % (self.run_dir, group))
        p = self.start()
        rw = os.path.join(self.run_dir, "virttestd-sock")
        self.assertTrue(wait_for(rw + "-ro", p))
        self.assertEqual(self.mode(rw), 0o660)
        self.assertEqual(os.stat(rw).st_gid, 1)
        self.stop(p)

    def test_daemon_and_pid_file(self):
        pidfile = os.path.join(self.dir, "virtkitd.pid")
        sock = os.path.join(self.dir, "sock")
        rc = subprocess.run([VIRTKITD, "--config", self.conf, "--daemon", "--pid-file", pidfile,
                             "--socket", sock], capture_output=True, text=True, timeout=60)
        self.assertEqual(rc.returncode, 0, rc.stderr)
        self.assertTrue(os.path.exists(sock))      # it serves once --daemon returns
        pid = int(open(pidfile).read())
        try:
            again = subprocess.run([VIRTKITD, "--config", self.conf, "--pid-file", pidfile,
                                    "--socket", os.path.join(self.dir, "other")],
                                   capture_output=True, text=True, timeout=60)
            self.assertEqual(again.returncode, 1)
            self.assertIn("another virtkitd holds the pid file", again.stderr)
            # a live daemon's socket is not taken over
            live = subprocess.run([VIRTKITD, "--config", self.conf, "--socket", sock],
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(live.returncode, 1)
            self.assertIn("another daemon is listening on %s" % sock, live.stderr)
        finally:
            os.kill(pid, signal.SIGTERM)
        for _ in range(400):
            if not os.path.exists(pidfile):
                break
            time.sleep(0.05)
        self.assertFalse(os.path.exists(pidfile))
        self.assertFalse(os.path.exists(sock))

    def test_stale_socket(self):
        sock = os.path.join(self.dir, "sock")
        dead = socket.socket(socket.AF_UNIX)
        dead.bind(sock)
        dead.close()                # the file stays, nobody listens
        p = self.start("--socket", sock, "--socket-ro", sock + "-ro")
        self.assertTrue(wait_for(sock + "-ro", p))
        if libvirt:
            libvirt.open("test+unix:///default?socket=" + sock).close()
        self.stop(p)

    def test_bad_configuration(self):
        self.write_conf('max_clients = 10\ntls_no_sanity_certificate = 1\n')
        p = self.start()
        self.assertEqual(p.wait(60), 1)
        self.assertIn("%s:3: unknown setting 'tls_no_sanity_certificate'" % self.conf,
                      p.stderr.read())
        missing = subprocess.run([VIRTKITD, "--config", os.path.join(self.dir, "nosuch.conf")],
                                 capture_output=True, text=True)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("nosuch.conf", missing.stderr)
        usage = subprocess.run([VIRTKITD, "--bogus"], capture_output=True, text=True)
        self.assertEqual(usage.returncode, 1)
        self.assertIn("--bogus", usage.stderr)

    def test_socket_activation(self):
        rw_path = os.path.join(self.dir, "virttestd-sock")
        ro_path = rw_path + "-ro"
        listeners = []
        for path in (rw_path, ro_path):
            s = socket.socket(socket.AF_UNIX)
            s.bind(path)
            s.listen(16)
            listeners.append(s)
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify_path = os.path.join(self.dir, "notify")
        notify.bind(notify_path)
        notify.settimeout(60)
        self.addCleanup(notify.close)

        def child():
            # as systemd does: the sockets at 3 and 4 (by way of descriptors
            # clear of both), LISTEN_PID the daemon's own
            high = [os.dup2(s.fileno(), 100 + i) for i, s in enumerate(listeners)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)
            os.close(high[0])
            os.close(high[1])

        env = dict(os.environ, LISTEN_FDS="2", LD_LIBRARY_PATH=LIBS, NOTIFY_SOCKET=notify_path)
        # the shell's pid is the daemon's once it execs
        p = subprocess.Popen(["/bin/sh", "-c", 'LISTEN_PID=$$ exec "$0" --config "$1"',
                              BINARY, self.conf], env=env, preexec_fn=child,
                             close_fds=False, stderr=subprocess.PIPE, text=True)
        self.procs.append(p)
        self.assertEqual(notify.recv(64), b"READY=1")
        for s in listeners:
            s.close()
        if libvirt:
            libvirt.registerErrorHandler(lambda *_: None, None)
            c = libvirt.open("remote+unix:///?socket=" + rw_path)
            self.assertEqual(c.getType(), "TEST")
            c.lookupByName("test").suspend()
            c.lookupByName("test").resume()
            ro = libvirt.open("test+unix:///default?socket=" + ro_path)
            with self.assertRaises(libvirt.libvirtError) as ctx:
                ro.lookupByName("test").suspend()
            self.assertEqual(ctx.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_DENIED)
            c.close()
            ro.close()
        self.stop(p)
        # systemd's sockets are systemd's to remove
        self.assertTrue(os.path.exists(rw_path) and os.path.exists(ro_path))
        self.assertEqual(os.listdir(self.run_dir) if os.path.exists(self.run_dir) else [], [])


if __name__ == "__main__":
    sys.exit(0 if unittest.main(exit=False, verbosity=2).result.wasSuccessful() else 1)
