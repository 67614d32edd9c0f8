/*
 * tablestest.c: the rules "virtsh self-test" checks over command tables
 *
 * The built virtsh can only show that its own tables pass; this suite,
 * linked as virtsh is (tools/libvirtsh.a and the public library), shows
 * that each rule also catches the table that breaks it, and how an
 * option alias resolves.
 */
#include <config.h>

#include <string.h>

#include "testutils.h"
#include "virtsh.h"

static bool
cmdNothing(vshControl *ctl G_GNUC_UNUSED, const vshCmd *cmd G_GNUC_UNUSED)
{
    return true;
}

static const vshCmdInfo infoSome = { .help = "some help", .desc = "" };
static const vshCmdInfo infoEmpty = { .help = "", .desc = "" };

#define OPT_BOOL(n) {.name = n, .type = VSH_OT_BOOL, .help = "a flag"}
#define OPT_STRING(n, f) {.name = n, .type = VSH_OT_STRING, .flags = f, .help = "a value"}
#define OPT_ALIAS(n, target, f) {.name = n, .type = VSH_OT_ALIAS, .flags = f, .help = target}

static const vshCmdOptDef optsGood[] = {
    OPT_STRING("first", VSH_OFLAG_REQ),
    OPT_ALIAS("old", "second", 0),
    OPT_ALIAS("hi", "words=hello", 0),
    OPT_STRING("second", 0),
    OPT_BOOL("flag"),
    {.name = "words", .type = VSH_OT_ARGV, .help = "the rest"},
    {.name = NULL}
};
static const vshCmdOptDef optsAliasMissing[] = {
    OPT_ALIAS("old", "nosuch", 0), OPT_BOOL("flag"), {.name = NULL}
};
static const vshCmdOptDef optsAliasBackwards[] = {
    OPT_BOOL("flag"), OPT_ALIAS("old", "flag", 0), {.name = NULL}
};
static const vshCmdOptDef optsAliasToAlias[] = {
    OPT_ALIAS("a", "b", 0), OPT_ALIAS("b", "flag", 0), {.name = NULL}
};
static const vshCmdOptDef optsAliasValueBool[] = {
    OPT_ALIAS("on", "flag=yes", 0), OPT_BOOL("flag"), {.name = NULL}
};
static const vshCmdOptDef optsAliasFlags[] = {
    OPT_ALIAS("old", "flag", VSH_OFLAG_REQ), OPT_BOOL("flag"), {.name = NULL}
};
static const vshCmdOptDef optsArgvNotLast[] = {
    {.name = "words", .type = VSH_OT_ARGV, .help = "the rest"}, OPT_BOOL("flag"), {.name = NULL}
};
static const vshCmdOptDef optsRequiredLate[] = {
    OPT_STRING("maybe", 0), OPT_STRING("needed", VSH_OFLAG_REQ), {.name = NULL}
};
static const vshCmdOptDef optsRequiredNamedLate[] = {
    /* a required option given only by name may come anywhere */
    OPT_STRING("maybe", 0), OPT_STRING("needed", VSH_OFLAG_REQ | VSH_OFLAG_REQ_OPT),
    {.name = NULL}
};
static const vshCmdOptDef optsBoolRequired[] = {
    {.name = "flag", .type = VSH_OT_BOOL, .flags = VSH_OFLAG_REQ, .help = "a flag"},
    {.name = NULL}
};
static const vshCmdOptDef optsBoolCompleted[] = {
    {.name = "flag", .type = VSH_OT_BOOL, .help = "a flag", .complete = VSH_COMPLETE_DOMAIN},
    {.name = NULL}
};
static const vshCmdOptDef optsTwice[] = {
    OPT_BOOL("flag"), OPT_STRING("flag", 0), {.name = NULL}
};
static const vshCmdOptDef optsHelp[] = { OPT_BOOL("help"), {.name = NULL} };
static const vshCmdOptDef optsUnless[] = {
    OPT_STRING("instead", VSH_OFLAG_REQ_OPT),
    {.name = "words", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "the rest",
     .unless = "instead"},
    {.name = NULL}
};
static const vshCmdOptDef optsUnlessMissing[] = {
    {.name = "words", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "the rest",
     .unless = "nosuch"},
    {.name = NULL}
};
static const vshCmdOptDef optsUnlessOptional[] = {
    OPT_BOOL("flag"),
    {.name = "words", .type = VSH_OT_ARGV, .help = "the rest", .unless = "flag"},
    {.name = NULL}
};

#define CMD(n, o) {.name = n, .handler = cmdNothing, .opts = o, .info = &infoSome}

static const vshCmdDef tableOne[] = {
    CMD("good", optsGood),
    CMD("alias-missing", optsAliasMissing),
    CMD("alias-backwards", optsAliasBackwards),
    CMD("alias-to-alias", optsAliasToAlias),
    CMD("alias-value-bool", optsAliasValueBool),
    CMD("alias-flags", optsAliasFlags),
    CMD("argv-not-last", optsArgvNotLast),
    CMD("required-late", optsRequiredLate),
    CMD("required-named-late", optsRequiredNamedLate),
    CMD("bool-required", optsBoolRequired),
    CMD("bool-completed", optsBoolCompleted),
    CMD("twice", optsTwice),
    CMD("hides-help", optsHelp),
    CMD("unless", optsUnless),
    CMD("unless-missing", optsUnlessMissing),
    CMD("unless-optional", optsUnlessOptional),
    {.name = "no-help", .handler = cmdNothing, .info = &infoEmpty},
    {.name = "no-handler", .info = &infoSome},
    CMD("defined-twice", NULL),
    {.name = NULL}
};
static const vshCmdDef tableTwo[] = {
    CMD("defined-twice", NULL),
    {.name = NULL}
};
static const vshCmdDef *const testTables[] = { tableOne, tableTwo, NULL };
static const vshCmdGrp testGroups[] = {
    {.name = "Test", .keyword = "test", .tables = testTables},
    {.name = NULL}
};

/* What self-test says of command @name of the test tables (NULL: fine). */
static char *
checkCommand(const vshCmdDef *table, const char *name)
{
    vshControl ctl;
    const vshCmdDef *def;
    char *msg;

    vshControlInit(&ctl);
    ctl.groups = testGroups;
    for (def = table; def->name && strcmp(def->name, name) != 0; def++)
        ;
    ck_assert_ptr_nonnull(def->name);
    msg = vshCmddefCheckMessage(&ctl, def);
    vshControlClear(&ctl);
    return msg;
}

#define ck_assert_check(table, name, expected) \
    do { \
        g_autofree char *msg = checkCommand(table, name); \
        if (expected) \
            ck_assert_str_eq(msg ? msg : "(passes)", (expected)); \
        else \
            ck_assert_msg(!msg, "%s: %s", (name), msg); \
    } while (0)

START_TEST(test_virtsh_tables_pass)
{
    vshControl ctl;
    const vshCmdDef *const *tab;
    const vshCmdDef *def;
    const vshCmdGrp *grp;
    size_t n = 0;

    vshControlInit(&ctl);
    ctl.groups = virtshGroups;
    for (grp = virtshGroups; grp->name; grp++) {
        VSH_GRP_FOREACH_CMD(grp, tab, def) {
            g_autofree char *msg = vshCmddefCheckMessage(&ctl, def);

            ck_assert_msg(!msg, "%s", msg);
            n++;
        }
    }
    ck_assert_uint_gt(n, 40);
    vshControlClear(&ctl);
}
END_TEST

START_TEST(test_rules_catch_broken_tables)
{
    ck_assert_check(tableOne, "good", NULL);
    ck_assert_check(tableOne, "required-named-late", NULL);
    ck_assert_check(tableOne, "alias-missing",
                    "alias 'old' of command 'alias-missing' has missing alias option");
    ck_assert_check(tableOne, "alias-backwards",
                    "alias 'old' of command 'alias-backwards' has missing alias option");
    ck_assert_check(tableOne, "alias-to-alias",
                    "alias 'a' of command 'alias-to-alias' has missing alias option");
    ck_assert_check(tableOne, "alias-value-bool",
                    "alias 'on' of command 'alias-value-bool' has mismatched alias type");
    ck_assert_check(tableOne, "alias-flags",
                    "parameter 'old' of command 'alias-flags' has incorrect alias option");
    ck_assert_check(tableOne, "argv-not-last",
                    "parameter 'words' of command 'argv-not-last' must be listed last");
    ck_assert_check(tableOne, "required-late",
                    "parameter 'needed' of command 'required-late' must be listed before "
                    "optional parameters");
    ck_assert_check(tableOne, "bool-required",
                    "parameter 'flag' of command 'bool-required' misused VSH_OFLAG_REQ");
    ck_assert_check(tableOne, "bool-completed",
                    "bool parameter 'flag' of command 'bool-completed' has completer set");
    ck_assert_check(tableOne, "twice",
                    "parameter 'flag' of command 'twice' is defined twice or hides --help");
    ck_assert_check(tableOne, "hides-help",
                    "parameter 'help' of command 'hides-help' is defined twice or hides --help");
    ck_assert_check(tableOne, "unless", NULL);
    ck_assert_check(tableOne, "unless-missing",
                    "parameter 'words' of command 'unless-missing' has incorrect unless option");
    ck_assert_check(tableOne, "unless-optional",
                    "parameter 'words' of command 'unless-optional' has incorrect unless option");
    ck_assert_check(tableOne, "no-help", "command 'no-help' lacks help");
    ck_assert_check(tableOne, "no-handler", "command 'no-handler' has no handler");
    ck_assert_check(tableTwo, "defined-twice", "command 'defined-twice' is defined twice");
}
END_TEST

START_TEST(test_alias_resolution)
{
    const char *value = "unset";
    const vshCmdOptDef *opt;

    opt = vshCmddefResolveOption(&tableOne[0], "old", &value);
    ck_assert_ptr_nonnull(opt);
    ck_assert_str_eq(opt->name, "second");
    ck_assert_ptr_null(value);
    opt = vshCmddefResolveOption(&tableOne[0], "hi", &value);
    ck_assert_ptr_nonnull(opt);
    ck_assert_str_eq(opt->name, "words");
    ck_assert_str_eq(value, "hello");
    opt = vshCmddefResolveOption(&tableOne[0], "second", &value);
    ck_assert_ptr_eq(opt, &optsGood[3]);
    ck_assert_ptr_null(value);
    ck_assert_ptr_null(vshCmddefResolveOption(&tableOne[0], "nosuch", &value));
    /* the real option's name, never a prefix of it */
    ck_assert_ptr_null(vshCmddefResolveOption(&tableOne[0], "sec", &value));
}
END_TEST

/* A required option is met by the one its table names in its place. */
START_TEST(test_required_unless)
{
    vshControl ctl;
    vshCmdList *list;

    vshControlInit(&ctl);
    ctl.groups = testGroups;
    ck_assert_ptr_nonnull((list = vshCommandStringParse(&ctl, "unless a b")));
    vshCmdListFree(list);
    ck_assert_ptr_nonnull((list = vshCommandStringParse(&ctl, "unless --instead x")));
    vshCmdListFree(list);
    /* "error: command 'unless' requires <words> option" on stderr */
    ck_assert_ptr_null(vshCommandStringParse(&ctl, "unless"));
    vshControlClear(&ctl);
}
END_TEST

static Suite *
tablesSuite(void)
{
    Suite *s = suite_create("virtsh-tables");
    TCase *tc = tcase_create("tables");

    tcase_add_test(tc, test_virtsh_tables_pass);
    tcase_add_test(tc, test_rules_catch_broken_tables);
    tcase_add_test(tc, test_alias_resolution);
    tcase_add_test(tc, test_required_unless);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(tablesSuite());
}
