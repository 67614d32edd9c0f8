/*
 * xen_light.c: guests through libxl: its context, building, tearing down,
 * reading back the configuration a guest was built with
 *
 * libxl is used synchronously (ao_how NULL): each call runs libxl's own
 * event loop in the calling thread until the operation completes, which
 * is how a building guest's hotplug scripts and xenstore handshakes make
 * progress.  libxl forks (hotplug scripts, libxl-save-helper); it reaps
 * only its own children (always_selective_reap), so the application's
 * children and waitpid() calls are left alone.  Events for the driver come
 * from xenstore watches (xen_watch.c), not from libxl's event API.
 */
#include "internal.h"

#include "virerror.h"
#include "virlog.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* must outlive every libxl_ctx: libxl keeps the pointer */
static const libxl_childproc_hooks xenLightChildHooks = {
    .chldowner = libxl_sigchld_owner_libxl_always_selective_reap,
};

char *
xenLightWho(unsigned int domid)
{
    return g_strdup_printf(_("domain %u"), domid);
}

int
xenLightOpen(xenHandle *h)
{
    int rc;

    xenLoggerBegin();
    if ((rc = libxl_ctx_alloc(&h->ctx, LIBXL_VERSION, 0, xenLoggerGet(h->logger))) < 0) {
        g_autofree char *why = xenLoggerErrors();

        h->ctx = NULL;
        virReportError(VIR_ERR_NO_CONNECT, _("cannot start libxl: %s%s%s"),
                       xenLightErrorMeaning(rc), why ? ": " : "", why ? why : "");
        return -1;
    }
    libxl_childproc_setmode(h->ctx, &xenLightChildHooks, NULL);
    return 0;
}

void
xenLightClose(xenHandle *h)
{
    if (h->ctx)
        libxl_ctx_free(h->ctx);
    h->ctx = NULL;
}

/* libxl answers a duplicate name deep inside creation; say it first. */
int
xenLightCheckNameFree(xenHandle *h, const char *name, const char *what)
{
    uint32_t other;

    if (libxl_name_to_domid(h->ctx, name, &other) == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("Xen guest '%s': cannot %s: domain %u has that name already"),
                       name, what, other);
        return -1;
    }
    return 0;
}

void
xenLightReport(const char *who, int rc, const char *what)
{
    g_autofree char *detail = xenLoggerErrors();

    xenReportLightError(who, rc, detail, "%s", what);
}

int
xenLightUnpauseNew(xenHandle *h, const char *name, uint32_t domid)
{
    int rc;

    xenLoggerBegin();
    if ((rc = libxl_domain_unpause(h->ctx, domid, NULL)) < 0) {
        g_autofree char *who = g_strdup_printf(_("Xen guest '%s' (domain %u)"), name, domid);

        xenLightReport(who, rc, _("start it once built"));
        libxl_domain_destroy(h->ctx, domid, NULL);
        return -1;
    }
    return 0;
}

int
xenLightCreate(xenHandle *h, const xenDomainConfig *def,
               unsigned int flags, unsigned int *domid)
{
    libxl_domain_config config;
    uint32_t id = INVALID_DOMID;
    int ret = -1;
    int rc;

    if (xenDomainConfigValidate(def) < 0 ||
        xenLightCheckNameFree(h, def->name, _("create it")) < 0)
        return -1;
    libxl_domain_config_init(&config);
    if (xenLightConfigFromDef(h, def, &config) < 0)
        goto cleanup;
    xenLoggerBegin();
    /* libxl builds it paused and destroys what it built if it fails */
    if ((rc = libxl_domain_create_new(h->ctx, &config, &id, NULL, NULL)) < 0) {
        g_autofree char *who = g_strdup_printf(_("Xen guest '%s'"), def->name);

        xenLightReport(who, rc, _("create it"));
        goto cleanup;
    }
    if (!(flags & XEN_CREATE_PAUSED) && xenLightUnpauseNew(h, def->name, id) < 0)
        goto cleanup;
    VIR_DEBUG("built Xen guest '%s' as domain %u", def->name, id);
    *domid = id;
    ret = 0;

 cleanup:
    libxl_domain_config_dispose(&config);
    return ret;
}

int
xenLightDestroy(xenHandle *h, unsigned int domid)
{
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, _("destroy it"), &info) < 0)
        return -1;
    if (domid == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain 0: cannot destroy Domain-0: the toolstack runs in it"));
        return -1;
    }
    xenLoggerBegin();
    if ((rc = libxl_domain_destroy(h->ctx, domid, NULL)) < 0) {
        g_autofree char *who = xenLightWho(domid);

        xenLightReport(who, rc, _("destroy it"));
        return -1;
    }
    return 0;
}

int
xenLightCoreDump(xenHandle *h, unsigned int domid, const char *path)
{
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, _("dump its core"), &info) < 0)
        return -1;
    xenLoggerBegin();
    if ((rc = libxl_domain_core_dump(h->ctx, domid, path, NULL)) < 0) {
        g_autofree char *who = xenLightWho(domid);
        g_autofree char *what = g_strdup_printf(_("dump its core to '%s'"), path);

        xenLightReport(who, rc, what);
        return -1;
    }
    return 0;
}

xenDomainConfig *
xenLightDomainConfig(xenHandle *h, unsigned int domid)
{
    libxl_domain_config config;
    xenDomainConfig *def = NULL;
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, _("read its configuration"), &info) < 0)
        return NULL;
    libxl_domain_config_init(&config);
    xenLoggerBegin();
    if ((rc = libxl_retrieve_domain_configuration(h->ctx, domid, &config, NULL)) < 0) {
        g_autofree char *who = xenLightWho(domid);

        xenLightReport(who, rc, _("read its configuration (was it built by libxl?)"));
    } else {
        def = xenLightConfigToDef(&config);
    }
    libxl_domain_config_dispose(&config);
    return def;
}
