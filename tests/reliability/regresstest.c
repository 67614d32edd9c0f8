/*
 * regresstest.c: the bugs of the core this suite found, one test each
 *
 * (Crashes found by the fuzzers are replayed from tests/fuzz/regress by
 * the fuzz_*_replay programs; the races and crash-safety bugs stay
 * covered by stresstest and crashtest.)
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "relutils.h"

/* A refused change to a running persistent domain split its live
 * definition from its configuration and left them split, so that
 * virDomainIsUpdated said 1: a configuration change was pending when
 * none had been made. */
START_TEST(test_refused_change_not_updated)
{
    relFixture fx;
    virDomainPtr web;
    virTypedParameter limit = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
                                { .ul = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED + 1 } };
    unsigned char map[1] = { 1 };

    relFixtureInit(&fx);
    web = relLookup(fx.conn, "web");
    ck_assert_int_eq(virDomainIsUpdated(web), 0);
    ck_assert_int_eq(virDomainSetMemory(web, ULONG_MAX), -1);
    ck_assert_int_eq(virDomainIsUpdated(web), 0);
    ck_assert_int_eq(virDomainSetVcpusFlags(web, 5, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_int_eq(virDomainIsUpdated(web), 0);
    ck_assert_int_eq(virDomainPinVcpuFlags(web, 9, map, 1, VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_int_eq(virDomainIsUpdated(web), 0);
    ck_assert_int_eq(virDomainSetMemoryParameters(web, &limit, 1, 0), -1);
    ck_assert_int_eq(virDomainIsUpdated(web), 0);
    /* a change of the configuration that is made still shows */
    ck_assert_int_eq(virDomainPinVcpuFlags(web, 0, map, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainIsUpdated(web), 1);
    virDomainFree(web);
    relFixtureClear(&fx);
}
END_TEST

/* virDomainSetMaxMemory(ULONG_MAX) was accepted and written to the
 * configuration, which the parser then refused: at the next start of the
 * driver the domain was skipped, lost. */
START_TEST(test_max_memory_reloads)
{
    relFixture fx;
    virDomainPtr idle;
    unsigned long limit = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;   /* INT64_MAX / 1024 */

    relFixtureInit(&fx);
    idle = relLookup(fx.conn, "idle");
    ck_assert_int_eq(virDomainSetMaxMemory(idle, ULONG_MAX), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "is too large");
    ck_assert_int_eq(virDomainSetMaxMemory(idle, limit + 1), -1);
    ck_assert_int_eq(virDomainSetMaxMemory(idle, limit), 0);
    virDomainFree(idle);
    ck_assert_int_eq(virConnectClose(fx.conn), 0);

    fx.conn = virConnectOpen(fx.uri);
    ck_assert_ptr_nonnull(fx.conn);
    idle = relLookup(fx.conn, "idle");
    ck_assert_uint_eq(virDomainGetMaxMemory(idle), limit);
    virDomainFree(idle);
    relFixtureClear(&fx);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("regress");
    TCase *tc = tcase_create("regress");

    tcase_add_test(tc, test_refused_change_not_updated);
    tcase_add_test(tc, test_max_memory_reloads);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
