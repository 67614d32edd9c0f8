/*
 * domain_conf.h: the domain definition (configuration) and its XML
 *
 * A virDomainDef is plain data: what a domain is configured to be.  Its
 * run-time state lives in virDomainObj (domain_obj.h).  Parse and format
 * mirror each other; a round trip keeps everything this struct models.
 */
#ifndef VIR_DOMAIN_CONF_H
# define VIR_DOMAIN_CONF_H

# include "internal.h"

# include <libxml/tree.h>

# include "virbitmap.h"
# include "virenum.h"
# include "virxmlnode.h"

typedef enum {
    VIR_DOMAIN_VIRT_NONE = 0,
    VIR_DOMAIN_VIRT_QEMU,
    VIR_DOMAIN_VIRT_KQEMU,
    VIR_DOMAIN_VIRT_KVM,
    VIR_DOMAIN_VIRT_XEN,
    VIR_DOMAIN_VIRT_LXC,
    VIR_DOMAIN_VIRT_UML,
    VIR_DOMAIN_VIRT_OPENVZ,
    VIR_DOMAIN_VIRT_TEST,
    VIR_DOMAIN_VIRT_VMWARE,
    VIR_DOMAIN_VIRT_HYPERV,
    VIR_DOMAIN_VIRT_VBOX,
    VIR_DOMAIN_VIRT_PHYP,
    VIR_DOMAIN_VIRT_PARALLELS,
    VIR_DOMAIN_VIRT_BHYVE,
    VIR_DOMAIN_VIRT_VZ,
    VIR_DOMAIN_VIRT_CH,
    VIR_DOMAIN_VIRT_LVE,
    VIR_DOMAIN_VIRT_VSERVER,
    VIR_DOMAIN_VIRT_LAST
} virDomainVirtType;
VIR_ENUM_DECL(virDomainVirt);

typedef enum {
    VIR_DOMAIN_OSTYPE_HVM = 0,
    VIR_DOMAIN_OSTYPE_XEN,
    VIR_DOMAIN_OSTYPE_LINUX,
    VIR_DOMAIN_OSTYPE_EXE,
    VIR_DOMAIN_OSTYPE_UML,
    VIR_DOMAIN_OSTYPE_XENPVH,
    VIR_DOMAIN_OSTYPE_LAST
} virDomainOSType;
VIR_ENUM_DECL(virDomainOS);

typedef enum {
    VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT = 0,
    VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME,
    VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART,
    VIR_DOMAIN_LIFECYCLE_ACTION_LAST
} virDomainLifecycleAction;
VIR_ENUM_DECL(virDomainLifecycleAction);

typedef enum {
    VIR_DOMAIN_CPU_PLACEMENT_DEFAULT = 0,
    VIR_DOMAIN_CPU_PLACEMENT_STATIC,
    VIR_DOMAIN_CPU_PLACEMENT_AUTO,
    VIR_DOMAIN_CPU_PLACEMENT_LAST
} virDomainCpuPlacement;
VIR_ENUM_DECL(virDomainCpuPlacement);

typedef enum {
    VIR_DOMAIN_CLOCK_OFFSET_DEFAULT = 0,
    VIR_DOMAIN_CLOCK_OFFSET_UTC,
    VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME,
    VIR_DOMAIN_CLOCK_OFFSET_VARIABLE,
    VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE,
    VIR_DOMAIN_CLOCK_OFFSET_LAST
} virDomainClockOffset;
VIR_ENUM_DECL(virDomainClockOffset);

typedef enum {
    VIR_DOMAIN_BOOT_FLOPPY = 0,
    VIR_DOMAIN_BOOT_CDROM,
    VIR_DOMAIN_BOOT_DISK,
    VIR_DOMAIN_BOOT_NET,
    VIR_DOMAIN_BOOT_LAST
} virDomainBootDevice;
VIR_ENUM_DECL(virDomainBootDevice);

typedef enum {
    VIR_DOMAIN_FEATURE_ACPI = 0,
    VIR_DOMAIN_FEATURE_APIC,
    VIR_DOMAIN_FEATURE_PAE,
    VIR_DOMAIN_FEATURE_HAP,
    VIR_DOMAIN_FEATURE_VIRIDIAN,
    VIR_DOMAIN_FEATURE_PRIVNET,
    VIR_DOMAIN_FEATURE_HYPERV,
    VIR_DOMAIN_FEATURE_KVM,
    VIR_DOMAIN_FEATURE_PVSPINLOCK,
    VIR_DOMAIN_FEATURE_CAPABILITIES,
    VIR_DOMAIN_FEATURE_PMU,
    VIR_DOMAIN_FEATURE_VMPORT,
    VIR_DOMAIN_FEATURE_GIC,
    VIR_DOMAIN_FEATURE_SMM,
    VIR_DOMAIN_FEATURE_IOAPIC,
    VIR_DOMAIN_FEATURE_HPT,
    VIR_DOMAIN_FEATURE_VMCOREINFO,
    VIR_DOMAIN_FEATURE_HTM,
    VIR_DOMAIN_FEATURE_NESTED_HV,
    VIR_DOMAIN_FEATURE_MSRS,
    VIR_DOMAIN_FEATURE_CCF_ASSIST,
    VIR_DOMAIN_FEATURE_XEN,
    VIR_DOMAIN_FEATURE_CFPC,
    VIR_DOMAIN_FEATURE_SBBC,
    VIR_DOMAIN_FEATURE_IBS,
    VIR_DOMAIN_FEATURE_TCG,
    VIR_DOMAIN_FEATURE_LAST
} virDomainFeature;
VIR_ENUM_DECL(virDomainFeature);

typedef enum {
    VIR_DOMAIN_DISK_TYPE_FILE = 0,
    VIR_DOMAIN_DISK_TYPE_BLOCK,
    VIR_DOMAIN_DISK_TYPE_DIR,
    VIR_DOMAIN_DISK_TYPE_NETWORK,
    VIR_DOMAIN_DISK_TYPE_VOLUME,
    VIR_DOMAIN_DISK_TYPE_NVME,
    VIR_DOMAIN_DISK_TYPE_VHOSTUSER,
    VIR_DOMAIN_DISK_TYPE_LAST
} virDomainDiskType;
VIR_ENUM_DECL(virDomainDiskType);

typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK = 0,
    VIR_DOMAIN_DISK_DEVICE_CDROM,
    VIR_DOMAIN_DISK_DEVICE_FLOPPY,
    VIR_DOMAIN_DISK_DEVICE_LUN,
    VIR_DOMAIN_DISK_DEVICE_LAST
} virDomainDiskDevice;
VIR_ENUM_DECL(virDomainDiskDevice);

typedef enum {
    VIR_DOMAIN_DISK_BUS_NONE = 0,
    VIR_DOMAIN_DISK_BUS_IDE,
    VIR_DOMAIN_DISK_BUS_FDC,
    VIR_DOMAIN_DISK_BUS_SCSI,
    VIR_DOMAIN_DISK_BUS_VIRTIO,
    VIR_DOMAIN_DISK_BUS_XEN,
    VIR_DOMAIN_DISK_BUS_USB,
    VIR_DOMAIN_DISK_BUS_UML,
    VIR_DOMAIN_DISK_BUS_SATA,
    VIR_DOMAIN_DISK_BUS_SD,
    VIR_DOMAIN_DISK_BUS_LAST
} virDomainDiskBus;
VIR_ENUM_DECL(virDomainDiskBus);

typedef enum {
    VIR_DOMAIN_NET_TYPE_USER = 0,
    VIR_DOMAIN_NET_TYPE_ETHERNET,
    VIR_DOMAIN_NET_TYPE_VHOSTUSER,
    VIR_DOMAIN_NET_TYPE_SERVER,
    VIR_DOMAIN_NET_TYPE_CLIENT,
    VIR_DOMAIN_NET_TYPE_MCAST,
    VIR_DOMAIN_NET_TYPE_NETWORK,
    VIR_DOMAIN_NET_TYPE_BRIDGE,
    VIR_DOMAIN_NET_TYPE_INTERNAL,
    VIR_DOMAIN_NET_TYPE_DIRECT,
    VIR_DOMAIN_NET_TYPE_HOSTDEV,
    VIR_DOMAIN_NET_TYPE_UDP,
    VIR_DOMAIN_NET_TYPE_VDPA,
    VIR_DOMAIN_NET_TYPE_NULL,
    VIR_DOMAIN_NET_TYPE_VDS,
    VIR_DOMAIN_NET_TYPE_VSERVER,    /* virtkit: a VServer context's IP isolation */
    VIR_DOMAIN_NET_TYPE_LAST
} virDomainNetType;
VIR_ENUM_DECL(virDomainNetType);

/* The elements of <devices>, in the order libvirt writes them.  Each is
 * kept whole as a virXMLNode; the ones virtkit acts on are also read
 * into a struct. */
typedef enum {
    VIR_DOMAIN_DEVICE_EMULATOR = 0,
    VIR_DOMAIN_DEVICE_DISK,
    VIR_DOMAIN_DEVICE_CONTROLLER,
    VIR_DOMAIN_DEVICE_LEASE,
    VIR_DOMAIN_DEVICE_FILESYSTEM,
    VIR_DOMAIN_DEVICE_INTERFACE,
    VIR_DOMAIN_DEVICE_SMARTCARD,
    VIR_DOMAIN_DEVICE_SERIAL,
    VIR_DOMAIN_DEVICE_PARALLEL,
    VIR_DOMAIN_DEVICE_CONSOLE,
    VIR_DOMAIN_DEVICE_CHANNEL,
    VIR_DOMAIN_DEVICE_INPUT,
    VIR_DOMAIN_DEVICE_TPM,
    VIR_DOMAIN_DEVICE_GRAPHICS,
    VIR_DOMAIN_DEVICE_SOUND,
    VIR_DOMAIN_DEVICE_AUDIO,
    VIR_DOMAIN_DEVICE_VIDEO,
    VIR_DOMAIN_DEVICE_HOSTDEV,
    VIR_DOMAIN_DEVICE_REDIRDEV,
    VIR_DOMAIN_DEVICE_REDIRFILTER,
    VIR_DOMAIN_DEVICE_HUB,
    VIR_DOMAIN_DEVICE_WATCHDOG,
    VIR_DOMAIN_DEVICE_MEMBALLOON,
    VIR_DOMAIN_DEVICE_RNG,
    VIR_DOMAIN_DEVICE_NVRAM,
    VIR_DOMAIN_DEVICE_PANIC,
    VIR_DOMAIN_DEVICE_SHMEM,
    VIR_DOMAIN_DEVICE_MEMORY,
    VIR_DOMAIN_DEVICE_IOMMU,
    VIR_DOMAIN_DEVICE_VSOCK,
    VIR_DOMAIN_DEVICE_LAST
} virDomainDeviceType;
VIR_ENUM_DECL(virDomainDevice);

/* What virtkit reads of a <disk>.  The element itself (its node) is what
 * is kept and written; this is a view of it. */
typedef struct _virDomainDiskDef {
    int type;                   /* virDomainDiskType */
    int device;                 /* virDomainDiskDevice */
    const char *driverName;     /* <driver name=''> */
    const char *driverType;     /* <driver type=''> (the format) */
    const char *src;            /* file, dev, dir, network name, volume or path */
    const char *protocol;       /* <source protocol=''> of a network disk */
    const char *dst;            /* target dev, such as "vda" */
    int bus;                    /* virDomainDiskBus */
    bool readonly;
    bool shareable;
} virDomainDiskDef;

/* What virtkit reads of an <interface>, as for a disk. */
typedef struct _virDomainNetDef {
    int type;                   /* virDomainNetType */
    unsigned char mac[6];
    bool macSet;
    const char *source;         /* network, bridge, device... (per type) */
    const char *ifname;         /* <target dev=''/> */
    const char *model;
} virDomainNetDef;

typedef struct _virDomainMemballoonDef {
    const char *model;
} virDomainMemballoonDef;

/* One element of <devices>: its family, the element as kept, and for the
 * families virtkit acts on, what it reads of it (pointing into @node). */
typedef struct _virDomainDeviceDef {
    int type;                   /* virDomainDeviceType */
    virXMLNode *node;
    union {
        virDomainDiskDef *disk;
        virDomainNetDef *net;
        virDomainMemballoonDef *memballoon;
        void *ptr;
    } data;                     /* NULL for the families virtkit keeps only */
} virDomainDeviceDef;

typedef struct _virBlkioDevice {
    char *path;
    unsigned int weight;
    unsigned long long riops;
    unsigned long long wiops;
    unsigned long long rbps;
    unsigned long long wbps;
} virBlkioDevice;

/* Sizes are KiB; 0 means "not set" (unlimited for limits). */
typedef struct _virDomainMemtune {
    unsigned long long hard_limit;
    unsigned long long soft_limit;
    unsigned long long swap_hard_limit;
    unsigned long long min_guarantee;
} virDomainMemtune;

typedef struct _virDomainBlkiotune {
    unsigned int weight;        /* 0: not set */
    size_t ndevices;
    virBlkioDevice *devices;
} virDomainBlkiotune;

typedef struct _virDomainCputune {
    unsigned long long shares;  /* 0: not set */
    unsigned long long period;  /* microseconds; 0: not set */
    long long quota;            /* microseconds; 0: not set, -1: unlimited */
    virBitmap **vcpupin;        /* maxvcpus entries, NULL for an unpinned
                                 * vcpu; the array is NULL when none is */
    virXMLNode *rest;           /* the children not above, as written */
} virDomainCputune;

typedef struct _virDomainOSDef {
    int type;                   /* virDomainOSType */
    const char *arch;           /* interned, or NULL */
    const char *machine;        /* interned, or NULL */
    char *kernel;
    char *initrd;
    char *cmdline;
    char *init;                 /* container init, with <type>exe</type> */
    unsigned char nBootDevs;
    unsigned char bootDevs[VIR_DOMAIN_BOOT_LAST];
    virXMLNode *rest;           /* the attributes and children not above, as written */
} virDomainOSDef;

/* Driver-specific settings in their own XML namespace, such as
 * <lve:limits xmlns:lve='urn:virtkit:lve:1' .../>.  The driver's callbacks
 * read and write its elements and own the data. */
typedef struct _virXMLNamespace {
    const char *prefix;
    const char *uri;
    /* reads the driver's elements among the children of <domain> */
    int (*parse)(xmlNodePtr root, void **data);
    /* writes them, indented by @indent */
    void (*format)(GString *buf, int indent, const void *data);
    void *(*copy)(const void *data);
    void (*free)(void *data);
} virXMLNamespace;

typedef struct _virDomainDef virDomainDef;
struct _virDomainDef {
    int virtType;               /* virDomainVirtType */
    int fixedId;                /* the id when it is configuration (an LVE id,
                                 * a VServer xid); -1 otherwise */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;
    char *title;
    char *description;
    char *metadata;                 /* children of <metadata>, as XML text */

    unsigned long long maxMemory;   /* <memory>, KiB */
    char *dumpCore;                 /* <memory dumpCore=''> */
    unsigned long long curMemory;   /* <currentMemory>, KiB */
    unsigned int maxvcpus;          /* <vcpu> */
    unsigned int vcpus;             /* <vcpu current=''> */
    int placement;                  /* virDomainCpuPlacement */
    virBitmap *cpumask;             /* <vcpu cpuset=''> */

    virDomainCputune cputune;
    virDomainMemtune memtune;
    virDomainBlkiotune blkiotune;
    virDomainOSDef os;
    bool nosharepages;              /* <memoryBacking><nosharepages/> */
    virXMLNode *memoryBackingRest;  /* the rest of <memoryBacking>, as written */
    virXMLNode *featuresNode;       /* <features>, as written */
    unsigned int features;          /* bit per virDomainFeature present in it */
    int clockOffset;                /* virDomainClockOffset */
    virXMLNode *clockRest;          /* the rest of <clock>, as written */
    int onPoweroff;                 /* virDomainLifecycleAction */
    int onReboot;
    int onCrash;

    /* the children of <domain> that are kept as written (in a holder
     * element), each ranked by virDomainElem */
    virXMLNode *extras;

    /* the children of <devices>, in libvirt's order */
    size_t ndevices;
    virDomainDeviceDef *devices;

    const virXMLNamespace *ns;
    void *nsData;
};

/* The most vcpus a domain may have, whatever its driver allows: the
 * definitions keep per-vcpu data, so the count bounds their size. */
# define VIR_DOMAIN_MAX_VCPUS 16384

/* The largest memory size a definition may hold, in KiB: its bytes fit
 * in 63 bits, as the parser requires, so that whatever a change through
 * the API accepts is also read back from the configuration it writes. */
# define VIR_DOMAIN_MEMORY_MAX_KIB ((unsigned long long)G_MAXINT64 / 1024)

/* What one driver accepts and fills in by default.  Parsing checks the
 * generic rules and these; the driver's postParse adds its own. */
/* The longest domain name: its files' names must fit in 255 bytes. */
# define VIR_DOMAIN_NAME_MAX (255 - (int)sizeof("..xml.tmp-XXXXXX") + 1)

typedef struct _virDomainXMLOption {
    const char *driverName;         /* "test", for messages */
    const int *virtTypes;           /* accepted <domain type>, ended by -1 */
    const int *osTypes;             /* accepted <os><type>, ended by -1 */
    int defaultOSType;              /* when <os><type> is absent; -1: required */
    const char *defaultArch;        /* filled in when absent, or NULL */
    unsigned int maxVcpus;          /* the largest <vcpu>; 0: VIR_DOMAIN_MAX_VCPUS */
    bool fixedId;                   /* <domain id=''> is configuration, not run time */
    const virXMLNamespace *ns;      /* the driver's namespace, or NULL */
    const char *readElsewhere;      /* a namespace the driver reads outside the parser
                                     * (the test driver's node files): not warned of */
    int (*postParse)(virDomainDef *def, void *opaque);
    void *opaque;
} virDomainXMLOption;

typedef enum {
    /* check the document against docs/schemas/domain.rng first */
    VIR_DOMAIN_DEF_PARSE_VALIDATE = 1 << 0,
} virDomainDefParseFlags;

typedef enum {
    VIR_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 0,   /* no id attribute */
    VIR_DOMAIN_DEF_FORMAT_SECURE = 1 << 1,     /* with secrets (VIR_DOMAIN_XML_SECURE),
                                                * as configurations are stored */
} virDomainDefFormatFlags;

void virDomainDefFree(virDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDef, virDomainDefFree);
virDomainDef *virDomainDefCopy(const virDomainDef *def);

virDomainDef *virDomainDefParseString(const char *xml, const virDomainXMLOption *xmlopt,
                                      unsigned int flags);
virDomainDef *virDomainDefParseNode(xmlNodePtr root, const virDomainXMLOption *xmlopt);
char *virDomainDefFormat(const virDomainDef *def, int id, unsigned int flags);
void virDomainDefFormatBuf(GString *buf, int indent, const virDomainDef *def,
                           int id, unsigned int flags);

/**
 * virDomainDefNextDevice:
 * @def: a definition
 * @type: a virDomainDeviceType, or -1 for any
 * @pos: in/out: where to look from; start at 0
 *
 * Walks the devices of one family in document order:
 *
 *     size_t pos = 0;
 *     const virDomainDeviceDef *dev;
 *
 *     while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_DISK, &pos)))
 *         ... dev->data.disk->src, virXMLNodeGetAttr(dev->node, "type") ...
 *
 * Returns the next device of @type, or NULL after the last.
 */
const virDomainDeviceDef *virDomainDefNextDevice(const virDomainDef *def, int type,
                                                 size_t *pos);

/* One device element parsed on its own, as a child of <devices> would
 * be (its family's view read and checked); NULL with an error. */
virDomainDeviceDef *virDomainDeviceDefParseString(const char *xml);
void virDomainDeviceDefFree(virDomainDeviceDef *dev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDeviceDef, virDomainDeviceDefFree);

/**
 * virDomainDefFindDevice:
 * @def: a definition
 * @dev: a device as a user names it (virDomainDeviceDefParseString)
 *
 * Finds the device of @def that @dev names: a disk by its target, an
 * interface by its MAC address, anything else (a disk without a target,
 * an interface without a MAC) by having every attribute and child @dev
 * has (virXMLNodeMatches).
 *
 * Returns its index in def->devices, or -1 with an error when none or
 * more than one matches.
 */
ssize_t virDomainDefFindDevice(const virDomainDef *def, const virDomainDeviceDef *dev);

/* The index of the device with <alias name='@alias'/>, or -1 with an error. */
ssize_t virDomainDefFindDeviceAlias(const virDomainDef *def, const char *alias);

/**
 * virDomainDefChangeDevice:
 * @def: a definition
 * @xmlopt: the driver's, for reading the result
 * @idx: the device to remove or replace, or -1 to add @dev
 * @dev: the device to add or put at @idx; NULL to remove @idx
 *
 * Returns a new definition: @def with the change, read back as a
 * document holding it would be at define (so checked, completed with
 * defaults and addresses, in libvirt's order); NULL with an error, such
 * as a disk added on a target another disk has.
 */
virDomainDef *virDomainDefChangeDevice(const virDomainDef *def,
                                       const virDomainXMLOption *xmlopt,
                                       ssize_t idx, const virDomainDeviceDef *dev);

/* The number of devices of @type (-1: all of them). */
size_t virDomainDefCountDevices(const virDomainDef *def, int type);

/* The name of the first child of <domain> kept without being modelled
 * (such as "cpu" or "pm"), or NULL: for drivers that refuse what they
 * cannot honour. */
const char *virDomainDefFirstKeptElement(const virDomainDef *def);

/**
 * virDomainDefGenerateIfnames:
 * @def: a definition
 * @prefix: such as "testnet"
 *
 * Gives every <interface> without a <target dev=''/> the first free
 * name @prefix0, @prefix1, ..., as libvirt's test driver does on define.
 */
void virDomainDefGenerateIfnames(virDomainDef *def, const char *prefix);

/* Domain names may not escape a directory or break a terminal: no '/',
 * no control characters, not "." or "..", no leading '.', at most 255
 * bytes of valid UTF-8. */
int virDomainNameValidate(const char *name);

/* The map restricting vcpu @vcpu: its <vcpupin>, else <vcpu cpuset>;
 * NULL when it may run on every CPU.  Owned by @def. */
const virBitmap *virDomainDefGetVcpuPin(const virDomainDef *def, unsigned int vcpu);

/* The effective CPUs vcpu @vcpu may run on, given @hostcpus CPUs: its
 * <vcpupin>, else <vcpu cpuset>, else all.  Caller frees. */
virBitmap *virDomainDefGetVcpuAffinity(const virDomainDef *def, unsigned int vcpu,
                                       size_t hostcpus);

/* The same as a public-API cpumap of @maplen bytes, without allocating. */
void virDomainDefGetVcpuCpumap(const virDomainDef *def, unsigned int vcpu, size_t hostcpus,
                               unsigned char *cpumap, int maplen);

/* Changes the vcpu count; drops pins of vcpus that no longer exist. */
void virDomainDefSetMaxVcpus(virDomainDef *def, unsigned int maxvcpus);

/* Checks the cpusets and vcpupins of @def against a host of @hostcpus CPUs. */
int virDomainDefCheckHostCpus(const virDomainDef *def, size_t hostcpus);

/* Checks the generic rules (vcpus, memory) after a change through the API. */
int virDomainDefValidate(const virDomainDef *def, const virDomainXMLOption *xmlopt);

#endif /* VIR_DOMAIN_CONF_H */
