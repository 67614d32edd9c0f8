/*
 * libvirt-domain.c: entry points for listing, looking up, defining and
 * running domains
 */
#include "internal.h"

#include "api.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virConnectNumOfDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the number of active domains, or -1.
 */
int
virConnectNumOfDomains(virConnectPtr conn)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectNumOfDomains, < 0, -1, conn);
}

/**
 * virConnectListDomains:
 * @conn: pointer to the hypervisor connection
 * @ids: array to collect the list of IDs of active domains
 * @maxids: size of @ids
 *
 * Collects the ids of active domains.  The list may change before the
 * caller uses it; virConnectListAllDomains() does not have that race.
 *
 * Returns the number of ids stored in @ids, or -1.
 */
int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_ARG(conn, maxids >= 0, "maxids", _("must not be negative"), -1);
    VIR_CHECK_ARG(conn, ids || maxids == 0, "ids", _("must not be NULL"), -1);
    VIR_DRIVER_CALL(conn, connectListDomains, < 0, -1, conn, ids, maxids);
}

/**
 * virConnectNumOfDefinedDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the number of defined (persistent) domains that are not
 * running, or -1.
 */
int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectNumOfDefinedDomains, < 0, -1, conn);
}

/**
 * virConnectListDefinedDomains:
 * @conn: pointer to the hypervisor connection
 * @names: array to collect the names of inactive domains; the caller frees
 *         each with free()
 * @maxnames: size of @names
 *
 * Returns the number of names stored in @names, or -1.
 */
int
virConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_ARG(conn, maxnames >= 0, "maxnames", _("must not be negative"), -1);
    VIR_CHECK_ARG(conn, names || maxnames == 0, "names", _("must not be NULL"), -1);
    VIR_DRIVER_CALL(conn, connectListDefinedDomains, < 0, -1, conn, names, maxnames);
}

/**
 * virConnectListAllDomains:
 * @conn: pointer to the hypervisor connection
 * @domains: where to store the array of domain handles, or NULL to only
 *           count; the caller frees each handle with virDomainFree() and
 *           the array with free()
 * @flags: bitwise-OR of virConnectListAllDomainsFlags filters
 *
 * Collects the domains that pass every filter group in @flags, all at one
 * instant.  With @flags 0, every domain.
 *
 * Returns the number of domains, or -1.
 */
int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                         unsigned int flags)
{
    if (domains)
        *domains = NULL;
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectListAllDomains, < 0, -1, conn, domains, flags);
}

/**
 * virDomainGetConnect:
 * @domain: pointer to a domain
 *
 * Returns the connection of @domain, without a new reference, or NULL.
 */
virConnectPtr
virDomainGetConnect(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, NULL);
    return domain->conn;
}

/**
 * virDomainLookupByID:
 * @conn: pointer to the hypervisor connection
 * @id: the id of an active domain
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL with
 * VIR_ERR_NO_DOMAIN when no active domain has that id.
 */
virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_ARG(conn, id >= 0, "id", _("must not be negative"), NULL);
    VIR_DRIVER_CALL(conn, domainLookupByID, == NULL, NULL, conn, id);
}

/**
 * virDomainLookupByName:
 * @conn: pointer to the hypervisor connection
 * @name: name of the domain
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL.
 */
virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_NONNULL(conn, name, NULL);
    VIR_DRIVER_CALL(conn, domainLookupByName, == NULL, NULL, conn, name);
}

/**
 * virDomainLookupByUUID:
 * @conn: pointer to the hypervisor connection
 * @uuid: the raw UUID of the domain (VIR_UUID_BUFLEN bytes)
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL.
 */
virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_NONNULL(conn, uuid, NULL);
    VIR_DRIVER_CALL(conn, domainLookupByUUID, == NULL, NULL, conn, uuid);
}

/**
 * virDomainLookupByUUIDString:
 * @conn: pointer to the hypervisor connection
 * @uuidstr: the UUID of the domain, in printable form
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL.
 */
virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_NONNULL(conn, uuidstr, NULL);
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid UUID '%s'"), uuidstr);
        virDispatchError(conn);
        return NULL;
    }
    VIR_DRIVER_CALL(conn, domainLookupByUUID, == NULL, NULL, conn, uuid);
}

/**
 * virDomainRef:
 * @domain: the domain to hold a reference on
 *
 * Takes one more reference on @domain; each is released with
 * virDomainFree().
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainRef(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    g_atomic_int_inc(&domain->refs);
    return 0;
}

/**
 * virDomainFree:
 * @domain: a domain object
 *
 * Releases a reference on the handle; the domain itself is not affected.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainFree(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    if (g_atomic_int_dec_and_test(&domain->refs))
        virDomainRelease(domain);
    return 0;
}

/**
 * virDomainGetName:
 * @domain: a domain object
 *
 * Returns the name of the domain, valid as long as the handle, or NULL.
 */
const char *
virDomainGetName(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, NULL);
    return domain->name;
}

/**
 * virDomainGetID:
 * @domain: a domain object
 *
 * Returns the id of the domain when the handle was made or last changed
 * by a start or stop through it; (unsigned int)-1 when inactive or on error.
 */
unsigned int
virDomainGetID(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, (unsigned int)-1);
    return (unsigned int)g_atomic_int_get(&domain->id);
}

/**
 * virDomainGetUUID:
 * @domain: a domain object
 * @uuid: pointer to a VIR_UUID_BUFLEN bytes array
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, uuid, -1);
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;
}

/**
 * virDomainGetUUIDString:
 * @domain: a domain object
 * @buf: pointer to a VIR_UUID_STRING_BUFLEN bytes array
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, buf, -1);
    virUUIDFormat(domain->uuid, buf);
    return 0;
}

/**
 * virDomainGetOSType:
 * @domain: a domain object
 *
 * Returns the type of guest OS ("hvm", "exe", ...), to free with free(),
 * or NULL.
 */
char *
virDomainGetOSType(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, NULL);
    VIR_DRIVER_CALL(domain->conn, domainGetOSType, == NULL, NULL, domain);
}

/**
 * virDomainDefineXMLFlags:
 * @conn: pointer to the hypervisor connection
 * @xml: the XML description of the domain
 * @flags: bitwise-OR of virDomainDefineFlags
 *
 * Defines a persistent domain, or replaces the configuration of one with
 * the same name and UUID (a running domain keeps running as it was until
 * its next start).
 *
 * Returns a new domain handle, or NULL.
 */
virDomainPtr
virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_NONNULL(conn, xml, NULL);
    VIR_CHECK_READ_ONLY(conn, NULL);
    VIR_DRIVER_CALL(conn, domainDefineXMLFlags, == NULL, NULL, conn, xml, flags);
}

/**
 * virDomainDefineXML:
 * @conn: pointer to the hypervisor connection
 * @xml: the XML description of the domain
 *
 * virDomainDefineXMLFlags() with no flags.
 *
 * Returns a new domain handle, or NULL.
 */
virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_NONNULL(conn, xml, NULL);
    VIR_CHECK_READ_ONLY(conn, NULL);
    VIR_DRIVER_CALL(conn, domainDefineXMLFlags, == NULL, NULL, conn, xml, 0);
}

/**
 * virDomainUndefineFlags:
 * @domain: pointer to a defined domain
 * @flags: bitwise-OR of virDomainUndefineFlagsValues
 *
 * Removes the persistent configuration.  A running domain keeps running
 * and becomes transient.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainUndefineFlags, < 0, -1, domain, flags);
}

/**
 * virDomainUndefine:
 * @domain: pointer to a defined domain
 *
 * virDomainUndefineFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainUndefine(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainUndefineFlags, < 0, -1, domain, 0);
}

/**
 * virDomainCreateXML:
 * @conn: pointer to the hypervisor connection
 * @xmlDesc: the XML description of the domain
 * @flags: bitwise-OR of virDomainCreateFlags
 *
 * Starts a transient domain: it has no persistent configuration and is
 * gone when it stops.
 *
 * Returns a new domain handle, or NULL.
 */
virDomainPtr
virDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    VIR_ENTRY_CONN(conn, NULL);
    VIR_CHECK_NONNULL(conn, xmlDesc, NULL);
    VIR_CHECK_READ_ONLY(conn, NULL);
    VIR_DRIVER_CALL(conn, domainCreateXML, == NULL, NULL, conn, xmlDesc, flags);
}

/**
 * virDomainCreateWithFlags:
 * @domain: pointer to a defined domain
 * @flags: bitwise-OR of virDomainCreateFlags
 *
 * Starts a defined domain; on success the handle carries the new id.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainCreateWithFlags, < 0, -1, domain, flags);
}

/**
 * virDomainCreate:
 * @domain: pointer to a defined domain
 *
 * virDomainCreateWithFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainCreate(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainCreateWithFlags, < 0, -1, domain, 0);
}

/**
 * virDomainShutdownFlags:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainShutdownFlagValues
 *
 * Asks the domain to shut down: a guest OS is asked to power off; a
 * container's tasks get SIGTERM and a grace period.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainShutdownFlags, < 0, -1, domain, flags);
}

/**
 * virDomainShutdown:
 * @domain: a domain object
 *
 * virDomainShutdownFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainShutdown(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainShutdownFlags, < 0, -1, domain, 0);
}

/**
 * virDomainReboot:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainRebootFlagValues
 *
 * Reboots the domain (for containers: stop and start again).
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainReboot(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainReboot, < 0, -1, domain, flags);
}

/**
 * virDomainReset:
 * @domain: a domain object
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Resets the domain at once, like the reset button of a machine.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainReset(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainReset, < 0, -1, domain, flags);
}

/**
 * virDomainDestroyFlags:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainDestroyFlagsValues
 *
 * Stops the domain at once: every task is killed.  A transient domain is
 * gone afterwards; the handle stays valid for the caller to free.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainDestroyFlags, < 0, -1, domain, flags);
}

/**
 * virDomainDestroy:
 * @domain: a domain object
 *
 * virDomainDestroyFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainDestroy(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainDestroyFlags, < 0, -1, domain, 0);
}

/**
 * virDomainSuspend:
 * @domain: a domain object
 *
 * Pauses the domain: it keeps its resources but gets no CPU time.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSuspend(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSuspend, < 0, -1, domain);
}

/**
 * virDomainResume:
 * @domain: a domain object
 *
 * Resumes a paused domain.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainResume(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainResume, < 0, -1, domain);
}

/**
 * virDomainSaveFlags:
 * @domain: a domain object
 * @to: path of the file to save to
 * @dxml: optional XML to replace the saved definition, or NULL
 * @flags: bitwise-OR of virDomainSaveRestoreFlags
 *
 * Saves the running domain's state to @to and stops it.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml,
                   unsigned int flags)
{
    g_autofree char *path = NULL;

    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, to, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_CHECK_ARG(domain->conn, !((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED)),
                  "flags", _("must not hold both VIR_DOMAIN_SAVE_RUNNING and VIR_DOMAIN_SAVE_PAUSED"), -1);
    /* the driver may run in another process: give it an absolute path */
    path = g_canonicalize_filename(to, NULL);
    VIR_DRIVER_CALL(domain->conn, domainSaveFlags, < 0, -1, domain, path, dxml, flags);
}

/**
 * virDomainSave:
 * @domain: a domain object
 * @to: path of the file to save to
 *
 * virDomainSaveFlags() without XML or flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSave(virDomainPtr domain, const char *to)
{
    g_autofree char *path = NULL;

    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, to, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    path = g_canonicalize_filename(to, NULL);
    VIR_DRIVER_CALL(domain->conn, domainSaveFlags, < 0, -1, domain, path, NULL, 0);
}

/**
 * virDomainRestoreFlags:
 * @conn: pointer to the hypervisor connection
 * @from: path of a file written by virDomainSave()
 * @dxml: optional XML to replace the saved definition, or NULL
 * @flags: bitwise-OR of virDomainSaveRestoreFlags
 *
 * Starts the domain saved in @from where it left off.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                      unsigned int flags)
{
    g_autofree char *path = NULL;

    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, from, -1);
    VIR_CHECK_READ_ONLY(conn, -1);
    VIR_CHECK_ARG(conn, !((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED)),
                  "flags", _("must not hold both VIR_DOMAIN_SAVE_RUNNING and VIR_DOMAIN_SAVE_PAUSED"), -1);
    path = g_canonicalize_filename(from, NULL);
    VIR_DRIVER_CALL(conn, domainRestoreFlags, < 0, -1, conn, path, dxml, flags);
}

/**
 * virDomainRestore:
 * @conn: pointer to the hypervisor connection
 * @from: path of a file written by virDomainSave()
 *
 * virDomainRestoreFlags() without XML or flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainRestore(virConnectPtr conn, const char *from)
{
    g_autofree char *path = NULL;

    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, from, -1);
    VIR_CHECK_READ_ONLY(conn, -1);
    path = g_canonicalize_filename(from, NULL);
    VIR_DRIVER_CALL(conn, domainRestoreFlags, < 0, -1, conn, path, NULL, 0);
}

/**
 * virDomainManagedSave:
 * @dom: pointer to the domain
 * @flags: bitwise-OR of virDomainSaveRestoreFlags
 *
 * Saves the running domain to a place the driver manages; the next start
 * resumes from it.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainManagedSave(virDomainPtr dom, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(dom, -1);
    VIR_CHECK_READ_ONLY(dom->conn, -1);
    VIR_DRIVER_CALL(dom->conn, domainManagedSave, < 0, -1, dom, flags);
}

/**
 * virDomainHasManagedSaveImage:
 * @dom: pointer to the domain
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns 1 if a managed save image exists, 0 if not, -1 on error.
 */
int
virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(dom, -1);
    VIR_DRIVER_CALL(dom->conn, domainHasManagedSaveImage, < 0, -1, dom, flags);
}

/**
 * virDomainManagedSaveRemove:
 * @dom: pointer to the domain
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Discards a managed save image.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(dom, -1);
    VIR_CHECK_READ_ONLY(dom->conn, -1);
    VIR_DRIVER_CALL(dom->conn, domainManagedSaveRemove, < 0, -1, dom, flags);
}

/**
 * virDomainGetAutostart:
 * @domain: a domain object
 * @autostart: the value returned
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, autostart, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetAutostart, < 0, -1, domain, autostart);
}

/**
 * virDomainSetAutostart:
 * @domain: a domain object
 * @autostart: whether the domain should be started when the host boots
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetAutostart(virDomainPtr domain, int autostart)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetAutostart, < 0, -1, domain, autostart);
}

/**
 * virDomainGetInfo:
 * @domain: a domain object
 * @info: pointer to a virDomainInfo structure allocated by the user
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    if (info)
        memset(info, 0, sizeof(*info));
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, info, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetInfo, < 0, -1, domain, info);
}

/**
 * virDomainGetState:
 * @domain: a domain object
 * @state: returned state of the domain (one of virDomainState)
 * @reason: returned reason (one of virDomain*Reason), or NULL
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, state, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetState, < 0, -1, domain, state, reason, flags);
}

/**
 * virDomainGetXMLDesc:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainXMLFlags
 *
 * Describes the domain in XML: the live definition of a running domain,
 * or with VIR_DOMAIN_XML_INACTIVE the one its next start will use.
 *
 * Returns the XML to free with free(), or NULL.
 */
char *
virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, NULL);
    if ((domain->conn->flags & VIR_CONNECT_RO) && (flags & VIR_DOMAIN_XML_SECURE)) {
        virReportError(VIR_ERR_OPERATION_DENIED, "%s",
                       _("virDomainGetXMLDesc with secure flag"));
        virDispatchError(domain->conn);
        return NULL;
    }
    VIR_DRIVER_CALL(domain->conn, domainGetXMLDesc, == NULL, NULL, domain, flags);
}

/**
 * virDomainIsActive:
 * @dom: pointer to the domain object
 *
 * Returns 1 if running, 0 if not, -1 on error.
 */
int
virDomainIsActive(virDomainPtr dom)
{
    VIR_ENTRY_DOMAIN(dom, -1);
    VIR_DRIVER_CALL(dom->conn, domainIsActive, < 0, -1, dom);
}

/**
 * virDomainIsPersistent:
 * @dom: pointer to the domain object
 *
 * Returns 1 if the domain has a persistent configuration, 0 if not, -1 on
 * error.
 */
int
virDomainIsPersistent(virDomainPtr dom)
{
    VIR_ENTRY_DOMAIN(dom, -1);
    VIR_DRIVER_CALL(dom->conn, domainIsPersistent, < 0, -1, dom);
}

/**
 * virDomainIsUpdated:
 * @dom: pointer to the domain object
 *
 * Returns 1 if the running domain's configuration was changed since it
 * started (its next start will differ), 0 if not, -1 on error.
 */
int
virDomainIsUpdated(virDomainPtr dom)
{
    VIR_ENTRY_DOMAIN(dom, -1);
    VIR_DRIVER_CALL(dom->conn, domainIsUpdated, < 0, -1, dom);
}

/**
 * virDomainGetSecurityLabel:
 * @domain: a domain object
 * @seclabel: pointer to a virSecurityLabel structure
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, seclabel, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetSecurityLabel, < 0, -1, domain, seclabel);
}

/**
 * virDomainGetMessages:
 * @domain: a domain object
 * @msgs: where to store the array of messages; free each and the array
 * @flags: bitwise-OR of virDomainMessageType, or 0 for all
 *
 * Returns the number of messages, or -1.
 */
int
virDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, msgs, -1);
    *msgs = NULL;
    VIR_DRIVER_CALL(domain->conn, domainGetMessages, < 0, -1, domain, msgs, flags);
}

/**
 * virDomainGetCPUStats:
 * @domain: domain to query
 * @params: array to fill, or NULL to ask for counts
 * @nparams: number of parameters per cpu
 * @start_cpu: first host cpu, or -1 for the domain's total
 * @ncpus: number of cpus to query (1 with @start_cpu -1)
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Gives CPU time statistics, per host cpu or in total.  With @params
 * NULL, @nparams 0 and @ncpus 0, returns the number of host cpus; with
 * @params NULL, @nparams 0 and @ncpus 1, the number of statistics.
 *
 * Returns the number of statistics filled per cpu (or the count asked
 * for), -1 on error.
 */
int
virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                     unsigned int nparams, int start_cpu, unsigned int ncpus,
                     unsigned int flags)
{
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, start_cpu >= -1, "start_cpu", _("must be -1 or a cpu number"), -1);
    VIR_CHECK_ARG(domain->conn, start_cpu != -1 || ncpus == 1, "ncpus",
                  _("must be 1 when start_cpu is -1"), -1);
    VIR_CHECK_ARG(domain->conn, !params == !nparams, "params",
                  _("and nparams must be both set or both empty"), -1);
    VIR_CHECK_ARG(domain->conn, params || ncpus <= 1, "ncpus",
                  _("must be 0 or 1 when only counting"), -1);
    VIR_CHECK_ARG(domain->conn, !params || ncpus > 0, "ncpus", _("must be positive"), -1);
    VIR_CHECK_ARG(domain->conn, nparams == 0 || ncpus <= INT_MAX / nparams, "ncpus",
                  _("times nparams must fit an int"), -1);
    VIR_DRIVER_CALL(domain->conn, domainGetCPUStats, < 0, -1, domain, params, nparams,
                    start_cpu, ncpus, flags);
}
