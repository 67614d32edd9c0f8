/*
 * libvirt-domain-device.c: entry points for attaching, detaching and
 * updating the devices of a domain, and for pressing keys on its keyboard
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

/**
 * virDomainSendKey:
 * @domain: a running domain
 * @codeset: the code set of @keycodes, a virKeycodeSet
 * @holdtime: how long the keys are held down, in milliseconds
 * @keycodes: the keys, pressed in this order and released together
 * @nkeycodes: how many, 1 to VIR_DOMAIN_SEND_KEY_MAX_KEYS
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Presses keys on the domain's keyboard.  A driver refuses a code set or
 * a combination of keys its hypervisor cannot send: virtkit's drivers
 * know the Linux code set only (VIR_ERR_CONFIG_UNSUPPORTED for another).
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSendKey(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
                 unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p codeset=%u holdtime=%u nkeycodes=%d flags=0x%x",
              domain, codeset, holdtime, nkeycodes, flags);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    /* libvirt's order: read-only first, then the arguments */
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (virCheckNonNullArg(keycodes) < 0)
        goto error;
    if (virCheckArg(nkeycodes > 0, "nkeycodes", _("must be greater than zero")) < 0)
        goto error;
    if (virCheckArg(codeset < VIR_KEYCODE_SET_LAST, "codeset",
                    _("is not a virKeycodeSet value")) < 0)
        goto error;
    if (virCheckArg(nkeycodes <= VIR_DOMAIN_SEND_KEY_MAX_KEYS, "nkeycodes",
                    _("must not exceed VIR_DOMAIN_SEND_KEY_MAX_KEYS ("
                      G_STRINGIFY(VIR_DOMAIN_SEND_KEY_MAX_KEYS) ")")) < 0)
        goto error;
    if (!conn->driver->domainSendKey) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSendKey(domain, codeset, holdtime, keycodes, nkeycodes,
                                           flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}
