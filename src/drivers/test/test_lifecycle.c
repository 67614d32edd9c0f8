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

static int
testDomainWriteSave(virDomainObj *obj, const virDomainDef *def, const char *path, bool paused)
{
    g_autofree char *xml = virDomainDefFormat(def, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    g_autofree char *data = g_strdup_printf(TEST_SAVE_MAGIC "state %s\ncputime %" G_GUINT64_FORMAT "\n%s",
                                            paused ? "paused" : "running",
                                            testDomainCpuTimeNs(obj), xml);

    return virFileWriteAtomic(path, data, strlen(data), 0600);
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

/* ---- the shared save and restore's hooks --------------------------- */

int
testDomainHookSave(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj,
                   const virDomainDef *def, const char *path, bool paused)
{
    return testDomainWriteSave(obj, def, path, paused);
}

int
testDomainHookReadSave(virDomainDriverBase *base G_GNUC_UNUSED, const char *path, char **xml,
                       bool *paused)
{
    guint64 cputime;

    return testDomainReadSave(path, paused, &cputime, xml);
}

int
testDomainSaveCpuTime(const char *path, guint64 *cputime)
{
    g_autofree char *xml = NULL;
    bool paused;

    return testDomainReadSave(path, &paused, cputime, &xml);
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
