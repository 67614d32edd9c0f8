/*
 * xen_memory.c: a domain's memory: its maximum and its balloon target
 *
 * Three numbers, kept the way libxl keeps them so that xl and virtkit agree:
 *   memory/static-max  the most the guest may balloon up to (KiB, xenstore)
 *   memory/target      what the guest's balloon driver aims at (xenstore)
 *   max_pages          what the hypervisor lets it hold: the target plus
 *                      LIBXL_MAXMEM_CONSTANT (1 MiB) once the target is set,
 *                      the maximum plus that when the maximum is set
 * The guest's kernel watches memory/target and gives pages back or takes
 * them; the hypervisor's cap stops a guest that would not.
 */
#include "internal.h"

#include "virerror.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* libxl_internal.h's LIBXL_MAXMEM_CONSTANT, which libxl.h does not export */
#define XEN_MAXMEM_SLACK_KIB 1024

int
xenMemoryGetTarget(xenHandle *h, unsigned int domid, unsigned long long *kib)
{
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, _("read its balloon target"), &info) < 0)
        return -1;
    if ((rc = xenStoreReadNumber(h, domid, "memory/target", kib)) == 1) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain %u has no balloon target in xenstore (memory/target)"), domid);
        return -1;
    }
    return rc;
}

/* memory/static-max, or the hypervisor's cap for a domain without one */
static int
xenMemoryReadMax(xenHandle *h, unsigned int domid, const xenDomainInfo *info,
                 unsigned long long *kib)
{
    int rc;

    if ((rc = xenStoreReadNumber(h, domid, "memory/static-max", kib)) < 0)
        return -1;
    if (rc == 1)
        *kib = info->maxMemoryKiB;
    return 0;
}

int
xenMemoryGetMax(xenHandle *h, unsigned int domid, unsigned long long *kib)
{
    xenDomainInfo info;

    if (xenDomctlInfoFor(h, domid, _("read its maximum memory"), &info) < 0)
        return -1;
    return xenMemoryReadMax(h, domid, &info, kib);
}

static int
xenMemorySetCap(xenHandle *h, unsigned int domid, unsigned long long kib,
                const char *what)
{
    if (xc_domain_setmaxmem(h->xch, domid, kib + XEN_MAXMEM_SLACK_KIB) < 0) {
        xenReportDomainErrno(domid, errno, "%s", what);
        return -1;
    }
    return 0;
}

int
xenMemorySetMax(xenHandle *h, unsigned int domid, unsigned long long kib)
{
    g_autofree char *what = g_strdup_printf(_("set its maximum memory to %llu KiB"), kib);
    g_autofree char *value = g_strdup_printf("%llu", kib);
    unsigned long long target;
    xenDomainInfo info;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0 ||
        xenMemoryGetTarget(h, domid, &target) < 0)
        return -1;
    if (kib < target) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot set its maximum memory to %llu KiB: below its balloon target %llu KiB (lower the target first)"),
                       domid, kib, target);
        return -1;
    }
    if (xenMemorySetCap(h, domid, kib, what) < 0)
        return -1;
    return xenStoreWrite(h, XBT_NULL, domid, "memory/static-max", value);
}

int
xenMemorySetTarget(xenHandle *h, unsigned int domid, unsigned long long kib)
{
    g_autofree char *what = g_strdup_printf(_("set its balloon target to %llu KiB"), kib);
    g_autofree char *value = g_strdup_printf("%llu", kib);
    unsigned long long max;
    xenDomainInfo info;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0 ||
        xenMemoryReadMax(h, domid, &info, &max) < 0)
        return -1;
    if (kib == 0 || kib > max) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot %s: it must be 1 to its maximum %llu KiB"),
                       domid, what, max);
        return -1;
    }
    /* the cap first when the guest may grow, so the target is reachable */
    if (xenMemorySetCap(h, domid, kib, what) < 0)
        return -1;
    return xenStoreWrite(h, XBT_NULL, domid, "memory/target", value);
}
