/*
 * driver.c: the scheme table, and finding the drivers for a URI
 */
#include "internal.h"

#include "driver.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

typedef struct {
    const char *scheme;
    virHypervisorDriver *driver;    /* NULL: virtkit was built without it */
} virDriverScheme;

/* Every scheme virtkit knows and the driver that serves it, in the order
 * virConnectOpen(NULL) probes them.  A scheme whose driver was compiled
 * out keeps its name here, so that it gets a clear answer. */
static const virDriverScheme virDriverSchemes[] = {
    { "test", &testHypervisorDriver },    /* no probe: only when asked for */
#ifdef WITH_LVE
    { "lve", &lveHypervisorDriver },
#else
    { "lve", NULL },
#endif
#ifdef WITH_VSERVER
    { "vserver", &vserverHypervisorDriver },
#else
    { "vserver", NULL },
#endif
#ifdef WITH_XEN
    { "xen", &xenHypervisorDriver },
#else
    { "xen", NULL },
#endif
};

/* The remote driver takes URIs with a transport or a host; it declines
 * the others, so a local URI a local driver declined stays declined. */
#ifdef WITH_REMOTE
static virHypervisorDriver *virDriverRemote = &remoteHypervisorDriver;
#else
static virHypervisorDriver *virDriverRemote;
#endif

static const virDriverScheme *
virDriverSchemeLookup(const char *scheme)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDriverSchemes); i++) {
        if (STREQ(virDriverSchemes[i].scheme, scheme))
            return &virDriverSchemes[i];
    }
    return NULL;
}

static void
virDriverReportUnknownScheme(const char *scheme)
{
    g_autoptr(GString) known = g_string_new(NULL);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDriverSchemes); i++)
        g_string_append_printf(known, "%s%s", i ? ", " : "", virDriverSchemes[i].scheme);
    virReportError(VIR_ERR_NO_CONNECT, _("no driver for URI scheme '%s' (virtkit knows: %s)"),
                   scheme, known->str);
}

virHypervisorDriver *
virDriverForScheme(const char *scheme)
{
    const virDriverScheme *entry = virDriverSchemeLookup(scheme);

    if (!entry) {
        virDriverReportUnknownScheme(scheme);
        return NULL;
    }
    if (!entry->driver) {
        /* libvirt's code when no driver takes a URI, in words of its own:
         * "this function is not supported by the connection driver" in
         * front of it would say two things, the first of them wrong */
        virReportErrorBare(VIR_ERR_NO_CONNECT, _("virtkit was built without the '%s' driver"),
                           scheme);
        return NULL;
    }
    return entry->driver;
}

int
virDriverCandidates(const virURI *uri, virHypervisorDriver *candidates[2])
{
    g_autofree char *name = virURIFormat(uri);
    int n = 0;

    if (!uri->transport && !uri->server) {
        if (!(candidates[n] = virDriverForScheme(uri->scheme)))
            return -1;
        n++;
    }
    if (virDriverRemote)
        candidates[n++] = virDriverRemote;
    if (n == 0) {
        virReportError(VIR_ERR_NO_CONNECT,
                       _("cannot open '%s': virtkit was built without the remote driver, so URIs "
                         "with a transport (+unix, +ssh) or a host name are not supported"),
                       name);
        return -1;
    }
    return n;
}

int
virDriverProbeDefaultURI(char **uri)
{
    g_autoptr(GString) tried = g_string_new(NULL);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDriverSchemes); i++) {
        virHypervisorDriver *driver = virDriverSchemes[i].driver;

        if (!driver || !driver->connectURIProbe)
            continue;
        if (driver->connectURIProbe(uri) < 0)
            return -1;
        if (*uri) {
            VIR_DEBUG("probe of '%s' chose '%s'", driver->name, *uri);
            return 0;
        }
        g_string_append_printf(tried, "%s%s", tried->len ? ", " : "", driver->name);
    }
    virReportError(VIR_ERR_NO_CONNECT,
                   _("no hypervisor was found on this host (probed: %s); give a URI such as "
                     "test:///default, or set VIRTKIT_DEFAULT_URI"),
                   tried->len ? tried->str : _("no driver has a probe"));
    return -1;
}
