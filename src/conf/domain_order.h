/*
 * domain_order.h: libvirt's order of the elements and attributes of a
 * domain document
 *
 * libvirt writes every element in one order, whatever order the user
 * wrote it in.  virtkit keeps what it does not model as the user wrote
 * it (virxmlnode.h), and puts it in that same order: these tables say
 * which element comes before which.  An element of <domain>, <devices>
 * or of an element virtkit models partly (<os>, <cputune>...) that
 * libvirt's schema does not know has no place, and is refused.
 */
#ifndef VIR_DOMAIN_ORDER_H
# define VIR_DOMAIN_ORDER_H

# include "internal.h"
# include "virenum.h"
# include "virxmlnode.h"

/* The children of <domain>, in libvirt's order. */
typedef enum {
    VIR_DOMAIN_ELEM_NAME = 0,
    VIR_DOMAIN_ELEM_UUID,
    VIR_DOMAIN_ELEM_GENID,
    VIR_DOMAIN_ELEM_TITLE,
    VIR_DOMAIN_ELEM_DESCRIPTION,
    VIR_DOMAIN_ELEM_METADATA,
    VIR_DOMAIN_ELEM_MAX_MEMORY,
    VIR_DOMAIN_ELEM_MEMORY,
    VIR_DOMAIN_ELEM_CURRENT_MEMORY,
    VIR_DOMAIN_ELEM_BLKIOTUNE,
    VIR_DOMAIN_ELEM_MEMTUNE,
    VIR_DOMAIN_ELEM_MEMORY_BACKING,
    VIR_DOMAIN_ELEM_VCPU,
    VIR_DOMAIN_ELEM_VCPUS,
    VIR_DOMAIN_ELEM_IOTHREADS,
    VIR_DOMAIN_ELEM_IOTHREADIDS,
    VIR_DOMAIN_ELEM_DEFAULTIOTHREAD,
    VIR_DOMAIN_ELEM_CPUTUNE,
    VIR_DOMAIN_ELEM_NUMATUNE,
    VIR_DOMAIN_ELEM_RESOURCE,
    VIR_DOMAIN_ELEM_SYSINFO,
    VIR_DOMAIN_ELEM_BOOTLOADER,
    VIR_DOMAIN_ELEM_BOOTLOADER_ARGS,
    VIR_DOMAIN_ELEM_OS,
    VIR_DOMAIN_ELEM_IDMAP,
    VIR_DOMAIN_ELEM_FEATURES,
    VIR_DOMAIN_ELEM_CPU,
    VIR_DOMAIN_ELEM_CLOCK,
    VIR_DOMAIN_ELEM_ON_POWEROFF,
    VIR_DOMAIN_ELEM_ON_REBOOT,
    VIR_DOMAIN_ELEM_ON_CRASH,
    VIR_DOMAIN_ELEM_ON_LOCKFAILURE,
    VIR_DOMAIN_ELEM_PM,
    VIR_DOMAIN_ELEM_PERF,
    VIR_DOMAIN_ELEM_DEVICES,
    VIR_DOMAIN_ELEM_SECLABEL,
    VIR_DOMAIN_ELEM_KEYWRAP,
    VIR_DOMAIN_ELEM_LAUNCH_SECURITY,
    VIR_DOMAIN_ELEM_LAST
} virDomainElem;
VIR_ENUM_DECL(virDomainElem);

/* virDomainElemTypeFromString, by a hash lookup. */
int virDomainElemLookup(const char *name);

/* The children of <os>. */
typedef enum {
    VIR_DOMAIN_OS_ELEM_TYPE = 0,
    VIR_DOMAIN_OS_ELEM_FIRMWARE,
    VIR_DOMAIN_OS_ELEM_INIT,
    VIR_DOMAIN_OS_ELEM_INITARG,
    VIR_DOMAIN_OS_ELEM_INITENV,
    VIR_DOMAIN_OS_ELEM_INITDIR,
    VIR_DOMAIN_OS_ELEM_INITUSER,
    VIR_DOMAIN_OS_ELEM_INITGROUP,
    VIR_DOMAIN_OS_ELEM_LOADER,
    VIR_DOMAIN_OS_ELEM_NVRAM,
    VIR_DOMAIN_OS_ELEM_KERNEL,
    VIR_DOMAIN_OS_ELEM_INITRD,
    VIR_DOMAIN_OS_ELEM_CMDLINE,
    VIR_DOMAIN_OS_ELEM_DTB,
    VIR_DOMAIN_OS_ELEM_ROOT,
    VIR_DOMAIN_OS_ELEM_ACPI,
    VIR_DOMAIN_OS_ELEM_BOOT,
    VIR_DOMAIN_OS_ELEM_BOOTMENU,
    VIR_DOMAIN_OS_ELEM_BIOS,
    VIR_DOMAIN_OS_ELEM_SMBIOS,
    VIR_DOMAIN_OS_ELEM_LAST
} virDomainOSElem;
VIR_ENUM_DECL(virDomainOSElem);

/* The children of <cputune>. */
typedef enum {
    VIR_DOMAIN_CPUTUNE_ELEM_SHARES = 0,
    VIR_DOMAIN_CPUTUNE_ELEM_PERIOD,
    VIR_DOMAIN_CPUTUNE_ELEM_QUOTA,
    VIR_DOMAIN_CPUTUNE_ELEM_GLOBAL_PERIOD,
    VIR_DOMAIN_CPUTUNE_ELEM_GLOBAL_QUOTA,
    VIR_DOMAIN_CPUTUNE_ELEM_EMULATOR_PERIOD,
    VIR_DOMAIN_CPUTUNE_ELEM_EMULATOR_QUOTA,
    VIR_DOMAIN_CPUTUNE_ELEM_IOTHREAD_PERIOD,
    VIR_DOMAIN_CPUTUNE_ELEM_IOTHREAD_QUOTA,
    VIR_DOMAIN_CPUTUNE_ELEM_VCPUPIN,
    VIR_DOMAIN_CPUTUNE_ELEM_EMULATORPIN,
    VIR_DOMAIN_CPUTUNE_ELEM_IOTHREADPIN,
    VIR_DOMAIN_CPUTUNE_ELEM_EMULATORSCHED,
    VIR_DOMAIN_CPUTUNE_ELEM_VCPUSCHED,
    VIR_DOMAIN_CPUTUNE_ELEM_IOTHREADSCHED,
    VIR_DOMAIN_CPUTUNE_ELEM_CACHETUNE,
    VIR_DOMAIN_CPUTUNE_ELEM_MEMORYTUNE,
    VIR_DOMAIN_CPUTUNE_ELEM_LAST
} virDomainCputuneElem;
VIR_ENUM_DECL(virDomainCputuneElem);

/* The children of <memoryBacking>. */
typedef enum {
    VIR_DOMAIN_MEMBACK_ELEM_HUGEPAGES = 0,
    VIR_DOMAIN_MEMBACK_ELEM_NOSHAREPAGES,
    VIR_DOMAIN_MEMBACK_ELEM_LOCKED,
    VIR_DOMAIN_MEMBACK_ELEM_SOURCE,
    VIR_DOMAIN_MEMBACK_ELEM_ACCESS,
    VIR_DOMAIN_MEMBACK_ELEM_ALLOCATION,
    VIR_DOMAIN_MEMBACK_ELEM_DISCARD,
    VIR_DOMAIN_MEMBACK_ELEM_LAST
} virDomainMembackElem;
VIR_ENUM_DECL(virDomainMembackElem);

/**
 * virDomainOrderRank:
 * @parent: the name of the parent element
 * @name: the name of the child element
 *
 * Returns the place of <@name> among the children of <@parent> in
 * libvirt's order, or -1 when the tables do not order the children of
 * <@parent> or do not list <@name>.
 */
int virDomainOrderRank(const char *parent, const char *name);

/**
 * virDomainOrderCanonicalize:
 * @node: an element kept as written
 * @parent: the name of its parent element
 *
 * Puts the attributes and the children of @node and of everything under
 * it in libvirt's order.  What the tables do not place keeps its place
 * after the sibling written before it.
 */
void virDomainOrderCanonicalize(virXMLNode *node, const char *parent);

/* Ranks the children of @node with @rankOf, unlisted ones sticking to
 * the sibling before them, and sorts them. */
void virDomainOrderChildren(virXMLNode *node, int (*rankOf)(const char *name));

#endif /* VIR_DOMAIN_ORDER_H */
