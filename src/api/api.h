/*
 * api.h: the skeleton every public entry point shares
 *
 *   1. reset the thread's error and check the handle   (VIR_ENTRY_*)
 *   2. check arguments                                 (VIR_CHECK_ARG*)
 *   3. refuse a mutation on a read-only connection     (VIR_CHECK_READ_ONLY)
 *   4. dispatch to the driver, or say it is unsupported, and on failure
 *      dispatch the error                              (VIR_DRIVER_CALL)
 */
#ifndef VIR_API_H
# define VIR_API_H

# include "internal.h"
# include "datatypes.h"
# include "driver.h"
# include "virerror.h"
# include "virlog.h"

void virReportInvalidHandle(int code, const char *func);
void virReportUnsupported(virConnectPtr conn, const char *func);

# define VIR_ENTRY_CONN(conn, retval) \
    do { \
        VIR_DEBUG("conn=%p", conn); \
        virResetLastError(); \
        if (!virConnectIsValid(conn)) { \
            virReportInvalidHandle(VIR_ERR_INVALID_CONN, __func__); \
            return retval; \
        } \
    } while (0)

# define VIR_ENTRY_DOMAIN(dom, retval) \
    do { \
        VIR_DEBUG("dom=%p", dom); \
        virResetLastError(); \
        if (!virDomainIsValid(dom)) { \
            virReportInvalidHandle(VIR_ERR_INVALID_DOMAIN, __func__); \
            return retval; \
        } \
    } while (0)

/* Fails the call with VIR_ERR_INVALID_ARG unless @cond holds; @what says
 * what the argument must be ("must not be NULL"). */
# define VIR_CHECK_ARG(conn, cond, arg, what, retval) \
    do { \
        if (!(cond)) { \
            virReportError(VIR_ERR_INVALID_ARG, _("%s in %s %s"), \
                           arg, __func__, what); \
            virDispatchError(conn); \
            return retval; \
        } \
    } while (0)

# define VIR_CHECK_NONNULL(conn, arg, retval) \
    VIR_CHECK_ARG(conn, (arg) != NULL, #arg, _("must not be NULL"), retval)

# define VIR_CHECK_READ_ONLY(conn, retval) \
    do { \
        if ((conn)->flags & VIR_CONNECT_RO) { \
            virReportError(VIR_ERR_OPERATION_DENIED, \
                           _("read-only access prevents %s"), __func__); \
            virDispatchError(conn); \
            return retval; \
        } \
    } while (0)

/* Calls the driver's @slot with the remaining arguments.  The result is
 * returned when the expression "result @failed" is false; otherwise (or
 * when the slot is empty) the error is dispatched and @errret returned. */
# define VIR_DRIVER_CALL(conn, slot, failed, errret, ...) \
    do { \
        if (!(conn)->driver->slot) { \
            virReportUnsupported(conn, __func__); \
        } else { \
            __typeof__((conn)->driver->slot(__VA_ARGS__)) _result = \
                (conn)->driver->slot(__VA_ARGS__); \
            if (!(_result failed)) \
                return _result; \
        } \
        virDispatchError(conn); \
        return errret; \
    } while (0)

#endif /* VIR_API_H */
