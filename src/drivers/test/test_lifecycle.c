/*
 * test_lifecycle.c: saving and restoring test domains, and what they
 * report about themselves
 *
 * A save file holds the domain's state, its CPU time and its definition;
 * libvirt's test driver keeps the same three.
 */
#include "internal.h"

#include "domain_lifecycle.h"
#include "test_domain.h"
#include "test_lifecycle.h"
#include "test_taint.h"
#include "virerror.h"
#include "virfile.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_SAVE_MAGIC "virtkit-test-save 1\n"

/* ---- save and restore ---------------------------------------------- */

/* A replacement definition given with save or restore must describe the
 * same domain. */
static virDomainDef *
testDomainParseReplacement(testDriver *driver, const char *dxml, const virDomainDef *orig)
{
    virDomainDef *def = virDomainDefParseString(dxml, &driver->base.xmlopt, 0);

    if (def && (STRNEQ(def->name, orig->name) ||
                memcmp(def->uuid, orig->uuid, VIR_UUID_BUFLEN) != 0)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("the replacement XML must describe domain '%s' with the same UUID"),
                       orig->name);
        virDomainDefFree(def);
        return NULL;
    }
    return def;
}

static int
testDomainWriteSave(virDomainObj *obj, const virDomainDef *def, const char *path, bool paused)
{
    g_autofree char *xml = virDomainDefFormat(def, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    g_autofree char *data = g_strdup_printf(TEST_SAVE_MAGIC "state %s\ncputime %" G_GUINT64_FORMAT "\n%s",
                                            paused ? "paused" : "running",
                                            testDomainCpuTimeNs(obj), xml);

    return virFileWriteAtomic(path, data, strlen(data), 0600);
}

int
testDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    g_autoptr(virDomainDef) replacement = NULL;
    virDomainObj *obj;
    bool paused;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    if (dxml && !(replacement = testDomainParseReplacement(driver, dxml, obj->def)))
        goto cleanup;
    paused = (flags & VIR_DOMAIN_SAVE_PAUSED) ||
             (obj->state == VIR_DOMAIN_PAUSED && !(flags & VIR_DOMAIN_SAVE_RUNNING));
    if (testDomainWriteSave(obj, replacement ? replacement : obj->def, to, paused) < 0)
        goto cleanup;
    virDomainDriverObjStopped(&driver->base, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    virDomainHandleSetID(dom, -1);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* Splits a save file into its state and definition. */
static int
testDomainReadSave(const char *path, bool *paused, guint64 *cputime, char **xml)
{
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;
    unsigned long long ns;

    if (virFileReadLimited(path, VIR_XML_MAX_SIZE + 4096, &data, NULL) < 0)
        return -1;
    if (!g_str_has_prefix(data, TEST_SAVE_MAGIC) ||
        !(lines = g_strsplit(data + strlen(TEST_SAVE_MAGIC), "\n", 3)) ||
        g_strv_length(lines) < 3 ||
        !g_str_has_prefix(lines[0], "state ") ||
        !g_str_has_prefix(lines[1], "cputime ") ||
        virStrToULL(lines[1] + 8, &ns) < 0) {
        virReportError(VIR_ERR_OPERATION_FAILED, _("'%s' is not a save file of the test driver"),
                       path);
        return -1;
    }
    *paused = STREQ(lines[0] + 6, "paused");
    *cputime = ns;
    *xml = g_strdup(lines[2]);
    return 0;
}

int
testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                       unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    g_autofree char *xml = NULL;
    virDomainDef *def;
    virDomainObj *obj;
    guint64 cputime;
    bool paused;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (testDomainReadSave(from, &paused, &cputime, &xml) < 0 ||
        !(def = virDomainDefParseString(xml, &driver->base.xmlopt, 0)))
        return -1;
    if (dxml) {
        virDomainDef *replacement = testDomainParseReplacement(driver, dxml, def);

        virDomainDefFree(def);
        if (!(def = replacement))
            return -1;
    }
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        paused = false;
    if (flags & VIR_DOMAIN_SAVE_PAUSED)
        paused = true;
    if (!(obj = virDomainDriverCreateDef(&driver->base, def, VIR_DOMAIN_RUNNING_RESTORED, paused)))
        return -1;
    ((testDomainPrivate *)obj->privateData)->cpuTimeNs = cputime;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainManagedSave(virDomainPtr dom, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is transient: a managed save needs a persistent domain"),
                       obj->def->name);
        goto cleanup;
    }
    virDomainDriverObjStopped(&driver->base, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    obj->hasManagedSave = true;
    virDomainHandleSetID(dom, -1);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(0, -1);
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    obj->hasManagedSave = false;
    virDomainObjEndAPI(&obj);
    return 0;
}

/* ---- what a domain reports ----------------------------------------- */

int
testDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    virDomainObj *obj;

    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    info->state = obj->state;
    info->maxMem = obj->def->maxMemory;
    info->memory = obj->def->curMemory;
    info->nrVirtCpu = obj->def->vcpus;
    info->cpuTime = testDomainCpuTimeNs(obj) * obj->def->vcpus;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel)
{
    virDomainObj *obj;

    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    /* like libvirt's test driver: running domains carry a label */
    if (virDomainObjIsActive(obj)) {
        g_strlcpy(seclabel->label, "libvirt-test", sizeof(seclabel->label));
        seclabel->enforcing = 1;
    }
    virDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags)
{
    virDomainObj *obj;
    int n;

    virCheckFlags(VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1);
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    n = testDomainTaintMessages(obj->privateData, flags, msgs);
    virDomainObjEndAPI(&obj);
    return n;
}
