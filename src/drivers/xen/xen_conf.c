/*
 * xen_conf.c: the binding's own structs: enum names, freeing, and the
 * checks of a guest's description that need no hypervisor
 */
#include "internal.h"

#include <stdio.h>

#include "virerror.h"
#include "xen_conf.h"

#define VIR_FROM_THIS VIR_FROM_XEN

VIR_ENUM_IMPL(xenShutdownReason, XEN_SHUTDOWN_LAST,
              "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset");

VIR_ENUM_IMPL(xenScheduler, XEN_SCHED_LAST,
              "other", "credit", "credit2");

VIR_ENUM_IMPL(xenDomainType, XEN_DOMAIN_TYPE_LAST,
              "pv", "pvh", "hvm");

/* the names xl.cfg uses for on_poweroff= and friends */
VIR_ENUM_IMPL(xenLifecycleAction, XEN_ACTION_LAST,
              "destroy", "restart", "preserve", "rename-restart",
              "coredump-destroy", "coredump-restart", "soft-reset");

void
xenDiskConfigClear(xenDiskConfig *disk)
{
    g_clear_pointer(&disk->source, g_free);
    g_clear_pointer(&disk->target, g_free);
}

void
xenNicConfigClear(xenNicConfig *nic)
{
    g_clear_pointer(&nic->bridge, g_free);
    g_clear_pointer(&nic->script, g_free);
}

void
xenDomainConfigFree(xenDomainConfig *config)
{
    size_t i;

    if (!config)
        return;
    for (i = 0; i < config->ndisks; i++)
        xenDiskConfigClear(&config->disks[i]);
    for (i = 0; i < config->nnics; i++)
        xenNicConfigClear(&config->nics[i]);
    g_free(config->disks);
    g_free(config->nics);
    g_free(config->name);
    g_free(config->kernel);
    g_free(config->initrd);
    g_free(config->cmdline);
    g_free(config);
}

/* xl takes an all-digit name for a domain id, and a leading '-' for an
 * option: refuse both, and anything a shell or xenstore path would mangle. */
static int
xenNameValidate(const char *name)
{
    const char *p;
    bool digits = true;

    if (!name || !*name) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("a Xen guest needs a name"));
        return -1;
    }
    if (strlen(name) > 64 || *name == '-') {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("invalid Xen guest name '%s': at most 64 characters, not starting with '-'"),
                       name);
        return -1;
    }
    for (p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("_.+-", *p)) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("invalid Xen guest name '%s': character '%c' (use letters, digits and _.+-)"),
                           name, *p);
            return -1;
        }
        if (!g_ascii_isdigit(*p))
            digits = false;
    }
    if (digits) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("invalid Xen guest name '%s': a name of digits only reads as a domain id"),
                       name);
        return -1;
    }
    return 0;
}

/* "xvda".."xvdzzz": the names Linux and libxl agree on for PV disks */
static bool
xenDiskTargetValid(const char *target)
{
    size_t i, n;

    if (!target || !g_str_has_prefix(target, "xvd"))
        return false;
    n = strlen(target + 3);
    if (n < 1 || n > 3)
        return false;
    for (i = 0; i < n; i++) {
        if (!g_ascii_islower(target[3 + i]))
            return false;
    }
    return true;
}

int
xenDiskConfigValidate(const char *name, const xenDiskConfig *disk)
{
    if (!disk->source || !*disk->source) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Xen guest '%s': disk '%s' has no source (a file or block device in dom0)"),
                       name, NULLSTR(disk->target));
        return -1;
    }
    if (!xenDiskTargetValid(disk->target)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Xen guest '%s': invalid disk target '%s' for '%s' (expected xvda, xvdb, ...)"),
                       name, NULLSTR(disk->target), disk->source);
        return -1;
    }
    return 0;
}

static int
xenNicConfigValidate(const char *name, const xenNicConfig *nic)
{
    if (nic->mac[0] & 1) {
        g_autofree char *mac = xenMacFormat(nic->mac);

        virReportError(VIR_ERR_INVALID_ARG,
                       _("Xen guest '%s': MAC address %s is a multicast address"),
                       name, mac);
        return -1;
    }
    return 0;
}

static int
xenResourcesValidate(const xenDomainConfig *config)
{
    unsigned long long maxmem = config->maxMemoryKiB ? config->maxMemoryKiB : config->memoryKiB;
    unsigned int maxvcpus = config->maxVcpus ? config->maxVcpus : config->vcpus;

    if (config->memoryKiB < 1024 || config->memoryKiB > maxmem) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Xen guest '%s': memory %llu KiB must be at least 1024 KiB and at most its maximum %llu KiB"),
                       config->name, config->memoryKiB, maxmem);
        return -1;
    }
    if (config->vcpus < 1 || config->vcpus > maxvcpus || maxvcpus > XEN_MAX_VCPUS) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Xen guest '%s': %u vcpus must be at least 1 and at most its maximum %u (at most %d)"),
                       config->name, config->vcpus, maxvcpus, XEN_MAX_VCPUS);
        return -1;
    }
    return 0;
}

int
xenDomainConfigValidate(const xenDomainConfig *config)
{
    size_t i, j;

    if (xenNameValidate(config->name) < 0)
        return -1;
    if (config->type == XEN_DOMAIN_TYPE_HVM) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("Xen guest '%s': HVM guests need a device model (qemu-xen), which the Xen binding does not start; use type pv or pvh"),
                       config->name);
        return -1;
    }
    if (!config->kernel || !*config->kernel) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("Xen guest '%s': a %s guest needs a kernel"),
                       config->name, xenDomainTypeTypeToString(config->type));
        return -1;
    }
    if (xenResourcesValidate(config) < 0)
        return -1;
    for (i = 0; i < config->ndisks; i++) {
        if (xenDiskConfigValidate(config->name, &config->disks[i]) < 0)
            return -1;
        for (j = 0; j < i; j++) {
            if (STREQ(config->disks[i].target, config->disks[j].target)) {
                virReportError(VIR_ERR_INVALID_ARG,
                               _("Xen guest '%s': two disks have the target '%s'"),
                               config->name, config->disks[i].target);
                return -1;
            }
        }
    }
    for (i = 0; i < config->nnics; i++) {
        if (xenNicConfigValidate(config->name, &config->nics[i]) < 0)
            return -1;
    }
    return 0;
}

char *
xenMacFormat(const unsigned char mac[6])
{
    return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                           mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

int
xenMacParse(const char *str, unsigned char mac[6])
{
    unsigned int b[6];
    char end;
    size_t i;

    if (!str || strlen(str) != 17 ||
        sscanf(str, "%2x:%2x:%2x:%2x:%2x:%2x%c",
               &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &end) != 6)
        return -1;
    for (i = 0; i < 6; i++)
        mac[i] = b[i];
    return 0;
}
