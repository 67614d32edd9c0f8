/*
 * fuzz_uri.c: the connection URI parser and formatter
 *
 * A URI that parses must format to a URI that parses to the same thing:
 * connections keep the formatted form (virConnectGetURI), and a remote
 * driver will send it to a daemon that parses it again.
 */
#include "internal.h"

#include "fuzz.h"
#include "virerror.h"
#include "viruri.h"

/* Every part of two parsed URIs, compared. */
static void
fuzzCheckSameURI(const virURI *a, const virURI *b, const char *text)
{
    size_t i;

    FUZZ_CHECK(STREQ(a->scheme, b->scheme), "scheme '%s' became '%s' in %s",
               a->scheme, b->scheme, text);
    FUZZ_CHECK(STREQ_NULLABLE(a->transport, b->transport), "transport changed in %s", text);
    FUZZ_CHECK(STREQ_NULLABLE(a->user, b->user), "user '%s' became '%s' in %s",
               NULLSTR(a->user), NULLSTR(b->user), text);
    FUZZ_CHECK(STREQ_NULLABLE(a->server, b->server), "server '%s' became '%s' in %s",
               NULLSTR(a->server), NULLSTR(b->server), text);
    FUZZ_CHECK(a->port == b->port || (a->port <= 0 && b->port <= 0),
               "port %d became %d in %s", a->port, b->port, text);
    FUZZ_CHECK(STREQ(a->path, b->path), "path '%s' became '%s' in %s", a->path, b->path, text);
    FUZZ_CHECK(STREQ_NULLABLE(a->fragment, b->fragment), "fragment '%s' became '%s' in %s",
               NULLSTR(a->fragment), NULLSTR(b->fragment), text);
    FUZZ_CHECK(a->nparams == b->nparams, "%zu parameters became %zu in %s",
               a->nparams, b->nparams, text);
    for (i = 0; i < a->nparams; i++) {
        FUZZ_CHECK(STREQ(a->params[i].name, b->params[i].name) &&
                   STREQ(a->params[i].value, b->params[i].value),
                   "parameter %zu changed in %s", i, text);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *str = fuzzString(data, size);
    g_autoptr(virURI) uri = NULL;
    g_autoptr(virURI) again = NULL;
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    virResetLastError();
    if (!(uri = virURIParse(str))) {
        FUZZ_CHECK_REFUSAL("a URI");
        virResetLastError();
        return 0;
    }
    first = virURIFormat(uri);
    again = virURIParse(first);
    FUZZ_CHECK(again != NULL, "'%s' formatted as '%s', which does not parse: %s",
               str, first, virGetLastErrorMessage());
    fuzzCheckSameURI(uri, again, first);
    second = virURIFormat(again);
    FUZZ_CHECK(STREQ(first, second), "'%s' formats as '%s', then as '%s'", str, first, second);
    (void)virURIGetParam(uri, "root");
    virResetLastError();
    return 0;
}
