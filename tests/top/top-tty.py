#!/usr/bin/python3
"""virtkit-top's interactive screen through a pseudo-terminal.

virtkit-top runs on test:///default with TERM=xterm in a pty of 24x100:
it draws the header, the keys and the table; 'm' sorts by memory (the
header says "sort mem"); '/' asks for a filter and the header says what it
shows; 'd' with a bad delay says so and goes on; a new window size is
followed (SIGWINCH: the screen is drawn again); 'q' quits with status 0
and gives the terminal back.  Every wait is for what the screen shows,
with a deadline generous enough for a loaded machine.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

TOP = os.path.join(os.environ["abs_top_builddir"], "tools", "virtkit-top")
DEADLINE = 60.0


class Screen:
    def __init__(self, argv, rows=24, cols=100):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8")
            for var in ("VIRTKIT_DEFAULT_URI", "LIBVIRT_DEFAULT_URI", "VIRTKIT_DEBUG"):
                env.pop(var, None)
            os.execve(argv[0], argv, env)
        self.resize(rows, cols, signal_child=False)
        self.out = b""

    def resize(self, rows, cols, signal_child=True):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if signal_child:
            os.kill(self.pid, signal.SIGWINCH)

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:         # EIO: the child closed the pty
            return None
        if not data:
            return None
        self.out += data
        return True

    def expect(self, pattern, since=0, what=""):
        """Waits until the output after offset since matches pattern."""
        regex = re.compile(pattern)
        end = time.monotonic() + DEADLINE
        while not regex.search(self.out, since):
            left = end - time.monotonic()
            if left <= 0 or self.read(left) is None:
                sys.exit("FAIL: %s: %r never came; the output after it was asked:\n%r"
                         % (what or pattern, pattern, self.out[since:]))
        return len(self.out)

    def send(self, keys):
        mark = len(self.out)
        os.write(self.fd, keys)
        return mark

    def wait(self):
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                # what it wrote last may still be in the pty: read to its end
                while self.read(1) is True:
                    pass
                return status
            self.read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        sys.exit("FAIL: virtkit-top did not exit after q; its output:\n%r" % self.out)


def main():
    s = Screen([TOP, "-c", "test:///default", "-d", "0.3"])
    s.expect(rb"virtkit-top - \d\d:\d\d:\d\d, 1 domain, 1 running, sort cpu",
             what="the first header")
    s.expect(rb"q quit  c m i f n sort  / filter  d delay  space refresh", what="the keys")
    s.expect(rb"NAME", what="the column names")
    s.expect(rb"test", what="the row of 'test'")
    # after an interval the header gives it
    s.expect(rb"interval \d+\.\d\d s", what="the interval after the first one")

    # ncurses sends only what changed: "cpu" becomes "mem" in the header
    mark = s.send(b"m")
    s.expect(rb"mem", mark, what="'sort mem' after m")

    mark = s.send(b"/nosuch\n")
    s.expect(rb"Show names holding", mark, what="the filter prompt")
    s.expect(rb"filter 'nosuch' \(0 shown\)", mark, what="the filter in the header")
    s.send(b"/\n")         # an empty filter: every domain again

    mark = s.send(b"dsoon\n")
    s.expect(rb"invalid delay 'soon'", mark, what="the error of a bad delay")

    # a bigger window: the screen is drawn again, whole, with the sort
    # kept and the filter gone
    mark = len(s.out)
    s.resize(30, 140)
    s.expect(rb"virtkit-top - \d\d:\d\d:\d\d, 1 domain, 1 running, interval \d+\.\d\d s, "
             rb"sort mem(?!, filter)", mark, what="a redraw after SIGWINCH")
    s.expect(rb"test", mark, what="the row of 'test' after SIGWINCH")

    s.send(b"q")
    status = s.wait()
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        sys.exit("FAIL: virtkit-top ended with status %r after q" % status)
    # endwin gives the terminal back: xterm's normal screen again
    if b"\x1b[?1049l" not in s.out:
        sys.exit("FAIL: the alternate screen was not left: %r" % s.out[-200:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
