/*
 * vsh-edit.c: editing a document in the user's editor (the temporary
 * file, the editor, the question after a failure) and virsh's edit loop
 *
 * Messages are virsh 9.0's, so that scripts and users see the same words.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "virtsh.h"
#include "vsh-edit.h"

/* Characters an editor command may hold to be run without a shell, and the
 * temporary file's name to be given to one (virsh's rule). */
#define VSH_EDIT_ACCEPTED_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/_.:@"

/* The editor when neither $VISUAL nor $EDITOR names one (upstream
 * virsh's; Debian's build of virsh says sensible-editor). */
#define VSH_EDIT_DEFAULT_EDITOR "vi"

char *
vshEditWriteToTempFile(vshControl *ctl, const char *doc)
{
    const char *tmpdir = getenv("TMPDIR");
    g_autofree char *filename = g_strdup_printf("%s/virtshXXXXXX.xml", tmpdir ? tmpdir : "/tmp");
    size_t len = strlen(doc), done = 0;
    int fd;

    if ((fd = g_mkstemp_full(filename, O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR)) < 0) {
        vshError(ctl, "g_mkstemp_full: failed to create temporary file: %s", g_strerror(errno));
        return NULL;
    }
    while (done < len) {
        ssize_t n = write(fd, doc + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            vshError(ctl, "write: %s: failed to write to temporary file: %s", filename,
                     g_strerror(errno));
            close(fd);
            unlink(filename);
            return NULL;
        }
        done += n;
    }
    if (close(fd) < 0) {
        vshError(ctl, "close: %s: failed to write or close temporary file: %s", filename,
                 g_strerror(errno));
        unlink(filename);
        return NULL;
    }
    return g_steal_pointer(&filename);
}

void
vshEditUnlink(char *filename)
{
    if (!filename)
        return;
    unlink(filename);
    g_free(filename);
}

/* The command line as libvirt's errors show it: words with anything but
 * the accepted characters in single quotes. */
static char *
vshEditCommandString(char **argv)
{
    GString *str = g_string_new(NULL);
    size_t i;

    for (i = 0; argv[i]; i++) {
        if (i)
            g_string_append_c(str, ' ');
        if (strspn(argv[i], VSH_EDIT_ACCEPTED_CHARS) == strlen(argv[i])) {
            g_string_append(str, argv[i]);
        } else {
            g_autofree char *quoted = g_shell_quote(argv[i]);

            g_string_append(str, quoted);
        }
    }
    return g_string_free(str, FALSE);
}

/* An editor command holding shell characters is the user's to run through
 * a shell (options, quoting); a plain one is run directly. */
static char **
vshEditArgv(vshControl *ctl, const char *editor, const char *filename)
{
    char **argv = g_new0(char *, 4);

    if (strspn(editor, VSH_EDIT_ACCEPTED_CHARS) == strlen(editor)) {
        argv[0] = g_strdup(editor);
        argv[1] = g_strdup(filename);
        return argv;
    }
    if (strspn(filename, VSH_EDIT_ACCEPTED_CHARS) != strlen(filename)) {
        vshError(ctl, "%s: temporary filename contains shell meta or other unacceptable "
                 "characters (is $TMPDIR wrong?)", filename);
        g_free(argv);
        return NULL;
    }
    argv[0] = g_strdup("sh");
    argv[1] = g_strdup("-c");
    argv[2] = g_strdup_printf("%s %s", editor, filename);
    return argv;
}

int
vshEditFile(vshControl *ctl, const char *filename)
{
    const char *editor = getenv("VISUAL");
    g_auto(GStrv) argv = NULL;
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    int status;

    if (!editor)
        editor = getenv("EDITOR");
    if (!editor)
        editor = VSH_EDIT_DEFAULT_EDITOR;
    if (!(argv = vshEditArgv(ctl, editor, filename)))
        return -1;
    if (!strchr(argv[0], '/') && !(path = g_find_program_in_path(argv[0]))) {
        vshError(ctl, "Cannot find '%s' in path: %s", argv[0], g_strerror(ENOENT));
        return -1;
    }
    /* the editor shares the terminal: what was printed goes first */
    fflush(stdout);
    fflush(stderr);
    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                      NULL, NULL, NULL, NULL, &status, &err)) {
        vshError(ctl, "cannot execute binary %s: %s", argv[0], err->message);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_autofree char *cmd = vshEditCommandString(argv);

        if (WIFEXITED(status))
            vshError(ctl, "internal error: Child process (%s) unexpected exit status %d", cmd,
                     WEXITSTATUS(status));
        else
            vshError(ctl, "internal error: Child process (%s) unexpected fatal signal %d", cmd,
                     WTERMSIG(status));
        return -1;
    }
    return 0;
}

char *
vshEditReadBackFile(vshControl *ctl, const char *filename)
{
    g_autoptr(GError) err = NULL;
    char *doc = NULL;

    if (!g_file_get_contents(filename, &doc, NULL, &err)) {
        vshError(ctl, "%s: failed to read temporary file: %s", filename, err->message);
        return NULL;
    }
    return doc;
}

/* ---- the question after a failure ---------------------------------- */

static void
vshEditPrintRaw(const char *const *lines)
{
    for (; *lines; lines++)
        printf("%s\r\n", *lines);
}

/* 'y', 'n', 'f', or 'i' (when @relax): the user's answer, read a key at a
 * time from the terminal; -1 when stdin is not one (nobody to ask). */
static int
vshEditAsk(vshControl *ctl, const char *msg, bool relax)
{
    static const char *const help[] = {
        "", "y - yes, start editor again", "n - no, throw away my changes", NULL,
    };
    static const char *const helpRelax[] = {
        "i - turn off validation and try to redefine again", NULL,
    };
    static const char *const helpEnd[] = {
        "f - force, try to redefine again", "? - print this help", NULL,
    };
    struct termios saved, raw;
    int c;

    if (!isatty(STDIN_FILENO))
        return -1;
    vshReportError(ctl);
    if (tcgetattr(STDIN_FILENO, &saved) < 0)
        return -1;
    raw = saved;
    cfmakeraw(&raw);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
        return -1;
    while (true) {
        printf("\r%s %s %s: ", msg, "Try again?", relax ? "[y,n,i,f,?]" : "[y,n,f,?]");
        fflush(stdout);
        c = g_ascii_tolower(getchar());
        if (c == '?') {
            vshEditPrintRaw(help);
            if (relax)
                vshEditPrintRaw(helpRelax);
            vshEditPrintRaw(helpEnd);
        } else if (c == 'y' || c == 'n' || c == 'f' || (relax && c == 'i') || c == EOF) {
            break;
        }
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    printf("\r\n");
    fflush(stdout);
    return c == EOF ? 'n' : c;
}

/* ---- the loop ------------------------------------------------------- */

vshEditResult
vshEditLoop(vshControl *ctl, const vshEditOps *ops, void *opaque)
{
    g_autofree char *doc = NULL;
    g_autofree char *edited = NULL;
    g_autoptr(vshTempFile) tmp = NULL;
    bool relax;

    if (!(doc = ops->get(ctl, opaque)) || !(tmp = vshEditWriteToTempFile(ctl, doc)))
        return VSH_EDIT_FAILED;
 reedit:
    relax = ops->relax != NULL;
    g_clear_pointer(&edited, g_free);
    if (vshEditFile(ctl, tmp) < 0 || !(edited = vshEditReadBackFile(ctl, tmp)))
        return VSH_EDIT_FAILED;
    if (g_str_equal(doc, edited))
        return VSH_EDIT_UNCHANGED;
    while (true) {
        g_autofree char *reread = NULL;
        const char *msg = NULL;

        /* someone else may have changed it (or it went) while it was edited */
        if (!(reread = ops->get(ctl, opaque)))
            return VSH_EDIT_FAILED;
        if (!g_str_equal(doc, reread)) {
            msg = "The XML configuration was changed by another user.";
            g_free(doc);
            doc = g_steal_pointer(&reread);
        }
        if (!msg && !ops->put(ctl, edited, opaque))
            msg = "Failed.";
        if (!msg)
            return VSH_EDIT_DONE;
        switch (vshEditAsk(ctl, msg, relax)) {
        case 'y':
            goto reedit;
        case 'f':
            continue;
        case 'n':
            return VSH_EDIT_FAILED;
        case 'i':
            ops->relax(opaque);
            relax = false;
            continue;
        default:
            /* virsh 9.0 reports the failure and goes on as if it were done */
            vshError(ctl, "%s", msg);
            vshResetLastError(ctl);
            return VSH_EDIT_DONE;
        }
    }
}
