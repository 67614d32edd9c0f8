/*
 * domain_chr.c: character devices (serial, parallel, console, channel and
 * the devices with a character source: smartcard, redirdev, rng backend)
 * as libvirt writes them
 *
 * libvirt fills in the connection mode of a source, the protocol of a TCP
 * source, the port of a serial port; writes a UDP channel's bind source
 * before its connect source; and keeps the first console of an HVM guest
 * as an alias of its first serial port (creating whichever is missing).
 * The same is done here on the elements kept as written.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "virstring.h"

/* The children of @node named "source", in order. */
static size_t
virDomainChrSources(virXMLNode *node, virXMLNode **sources, size_t max)
{
    size_t i, n = 0;

    for (i = 0; i < node->nchildren && n < max; i++) {
        if (strcmp(node->children[i]->name, "source") == 0)
            sources[n++] = node->children[i];
    }
    return n;
}

static void
virDomainChrRemoveSources(virXMLNode *node)
{
    size_t i = node->nchildren;

    while (i-- > 0) {
        if (strcmp(node->children[i]->name, "source") == 0)
            virXMLNodeDelete(node, i);
    }
}

/* A UDP source sends to its 'connect' source and listens on its 'bind'
 * one; libvirt writes bind first, and each only when it names something. */
static void
virDomainChrUDPSources(virXMLNode *node)
{
    virXMLNode *sources[8];
    g_autoptr(virXMLNode) bind = NULL;
    g_autoptr(virXMLNode) connect = NULL;
    size_t i, n = virDomainChrSources(node, sources, G_N_ELEMENTS(sources));

    for (i = 0; i < n; i++) {
        const char *mode = virXMLNodeGetAttr(sources[i], "mode");
        virXMLNode **slot = g_strcmp0(mode, "bind") == 0 ? &bind : &connect;

        if (!*slot) {
            *slot = virXMLNodeCopy(sources[i]);
            virXMLNodeSetAttr(*slot, "mode", slot == &bind ? "bind" : "connect");
        }
    }
    virDomainChrRemoveSources(node);
    if (bind && (virXMLNodeGetAttr(bind, "host") || virXMLNodeGetAttr(bind, "service")))
        virXMLNodeAppend(node, g_steal_pointer(&bind));
    if (connect && (virXMLNodeGetAttr(connect, "host") || virXMLNodeGetAttr(connect, "service")))
        virXMLNodeAppend(node, g_steal_pointer(&connect));
}

/**
 * virDomainChrSourceDefaults:
 * @node: an element with a character source: <serial>, <backend>...
 *
 * Fills in what libvirt does for the source of @node's type.
 */
static void
virDomainChrSourceDefaults(virXMLNode *node)
{
    const char *type = virXMLNodeGetAttr(node, "type");
    virXMLNode *source = virXMLNodeChild(node, "source");
    size_t i;

    if (g_strcmp0(type, "udp") == 0) {
        virDomainChrUDPSources(node);
    } else if (g_strcmp0(type, "tcp") == 0) {
        if (source && !virXMLNodeGetAttr(source, "mode"))
            virXMLNodeSetAttr(source, "mode", "connect");
        if (!virXMLNodeChild(node, "protocol"))
            virXMLNodeSetAttr(virXMLNodeAppendNew(node, "protocol"), "type", "raw");
    } else if (g_strcmp0(type, "unix") == 0 && source) {
        if (!virXMLNodeGetAttr(source, "path")) {
            /* a unix source without a path says nothing libvirt keeps */
            for (i = 0; node->children[i] != source; i++)
                ;
            virXMLNodeDelete(node, i);
        } else if (!virXMLNodeGetAttr(source, "mode")) {
            virXMLNodeSetAttr(source, "mode", "connect");
        }
    }
}

/* ---- ports and the console of an HVM guest ----------------------------- */

/* Numbers the ports of serial (or parallel) ports that have none. */
static void
virDomainChrAssignPorts(virDomainDef *def, int type)
{
    size_t pos = 0;
    const virDomainDeviceDef *dev;
    long long next = 0;

    while ((dev = virDomainDefNextDevice(def, type, &pos))) {
        virXMLNode *target = virXMLNodeChild(dev->node, "target");
        const char *port = target ? virXMLNodeGetAttr(target, "port") : NULL;
        g_autofree char *str = NULL;
        long long n;

        if (port && virStrToLL(port, &n) == 0) {
            next = MAX(next, n + 1);
            continue;
        }
        if (!target)
            target = virXMLNodeAppendNew(dev->node, "target");
        str = g_strdup_printf("%lld", next++);
        virXMLNodeSetAttr(target, "port", str);
    }
}

/* A console that mirrors serial port @serial, as libvirt writes it. */
static virXMLNode *
virDomainConsoleAliasOf(const virXMLNode *serial)
{
    virXMLNode *console = virXMLNodeCopy(serial);
    const virXMLNode *starget = virXMLNodeChild(serial, "target");
    const char *port = starget ? virXMLNodeGetAttr(starget, "port") : NULL;
    virXMLNode *target;
    size_t i;

    console->name = g_intern_static_string("console");
    for (i = console->nchildren; i > 0; i--) {
        if (strcmp(console->children[i - 1]->name, "target") == 0)
            virXMLNodeDelete(console, i - 1);
    }
    target = virXMLNodeAppendNew(console, "target");
    virXMLNodeSetAttr(target, "type", "serial");
    virXMLNodeSetAttr(target, "port", port ? port : "0");
    return console;
}

static const char *
virDomainChrTargetType(const virXMLNode *node)
{
    const virXMLNode *target = virXMLNodeChild(node, "target");

    return target ? virXMLNodeGetAttr(target, "type") : NULL;
}

/* A serial port made from a console that stands for one. */
static virXMLNode *
virDomainSerialFromConsole(const virXMLNode *console)
{
    virXMLNode *serial = virXMLNodeCopy(console);
    virXMLNode *target = virXMLNodeChild(serial, "target");

    serial->name = g_intern_static_string("serial");
    if (!target)
        target = virXMLNodeAppendNew(serial, "target");
    virXMLNodeRemoveAttr(target, "type");
    virXMLNodeSetAttr(target, "port", "0");
    return serial;
}

static void
virDomainConsoleCompat(virDomainDef *def)
{
    size_t pos = 0;
    virDomainDeviceDef *console = (virDomainDeviceDef *)virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_CONSOLE, &pos);
    const char *ctype = console ? virDomainChrTargetType(console->node) : NULL;
    const virDomainDeviceDef *serial;
    virXMLNode *alias;

    pos = 0;
    serial = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_SERIAL, &pos);
    if (console && (!ctype || strcmp(ctype, "serial") == 0)) {
        if (!serial) {
            virDomainDefAddDevice(def, VIR_DOMAIN_DEVICE_SERIAL,
                                  virDomainSerialFromConsole(console->node));
            virDomainDevicesSort(def);
            pos = 0;
            serial = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_SERIAL, &pos);
            pos = 0;
            console = (virDomainDeviceDef *)virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_CONSOLE, &pos);
        }
        alias = virDomainConsoleAliasOf(serial->node);
        virXMLNodeFree(console->node);
        console->node = alias;
        return;
    }
    ctype = serial ? virDomainChrTargetType(serial->node) : NULL;
    if (serial && (!ctype || strcmp(ctype, "isa-serial") == 0 ||
                   strcmp(ctype, "spapr-vio-serial") == 0 ||
                   strcmp(ctype, "system-serial") == 0 || strcmp(ctype, "sclp-serial") == 0)) {
        /* the stub console goes first among the consoles */
        virDomainDeviceDef stub;

        virDomainDefAddDevice(def, VIR_DOMAIN_DEVICE_CONSOLE, virDomainConsoleAliasOf(serial->node));
        stub = def->devices[def->ndevices - 1];
        memmove(&def->devices[1], &def->devices[0],
                (def->ndevices - 1) * sizeof(virDomainDeviceDef));
        def->devices[0] = stub;
        virDomainDevicesSort(def);
    }
}

/* libvirt numbers consoles by their place, whatever port they name (the
 * first console of an HVM guest has its serial port's); a console without
 * a target type is a serial console.  libvirt numbers them before it puts
 * the console of an HVM guest's serial port first, and numbers them anew
 * when it reads its own output: numbering them after gives that second
 * result at once, so that a definition read back stays the same. */
static void
virDomainConsolePorts(virDomainDef *def, bool hvm)
{
    size_t pos = 0;
    const virDomainDeviceDef *dev;
    unsigned int n = 0;

    while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_CONSOLE, &pos))) {
        virXMLNode *target = virXMLNodeChild(dev->node, "target");
        g_autofree char *port = g_strdup_printf("%u", n++);

        bool alias;

        if (!target)
            target = virXMLNodeAppendNew(dev->node, "target");
        if (!virXMLNodeGetAttr(target, "type"))
            virXMLNodeSetAttr(target, "type", "serial");
        alias = hvm && n == 1 && strcmp(virXMLNodeGetAttr(target, "type"), "serial") == 0 &&
                virXMLNodeGetAttr(target, "port");
        if (!alias)
            virXMLNodeSetAttr(target, "port", port);
    }
}

void
virDomainChrPostParse(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        virDomainDeviceDef *dev = &def->devices[i];
        virXMLNode *backend;

        switch (dev->type) {
        case VIR_DOMAIN_DEVICE_SERIAL:
        case VIR_DOMAIN_DEVICE_PARALLEL:
        case VIR_DOMAIN_DEVICE_CONSOLE:
        case VIR_DOMAIN_DEVICE_CHANNEL:
        case VIR_DOMAIN_DEVICE_SMARTCARD:
        case VIR_DOMAIN_DEVICE_REDIRDEV:
            virDomainChrSourceDefaults(dev->node);
            break;
        case VIR_DOMAIN_DEVICE_RNG:
            if ((backend = virXMLNodeChild(dev->node, "backend")) &&
                g_strcmp0(virXMLNodeGetAttr(backend, "model"), "egd") == 0)
                virDomainChrSourceDefaults(backend);
            break;
        }
    }
    virDomainDevicesSort(def);
    virDomainChrAssignPorts(def, VIR_DOMAIN_DEVICE_SERIAL);
    virDomainChrAssignPorts(def, VIR_DOMAIN_DEVICE_PARALLEL);
    if (def->os.type == VIR_DOMAIN_OSTYPE_HVM)
        virDomainConsoleCompat(def);
    virDomainConsolePorts(def, def->os.type == VIR_DOMAIN_OSTYPE_HVM);
}
