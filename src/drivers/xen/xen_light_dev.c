/*
 * xen_light_dev.c: disks and network interfaces of a running guest,
 * plugged and unplugged through libxl
 *
 * An attach returns once the backend is set up (dom0's hotplug script ran:
 * "block" for disks, "vif-bridge" for interfaces); the guest's frontend
 * connects in its own time.  A detach asks the guest to let go and waits
 * for it (libxl's safe remove), so a guest that does not answer makes it
 * fail rather than pull the device from under it.
 */
#include "internal.h"

#include "virerror.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

int
xenLightListDisks(xenHandle *h, unsigned int domid, xenDiskConfig **disks, size_t *ndisks)
{
    libxl_device_disk *list;
    xenDomainInfo info;
    int num = 0;
    int i;

    if (xenDomctlInfoFor(h, domid, _("list its disks"), &info) < 0)
        return -1;
    list = libxl_device_disk_list(h->ctx, domid, &num);
    *disks = g_new0(xenDiskConfig, MAX(num, 1));
    for (i = 0; i < num; i++)
        xenLightDiskToDef(&list[i], &(*disks)[i]);
    *ndisks = num;
    libxl_device_disk_list_free(list, num);
    return 0;
}

/* The index of the disk with @target, -1 when none, -2 on error */
static int
xenLightFindDisk(xenHandle *h, unsigned int domid, const char *target,
                 libxl_device_disk *found, char **others)
{
    libxl_device_disk *list;
    g_autoptr(GString) names = g_string_new(NULL);
    int num = 0;
    int i, idx = -1;

    list = libxl_device_disk_list(h->ctx, domid, &num);
    for (i = 0; i < num; i++) {
        g_string_append_printf(names, "%s%s", i ? ", " : "", list[i].vdev);
        if (idx < 0 && STREQ_NULLABLE(list[i].vdev, target)) {
            idx = i;
            if (found)
                libxl_device_disk_copy(h->ctx, found, &list[i]);
        }
    }
    libxl_device_disk_list_free(list, num);
    *others = g_string_free(g_steal_pointer(&names), FALSE);
    return idx;
}

int
xenLightAttachDisk(xenHandle *h, unsigned int domid, const xenDiskConfig *def)
{
    g_autofree char *who = xenLightWho(domid);
    g_autofree char *what = g_strdup_printf(_("attach disk %s"), NULLSTR(def->target));
    g_autofree char *others = NULL;
    libxl_device_disk disk;
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0 ||
        xenDiskConfigValidate(who, def) < 0)
        return -1;
    if (xenLightFindDisk(h, domid, def->target, NULL, &others) >= 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain %u: cannot %s: it has a disk %s already"),
                       domid, what, def->target);
        return -1;
    }
    xenLightDiskFromDef(def, &disk);
    xenLoggerBegin();
    rc = libxl_device_disk_add(h->ctx, domid, &disk, NULL);
    libxl_device_disk_dispose(&disk);
    if (rc < 0) {
        xenLightReport(who, rc, what);
        return -1;
    }
    return 0;
}

int
xenLightDetachDisk(xenHandle *h, unsigned int domid, const char *target)
{
    g_autofree char *who = xenLightWho(domid);
    g_autofree char *what = g_strdup_printf(_("detach disk %s"), target);
    g_autofree char *others = NULL;
    libxl_device_disk disk;
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    libxl_device_disk_init(&disk);
    if (xenLightFindDisk(h, domid, target, &disk, &others) < 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain %u: cannot %s: it has no such disk (it has: %s)"),
                       domid, what, *others ? others : _("none"));
        libxl_device_disk_dispose(&disk);
        return -1;
    }
    xenLoggerBegin();
    rc = libxl_device_disk_remove(h->ctx, domid, &disk, NULL);
    libxl_device_disk_dispose(&disk);
    if (rc < 0) {
        xenLightReport(who, rc, what);
        return -1;
    }
    return 0;
}

int
xenLightListNics(xenHandle *h, unsigned int domid, xenNicConfig **nics, size_t *nnics)
{
    libxl_device_nic *list;
    xenDomainInfo info;
    int num = 0;
    int i;

    if (xenDomctlInfoFor(h, domid, _("list its network interfaces"), &info) < 0)
        return -1;
    list = libxl_device_nic_list(h->ctx, domid, &num);
    *nics = g_new0(xenNicConfig, MAX(num, 1));
    for (i = 0; i < num; i++)
        xenLightNicToDef(&list[i], &(*nics)[i]);
    *nnics = num;
    libxl_device_nic_list_free(list, num);
    return 0;
}

/* Whether the domain has an interface with @mac; copies it into @found */
static bool
xenLightFindNic(xenHandle *h, unsigned int domid, const unsigned char mac[6],
                libxl_device_nic *found)
{
    libxl_device_nic *list;
    int num = 0;
    int i;
    bool ret = false;

    list = libxl_device_nic_list(h->ctx, domid, &num);
    for (i = 0; i < num && !ret; i++) {
        if (memcmp(list[i].mac, mac, 6) == 0) {
            if (found)
                libxl_device_nic_copy(h->ctx, found, &list[i]);
            ret = true;
        }
    }
    libxl_device_nic_list_free(list, num);
    return ret;
}

int
xenLightAttachNic(xenHandle *h, unsigned int domid, const xenNicConfig *def)
{
    g_autofree char *who = xenLightWho(domid);
    g_autofree char *mac = xenMacFormat(def->mac);
    g_autofree char *what = g_strdup_printf(_("attach network interface %s"), mac);
    libxl_device_nic nic;
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    if (def->mac[0] & 1) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot %s: a multicast address"), domid, what);
        return -1;
    }
    if (xenLightFindNic(h, domid, def->mac, NULL)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain %u: cannot %s: it has an interface with that address already"),
                       domid, what);
        return -1;
    }
    xenLightNicFromDef(def, &nic);
    nic.devid = -1;     /* libxl numbers it */
    xenLoggerBegin();
    rc = libxl_device_nic_add(h->ctx, domid, &nic, NULL);
    libxl_device_nic_dispose(&nic);
    if (rc < 0) {
        xenLightReport(who, rc, what);
        return -1;
    }
    return 0;
}

int
xenLightDetachNic(xenHandle *h, unsigned int domid, const unsigned char mac[6])
{
    g_autofree char *who = xenLightWho(domid);
    g_autofree char *text = xenMacFormat(mac);
    g_autofree char *what = g_strdup_printf(_("detach network interface %s"), text);
    libxl_device_nic nic;
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    libxl_device_nic_init(&nic);
    if (!xenLightFindNic(h, domid, mac, &nic)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain %u: cannot %s: it has no interface with that address"),
                       domid, what);
        libxl_device_nic_dispose(&nic);
        return -1;
    }
    xenLoggerBegin();
    rc = libxl_device_nic_remove(h->ctx, domid, &nic, NULL);
    libxl_device_nic_dispose(&nic);
    if (rc < 0) {
        xenLightReport(who, rc, what);
        return -1;
    }
    return 0;
}
