/*
 * domain_order.c: libvirt's order of the elements and attributes of a
 * domain document, read from what libvirt 9.0 writes
 */
#include "internal.h"

#include "domain_order.h"

VIR_ENUM_IMPL(virDomainElem, VIR_DOMAIN_ELEM_LAST,
              "name", "uuid", "genid", "title", "description", "metadata",
              "maxMemory", "memory", "currentMemory", "blkiotune", "memtune",
              "memoryBacking", "vcpu", "vcpus", "iothreads", "iothreadids",
              "defaultiothread", "cputune", "numatune", "resource", "sysinfo",
              "bootloader", "bootloader_args", "os", "idmap", "features", "cpu",
              "clock", "on_poweroff", "on_reboot", "on_crash", "on_lockfailure",
              "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

VIR_ENUM_IMPL(virDomainOSElem, VIR_DOMAIN_OS_ELEM_LAST,
              "type", "firmware", "init", "initarg", "initenv", "initdir",
              "inituser", "initgroup", "loader", "nvram", "kernel", "initrd",
              "cmdline", "dtb", "root", "acpi", "boot", "bootmenu", "bios", "smbios");

VIR_ENUM_IMPL(virDomainCputuneElem, VIR_DOMAIN_CPUTUNE_ELEM_LAST,
              "shares", "period", "quota", "global_period", "global_quota",
              "emulator_period", "emulator_quota", "iothread_period", "iothread_quota",
              "vcpupin", "emulatorpin", "iothreadpin", "emulatorsched", "vcpusched",
              "iothreadsched", "cachetune", "memorytune");

VIR_ENUM_IMPL(virDomainMembackElem, VIR_DOMAIN_MEMBACK_ELEM_LAST,
              "hugepages", "nosharepages", "locked", "source", "access",
              "allocation", "discard");

/* The children of <domain> are looked up for every element of every
 * document defined: a hash table, built once, rather than a scan of the
 * names. */
int
virDomainElemLookup(const char *name)
{
    static GHashTable *table;
    gpointer value;

    if (g_once_init_enter(&table)) {
        GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
        int i;

        for (i = 0; i < VIR_DOMAIN_ELEM_LAST; i++)
            g_hash_table_insert(t, (gpointer)virDomainElemTypeToString(i), GINT_TO_POINTER(i + 1));
        g_once_init_leave(&table, t);
    }
    value = g_hash_table_lookup(table, name);
    return value ? GPOINTER_TO_INT(value) - 1 : -1;
}

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Where an element has no entry, its children and attributes stay in the
 * order they were written. */
typedef struct {
    const char *name;               /* "element", or "parent/element" */
    const char *const *children;    /* NULL: any order */
    const char *const *attrs;       /* NULL: any order */
} virDomainOrderTable;

/* The device information every device may end with. */
#define DEVICE_INFO "boot", "alias", "address", "rom", "acpi"

static const virDomainOrderTable virDomainOrderTables[] = {
    { "disk",
      LIST("driver", "auth", "source", "backingStore", "backenddomain", "geometry",
           "blockio", "mirror", "target", "iotune", "readonly", "shareable",
           "transient", "serial", "wwn", "vendor", "product", "encryption", DEVICE_INFO),
      LIST("type", "device", "model", "rawio", "sgio", "snapshot") },
    { "disk/driver",
      NULL,
      LIST("name", "type", "cache", "error_policy", "rerror_policy", "io", "ioeventfd",
           "event_idx", "copy_on_read", "discard", "iothread", "detect_zeroes",
           "queues", "queue_size") },
    { "disk/source",
      NULL,
      LIST("file", "dev", "dir", "protocol", "name", "query", "tls", "pool", "volume",
           "mode", "type", "path", "startupPolicy", "index") },
    { "disk/target", NULL, LIST("dev", "bus", "tray", "removable", "rotation_rate") },
    { "address",
      NULL,
      LIST("type", "domain", "controller", "bus", "target", "unit", "slot", "function",
           "port", "reg", "cssid", "ssid", "devno", "iobase", "irq", "base",
           "multifunction") },
    { "controller",
      LIST("model", "target", "driver", "master", DEVICE_INFO),
      LIST("type", "index", "model", "ports", "vectors", "maxGrantFrames",
           "maxEventChannels") },
    { "filesystem",
      LIST("driver", "binary", "source", "target", "idmap", "readonly",
           "space_hard_limit", "space_soft_limit", DEVICE_INFO),
      LIST("type", "accessmode", "model", "multidevs", "fmode", "dmode") },
    { "filesystem/source", NULL, LIST("dir", "dev", "file", "name", "usage", "units", "socket") },
    { "interface",
      LIST("mac", "source", "vlan", "virtualport", "bandwidth", "port", "ip", "route",
           "portForward", "script", "downscript", "backenddomain", "target", "guest",
           "model", "driver", "backend", "filterref", "tune", "teaming", "link", "mtu",
           "coalesce", DEVICE_INFO),
      LIST("type", "managed", "trustGuestRxFilters") },
    { "mac", NULL, LIST("address", "type", "check") },
    { "ip", NULL, LIST("address", "family", "prefix", "peer") },
    { "route", NULL, LIST("family", "address", "netmask", "prefix", "gateway", "metric") },
    { "smartcard", LIST("certificate", "database", "source", "protocol", DEVICE_INFO),
      LIST("mode", "type") },
    { "serial", LIST("source", "protocol", "log", "target", DEVICE_INFO), LIST("type") },
    { "parallel", LIST("source", "protocol", "log", "target", DEVICE_INFO), LIST("type") },
    { "console", LIST("source", "protocol", "log", "target", DEVICE_INFO), LIST("type", "tty") },
    { "channel", LIST("source", "protocol", "log", "target", DEVICE_INFO), LIST("type") },
    { "redirdev", LIST("source", "protocol", DEVICE_INFO), LIST("bus", "type") },
    { "log", NULL, LIST("file", "append") },
#define CHR_SOURCE NULL, LIST("mode", "host", "service", "tls", "path", "append", "channel", \
                              "master", "slave")
    { "serial/source", CHR_SOURCE },
    { "parallel/source", CHR_SOURCE },
    { "console/source", CHR_SOURCE },
    { "channel/source", CHR_SOURCE },
    { "smartcard/source", CHR_SOURCE },
    { "redirdev/source", CHR_SOURCE },
    { "backend/source", CHR_SOURCE },
#undef CHR_SOURCE
    { "input", LIST("source", "driver", DEVICE_INFO), LIST("type", "bus", "model") },
    { "graphics",
      LIST("listen", "channel", "image", "jpeg", "zlib", "playback", "streaming",
           "clipboard", "mouse", "filetransfer", "gl", "audio"),
      LIST("type", "display", "xauth", "fullscreen", "socket", "port", "tlsPort", "autoport",
           "websocket", "replaceUser", "multiUser", "listen", "keymap", "defaultMode",
           "sharePolicy", "powerControl", "passwd", "passwdValidTo", "connected") },
    { "graphics/listen", NULL, LIST("type", "address", "network", "socket") },
    { "video", LIST("driver", "model", DEVICE_INFO), NULL },
    { "video/model", LIST("acceleration", "resolution"),
      LIST("type", "ram", "vram", "vram64", "vgamem", "heads", "primary") },
    { "sound", LIST("codec", "audio", DEVICE_INFO), LIST("model") },
    { "hostdev",
      LIST("driver", "source", "ip", "route", "teaming", DEVICE_INFO, "readonly", "shareable"),
      LIST("mode", "type", "managed", "sgio", "rawio", "model", "display", "ramfb") },
    { "memballoon", LIST("alias", "stats", "address", "driver"),
      LIST("model", "autodeflate", "freePageReporting") },
    { "watchdog", LIST(DEVICE_INFO), LIST("model", "action") },
    { "rng", LIST("rate", "backend", "driver", DEVICE_INFO), LIST("model") },
    { "tpm", LIST("backend", DEVICE_INFO), LIST("model") },
    { "panic", LIST(DEVICE_INFO), LIST("model") },
    { "shmem", LIST("model", "size", "server", "msi", DEVICE_INFO), LIST("name", "role") },
    { "memory", LIST("uuid", "source", "target", DEVICE_INFO), LIST("model", "access", "discard") },
    { "vsock", LIST("cid", DEVICE_INFO, "driver"), LIST("model") },
    { "cachetune", LIST("cache", "monitor"), LIST("vcpus", "id") },
    { "memorytune", LIST("node", "monitor"), LIST("vcpus", "id") },
    { "cache", NULL, LIST("id", "level", "type", "size", "unit", "mode") },
    { "vcpusched", NULL, LIST("vcpus", "scheduler", "priority") },
    { "iothreadsched", NULL, LIST("iothreads", "scheduler", "priority") },
    { "emulatorsched", NULL, LIST("scheduler", "priority") },
    { "cpu/feature", NULL, LIST("policy", "name") },
    { "cpu",
      LIST("model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa"),
      LIST("mode", "match", "check", "migratable") },
    { "features",
      LIST("acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm",
           "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt",
           "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc",
           "ibs", "tcg"),
      NULL },
    { "clock", LIST("timer"), LIST("offset", "adjustment", "basis", "timezone", "start") },
    { "timer", LIST("catchup"),
      LIST("name", "present", "tickpolicy", "track", "frequency", "mode") },
    { "launchSecurity",
      LIST("cbitpos", "reducedPhysBits", "policy", "dhCert", "session"),
      LIST("type", "kernelHashes") },
    { "idmap", LIST("uid", "gid"), NULL },
    { "maxMemory", NULL, LIST("slots", "unit") },
    { "seclabel", LIST("label", "imagelabel", "baselabel"), LIST("type", "model", "relabel") },
};

#undef LIST

/* Whether table entry @key names <@name> under <@parent>. */
static bool
virDomainOrderKeyMatches(const char *key, const char *parent, const char *name)
{
    const char *slash = strchr(key, '/');

    if (!slash)
        return strcmp(key, name) == 0;
    return parent && strcmp(slash + 1, name) == 0 &&
           strncmp(key, parent, slash - key) == 0 && parent[slash - key] == '\0';
}

static const virDomainOrderTable *
virDomainOrderFind(const char *parent, const char *name)
{
    const virDomainOrderTable *plain = NULL;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainOrderTables); i++) {
        const char *key = virDomainOrderTables[i].name;

        if (!virDomainOrderKeyMatches(key, parent, name))
            continue;
        if (strchr(key, '/'))
            return &virDomainOrderTables[i];
        plain = &virDomainOrderTables[i];
    }
    return plain;
}

static int
virDomainOrderIndex(const char *const *list, const char *name)
{
    int i;

    for (i = 0; list[i]; i++) {
        if (strcmp(list[i], name) == 0)
            return i;
    }
    return -1;
}

int
virDomainOrderRank(const char *parent, const char *name)
{
    const virDomainOrderTable *table = virDomainOrderFind(NULL, parent);

    if (!table || !table->children)
        return -1;
    return virDomainOrderIndex(table->children, name);
}

static void
virDomainOrderAttrs(virXMLNode *node, const char *const *order)
{
    g_autofree int *ranks = g_new(int, node->nattrs);
    int last = -1;
    size_t i, j;

    for (i = 0; i < node->nattrs; i++) {
        int rank = virDomainOrderIndex(order, node->attrs[i].name);

        ranks[i] = last = rank >= 0 ? rank : last;
    }
    for (i = 1; i < node->nattrs; i++) {
        virXMLAttr attr = node->attrs[i];
        int rank = ranks[i];

        for (j = i; j > 0 && ranks[j - 1] > rank; j--) {
            node->attrs[j] = node->attrs[j - 1];
            ranks[j] = ranks[j - 1];
        }
        node->attrs[j] = attr;
        ranks[j] = rank;
    }
}

void
virDomainOrderChildren(virXMLNode *node, int (*rankOf)(const char *name))
{
    int last = -1;
    size_t i;

    for (i = 0; i < node->nchildren; i++) {
        int rank = rankOf(node->children[i]->name);

        node->children[i]->rank = last = rank >= 0 ? rank : last;
    }
    virXMLNodeSortChildren(node);
}

void
virDomainOrderCanonicalize(virXMLNode *node, const char *parent)
{
    const virDomainOrderTable *table = virDomainOrderFind(parent, node->name);
    size_t i;

    if (table && table->attrs && node->nattrs > 1)
        virDomainOrderAttrs(node, table->attrs);
    for (i = 0; i < node->nchildren; i++)
        virDomainOrderCanonicalize(node->children[i], node->name);
    if (table && table->children && node->nchildren > 1) {
        int last = -1;

        for (i = 0; i < node->nchildren; i++) {
            int rank = virDomainOrderIndex(table->children, node->children[i]->name);

            node->children[i]->rank = last = rank >= 0 ? rank : last;
        }
        virXMLNodeSortChildren(node);
    }
}
