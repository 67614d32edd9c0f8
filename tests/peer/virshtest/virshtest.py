#!/usr/bin/env python3
"""virshtest.py: libvirt 9.0's own virsh tests, run against a virsh-like binary.

    virshtest.py VIRSH LIBVIRT_SRC

(a) tests/virshtest.c is read as C: its string macros and constants, the
    argv and expected output of each testCompare* function, the cases of
    mymain() (virTestRun and the DO_TEST echo table).  Each case runs as
    testCompareOutputLit() runs it: argv[0] is <build>/tools/virsh (a link
    to VIRSH), the environment is LANG=C alone, stdin is empty; it passes
    when the exit status is 0, stderr is empty and stdout, less the line a
    filter names, equals the expected text.
(b) the virsh-* scripts of tests/meson.build's test_scripts run unchanged,
    with the environment meson's tests_env gives them; exit 0 passes, 77
    is a skip.

Prints "ok NAME", "FAIL NAME: why" or "skip NAME: why" per case, then
"peer-virshtest: P/T libvirt virsh test cases pass (virshtest.c A/B, shell
tests C/D)"; exits 0 only when every case passes.  Environment: ONLY (a
regex of case names), LOGDIR (keeps each case's output), CASE_TIMEOUT (30
s), SHELL_TIMEOUT (300 s), VIR_TEST_EXPENSIVE (1), PEER_JOBS (cases run
at once; the number of CPUs): the cases are independent processes, each
script in a directory and HOME of its own.
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

# ---- reading C --------------------------------------------------------------

TOKEN = re.compile(r'''
    (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<chr>'(?:[^'\\\n]|\\.)*')
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\d\w*)
  | (?P<ws>\s+)
  | (?P<op>.)
''', re.S | re.X)

ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', '"': '"', "'": "'",
           '?': '?', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v', '0': '\0'}


def unescape(literal):
    """The value of a C string literal (its text between the quotes)."""
    return re.sub(r'\\(.)', lambda m: ESCAPES[m.group(1)], literal, flags=re.S)


def tokenize(text):
    """C tokens as (kind, text); whitespace dropped."""
    out = []
    for m in TOKEN.finditer(text):
        if m.lastgroup != 'ws':
            out.append((m.lastgroup, m.group()))
    return out


def preprocess(source):
    """Splices lines, drops comments; returns (code, object-like #defines)."""
    source = source.replace('\\\n', '')
    source = re.sub(r'/\*.*?\*/', ' ', source, flags=re.S)
    macros = {}
    code = []
    for line in source.split('\n'):
        m = re.match(r'\s*#\s*define\s+(\w+)(\(?)(.*)$', line)
        if m and not m.group(2):
            macros[m.group(1)] = tokenize(m.group(3))
        if not line.lstrip().startswith('#'):
            code.append(line)
    return '\n'.join(code), macros


class Reader:
    """Evaluates the string expressions of virshtest.c."""

    def __init__(self, source, build, srcdir):
        self.code, self.macros = preprocess(source)
        self.tokens = tokenize(self.code)
        self.values = {'abs_top_builddir': build, 'abs_srcdir': srcdir, 'NULL': None}
        toks = self.tokens
        for i in range(len(toks) - 5):
            if [t[1] for t in toks[i:i + 4]] == ['static', 'const', 'char', '*'] and \
                    toks[i + 4][0] == 'id' and toks[i + 5][1] == '=':
                self.values[toks[i + 4][1]] = self.string(until(toks, i + 6, ';'))
        m = re.search(r'custom_uri\s*=\s*g_strdup_printf\(\s*("[^"]*")\s*,\s*abs_srcdir\s*\)',
                      self.code)
        if not m:
            raise ValueError('no custom_uri = g_strdup_printf(...) in virshtest.c')
        self.values['custom_uri'] = unescape(m.group(1)[1:-1]).replace('%s', srcdir)

    def expand(self, tokens, depth=0):
        """Tokens with object-like macros replaced, recursively."""
        out = []
        for kind, text in tokens:
            if kind == 'id' and text in self.macros and depth < 20:
                out.extend(self.expand(self.macros[text], depth + 1))
            else:
                out.append((kind, text))
        return out

    def string(self, tokens):
        """The value of adjacent literals and named strings (None: NULL)."""
        parts = []
        for kind, text in self.expand(tokens):
            if kind == 'str':
                parts.append(unescape(text[1:-1]))
            elif kind == 'id' and text in self.values:
                if self.values[text] is None:
                    return None
                parts.append(self.values[text])
            else:
                raise ValueError('cannot read %r as a string' % text)
        return ''.join(parts)

    def items(self, tokens):
        """Comma-separated string expressions, up to a NULL one."""
        out, cur, depth = [], [], 0
        for tok in self.expand(tokens) + [('op', ',')]:
            if tok[1] in '({[':
                depth += 1
            elif tok[1] in ')}]':
                depth -= 1
            if tok == ('op', ',') and depth == 0:
                value = self.string(cur) if cur else None
                if value is None:
                    break
                out.append(value)
                cur = []
            else:
                cur.append(tok)
        return out


def until(tokens, start, stop):
    """The tokens from @start up to the first @stop outside brackets."""
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i][1] in '({[':
            depth += 1
        elif tokens[i][1] in ')}]':
            depth -= 1
        elif tokens[i][1] == stop and depth == 0:
            return tokens[start:i]
    raise ValueError('no %r after token %d' % (stop, start))


def balanced(tokens, start):
    """The tokens inside the bracket at @start, and the index after it."""
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i][1] in '({[':
            depth += 1
        elif tokens[i][1] in ')}]':
            depth -= 1
            if depth == 0:
                return tokens[start + 1:i], i + 1
    raise ValueError('unbalanced brackets')


def split_args(tokens):
    """A call's arguments, as token lists."""
    args, cur, depth = [], [], 0
    for tok in tokens:
        if tok[1] in '({[':
            depth += 1
        elif tok[1] in ')}]':
            depth -= 1
        if tok == ('op', ',') and depth == 0:
            args.append(cur)
            cur = []
        else:
            cur.append(tok)
    args.append(cur)
    return args


def find(tokens, words, start=0, end=None):
    """Index of the first run of @words (texts) in tokens[start:end], or -1."""
    end = len(tokens) if end is None else end
    for i in range(start, end - len(words) + 1):
        if all(tokens[i + j][1] == w for j, w in enumerate(words)):
            return i
    return -1


def compare_functions(reader):
    """{function name: (argv, expected, filter)} of the testCompareOutputLit users."""
    toks, funcs, i = reader.tokens, {}, 0
    while (i := find(toks, ['static', 'int'], i)) >= 0:
        name = toks[i + 2][1]
        i += 3
        if toks[i][1] != '(':
            continue
        _, i = balanced(toks, i)
        if toks[i][1] != '{':
            continue
        body, i = balanced(toks, i)
        call = find(body, ['testCompareOutputLit', '('])
        a = find(body, ['argv', '[', ']', '=', '{'])
        e = find(body, ['exp', '='])
        if call < 0 or a < 0 or e < 0:
            continue
        argv, _ = balanced(body, a + 4)
        args = split_args(balanced(body, call + 1)[0])
        funcs[name] = (reader.items(argv), reader.string(until(body, e + 2, ';')),
                       reader.string(args[1]))
    return funcs


def cases(reader):
    """[(name, argv, expected, filter)] in mymain()'s order."""
    toks = reader.tokens
    funcs = compare_functions(reader)
    start = find(toks, ['mymain', '('])
    body, _ = balanced(toks, find(toks, ['{'], start))
    out, i = [], 0
    default = reader.items(reader.macros['VIRSH_DEFAULT'])
    while i < len(body):
        if body[i][1] == 'virTestRun' and body[i + 1][1] == '(':
            args, i = balanced(body, i + 1)
            args = split_args(args)
            func = args[1][0][1]
            if func not in funcs:
                raise ValueError('case %s: %s is not a testCompareOutputLit test'
                                 % (reader.string(args[0]), func))
            out.append((reader.string(args[0]),) + funcs[func])
        elif body[i][1] == 'DO_TEST' and body[i + 1][1] == '(':
            args, i = balanced(body, i + 1)
            args = split_args(args)
            argv = default + [reader.string(a) for a in args[2:]]
            out.append(('virsh echo ' + ''.join(t[1] for t in args[0]), argv,
                        reader.string(args[1]), None))
        else:
            i += 1
    return out


def shell_tests(srcdir):
    """The virsh-* scripts of tests/meson.build's test_scripts."""
    with open(os.path.join(srcdir, 'tests', 'meson.build')) as f:
        meson = f.read()
    names = []
    for block in re.findall(r'test_scripts\s*\+=\s*\[(.*?)\]', meson, re.S):
        names += re.findall(r"'(virsh-[\w-]+)'", block)
    return names

# ---- running ----------------------------------------------------------------


def filter_line(out, what):
    """testFilterLine(): drops from @what to the end of its line."""
    start = out.find(what)
    if start < 0:
        return None
    end = out.find('\n', start + 1)
    return out[:start] if end < 0 else out[:start] + out[end:]


def verdict(expected, what, rc, out, err):
    """'ok', or why a case failed, as testCompareOutputLit judges."""
    if rc != 0 or err:
        first = err.strip().split('\n')[0][:150] if err else 'no error output'
        return 'exit %d (%s)' % (rc, first) if rc != 0 else 'stderr: ' + first
    if what is not None:
        out = filter_line(out, what)
        if out is None:
            return 'no %r line to filter out' % what
    if out == expected:
        return 'ok'
    exp_lines, got_lines = expected.split('\n'), out.split('\n')
    for n, (e, g) in enumerate(zip(exp_lines, got_lines), 1):
        if e != g:
            return 'stdout line %d: expected %r got %r' % (n, e[:60], g[:60])
    return 'stdout has %d lines, expected %d' % (len(got_lines), len(exp_lines))


def keep_log(name, files):
    logdir = os.environ.get('LOGDIR')
    if not logdir:
        return
    d = os.path.join(logdir, re.sub(r'[^\w.-]+', '_', name))
    os.makedirs(d, exist_ok=True)
    for fname, text in files.items():
        with open(os.path.join(d, fname), 'w') as f:
            f.write(text)


def run_case(case, tmp, timeout):
    """One virshtest.c case: its verdict, 'ok' or why it failed."""
    name, argv, expected, what = case
    try:
        p = subprocess.run(argv, cwd=tmp, env={'LANG': 'C'}, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        out = p.stdout.decode('utf-8', 'replace')
        err = p.stderr.decode('utf-8', 'replace')
        why = verdict(expected, what, p.returncode, out, err)
    except subprocess.TimeoutExpired:
        out = err = ''
        why = 'timed out after %ds' % timeout
    keep_log(name, {'argv': '\n'.join(argv) + '\n', 'expected': expected,
                    'out': out, 'err': err})
    return why


def report(pool, jobs):
    """Runs (name, function, args) jobs on @pool; prints their verdicts
    ('ok', 'skip: why' or why a case failed) in order."""
    passed = total = 0
    futures = [(name, pool.submit(func, *args)) for name, func, args in jobs]
    for name, future in futures:
        why = future.result()
        total += 1
        if why == 'ok':
            passed += 1
            print('ok ' + name, flush=True)
        elif why.startswith('skip: '):
            total -= 1
            print('skip %s: %s' % (name, why[6:]), flush=True)
        else:
            print('FAIL %s: %s' % (name, why), flush=True)
    return passed, total


def run_cases(pool, reader, tmp, only):
    timeout = int(os.environ.get('CASE_TIMEOUT', '30'))
    return report(pool, [(c[0], run_case, (c, tmp, timeout))
                         for c in cases(reader) if not only or re.search(only, c[0])])


def first_difference(log):
    """What a failed script's log shows first: a diff line, else an error."""
    lines = log.split('\n')
    minus = next((l for l in lines if re.match(r'-([^-]|$)', l)), '')
    plus = next((l for l in lines if re.match(r'\+([^+]|$)', l)), '')
    if minus or plus:
        return 'diff: %s | %s' % (minus or '(nothing missing)', plus or '(nothing extra)')
    errs = [l for l in lines if 'error:' in l or 'FAILED' in l][:2]
    rest = [l for l in lines if l.strip()]
    return ' | '.join(errs) if errs else (rest[-1] if rest else 'no output')


def run_script(name, srcdir, build, tmp, timeout):
    """One tests/virsh-* script: 'ok', 'skip: why' or why it failed."""
    wd, home = os.path.join(tmp, 'sh', name), os.path.join(tmp, 'home', name)
    os.makedirs(wd)
    os.makedirs(home)
    env = {k: v for k, v in os.environ.items()
           if k not in ('LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI', 'XDG_CONFIG_HOME',
                        'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR', 'VERBOSE', 'VIR_TEST_DEBUG')}
    env.update(HOME=home, abs_top_builddir=build, abs_builddir=build + '/tests',
               abs_top_srcdir=srcdir, abs_srcdir=srcdir + '/tests', LC_ALL='C',
               LIBVIRT_AUTOSTART='0', G_DEBUG='fatal-warnings', VIR_TEST_VERBOSE='1',
               VIR_TEST_EXPENSIVE=os.environ.get('VIR_TEST_EXPENSIVE', '1'))
    try:
        p = subprocess.run([os.path.join(srcdir, 'tests', name)], cwd=wd, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        rc, log = p.returncode, p.stdout.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired:
        rc, log = None, ''
    keep_log(name, {'log': log})
    if rc == 77:
        return 'skip: ' + (log.strip().split('\n') or [''])[-1][:150]
    if rc == 0:
        return 'ok'
    if rc is None:
        return 'timed out after %ds' % timeout
    return 'exit %d: %s' % (rc, first_difference(log)[:200])


def run_scripts(pool, srcdir, build, tmp, only):
    timeout = int(os.environ.get('SHELL_TIMEOUT', '300'))
    return report(pool, [(n, run_script, (n, srcdir, build, tmp, timeout))
                         for n in shell_tests(srcdir) if not only or re.search(only, n)])


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: virshtest.py VIRSH LIBVIRT_SRC')
    virsh, srcdir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    only = os.environ.get('ONLY', '')
    with open(os.path.join(srcdir, 'tests', 'virshtest.c')) as f:
        source = f.read()
    tmp = tempfile.mkdtemp(prefix='peer-virshtest.')
    try:
        build = os.path.join(tmp, 'build')      # stands in for libvirt's build dir
        os.makedirs(os.path.join(build, 'tools'))
        os.makedirs(os.path.join(build, 'tests'))
        os.symlink(virsh, os.path.join(build, 'tools', 'virsh'))
        reader = Reader(source, build, os.path.join(srcdir, 'tests'))
        jobs = int(os.environ.get('PEER_JOBS', '0')) or os.cpu_count() or 1
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            a_pass, a_total = run_cases(pool, reader, tmp, only)
            c_pass, c_total = run_scripts(pool, srcdir, build, tmp, only)
    finally:
        subprocess.run(['chmod', '-R', 'u+rwx', tmp], stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)
    passed, total = a_pass + c_pass, a_total + c_total
    print('peer-virshtest: %d/%d libvirt virsh test cases pass (virshtest.c %d/%d, '
          'shell tests %d/%d)' % (passed, total, a_pass, a_total, c_pass, c_total))
    sys.exit(0 if passed == total and (total > 0 or only) else 1)


if __name__ == '__main__':
    main()
