/*
 * driver.c: registering drivers and finding the one for a URI
 */
#include "internal.h"

#include "driver.h"
#include "virerror.h"
#include "virlog.h"

#include "drivers/test/test_driver.h"
#ifdef WITH_LVE
# include "drivers/lve/lve_driver.h"
#endif
#ifdef WITH_VSERVER
# include "drivers/vserver/vserver_driver.h"
#endif
#ifdef WITH_XEN
# include "drivers/xen/xen_driver.h"
#endif

#define VIR_FROM_THIS VIR_FROM_NONE

#define VIR_MAX_DRIVERS 8

static virHypervisorDriver *virDrivers[VIR_MAX_DRIVERS];
static size_t virDriverCount;

/* Every scheme virtkit knows, built or not: a compiled-out driver still has
 * a name and a clear answer. */
static const char *const virKnownSchemes[] = { "test", "lve", "vserver", "xen", NULL };

int
virRegisterHypervisorDriver(virHypervisorDriver *driver)
{
    if (virDriverCount == VIR_MAX_DRIVERS) {
        virReportError(VIR_ERR_DRIVER_FULL, _("cannot register the '%s' driver: %d drivers already"),
                       driver->name, VIR_MAX_DRIVERS);
        return -1;
    }
    VIR_DEBUG("registering driver '%s'", driver->name);
    virDrivers[virDriverCount++] = driver;
    return 0;
}

/* The one place drivers are registered, in the order their host probes
 * are tried by virConnectOpen(NULL). */
void
virDriverRegisterAll(void)
{
#ifdef WITH_XEN
    xenRegister();
#endif
#ifdef WITH_LVE
    lveRegister();
#endif
#ifdef WITH_VSERVER
    vserverRegister();
#endif
    testRegister();
}

virHypervisorDriver *
virDriverForScheme(const char *scheme)
{
    size_t i;

    for (i = 0; i < virDriverCount; i++) {
        if (g_strv_contains(virDrivers[i]->uriSchemes, scheme))
            return virDrivers[i];
    }
    if (g_strv_contains(virKnownSchemes, scheme)) {
        virReportError(VIR_ERR_NO_SUPPORT, _("virtkit was built without the '%s' driver"),
                       scheme);
    } else {
        g_autofree char *known = g_strjoinv(", ", (char **)virKnownSchemes);

        virReportError(VIR_ERR_NO_CONNECT,
                       _("no driver for URI scheme '%s' (virtkit knows: %s)"), scheme, known);
    }
    return NULL;
}

int
virDriverProbeDefaultURI(char **uri)
{
    g_autoptr(GString) tried = g_string_new(NULL);
    size_t i;

    for (i = 0; i < virDriverCount; i++) {
        if (!virDrivers[i]->connectURIProbe)
            continue;
        if (virDrivers[i]->connectURIProbe(uri) < 0)
            return -1;
        if (*uri) {
            VIR_DEBUG("probe of '%s' chose '%s'", virDrivers[i]->name, *uri);
            return 0;
        }
        g_string_append_printf(tried, "%s%s", tried->len ? ", " : "", virDrivers[i]->name);
    }
    virReportError(VIR_ERR_NO_CONNECT,
                   _("no hypervisor was found on this host (probed: %s); give a URI such as "
                     "test:///default, or set VIRTKIT_DEFAULT_URI"),
                   tried->len ? tried->str : _("no driver has a probe"));
    return -1;
}
