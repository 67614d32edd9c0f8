/*
 * domain_conf.c: enum tables, lifetime and checks of domain definitions
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainVirt, VIR_DOMAIN_VIRT_LAST,
              "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz",
              "test", "vmware", "hyperv", "vbox", "phyp", "parallels",
              "bhyve", "vz", "ch", "lve", "vserver");

VIR_ENUM_IMPL(virDomainOS, VIR_DOMAIN_OSTYPE_LAST,
              "hvm", "xen", "linux", "exe", "uml", "xenpvh");

VIR_ENUM_IMPL(virDomainLifecycleAction, VIR_DOMAIN_LIFECYCLE_ACTION_LAST,
              "", "destroy", "restart", "rename-restart", "preserve",
              "coredump-destroy", "coredump-restart");

VIR_ENUM_IMPL(virDomainCpuPlacement, VIR_DOMAIN_CPU_PLACEMENT_LAST,
              "", "static", "auto");

VIR_ENUM_IMPL(virDomainClockOffset, VIR_DOMAIN_CLOCK_OFFSET_LAST,
              "", "utc", "localtime", "variable", "timezone");

VIR_ENUM_IMPL(virDomainBootDevice, VIR_DOMAIN_BOOT_LAST,
              "fd", "cdrom", "hd", "network");

VIR_ENUM_IMPL(virDomainFeature, VIR_DOMAIN_FEATURE_LAST,
              "acpi", "apic", "pae", "hap", "viridian", "privnet");

VIR_ENUM_IMPL(virDomainDiskType, VIR_DOMAIN_DISK_TYPE_LAST,
              "file", "block", "dir", "network", "volume");

VIR_ENUM_IMPL(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST,
              "disk", "cdrom", "floppy", "lun");

VIR_ENUM_IMPL(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST,
              "", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

VIR_ENUM_IMPL(virDomainNetType, VIR_DOMAIN_NET_TYPE_LAST,
              "user", "ethernet", "network", "bridge", "direct");

/* ---- freeing ------------------------------------------------------- */

void
virDomainDeviceAddressFree(virDomainDeviceAddress *addr)
{
    size_t i;

    if (!addr)
        return;
    for (i = 0; i < addr->nattrs; i++) {
        g_free(addr->names[i]);
        g_free(addr->values[i]);
    }
    g_free(addr->names);
    g_free(addr->values);
    g_free(addr);
}

static void
virDomainDiskDefClear(virDomainDiskDef *disk)
{
    g_free(disk->driverName);
    g_free(disk->driverType);
    g_free(disk->src);
    g_free(disk->dst);
    virDomainDeviceAddressFree(disk->addr);
}

static void
virDomainNetDefClear(virDomainNetDef *net)
{
    g_free(net->source);
    g_free(net->ifname);
    g_free(net->model);
    virDomainDeviceAddressFree(net->addr);
}

static void
virDomainCputuneClear(virDomainCputune *cputune, unsigned int maxvcpus)
{
    unsigned int i;

    if (!cputune->vcpupin)
        return;
    for (i = 0; i < maxvcpus; i++)
        virBitmapFree(cputune->vcpupin[i]);
    g_clear_pointer(&cputune->vcpupin, g_free);
}

void
virDomainDefFree(virDomainDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->metadata);
    virBitmapFree(def->cpumask);
    virDomainCputuneClear(&def->cputune, def->maxvcpus);
    for (i = 0; i < def->blkiotune.ndevices; i++)
        g_free(def->blkiotune.devices[i].path);
    g_free(def->blkiotune.devices);
    g_free(def->os.kernel);
    g_free(def->os.initrd);
    g_free(def->os.cmdline);
    g_free(def->os.init);
    for (i = 0; i < def->ndisks; i++)
        virDomainDiskDefClear(&def->disks[i]);
    g_free(def->disks);
    for (i = 0; i < def->nnets; i++)
        virDomainNetDefClear(&def->nets[i]);
    g_free(def->nets);
    if (def->memballoon) {
        g_free(def->memballoon->model);
        virDomainDeviceAddressFree(def->memballoon->addr);
        g_free(def->memballoon);
    }
    if (def->ns && def->nsData)
        def->ns->free(def->nsData);
    g_free(def);
}

/* ---- copying ------------------------------------------------------- */

static virDomainDeviceAddress *
virDomainDeviceAddressCopy(const virDomainDeviceAddress *src)
{
    virDomainDeviceAddress *addr;
    size_t i;

    if (!src)
        return NULL;
    addr = g_new0(virDomainDeviceAddress, 1);
    addr->nattrs = src->nattrs;
    addr->names = g_new0(char *, src->nattrs);
    addr->values = g_new0(char *, src->nattrs);
    for (i = 0; i < src->nattrs; i++) {
        addr->names[i] = g_strdup(src->names[i]);
        addr->values[i] = g_strdup(src->values[i]);
    }
    return addr;
}

static void
virDomainDevicesCopy(virDomainDef *dst, const virDomainDef *src)
{
    size_t i;

    dst->disks = g_new0(virDomainDiskDef, src->ndisks);
    for (i = 0; i < src->ndisks; i++) {
        virDomainDiskDef *d = &dst->disks[i];

        *d = src->disks[i];
        d->driverName = g_strdup(d->driverName);
        d->driverType = g_strdup(d->driverType);
        d->src = g_strdup(d->src);
        d->dst = g_strdup(d->dst);
        d->addr = virDomainDeviceAddressCopy(d->addr);
    }
    dst->nets = g_new0(virDomainNetDef, src->nnets);
    for (i = 0; i < src->nnets; i++) {
        virDomainNetDef *n = &dst->nets[i];

        *n = src->nets[i];
        n->source = g_strdup(n->source);
        n->ifname = g_strdup(n->ifname);
        n->model = g_strdup(n->model);
        n->addr = virDomainDeviceAddressCopy(n->addr);
    }
    if (src->memballoon) {
        dst->memballoon = g_new0(virDomainMemballoonDef, 1);
        dst->memballoon->model = g_strdup(src->memballoon->model);
        dst->memballoon->addr = virDomainDeviceAddressCopy(src->memballoon->addr);
    }
}

/* A deep copy without an XML round trip: splitting the live definition
 * from the persistent one must stay cheap. */
virDomainDef *
virDomainDefCopy(const virDomainDef *src)
{
    virDomainDef *def = g_new(virDomainDef, 1);
    size_t i;

    *def = *src;    /* scalars and interned strings; pointers replaced below */
    def->name = g_strdup(src->name);
    def->title = g_strdup(src->title);
    def->description = g_strdup(src->description);
    def->metadata = g_strdup(src->metadata);
    def->cpumask = virBitmapCopy(src->cpumask);
    if (src->cputune.vcpupin) {
        def->cputune.vcpupin = g_new0(virBitmap *, src->maxvcpus);
        for (i = 0; i < src->maxvcpus; i++)
            def->cputune.vcpupin[i] = virBitmapCopy(src->cputune.vcpupin[i]);
    }
    def->blkiotune.devices = g_new0(virBlkioDevice, src->blkiotune.ndevices);
    for (i = 0; i < src->blkiotune.ndevices; i++) {
        def->blkiotune.devices[i] = src->blkiotune.devices[i];
        def->blkiotune.devices[i].path = g_strdup(src->blkiotune.devices[i].path);
    }
    def->os.kernel = g_strdup(src->os.kernel);
    def->os.initrd = g_strdup(src->os.initrd);
    def->os.cmdline = g_strdup(src->os.cmdline);
    def->os.init = g_strdup(src->os.init);
    virDomainDevicesCopy(def, src);
    if (src->ns && src->nsData)
        def->nsData = src->ns->copy(src->nsData);
    return def;
}

/* ---- checks -------------------------------------------------------- */

int
virDomainNameValidate(const char *name)
{
    const char *cur;

    if (!name || !*name) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("domain name must not be empty"));
        return -1;
    }
    if (strlen(name) > 255 || !g_utf8_validate(name, -1, NULL)) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       _("domain name must be valid UTF-8 of at most 255 bytes"));
        return -1;
    }
    if (name[0] == '.') {
        virReportError(VIR_ERR_XML_ERROR, _("domain name '%s' must not start with '.'"), name);
        return -1;
    }
    for (cur = name; *cur; cur++) {
        if (*cur == '/') {
            virReportError(VIR_ERR_XML_ERROR, _("domain name '%s' must not contain '/'"), name);
            return -1;
        }
        if (g_ascii_iscntrl(*cur)) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("domain name must not contain control characters (found 0x%02x)"),
                           (unsigned char)*cur);
            return -1;
        }
    }
    return 0;
}

const virBitmap *
virDomainDefGetVcpuPin(const virDomainDef *def, unsigned int vcpu)
{
    if (def->cputune.vcpupin && vcpu < def->maxvcpus && def->cputune.vcpupin[vcpu])
        return def->cputune.vcpupin[vcpu];
    return def->cpumask;
}

virBitmap *
virDomainDefGetVcpuAffinity(const virDomainDef *def, unsigned int vcpu, size_t hostcpus)
{
    const virBitmap *pin = virDomainDefGetVcpuPin(def, vcpu);
    virBitmap *ret = virBitmapNew(hostcpus);
    ssize_t cpu = -1;

    if (!pin) {
        virBitmapSetAll(ret);
        return ret;
    }
    while ((cpu = virBitmapNextSetBit(pin, cpu)) >= 0 && (size_t)cpu < hostcpus)
        virBitmapSetBit(ret, cpu);
    return ret;
}

void
virDomainDefGetVcpuCpumap(const virDomainDef *def, unsigned int vcpu, size_t hostcpus,
                          unsigned char *cpumap, int maplen)
{
    const virBitmap *pin = virDomainDefGetVcpuPin(def, vcpu);
    size_t cpu;

    if (pin) {
        /* pins were checked against the host when they were set */
        virBitmapToCpumap(pin, cpumap, maplen);
        return;
    }
    memset(cpumap, 0, maplen);
    for (cpu = 0; cpu < hostcpus && cpu < (size_t)maplen * 8; cpu++)
        VIR_USE_CPU(cpumap, cpu);
}

void
virDomainDefSetMaxVcpus(virDomainDef *def, unsigned int maxvcpus)
{
    unsigned int i;

    if (def->cputune.vcpupin) {
        for (i = maxvcpus; i < def->maxvcpus; i++)
            g_clear_pointer(&def->cputune.vcpupin[i], virBitmapFree);
        def->cputune.vcpupin = g_renew(virBitmap *, def->cputune.vcpupin, maxvcpus);
        for (i = def->maxvcpus; i < maxvcpus; i++)
            def->cputune.vcpupin[i] = NULL;
    }
    def->maxvcpus = maxvcpus;
    if (def->vcpus > maxvcpus)
        def->vcpus = maxvcpus;
}

static int
virDomainCheckCpuset(const virBitmap *map, size_t hostcpus, const char *what)
{
    ssize_t last;

    if (!map)
        return 0;
    last = virBitmapLastSetBit(map);
    if (last >= 0 && (size_t)last >= hostcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("%s uses CPU %zd, but the host has only %zu CPUs (0-%zu)"),
                       what, last, hostcpus, hostcpus - 1);
        return -1;
    }
    return 0;
}

int
virDomainDefCheckHostCpus(const virDomainDef *def, size_t hostcpus)
{
    unsigned int i;

    if (virDomainCheckCpuset(def->cpumask, hostcpus, "<vcpu cpuset>") < 0)
        return -1;
    for (i = 0; def->cputune.vcpupin && i < def->maxvcpus; i++) {
        g_autofree char *what = g_strdup_printf("<vcpupin vcpu='%u'>", i);

        if (virDomainCheckCpuset(def->cputune.vcpupin[i], hostcpus, what) < 0)
            return -1;
    }
    return 0;
}

static bool
virDomainTypeListed(const int *list, int type)
{
    for (; list && *list >= 0; list++) {
        if (*list == type)
            return true;
    }
    return false;
}

static int
virDomainDefValidateTypes(const virDomainDef *def, const virDomainXMLOption *xmlopt)
{
    if (!virDomainTypeListed(xmlopt->virtTypes, def->virtType)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain type '%s' is not supported by the '%s' driver"),
                       virDomainVirtTypeToString(def->virtType), xmlopt->driverName);
        return -1;
    }
    if (!virDomainTypeListed(xmlopt->osTypes, def->os.type)) {
        virReportError(VIR_ERR_OS_TYPE, _("OS type '%s' is not supported by the '%s' driver"),
                       virDomainOSTypeToString(def->os.type), xmlopt->driverName);
        return -1;
    }
    return 0;
}

int
virDomainDefValidate(const virDomainDef *def, const virDomainXMLOption *xmlopt)
{
    unsigned int maxVcpus = MIN(xmlopt->maxVcpus ? xmlopt->maxVcpus : VIR_DOMAIN_MAX_VCPUS,
                                VIR_DOMAIN_MAX_VCPUS);

    if (virDomainDefValidateTypes(def, xmlopt) < 0)
        return -1;
    if (def->maxMemory == 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("domain '%s': memory size must be specified with <memory> and be greater than zero"),
                       def->name);
        return -1;
    }
    if (def->maxvcpus == 0 || def->vcpus == 0) {
        virReportError(VIR_ERR_XML_ERROR, _("domain '%s': the number of vcpus must be at least 1"),
                       def->name);
        return -1;
    }
    if (def->vcpus > def->maxvcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%s': current vcpus (%u) must not be more than the maximum (%u)"),
                       def->name, def->vcpus, def->maxvcpus);
        return -1;
    }
    if (def->maxvcpus > maxVcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%s': %u vcpus is more than the '%s' driver allows (%u)"),
                       def->name, def->maxvcpus, xmlopt->driverName, maxVcpus);
        return -1;
    }
    return 0;
}
