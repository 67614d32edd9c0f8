/*
 * keytest.c: pressing keys on a domain's keyboard (virDomainSendKey)
 * through the public API, on the node file tests/data/nodes/states.xml:
 * fv0 runs, "paused" is paused, "off" is shut off.
 *
 * The test driver checks each key against its code set, as libvirt's
 * does, and knows the Linux code set only: the others are refused
 * (libvirt's accepts them).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

/* Linux key codes: the kernel's ABI */
#define KEY_A 30
#define KEY_B 48
#define KEY_LEFTALT 56
#define KEY_SYSRQ 99
#define BTN_LEFT 0x110
#define KEY_MAX 0x2ff

static virDomainPtr
keyDomain(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    ck_assert_msg(dom != NULL, "%s: %s", name, virGetLastErrorMessage());
    return dom;
}

START_TEST(test_send)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virDomainPtr dom = keyDomain(conn, "fv0");
    virDomainPtr paused = keyDomain(conn, "paused");
    unsigned int sysrq[] = { KEY_LEFTALT, KEY_SYSRQ, KEY_B };
    unsigned int many[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    unsigned int one[] = { KEY_A };
    unsigned int button[] = { BTN_LEFT };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(many); i++)
        many[i] = KEY_A + i;
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, one, 1, 0), 0);
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 100, sysrq, 3, 0), 0);
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, many,
                                      VIR_DOMAIN_SEND_KEY_MAX_KEYS, 0), 0);
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, button, 1, 0), 0);
    /* a paused domain is active: its keyboard takes keys, as in libvirt */
    ck_assert_int_eq(virDomainSendKey(paused, VIR_KEYCODE_SET_LINUX, 0, one, 1, 0), 0);
    virDomainFree(paused);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* What the entry point refuses, in libvirt's order and words. */
START_TEST(test_arguments)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virDomainPtr dom = keyDomain(conn, "fv0");
    unsigned int keys[VIR_DOMAIN_SEND_KEY_MAX_KEYS + 1] = { 0 };

    ck_assert_int_eq(virDomainSendKey(NULL, VIR_KEYCODE_SET_LINUX, 0, keys, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, "virDomainSendKey");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, NULL, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "keycodes in virDomainSendKey must not be NULL");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, keys, 0, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nkeycodes in virDomainSendKey must be greater than zero");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, keys, -1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nkeycodes in virDomainSendKey must be greater than zero");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_QNUM + 1, 0, keys, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG,
                    "codeset in virDomainSendKey is not a virKeycodeSet value");
    ck_assert_int_eq(virDomainSendKey(dom, (unsigned int)-1, 0, keys, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "codeset in virDomainSendKey");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, keys,
                                      VIR_DOMAIN_SEND_KEY_MAX_KEYS + 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nkeycodes in virDomainSendKey must not exceed "
                    "VIR_DOMAIN_SEND_KEY_MAX_KEYS (16)");
    /* the codeset is checked before the count, as libvirt does */
    ck_assert_int_eq(virDomainSendKey(dom, 99, 0, keys, VIR_DOMAIN_SEND_KEY_MAX_KEYS + 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "codeset in virDomainSendKey");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, keys, 1, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testDomainSendKey");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* What the test driver refuses: a stopped domain, a key its code set
 * does not have, a code set other than Linux's. */
START_TEST(test_driver_refusals)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virDomainPtr dom = keyDomain(conn, "fv0");
    virDomainPtr off = keyDomain(conn, "off");
    unsigned int one[] = { KEY_A };
    unsigned int bad[] = { KEY_A, KEY_MAX, KEY_B };
    unsigned int codeset;

    ck_assert_int_eq(virDomainSendKey(off, VIR_KEYCODE_SET_LINUX, 0, one, 1, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'off' is not running");
    /* libvirt's code and message */
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, bad, 3, 0), -1);
    ck_assert_error(VIR_ERR_INTERNAL_ERROR, "invalid keycode 767 of linux codeset");
    for (codeset = VIR_KEYCODE_SET_XT; codeset <= VIR_KEYCODE_SET_QNUM; codeset++) {
        ck_assert_int_eq(virDomainSendKey(dom, codeset, 0, one, 1, 0), -1);
        ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED,
                        "is not supported: virtkit knows Linux key codes only");
    }
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_RFB, 0, one, 1, 0), -1);
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "codeset 'qnum' is not supported");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_USB, 0, one, 1, 0), -1);
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "codeset 'usb' is not supported");
    /* stopped comes first, as in libvirt */
    ck_assert_int_eq(virDomainSendKey(off, VIR_KEYCODE_SET_USB, 0, bad, 3, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    virDomainFree(off);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* A read-only connection is refused before any argument is looked at. */
START_TEST(test_readonly)
{
    g_autofree char *uri = testNodeURI("nodes/states.xml");
    virConnectPtr ro = virConnectOpenReadOnly(uri);
    virDomainPtr dom;
    unsigned int one[] = { KEY_A };

    ck_assert_ptr_nonnull(ro);
    dom = keyDomain(ro, "fv0");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, one, 1, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "read-only access prevents virDomainSendKey");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, NULL, 0, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "virDomainSendKey");
    virDomainFree(dom);
    virConnectClose(ro);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("keys");
    TCase *tc = tcase_create("keys");

    testQuietErrors();
    tcase_add_test(tc, test_send);
    tcase_add_test(tc, test_arguments);
    tcase_add_test(tc, test_driver_refusals);
    tcase_add_test(tc, test_readonly);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
