/*
 * api.h: what the public entry points share: the checks of their skeleton
 *
 * Every entry point is written out in the same short skeleton, so that a
 * reader who searches "->domainSuspend(" finds the call and sees every
 * way out of the function:
 *
 *     int
 *     virDomainSuspend(virDomainPtr domain)
 *     {
 *         virConnectPtr conn;
 *         int ret;
 *
 *         VIR_DEBUG("dom=%p", domain);
 *         virResetLastError();                     1. reset the error
 *         if (virCheckDomain(domain) < 0)          2. check the handle
 *             return -1;
 *         conn = domain->conn;
 *         if (virCheckReadOnly(conn) < 0)          3. check arguments, then
 *             goto error;                             refuse a mutation
 *         if (!conn->driver->domainSuspend) {      4. dispatch, or say the
 *             virReportUnsupported(conn, __func__);    driver has no such call
 *             goto error;
 *         }
 *         if ((ret = conn->driver->domainSuspend(domain)) < 0)
 *             goto error;
 *         return ret;
 *
 *      error:                                     5. dispatch the error
 *         virDispatchError(domain->conn);
 *         return -1;
 *     }
 *
 * A bad handle returns at once: it has no connection to dispatch the
 * error to (virCheckConnect and virCheckDomain dispatch it to the global
 * callback themselves).  A domain's entry point reads domain->conn again
 * on the error path rather than keeping conn alive across the driver
 * call: that saves a register on every successful call.
 *
 * The check macros are expressions: 0 when the check passes, -1 with the
 * error reported when it fails.  They never return or jump themselves,
 * and only evaluate their message on failure (an entry point runs them on
 * every call).  The -1 is a constant in the expression, not the result of
 * the reporting call: the compiler then knows a failed check always takes
 * the error path, and keeps nothing alive across it for the way back.
 * They record the calling function, whose VIR_FROM_THIS is the error's
 * domain.
 */
#ifndef VIR_API_H
# define VIR_API_H

# include "internal.h"
# include "datatypes.h"
# include "driver.h"
# include "virerror.h"
# include "virlog.h"

/**
 * virReportInvalidHandle:
 * @code: VIR_ERR_INVALID_CONN or VIR_ERR_INVALID_DOMAIN
 * @func: the public function that was given the handle
 *
 * Reports a bad handle and dispatches the error to the global callback
 * (a bad handle has no connection of its own).
 */
void virReportInvalidHandle(int code, const char *func);

/**
 * virReportUnsupported:
 * @conn: the connection whose driver lacks the call
 * @func: the public function
 *
 * Reports VIR_ERR_NO_SUPPORT naming the function and the driver.
 */
void virReportUnsupported(virConnectPtr conn, const char *func);

/**
 * virReportInvalidArgFull:
 * @domain: the error domain (the caller's VIR_FROM_THIS)
 * @file: the caller's source file
 * @func: the public function, named in the message
 * @line: the caller's line
 * @arg: the argument's name
 * @what: what the argument must be ("must not be NULL")
 *
 * Reports VIR_ERR_INVALID_ARG with the message "<arg> in <func> <what>",
 * without "invalid argument: " before it, as libvirt does.  Called through
 * virCheckArg().
 */
void virReportInvalidArgFull(int domain, const char *file, const char *func,
                             size_t line, const char *arg, const char *what);

/**
 * virReportReadOnlyFull:
 * @domain: the error domain (the caller's VIR_FROM_THIS)
 * @file: the caller's source file
 * @func: the public function, named in the message
 * @line: the caller's line
 *
 * Reports VIR_ERR_OPERATION_DENIED: "read-only access prevents <func>".
 * Called through virCheckReadOnly().
 */
void virReportReadOnlyFull(int domain, const char *file, const char *func,
                           size_t line);

/* 0 when @conn is a live connection handle; otherwise -1, with the error
 * reported and dispatched. */
# define virCheckConnect(conn) \
    (G_LIKELY(virConnectIsValid(conn)) ? 0 : \
     (virReportInvalidHandle(VIR_ERR_INVALID_CONN, __func__), -1))

/* 0 when @dom is a live domain handle (on a live connection); otherwise
 * -1, with the error reported and dispatched. */
# define virCheckDomain(dom) \
    (G_LIKELY(virDomainIsValid(dom)) ? 0 : \
     (virReportInvalidHandle(VIR_ERR_INVALID_DOMAIN, __func__), -1))

/* 0 when @cond holds; otherwise -1 with VIR_ERR_INVALID_ARG reported:
 * @arg names the argument, @what says what it must be. */
# define virCheckArg(cond, arg, what) \
    (G_LIKELY(cond) ? 0 : \
     (virReportInvalidArgFull(VIR_FROM_THIS, __FILE__, __func__, __LINE__, arg, what), -1))

/* 0 when @arg is not NULL; otherwise -1 with the error reported. */
# define virCheckNonNullArg(arg) \
    virCheckArg((arg) != NULL, #arg, _("must not be NULL"))

/* 0 when @arg is NULL (an argument a case does not take); otherwise -1
 * with the error reported. */
# define virCheckNullArg(arg) \
    virCheckArg((arg) == NULL, #arg, _("must be NULL"))

/* 0 when @arg is a string that is not empty; otherwise -1 with the error
 * reported, in libvirt's words. */
# define virCheckNonEmptyStringArg(arg) \
    ((virCheckNonNullArg(arg) < 0 || \
      virCheckArg(*(arg) != '\0', #arg, _("must not be empty string")) < 0) ? -1 : 0)

/* The (@params, *@nparams) pair of a call that fills typed parameters and
 * may be asked for their number (@params NULL, *@nparams 0): 0 when it is
 * valid, otherwise -1 with the error reported. */
# define virCheckGetParams(params, nparams) \
    ((virCheckNonNullArg(nparams) < 0 || \
      virCheckArg(*(nparams) >= 0, "nparams", _("must not be negative")) < 0 || \
      virCheckArg((params) || *(nparams) == 0, "params", \
                  _("must not be NULL when *nparams > 0")) < 0) ? -1 : 0)

/* The (@params, @nparams) pair of a call that changes typed parameters. */
# define virCheckSetParams(params, nparams) \
    ((virCheckNonNullArg(params) < 0 || \
      virCheckArg((nparams) > 0, "nparams", _("must be positive")) < 0) ? -1 : 0)

/* 0 unless the caller's @flags holds both @a and @b (a pair that excludes
 * each other); otherwise -1 with VIR_ERR_INVALID_ARG reported. */
# define virCheckExclusiveFlags(a, b) \
    virCheckArg(!((flags & (a)) && (flags & (b))), "flags", \
                _("must not hold both " #a " and " #b))

/* 0 on a read-write connection; otherwise -1 with VIR_ERR_OPERATION_DENIED
 * reported (for calls that change something). */
# define virCheckReadOnly(conn) \
    (G_LIKELY(!((conn)->flags & VIR_CONNECT_RO)) ? 0 : \
     (virReportReadOnlyFull(VIR_FROM_THIS, __FILE__, __func__, __LINE__), -1))

#endif /* VIR_API_H */
