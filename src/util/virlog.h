/*
 * virlog.h: debug logging
 *
 * Off unless VIRTKIT_DEBUG is set (1 = debug, 2 = info, 3 = warning,
 * 4 = error); output goes to standard error, or to the file named by
 * VIRTKIT_LOG_FILE.  A disabled message costs one comparison: its
 * arguments are not evaluated.
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
