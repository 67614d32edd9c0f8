/*
 * xen_domain.c: what the Xen driver adds to the shared domain flows
 *
 * The hooks of virDomainDriverHooks (start, stop, freeze, shutdown,
 * stillRunning, applyLive) on the binding, the translation of a domain
 * definition into the guest libxl builds (xenDomainConfig), and the
 * domains the hypervisor runs without a definition here (Domain-0, guests
 * another toolstack built), taken into the list as transient domains.
 */
#include "internal.h"

#include "domain_conf.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"
#include "virxmlnode.h"
#include "xen_domain.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* ---- definitions into guests ---------------------------------------- */

static xenLifecycleAction
xenActionFromDef(int action, xenLifecycleAction dflt)
{
    switch ((virDomainLifecycleAction)action) {
    case VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY:
        return XEN_ACTION_DESTROY;
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART:
        return XEN_ACTION_RESTART;
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME:
        return XEN_ACTION_RENAME_RESTART;
    case VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE:
        return XEN_ACTION_PRESERVE;
    case VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY:
        return XEN_ACTION_COREDUMP_DESTROY;
    case VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART:
        return XEN_ACTION_COREDUMP_RESTART;
    case VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT:
    case VIR_DOMAIN_LIFECYCLE_ACTION_LAST:
        break;
    }
    return dflt;
}

/* <clock><timer name='tsc' mode='native'/></clock>: libvirt's way of
 * saying tsc_mode="native" */
static bool
xenDefTscNative(const virDomainDef *def)
{
    size_t i;

    if (!def->clockRest)
        return false;
    for (i = 0; i < def->clockRest->nchildren; i++) {
        const virXMLNode *timer = def->clockRest->children[i];

        if (STREQ(timer->name, "timer") && STREQ_NULLABLE(virXMLNodeGetAttr(timer, "name"), "tsc") &&
            STREQ_NULLABLE(virXMLNodeGetAttr(timer, "mode"), "native"))
            return true;
    }
    return false;
}

static void
xenDiskFromDev(const virDomainDeviceDef *dev, xenDiskConfig *disk)
{
    disk->source = g_strdup(dev->data.disk->src);
    disk->target = g_strdup(dev->data.disk->dst);
    disk->readonly = dev->data.disk->readonly;
}

static void
xenDefDisks(const virDomainDef *def, xenDomainConfig *config)
{
    const virDomainDeviceDef *dev;
    size_t pos = 0;

    config->disks = g_new0(xenDiskConfig, virDomainDefCountDevices(def, VIR_DOMAIN_DEVICE_DISK));
    while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_DISK, &pos)))
        xenDiskFromDev(dev, &config->disks[config->ndisks++]);
}

/* Only bridged interfaces: vif-bridge is the hotplug script Xen ships
 * that needs nothing but a bridge in dom0. */
static int
xenNicFromDev(const virDomainDef *def, const virDomainDeviceDef *dev, xenNicConfig *nic)
{
    const virDomainNetDef *net = dev->data.net;

    if (net->type != VIR_DOMAIN_NET_TYPE_BRIDGE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Xen guest '%s': interface type '%s' is not supported; use type 'bridge'"),
                       def->name, virDomainNetTypeTypeToString(net->type));
        return -1;
    }
    if (net->macSet)
        memcpy(nic->mac, net->mac, sizeof(nic->mac));
    nic->bridge = g_strdup(net->source);
    return 0;
}

static int
xenDefNics(const virDomainDef *def, xenDomainConfig *config)
{
    const virDomainDeviceDef *dev;
    size_t pos = 0;

    config->nics = g_new0(xenNicConfig, virDomainDefCountDevices(def, VIR_DOMAIN_DEVICE_INTERFACE));
    while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_INTERFACE, &pos))) {
        if (xenNicFromDev(def, dev, &config->nics[config->nnics++]) < 0)
            return -1;
    }
    return 0;
}

xenDomainConfig *
xenDomainConfigFromDef(const virDomainDef *def)
{
    g_autoptr(xenDomainConfig) config = g_new0(xenDomainConfig, 1);

    config->name = g_strdup(def->name);
    memcpy(config->uuid, def->uuid, VIR_UUID_BUFLEN);
    switch (def->os.type) {
    case VIR_DOMAIN_OSTYPE_XENPVH:
        config->type = XEN_DOMAIN_TYPE_PVH;
        break;
    case VIR_DOMAIN_OSTYPE_HVM:
        config->type = XEN_DOMAIN_TYPE_HVM;
        break;
    default:
        config->type = XEN_DOMAIN_TYPE_PV;
        break;
    }
    config->kernel = g_strdup(def->os.kernel);
    config->initrd = g_strdup(def->os.initrd);
    config->cmdline = g_strdup(def->os.cmdline);
    config->memoryKiB = def->curMemory;
    config->maxMemoryKiB = def->maxMemory;
    config->vcpus = def->vcpus;
    config->maxVcpus = def->maxvcpus;
    config->tscNative = xenDefTscNative(def);
    config->onPoweroff = xenActionFromDef(def->onPoweroff, XEN_ACTION_DESTROY);
    config->onReboot = xenActionFromDef(def->onReboot, XEN_ACTION_RESTART);
    config->onCrash = xenActionFromDef(def->onCrash, XEN_ACTION_DESTROY);
    xenDefDisks(def, config);
    if (xenDefNics(def, config) < 0 || xenDomainConfigValidate(config) < 0)
        return NULL;
    return g_steal_pointer(&config);
}

/* ---- hooks ------------------------------------------------------------ */

int
xenDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused, int *id)
{
    xenDriver *driver = xenDriverFromBase(base);
    g_autoptr(xenDomainConfig) config = NULL;
    unsigned int domid;

    if (!(config = xenDomainConfigFromDef(obj->def)))
        return -1;
    if (driver->ops->create(driver->h, config, paused ? XEN_CREATE_PAUSED : 0, &domid) < 0)
        return -1;
    *id = domid;
    return 0;
}

/* The driver's part of a save file (stored by the binding beside the
 * guest): "state running|paused", a newline, the definition. */
#define XEN_SAVE_STATE "state "

int
xenDomainHookSave(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *def,
                  const char *path, bool paused)
{
    xenDriver *driver = xenDriverFromBase(base);
    g_autofree char *xml = virDomainDefFormat(def, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                              VIR_DOMAIN_DEF_FORMAT_SECURE);
    g_autofree char *extra = g_strdup_printf(XEN_SAVE_STATE "%s\n%s",
                                             paused ? "paused" : "running", xml);

    return driver->ops->save(driver->h, obj->id, path, extra);
}

int
xenDomainHookReadSave(virDomainDriverBase *base, const char *path, char **xml, bool *paused)
{
    xenDriver *driver = xenDriverFromBase(base);
    g_autofree char *extra = NULL;
    const char *nl;

    if (driver->ops->saveExtra(driver->h, path, &extra) < 0)
        return -1;
    if (!extra || !g_str_has_prefix(extra, XEN_SAVE_STATE) || !(nl = strchr(extra, '\n'))) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("'%s' holds no domain definition: it was not saved by virtkit's Xen driver"),
                       path);
        return -1;
    }
    *paused = g_str_has_prefix(extra + strlen(XEN_SAVE_STATE), "paused");
    *xml = g_strdup(nl + 1);
    return 0;
}

int
xenDomainHookRestore(virDomainDriverBase *base, virDomainObj *obj G_GNUC_UNUSED,
                     const char *path, bool paused, int *id)
{
    xenDriver *driver = xenDriverFromBase(base);
    unsigned int domid;

    if (driver->ops->restore(driver->h, path, paused ? XEN_CREATE_PAUSED : 0, &domid) < 0)
        return -1;
    *id = domid;
    return 0;
}

int
xenDomainHookStop(virDomainDriverBase *base, virDomainObj *obj)
{
    xenDriver *driver = xenDriverFromBase(base);

    return driver->ops->destroy(driver->h, obj->id);
}

int
xenDomainHookFreeze(virDomainDriverBase *base, virDomainObj *obj, bool frozen)
{
    xenDriver *driver = xenDriverFromBase(base);

    if (frozen)
        return driver->ops->pause(driver->h, obj->id);
    return driver->ops->unpause(driver->h, obj->id);
}

/* The request goes through xenstore; the guest's kernel acts on it when
 * it likes (or never: the shared layer then reports the guest still
 * running). */
int
xenDomainHookShutdown(virDomainDriverBase *base, virDomainObj *obj,
                      unsigned int flags G_GNUC_UNUSED)
{
    xenDriver *driver = xenDriverFromBase(base);

    if (driver->ops->shutdown(driver->h, obj->id, XEN_REQUEST_POWEROFF) < 0)
        return -1;
    return VIR_DOMAIN_DRIVER_SHUTDOWN_ASKED;
}

/* Is domain obj->id still the one a status file names (same uuid)? */
int
xenDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj)
{
    xenDriver *driver = xenDriverFromBase(base);
    xenDomainInfo info;

    if (driver->ops->domainInfo(driver->h, obj->id, &info) < 0) {
        if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
            return -1;
        virResetLastError();
        return 0;
    }
    return !info.dying && memcmp(info.uuid, obj->def->uuid, VIR_UUID_BUFLEN) == 0;
}

/* Memory in the order the binding allows: the maximum never below the
 * balloon target, so a growing maximum goes first and a shrinking one
 * last. */
static int
xenDomainApplyMemory(xenDriver *driver, unsigned int domid, const virDomainDef *from,
                     const virDomainDef *to, unsigned int changes)
{
    bool maxFirst = to->maxMemory > from->maxMemory;

    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY) && maxFirst &&
        driver->ops->setMaxMemory(driver->h, domid, to->maxMemory) < 0)
        return -1;
    if ((changes & (VIR_DOMAIN_DRIVER_CHANGE_MEMORY | VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY)) &&
        to->curMemory != from->curMemory &&
        driver->ops->setMemoryTarget(driver->h, domid, to->curMemory) < 0)
        return -1;
    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY) && !maxFirst &&
        driver->ops->setMaxMemory(driver->h, domid, to->maxMemory) < 0)
        return -1;
    return 0;
}

/* ---- devices of a running guest ---------------------------------- */

/* The device of @def that is @dev by the key the hypervisor knows it by:
 * a disk's target, an interface's MAC; NULL when @def has none. */
static const virDomainDeviceDef *
xenFindDevice(const virDomainDef *def, const virDomainDeviceDef *dev)
{
    const virDomainDeviceDef *cur;
    size_t pos = 0;

    while ((cur = virDomainDefNextDevice(def, dev->type, &pos))) {
        if (dev->type == VIR_DOMAIN_DEVICE_DISK &&
            STREQ_NULLABLE(cur->data.disk->dst, dev->data.disk->dst))
            return cur;
        if (dev->type == VIR_DOMAIN_DEVICE_INTERFACE && cur->data.net->macSet &&
            memcmp(cur->data.net->mac, dev->data.net->mac, 6) == 0)
            return cur;
    }
    return NULL;
}

/* Whether @other (may be NULL) says exactly what @dev says. */
static bool
xenSameDevice(const virDomainDeviceDef *dev, const virDomainDeviceDef *other)
{
    return other && virXMLNodeMatches(dev->node, other->node) &&
           virXMLNodeMatches(other->node, dev->node);
}

/* Plugs (@plug) or unplugs @dev of @def into running guest @domid. */
static int
xenPlugDevice(xenDriver *driver, unsigned int domid, const virDomainDef *def,
              const virDomainDeviceDef *dev, bool plug)
{
    int rc;

    if (dev->type == VIR_DOMAIN_DEVICE_DISK) {
        xenDiskConfig disk = { 0 };

        if (!plug)
            return driver->ops->detachDisk(driver->h, domid, dev->data.disk->dst);
        xenDiskFromDev(dev, &disk);
        rc = driver->ops->attachDisk(driver->h, domid, &disk);
        xenDiskConfigClear(&disk);
        return rc;
    } else {
        xenNicConfig nic = { 0 };

        if (!plug)
            return driver->ops->detachNic(driver->h, domid, dev->data.net->mac);
        if (xenNicFromDev(def, dev, &nic) < 0)
            return -1;
        rc = driver->ops->attachNic(driver->h, domid, &nic);
        xenNicConfigClear(&nic);
        return rc;
    }
}

/* The disks and interfaces of @from that @to lacks or has changed are
 * unplugged, then those @to has anew are plugged: the change of one
 * device (virDomainAttachDevice, DetachDevice, UpdateDeviceFlags).
 * What was done is undone when a step fails.  Interfaces are known by
 * their MAC address, which define gives every one. */
static int
xenDomainApplyDevices(xenDriver *driver, unsigned int domid, const virDomainDef *from,
                      const virDomainDef *to)
{
    const virDomainDeviceDef *gone = NULL, *added = NULL, *dev;
    size_t i;

    for (i = 0; i < from->ndevices; i++) {
        dev = &from->devices[i];
        if (dev->type != VIR_DOMAIN_DEVICE_DISK && dev->type != VIR_DOMAIN_DEVICE_INTERFACE)
            continue;
        if (dev->type == VIR_DOMAIN_DEVICE_INTERFACE && !dev->data.net->macSet)
            continue;
        if (!xenSameDevice(dev, xenFindDevice(to, dev)))
            gone = dev;
    }
    for (i = 0; i < to->ndevices; i++) {
        dev = &to->devices[i];
        if (dev->type != VIR_DOMAIN_DEVICE_DISK && dev->type != VIR_DOMAIN_DEVICE_INTERFACE)
            continue;
        if (dev->type == VIR_DOMAIN_DEVICE_INTERFACE && !dev->data.net->macSet)
            continue;
        if (!xenSameDevice(dev, xenFindDevice(from, dev)))
            added = dev;
    }
    if (gone && xenPlugDevice(driver, domid, from, gone, false) < 0)
        return -1;
    if (added && xenPlugDevice(driver, domid, to, added, true) < 0) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (gone && xenPlugDevice(driver, domid, from, gone, true) < 0)
            VIR_WARN("domain %u: cannot plug its device back", domid);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}

/* Hard affinity of each vcpu whose pin changed; no pin is every CPU. */
static int
xenDomainApplyPins(xenDriver *driver, unsigned int domid, const virDomainDef *from,
                   const virDomainDef *to)
{
    g_autoptr(virBitmap) all = virBitmapNew(driver->base.hostcpus);
    unsigned int vcpu;

    virBitmapSetAll(all);
    for (vcpu = 0; vcpu < to->maxvcpus; vcpu++) {
        const virBitmap *pin = virDomainDefGetVcpuPin(to, vcpu);
        const virBitmap *old = vcpu < from->maxvcpus ? virDomainDefGetVcpuPin(from, vcpu) : NULL;

        if ((pin && old && virBitmapEqual(pin, old)) || (!pin && !old))
            continue;
        if (driver->ops->vcpuSetAffinity(driver->h, domid, vcpu, pin ? pin : all, NULL) < 0)
            return -1;
    }
    return 0;
}

int
xenDomainHookApplyLive(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *from,
                       const virDomainDef *to, unsigned int changes)
{
    xenDriver *driver = xenDriverFromBase(base);
    unsigned int known = VIR_DOMAIN_DRIVER_CHANGE_MEMORY | VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY |
                         VIR_DOMAIN_DRIVER_CHANGE_VCPUS | VIR_DOMAIN_DRIVER_CHANGE_PIN |
                         VIR_DOMAIN_DRIVER_CHANGE_DEVICES | VIR_DOMAIN_DRIVER_CHANGE_SHARING;

    if (changes & ~known) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("domain %d: the Xen driver cannot change this on a running guest"),
                       obj->id);
        return -1;
    }
    if (xenDomainApplyMemory(driver, obj->id, from, to, changes) < 0)
        return -1;
    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_VCPUS) && to->vcpus != from->vcpus &&
        driver->ops->setVcpusOnline(driver->h, obj->id, to->vcpus) < 0)
        return -1;
    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_PIN) &&
        xenDomainApplyPins(driver, obj->id, from, to) < 0)
        return -1;
    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_DEVICES) &&
        xenDomainApplyDevices(driver, obj->id, from, to) < 0)
        return -1;
    /* asked even when the definition already says so: Xen starts every
     * domain with sharing off, whatever the definition says */
    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_SHARING) &&
        driver->ops->setMemorySharing(driver->h, obj->id, !to->nosharepages) < 0)
        return -1;
    return 0;
}

/* Xen counts a domain's shared pages (shr_pages); the pages it could
 * share are all it holds. */
void
xenDomainHookSharedPages(virDomainDriverBase *base, virDomainObj *obj,
                         unsigned long long *merged, unsigned long long *considered)
{
    xenDriver *driver = xenDriverFromBase(base);
    xenDomainInfo info;

    if (driver->ops->domainInfo(driver->h, obj->id, &info) < 0) {
        virResetLastError();
        return;
    }
    *merged = info.sharedKiB / 4;
    *considered = (info.memoryKiB + info.sharedKiB) / 4;
}

/* ---- what runs in the hypervisor ------------------------------------ */

void
xenDomainStateFromInfo(const xenDomainInfo *info, int *state, int *reason)
{
    if (info->crashed) {
        *state = VIR_DOMAIN_CRASHED;
        *reason = VIR_DOMAIN_CRASHED_UNKNOWN;
    } else if (info->shutdown || info->dying) {
        *state = VIR_DOMAIN_SHUTDOWN;
        *reason = VIR_DOMAIN_SHUTDOWN_USER;
    } else if (info->paused) {
        *state = VIR_DOMAIN_PAUSED;
        *reason = VIR_DOMAIN_PAUSED_USER;
    } else {
        /* blocked or on a CPU: a guest that runs, as libvirt's libxl
         * driver says */
        *state = VIR_DOMAIN_RUNNING;
        *reason = VIR_DOMAIN_RUNNING_UNKNOWN;
    }
}

/* A definition of a domain found running: what the hypervisor says of
 * it, a PV guest unless it is HVM or PVH (which Xen does not tell apart
 * without the toolstack's record). */
static virDomainDef *
xenDomainDefFromInfo(xenDriver *driver, const xenDomainInfo *info, const char *name)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *xml = NULL;
    g_autofree char *escaped = g_markup_escape_text(name, -1);
    virDomainDef *def;

    virUUIDFormat(info->uuid, uuid);
    xml = g_strdup_printf("<domain type='xen'><name>%s</name><uuid>%s</uuid>"
                          "<memory unit='KiB'>%llu</memory>"
                          "<currentMemory unit='KiB'>%llu</currentMemory>"
                          "<vcpu current='%u'>%u</vcpu><os><type>%s</type></os></domain>",
                          escaped, uuid, MAX(info->maxMemoryKiB, info->memoryKiB),
                          info->memoryKiB, MAX(info->onlineVcpus, 1), MAX(info->maxVcpus, 1),
                          info->hvm ? "hvm" : "xen");
    if (!(def = virDomainDefParseString(xml, &driver->base.xmlopt, 0)))
        return NULL;
    /* Domain-0's is all zeros, which a definition read from XML never has */
    memcpy(def->uuid, info->uuid, VIR_UUID_BUFLEN);
    return def;
}

void
xenDomainAdoptOne(xenDriver *driver, const xenDomainInfo *info)
{
    virDomainObj *obj = virDomainObjListFindByUUID(driver->base.domains, info->uuid);
    g_autofree char *name = NULL;
    virDomainDef *def = NULL;
    int state, reason;
    bool existing;

    if (obj) {       /* ours (a status file), or a definition that runs elsewhere */
        virDomainObjEndAPI(&obj);
        return;
    }
    if (!(name = driver->ops->domainName(driver->h, info->id)) ||
        !(def = xenDomainDefFromInfo(driver, info, name)) ||
        !(obj = virDomainDriverObjAdd(&driver->base, def, &existing))) {
        VIR_WARN("domain %u runs in Xen but cannot be listed: %s", info->id,
                 virGetLastErrorMessage());
        virResetLastError();
        virDomainDefFree(def);
        return;
    }
    obj->persistent = false;
    xenDomainMarkForeign(obj);
    xenDomainStateFromInfo(info, &state, &reason);
    if (virDomainObjListSetID(driver->base.domains, obj, info->id) == 0)
        virDomainObjSetState(obj, state, reason);
    virDomainObjEndAPI(&obj);
}

int
xenDomainAdoptRunning(xenDriver *driver)
{
    g_autofree xenDomainInfo *infos = NULL;
    size_t n = 0, i;

    if (driver->ops->listDomains(driver->h, &infos, &n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (!infos[i].dying)
            xenDomainAdoptOne(driver, &infos[i]);
    }
    return 0;
}

int
xenDomainRefresh(xenDriver *driver, virDomainObj *obj, xenDomainInfo *info)
{
    int state, reason;

    if (!virDomainObjIsActive(obj))
        return 0;
    if (driver->ops->domainInfo(driver->h, obj->id, info) < 0) {
        if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
            return -1;
        /* it went away behind our back (xl destroy, on_poweroff) */
        virResetLastError();
        virDomainDriverObjStopped(&driver->base, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
        return 0;
    }
    xenDomainStateFromInfo(info, &state, &reason);
    /* xl may have paused or unpaused it meanwhile */
    if (state != obj->state)
        virDomainObjSetState(obj, state, state == VIR_DOMAIN_RUNNING ? VIR_DOMAIN_RUNNING_UNPAUSED :
                             reason);
    return 1;
}
