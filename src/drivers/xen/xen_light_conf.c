/*
 * xen_light_conf.c: a guest's description between xenDomainConfig and
 * libxl_domain_config
 *
 * libxl frees what its structs point to with free(); the strings put in
 * them here come from g_strdup, which has allocated with malloc() since
 * GLib 2.46 (virtkit needs 2.66), so the two agree.
 */
#include "internal.h"

#include "virerror.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* xenLifecycleAction <-> libxl_action_on_shutdown, in xenLifecycleAction order */
static const libxl_action_on_shutdown xenLightActions[] = {
    [XEN_ACTION_DESTROY] = LIBXL_ACTION_ON_SHUTDOWN_DESTROY,
    [XEN_ACTION_RESTART] = LIBXL_ACTION_ON_SHUTDOWN_RESTART,
    [XEN_ACTION_PRESERVE] = LIBXL_ACTION_ON_SHUTDOWN_PRESERVE,
    [XEN_ACTION_RENAME_RESTART] = LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME,
    [XEN_ACTION_COREDUMP_DESTROY] = LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY,
    [XEN_ACTION_COREDUMP_RESTART] = LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART,
    [XEN_ACTION_SOFT_RESET] = LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET,
};
G_STATIC_ASSERT(G_N_ELEMENTS(xenLightActions) == XEN_ACTION_LAST);

static xenLifecycleAction
xenLightActionToDef(libxl_action_on_shutdown action)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(xenLightActions); i++) {
        if (xenLightActions[i] == action)
            return i;
    }
    return XEN_ACTION_DESTROY;
}

static bool
xenUUIDIsNil(const unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (uuid[i])
            return false;
    }
    return true;
}

int
xenLightDiskFromDef(const xenDiskConfig *def, libxl_device_disk *disk)
{
    libxl_device_disk_init(disk);
    disk->pdev_path = g_strdup(def->source);
    disk->vdev = g_strdup(def->target);
    disk->format = LIBXL_DISK_FORMAT_RAW;
    /* libxl picks: blkback through the "block" hotplug script, for block
     * devices and (on a loop device) for files */
    disk->backend = LIBXL_DISK_BACKEND_UNKNOWN;
    disk->readwrite = !def->readonly;
    return 0;
}

int
xenLightNicFromDef(const xenNicConfig *def, libxl_device_nic *nic)
{
    static const unsigned char zero[6];

    libxl_device_nic_init(nic);
    if (memcmp(def->mac, zero, sizeof(zero)) != 0)
        memcpy(nic->mac, def->mac, sizeof(nic->mac));
    nic->bridge = g_strdup(def->bridge);
    nic->script = g_strdup(def->script);
    nic->nictype = LIBXL_NIC_TYPE_VIF;
    return 0;
}

void
xenLightDiskToDef(const libxl_device_disk *disk, xenDiskConfig *def)
{
    def->source = g_strdup(disk->pdev_path);
    def->target = g_strdup(disk->vdev);
    def->readonly = !disk->readwrite;
}

void
xenLightNicToDef(const libxl_device_nic *nic, xenNicConfig *def)
{
    memcpy(def->mac, nic->mac, sizeof(def->mac));
    def->bridge = g_strdup(nic->bridge);
    def->script = g_strdup(nic->script);
}

static void
xenLightBuildFromDef(xenHandle *h, const xenDomainConfig *def,
                     libxl_domain_build_info *b_info, libxl_domain_type type)
{
    unsigned int maxvcpus = def->maxVcpus ? def->maxVcpus : def->vcpus;
    unsigned int v;

    libxl_domain_build_info_init_type(b_info, type);
    b_info->max_vcpus = maxvcpus;
    libxl_bitmap_alloc(h->ctx, &b_info->avail_vcpus, maxvcpus);
    for (v = 0; v < def->vcpus; v++)
        libxl_bitmap_set(&b_info->avail_vcpus, v);
    b_info->max_memkb = def->maxMemoryKiB ? def->maxMemoryKiB : def->memoryKiB;
    b_info->target_memkb = def->memoryKiB;
    b_info->kernel = g_strdup(def->kernel);
    b_info->ramdisk = g_strdup(def->initrd);
    b_info->cmdline = g_strdup(def->cmdline);
    if (def->tscNative)
        b_info->tsc_mode = LIBXL_TSC_MODE_NATIVE;
}

int
xenLightConfigFromDef(xenHandle *h, const xenDomainConfig *def,
                      libxl_domain_config *config)
{
    libxl_domain_type type = def->type == XEN_DOMAIN_TYPE_PVH ?
        LIBXL_DOMAIN_TYPE_PVH : LIBXL_DOMAIN_TYPE_PV;
    size_t i;

    libxl_domain_create_info_init(&config->c_info);
    config->c_info.type = type;
    config->c_info.name = g_strdup(def->name);
    if (xenUUIDIsNil(def->uuid))
        libxl_uuid_generate(&config->c_info.uuid);
    else
        memcpy(libxl_uuid_bytearray(&config->c_info.uuid), def->uuid, VIR_UUID_BUFLEN);
    xenLightBuildFromDef(h, def, &config->b_info, type);
    config->on_poweroff = xenLightActions[def->onPoweroff];
    config->on_reboot = xenLightActions[def->onReboot];
    config->on_crash = xenLightActions[def->onCrash];

    config->disks = g_new0(libxl_device_disk, MAX(def->ndisks, 1));
    config->num_disks = def->ndisks;
    for (i = 0; i < def->ndisks; i++)
        xenLightDiskFromDef(&def->disks[i], &config->disks[i]);
    config->nics = g_new0(libxl_device_nic, MAX(def->nnics, 1));
    config->num_nics = def->nnics;
    for (i = 0; i < def->nnics; i++) {
        xenLightNicFromDef(&def->nics[i], &config->nics[i]);
        config->nics[i].devid = i;
    }
    return 0;
}

xenDomainConfig *
xenLightConfigToDef(const libxl_domain_config *config)
{
    const libxl_domain_build_info *b_info = &config->b_info;
    g_autoptr(xenDomainConfig) def = g_new0(xenDomainConfig, 1);
    int i;

    def->name = g_strdup(config->c_info.name);
    memcpy(def->uuid, libxl_uuid_bytearray_const(&config->c_info.uuid), VIR_UUID_BUFLEN);
    def->type = config->c_info.type == LIBXL_DOMAIN_TYPE_PVH ? XEN_DOMAIN_TYPE_PVH :
                config->c_info.type == LIBXL_DOMAIN_TYPE_HVM ? XEN_DOMAIN_TYPE_HVM :
                XEN_DOMAIN_TYPE_PV;
    def->kernel = g_strdup(b_info->kernel);
    def->initrd = g_strdup(b_info->ramdisk);
    def->cmdline = g_strdup(b_info->cmdline);
    def->memoryKiB = b_info->target_memkb;
    def->maxMemoryKiB = b_info->max_memkb;
    def->maxVcpus = b_info->max_vcpus;
    def->vcpus = b_info->avail_vcpus.size ? (unsigned int)libxl_bitmap_count_set(&b_info->avail_vcpus) :
                 (unsigned int)b_info->max_vcpus;
    def->tscNative = b_info->tsc_mode == LIBXL_TSC_MODE_NATIVE;
    def->onPoweroff = xenLightActionToDef(config->on_poweroff);
    def->onReboot = xenLightActionToDef(config->on_reboot);
    def->onCrash = xenLightActionToDef(config->on_crash);
    def->disks = g_new0(xenDiskConfig, MAX(config->num_disks, 1));
    for (i = 0; i < config->num_disks; i++)
        xenLightDiskToDef(&config->disks[i], &def->disks[def->ndisks++]);
    def->nics = g_new0(xenNicConfig, MAX(config->num_nics, 1));
    for (i = 0; i < config->num_nics; i++)
        xenLightNicToDef(&config->nics[i], &def->nics[def->nnics++]);
    return g_steal_pointer(&def);
}
