/*
 * domain_addr.c: disks and controllers as libvirt orders and addresses
 * them, on the devices kept as written
 *
 * libvirt gives a disk on an IDE, SCSI, SATA or floppy bus without an
 * address the drive address its name implies (hdc: controller 0, bus 1,
 * unit 0), adds the controllers such addresses (and smartcards, virtio
 * channels) need, numbers controllers without an index, and inserts disks
 * and controllers in an order of its own.  The same is done here.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "virstring.h"

/* "hdc" -> 2, "vdaa" -> 26; -1 when the name has no index. */
int
virDomainDiskNameToIndex(const char *name)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *ptr = NULL;
    int idx = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(prefixes) && !ptr; i++) {
        if (g_str_has_prefix(name, prefixes[i]))
            ptr = name + strlen(prefixes[i]);
    }
    if (!ptr || !g_ascii_islower(*ptr))
        return -1;
    for (i = 0; g_ascii_islower(*ptr); i++, ptr++) {
        if (idx > G_MAXINT / 27)
            return -1;
        idx = (idx + (i < 1 ? 0 : 1)) * 26 + (*ptr - 'a');
    }
    return ptr[strspn(ptr, "0123456789")] == '\0' ? idx : -1;
}

static virXMLNode *
virDomainDiskTarget(virXMLNode *disk)
{
    virXMLNode *target = virXMLNodeChild(disk, "target");

    return target && virXMLNodeGetAttr(target, "dev") ? target : NULL;
}

/* ---- the order of disks and controllers -------------------------------- */

/* libvirt's insertion: after the last device of the same group, or before
 * the first of the group that sorts after the new one; with @unsetLast, a
 * device without a key (-1) goes after the last of its group. */
static void
virDomainReorderFamily(virDomainDef *def, int type,
                       bool (*sameGroup)(const virXMLNode *a, const virXMLNode *b),
                       long long (*key)(const virXMLNode *node), bool unsetLast)
{
    g_autofree virXMLNode **order = g_new0(virXMLNode *, def->ndevices);
    size_t i, n = 0, k;

    for (i = 0; i < def->ndevices; i++) {
        virXMLNode *add = def->devices[i].node;
        ssize_t idx, at = -1;

        if (def->devices[i].type != type)
            continue;
        for (idx = (ssize_t)n - 1; idx >= 0; idx--) {
            if (!sameGroup(order[idx], add))
                continue;
            if (unsetLast && key(add) == -1) {
                at = idx + 1;
                break;
            }
            if (key(order[idx]) > key(add))
                at = idx;
            else if (at == -1)
                at = idx + 1;
        }
        if (at < 0)
            at = n;
        memmove(&order[at + 1], &order[at], (n - at) * sizeof(virXMLNode *));
        order[at] = add;
        n++;
    }
    for (i = 0, k = 0; i < def->ndevices; i++) {
        if (def->devices[i].type == type)
            def->devices[i].node = order[k++];
    }
}

static bool
virDomainDiskSameBus(const virXMLNode *a, const virXMLNode *b)
{
    const virXMLNode *ta = virXMLNodeChild(a, "target");
    const virXMLNode *tb = virXMLNodeChild(b, "target");

    return g_strcmp0(ta ? virXMLNodeGetAttr(ta, "bus") : NULL,
                     tb ? virXMLNodeGetAttr(tb, "bus") : NULL) == 0;
}

static long long
virDomainDiskKey(const virXMLNode *disk)
{
    const virXMLNode *target = virXMLNodeChild(disk, "target");
    const char *dev = target ? virXMLNodeGetAttr(target, "dev") : NULL;

    /* a disk without a name is placed, never placed before */
    return dev ? virDomainDiskNameToIndex(dev) : -2;
}

static bool
virDomainControllerSameType(const virXMLNode *a, const virXMLNode *b)
{
    return g_strcmp0(virXMLNodeGetAttr(a, "type"), virXMLNodeGetAttr(b, "type")) == 0;
}

static long long
virDomainControllerIndex(const virXMLNode *controller)
{
    const char *str = virXMLNodeGetAttr(controller, "index");
    long long idx;

    if (!str || virStrToLL(str, &idx) < 0)
        return -1;
    return idx;
}

/* ---- drive addresses and implicit controllers ------------------------ */

/* The bus a disk is on when its target does not say. */
static const char *
virDomainDiskDefaultBus(const virXMLNode *disk, const char *dst)
{
    if (g_strcmp0(virXMLNodeGetAttr(disk, "device"), "floppy") == 0)
        return "fdc";
    if (g_str_has_prefix(dst, "sd"))
        return "scsi";
    if (g_str_has_prefix(dst, "vd"))
        return "virtio";
    if (g_str_has_prefix(dst, "xvd"))
        return "xen";
    if (g_str_has_prefix(dst, "ubd"))
        return "uml";
    return "ide";
}

static void
virDomainSetAddr(virXMLNode *node, const char *type, const char *const *names,
                 const int *values, size_t n)
{
    virXMLNode *addr = virXMLNodeAppendNew(node, "address");
    size_t i;

    virXMLNodeSetAttr(addr, "type", type);
    for (i = 0; i < n; i++) {
        g_autofree char *str = g_strdup_printf("%d", values[i]);

        virXMLNodeSetAttr(addr, names[i], str);
    }
}

/* libvirt's default mapping of a disk name onto a drive address. */
static int
virDomainDiskAssignAddress(virXMLNode *disk, const char *bus, const char *dst)
{
    static const char *const names[] = { "controller", "bus", "target", "unit" };
    int idx = virDomainDiskNameToIndex(dst);
    int v[4] = { 0, 0, 0, 0 };

    if (strcmp(bus, "scsi") == 0) {
        v[0] = idx / 7;
        v[3] = idx % 7;
    } else if (strcmp(bus, "ide") == 0) {
        v[0] = idx / 4;
        v[1] = (idx % 4) / 2;
        v[3] = idx % 2;
    } else if (strcmp(bus, "sata") == 0) {
        v[0] = idx / 6;
        v[3] = idx % 6;
    } else if (strcmp(bus, "fdc") == 0) {
        v[0] = idx / 2;
        v[3] = idx % 2;
    } else {
        return 0;
    }
    if (idx < 0) {
        virXMLNodeReport(VIR_FROM_DOMAIN, disk,
                         _("unknown disk name '%s' and no address specified"), dst);
        return -1;
    }
    virDomainSetAddr(disk, "drive", names, v, G_N_ELEMENTS(v));
    return 0;
}

static int
virDomainDiskDefaults(virXMLNode *disk)
{
    virXMLNode *target = virDomainDiskTarget(disk);
    const char *dst, *bus;

    if (!virXMLNodeGetAttr(disk, "type"))
        virXMLNodeSetAttr(disk, "type", "file");
    if (!virXMLNodeGetAttr(disk, "device"))
        virXMLNodeSetAttr(disk, "device", "disk");
    if (strcmp(virXMLNodeGetAttr(disk, "device"), "cdrom") == 0 &&
        !virXMLNodeChild(disk, "readonly"))
        virXMLNodeAppendNew(disk, "readonly");
    if (!target)
        return 0;   /* reading the disk says what is missing */
    dst = virXMLNodeGetAttr(target, "dev");
    if (!(bus = virXMLNodeGetAttr(target, "bus"))) {
        virXMLNodeSetAttr(target, "bus", virDomainDiskDefaultBus(disk, dst));
        bus = virXMLNodeGetAttr(target, "bus");
    }
    if (virXMLNodeChild(disk, "address"))
        return 0;
    return virDomainDiskAssignAddress(disk, bus, dst);
}

/* Adds <controller type=@type index=@idx/> unless there is one. */
static void
virDomainMaybeAddController(virDomainDef *def, const char *type, long long idx)
{
    size_t pos = 0;
    const virDomainDeviceDef *dev;
    virXMLNode *node;
    g_autofree char *str = NULL;

    while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_CONTROLLER, &pos))) {
        if (g_strcmp0(virXMLNodeGetAttr(dev->node, "type"), type) == 0 &&
            virDomainControllerIndex(dev->node) == idx)
            return;
    }
    node = virXMLNodeNew("controller");
    str = g_strdup_printf("%lld", idx);
    virXMLNodeSetAttr(node, "type", type);
    virXMLNodeSetAttr(node, "index", str);
    virDomainDefAddDevice(def, VIR_DOMAIN_DEVICE_CONTROLLER, node);
}

/* The controller number of @node's address of @type, or -1. */
static long long
virDomainAddrController(const virXMLNode *node, const char *type)
{
    const virXMLNode *addr = virXMLNodeChild(node, "address");
    const char *str;
    long long idx;

    if (!addr || g_strcmp0(virXMLNodeGetAttr(addr, "type"), type) != 0)
        return -1;
    if (!(str = virXMLNodeGetAttr(addr, "controller")))
        return 0;
    return virStrToLL(str, &idx) < 0 ? -1 : idx;
}

/* The disk controllers, one type after another as libvirt adds them. */
static void
virDomainAddDiskControllers(virDomainDef *def)
{
    static const char *const buses[] = { "scsi", "fdc", "ide", "sata" };
    size_t b;

    for (b = 0; b < G_N_ELEMENTS(buses); b++) {
        size_t pos = 0;
        const virDomainDeviceDef *dev;
        long long max = -1, i;

        while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_DISK, &pos))) {
            const virXMLNode *target = virXMLNodeChild(dev->node, "target");

            if (target && g_strcmp0(virXMLNodeGetAttr(target, "bus"), buses[b]) == 0)
                max = MAX(max, virDomainAddrController(dev->node, "drive"));
        }
        for (i = 0; i <= max && i < 1024; i++)
            virDomainMaybeAddController(def, buses[b], i);
    }
}

static void
virDomainAddChannelControllers(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        const virDomainDeviceDef *dev = &def->devices[i];
        const virXMLNode *target = virXMLNodeChild(dev->node, "target");
        long long idx;

        if ((dev->type != VIR_DOMAIN_DEVICE_CHANNEL && dev->type != VIR_DOMAIN_DEVICE_CONSOLE) ||
            !target || g_strcmp0(virXMLNodeGetAttr(target, "type"), "virtio") != 0)
            continue;
        idx = virDomainAddrController(dev->node, "virtio-serial");
        virDomainMaybeAddController(def, "virtio-serial", MAX(idx, 0));
    }
}

static void
virDomainAddSmartcardControllers(virDomainDef *def)
{
    static const char *const names[] = { "controller", "slot" };
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        virDomainDeviceDef *dev = &def->devices[i];
        long long idx;

        if (dev->type != VIR_DOMAIN_DEVICE_SMARTCARD)
            continue;
        if (!virXMLNodeChild(dev->node, "address")) {
            size_t pos = 0;
            const virDomainDeviceDef *other;
            int max = -1, v[2];

            while ((other = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_SMARTCARD, &pos))) {
                const virXMLNode *addr = virXMLNodeChild(other->node, "address");
                long long slot;

                if (virDomainAddrController(other->node, "ccid") == 0 &&
                    virStrToLL(NULLSTR(virXMLNodeGetAttr(addr, "slot")), &slot) == 0)
                    max = MAX(max, (int)slot);
            }
            v[0] = 0;
            v[1] = max + 1;
            virDomainSetAddr(dev->node, "ccid", names, v, 2);
        }
        idx = virDomainAddrController(dev->node, "ccid");
        virDomainMaybeAddController(def, "ccid", MAX(idx, 0));
    }
}

/* Controllers without an index get the first free one of their type. */
static void
virDomainControllerIndexes(virDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ndevices; i++) {
        virXMLNode *node = def->devices[i].node;
        g_autofree char *str = NULL;
        long long idx = 0;

        if (def->devices[i].type != VIR_DOMAIN_DEVICE_CONTROLLER ||
            virXMLNodeGetAttr(node, "index"))
            continue;
        for (j = 0; j < def->ndevices; j++) {
            if (def->devices[j].type == VIR_DOMAIN_DEVICE_CONTROLLER &&
                virDomainControllerSameType(def->devices[j].node, node) &&
                virDomainControllerIndex(def->devices[j].node) == idx) {
                idx++;
                j = (size_t)-1;
            }
        }
        str = g_strdup_printf("%lld", idx);
        virXMLNodeSetAttr(node, "index", str);
    }
}

int
virDomainAddrPostParse(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        if (def->devices[i].type == VIR_DOMAIN_DEVICE_DISK &&
            virDomainDiskDefaults(def->devices[i].node) < 0)
            return -1;
    }
    /* libvirt groups disks by the bus as written, before it fills in the
     * default one, and so orders its own output differently on the next
     * define; grouping by the bus in effect gives that second order at
     * once, so that a definition read back defines the same again */
    virDomainReorderFamily(def, VIR_DOMAIN_DEVICE_DISK, virDomainDiskSameBus,
                           virDomainDiskKey, false);
    virDomainReorderFamily(def, VIR_DOMAIN_DEVICE_CONTROLLER, virDomainControllerSameType,
                           virDomainControllerIndex, true);
    virDomainControllerIndexes(def);
    virDomainAddDiskControllers(def);
    virDomainAddChannelControllers(def);
    virDomainAddSmartcardControllers(def);
    virDomainDevicesSort(def);
    /* libvirt appends the controllers it adds, and so inserts them among
     * the others on the next define: inserting them at once as it does
     * then keeps a definition read back the same */
    virDomainReorderFamily(def, VIR_DOMAIN_DEVICE_CONTROLLER, virDomainControllerSameType,
                           virDomainControllerIndex, true);
    return 0;
}
