/*
 * xen_error.h: Xen's refusals said in virtkit's words
 *
 * libxenctrl answers -1 and an errno, libxenstore false or NULL and an
 * errno, libxl a negative ERROR_* code and lines in its log.  The binding
 * reports each here, so that a user reads "domain 3: cannot pause: no such
 * domain", never "error -1" or "libxl error -3".
 */
#ifndef VIR_XEN_ERROR_H
# define VIR_XEN_ERROR_H

# include "internal.h"

/**
 * xenReportDomainErrno:
 * @domid: the domain asked about
 * @err: the errno of the failed call
 * @fmt: what was asked, a verb phrase ("pause", "set its maximum memory
 *       to 262144 KiB")
 *
 * Reports "domain @domid: cannot <what>: <meaning of @err>", with the vir
 * error code that fits @err (ESRCH: VIR_ERR_NO_DOMAIN, ...).
 */
void xenReportDomainErrno(unsigned int domid, int err, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/**
 * xenReportHostErrno:
 * @err: the errno of the failed call
 * @fmt: what was asked ("read the host's physical information")
 *
 * Reports "Xen: cannot <what>: <meaning of @err>".
 */
void xenReportHostErrno(int err, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/**
 * xenReportLightError:
 * @who: "domain 7" or "Xen guest 'web'"
 * @rc: the ERROR_* code libxl returned
 * @detail: what libxl logged as errors during the call, or NULL
 * @fmt: what was asked ("create it")
 *
 * Reports "<who>: cannot <what>: <meaning of @rc>: <detail>".
 */
void xenReportLightError(const char *who, int rc, const char *detail,
                         const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/**
 * xenMemshrReportErrno:
 * @domid: the domain asked about
 * @err: the errno of the failed memory sharing call
 * @fmt: what was asked ("nominate gfn 0x10 for sharing")
 *
 * As xenReportDomainErrno, in memory sharing's own words (xen_memshr.c:
 * ENOSYS "not compiled into this Xen", EXDEV passthrough, ...).
 */
void xenMemshrReportErrno(unsigned int domid, int err, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Whether Xen refuses with @err one page only, not sharing as a whole */
bool xenMemshrErrnoIsPageOnly(int err);

/* The meanings themselves, for the unit tests and the log. */
const char *xenErrnoMeaning(int err);
const char *xenLightErrorMeaning(int rc);

#endif /* VIR_XEN_ERROR_H */
