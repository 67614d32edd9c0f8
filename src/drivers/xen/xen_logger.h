/*
 * xen_logger.h: the logger libxenctrl and libxl write to
 *
 * libxl says why an operation failed only in its log ("/etc/xen/scripts/
 * block add exited with error status 1"), and returns ERROR_FAIL.  This
 * logger passes every line to virtkit's log and keeps, for the calling
 * thread, the errors logged since xenLoggerBegin(), so that the binding can
 * put them in the message the user reads.
 */
#ifndef VIR_XEN_LOGGER_H
# define VIR_XEN_LOGGER_H

# include "internal.h"

# include <xentoollog.h>

typedef struct _xenLogger xenLogger;

xenLogger *xenLoggerNew(void);
void xenLoggerFree(xenLogger *logger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xenLogger, xenLoggerFree);

/* What libxenctrl and libxl take */
xentoollog_logger *xenLoggerGet(xenLogger *logger);

/* Forgets the errors this thread's previous calls logged. */
void xenLoggerBegin(void);

/* The errors logged by this thread since xenLoggerBegin(), "; "-separated
 * (at most a few, the first ones: the cause comes before the cleanup's
 * complaints), or NULL when none.  The caller frees it. */
char *xenLoggerErrors(void);

#endif /* VIR_XEN_LOGGER_H */
