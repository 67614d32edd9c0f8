/*
 * virlog.h: debug logging
 *
 * Warnings and errors go to standard error, as libvirt's library sends
 * them (in its format: "<time>: <thread>: warning : <func>:<line> :
 * <message>"); VIRTKIT_DEBUG (or libvirt's LIBVIRT_DEBUG) sets the level
 * (1 = debug, 2 = info, 3 = warning, 4 = error), and VIRTKIT_LOG_FILE
 * names a file to write to instead.  A disabled message costs one
 * comparison: its arguments are not evaluated.
 */
#ifndef VIR_LOG_H
# define VIR_LOG_H

# include "internal.h"

typedef enum {
    VIR_LOG_DEBUG = 1,
    VIR_LOG_INFO,
    VIR_LOG_WARN,
    VIR_LOG_ERROR,
    VIR_LOG_NONE,
} virLogPriority;

extern int virLogLevel;

/* Whether the user asked for logging (VIRTKIT_DEBUG, LIBVIRT_DEBUG or
 * VIRTKIT_LOG_FILE): reported errors are logged only then, as libvirt's
 * are, since the error itself reaches the caller. */
extern bool virLogRequested;

void virLogInit(void);
void virLogMessage(virLogPriority prio, const char *file, const char *func,
                   size_t line, const char *fmt, ...) G_GNUC_PRINTF(5, 6);

# define VIR_LOG_AT(prio, file, func, line, ...) \
    do { \
        if (G_UNLIKELY((prio) >= virLogLevel)) \
            virLogMessage(prio, file, func, line, __VA_ARGS__); \
    } while (0)

# define VIR_DEBUG(...) VIR_LOG_AT(VIR_LOG_DEBUG, __FILE__, __func__, __LINE__, __VA_ARGS__)
# define VIR_INFO(...) VIR_LOG_AT(VIR_LOG_INFO, __FILE__, __func__, __LINE__, __VA_ARGS__)
# define VIR_WARN(...) VIR_LOG_AT(VIR_LOG_WARN, __FILE__, __func__, __LINE__, __VA_ARGS__)
# define VIR_ERROR(...) VIR_LOG_AT(VIR_LOG_ERROR, __FILE__, __func__, __LINE__, __VA_ARGS__)
# define VIR_LOG_ERROR_AT(file, func, line, ...) \
    VIR_LOG_AT(VIR_LOG_ERROR, file, func, line, __VA_ARGS__)

#endif /* VIR_LOG_H */
