/*
 * lifecycletest.c: defining, starting, stopping and saving domains: every
 * transition of the state machine, with its state reason, and every refusal
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "testutils.h"

#define DOM_XML(name) \
    "<domain type='test'><name>" name "</name><memory unit='MiB'>64</memory>" \
    "<vcpu>2</vcpu><os><type>hvm</type></os></domain>"

static void
assertState(virDomainPtr dom, int state, int reason)
{
    int s = -1, r = -1;

    ck_assert_int_eq(virDomainGetState(dom, &s, &r, 0), 0);
    ck_assert_msg(s == state && r == reason, "%s: state %d reason %d, expected %d %d",
                  virDomainGetName(dom), s, r, state, reason);
    ck_assert_int_eq(virDomainIsActive(dom), state != VIR_DOMAIN_SHUTOFF);
}

START_TEST(test_define_start_stop)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("web1"));
    virDomainInfo info;

    ck_assert_ptr_nonnull(dom);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    ck_assert_uint_eq(virDomainGetID(dom), (unsigned int)-1);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_uint_eq(info.maxMem, 65536);
    ck_assert_uint_eq(info.memory, 65536);
    ck_assert_uint_eq(info.nrVirtCpu, 2);
    ck_assert_uint_eq(info.cpuTime, 0);

    ck_assert_int_eq(virDomainCreate(dom), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_uint_eq(virDomainGetID(dom), 1);   /* the handle learns its id */
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'web1' is already running");

    ck_assert_int_eq(virDomainSuspend(dom), 0);
    assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    ck_assert_int_eq(virDomainSuspend(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'web1' is already paused");
    ck_assert_int_eq(virDomainResume(dom), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    ck_assert_int_eq(virDomainResume(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'web1' is not paused");

    ck_assert_int_eq(virDomainShutdown(dom), 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert_uint_eq(virDomainGetID(dom), (unsigned int)-1);
    ck_assert_int_eq(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), 0);
    assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    ck_assert_uint_eq(virDomainGetID(dom), 2);   /* ids are not reused at once */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);

    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(virDomainIsActive(dom), -1);
    ck_assert_error(VIR_ERR_NO_DOMAIN, "(web1)");
    ck_assert_ptr_null(virDomainLookupByName(conn, "web1"));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_not_running_refusals)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("idle"));
    int (*calls[])(virDomainPtr) = { virDomainSuspend, virDomainResume, virDomainShutdown,
                                     virDomainDestroy };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(calls); i++) {
        ck_assert_int_eq(calls[i](dom), -1);
        ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'idle' is not running");
    }
    ck_assert_int_eq(virDomainReboot(dom, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'idle' is not running");
    ck_assert_int_eq(virDomainReset(dom, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virDomainSave(dom, "/nonexistent/x"), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virDomainManagedSave(dom, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_unknown_flags)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    const unsigned int bad = 1U << 30;

    ck_assert_int_eq(virDomainShutdownFlags(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x40000000)");
    ck_assert_int_eq(virDomainReboot(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainReset(dom, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainDestroyFlags(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainCreateWithFlags(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainUndefineFlags(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_ptr_null(virDomainDefineXMLFlags(conn, DOM_XML("x"), bad));
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_ptr_null(virDomainCreateXML(conn, DOM_XML("x"), bad));
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_ptr_null(virDomainGetXMLDesc(dom, bad));
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainGetState(dom, &(int){0}, NULL, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainSaveFlags(dom, "/tmp/x", NULL, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainManagedSave(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainHasManagedSaveImage(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainManagedSaveRemove(dom, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainRestoreFlags(conn, "/tmp/x", NULL, bad), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_transient)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainCreateXML(conn, DOM_XML("tmp"), 0);
    virDomainPtr paused;

    ck_assert_ptr_nonnull(dom);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'tmp' is transient");
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "transient");
    ck_assert_int_eq(virDomainManagedSave(dom, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "transient");
    /* the same name with another (generated) UUID is another domain */
    ck_assert_ptr_null(virDomainCreateXML(conn, DOM_XML("tmp"), 0));
    ck_assert_error(VIR_ERR_OPERATION_FAILED, "domain 'tmp' already exists with uuid");
    /* a transient domain is gone once it stops */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "tmp"));
    ck_assert_int_eq(virDomainGetInfo(dom, &(virDomainInfo){0}), -1);
    ck_assert_error(VIR_ERR_NO_DOMAIN, "(tmp)");
    virDomainFree(dom);

    ck_assert_ptr_nonnull((paused = virDomainCreateXML(conn, DOM_XML("p"), VIR_DOMAIN_START_PAUSED)));
    assertState(paused, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    ck_assert_int_eq(virDomainShutdown(paused), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "p"));
    virDomainFree(paused);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_persistent_becomes_transient)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("pers"));

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    /* it keeps running, now transient */
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "pers"));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_create_xml_over_defined)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("both"));
    virDomainPtr live;
    g_autofree char *xml = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *desc;

    /* starting a new definition of a defined domain: the configuration waits */
    virDomainGetUUIDString(dom, uuid);
    xml = g_strdup_printf("<domain type='test'><name>both</name><uuid>%s</uuid>"
                          "<memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>",
                          uuid);
    ck_assert_ptr_nonnull((live = virDomainCreateXML(conn, xml, 0)));
    ck_assert_int_eq(virDomainIsPersistent(live), 1);
    ck_assert_uint_eq(virDomainGetMaxMemory(live), 131072);
    ck_assert_ptr_nonnull((desc = virDomainGetXMLDesc(live, VIR_DOMAIN_XML_INACTIVE)));
    ck_assert_ptr_nonnull(strstr(desc, "<memory unit='KiB'>65536</memory>"));
    free(desc);
    ck_assert_int_eq(virDomainDestroy(live), 0);
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 65536);
    virDomainFree(live);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_redefine)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("re"));
    char uuid[VIR_UUID_STRING_BUFLEN];
    g_autofree char *bigger = NULL;
    virDomainPtr again;

    virDomainGetUUIDString(dom, uuid);
    bigger = g_strdup_printf("<domain type='test'><name>re</name><uuid>%s</uuid>"
                             "<memory unit='MiB'>256</memory><os><type>hvm</type></os></domain>",
                             uuid);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_ptr_nonnull((again = virDomainDefineXML(conn, bigger)));
    /* running: the new configuration is for the next start */
    ck_assert_int_eq(virDomainIsUpdated(dom), 1);
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 65536);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 262144);
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    /* the same name with another UUID, or the same UUID with another name */
    ck_assert_ptr_null(virDomainDefineXML(conn, DOM_XML("re")));
    ck_assert_error(VIR_ERR_OPERATION_FAILED, "domain 're' already exists with uuid");
    g_free(bigger);
    bigger = g_strdup_printf("<domain type='test'><name>other</name><uuid>%s</uuid>"
                             "<memory>1024</memory><os><type>hvm</type></os></domain>", uuid);
    ck_assert_ptr_null(virDomainDefineXML(conn, bigger));
    ck_assert_error(VIR_ERR_OPERATION_FAILED, "domain 're' already exists with uuid");
    virDomainFree(again);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_reboot_reset_actions)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn,
        "<domain type='test'><name>life</name><memory>1024</memory>"
        "<os><type>hvm</type></os><on_poweroff>restart</on_poweroff>"
        "<on_reboot>destroy</on_reboot></domain>");

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainReset(dom, 0), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    /* on_poweroff restart: shutting down starts it again */
    ck_assert_int_eq(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    /* on_reboot destroy: a reboot stops it */
    ck_assert_int_eq(virDomainReboot(dom, 0), 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    virDomainFree(dom);

    dom = virDomainLookupByName(conn, "life");
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    dom = virDomainCreateXML(conn, DOM_XML("boot"), 0);
    ck_assert_int_eq(virDomainReboot(dom, VIR_DOMAIN_REBOOT_GUEST_AGENT), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_cpu_time_accrues)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainCreateXML(conn, DOM_XML("busy"), 0);
    virDomainInfo a, b, c;

    ck_assert_int_eq(virDomainGetInfo(dom, &a), 0);
    g_usleep(2000);
    ck_assert_int_eq(virDomainGetInfo(dom, &b), 0);
    ck_assert_uint_gt(b.cpuTime, a.cpuTime);
    /* paused: no CPU time */
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &b), 0);
    g_usleep(2000);
    ck_assert_int_eq(virDomainGetInfo(dom, &c), 0);
    ck_assert_uint_eq(b.cpuTime, c.cpuTime);
    ck_assert_int_eq(c.state, VIR_DOMAIN_PAUSED);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_save_restore)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    g_autofree char *dir = testMakeTempDir("save");
    g_autofree char *file = g_build_filename(dir, "web.save", NULL);
    g_autofree char *junk = g_build_filename(dir, "junk", NULL);
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("web"));
    virDomainInfo before, after;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &before), 0);
    ck_assert_int_eq(virDomainSave(dom, file), 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    ck_assert_int_eq(access(file, R_OK), 0);

    /* restored paused, as it was saved, with its CPU time */
    ck_assert_int_eq(virDomainRestore(conn, file), 0);
    assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    ck_assert_int_eq(virDomainGetInfo(dom, &after), 0);
    ck_assert_uint_eq(after.cpuTime, before.cpuTime);
    ck_assert_int_eq(virDomainRestore(conn, file), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'web' is already running");

    ck_assert_int_eq(virDomainSaveFlags(dom, file, NULL, VIR_DOMAIN_SAVE_RUNNING), 0);
    ck_assert_int_eq(virDomainRestoreFlags(conn, file, NULL, 0), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
    ck_assert_int_eq(virDomainSaveFlags(dom, file, NULL,
                                        VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "must not hold both");
    ck_assert_int_eq(virDomainSaveFlags(dom, file, DOM_XML("other"), 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "the replacement XML must describe domain 'web'");
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);

    ck_assert(g_file_set_contents(junk, "not a save file", -1, NULL));
    ck_assert_int_eq(virDomainRestore(conn, junk), -1);
    ck_assert_error(VIR_ERR_OPERATION_FAILED, "is not a save file of the test driver");
    ck_assert_int_eq(virDomainRestore(conn, "/nonexistent/file"), -1);
    ck_assert_error(VIR_ERR_SYSTEM_ERROR, "cannot open '/nonexistent/file'");
    ck_assert_int_eq(virDomainRestore(conn, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "from");
    ck_assert_int_eq(virDomainSave(dom, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "to");
    virDomainFree(dom);
    virConnectClose(conn);
    testRemoveTree(dir);
}
END_TEST

START_TEST(test_restore_transient)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    g_autofree char *dir = testMakeTempDir("save");
    g_autofree char *file = g_build_filename(dir, "t.save", NULL);
    virDomainPtr dom = virDomainCreateXML(conn, DOM_XML("t"), 0);

    ck_assert_int_eq(virDomainSave(dom, file), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "t"));
    ck_assert_int_eq(virDomainRestore(conn, file), 0);
    virDomainFree(dom);
    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "t")));
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    testRemoveTree(dir);
}
END_TEST

START_TEST(test_managed_save)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("ms"));

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainManagedSave(dom, 0), 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED);
    ck_assert_int_eq(virDomainHasManagedSaveImage(dom, 0), 1);
    ck_assert_int_eq(virDomainUndefine(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "has a managed save image");
    /* starting resumes from it */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
    ck_assert_int_eq(virDomainHasManagedSaveImage(dom, 0), 0);
    ck_assert_int_eq(virDomainManagedSave(dom, 0), 0);
    ck_assert_int_eq(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_FORCE_BOOT), 0);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainManagedSave(dom, 0), 0);
    ck_assert_int_eq(virDomainManagedSaveRemove(dom, 0), 0);
    ck_assert_int_eq(virDomainHasManagedSaveImage(dom, 0), 0);
    ck_assert_int_eq(virDomainManagedSave(dom, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainManagedSave(dom, 0), 0);
    ck_assert_int_eq(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_autostart)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("auto"));
    int autostart = -1;

    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 0);
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    ck_assert_int_eq(virDomainSetAutostart(dom, 0), 0);
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 0);
    ck_assert_int_eq(virDomainGetAutostart(dom, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "autostart");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_xml_desc)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("x"));
    char *live, *inactive;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 32768), 0);
    live = virDomainGetXMLDesc(dom, 0);
    inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(live, "<domain type='test' id='1'>"));
    ck_assert_ptr_nonnull(strstr(live, "<currentMemory unit='KiB'>32768</currentMemory>"));
    ck_assert_ptr_nonnull(strstr(inactive, "<domain type='test'>"));
    ck_assert_ptr_nonnull(strstr(inactive, "<currentMemory unit='KiB'>65536</currentMemory>"));
    free(live);
    free(inactive);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_read_only)
{
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr dom = virDomainLookupByName(ro, "test");
    virDomainInfo info;

    ck_assert_int_eq(virDomainSuspend(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "read-only access prevents virDomainSuspend");
    ck_assert_int_eq(virDomainDestroy(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "virDomainDestroy");
    ck_assert_ptr_null(virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_SECURE));
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "secure");
    /* reads are fine, and nothing changed */
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    virDomainFree(dom);
    virConnectClose(ro);
}
END_TEST

START_TEST(test_security_label_messages)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virSecurityLabel label;
    char **msgs = (char **)1;

    ck_assert_int_eq(virDomainGetSecurityLabel(dom, &label), 0);
    ck_assert_str_eq(label.label, "libvirt-test");
    ck_assert_int_eq(label.enforcing, 1);
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, 0), 0);
    ck_assert_ptr_null(msgs);
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, 1U << 5), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    virDomainDestroy(dom);
    ck_assert_int_eq(virDomainGetSecurityLabel(dom, &label), 0);
    ck_assert_str_eq(label.label, "");
    ck_assert_int_eq(virDomainGetSecurityLabel(dom, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "seclabel");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* A running domain's control interface is ready; an inactive one has none. */
START_TEST(test_control_info)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainControlInfo info = { .state = 7, .details = 7, .stateTime = 7 };

    ck_assert_int_eq(virDomainGetControlInfo(dom, &info, 0), 0);
    ck_assert_uint_eq(info.state, VIR_DOMAIN_CONTROL_OK);
    ck_assert_uint_eq(info.details, 0);
    ck_assert_uint_eq(info.stateTime, 0);
    ck_assert_int_eq(virDomainGetControlInfo(dom, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "info in virDomainGetControlInfo must not be NULL");
    ck_assert_int_eq(virDomainGetControlInfo(dom, &info, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainGetControlInfo(dom, &info, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'test' is not running");
    ck_assert_int_eq(virDomainGetControlInfo(NULL, &info, 0), -1);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The domains of a node file carry the taints libvirt's test driver
 * finds in them, as libvirt words and orders them. */
START_TEST(test_node_taint_messages)
{
    virConnectPtr conn = testOpenNode("nodes/tainted.xml");
    virDomainPtr dom;
    char **msgs = NULL;

    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "clean")));
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, 0), 0);
    ck_assert_ptr_null(msgs);
    virDomainFree(dom);

    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "script")));
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, 0), 1);
    ck_assert_str_eq(msgs[0], "tainted: network configuration using opaque shell scripts");
    ck_assert_ptr_null(msgs[1]);
    g_strfreev(msgs);
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, VIR_DOMAIN_MESSAGE_DEPRECATION), 0);
    virDomainFree(dom);

    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "all")));
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, 0), 6);
    ck_assert_str_eq(msgs[0], "tainted: running with undesirable elevated privileges");
    ck_assert_str_eq(msgs[1], "tainted: network configuration using opaque shell scripts");
    ck_assert_str_eq(msgs[2], "tainted: use of host cdrom passthrough");
    ck_assert_str_eq(msgs[3], "tainted: custom device tree blob used");
    ck_assert_str_eq(msgs[4], "tainted: use of deprecated configuration settings");
    ck_assert_str_eq(msgs[5], "deprecated configuration: CPU model Deprecated-Test");
    g_strfreev(msgs);
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, VIR_DOMAIN_MESSAGE_DEPRECATION), 1);
    ck_assert_str_eq(msgs[0], "deprecated configuration: CPU model Deprecated-Test");
    g_strfreev(msgs);
    /* a stop and a start do not clean a domain */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainGetMessages(dom, &msgs, VIR_DOMAIN_MESSAGE_TAINTING), 5);
    g_strfreev(msgs);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
lifecycleSuite(void)
{
    Suite *s = suite_create("lifecycle");
    TCase *tc = tcase_create("lifecycle");

    tcase_add_test(tc, test_define_start_stop);
    tcase_add_test(tc, test_not_running_refusals);
    tcase_add_test(tc, test_unknown_flags);
    tcase_add_test(tc, test_node_taint_messages);
    tcase_add_test(tc, test_control_info);
    tcase_add_test(tc, test_transient);
    tcase_add_test(tc, test_persistent_becomes_transient);
    tcase_add_test(tc, test_create_xml_over_defined);
    tcase_add_test(tc, test_redefine);
    tcase_add_test(tc, test_reboot_reset_actions);
    tcase_add_test(tc, test_cpu_time_accrues);
    tcase_add_test(tc, test_save_restore);
    tcase_add_test(tc, test_restore_transient);
    tcase_add_test(tc, test_managed_save);
    tcase_add_test(tc, test_autostart);
    tcase_add_test(tc, test_xml_desc);
    tcase_add_test(tc, test_read_only);
    tcase_add_test(tc, test_security_label_messages);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(lifecycleSuite());
}
