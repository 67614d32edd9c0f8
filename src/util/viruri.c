/*
 * viruri.c: connection URIs, parsed by GLib's RFC 3986 parser
 */
#include "internal.h"

#include "virerror.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_URI

/* A URI is short; a megabyte one is an attack or a mistake. */
#define VIR_URI_MAX_LEN 4096

void
virURIFree(virURI *uri)
{
    size_t i;

    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->transport);
    g_free(uri->user);
    g_free(uri->server);
    g_free(uri->path);
    for (i = 0; i < uri->nparams; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri->fragment);
    g_free(uri);
}

/* Splits "a=1&b=%2Ftmp" into decoded name/value pairs, in order. */
static int
virURIParseQuery(virURI *uri, const char *query, const char *whole)
{
    g_auto(GStrv) parts = g_strsplit(query, "&", -1);
    size_t i;

    uri->params = g_new0(virURIParam, g_strv_length(parts));
    for (i = 0; parts[i]; i++) {
        char *eq = strchr(parts[i], '=');
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;

        if (!*parts[i])
            continue;
        if (eq)
            *eq = '\0';
        name = g_uri_unescape_string(parts[i], NULL);
        value = eq ? g_uri_unescape_string(eq + 1, NULL) : g_strdup("");
        if (!name || !value || !*name) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("invalid query parameter '%s' in URI '%s'"), parts[i], whole);
            return -1;
        }
        uri->params[uri->nparams].name = g_steal_pointer(&name);
        uri->params[uri->nparams].value = g_steal_pointer(&value);
        uri->params[uri->nparams].bare = !eq;
        uri->nparams++;
    }
    return 0;
}

/* Splits "lve+unix" into scheme and transport; both must be non-empty. */
static int
virURISplitScheme(virURI *uri, const char *scheme, const char *whole)
{
    const char *plus = strchr(scheme, '+');

    if (plus) {
        uri->scheme = g_ascii_strdown(scheme, plus - scheme);
        uri->transport = g_ascii_strdown(plus + 1, -1);
    } else {
        uri->scheme = g_ascii_strdown(scheme, -1);
    }
    if (!*uri->scheme || (uri->transport && !*uri->transport)) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid scheme in URI '%s'"), whole);
        return -1;
    }
    return 0;
}

virURI *
virURIParse(const char *str)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GUri) guri = NULL;
    g_autoptr(virURI) uri = NULL;
    g_autofree char *canonical = NULL;
    const char *query;

    if (strlen(str) > VIR_URI_MAX_LEN) {
        virReportError(VIR_ERR_INVALID_ARG, _("URI is longer than %d characters"),
                       VIR_URI_MAX_LEN);
        return NULL;
    }
    guri = g_uri_parse(str, G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_NON_DNS, &gerr);
    if (!guri) {
        virReportError(VIR_ERR_INVALID_ARG, _("cannot parse URI '%s': %s"), str, gerr->message);
        return NULL;
    }
    uri = g_new0(virURI, 1);
    if (virURISplitScheme(uri, g_uri_get_scheme(guri), str) < 0)
        return NULL;
    uri->user = g_strdup(g_uri_get_user(guri));
    if (g_uri_get_host(guri) && *g_uri_get_host(guri))
        uri->server = g_strdup(g_uri_get_host(guri));
    uri->port = g_uri_get_port(guri);
    uri->path = g_strdup(g_uri_get_path(guri));
    uri->fragment = g_strdup(g_uri_get_fragment(guri));
    query = g_uri_get_query(guri);
    if (query && virURIParseQuery(uri, query, str) < 0)
        return NULL;
    /* escaping can make the canonical form three times longer than the
     * text; it is what a connection keeps and hands back, so it must fit
     * the limit to parse again */
    canonical = virURIFormat(uri);
    if (strlen(canonical) > VIR_URI_MAX_LEN) {
        virReportError(VIR_ERR_INVALID_ARG, _("URI is longer than %d characters once escaped"),
                       VIR_URI_MAX_LEN);
        return NULL;
    }
    return g_steal_pointer(&uri);
}

/* What each part may carry unescaped: RFC 3986's sub-delimiters, and for
 * the user and the fragment ':' and '@' where they cannot be misread.
 * Everything else that could end the part ('@', '/', '?', '#', '%', '[')
 * is escaped, so the formatted URI parses back to the same parts. */
#define VIR_URI_SUB_DELIMS "!$&'()*+,;="

static void
virURIAppendEscaped(GString *out, const char *text, const char *allowed)
{
    g_autofree char *escaped = g_uri_escape_string(text, allowed, FALSE);

    g_string_append(out, escaped);
}

/* An IPv6 address keeps its brackets; any other host is escaped. */
static void
virURIAppendServer(GString *out, const char *server)
{
    if (strchr(server, ':')) {
        g_string_append_printf(out, "[%s]", server);
        return;
    }
    virURIAppendEscaped(out, server, VIR_URI_SUB_DELIMS);
}

char *
virURIFormat(const virURI *uri)
{
    GString *out = g_string_new(uri->scheme);
    size_t i;

    if (uri->transport)
        g_string_append_printf(out, "+%s", uri->transport);
    g_string_append_c(out, ':');
    /* "scheme:path" without an authority keeps that form: "//" would make
     * the first segment of the path a host */
    if (uri->user || uri->server || uri->port > 0 || !*uri->path || uri->path[0] == '/')
        g_string_append(out, "//");
    if (uri->user) {
        virURIAppendEscaped(out, uri->user, VIR_URI_SUB_DELIMS ":");
        g_string_append_c(out, '@');
    }
    if (uri->server)
        virURIAppendServer(out, uri->server);
    if (uri->port > 0)
        g_string_append_printf(out, ":%d", uri->port);
    virURIAppendEscaped(out, uri->path, "/");
    for (i = 0; i < uri->nparams; i++) {
        g_string_append_c(out, i ? '&' : '?');
        virURIAppendEscaped(out, uri->params[i].name, NULL);
        if (uri->params[i].bare)
            continue;
        g_string_append_c(out, '=');
        virURIAppendEscaped(out, uri->params[i].value, "/");
    }
    if (uri->fragment) {
        g_string_append_c(out, '#');
        virURIAppendEscaped(out, uri->fragment, VIR_URI_SUB_DELIMS ":@/?");
    }
    return g_string_free(out, FALSE);
}

const char *
virURIGetParam(const virURI *uri, const char *name)
{
    size_t i;

    for (i = uri->nparams; i-- > 0;) {
        if (STREQ(uri->params[i].name, name))
            return uri->params[i].value;
    }
    return NULL;
}

int
virURICheckParams(const virURI *uri, const char *const *allowed)
{
    size_t i;

    for (i = 0; i < uri->nparams; i++) {
        if (!g_strv_contains(allowed, uri->params[i].name)) {
            g_autofree char *list = g_strjoinv(", ", (char **)allowed);

            virReportError(VIR_ERR_INVALID_ARG,
                           _("unknown URI parameter '%s' (this driver takes: %s)"),
                           uri->params[i].name, *allowed ? list : _("none"));
            return -1;
        }
    }
    return 0;
}
