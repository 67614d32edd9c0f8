/*
 * domain_device.c: attaching, detaching and updating devices, for every
 * driver, through the one transaction of domain_update.c
 *
 * The configuration takes any device a definition may hold; the running
 * domain only the families the driver hotplugs (base->hotplugDevices),
 * which its applyLive hook then gives the hypervisor.  The changed
 * definition is read back as define reads one, so an attached device is
 * checked, completed and ordered exactly as the same device written in
 * the domain's XML would be.
 */
#include "internal.h"

#include "domain_update.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

typedef enum {
    VIR_DOMAIN_DRIVER_DEVICE_ATTACH,
    VIR_DOMAIN_DRIVER_DEVICE_DETACH,
    VIR_DOMAIN_DRIVER_DEVICE_UPDATE,
} virDomainDriverDeviceAction;

static const char *const virDomainDriverDeviceVerb[] = { "attach", "detach", "update" };

typedef struct {
    virDomainDriverDeviceAction action;
    virDomainDeviceDef *dev;    /* as the user gave it; NULL: by @alias */
    const char *alias;
} virDomainDriverDeviceChange;

static virDomainDef *
virDomainDriverDeriveDevice(virDomainDriverBase *base, const virDomainDef *def, bool live,
                            const void *arg)
{
    const virDomainDriverDeviceChange *c = arg;
    ssize_t idx = -1;
    int type;

    if (c->action != VIR_DOMAIN_DRIVER_DEVICE_ATTACH &&
        (idx = c->dev ? virDomainDefFindDevice(def, c->dev)
                      : virDomainDefFindDeviceAlias(def, c->alias)) < 0)
        return NULL;
    type = c->dev ? c->dev->type : def->devices[idx].type;
    if (live && !(base->hotplugDevices & (G_GUINT64_CONSTANT(1) << type))) {
        virDomainDriverError(base, VIR_ERR_OPERATION_UNSUPPORTED,
                             _("live %s of device '%s' is not supported"),
                             virDomainDriverDeviceVerb[c->action],
                             virDomainDeviceTypeToString(type));
        return NULL;
    }
    return virDomainDefChangeDevice(def, &base->xmlopt, idx,
                                    c->action == VIR_DOMAIN_DRIVER_DEVICE_DETACH ? NULL : c->dev);
}

static int
virDomainDriverChangeDevice(virDomainPtr dom, virDomainDriverDeviceAction action,
                            const char *xml, const char *alias, unsigned int flags)
{
    g_autoptr(virDomainDeviceDef) dev = NULL;
    virDomainDriverDeviceChange c = { action, NULL, alias };
    virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_DEVICES, NULL, NULL, virDomainDriverDeriveDevice,
    };

    if (xml && !(c.dev = dev = virDomainDeviceDefParseString(xml)))
        return -1;
    return virDomainDriverUpdate(dom, flags, &edit, &c);
}

int
sharedDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverChangeDevice(dom, VIR_DOMAIN_DRIVER_DEVICE_ATTACH, xml, NULL, flags);
}

int
sharedDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverChangeDevice(dom, VIR_DOMAIN_DRIVER_DEVICE_DETACH, xml, NULL, flags);
}

int
sharedDomainUpdateDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    /* FORCE (eject a locked CD-ROM) asks nothing more of a model or a
     * configuration: accepted, as libvirt does */
    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                              VIR_DOMAIN_DEVICE_MODIFY_FORCE, -1);
    return virDomainDriverChangeDevice(dom, VIR_DOMAIN_DRIVER_DEVICE_UPDATE, xml, NULL, flags);
}

int
sharedDomainDetachDeviceAlias(virDomainPtr dom, const char *alias, unsigned int flags)
{
    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverChangeDevice(dom, VIR_DOMAIN_DRIVER_DEVICE_DETACH, NULL, alias, flags);
}
