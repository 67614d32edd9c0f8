/*
 * virfile.h: files written atomically, read with a size cap; where the
 * host's /proc and /sys are read from
 */
#ifndef VIR_FILE_H
# define VIR_FILE_H

# include "internal.h"

# include <sys/types.h>

/* Creates @path and its missing parents with @mode (e.g. 0700). */
int virFileMakePath(const char *path, mode_t mode);

/**
 * virFileWriteAtomic:
 * @path: the file to replace
 * @data: the new content
 * @len: its length
 * @mode: permissions of the new file
 *
 * Writes a temporary file in the same directory, fsyncs it, renames it over
 * @path and fsyncs the directory: a crash at any instant leaves either the
 * old or the new content, never a torn file.
 */
int virFileWriteAtomic(const char *path, const char *data, size_t len,
                       mode_t mode);

typedef enum {
    /* Nothing is fsynced: the rename still leaves the old or the new
     * content to a process that dies mid-write, but a host crash may
     * leave neither.  For run-time state under /run, which is tmpfs (an
     * fsync there does nothing but cost) and which a reboot empties. */
    VIR_FILE_ATOMIC_VOLATILE = 1 << 0,
} virFileAtomicFlags;

/* virFileWriteAtomic() with virFileAtomicFlags. */
int virFileWriteAtomicFlags(const char *path, const char *data, size_t len,
                            mode_t mode, unsigned int flags);

/* fsyncs directory @dir: what was created or removed in it lasts. */
int virFileSyncDir(const char *dir);

/* Removes @path (missing is fine) and fsyncs its directory. */
int virFileRemoveSynced(const char *path);

/* Reads a whole file of at most @maxlen bytes; NUL-terminated.  A device
 * or a FIFO is read too (a node file may be /dev/stdin). */
int virFileReadLimited(const char *path, size_t maxlen, char **buf,
                       size_t *len);

typedef enum {
    /* a file the library wrote itself: only a regular file, and not
     * through a symlink (a FIFO or a link planted in its directory is
     * refused, not opened or followed) */
    VIR_FILE_READ_OWN = 1 << 0,
} virFileReadFlags;

int virFileReadLimitedFlags(const char *path, size_t maxlen, char **buf,
                            size_t *len, unsigned int flags);

/* True for the temporary files virFileWriteAtomic() leaves behind when a
 * process dies mid-write; loaders skip them and may remove them. */
bool virFileIsAtomicTemp(const char *name);

/* The modules that read the host (/proc, /sys, and the cgroup mounts
 * /proc names) read it under @root instead of "/" from now on; NULL for
 * the real host.  A seam for tests, which keep fake hosts as files: set
 * it before any thread reads the host. */
void virFileSetHostRoot(const char *root);

/* @path ("/proc/meminfo") on the host: under the root virFileSetHostRoot()
 * set, or as it is.  Caller frees. */
char *virFileHostPath(const char *path);

#endif /* VIR_FILE_H */
