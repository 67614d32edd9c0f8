/*
 * xentestutils.h: what the Xen binding's tests share
 *
 * Guests are described in files shaped like xl.cfg (a subset: name, type,
 * kernel, ramdisk, extra, memory and maxmem in MiB, vcpus, maxvcpus,
 * tsc_mode, on_poweroff/on_reboot/on_crash, disk = [ "SOURCE,TARGET,rw" ],
 * vif = [ "mac=...,bridge=..." ]), under tests/data/xen.
 */
#ifndef VIR_XEN_TESTUTILS_H
# define VIR_XEN_TESTUTILS_H

# include <stdbool.h>
# include <check.h>
# include <glib.h>

# include "xen_conf.h"

/* $VIRTKIT_XEN_DATA, or $(abs_top_srcdir)/tests/data/xen */
const char *xenTestDataDir(void);
char *xenTestDataPath(const char *relpath);

/* Parses a guest description; NULL with a message on stderr when the file
 * cannot be read or has a line the parser does not know. */
xenDomainConfig *xenTestConfigLoad(const char *path);

/* Runs @cmdline (no shell), returns its exit status (-1 when it could not
 * run) and its standard output in *@out when @out is not NULL. */
int xenTestRun(const char *cmdline, char **out);

/* "key : value" lines (xl info) as a table of stripped strings */
GHashTable *xenTestKeyValues(const char *text);

/* How many times @needle occurs in the file at @path (0 when unreadable) */
unsigned int xenTestFileCount(const char *path, const char *needle);

/* Asserts the thread's last error has @code and its message contains
 * @needle, and prints it (the harness's log then shows each message). */
# define ck_assert_xen_error(code, needle) \
    xenTestAssertError(__FILE__, __LINE__, code, needle)
void xenTestAssertError(const char *file, int line, int code, const char *needle);

/* Asserts a binding call succeeded, printing its error otherwise */
# define ck_assert_xen_ok(expr) \
    ck_assert_msg((expr) == 0, "%s failed: %s", #expr, xenTestLastMessage())

/* The thread's last error message, or "" */
const char *xenTestLastMessage(void);

#endif /* VIR_XEN_TESTUTILS_H */
