/*
 * vserver_def.c: what makes a definition a VServer domain (the checks
 * after parsing), and what a domain needs to run: its init command, its
 * root directory and its addresses
 */
#include "internal.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include "vserver_abi.h"
#include "vserver_def.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

/* "domain 'web': <disk> is not supported: a context has no disks" */
#define vserverDefRefuse(def, what, ...) \
    vserverDefRefuseMsg(def, what, g_strdup_printf(__VA_ARGS__))

static int
vserverDefRefuseMsg(const virDomainDef *def, const char *what, char *why)
{
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, _("domain '%s': %s is not supported: %s"),
                   def->name, what, why);
    g_free(why);
    return -1;
}

static int
vserverDefCheckId(const virDomainDef *def)
{
    const char *why = NULL;

    if (def->fixedId == VS_XID_HOST)
        why = _("context 0 is the host itself");
    else if (def->fixedId == VS_XID_SPECTATOR)
        why = _("context 1 is the spectator context, which sees every other and runs nothing of its own");
    else if (def->fixedId > VS_XID_STATIC_MAX)
        why = _("contexts above 49151 are dynamic: the kernel hands them out");
    if (!why)
        return 0;
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                   _("domain '%s': context id %d cannot be a domain: %s (static ids are 2-49151)"),
                   def->name, def->fixedId, why);
    return -1;
}

/* ---- devices ------------------------------------------------------- */

static int
vserverDefParseIp(const virXMLNode *ip, vserverAddress *addr)
{
    const char *address = virXMLNodeGetAttr(ip, "address");
    const char *prefix = virXMLNodeGetAttr(ip, "prefix");
    const char *family = virXMLNodeGetAttr(ip, "family");
    unsigned int bits = 128;

    if (!address) {
        virXMLNodeReport(VIR_FROM_THIS, ip, "%s", _("missing attribute 'address'"));
        return -1;
    }
    if (prefix && virStrToUInt(prefix, &bits) < 0) {
        virXMLNodeReport(VIR_FROM_THIS, ip, _("prefix must be a number, not '%s'"), prefix);
        return -1;
    }
    if (!prefix)
        bits = strchr(address, ':') ? 128 : 32;
    if (vserverAddressParse(address, bits, addr) < 0) {
        g_autofree char *msg = g_strdup(virGetLastErrorMessage());

        virXMLNodeReport(VIR_FROM_THIS, ip, "%s", msg);
        return -1;
    }
    if (family && STRNEQ(family, addr->family == AF_INET ? "ipv4" : "ipv6")) {
        virXMLNodeReport(VIR_FROM_THIS, ip, _("'%s' is not an address of family '%s'"),
                         address, family);
        return -1;
    }
    return 0;
}

/* A rate of <bandwidth> (KB/s, as libvirt counts it) in kbit/s. */
static int
vserverDefRate(const virXMLNode *node, const char *attr, unsigned long long *kbps)
{
    const char *value = virXMLNodeGetAttr(node, attr);
    unsigned long long kBps;

    if (!value)
        return 0;
    if (virStrToULL(value, &kBps) < 0 || kBps > G_MAXUINT64 / 8) {
        virXMLNodeReport(VIR_FROM_THIS, node, _("%s must be a rate in KB/s, not '%s'"),
                         attr, value);
        return -1;
    }
    *kbps = kBps * 8;
    return 1;
}

static int
vserverDefParseDirection(const virXMLNode *dir, vserverDefNet *net, bool inbound)
{
    unsigned long long max = VSERVER_UNLIMITED;
    size_t i;
    int rc;

    for (i = 0; i < dir->nattrs; i++) {
        const char *name = dir->attrs[i].name;

        if (STRNEQ(name, "average") && !(inbound && STREQ(name, "floor"))) {
            virXMLNodeReport(VIR_FROM_THIS, dir,
                             _("'%s' is not supported: a VServer network device has a maximum (average) and a guaranteed bandwidth (inbound floor)"),
                             name);
            return -1;
        }
    }
    if ((rc = vserverDefRate(dir, "average", &max)) < 0 ||
        (inbound && vserverDefRate(dir, "floor", &net->minKbps) < 0))
        return -1;
    if (rc && net->maxKbps != VSERVER_UNLIMITED && net->maxKbps != max) {
        virXMLNodeReport(VIR_FROM_THIS, dir, "%s",
                         _("a VServer network device has one maximum for both directions: the averages must agree"));
        return -1;
    }
    if (rc)
        net->maxKbps = max;
    return 0;
}

static int
vserverDefParseBandwidth(const virXMLNode *bw, vserverDefNet *net)
{
    size_t i;

    net->hasBandwidth = true;
    for (i = 0; i < bw->nchildren; i++) {
        const virXMLNode *dir = bw->children[i];
        bool inbound = STREQ(dir->name, "inbound");

        if (!inbound && STRNEQ(dir->name, "outbound")) {
            virXMLNodeReport(VIR_FROM_THIS, dir, "%s", _("<bandwidth> holds <inbound> and <outbound>"));
            return -1;
        }
        if (vserverDefParseDirection(dir, net, inbound) < 0)
            return -1;
    }
    if (net->minKbps > net->maxKbps) {
        virXMLNodeReport(VIR_FROM_THIS, bw, "%s",
                         _("the guaranteed bandwidth (floor) is above the maximum (average)"));
        return -1;
    }
    return 0;
}

static int
vserverDefParseNet(const virXMLNode *node, vserverDefNet *net)
{
    size_t i;

    net->maxKbps = VSERVER_UNLIMITED;
    for (i = 0; i < node->nchildren; i++) {
        const virXMLNode *child = node->children[i];

        if (STREQ(child->name, "ip")) {
            net->addrs = g_renew(vserverAddress, net->addrs, net->naddrs + 1);
            if (vserverDefParseIp(child, &net->addrs[net->naddrs++]) < 0)
                return -1;
        } else if (STREQ(child->name, "bandwidth") && !net->hasBandwidth) {
            if (vserverDefParseBandwidth(child, net) < 0)
                return -1;
        } else {
            virXMLNodeReport(VIR_FROM_THIS, child, "%s",
                             _("not supported in a VServer interface: it has addresses (<ip>) and a bandwidth, no link of its own"));
            return -1;
        }
    }
    return 0;
}

/* The root directory of @node, a <filesystem> mounted on "/". */
static const char *
vserverDefParseFilesystem(const virDomainDef *def, const virXMLNode *node)
{
    const char *type = virXMLNodeGetAttr(node, "type");
    const virXMLNode *source = virXMLNodeChild(node, "source");
    const virXMLNode *target = virXMLNodeChild(node, "target");
    const char *dir = source ? virXMLNodeGetAttr(source, "dir") : NULL;
    const char *to = target ? virXMLNodeGetAttr(target, "dir") : NULL;

    if ((type && STRNEQ(type, "mount")) || !dir || !to || STRNEQ(to, "/") ||
        node->nchildren != 2 || !g_path_is_absolute(dir)) {
        vserverDefRefuse(def, "<filesystem>",
                         _("a context has one root directory: <filesystem type='mount'><source dir='/ABS/DIR'/><target dir='/'/></filesystem> (line %d)"),
                         node->line);
        return NULL;
    }
    return dir;
}

static int
vserverDefCheckDevices(const virDomainDef *def)
{
    size_t i, roots = 0;

    for (i = 0; i < def->ndevices; i++) {
        const virDomainDeviceDef *dev = &def->devices[i];
        g_autofree char *what = g_strdup_printf("<%s>", virDomainDeviceTypeToString(dev->type));
        vserverDefNet net = { 0 };
        int rc;

        if (dev->type == VIR_DOMAIN_DEVICE_FILESYSTEM) {
            if (!vserverDefParseFilesystem(def, dev->node))
                return -1;
            if (++roots > 1)
                return vserverDefRefuse(def, "a second <filesystem>", "%s",
                                        _("a context has one root directory"));
        } else if (dev->type == VIR_DOMAIN_DEVICE_INTERFACE &&
                   dev->data.net->type == VIR_DOMAIN_NET_TYPE_VSERVER) {
            rc = vserverDefParseNet(dev->node, &net);
            g_free(net.addrs);
            if (rc < 0)
                return -1;
        } else if (dev->type == VIR_DOMAIN_DEVICE_INTERFACE) {
            return vserverDefRefuse(def, what, "%s",
                                    _("a context's network is IP isolation: <interface type='vserver'><ip address='' prefix=''/></interface>"));
        } else {
            return vserverDefRefuse(def, what, "%s",
                                    _("a context has no devices: its files are a directory (<filesystem>), its network its addresses (<interface type='vserver'>)"));
        }
    }
    return 0;
}

/* ---- the rest of the definition ------------------------------------ */

static int
vserverDefCheckTuning(const virDomainDef *def)
{
    const char *kept = virDomainDefFirstKeptElement(def);
    g_autofree char *keptName = kept ? g_strdup_printf("<%s>", kept) : NULL;
    bool pinned = def->cpumask != NULL;
    unsigned int v;

    for (v = 0; def->cputune.vcpupin && v < def->maxvcpus; v++)
        pinned |= def->cputune.vcpupin[v] != NULL;
    if (keptName)
        return vserverDefRefuse(def, keptName, "%s", _("the VServer driver has no use for it"));
    if (pinned || def->placement == VIR_DOMAIN_CPU_PLACEMENT_AUTO)
        return vserverDefRefuse(def, "<vcpu cpuset> or <vcpupin>", "%s",
                                _("the VServer kernel's scheduler has no CPU mask for a context (set_sched has per-CPU token buckets: <vserver:cpu>)"));
    if (def->cputune.shares || def->cputune.period || def->cputune.quota || def->cputune.rest)
        return vserverDefRefuse(def, "<cputune>", "%s", _("use <vserver:sched>"));
    if (def->memtune.hard_limit || def->memtune.soft_limit || def->memtune.swap_hard_limit ||
        def->memtune.min_guarantee)
        return vserverDefRefuse(def, "<memtune>", "%s", _("use <vserver:rlimit name='rss'> and name='as'"));
    if (def->blkiotune.weight || def->blkiotune.ndevices)
        return vserverDefRefuse(def, "<blkiotune>", "%s",
                                _("VServer contexts have disk limits (<vserver:disklimit>), no I/O throttling"));
    if (def->featuresNode || def->memoryBackingRest || def->clockRest ||
        def->clockOffset != VIR_DOMAIN_CLOCK_OFFSET_UTC)
        return vserverDefRefuse(def, "<features>, <memoryBacking> or <clock>", "%s",
                                _("a context shares the host's kernel, memory and clock"));
    return 0;
}

static int
vserverDefCheckOS(const virDomainDef *def)
{
    size_t i;

    if (def->os.kernel || def->os.initrd || def->os.cmdline)
        return vserverDefRefuse(def, "<os> kernel, initrd or cmdline", "%s",
                                _("a context shares the host's kernel: it runs an <init> command"));
    if (!def->os.init) {
        virReportError(VIR_ERR_XML_ERROR,
                       _("domain '%s': a VServer context needs the command it runs: <os><init>/ABS/PATH</init></os>"),
                       def->name);
        return -1;
    }
    for (i = 0; def->os.rest && i < def->os.rest->nchildren; i++) {
        const virXMLNode *child = def->os.rest->children[i];
        g_autofree char *what = g_strdup_printf("<os><%s>", child->name);

        if (STREQ(child->name, "initenv") && !virXMLNodeGetAttr(child, "name"))
            return vserverDefRefuse(def, "<initenv> without name=''", "%s",
                                    _("an environment variable has a name"));
        if (STREQ(child->name, "initdir") && (!child->text || !g_path_is_absolute(child->text)))
            return vserverDefRefuse(def, "<initdir>", "%s", _("it must be an absolute path"));
        if (STRNEQ(child->name, "initarg") && STRNEQ(child->name, "initenv") &&
            STRNEQ(child->name, "initdir"))
            return vserverDefRefuse(def, what, "%s",
                                    _("a context's init takes <initarg>, <initenv> and <initdir>"));
    }
    if (def->os.rest && def->os.rest->nattrs)
        return vserverDefRefuse(def, "<os> firmware", "%s", _("a context boots nothing"));
    return 0;
}

/* The RSS hard limit is the current memory: given as one, it gives the
 * other, and both must agree. */
static int
vserverDefReconcileMemory(virDomainDef *def, long pageSize)
{
    vserverDomainNs *ns = vserverDefNs(def);
    vserverDefRlimit *rss = &ns->rlimits[VSERVER_LIMIT_RSS];
    unsigned long long kib;

    if (ns->hasRssHard) {
        if (rss->hard == VSERVER_UNLIMITED)
            return vserverDefRefuse(def, "an unlimited RSS", "%s",
                                    _("its RSS hard limit is the domain's current memory"));
        kib = vserverPagesToKiB(rss->hard, pageSize);
        if (ns->hasCurMemory && vserverKiBToPages(def->curMemory, pageSize) != rss->hard) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("domain '%s': the RSS hard limit (%llu pages) disagrees with <currentMemory> (%llu KiB)"),
                           def->name, rss->hard, def->curMemory);
            return -1;
        }
        if (kib > def->maxMemory) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("domain '%s': the RSS hard limit (%llu pages, %llu KiB) is more than <memory> (%llu KiB)"),
                           def->name, rss->hard, kib, def->maxMemory);
            return -1;
        }
        if (!ns->hasCurMemory)
            def->curMemory = kib;
    }
    vserverDefSyncMemory(def, pageSize);
    /* from now on both are explicit */
    ns->hasRssHard = ns->hasCurMemory = true;
    return 0;
}

int
vserverDefPostParse(virDomainDef *def, void *opaque)
{
    const long *pageSize = opaque;

    if (vserverDefCheckId(def) < 0 ||
        vserverDefCheckOS(def) < 0 ||
        vserverDefCheckTuning(def) < 0 ||
        vserverDefCheckDevices(def) < 0)
        return -1;
    return vserverDefReconcileMemory(def, *pageSize);
}

/* ---- what running takes -------------------------------------------- */

static char **
vserverDefEnv(const virDomainDef *def)
{
    g_autoptr(GPtrArray) env = g_ptr_array_new();
    size_t i;

    g_ptr_array_add(env, g_strdup("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    g_ptr_array_add(env, g_strdup("container=vserver"));
    for (i = 0; def->os.rest && i < def->os.rest->nchildren; i++) {
        const virXMLNode *child = def->os.rest->children[i];

        if (STREQ(child->name, "initenv"))
            g_ptr_array_add(env, g_strdup_printf("%s=%s", virXMLNodeGetAttr(child, "name"),
                                                 child->text ? child->text : ""));
    }
    g_ptr_array_add(env, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&env), FALSE);
}

static char **
vserverDefArgv(const virDomainDef *def, char **initdir)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    size_t i;

    g_ptr_array_add(argv, g_strdup(def->os.init));
    for (i = 0; def->os.rest && i < def->os.rest->nchildren; i++) {
        const virXMLNode *child = def->os.rest->children[i];

        if (STREQ(child->name, "initarg"))
            g_ptr_array_add(argv, g_strdup(child->text ? child->text : ""));
        else if (STREQ(child->name, "initdir"))
            *initdir = g_strdup(child->text);
    }
    g_ptr_array_add(argv, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&argv), FALSE);
}

vserverDefRun *
vserverDefRunNew(const virDomainDef *def)
{
    vserverDefRun *run = g_new0(vserverDefRun, 1);
    const virDomainDeviceDef *dev;
    size_t pos = 0;

    run->argv = vserverDefArgv(def, &run->initdir);
    run->envp = vserverDefEnv(def);
    if ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_FILESYSTEM, &pos)))
        run->root = g_strdup(vserverDefParseFilesystem(def, dev->node));
    pos = 0;
    while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_INTERFACE, &pos))) {
        vserverDefNet *net;

        run->nets = g_renew(vserverDefNet, run->nets, run->nnets + 1);
        net = memset(&run->nets[run->nnets++], 0, sizeof(*net));
        /* checked when the definition was parsed */
        ignore_value(vserverDefParseNet(dev->node, net));
        run->naddrs += net->naddrs;
    }
    return run;
}

void
vserverDefRunFree(vserverDefRun *run)
{
    size_t i;

    if (!run)
        return;
    for (i = 0; i < run->nnets; i++)
        g_free(run->nets[i].addrs);
    g_free(run->nets);
    g_free(run->root);
    g_free(run->initdir);
    g_strfreev(run->argv);
    g_strfreev(run->envp);
    g_free(run);
}
