/*
 * xen_error.c: Xen's refusals said in virtkit's words
 *
 * The meanings follow what Xen 4.17 returns them for: ESRCH from a domctl
 * on a domain id that is not there, EINVAL for a vcpu number beyond the
 * domain's or a cpumap with no online CPU, EPERM and EACCES when the caller
 * is not privileged (or libxenctrl and the hypervisor disagree on the
 * domctl interface version), ENOSYS for a hypercall compiled out (memory
 * sharing in Debian's build), ENOMEM when the hypervisor has no free pages.
 */
#include "internal.h"

#include <libxl.h>

#include "virerror.h"
#include "xen_error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

typedef struct {
    int value;
    int code;               /* virErrorNumber */
    const char *meaning;
} xenErrorMeaning;

static const xenErrorMeaning xenErrnoTable[] = {
    { ESRCH, VIR_ERR_NO_DOMAIN, N_("no such domain") },
    { ENOENT, VIR_ERR_NO_DOMAIN, N_("no such domain (xenstore has no entry for it)") },
    { EPERM, VIR_ERR_ACCESS_DENIED,
      N_("permission denied (managing Xen needs root in dom0)") },
    { EACCES, VIR_ERR_ACCESS_DENIED,
      N_("permission denied (needs root in dom0, and tools that match the running hypervisor)") },
    { EINVAL, VIR_ERR_INVALID_ARG, N_("the hypervisor refused the request as invalid") },
    { ENOMEM, VIR_ERR_OPERATION_FAILED, N_("the hypervisor has not enough free memory") },
    { EBUSY, VIR_ERR_RESOURCE_BUSY, N_("the domain is busy; try again") },
    { EAGAIN, VIR_ERR_RESOURCE_BUSY, N_("the hypervisor asks to try again") },
    { ENOSYS, VIR_ERR_NO_SUPPORT, N_("this hypervisor was built without it") },
    { EOPNOTSUPP, VIR_ERR_NO_SUPPORT, N_("this hypervisor does not support it") },
    { ENODEV, VIR_ERR_NO_SUPPORT, N_("the hardware or the domain's type does not support it") },
    { EEXIST, VIR_ERR_OPERATION_INVALID, N_("it exists already") },
    { EIO, VIR_ERR_OPERATION_FAILED, N_("xenstored did not answer (is it running?)") },
    { ECONNREFUSED, VIR_ERR_OPERATION_FAILED, N_("xenstored is not running") },
};

static const xenErrorMeaning xenLightTable[] = {
    { ERROR_FAIL, VIR_ERR_OPERATION_FAILED, N_("libxl failed") },
    { ERROR_NONSPECIFIC, VIR_ERR_OPERATION_FAILED, N_("libxl failed") },
    { ERROR_VERSION, VIR_ERR_INTERNAL_ERROR, N_("libxl and virtkit disagree on libxl's version") },
    { ERROR_NI, VIR_ERR_NO_SUPPORT, N_("libxl does not implement it") },
    { ERROR_NOMEM, VIR_ERR_NO_MEMORY, N_("out of memory") },
    { ERROR_INVAL, VIR_ERR_INVALID_ARG, N_("libxl refused the request as invalid") },
    { ERROR_GUEST_TIMEDOUT, VIR_ERR_OPERATION_TIMEOUT,
      N_("the guest did not answer in time (does it have PV drivers?)") },
    { ERROR_TIMEDOUT, VIR_ERR_OPERATION_TIMEOUT, N_("timed out") },
    { ERROR_NOPARAVIRT, VIR_ERR_OPERATION_INVALID,
      N_("the guest has no PV drivers to handle the request") },
    { ERROR_NOT_READY, VIR_ERR_OPERATION_INVALID, N_("the domain is not ready for it") },
    { ERROR_LOCK_FAIL, VIR_ERR_RESOURCE_BUSY, N_("another toolstack holds the domain's lock") },
    { ERROR_DEVICE_EXISTS, VIR_ERR_OPERATION_INVALID, N_("the device exists already") },
    { ERROR_DOMAIN_NOTFOUND, VIR_ERR_NO_DOMAIN, N_("no such domain") },
    { ERROR_ABORTED, VIR_ERR_OPERATION_ABORTED, N_("aborted") },
    { ERROR_NOTFOUND, VIR_ERR_OPERATION_INVALID, N_("not found") },
    { ERROR_DOMAIN_DESTROYED, VIR_ERR_OPERATION_INVALID,
      N_("the domain was destroyed meanwhile") },
    { ERROR_FEATURE_REMOVED, VIR_ERR_NO_SUPPORT, N_("this Xen no longer offers it") },
};

static const xenErrorMeaning *
xenErrorLookup(const xenErrorMeaning *table, size_t n, int value)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (table[i].value == value)
            return &table[i];
    }
    return NULL;
}

const char *
xenErrnoMeaning(int err)
{
    const xenErrorMeaning *m = xenErrorLookup(xenErrnoTable, G_N_ELEMENTS(xenErrnoTable), err);

    return m ? _(m->meaning) : g_strerror(err);
}

const char *
xenLightErrorMeaning(int rc)
{
    const xenErrorMeaning *m = xenErrorLookup(xenLightTable, G_N_ELEMENTS(xenLightTable), rc);

    return m ? _(m->meaning) : _("libxl failed with an unknown error");
}

static int
xenErrnoCode(int err)
{
    const xenErrorMeaning *m = xenErrorLookup(xenErrnoTable, G_N_ELEMENTS(xenErrnoTable), err);

    return m ? m->code : VIR_ERR_OPERATION_FAILED;
}

void
xenReportDomainErrno(unsigned int domid, int err, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list args;

    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);
    virReportError(xenErrnoCode(err), _("domain %u: cannot %s: %s"),
                   domid, what, xenErrnoMeaning(err));
}

void
xenReportHostErrno(int err, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list args;

    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);
    virReportError(err == ESRCH ? VIR_ERR_OPERATION_FAILED : xenErrnoCode(err),
                   _("Xen: cannot %s: %s"), what, xenErrnoMeaning(err));
}

void
xenReportLightError(const char *who, int rc, const char *detail,
                    const char *fmt, ...)
{
    const xenErrorMeaning *m = xenErrorLookup(xenLightTable, G_N_ELEMENTS(xenLightTable), rc);
    g_autofree char *what = NULL;
    va_list args;

    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);
    virReportError(m ? m->code : VIR_ERR_OPERATION_FAILED,
                   _("%s: cannot %s: %s%s%s"), who, what, xenLightErrorMeaning(rc),
                   detail && *detail ? ": " : "", detail ? detail : "");
}
