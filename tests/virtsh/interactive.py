#!/usr/bin/python3
"""Interactive virtsh through a pseudo-terminal.

Types into a real readline session, with TAB, and checks what the shell
does with it: a command name, an option name and a domain name with a
blank in it (typed bare, then inside quotes) are completed, an ambiguous
prefix lists its candidates, the completed lines run, cd works, and the
history is kept in $XDG_DATA_HOME/virtsh/history.

Exit status 77 (skipped) when virtsh was built without readline or the
library cannot be found.  Nothing here depends on timing: every step
waits for the text it expects (a generous deadline only stops a hung
shell from hanging the suite).
"""

import ctypes.util
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile

DEADLINE = 60.0


class Shell:
    """A virtsh on the slave side of a pty, read from the master side."""

    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        self.seen = b""

    def send(self, text):
        os.write(self.fd, text.encode())

    def expect(self, text):
        """Reads until @text appears; returns everything read before it."""
        want = text.encode()
        while want not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], DEADLINE)
            if not ready:
                raise AssertionError("no %r after %r" % (text, self.seen[-400:]))
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError("virtsh ended before %r: %r" % (text, self.seen[-400:]))
            self.seen += chunk
        before, _, self.seen = self.seen.partition(want)
        return before.decode(errors="replace")

    def wait(self):
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def check(what, ok):
    print(("PASS: " if ok else "FAIL: ") + what)
    if not ok:
        sys.exit(1)


def main():
    srcdir = os.environ["abs_top_srcdir"]
    builddir = os.environ["abs_top_builddir"]
    virtsh = os.path.join(builddir, "tools", "virtsh")
    node = os.path.join(srcdir, "tests", "data", "virtsh", "node.xml")

    version = subprocess.run([virtsh, "-V"], capture_output=True, text=True).stdout
    if "Readline" not in version or not ctypes.util.find_library("readline"):
        print("SKIP: virtsh has no readline here")
        return 77

    home = tempfile.mkdtemp(prefix="virtsh-pty.", dir=os.path.join(builddir, "tests", "virtsh"))
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("VIRTKIT_")}
        env.update(HOME=home, XDG_DATA_HOME=os.path.join(home, "data"), TERM="dumb",
                   INPUTRC=os.devnull, LC_ALL="C.UTF-8")
        return run(Shell([virtsh, "-c", "test://" + node], env), home)
    finally:
        shutil.rmtree(home)


def run(sh, home):
    sh.expect("virtsh # ")

    # a command, a domain name with a blank (escaped), an option
    sh.send("domstate\t")
    sh.expect("domstate ")
    sh.send("web\t")
    sh.expect("web\\ server ")
    sh.send("--rea\t")
    sh.expect("--reason ")
    sh.send("\n")
    out = sh.expect("virtsh # ")
    check("completed 'domstate web\\ server --reason' runs", "paused (unknown)" in out)

    # the same name inside quotes: readline closes them
    sh.send("dominfo --domain 'web s\t")
    sh.expect("'web server' ")
    sh.send("\n")
    out = sh.expect("virtsh # ")
    check("quoted domain name completes and runs", "Name:           web server" in out)

    # an ambiguous prefix lists the candidates on a second TAB
    sh.send("dom\t\t")
    out = sh.expect("virtsh # dom")
    check("ambiguous command lists candidates",
          all(c in out for c in ("domid", "dominfo", "domstate", "domuuid")))
    sh.send("\x15")             # ^U: drop the line

    # only inactive domains are offered to start, next to its options
    sh.send("start \t\t")
    out = sh.expect("virtsh # start ")
    check("start offers only the inactive domain and its options",
          "gamma-long-domain-name" in out and "--paused" in out and "alpha" not in out)
    sh.send("\x15")

    # cd works in an interactive shell (and only there)
    sh.send("cd /; pwd\n")
    out = sh.expect("virtsh # ")
    check("cd changes the directory", "\r\n/\r\n" in out)

    sh.send("quit\n")
    check("quit ends the shell with status 0", sh.wait() == 0)

    history = os.path.join(home, "data", "virtsh", "history")
    with open(history) as f:
        lines = [line.rstrip() for line in f]
    check("history kept in the data directory",
          "domstate web\\ server --reason" in lines and "quit" in lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
