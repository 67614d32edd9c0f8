/*
 * xen_hypervisor.c: opening the hypervisor, and what it says about the host
 *
 * Opening checks, in the order a user would fix them: is this a dom0 (and
 * may we use it), do our tools match the running hypervisor, is xenstored
 * there, can libxl start.  Each refusal says which.
 */
#include "internal.h"

#include "virerror.h"
#include "virlog.h"
#include "xen_error.h"
#include "xen_handle.h"
#include "xen_probe.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_KIB_PER_PAGE (XC_PAGE_SIZE / 1024)

void
xenHypervisorClose(xenHandle *h)
{
    if (!h)
        return;
    xenLightClose(h);
    if (h->xsh)
        xs_close(h->xsh);
    if (h->fmem)
        xenforeignmemory_close(h->fmem);
    if (h->xch)
        xc_interface_close(h->xch);
    xenLoggerFree(h->logger);
    g_free(h);
}

static int
xenHypervisorOpenCtrl(xenHandle *h)
{
    xc_physinfo_t pi = { 0 };
    int version;

    xenLoggerBegin();
    if (!(h->xch = xc_interface_open(xenLoggerGet(h->logger), xenLoggerGet(h->logger), 0))) {
        g_autofree char *why = xenLoggerErrors();

        virReportError(VIR_ERR_NO_CONNECT, _("cannot open the Xen hypervisor interface: %s"),
                       why ? why : g_strerror(errno));
        return -1;
    }
    if ((version = xc_version(h->xch, XENVER_version, NULL)) < 0) {
        xenReportHostErrno(errno, "%s", _("read the hypervisor's version"));
        return -1;
    }
    if (xenProbeToolsMatch(version >> 16, version & 0xffff) < 0)
        return -1;
    if (xc_physinfo(h->xch, &pi) < 0) {
        xenReportHostErrno(errno, "%s", _("read the host's physical information"));
        return -1;
    }
    h->hostCpus = pi.max_cpu_id + 1;
    h->cpumapBytes = xc_get_cpumap_size(h->xch);
    return 0;
}

xenHandle *
xenHypervisorOpen(void)
{
    xenHandle *h;

    if (xenProbeDom0("/") < 0)
        return NULL;
    h = g_new0(xenHandle, 1);
    h->logger = xenLoggerNew();
    if (xenHypervisorOpenCtrl(h) < 0)
        goto error;
    if (!(h->xsh = xs_open(0))) {
        virReportError(VIR_ERR_NO_CONNECT,
                       _("cannot connect to xenstore: %s (is xenstored running? it is started with the Xen tools, e.g. by xencommons)"),
                       g_strerror(errno));
        goto error;
    }
    if (xenLightOpen(h) < 0)
        goto error;
    /* only deduplication reads guest pages: without it the rest works */
    if (!(h->fmem = xenforeignmemory_open(NULL, 0)))
        VIR_WARN("cannot open xenforeignmemory: %s", g_strerror(errno));
    VIR_DEBUG("opened Xen: %u host CPUs, cpumaps of %zu bytes", h->hostCpus, h->cpumapBytes);
    return h;

 error:
    xenHypervisorClose(h);
    return NULL;
}

int
xenHypervisorVersion(xenHandle *h, xenVersionInfo *info)
{
    xen_extraversion_t extra = { 0 };
    xen_capabilities_info_t caps = { 0 };
    int version;

    if ((version = xc_version(h->xch, XENVER_version, NULL)) < 0 ||
        xc_version(h->xch, XENVER_extraversion, &extra) < 0 ||
        xc_version(h->xch, XENVER_capabilities, &caps) < 0) {
        xenReportHostErrno(errno, "%s", _("read the hypervisor's version"));
        return -1;
    }
    memset(info, 0, sizeof(*info));
    info->major = version >> 16;
    info->minor = version & 0xffff;
    g_strlcpy(info->extra, extra, sizeof(info->extra));
    g_strlcpy(info->capabilities, caps, sizeof(info->capabilities));
    g_strchomp(info->capabilities);     /* Xen ends the list with a space */
    return 0;
}

/* Memory sharing's counters: 0 where Xen was built without it (Debian's
 * hypervisor has no CONFIG_MEM_SHARING; the calls then answer 0). */
static int
xenHypervisorSharing(xenHandle *h, xenPhysInfo *info)
{
    long freed = xc_sharing_freed_pages(h->xch);
    long used = xc_sharing_used_frames(h->xch);

    if (freed < 0 || used < 0) {
        if (errno == ENOSYS)
            return 0;
        xenReportHostErrno(errno, "%s", _("read the memory sharing counters"));
        return -1;
    }
    info->sharingFreedKiB = (unsigned long long)freed * XEN_KIB_PER_PAGE;
    info->sharingUsedKiB = (unsigned long long)used * XEN_KIB_PER_PAGE;
    return 0;
}

int
xenHypervisorPhysinfo(xenHandle *h, xenPhysInfo *info)
{
    xc_physinfo_t pi = { 0 };

    if (xc_physinfo(h->xch, &pi) < 0) {
        xenReportHostErrno(errno, "%s", _("read the host's physical information"));
        return -1;
    }
    memset(info, 0, sizeof(*info));
    info->nrCpus = pi.nr_cpus;
    info->maxCpuId = pi.max_cpu_id;
    info->threadsPerCore = pi.threads_per_core;
    info->coresPerSocket = pi.cores_per_socket;
    info->nrNodes = pi.nr_nodes;
    info->cpuMHz = pi.cpu_khz / 1000;
    info->totalKiB = pi.total_pages * XEN_KIB_PER_PAGE;
    info->freeKiB = pi.free_pages * XEN_KIB_PER_PAGE;
    info->scrubKiB = pi.scrub_pages * XEN_KIB_PER_PAGE;
    info->outstandingKiB = pi.outstanding_pages * XEN_KIB_PER_PAGE;
    info->pv = !!(pi.capabilities & XEN_SYSCTL_PHYSCAP_pv);
    info->hvm = !!(pi.capabilities & XEN_SYSCTL_PHYSCAP_hvm);
    info->hap = !!(pi.capabilities & XEN_SYSCTL_PHYSCAP_hap);
    info->shadow = !!(pi.capabilities & XEN_SYSCTL_PHYSCAP_shadow);
    return xenHypervisorSharing(h, info);
}

/* Reads the ring in chunks from its start (incremental mode keeps our
 * place); clearing is a last empty read with the clear bit, so the text
 * read is exactly what was cleared, barring lines written in between. */
char *
xenHypervisorConsoleRing(xenHandle *h, bool clear)
{
    g_autoptr(GString) text = g_string_new(NULL);
    char chunk[16384];
    uint32_t index = 0;

    for (;;) {
        unsigned int n = sizeof(chunk);

        if (xc_readconsolering(h->xch, chunk, &n, 0, 1, &index) < 0) {
            xenReportHostErrno(errno, "%s", _("read the hypervisor's console ring"));
            return NULL;
        }
        if (n == 0)
            break;
        g_string_append_len(text, chunk, n);
    }
    if (clear) {
        unsigned int n = 1;

        if (xc_readconsolering(h->xch, chunk, &n, 1, 1, &index) < 0) {
            xenReportHostErrno(errno, "%s", _("clear the hypervisor's console ring"));
            return NULL;
        }
        g_string_append_len(text, chunk, n);
    }
    return g_string_free(g_steal_pointer(&text), FALSE);
}
