/*
 * virkeycodetest.c: key codes by name (virkeycode) and as a magic SysRq
 * key (virkeycodesysrq)
 *
 * The Linux table is generated from the build host's kernel header; the
 * names and values it must hold, and the names it must not, are the
 * kernel's ABI, in tests/data/util/keycodes/linux.txt.
 */
#include "internal.h"

#include <stdlib.h>

#include "utiltest.h"
#include "virkeycode.h"
#include "virkeycodesysrq.h"

START_TEST(test_linux_names)
{
    g_autofree char *path = utilTestData("keycodes/linux.txt");
    g_autofree char *text = utilTestReadFile(path);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t i, checked = 0;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) words = NULL;

        if (!*lines[i] || lines[i][0] == '#')
            continue;
        words = g_strsplit(lines[i], " ", -1);
        ck_assert_msg(g_strv_length(words) == 2, "bad line '%s'", lines[i]);
        if (STREQ(words[1], "-")) {
            ck_assert_msg(virKeycodeValueFromString(VIR_KEYCODE_SET_LINUX, words[0]) == -1,
                          "%s should be unknown", words[0]);
        } else {
            int value = g_ascii_strtoll(words[1], NULL, 0);

            ck_assert_msg(virKeycodeValueFromString(VIR_KEYCODE_SET_LINUX, words[0]) == value,
                          "%s should be %d", words[0], value);
            ck_assert(virKeycodeValueIsValid(VIR_KEYCODE_SET_LINUX, value));
        }
        checked++;
    }
    ck_assert_uint_gt(checked, 20);
    ck_assert_int_eq(virKeycodeValueFromString(VIR_KEYCODE_SET_LINUX, NULL), -1);
}
END_TEST

/* Every name of the table is a KEY_ or BTN_ name, once, and stands for
 * a valid value. */
START_TEST(test_linux_table)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    const char *name;
    size_t i;

    for (i = 0; (name = virKeycodeNameAt(VIR_KEYCODE_SET_LINUX, i)); i++) {
        int value = virKeycodeValueFromString(VIR_KEYCODE_SET_LINUX, name);

        ck_assert_msg(g_str_has_prefix(name, "KEY_") || g_str_has_prefix(name, "BTN_"), "%s",
                      name);
        ck_assert_msg(g_hash_table_add(seen, (gpointer)name), "%s twice", name);
        ck_assert_int_ge(value, 0);
        ck_assert(virKeycodeValueIsValid(VIR_KEYCODE_SET_LINUX, value));
        ck_assert_ptr_nonnull(virKeycodeValueToString(VIR_KEYCODE_SET_LINUX, value));
    }
    ck_assert_uint_gt(i, 500);
    ck_assert_str_eq(virKeycodeNameAt(VIR_KEYCODE_SET_LINUX, 0), "KEY_RESERVED");
    ck_assert_str_eq(virKeycodeValueToString(VIR_KEYCODE_SET_LINUX, 30), "KEY_A");
    /* KEY_MAX, and beyond */
    ck_assert(!virKeycodeValueIsValid(VIR_KEYCODE_SET_LINUX, 0x2ff));
    ck_assert(!virKeycodeValueIsValid(VIR_KEYCODE_SET_LINUX, 0x10000));
    ck_assert_ptr_null(virKeycodeValueToString(VIR_KEYCODE_SET_LINUX, 0x2ff));
}
END_TEST

/* Of the other code sets virtkit knows the names only. */
START_TEST(test_codesets)
{
    static const char *const names[] = {
        "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb", "win32", "qnum",
    };
    unsigned int i;

    G_STATIC_ASSERT(G_N_ELEMENTS(names) == VIR_KEYCODE_SET_LAST);
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        ck_assert_str_eq(virKeycodeSetTypeToString(i), names[i]);
        ck_assert_int_eq(virKeycodeSetTypeFromString(names[i]), i);
        if (i == VIR_KEYCODE_SET_LINUX)
            continue;
        ck_assert_int_eq(virKeycodeValueFromString(i, "KEY_A"), -1);
        ck_assert(!virKeycodeValueIsValid(i, 30));
        ck_assert_ptr_null(virKeycodeNameAt(i, 0));
    }
    ck_assert_ptr_null(virKeycodeSetTypeToString(VIR_KEYCODE_SET_LAST));
    /* virsh's own alias of qnum, not a name of the enum */
    ck_assert_int_eq(virKeycodeSetTypeFromString("rfb"), -1);
    ck_assert_int_eq(virKeycodeSetTypeFromString("Linux"), -1);
    ck_assert_int_eq(virKeycodeValueFromString(99, "KEY_A"), -1);
    ck_assert(!virKeycodeValueIsValid(99, 30));
    ck_assert_ptr_null(virKeycodeNameAt(99, 0));
}
END_TEST

typedef struct {
    unsigned int codeset;
    const char *keys;           /* Linux names, space-separated */
    char key;                   /* the SysRq key, 0: refused */
} sysrqCase;

static const sysrqCase sysrqCases[] = {
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ KEY_B", 'b' },
    { VIR_KEYCODE_SET_LINUX, "KEY_SYSRQ KEY_LEFTALT KEY_S", 's' },
    { VIR_KEYCODE_SET_LINUX, "KEY_RIGHTALT KEY_SYSRQ KEY_1", '1' },
    { VIR_KEYCODE_SET_LINUX, "KEY_SYSRQ KEY_RIGHTALT KEY_0", '0' },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ KEY_Z", 'z' },
    /* the letter first, or the modifiers apart */
    { VIR_KEYCODE_SET_LINUX, "KEY_B KEY_LEFTALT KEY_SYSRQ", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_B KEY_SYSRQ", 0 },
    /* not Alt, not SysRq, two Alts */
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTCTRL KEY_SYSRQ KEY_B", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_PRINT KEY_B", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_RIGHTALT KEY_B", 0 },
    /* not a letter or digit: a function key, a button named BTN_0 */
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ KEY_F1", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ BTN_0", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ KEY_KP1", 0 },
    /* too few, too many */
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_B", 0 },
    { VIR_KEYCODE_SET_LINUX, "KEY_LEFTALT KEY_SYSRQ KEY_B KEY_B", 0 },
    /* the right values in another code set */
    { VIR_KEYCODE_SET_XT, "KEY_LEFTALT KEY_SYSRQ KEY_B", 0 },
    { VIR_KEYCODE_SET_QNUM, "KEY_LEFTALT KEY_SYSRQ KEY_B", 0 },
};

START_TEST(test_sysrq)
{
    const sysrqCase *tc = &sysrqCases[_i];
    g_auto(GStrv) names = g_strsplit(tc->keys, " ", -1);
    unsigned int keycodes[8];
    int n = g_strv_length(names), i;
    char key = '?';

    for (i = 0; i < n; i++) {
        int value = virKeycodeValueFromString(VIR_KEYCODE_SET_LINUX, names[i]);

        ck_assert_msg(value >= 0, "no key %s", names[i]);
        keycodes[i] = value;
    }
    virResetLastError();
    if (tc->key) {
        ck_assert_int_eq(virKeycodeSysrqKey(tc->codeset, keycodes, n, &key), 0);
        ck_assert_int_eq(key, tc->key);
        ck_assert_ptr_null(virGetLastError());
    } else {
        ck_assert_int_eq(virKeycodeSysrqKey(tc->codeset, keycodes, n, &key), -1);
        ck_assert_int_eq(key, '?');
        ck_assert_util_error(VIR_ERR_CONFIG_UNSUPPORTED,
                             "this guest takes only magic SysRq keys (Alt+SysRq+key)");
    }
}
END_TEST

/* A value with no name at all. */
START_TEST(test_sysrq_unknown_value)
{
    unsigned int keycodes[] = { 56, 99, 0x2ff };
    char key = '?';

    ck_assert_int_eq(virKeycodeSysrqKey(VIR_KEYCODE_SET_LINUX, keycodes, 3, &key), -1);
    ck_assert_util_error(VIR_ERR_CONFIG_UNSUPPORTED, "Alt+SysRq+key");
    ck_assert_int_eq(key, '?');
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("virkeycode");
    TCase *tc = tcase_create("keycode");

    tcase_add_test(tc, test_linux_names);
    tcase_add_test(tc, test_linux_table);
    tcase_add_test(tc, test_codesets);
    tcase_add_loop_test(tc, test_sysrq, 0, G_N_ELEMENTS(sysrqCases));
    tcase_add_test(tc, test_sysrq_unknown_value);
    suite_add_tcase(s, tc);
    return utilTestRun(s);
}
