/*
 * libvirt-domain-save.c: entry points for saving a running domain to a
 * file and restoring it, by path or managed by the driver
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

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
    virConnectPtr conn;
    int ret;
    g_autofree char *path = NULL;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(to) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (virCheckExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED) < 0)
        goto error;
    /* the driver may run in another process: give it an absolute path */
    path = g_canonicalize_filename(to, NULL);
    if (!conn->driver->domainSaveFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSaveFlags(domain, path, dxml, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
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
    virConnectPtr conn;
    int ret;
    g_autofree char *path = NULL;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(to) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    path = g_canonicalize_filename(to, NULL);
    if (!conn->driver->domainSaveFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSaveFlags(domain, path, NULL, 0)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
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
    int ret;
    g_autofree char *path = NULL;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(from) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (virCheckExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED) < 0)
        goto error;
    path = g_canonicalize_filename(from, NULL);
    if (!conn->driver->domainRestoreFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainRestoreFlags(conn, path, dxml, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
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
    int ret;
    g_autofree char *path = NULL;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(from) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    path = g_canonicalize_filename(from, NULL);
    if (!conn->driver->domainRestoreFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainRestoreFlags(conn, path, NULL, 0)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
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
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainManagedSave) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainManagedSave(dom, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
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
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (!conn->driver->domainHasManagedSaveImage) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainHasManagedSaveImage(dom, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
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
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainManagedSaveRemove) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainManagedSaveRemove(dom, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}
