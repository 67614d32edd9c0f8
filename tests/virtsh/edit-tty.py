#!/usr/bin/python3
"""virtsh's edit on a terminal: the question after a failure.

Runs "edit" through a pseudo-terminal with the scripted editors of
tests/data/virtsh/editors and answers "Try again? [y,n,i,f,?]" as a user
would: ? (the help), y (edit again: the editor mends what it broke), n
(give up: nothing is defined), i (define again without validation), f
(define the same again).  Each transcript is checked, and when Debian's
virsh is installed it must show the same (its errors' wording aside, and
the temporary file's name).

Nothing here depends on timing: every step waits for the text it expects
(a generous deadline only stops a hung shell from hanging the suite).
"""

import os
import pty
import re
import select
import shutil
import sys
import tempfile

DEADLINE = 60.0
PROMPT = "]: "

# (editor, commands, answers, what the transcript must hold, exit status)
SCENARIOS = [
    ("break-once.sh", "edit test; dumpxml test --inactive", ["?", "y"],
     ["Failed. Try again? [y,n,i,f,?]: \r\ny - yes, start editor again\r\n"
      "n - no, throw away my changes\r\n"
      "i - turn off validation and try to redefine again\r\n"
      "f - force, try to redefine again\r\n? - print this help\r\n",
      "Domain 'test' XML configuration edited.", "<on_crash>restart</on_crash>"], 0),
    ("break.sh", "edit test", ["n"], ["Failed. Try again? [y,n,i,f,?]: "], 1),
    ("break.sh", "edit test", ["x", "f", "n"],
     ["Failed. Try again? [y,n,i,f,?]: \rFailed. Try again? [y,n,i,f,?]: "], 1),
    # virtkit refuses an unknown element even without validation (virsh
    # then defines it): after i the question is asked again, without i
    ("unknown-element.sh", "edit test", ["i", "n"],
     ["Failed. Try again? [y,n,i,f,?]: \r\r\n", "Failed. Try again? [y,n,f,?]: "], 1),
    ("break.sh", "edit test --skip-validate", ["n"], ["Failed. Try again? [y,n,i,f,?]: "], 1),
]


class Tool:
    """A shell on the slave side of a pty, read from the master side."""

    def __init__(self, argv, env, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        self.seen = b""

    def read(self):
        ready, _, _ = select.select([self.fd], [], [], DEADLINE)
        if not ready:
            raise AssertionError("hung after %r" % self.seen[-400:])
        try:
            return os.read(self.fd, 4096)
        except OSError:
            return b""

    def expect(self, text):
        want = text.encode()
        while want not in self.seen[self.mark:]:
            chunk = self.read()
            if not chunk:
                raise AssertionError("ended before %r: %r" % (text, self.seen[-400:]))
            self.seen += chunk
        self.mark = self.seen.index(want, self.mark) + len(want)

    def finish(self):
        while True:
            chunk = self.read()
            if not chunk:
                break
            self.seen += chunk
        _, status = os.waitpid(self.pid, 0)
        return self.seen.decode(errors="replace"), os.waitstatus_to_exitcode(status)

    mark = 0


def run(tool, editor, commands, answers, editors, schemas):
    work = tempfile.mkdtemp(prefix="edit-tty.")
    try:
        env = {"PATH": os.environ["PATH"], "LC_ALL": "C.UTF-8", "HOME": work, "TERM": "dumb",
               "EDITOR": os.path.join(editors, editor), "VIRTKIT_SCHEMA_DIR": schemas}
        t = Tool([tool, "-c", "test:///default", commands], env, work)
        for answer in answers:
            t.expect(PROMPT)
            os.write(t.fd, answer.encode())
        return t.finish()
    finally:
        shutil.rmtree(work)


def comparable(transcript):
    """What both tools must show alike: the questions, the help, the
    outcome and the on_crash line of the XML (each library words its own
    errors, and virsh may warn about polkit on a terminal)."""
    return re.findall(r"Failed\. Try again\? \[[a-z,?]*\]: |^[ynif?] - .*?(?=\r)|"
                      r"Domain '[^']*' XML configuration [a-z ]*\.|<on_crash>[a-z]*</on_crash>",
                      transcript, re.M)


def check(what, ok, detail=""):
    print(("PASS: " if ok else "FAIL: ") + what)
    if not ok:
        print(detail)
        sys.exit(1)


def main():
    srcdir = os.environ["abs_top_srcdir"]
    builddir = os.environ["abs_top_builddir"]
    virtsh = os.path.join(builddir, "tools", "virtsh")
    editors = os.path.join(srcdir, "tests", "data", "virtsh", "editors")
    virsh = shutil.which("virsh")
    # the library's schemas of the source tree, not of an installed virtkit
    schemas = os.path.join(srcdir, "docs", "schemas")

    for editor, commands, answers, wants, status in SCENARIOS:
        what = "%s, %s, answers %s" % (editor, commands, "".join(answers))
        got, rc = run(virtsh, editor, commands, answers, editors, schemas)
        check(what + ": exit %d" % status, rc == status, got)
        for want in wants:
            check(what + ": shows %r" % want, want in got, got)
        if "i" not in answers and rc == 1:
            check(what + ": an error was shown before the question",
                  got.index("error: ") < got.index("Try again?"), got)
        if virsh and editor != "unknown-element.sh":
            theirs, theirrc = run(virsh, editor, commands, answers, editors, schemas)
            check(what + ": as virsh", (comparable(got), rc) == (comparable(theirs), theirrc),
                  "virsh:\n%s\nvirtsh:\n%s" % (theirs, got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
