/*
 * virfile.c: files written atomically, read with a size cap; where the
 * host's /proc and /sys are read from
 */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_CONF

/* Temporary files are ".<name>.tmp-XXXXXX" next to their target. */
#define VIR_FILE_TEMP_INFIX ".tmp-"

int
virFileMakePath(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, mode) < 0) {
        virReportSystemError(errno, _("cannot create directory '%s'"), path);
        return -1;
    }
    return 0;
}

int
virFileSyncDir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int ret = 0;

    if (fd < 0 || fsync(fd) < 0) {
        virReportSystemError(errno, _("cannot sync directory '%s'"), dir);
        ret = -1;
    }
    if (fd >= 0)
        close(fd);
    return ret;
}

static int
virFileWriteAll(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= n;
    }
    return 0;
}

/* ".<base>.tmp-XXXXXX" beside @path, for g_mkstemp_full(); @dirlen is
 * set to the length of @path's directory. */
static char *
virFileAtomicTemplate(const char *path, size_t *dirlen)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    size_t blen = strlen(base);
    char *tmp = g_malloc(dlen + 2 + blen + sizeof(VIR_FILE_TEMP_INFIX "XXXXXX"));
    char *p = tmp;

    if (slash) {
        memcpy(p, path, dlen + 1);
        p += dlen + 1;
    }
    *p++ = '.';
    memcpy(p, base, blen);
    memcpy(p + blen, VIR_FILE_TEMP_INFIX "XXXXXX", sizeof(VIR_FILE_TEMP_INFIX "XXXXXX"));
    *dirlen = dlen;
    return tmp;
}

int
virFileWriteAtomicFlags(const char *path, const char *data, size_t len, mode_t mode,
                        unsigned int flags)
{
    bool durable = !(flags & VIR_FILE_ATOMIC_VOLATILE);
    size_t dirlen;
    g_autofree char *tmp = virFileAtomicTemplate(path, &dirlen);
    g_autofree char *dir = NULL;
    int fd;

    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode);
    if (fd < 0) {
        virReportSystemError(errno, _("cannot create a temporary file for '%s'"), path);
        return -1;
    }
    if (fchmod(fd, mode) < 0 || virFileWriteAll(fd, data, len) < 0 ||
        (durable && fsync(fd) < 0)) {
        virReportSystemError(errno, _("cannot write '%s'"), tmp);
        close(fd);
        unlink(tmp);
        return -1;
    }
    if (close(fd) < 0) {
        virReportSystemError(errno, _("cannot write '%s'"), tmp);
        unlink(tmp);
        return -1;
    }
    if (rename(tmp, path) < 0) {
        virReportSystemError(errno, _("cannot rename '%s' to '%s'"), tmp, path);
        unlink(tmp);
        return -1;
    }
    if (!durable)
        return 0;
    dir = dirlen ? g_strndup(path, dirlen) : g_strdup(path[0] == '/' ? "/" : ".");
    return virFileSyncDir(dir);
}

int
virFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode)
{
    return virFileWriteAtomicFlags(path, data, len, mode, 0);
}

int
virFileRemoveSynced(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);

    if (unlink(path) < 0) {
        if (errno == ENOENT)
            return 0;
        virReportSystemError(errno, _("cannot remove '%s'"), path);
        return -1;
    }
    return virFileSyncDir(dir);
}

int
virFileReadLimited(const char *path, size_t maxlen, char **buf, size_t *len)
{
    return virFileReadLimitedFlags(path, maxlen, buf, len, 0);
}

int
virFileReadLimitedFlags(const char *path, size_t maxlen, char **buf, size_t *len,
                        unsigned int flags)
{
    g_autofree char *data = NULL;
    struct stat sb;
    size_t got = 0, cap;
    bool own = flags & VIR_FILE_READ_OWN;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
                  (own ? O_NOFOLLOW | O_NONBLOCK : 0));

    if (fd < 0) {
        if (own && errno == ELOOP)
            virReportError(VIR_ERR_READ_FAILED, _("'%s' is a symbolic link"), path);
        else
            virReportSystemError(errno, _("cannot open '%s'"), path);
        return -1;
    }
    if (fstat(fd, &sb) < 0) {
        virReportSystemError(errno, _("cannot stat '%s'"), path);
        close(fd);
        return -1;
    }
    if (own ? !S_ISREG(sb.st_mode) :
        !S_ISREG(sb.st_mode) && !S_ISCHR(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
        virReportError(VIR_ERR_READ_FAILED, _("'%s' is not a regular file"), path);
        close(fd);
        return -1;
    }
    cap = S_ISREG(sb.st_mode) && (size_t)sb.st_size < maxlen ? (size_t)sb.st_size + 1 : 4096;
    data = g_malloc(cap + 1);
    for (;;) {
        ssize_t n;

        if (got == cap) {
            if (cap > maxlen)
                break;
            cap *= 2;
            data = g_realloc(data, cap + 1);
        }
        n = read(fd, data + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, _("cannot read '%s'"), path);
            close(fd);
            return -1;
        }
        if (n == 0)
            break;
        got += n;
    }
    close(fd);
    if (got > maxlen) {
        virReportError(VIR_ERR_READ_FAILED,
                       _("'%s' is larger than the limit of %zu bytes"), path, maxlen);
        return -1;
    }
    data[got] = '\0';
    *buf = g_steal_pointer(&data);
    if (len)
        *len = got;
    return 0;
}

bool
virFileIsAtomicTemp(const char *name)
{
    return name[0] == '.' && strstr(name, VIR_FILE_TEMP_INFIX) != NULL;
}

/* NULL: the host's own "/".  Only tests set it. */
static char *virFileHostRoot;

void
virFileSetHostRoot(const char *root)
{
    g_free(virFileHostRoot);
    virFileHostRoot = g_strdup(root);
}

char *
virFileHostPath(const char *path)
{
    if (!virFileHostRoot)
        return g_strdup(path);
    return g_strconcat(virFileHostRoot, path, NULL);
}
