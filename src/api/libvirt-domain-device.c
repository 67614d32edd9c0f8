/*
 * libvirt-domain-device.c: entry points for attaching, detaching and
 * updating the devices of a domain
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* One entry point of the four driver calls taking a device's XML (or an
 * alias) and flags. */
typedef int (*virDomainDeviceCall)(virDomainPtr dom, const char *xml, unsigned int flags);

/* The checks of every entry point here, made in the name of @func, whose
 * string argument is @argname; then the driver's call in @slot. */
static int
virDomainDeviceDispatch(virDomainPtr domain, const char *xml, unsigned int flags,
                        size_t slot, const char *func, const char *argname)
{
    virConnectPtr conn;
    virDomainDeviceCall call;
    int ret;

    VIR_DEBUG("dom=%p, flags=0x%x", domain, flags);
    virResetLastError();
    if (!virDomainIsValid(domain)) {
        virReportInvalidHandle(VIR_ERR_INVALID_DOMAIN, func);
        return -1;
    }
    conn = domain->conn;
    if (!xml) {
        virReportInvalidArgFull(VIR_FROM_THIS, __FILE__, func, __LINE__, argname,
                                _("must not be NULL"));
        goto error;
    }
    if (conn->flags & VIR_CONNECT_RO) {
        virReportReadOnlyFull(VIR_FROM_THIS, __FILE__, func, __LINE__);
        goto error;
    }
    call = *(virDomainDeviceCall *)(void *)((char *)conn->driver + slot);
    if (!call) {
        virReportUnsupported(conn, func);
        goto error;
    }
    if ((ret = call(domain, xml, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

#define DISPATCH(domain, xml, flags, member) \
    virDomainDeviceDispatch(domain, xml, flags, offsetof(virHypervisorDriver, member), \
                            __func__, #xml)

/**
 * virDomainAttachDeviceFlags:
 * @domain: a domain object
 * @xml: one device element, as in <devices> of the domain's XML
 * @flags: bitwise-OR of virDomainDeviceModifyFlags
 *
 * Adds the device to the running domain (VIR_DOMAIN_AFFECT_LIVE), to its
 * configuration (VIR_DOMAIN_AFFECT_CONFIG), or both; the device is
 * checked and completed as a definition holding it would be.  A disk
 * whose target is taken is refused.  Either everything named by @flags
 * changes, or nothing does.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    return DISPATCH(domain, xml, flags, domainAttachDeviceFlags);
}

/**
 * virDomainAttachDevice:
 * @domain: a running domain
 * @xml: one device element
 *
 * virDomainAttachDeviceFlags() with VIR_DOMAIN_AFFECT_LIVE: hotplug, on
 * a running domain only.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainAttachDevice(virDomainPtr domain, const char *xml)
{
    return DISPATCH(domain, xml, VIR_DOMAIN_AFFECT_LIVE, domainAttachDeviceFlags);
}

/**
 * virDomainDetachDeviceFlags:
 * @domain: a domain object
 * @xml: the device to remove: a disk is found by its target, an
 *       interface by its MAC address, any other device by what @xml says
 *       of it (every attribute and child it has must match)
 * @flags: bitwise-OR of virDomainDeviceModifyFlags
 *
 * Removes the device from the running domain, its configuration, or both.
 *
 * Returns 0 on success, -1 on error (VIR_ERR_DEVICE_MISSING when no
 * device matches).
 */
int
virDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    return DISPATCH(domain, xml, flags, domainDetachDeviceFlags);
}

/**
 * virDomainDetachDevice:
 * @domain: a running domain
 * @xml: the device to remove
 *
 * virDomainDetachDeviceFlags() with VIR_DOMAIN_AFFECT_LIVE.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainDetachDevice(virDomainPtr domain, const char *xml)
{
    return DISPATCH(domain, xml, VIR_DOMAIN_AFFECT_LIVE, domainDetachDeviceFlags);
}

/**
 * virDomainUpdateDeviceFlags:
 * @domain: a domain object
 * @xml: the device's new XML; the device it replaces is found as
 *       virDomainDetachDeviceFlags() finds one (such as a CD-ROM by its
 *       target, to change its media)
 * @flags: bitwise-OR of virDomainDeviceModifyFlags
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    return DISPATCH(domain, xml, flags, domainUpdateDeviceFlags);
}

/**
 * virDomainDetachDeviceAlias:
 * @domain: a domain object
 * @alias: the device's <alias name=''/>
 * @flags: bitwise-OR of virDomainDeviceModifyFlags
 *
 * Removes the device with that alias.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainDetachDeviceAlias(virDomainPtr domain, const char *alias, unsigned int flags)
{
    return DISPATCH(domain, alias, flags, domainDetachDeviceAlias);
}
