/*
 * api.c: the errors the entry points' checks report (see api.h)
 *
 * Out of line: the checks are inline conditions, and only a failing one
 * calls in here.
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_NONE

void
virReportInvalidHandle(int code, const char *func)
{
    virReportErrorFull(code == VIR_ERR_INVALID_DOMAIN ? VIR_FROM_DOM : VIR_FROM_NONE,
                       code, __FILE__, __func__, __LINE__, "%s", func);
    virDispatchError(NULL);
}

void
virReportUnsupported(virConnectPtr conn, const char *func)
{
    virReportError(VIR_ERR_NO_SUPPORT, _("%s is not implemented by the '%s' driver"),
                   func, conn->driver->name);
}

void
virReportInvalidArgFull(int domain, const char *file, const char *func, size_t line,
                        const char *arg, const char *what)
{
    virReportErrorBareFull(domain, VIR_ERR_INVALID_ARG, file, func, line, _("%s in %s %s"),
                           arg, func, what);
}

void
virReportReadOnlyFull(int domain, const char *file, const char *func, size_t line)
{
    virReportErrorFull(domain, VIR_ERR_OPERATION_DENIED, file, func, line,
                       _("read-only access prevents %s"), func);
}
