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
              "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm",
              "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic",
              "hpt", "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen",
              "cfpc", "sbbc", "ibs", "tcg");

VIR_ENUM_IMPL(virDomainDiskType, VIR_DOMAIN_DISK_TYPE_LAST,
              "file", "block", "dir", "network", "volume", "nvme", "vhostuser");

VIR_ENUM_IMPL(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST,
              "disk", "cdrom", "floppy", "lun");

VIR_ENUM_IMPL(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST,
              "", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

VIR_ENUM_IMPL(virDomainNetType, VIR_DOMAIN_NET_TYPE_LAST,
              "user", "ethernet", "vhostuser", "server", "client", "mcast", "network",
              "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

/* ---- freeing ------------------------------------------------------- */

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
    virXMLNodeFree(def->cputune.rest);
    for (i = 0; i < def->blkiotune.ndevices; i++)
        g_free(def->blkiotune.devices[i].path);
    g_free(def->blkiotune.devices);
    g_free(def->os.kernel);
    g_free(def->os.initrd);
    g_free(def->os.cmdline);
    g_free(def->os.init);
    virXMLNodeFree(def->os.rest);
    g_free(def->dumpCore);
    virXMLNodeFree(def->memoryBackingRest);
    virXMLNodeFree(def->featuresNode);
    virXMLNodeFree(def->clockRest);
    virXMLNodeFree(def->extras);
    for (i = 0; i < def->ndevices; i++)
        virDomainDeviceDefClear(&def->devices[i]);
    g_free(def->devices);
    if (def->ns && def->nsData)
        def->ns->free(def->nsData);
    g_free(def);
}

/* ---- copying ------------------------------------------------------- */

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
    def->os.rest = virXMLNodeCopy(src->os.rest);
    def->cputune.rest = virXMLNodeCopy(src->cputune.rest);
    def->dumpCore = g_strdup(src->dumpCore);
    def->memoryBackingRest = virXMLNodeCopy(src->memoryBackingRest);
    def->featuresNode = virXMLNodeCopy(src->featuresNode);
    def->clockRest = virXMLNodeCopy(src->clockRest);
    def->extras = virXMLNodeCopy(src->extras);
    virDomainDevicesCopy(def, src);
    if (src->ns && src->nsData)
        def->nsData = src->ns->copy(src->nsData);
    return def;
}

const char *
virDomainDefFirstKeptElement(const virDomainDef *def)
{
    return def->extras && def->extras->nchildren ? def->extras->children[0]->name : NULL;
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
    /* every file named after the domain must fit in a directory entry
     * (NAME_MAX, 255 bytes): the longest is the temporary file of its
     * configuration, ".<name>.xml.tmp-XXXXXX" */
    if (strlen(name) > VIR_DOMAIN_NAME_MAX || !g_utf8_validate(name, -1, NULL)) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("domain name must be valid UTF-8 of at most %d bytes"),
                       VIR_DOMAIN_NAME_MAX);
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
