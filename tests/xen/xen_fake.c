/*
 * xen_fake.c: a fake hypervisor behind the xenOps seam (xen_fake.h)
 *
 * Two CPUs, 4 GiB, Domain-0 with 1 GiB and 2 vcpus.  Guests are built
 * running or paused; a shutdown request is recorded, not obeyed.
 */
#include <config.h>

#include <string.h>

#include "virerror.h"
#include "viruuid.h"
#include "xen_error.h"
#include "xen_fake.h"

#define VIR_FROM_THIS VIR_FROM_XEN

struct _xenHandle {
    int unused;
};

xenFakeState xenFake;
static struct _xenHandle fakeHandle;

static void
xenFakeDomainClear(xenFakeDomain *d)
{
    g_free(d->name);
    g_free(d->kernel);
    g_free(d->bridge);
    g_free(d->diskTarget);
    if (d->plugged)
        g_ptr_array_unref(d->plugged);
    virBitmapFree(d->pin0);
    g_free(d->mem);
    g_free(d->shared);
    g_free(d->handle);
    memset(d, 0, sizeof(*d));
}

static xenFakeDomain *
xenFakeAdd(const char *name, unsigned int id, unsigned long long kib, unsigned int vcpus)
{
    xenFakeDomain *d = &xenFake.domains[id];

    d->used = true;
    d->name = g_strdup(name);
    d->info.id = id;
    d->info.memoryKiB = kib;
    d->info.maxMemoryKiB = kib;
    d->info.onlineVcpus = vcpus;
    d->info.maxVcpus = vcpus;
    d->info.running = true;
    d->info.cpuTimeNs = 1000000ULL * (id + 1);
    d->targetKiB = kib;
    d->request = XEN_REQUEST_LAST;
    d->sched.scheduler = XEN_SCHED_CREDIT;
    d->sched.weight = 256;
    if (id)
        d->info.uuid[0] = id;
    return d;
}

void
xenFakeReset(void)
{
    size_t i;

    for (i = 0; i < XEN_FAKE_MAX_DOMAINS; i++)
        xenFakeDomainClear(&xenFake.domains[i]);
    memset(&xenFake, 0, sizeof(xenFake));
    xenFakeAdd("Domain-0", 0, 1048576, 2);
    xenFake.nextId = 1;
}

xenFakeDomain *
xenFakeFind(const char *name)
{
    size_t i;

    for (i = 0; i < XEN_FAKE_MAX_DOMAINS; i++) {
        if (xenFake.domains[i].used && STREQ(xenFake.domains[i].name, name))
            return &xenFake.domains[i];
    }
    return NULL;
}

unsigned int
xenFakeAddForeign(const char *name, unsigned long long kib)
{
    unsigned int id = xenFake.nextId++;

    xenFakeAdd(name, id, kib, 1);
    return id;
}

/* The domain @id, or NULL with the binding's error */
static xenFakeDomain *
xenFakeGet(unsigned int id, const char *what)
{
    if (id < XEN_FAKE_MAX_DOMAINS && xenFake.domains[id].used)
        return &xenFake.domains[id];
    virReportError(VIR_ERR_NO_DOMAIN, _("domain %u: cannot %s: no such domain"), id, what);
    return NULL;
}

static xenHandle *
xenFakeOpen(void)
{
    if (xenFake.refuseOpen) {
        virReportError(VIR_ERR_NO_CONNECT, "%s",
                       _("this host is not a Xen dom0: it does not run on Xen (no /sys/hypervisor/type)"));
        return NULL;
    }
    return &fakeHandle;
}

static void
xenFakeClose(xenHandle *h G_GNUC_UNUSED)
{
}

static int
xenFakeVersion(xenHandle *h G_GNUC_UNUSED, xenVersionInfo *info)
{
    memset(info, 0, sizeof(*info));
    info->major = 4;
    info->minor = 17;
    return 0;
}

static int
xenFakePhysinfo(xenHandle *h G_GNUC_UNUSED, xenPhysInfo *info)
{
    memset(info, 0, sizeof(*info));
    info->nrCpus = 2;
    info->maxCpuId = 1;
    info->threadsPerCore = 1;
    info->coresPerSocket = 2;
    info->nrNodes = 1;
    info->cpuMHz = 2096;
    info->totalKiB = 4194304;
    info->freeKiB = 2097152;
    return 0;
}

static int
xenFakeListDomains(xenHandle *h G_GNUC_UNUSED, xenDomainInfo **infos, size_t *ninfos)
{
    size_t i;

    xenFake.listCalls++;
    *infos = g_new0(xenDomainInfo, XEN_FAKE_MAX_DOMAINS);
    *ninfos = 0;
    for (i = 0; i < XEN_FAKE_MAX_DOMAINS; i++) {
        if (xenFake.domains[i].used)
            (*infos)[(*ninfos)++] = xenFake.domains[i].info;
    }
    return 0;
}

static int
xenFakeDomainInfo(xenHandle *h G_GNUC_UNUSED, unsigned int domid, xenDomainInfo *info)
{
    xenFakeDomain *d;

    xenFake.infoCalls++;
    if (!(d = xenFakeGet(domid, "read its information")))
        return -1;
    *info = d->info;
    return 0;
}

static int
xenFakeSetPaused(unsigned int domid, bool paused)
{
    xenFakeDomain *d = xenFakeGet(domid, paused ? "pause" : "unpause");

    if (!d)
        return -1;
    if (domid == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain 0: cannot pause Domain-0: the toolstack runs in it"));
        return -1;
    }
    d->info.paused = paused;
    d->info.running = !paused;
    return 0;
}

static int
xenFakePause(xenHandle *h G_GNUC_UNUSED, unsigned int domid)
{
    return xenFakeSetPaused(domid, true);
}

static int
xenFakeUnpause(xenHandle *h G_GNUC_UNUSED, unsigned int domid)
{
    return xenFakeSetPaused(domid, false);
}

static char *
xenFakeDomainName(xenHandle *h G_GNUC_UNUSED, unsigned int domid)
{
    xenFakeDomain *d = xenFakeGet(domid, "read its name");

    return d ? g_strdup(d->name) : NULL;
}

static int
xenFakeCreate(xenHandle *h G_GNUC_UNUSED, const xenDomainConfig *config,
              unsigned int flags, unsigned int *domid)
{
    xenFakeDomain *same = xenFakeFind(config->name);
    xenFakeDomain *d;

    if (same) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("Xen guest '%s': cannot create it: domain %u has that name already"),
                       config->name, same->info.id);
        return -1;
    }
    *domid = xenFake.nextId++;
    d = xenFakeAdd(config->name, *domid, config->memoryKiB, config->vcpus);
    memcpy(d->info.uuid, config->uuid, VIR_UUID_BUFLEN);
    d->info.maxVcpus = config->maxVcpus ? config->maxVcpus : config->vcpus;
    d->info.maxMemoryKiB = config->memoryKiB + 1024;
    d->info.paused = flags & XEN_CREATE_PAUSED;
    d->info.running = !d->info.paused;
    d->info.hvm = config->type == XEN_DOMAIN_TYPE_PVH;
    d->type = config->type;
    d->kernel = g_strdup(config->kernel);
    d->ndisks = config->ndisks;
    d->diskTarget = config->ndisks ? g_strdup(config->disks[0].target) : NULL;
    d->bridge = config->nnics ? g_strdup(config->nics[0].bridge) : NULL;
    d->tscNative = config->tscNative;
    d->onPoweroff = config->onPoweroff;
    return 0;
}

static int
xenFakeDestroy(xenHandle *h G_GNUC_UNUSED, unsigned int domid)
{
    xenFakeDomain *d = xenFakeGet(domid, "destroy it");

    if (!d)
        return -1;
    if (domid == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain 0: cannot destroy Domain-0: the toolstack runs in it"));
        return -1;
    }
    xenFakeDomainClear(d);
    return 0;
}

void
xenFakeGuestStops(unsigned int domid, xenShutdownReason reason)
{
    xenFakeDomain *d = &xenFake.domains[domid];

    d->info.shutdown = true;
    d->info.shutdownReason = reason;
    d->info.crashed = reason == XEN_SHUTDOWN_CRASH;
    d->info.running = false;
}

static int
xenFakeCoreDump(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const char *path)
{
    xenFakeDomain *d = xenFakeGet(domid, "dump its core");
    g_autofree char *core = NULL;
    GError *err = NULL;

    if (!d)
        return -1;
    core = g_strdup_printf("core of domain %u (%s)\n", domid, d->name);
    if (!g_file_set_contents(path, core, -1, &err)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", err->message);
        g_error_free(err);
        return -1;
    }
    return 0;
}

static int
xenFakeShutdown(xenHandle *h G_GNUC_UNUSED, unsigned int domid, xenShutdownRequest request)
{
    xenFakeDomain *d = xenFakeGet(domid, "ask it to shut down");

    if (!d)
        return -1;
    d->request = request;
    return 0;
}

static int
xenFakeSysrq(xenHandle *h G_GNUC_UNUSED, unsigned int domid, char key)
{
    xenFakeDomain *d = xenFakeGet(domid, "send it a magic SysRq key");

    if (!d)
        return -1;
    d->sysrq = key;
    return 0;
}

static int
xenFakeSetMemoryTarget(xenHandle *h G_GNUC_UNUSED, unsigned int domid, unsigned long long kib)
{
    xenFakeDomain *d = xenFakeGet(domid, "set its balloon target");

    if (!d)
        return -1;
    d->targetKiB = kib;
    d->info.memoryKiB = kib;
    return 0;
}

static int
xenFakeSetVcpusOnline(xenHandle *h G_GNUC_UNUSED, unsigned int domid, unsigned int count)
{
    xenFakeDomain *d = xenFakeGet(domid, "set its vcpus");

    if (!d)
        return -1;
    if (count > d->info.maxVcpus) {
        virReportError(VIR_ERR_INVALID_ARG, _("domain %u: cannot set %u vcpus, its maximum is %u"),
                       domid, count, d->info.maxVcpus);
        return -1;
    }
    d->info.onlineVcpus = count;
    return 0;
}

static int
xenFakeVcpuSetAffinity(xenHandle *h G_GNUC_UNUSED, unsigned int domid, unsigned int vcpu,
                       const virBitmap *hard, const virBitmap *soft G_GNUC_UNUSED)
{
    xenFakeDomain *d = xenFakeGet(domid, "pin a vcpu");

    if (!d)
        return -1;
    if (vcpu == 0 && hard) {
        virBitmapFree(d->pin0);
        d->pin0 = virBitmapCopy(hard);
    }
    return 0;
}

/* vcpu i on CPU i % 2, offline beyond the online count */
static int
xenFakeVcpuList(xenHandle *h G_GNUC_UNUSED, unsigned int domid, xenVcpuInfo **vcpus,
                size_t *nvcpus)
{
    xenFakeDomain *d = xenFakeGet(domid, "read its vcpus");
    unsigned int i;

    if (!d)
        return -1;
    *vcpus = g_new0(xenVcpuInfo, d->info.maxVcpus);
    *nvcpus = d->info.maxVcpus;
    for (i = 0; i < d->info.maxVcpus; i++) {
        (*vcpus)[i].number = i;
        (*vcpus)[i].online = i < d->info.onlineVcpus;
        (*vcpus)[i].running = (*vcpus)[i].online && !d->info.paused;
        (*vcpus)[i].blocked = !(*vcpus)[i].running;
        (*vcpus)[i].cpuTimeNs = 1000ULL * (i + 1);
        (*vcpus)[i].cpu = (*vcpus)[i].online ? (int)(i % 2) : -1;
    }
    return 0;
}

static int
xenFakeVcpuGetAffinity(xenHandle *h G_GNUC_UNUSED, unsigned int domid, unsigned int vcpu,
                       virBitmap **hard, virBitmap **soft)
{
    xenFakeDomain *d = xenFakeGet(domid, "read a vcpu's affinity");

    if (!d)
        return -1;
    if (hard) {
        if (vcpu == 0 && d->pin0) {
            *hard = virBitmapCopy(d->pin0);
        } else {
            *hard = virBitmapNew(2);
            virBitmapSetAll(*hard);
        }
    }
    if (soft) {
        *soft = virBitmapNew(2);
        virBitmapSetAll(*soft);
    }
    return 0;
}

static int
xenFakeGetSched(xenHandle *h G_GNUC_UNUSED, unsigned int domid, xenSchedParams *params)
{
    xenFakeDomain *d = xenFakeGet(domid, "read its scheduler parameters");

    if (!d)
        return -1;
    *params = d->sched;
    return 0;
}

static int
xenFakeSetSched(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const xenSchedParams *params)
{
    xenFakeDomain *d = xenFakeGet(domid, "set its scheduler parameters");

    if (!d)
        return -1;
    if (params->weight < 1 || params->weight > 65535) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot set scheduler weight %u: it must be 1 to 65535"),
                       domid, params->weight);
        return -1;
    }
    d->sched.weight = params->weight;
    d->sched.cap = params->cap;
    return 0;
}

/* Hotplug: what is plugged is recorded by its key, as libxl knows it. */
static int
xenFakePlug(unsigned int domid, char *key, bool plug)
{
    g_autofree char *owned = key;
    xenFakeDomain *d = xenFakeGet(domid, plug ? "attach a device" : "detach a device");
    guint i;

    if (!d)
        return -1;
    if (!d->plugged)
        d->plugged = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < d->plugged->len && STRNEQ(g_ptr_array_index(d->plugged, i), key); i++)
        ;
    if (plug && i < d->plugged->len) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("domain %u: %s is plugged already"), domid, key);
        return -1;
    }
    if (!plug && i == d->plugged->len) {
        virReportError(VIR_ERR_DEVICE_MISSING, _("domain %u has no %s"), domid, key);
        return -1;
    }
    if (plug)
        g_ptr_array_add(d->plugged, g_steal_pointer(&owned));
    else
        g_ptr_array_remove_index(d->plugged, i);
    return 0;
}

static int
xenFakeAttachDisk(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const xenDiskConfig *disk)
{
    if (STREQ_NULLABLE(disk->source, "/dev/refused")) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("domain %u: cannot attach disk %s"),
                       domid, disk->target);
        return -1;
    }
    return xenFakePlug(domid, g_strdup_printf("disk %s", disk->target), true);
}

static int
xenFakeDetachDisk(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const char *target)
{
    return xenFakePlug(domid, g_strdup_printf("disk %s", target), false);
}

static char *
xenFakeMacKey(const unsigned char mac[6])
{
    return g_strdup_printf("nic %02x:%02x:%02x:%02x:%02x:%02x",
                           mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

static int
xenFakeAttachNic(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const xenNicConfig *nic)
{
    return xenFakePlug(domid, xenFakeMacKey(nic->mac), true);
}

static int
xenFakeDetachNic(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const unsigned char mac[6])
{
    return xenFakePlug(domid, xenFakeMacKey(mac), false);
}

/* A save file of the fake: its magic, the guest's name, memory and
 * vcpus, then what was stored beside it. */
#define XEN_FAKE_SAVE "xen-fake-save\n"

static int
xenFakeSave(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const char *path, const char *extra)
{
    xenFakeDomain *d = xenFakeGet(domid, "save it");
    g_autofree char *data = NULL;
    g_autoptr(GError) err = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!d)
        return -1;
    virUUIDFormat(d->info.uuid, uuid);
    data = g_strdup_printf(XEN_FAKE_SAVE "%s\n%llu\n%u\n%s\n%s", d->name, d->info.memoryKiB,
                           d->info.onlineVcpus, uuid, extra ? extra : "");
    if (!g_file_set_contents(path, data, -1, &err)) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("domain %u: cannot save it to %s: %s"),
                       domid, path, err->message);
        return -1;
    }
    xenFakeDomainClear(d);
    return 0;
}

static GStrv
xenFakeReadSave(const char *path)
{
    g_autofree char *data = NULL;
    g_auto(GStrv) fields = NULL;

    if (!g_file_get_contents(path, &data, NULL, NULL) || !g_str_has_prefix(data, XEN_FAKE_SAVE) ||
        g_strv_length((fields = g_strsplit(data + strlen(XEN_FAKE_SAVE), "\n", 5))) < 5) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("'%s' is not a Xen save file written by virtkit"),
                       path);
        return NULL;
    }
    return g_steal_pointer(&fields);
}

static int
xenFakeSaveExtra(xenHandle *h G_GNUC_UNUSED, const char *path, char **extra)
{
    g_auto(GStrv) fields = xenFakeReadSave(path);

    if (!fields)
        return -1;
    *extra = *fields[4] ? g_strdup(fields[4]) : NULL;
    return 0;
}

static int
xenFakeRestore(xenHandle *h G_GNUC_UNUSED, const char *path, unsigned int flags,
               unsigned int *domid)
{
    g_auto(GStrv) fields = xenFakeReadSave(path);
    xenFakeDomain *d;

    if (!fields)
        return -1;
    if (xenFakeFind(fields[0])) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("Xen guest '%s': cannot restore it from %s: it runs already"),
                       fields[0], path);
        return -1;
    }
    *domid = xenFake.nextId++;
    d = xenFakeAdd(fields[0], *domid, g_ascii_strtoull(fields[1], NULL, 10),
                   g_ascii_strtoull(fields[2], NULL, 10));
    ignore_value(virUUIDParse(fields[3], d->info.uuid));
    d->info.paused = flags & XEN_CREATE_PAUSED;
    d->info.running = !d->info.paused;
    d->restored = true;
    return 0;
}

/* ---- memory sharing ---- */

void
xenFakeSetPages(unsigned int domid, size_t npages, unsigned char (*fill)(size_t i))
{
    xenFakeDomain *d = &xenFake.domains[domid];
    size_t i;

    g_free(d->mem);
    g_free(d->shared);
    g_free(d->handle);
    d->mem = g_malloc(npages * 4096);
    d->shared = g_new0(bool, npages);
    d->handle = g_new0(uint64_t, npages);
    d->npages = npages;
    for (i = 0; i < npages; i++)
        memset(d->mem + i * 4096, fill(i), 4096);
}

static int
xenFakeSetMemorySharing(xenHandle *h G_GNUC_UNUSED, unsigned int domid, bool enable)
{
    xenFakeDomain *d;

    if (!(d = xenFakeGet(domid, "enable memory sharing")))
        return -1;
    if (xenFake.sharingErrno) {
        xenMemshrReportErrno(domid, xenFake.sharingErrno, "%s memory sharing",
                             enable ? "enable" : "disable");
        return -1;
    }
    d->sharing = enable;
    return 0;
}

static int
xenFakeMemshrCounters(xenHandle *h G_GNUC_UNUSED, unsigned long long *freed, unsigned long long *used)
{
    *freed = xenFake.sharingFreed;
    *used = xenFake.sharingUsed;
    return 0;
}

static void *
xenFakeMapPages(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const uint64_t *gfns, size_t n, int *errs)
{
    xenFakeDomain *d;
    unsigned char *buf;
    size_t i;

    if (!(d = xenFakeGet(domid, "map its pages")))
        return NULL;
    buf = g_malloc0(n * 4096);
    for (i = 0; i < n; i++) {
        uint64_t gfn = gfns[i];

        errs[i] = gfn < d->npages ? 0 : EINVAL;
        if (errs[i])
            continue;
        if (xenFake.lieDomid && domid == xenFake.lieDomid && gfn == xenFake.lieGfn) {
            gfn = xenFake.asGfn;
            xenFake.lieDomid = 0;
        }
        memcpy(buf + i * 4096, d->mem + gfn * 4096, 4096);
    }
    if (n == 1 && xenFake.writeDomid == domid && xenFake.writeGfn == gfns[0])
        xenFake.writePending = true;
    xenFake.mapped++;
    return buf;
}

static void
xenFakeUnmapPages(xenHandle *h G_GNUC_UNUSED, void *addr, size_t n G_GNUC_UNUSED)
{
    g_free(addr);
    xenFake.mapped--;
    if (xenFake.writePending) {
        xenFakeDomain *d = xenFakeGet(xenFake.writeDomid, "write");

        memset(d->mem + xenFake.writeGfn * 4096, xenFake.writeByte, 4096);
        d->handle[xenFake.writeGfn] = 0;
        xenFake.writeDomid = 0;
        xenFake.writePending = false;
    }
}

/* As Xen's writable mapping: each shared page of the batch is the
 * domain's own again; the frame counters drop by one (the fake does not
 * know which frame, so the freed pages go first) */
static int
xenFakeUnsharePages(xenHandle *h G_GNUC_UNUSED, unsigned int domid, const uint64_t *gfns,
                    size_t n, int *errs)
{
    xenFakeDomain *d;
    size_t i;

    if (!(d = xenFakeGet(domid, "unshare its pages")))
        return -1;
    for (i = 0; i < n; i++) {
        uint64_t gfn = gfns[i];

        errs[i] = gfn < d->npages ? 0 : EINVAL;
        if (errs[i] || !d->shared[gfn])
            continue;
        if (xenFake.unshareErrno) {
            errs[i] = xenFake.unshareErrno;
            continue;
        }
        d->shared[gfn] = false;
        d->handle[gfn] = 0;
        d->info.sharedKiB -= 4;
        d->info.memoryKiB += 4;
        if (xenFake.sharingFreed > 0)
            xenFake.sharingFreed--;
        else
            xenFake.sharingUsed--;
    }
    return 0;
}

/* As Xen's nomination: a handle for each page (a shared page keeps its
 * own).  Sharing off, a page mapped (E2BIG) or a client shared already:
 * this pair only. */
static int
xenFakeHoldPair(xenHandle *h G_GNUC_UNUSED, xenMemshrPage *sp, xenMemshrPage *cp)
{
    xenFakeDomain *s, *c;

    if (!(s = xenFakeGet(sp->domid, "share its pages")) ||
        !(c = xenFakeGet(cp->domid, "share its pages")))
        return -1;
    if (xenFake.sharingErrno) {
        xenMemshrReportErrno(cp->domid, xenFake.sharingErrno, "nominate gfn 0x%llx",
                             (unsigned long long)cp->page);
        return -1;
    }
    if (!s->sharing || !c->sharing || xenFake.mapped || c->shared[cp->page] ||
        (sp->domid == cp->domid && sp->page == cp->page))
        return 0;
    if (!s->handle[sp->page])
        s->handle[sp->page] = ++xenFake.nextHandle;
    if (!c->handle[cp->page])
        c->handle[cp->page] = ++xenFake.nextHandle;
    sp->handle = s->handle[sp->page];
    cp->handle = c->handle[cp->page];
    return 1;
}

/* As Xen: no comparing, the client page takes the source's contents;
 * a handle that changed since the nomination refuses this pair only. */
static int
xenFakeSharePair(xenHandle *h G_GNUC_UNUSED, const xenMemshrPage *sp, const xenMemshrPage *cp)
{
    xenFakeDomain *s, *c;
    uint64_t sgfn = sp->page, cgfn = cp->page;

    if (!(s = xenFakeGet(sp->domid, "share its pages")) ||
        !(c = xenFakeGet(cp->domid, "share its pages")))
        return -1;
    if (xenFake.mapped || s->handle[sgfn] != sp->handle || c->handle[cgfn] != cp->handle)
        return 0;
    if (!s->shared[sgfn]) {
        s->shared[sgfn] = true;
        s->info.sharedKiB += 4;
        s->info.memoryKiB -= 4;
        xenFake.sharingUsed++;
    }
    c->shared[cgfn] = true;
    c->info.sharedKiB += 4;
    c->info.memoryKiB -= 4;
    xenFake.sharingFreed++;
    memcpy(c->mem + cgfn * 4096, s->mem + sgfn * 4096, 4096);
    c->handle[cgfn] = s->handle[sgfn];
    return 1;
}

static char *
xenFakeConsoleRing(xenHandle *h G_GNUC_UNUSED, bool clear)
{
    char *ring = g_strdup(xenFake.ringCleared ? "" :
                          "(XEN) Xen version 4.17 (fake)\n(XEN) Brought up 2 CPUs\n");

    if (clear)
        xenFake.ringCleared = true;
    return ring;
}

const xenOps xenFakeOps = {
    .name = "fake",
    .open = xenFakeOpen,
    .close = xenFakeClose,
    .version = xenFakeVersion,
    .physinfo = xenFakePhysinfo,
    .listDomains = xenFakeListDomains,
    .domainInfo = xenFakeDomainInfo,
    .pause = xenFakePause,
    .unpause = xenFakeUnpause,
    .domainName = xenFakeDomainName,
    .create = xenFakeCreate,
    .destroy = xenFakeDestroy,
    .coreDump = xenFakeCoreDump,
    .shutdown = xenFakeShutdown,
    .sysrq = xenFakeSysrq,
    .setMemoryTarget = xenFakeSetMemoryTarget,
    .setVcpusOnline = xenFakeSetVcpusOnline,
    .vcpuSetAffinity = xenFakeVcpuSetAffinity,
    .vcpuList = xenFakeVcpuList,
    .vcpuGetAffinity = xenFakeVcpuGetAffinity,
    .getSched = xenFakeGetSched,
    .setSched = xenFakeSetSched,
    .attachDisk = xenFakeAttachDisk,
    .detachDisk = xenFakeDetachDisk,
    .attachNic = xenFakeAttachNic,
    .detachNic = xenFakeDetachNic,
    .save = xenFakeSave,
    .saveExtra = xenFakeSaveExtra,
    .restore = xenFakeRestore,
    .consoleRing = xenFakeConsoleRing,
    .setMemorySharing = xenFakeSetMemorySharing,
    .memshrCounters = xenFakeMemshrCounters,
    .memshrHoldPair = xenFakeHoldPair,
    .memshrSharePair = xenFakeSharePair,
    .mapPages = xenFakeMapPages,
    .unmapPages = xenFakeUnmapPages,
    .unsharePages = xenFakeUnsharePages,
};
