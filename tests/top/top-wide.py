#!/usr/bin/python3
"""virtkit-top's interactive screen with names that are not a byte a column.

virtkit-top runs on the node file tests/data/top/wide.xml (names of
double-width CJK characters and of multibyte UTF-8) in a pty of 24x100,
and what it writes is read by a terminal emulator (pyte, which counts a
CJK character two columns as a terminal does).  Every row's columns must
stand where the column names stand; a name is cut to the NAME column's
width (10 columns at 100) by the columns its characters take, a double-
width character that would stand half outside left out.  Skipped (77)
without python3-pyte, a failure under CI.  Every wait is for what the
screen shows, with a deadline generous enough for a loaded machine.
"""
import os
import pty
import select
import signal
import struct
import sys
import fcntl
import termios
import time

try:
    import pyte
except ImportError:
    if os.environ.get("CI") == "true":
        sys.exit("FAIL: python3-pyte is required under CI (quickstart installs it)")
    print("SKIP: no python3-pyte")
    sys.exit(77)

TOP = os.path.join(os.environ["abs_top_builddir"], "tools", "virtkit-top")
NODE = os.path.join(os.path.abspath(os.environ["abs_top_srcdir"]), "tests", "data", "top",
                    "wide.xml")
DEADLINE = 60.0
ROWS, COLS = 24, 100

# NAME as the screen shows each domain, by its state's last letter's column
EXPECTED = {
    "网站一号": "网站一号  ",
    "café-über": "café-über ",
    "中文域名很长的名字": "中文域名很",
    "a中文字文字": "a中文字文 ",
}


def row_text(screen, y, x0, x1):
    """The characters of columns x0..x1-1 of line y (a wide one once)."""
    return "".join(screen.buffer[y][x].data for x in range(x0, x1))


def main():
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8")
        for var in ("VIRTKIT_DEFAULT_URI", "LIBVIRT_DEFAULT_URI", "VIRTKIT_DEBUG"):
            env.pop(var, None)
        argv = [TOP, "-c", "test://" + NODE, "-d", "5"]
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)

    def shown():
        lines = screen.display
        return (len(lines) > 2 and "NAME" in lines[2] and
                all(any(name[:2] in line for line in lines[3:]) for name in EXPECTED))

    end = time.monotonic() + DEADLINE
    try:
        while not shown():
            left = end - time.monotonic()
            if left <= 0:
                sys.exit("FAIL: the four rows never came; the screen:\n%s"
                         % "\n".join(screen.display))
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    sys.exit("FAIL: virtkit-top ended; the screen:\n%s" % "\n".join(screen.display))
                stream.feed(data)
        # let the frame being drawn end: the next comes after 5 s
        while select.select([fd], [], [], 0.5)[0]:
            stream.feed(os.read(fd, 65536))
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)

    header = screen.display[2]
    name_x = header.index("NAME")
    state_end = header.index("STATE") + len("STATE")
    faults_end = header.index("FAULTS") + len("FAULTS")
    failed = False
    seen = set()
    for y in range(3, ROWS):
        for name, cut in EXPECTED.items():
            got = row_text(screen, y, name_x, name_x + 10)
            if not got.startswith(cut.rstrip()[:2]):
                continue
            seen.add(name)
            tail = row_text(screen, y, name_x + 10, faults_end)
            if got != cut:
                print("FAIL: %s shows as %r in NAME, not %r" % (name, got, cut))
                failed = True
            # running, right-aligned under STATE; FAULTS '-' under its name
            if row_text(screen, y, state_end - 7, state_end + 1) != "running ":
                print("FAIL: the row of %s is not aligned under STATE: %r" % (name, tail))
                failed = True
            if row_text(screen, y, faults_end - 1, faults_end + 1) != "- ":
                print("FAIL: the row of %s is not aligned under FAULTS: %r" % (name, tail))
                failed = True
    if seen != set(EXPECTED):
        print("FAIL: rows not found: %s" % ", ".join(sorted(set(EXPECTED) - seen)))
        failed = True
    if failed:
        print("the screen:\n%s" % "\n".join(screen.display))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
