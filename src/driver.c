/*
 * driver.c: the scheme table, and finding the drivers for a URI
 *
 * The test, LVE and VServer drivers are part of the library.  The Xen
 * driver is a module of its own (virtkit_driver_xen.so, in
 * VIRTKIT_DRIVER_DIR), loaded the first time a URI needs it, as libvirt
 * loads its connection drivers: so only a host that has it installed
 * needs the Xen libraries.
 */
#include "internal.h"

#include <gmodule.h>

#include "driver.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

typedef struct {
    const char *scheme;
    virHypervisorDriver *driver;    /* NULL: not built in, or not loaded yet */
    bool module;                    /* built as a module, loaded on demand */
    bool tried;                     /* the module was looked for */
} virDriverScheme;

/* Every scheme virtkit knows and the driver that serves it, in the order
 * virConnectOpen(NULL) probes them.  A scheme whose driver was compiled
 * out keeps its name here, so that it gets a clear answer. */
static virDriverScheme virDriverSchemes[] = {
    { "test", &testHypervisorDriver, false, false },    /* no probe: only when asked for */
#ifdef WITH_LVE
    { "lve", &lveHypervisorDriver, false, false },
#else
    { "lve", NULL, false, false },
#endif
#ifdef WITH_VSERVER
    { "vserver", &vserverHypervisorDriver, false, false },
#else
    { "vserver", NULL, false, false },
#endif
#ifdef WITH_XEN
    { "xen", NULL, true, false },
#else
    { "xen", NULL, false, false },
#endif
};

/* Guards the modules' entries of the table. */
static GMutex virDriverModuleLock;

/* The directory of the driver modules: VIRTKIT_DRIVER_DIR from the
 * environment (a build tree's, for its tests) or the installed one. */
static const char *
virDriverModuleDir(void)
{
    const char *dir = g_getenv("VIRTKIT_DRIVER_DIR");

    return dir && *dir ? dir : VIRTKIT_DRIVER_MODULE_DIR;
}

/* Loads the module of @entry once; lock held.  @quiet: a module that is
 * not installed is no error (the probe asks every driver). */
static void
virDriverModuleLoad(virDriverScheme *entry, bool quiet)
{
    g_autofree char *file = g_strdup_printf("virtkit_driver_%s.so", entry->scheme);
    g_autofree char *path = g_build_filename(virDriverModuleDir(), file, NULL);
    g_autofree char *entryName = g_strdup_printf("virtkitDriverModule_%s", entry->scheme);
    virHypervisorDriver *(*get)(void) = NULL;
    GModule *module;

    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        if (!quiet)
            virReportErrorBare(VIR_ERR_NO_CONNECT,
                               _("the '%s' driver is not installed: no module %s (Debian: "
                                 "apt-get install virtkit-driver-%s)"),
                               entry->scheme, path, entry->scheme);
        return;
    }
    entry->tried = true;
    if (!(module = g_module_open(path, G_MODULE_BIND_LOCAL))) {
        virReportErrorBare(VIR_ERR_NO_CONNECT, _("cannot load the '%s' driver: %s"),
                           entry->scheme, g_module_error());
        return;
    }
    if (!g_module_symbol(module, entryName, (gpointer *)&get) || !get) {
        virReportErrorBare(VIR_ERR_NO_CONNECT,
                           _("cannot load the '%s' driver: %s has no %s (a module of "
                             "another virtkit version?)"),
                           entry->scheme, path, entryName);
        g_module_close(module);
        return;
    }
    /* the driver's tables and state live as long as the process */
    g_module_make_resident(module);
    entry->driver = get();
    VIR_DEBUG("driver '%s' loaded from %s", entry->scheme, path);
}

/* The driver of @entry, loading its module when it is one; NULL with an
 * error (unless @quiet) when there is none. */
static virHypervisorDriver *
virDriverSchemeDriver(virDriverScheme *entry, bool quiet)
{
    virHypervisorDriver *driver;

    if (!entry->module)
        return entry->driver;
    g_mutex_lock(&virDriverModuleLock);
    if (!entry->driver && (!entry->tried || !quiet))
        virDriverModuleLoad(entry, quiet);
    driver = entry->driver;
    g_mutex_unlock(&virDriverModuleLock);
    return driver;
}

/**
 * virDriverRegisterModule:
 * @scheme: a scheme whose driver is built as a module
 * @driver: its table
 *
 * Puts a module's driver in the table without loading the module: for a
 * program linked with the driver itself (the Xen driver's tests).
 */
void
virDriverRegisterModule(const char *scheme, virHypervisorDriver *driver)
{
    size_t i;

    g_mutex_lock(&virDriverModuleLock);
    for (i = 0; i < G_N_ELEMENTS(virDriverSchemes); i++) {
        if (virDriverSchemes[i].module && STREQ(virDriverSchemes[i].scheme, scheme))
            virDriverSchemes[i].driver = driver;
    }
    g_mutex_unlock(&virDriverModuleLock);
}

/* The remote driver takes URIs with a transport or a host; it declines
 * the others, so a local URI a local driver declined stays declined. */
#ifdef WITH_REMOTE
static virHypervisorDriver *virDriverRemote = &remoteHypervisorDriver;
#else
static virHypervisorDriver *virDriverRemote;
#endif

static virDriverScheme *
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
    virDriverScheme *entry = virDriverSchemeLookup(scheme);
    virHypervisorDriver *driver;

    if (!entry) {
        virDriverReportUnknownScheme(scheme);
        return NULL;
    }
    if (entry->module) {
        /* not installed, or not loadable: the loader said which */
        return virDriverSchemeDriver(entry, false);
    }
    if (!(driver = entry->driver)) {
        /* libvirt's code when no driver takes a URI, in words of its own:
         * "this function is not supported by the connection driver" in
         * front of it would say two things, the first of them wrong */
        virReportErrorBare(VIR_ERR_NO_CONNECT, _("virtkit was built without the '%s' driver"),
                           scheme);
        return NULL;
    }
    return driver;
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
        virHypervisorDriver *driver = virDriverSchemeDriver(&virDriverSchemes[i], true);

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
