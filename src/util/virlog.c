/*
 * virlog.c: debug logging to standard error or a file
 */
#include "internal.h"

#include "virthread.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "virlog.h"

/* Messages below this priority are dropped; VIR_LOG_NONE silences all. */
int virLogLevel = VIR_LOG_WARN;
bool virLogRequested;

static virMutex virLogLock = VIR_MUTEX_INITIALIZER;
static FILE *virLogStream;

static const char *const virLogPriorityNames[] = {
    [VIR_LOG_DEBUG] = "debug",
    [VIR_LOG_INFO] = "info",
    [VIR_LOG_WARN] = "warning",
    [VIR_LOG_ERROR] = "error",
};

/* Reads VIRTKIT_DEBUG and VIRTKIT_LOG_FILE once, from virInitialize(). */
void
virLogInit(void)
{
    const char *level = g_getenv("VIRTKIT_DEBUG");
    const char *file = g_getenv("VIRTKIT_LOG_FILE");

    if (!level || !*level)
        level = g_getenv("LIBVIRT_DEBUG");
    virLogRequested = (level && *level) || (file && *file);
    guint64 value;

    if (!level || !*level)
        return;
    if (!g_ascii_string_to_unsigned(level, 10, VIR_LOG_DEBUG, VIR_LOG_NONE,
                                    &value, NULL)) {
        fprintf(stderr, "virtkit: ignoring VIRTKIT_DEBUG='%s': use 1 (debug) to 4 (error)\n",
                level);
        return;
    }
    if (file && *file) {
        virLogStream = fopen(file, "ae");
        if (!virLogStream)
            fprintf(stderr, "virtkit: cannot open VIRTKIT_LOG_FILE '%s': %s\n",
                    file, g_strerror(errno));
    }
    virLogLevel = (int)value;
}

void
virLogMessage(virLogPriority prio, const char *file, const char *func,
              size_t line, const char *fmt, ...)
{
    va_list args;
    g_autofree char *msg = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%F %T");
    int save_errno = errno;

    va_start(args, fmt);
    msg = g_strdup_vprintf(fmt, args);
    va_end(args);

    virMutexLock(&virLogLock);
    fprintf(virLogStream ? virLogStream : stderr, "%s.%03d+0000: %d: %s : %s:%zu : %s\n",
            stamp, g_date_time_get_microsecond(now) / 1000, (int)gettid(),
            virLogPriorityNames[prio], func, line, msg);
    fflush(virLogStream ? virLogStream : stderr);
    virMutexUnlock(&virLogLock);
    errno = save_errno;
}
