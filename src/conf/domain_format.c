/*
 * domain_format.c: writing a virDomainDef as <domain> XML
 *
 * Elements come in libvirt's order, so documents compare equal with what
 * libvirt writes for the same definition.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "domain_order.h"
#include "viruuid.h"
#include "virstring.h"
#include "virxml.h"

static void
virDomainFormatSize(GString *buf, int indent, const char *name, unsigned long long kib)
{
    virXMLIndent(buf, indent);
    g_string_append_c(buf, '<');
    virStringAppend(buf, name);
    virStringAppendLen(buf, " unit='KiB'>", 12);
    virXMLAppendULL(buf, kib);
    virStringAppendLen(buf, "</", 2);
    virStringAppend(buf, name);
    virStringAppendLen(buf, ">\n", 2);
}

static void
virDomainFormatMemory(GString *buf, int indent, const virDomainDef *def)
{
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<memory");
    virXMLAddAttr(buf, "dumpCore", def->dumpCore);
    virStringAppendLen(buf, " unit='KiB'>", 12);
    virXMLAppendULL(buf, def->maxMemory);
    virStringAppendLit(buf, "</memory>\n");
}

static void
virDomainFormatMemtune(GString *buf, int indent, const virDomainMemtune *tune)
{
    if (!tune->hard_limit && !tune->soft_limit && !tune->min_guarantee &&
        !tune->swap_hard_limit)
        return;
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<memtune>\n");
    if (tune->hard_limit)
        virDomainFormatSize(buf, indent + 2, "hard_limit", tune->hard_limit);
    if (tune->soft_limit)
        virDomainFormatSize(buf, indent + 2, "soft_limit", tune->soft_limit);
    if (tune->min_guarantee)
        virDomainFormatSize(buf, indent + 2, "min_guarantee", tune->min_guarantee);
    if (tune->swap_hard_limit)
        virDomainFormatSize(buf, indent + 2, "swap_hard_limit", tune->swap_hard_limit);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</memtune>\n");
}

static void
virDomainFormatBlkioDevice(GString *buf, int indent, const virBlkioDevice *dev)
{
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<device>\n");
    virXMLAddElement(buf, indent + 2, "path", dev->path);
    if (dev->weight)
        virXMLAddElementULL(buf, indent + 2, "weight", dev->weight);
    if (dev->riops)
        virXMLAddElementULL(buf, indent + 2, "read_iops_sec", dev->riops);
    if (dev->wiops)
        virXMLAddElementULL(buf, indent + 2, "write_iops_sec", dev->wiops);
    if (dev->rbps)
        virXMLAddElementULL(buf, indent + 2, "read_bytes_sec", dev->rbps);
    if (dev->wbps)
        virXMLAddElementULL(buf, indent + 2, "write_bytes_sec", dev->wbps);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</device>\n");
}

static void
virDomainFormatBlkiotune(GString *buf, int indent, const virDomainBlkiotune *tune)
{
    size_t i;

    if (!tune->weight && !tune->ndevices)
        return;
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<blkiotune>\n");
    if (tune->weight)
        virXMLAddElementULL(buf, indent + 2, "weight", tune->weight);
    for (i = 0; i < tune->ndevices; i++)
        virDomainFormatBlkioDevice(buf, indent + 2, &tune->devices[i]);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</blkiotune>\n");
}

static void
virDomainFormatVcpu(GString *buf, int indent, const virDomainDef *def)
{
    virXMLIndent(buf, indent);
    virStringAppend(buf, def->placement == VIR_DOMAIN_CPU_PLACEMENT_AUTO ?
                         "<vcpu placement='auto'" : "<vcpu placement='static'");
    if (def->cpumask) {
        g_autofree char *cpuset = virBitmapFormat(def->cpumask);

        virXMLAddAttr(buf, "cpuset", cpuset);
    }
    if (def->vcpus != def->maxvcpus)
        virXMLAddAttrULL(buf, "current", def->vcpus);
    g_string_append_c(buf, '>');
    virXMLAppendULL(buf, def->maxvcpus);
    virStringAppendLen(buf, "</vcpu>\n", 8);
}

static void
virDomainFormatOS(GString *buf, int indent, const virDomainOSDef *os)
{
    int in = indent + 2;
    size_t pos = 0;
    size_t i;

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<os");
    if (os->rest)
        virXMLNodeFormatAttrs(buf, os->rest);
    virStringAppendLit(buf, ">\n");
    virXMLIndent(buf, in);
    virStringAppendLit(buf, "<type");
    virXMLAddAttr(buf, "arch", os->arch);
    virXMLAddAttr(buf, "machine", os->machine);
    g_string_append_c(buf, '>');
    virStringAppend(buf, virDomainOSTypeToString(os->type));
    virStringAppendLen(buf, "</type>\n", 8);
    virXMLNodeFormatChildrenBefore(buf, in, os->rest, &pos, VIR_DOMAIN_OS_ELEM_INIT);
    virXMLAddElement(buf, in, "init", os->init);
    virXMLNodeFormatChildrenBefore(buf, in, os->rest, &pos, VIR_DOMAIN_OS_ELEM_KERNEL);
    virXMLAddElement(buf, in, "kernel", os->kernel);
    virXMLAddElement(buf, in, "initrd", os->initrd);
    virXMLAddElement(buf, in, "cmdline", os->cmdline);
    virXMLNodeFormatChildrenBefore(buf, in, os->rest, &pos, VIR_DOMAIN_OS_ELEM_BOOT);
    for (i = 0; i < os->nBootDevs; i++) {
        virXMLIndent(buf, in);
        virStringAppendLit(buf, "<boot");
        virXMLAddAttr(buf, "dev", virDomainBootDeviceTypeToString(os->bootDevs[i]));
        virStringAppendLen(buf, "/>\n", 3);
    }
    virXMLNodeFormatChildrenBefore(buf, in, os->rest, &pos, G_MAXINT);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</os>\n");
}

static void
virDomainFormatMemoryBacking(GString *buf, int indent, const virDomainDef *def)
{
    size_t pos = 0;

    if (!def->nosharepages && !(def->memoryBackingRest && def->memoryBackingRest->nchildren))
        return;
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<memoryBacking>\n");
    virXMLNodeFormatChildrenBefore(buf, indent + 2, def->memoryBackingRest, &pos,
                                   VIR_DOMAIN_MEMBACK_ELEM_NOSHAREPAGES);
    if (def->nosharepages)
        virXMLAddEmptyElement(buf, indent + 2, "nosharepages");
    virXMLNodeFormatChildrenBefore(buf, indent + 2, def->memoryBackingRest, &pos, G_MAXINT);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</memoryBacking>\n");
}

static void
virDomainFormatClock(GString *buf, int indent, const virDomainDef *def)
{
    size_t i;

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<clock");
    virXMLAddAttr(buf, "offset", virDomainClockOffsetTypeToString(def->clockOffset));
    if (def->clockRest)
        virXMLNodeFormatAttrs(buf, def->clockRest);
    if (!def->clockRest || !def->clockRest->nchildren) {
        virStringAppendLen(buf, "/>\n", 3);
        return;
    }
    virStringAppendLit(buf, ">\n");
    for (i = 0; i < def->clockRest->nchildren; i++)
        virXMLNodeFormat(buf, indent + 2, def->clockRest->children[i]);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</clock>\n");
}

static void
virDomainFormatLifecycle(GString *buf, int indent, const virDomainDef *def)
{
    virXMLAddElement(buf, indent, "on_poweroff",
                     virDomainLifecycleActionTypeToString(def->onPoweroff));
    virXMLAddElement(buf, indent, "on_reboot",
                     virDomainLifecycleActionTypeToString(def->onReboot));
    virXMLAddElement(buf, indent, "on_crash",
                     virDomainLifecycleActionTypeToString(def->onCrash));
}

static void
virDomainFormatHeader(GString *buf, int indent, const virDomainDef *def, int id,
                      unsigned int flags, size_t *pos)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<domain");
    virXMLAddAttr(buf, "type", virDomainVirtTypeToString(def->virtType));
    if (def->fixedId >= 0)
        virXMLAddAttrULL(buf, "id", def->fixedId);
    else if (id >= 0 && !(flags & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
        virXMLAddAttrULL(buf, "id", id);
    if (def->ns && def->nsData) {
        g_autofree char *xmlns = g_strconcat("xmlns:", def->ns->prefix, NULL);

        virXMLAddAttr(buf, xmlns, def->ns->uri);
    }
    virStringAppendLit(buf, ">\n");
    virXMLAddElement(buf, indent + 2, "name", def->name);
    virXMLAddElement(buf, indent + 2, "uuid", virUUIDFormat(def->uuid, uuidstr));
    virXMLNodeFormatChildrenBefore(buf, indent + 2, def->extras, pos, VIR_DOMAIN_ELEM_TITLE);
    virXMLAddElement(buf, indent + 2, "title", def->title);
    virXMLAddElement(buf, indent + 2, "description", def->description);
    if (def->metadata) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<metadata>\n");
        virStringAppend(buf, def->metadata);
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "</metadata>\n");
    }
}

/* The children of <domain> kept as written go between the ones virtkit
 * writes: pos walks them, each written before the first modelled element
 * that comes after it in libvirt's order. */
#define EXTRAS_BEFORE(elem) \
    virXMLNodeFormatChildrenBefore(buf, in, def->extras, &pos, VIR_DOMAIN_ELEM_ ## elem)

void
virDomainDefFormatBuf(GString *buf, int indent, const virDomainDef *def, int id,
                      unsigned int flags)
{
    int in = indent + 2;
    size_t pos = 0;

    virDomainFormatHeader(buf, indent, def, id, flags, &pos);
    EXTRAS_BEFORE(MEMORY);
    virDomainFormatMemory(buf, in, def);
    virDomainFormatSize(buf, in, "currentMemory", def->curMemory);
    virDomainFormatBlkiotune(buf, in, &def->blkiotune);
    virDomainFormatMemtune(buf, in, &def->memtune);
    virDomainFormatMemoryBacking(buf, in, def);
    virDomainFormatVcpu(buf, in, def);
    EXTRAS_BEFORE(CPUTUNE);
    virDomainFormatCputune(buf, in, def);
    EXTRAS_BEFORE(OS);
    virDomainFormatOS(buf, in, &def->os);
    EXTRAS_BEFORE(FEATURES);
    if (def->featuresNode)
        virXMLNodeFormat(buf, in, def->featuresNode);
    EXTRAS_BEFORE(CLOCK);
    virDomainFormatClock(buf, in, def);
    virDomainFormatLifecycle(buf, in, def);
    EXTRAS_BEFORE(DEVICES);
    virDomainFormatDevices(buf, in, def, flags);
    virXMLNodeFormatChildrenBefore(buf, in, def->extras, &pos, G_MAXINT);
    if (def->ns && def->nsData)
        def->ns->format(buf, in, def->nsData);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</domain>\n");
}

#undef EXTRAS_BEFORE

char *
virDomainDefFormat(const virDomainDef *def, int id, unsigned int flags)
{
    /* GString's fields are public: one on the stack around a g_malloc'd
     * buffer saves allocating the GString itself, and the document is
     * returned as that buffer (a dump of every domain is a hot path) */
    GString buf = { g_malloc(1024), 0, 1024 };

    buf.str[0] = '\0';
    virDomainDefFormatBuf(&buf, 0, def, id, flags);
    return buf.str;
}
