/*
 * test_node.c: the test driver's host, and the state it starts with
 *
 * test:///default starts with the same host and domain as libvirt's test
 * driver.  test:///ABS/PATH/node.xml reads a node file in libvirt's format:
 *
 *   <node>
 *     <cpu><mhz/><model/><active/><nodes/><sockets/><cores/><threads/></cpu>
 *     <memory>KiB</memory>
 *     <domain file='relative/or/absolute.xml'/>      or an inline <domain>
 *   </node>
 *
 * Domains of a node file start running, unless they carry libvirt's test
 * namespace (http://libvirt.org/schemas/domain/test/1.0) elements
 * <test:runstate>5</test:runstate>, <test:transient/> or
 * <test:hasmanagedsave/>.
 */
#include "internal.h"

#include "virthread.h"

#include "test_domain.h"
#include "test_node.h"
#include "test_taint.h"
#include "virerror.h"
#include "virfile.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_NAMESPACE_URI "http://libvirt.org/schemas/domain/test/1.0"

/* libvirt's test driver takes a domain of any type libvirt knows but
 * 'ch', and of any OS type: it runs nothing */
static const int testVirtTypes[] = {
    VIR_DOMAIN_VIRT_NONE, VIR_DOMAIN_VIRT_QEMU, VIR_DOMAIN_VIRT_KQEMU, VIR_DOMAIN_VIRT_KVM,
    VIR_DOMAIN_VIRT_XEN, VIR_DOMAIN_VIRT_LXC, VIR_DOMAIN_VIRT_UML, VIR_DOMAIN_VIRT_OPENVZ,
    VIR_DOMAIN_VIRT_TEST, VIR_DOMAIN_VIRT_VMWARE, VIR_DOMAIN_VIRT_HYPERV, VIR_DOMAIN_VIRT_VBOX,
    VIR_DOMAIN_VIRT_PHYP, VIR_DOMAIN_VIRT_PARALLELS, VIR_DOMAIN_VIRT_BHYVE, VIR_DOMAIN_VIRT_VZ,
    -1,
};
static const int testOSTypes[] = {
    VIR_DOMAIN_OSTYPE_HVM, VIR_DOMAIN_OSTYPE_XEN, VIR_DOMAIN_OSTYPE_LINUX,
    VIR_DOMAIN_OSTYPE_EXE, VIR_DOMAIN_OSTYPE_UML, VIR_DOMAIN_OSTYPE_XENPVH, -1,
};

/* The domain libvirt's test:///default starts with. */
static const char testDefaultDomainXML[] =
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory>8388608</memory>"
    "  <currentMemory>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os><type>hvm</type></os>"
    "  <devices>"
    "    <disk type='file' device='disk'>"
    "      <source file='/guest/diskimage1'/>"
    "      <target dev='vda' bus='virtio'/>"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "    </disk>"
    "    <interface type='network'>"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>"
    "      <source network='default'/>"
    "      <target dev='testnet0'/>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>"
    "    </interface>"
    "    <memballoon model='virtio'>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>"
    "    </memballoon>"
    "  </devices>"
    "</domain>";

static int
testDomainPostParse(virDomainDef *def, void *opaque)
{
    testDriver *driver = opaque;

    if (def->os.type == VIR_DOMAIN_OSTYPE_EXE && !def->os.init) {
        virReportError(VIR_ERR_XML_ERROR, "%s", _("init binary must be specified"));
        return -1;
    }
    /* as libvirt's test driver names interfaces on define */
    virDomainDefGenerateIfnames(def, "testnet");
    return virDomainDefCheckHostCpus(def, driver->base.hostcpus);
}

static void
testDriverSetNode(testDriver *driver, const virNodeInfo *info)
{
    driver->nodeInfo = *info;
    driver->base.hostcpus = VIR_NODEINFO_MAXCPUS(driver->nodeInfo);
}

VIR_DOMAIN_DRIVER_BASE_FIRST(testDriver);

testDriver *
testDriverNew(void)
{
    testDriver *driver = g_new0(testDriver, 1);
    virNodeInfo node = {
        .model = "i686", .memory = 3145728, .cpus = 16, .mhz = 1400,
        .nodes = 2, .sockets = 2, .cores = 2, .threads = 2,
    };

    virMutexInit(&driver->lock);
    virDomainDriverBaseInit(&driver->base, VIR_FROM_TEST, &testDomainHooks);
    driver->base.typeName = "TEST";
    driver->base.hvVersion = 2;     /* libvirt's test driver says 0.0.2 */
    driver->base.maxVcpus = TEST_MAX_VCPUS;
    /* the modelled guest honours every way of asking */
    driver->base.shutdownFlags = TEST_POWER_FLAGS;
    driver->base.rebootFlags = TEST_POWER_FLAGS;
    /* and takes any device while it runs (libvirt's test driver has no
     * device calls at all) */
    driver->base.hotplugDevices = G_MAXUINT64;
    driver->base.xmlopt = (virDomainXMLOption) {
        .driverName = "test",
        .virtTypes = testVirtTypes,
        .osTypes = testOSTypes,
        .defaultOSType = -1,
        .defaultArch = "i686",
        .maxVcpus = TEST_MAX_VCPUS,
        .readElsewhere = TEST_NAMESPACE_URI,
        .postParse = testDomainPostParse,
        .opaque = driver,
    };
    driver->shm.pagesToScan = 100;
    driver->shm.sleepMillisecs = 20;
    driver->shm.mergeAcrossNodes = 1;
    testDriverSetNode(driver, &node);
    return driver;
}

void
testDriverFree(testDriver *driver)
{
    if (!driver)
        return;
    virDomainDriverBaseClear(&driver->base);
    virMutexDestroy(&driver->lock);
    g_free(driver);
}

/* What the test namespace says about a domain of a node file. */
typedef struct {
    int runstate;
    bool transient;
    bool hasManagedSave;
} testNodeDomainState;

static int
testNodeReadNamespace(xmlNodePtr domnode, testNodeDomainState *st)
{
    xmlNodePtr cur;

    st->runstate = VIR_DOMAIN_RUNNING;
    for (cur = domnode->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE || !cur->ns ||
            !xmlStrEqual(cur->ns->href, (const xmlChar *)TEST_NAMESPACE_URI))
            continue;
        if (xmlStrEqual(cur->name, (const xmlChar *)"transient")) {
            st->transient = true;
        } else if (xmlStrEqual(cur->name, (const xmlChar *)"hasmanagedsave")) {
            st->hasManagedSave = true;
        } else if (xmlStrEqual(cur->name, (const xmlChar *)"runstate")) {
            if (virXMLContentUInt(VIR_FROM_THIS, cur, (unsigned int *)&st->runstate) < 0)
                return -1;
            if (st->runstate < VIR_DOMAIN_NOSTATE || st->runstate >= VIR_DOMAIN_LAST) {
                virXMLReportNode(VIR_FROM_THIS, cur, _("run state %d is not a virDomainState"),
                                 st->runstate);
                return -1;
            }
        }
    }
    if (st->transient && st->runstate == VIR_DOMAIN_SHUTOFF) {
        virXMLReportNode(VIR_FROM_THIS, domnode, "%s",
                         _("a transient domain cannot be shut off"));
        return -1;
    }
    return 0;
}

/* Adds one domain in the state the node file gives it. */
static int
testNodeAddDomain(testDriver *driver, xmlNodePtr domnode)
{
    testNodeDomainState st = { 0 };
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;
    int ret = 0;

    if (testNodeReadNamespace(domnode, &st) < 0 ||
        !(def = virDomainDefParseNode(domnode, &driver->base.xmlopt)))
        return -1;
    if (!(obj = virDomainDriverObjAdd(&driver->base, def, &existing))) {
        virDomainDefFree(def);
        return -1;
    }
    if (existing) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("domain '%s' appears twice in the node file"),
                       def->name);
        virDomainDefFree(def);
        virDomainObjEndAPI(&obj);
        return -1;
    }
    obj->persistent = !st.transient;
    obj->hasManagedSave = st.hasManagedSave;
    testDomainTaintFromXML(testDomainPrivateOf(obj), domnode);
    /* like libvirt's test driver: found running, for reasons unknown */
    if (st.runstate != VIR_DOMAIN_SHUTOFF) {
        ret = virDomainDriverStartObj(&driver->base, obj, VIR_DOMAIN_RUNNING_UNKNOWN,
                                      st.runstate == VIR_DOMAIN_PAUSED);
        if (ret == 0 && st.runstate != VIR_DOMAIN_RUNNING)
            virDomainObjSetState(obj, st.runstate, 0);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

int
testDriverLoadDefault(testDriver *driver)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;

    if (!(doc = virXMLParse(testDefaultDomainXML, "domain", "domain", &root)))
        return -1;
    return testNodeAddDomain(driver, root);
}

static int
testNodeParseCpu(testDriver *driver, xmlNodePtr cpu)
{
    struct { const char *name; unsigned int *value; unsigned int min, max; } fields[] = {
        { "mhz", &driver->nodeInfo.mhz, 0, 1000000 },
        { "active", &driver->nodeInfo.cpus, 1, 16384 },
        { "nodes", &driver->nodeInfo.nodes, 1, 1024 },
        { "sockets", &driver->nodeInfo.sockets, 1, 1024 },
        { "cores", &driver->nodeInfo.cores, 1, 1024 },
        { "threads", &driver->nodeInfo.threads, 1, 64 },
    };
    g_autofree char *model = virXMLChildContent(cpu, "model");
    xmlNodePtr cur;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        if (!(cur = virXMLChild(cpu, fields[i].name)))
            continue;
        if (virXMLContentUInt(VIR_FROM_THIS, cur, fields[i].value) < 0)
            return -1;
        if (*fields[i].value < fields[i].min || *fields[i].value > fields[i].max) {
            virXMLReportNode(VIR_FROM_THIS, cur, _("must be %u to %u"),
                             fields[i].min, fields[i].max);
            return -1;
        }
    }
    if (model)
        g_strlcpy(driver->nodeInfo.model, model, sizeof(driver->nodeInfo.model));
    testDriverSetNode(driver, &driver->nodeInfo);
    if (driver->base.hostcpus > 16384) {
        virXMLReportNode(VIR_FROM_THIS, cpu, _("%zu CPUs is more than 16384"), driver->base.hostcpus);
        return -1;
    }
    /* libvirt's node files may claim more active CPUs than exist */
    if (driver->nodeInfo.cpus > driver->base.hostcpus)
        driver->nodeInfo.cpus = driver->base.hostcpus;
    return 0;
}

/* Reads <domain file='...'/> relative to the node file's directory. */
static int
testNodeAddDomainFile(testDriver *driver, xmlNodePtr ref, const char *basedir)
{
    g_autofree char *file = virXMLProp(ref, "file");
    g_autofree char *path = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;

    path = g_path_is_absolute(file) ? g_strdup(file) : g_build_filename(basedir, file, NULL);
    if (virFileReadLimited(path, VIR_XML_MAX_SIZE, &xml, NULL) < 0 ||
        !(doc = virXMLParse(xml, "domain", "domain", &root)))
        return -1;
    return testNodeAddDomain(driver, root);
}

static int
testNodeParse(testDriver *driver, xmlNodePtr node, const char *basedir)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, "cpu")) {
            if (testNodeParseCpu(driver, cur) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "memory")) {
            unsigned long long mem;

            if (virXMLContentULL(VIR_FROM_THIS, cur, &mem) < 0)
                return -1;
            driver->nodeInfo.memory = mem;
        }
    }
    /* domains after the host: their cpusets are checked against it */
    for (cur = node->children; cur; cur = cur->next) {
        int rc = 0;

        if (!virXMLIsElement(cur, "domain"))
            continue;
        if (xmlHasProp(cur, (const xmlChar *)"file"))
            rc = testNodeAddDomainFile(driver, cur, basedir);
        else
            rc = testNodeAddDomain(driver, cur);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int
testDriverLoadNodeFile(testDriver *driver, const char *path)
{
    g_autofree char *xml = NULL;
    g_autofree char *basedir = g_path_get_dirname(path);
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;

    if (virFileReadLimited(path, VIR_XML_MAX_SIZE, &xml, NULL) < 0)
        return -1;
    if (!(doc = virXMLParse(xml, "node", "node", &root)))
        return -1;
    if (testNodeParse(driver, root, basedir) < 0) {
        virErrorPtr err = virGetLastError();

        /* say which file: the parse error only knows a line */
        virReportError(err ? err->code : VIR_ERR_XML_ERROR, _("node file '%s': %s"), path,
                       virErrorDetail());
        return -1;
    }
    return 0;
}
