/*
 * wiretestutils.c: what the wire test suites share
 */
#include "internal.h"

#include "wiretestutils.h"

/* The daemon of the suite: started by wireTestMain(). */
wireDaemon wireTestDaemon;

wireClient *
wireTestOpen(const char *sock, const char *uri, unsigned int flags)
{
    wireClient *c = wireConnect(sock);

    ck_assert_msg(c != NULL, "cannot connect to %s", sock);
    ck_assert_int_eq(wireOpen(c, uri, flags), 0);
    return c;
}

/* The daemon still serves a new client, whatever happened before. */
void
wireTestAssertServes(void)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkr_string_ret ret = { 0 };
    virError err = { 0 };

    ck_assert_int_eq(wireCall(c, VKR_PROC_CONNECT_GET_TYPE, NULL, &ret, &err), 0);
    ck_assert_str_eq(ret.str, "TEST");
    xdr_free((xdrproc_t)xdr_vkr_string_ret, &ret);
    wireClose(c);
}

/* A call expected to fail with @code; the connection stays usable. */
void
wireTestCallFails(wireClient *c, int proc, void *args, int code)
{
    virError err = { 0 };

    ck_assert_int_eq(wireCall(c, proc, args, NULL, &err), 1);
    ck_assert_msg(err.code == code, "procedure %d: code %d (%s), expected %d",
                  proc, err.code, NULLSTR(err.message), code);
    ck_assert_msg(err.message && *err.message, "procedure %d: an error without a message", proc);
    virResetError(&err);
}

/* The domain "test", as the client names it (free with xdr_free). */
vkr_nonnull_domain
wireTestDomain(wireClient *c)
{
    char *name = (char *)"test";
    vkr_string_args args = { name };
    vkr_dom_ret ret = { { 0 } };
    virError err = { 0 };

    ck_assert_int_eq(wireCall(c, VKR_PROC_DOMAIN_LOOKUP_BY_NAME, &args, &ret, &err), 0);
    return ret.dom;
}

/* The connection still answers. */
void
wireTestAssertLookup(wireClient *c)
{
    vkr_nonnull_domain dom = wireTestDomain(c);

    ck_assert_str_eq(dom.name, "test");
    xdr_free((xdrproc_t)xdr_vkr_nonnull_domain, (char *)&dom);
}

/**
 * wireTestMain:
 * @s: the suite
 * @conf: the daemon's configuration
 *
 * Starts the daemon, runs @s, stops the daemon: a daemon that crashed or
 * did not stop cleanly fails the suite.
 *
 * Returns the exit status.
 */
int
wireTestMain(Suite *s, const char *conf)
{
    int ret;

    if (!wireDaemonStart(&wireTestDaemon, conf)) {
        fprintf(stderr, "cannot start virtkitd\n");
        wireDaemonStop(&wireTestDaemon);
        return EXIT_FAILURE;
    }
    ret = testRunSuite(s);
    if (wireDaemonStop(&wireTestDaemon) != 0) {
        fprintf(stderr, "virtkitd did not stop cleanly\n");
        ret = EXIT_FAILURE;
    }
    return ret;
}
