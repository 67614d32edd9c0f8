/*
 * xen_save.c: saving a guest to a file and building it again from one
 *
 * libxl writes only the guest's memory and vcpu state (a libxc migration
 * stream, version 2); what the guest was built with (name, uuid, kernel,
 * devices) must be stored beside it, as xl does in its own header.  Our
 * file:
 *
 *   "virtkit-xen-save"   16 bytes, no terminator
 *   version              4 bytes, little endian: 2 (1: without the extra)
 *   length               4 bytes, little endian: of the JSON that follows
 *   configuration        libxl_domain_config as JSON (libxl's own format)
 *   extra length         4 bytes, little endian (version 2)
 *   extra                what the caller stored with it: the driver's
 *                        state and definition of the domain (version 2)
 *   stream               what libxl_domain_suspend wrote
 */
#include "internal.h"

#include <fcntl.h>
#include <unistd.h>

#include "virerror.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_SAVE_MAGIC "virtkit-xen-save"
#define XEN_SAVE_MAGIC_LEN 16
#define XEN_SAVE_VERSION 2
#define XEN_SAVE_MAX_CONFIG (1024 * 1024)

typedef struct {
    char magic[XEN_SAVE_MAGIC_LEN];
    guint32 version;
    guint32 length;
} xenSaveHeader;
G_STATIC_ASSERT(sizeof(xenSaveHeader) == 24);

static int
xenSaveWriteAll(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

static int
xenSaveReadAll(int fd, void *buf, size_t len)
{
    char *p = buf;

    while (len > 0) {
        ssize_t n = read(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EPROTO;     /* the file ends too early */
            return -1;
        }
        p += n;
        len -= n;
    }
    return 0;
}

/* The header and the configuration of @domid, as JSON, then @extra */
static int
xenSaveWriteConfig(xenHandle *h, unsigned int domid, int fd, const char *path,
                   const char *extra)
{
    guint32 extraLength = GUINT32_TO_LE(extra ? strlen(extra) : 0);
    libxl_domain_config config;
    g_autofree char *who = xenLightWho(domid);
    char *json = NULL;
    xenSaveHeader hdr = { .version = GUINT32_TO_LE(XEN_SAVE_VERSION) };
    int ret = -1;
    int rc;

    libxl_domain_config_init(&config);
    xenLoggerBegin();
    if ((rc = libxl_retrieve_domain_configuration(h->ctx, domid, &config, NULL)) < 0) {
        xenLightReport(who, rc, _("read its configuration to save it (was it built by libxl?)"));
        goto cleanup;
    }
    json = libxl_domain_config_to_json(h->ctx, &config);
    memcpy(hdr.magic, XEN_SAVE_MAGIC, XEN_SAVE_MAGIC_LEN);
    hdr.length = GUINT32_TO_LE(strlen(json));
    if (xenSaveWriteAll(fd, &hdr, sizeof(hdr)) < 0 ||
        xenSaveWriteAll(fd, json, strlen(json)) < 0 ||
        xenSaveWriteAll(fd, &extraLength, sizeof(extraLength)) < 0 ||
        (extra && xenSaveWriteAll(fd, extra, strlen(extra)) < 0)) {
        virReportSystemError(errno, _("domain %u: cannot write the save file %s"), domid, path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    free(json);         /* libxl's malloc */
    libxl_domain_config_dispose(&config);
    return ret;
}

/* As xl: a guest whose suspend failed is resumed, so it runs on. */
static int
xenSaveSuspend(xenHandle *h, unsigned int domid, int fd, const char *path)
{
    g_autofree char *who = xenLightWho(domid);
    g_autofree char *what = g_strdup_printf(_("save it to %s"), path);
    int rc;

    xenLoggerBegin();
    if ((rc = libxl_domain_suspend(h->ctx, domid, fd, 0, NULL)) < 0) {
        xenLightReport(who, rc, what);
        libxl_domain_resume(h->ctx, domid, 1, NULL);
        return -1;
    }
    if (fsync(fd) < 0) {
        virReportSystemError(errno, _("domain %u: cannot write the save file %s"), domid, path);
        libxl_domain_resume(h->ctx, domid, 1, NULL);
        return -1;
    }
    return 0;
}

int
xenLightSave(xenHandle *h, unsigned int domid, const char *path, const char *extra)
{
    g_autofree char *what = g_strdup_printf(_("save it to %s"), path);
    xenDomainInfo info;
    int fd;
    int rc;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    if (domid == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("domain 0: cannot save Domain-0: the toolstack runs in it"));
        return -1;
    }
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, _("domain %u: cannot create the save file %s"), domid, path);
        return -1;
    }
    if (extra && strlen(extra) > XEN_SAVE_MAX_CONFIG) {
        virReportError(VIR_ERR_INVALID_ARG, _("domain %u: %zu bytes to store with it are too many"),
                       domid, strlen(extra));
        close(fd);
        unlink(path);
        return -1;
    }
    rc = xenSaveWriteConfig(h, domid, fd, path, extra) < 0 ||
         xenSaveSuspend(h, domid, fd, path) < 0;
    close(fd);
    if (rc) {
        unlink(path);
        return -1;
    }
    /* saved: the guest now lives in the file only */
    return xenLightDestroy(h, domid);
}

/* Reads a length (4 bytes, little endian) and that many bytes of @fd:
 * what one section of the file holds. */
static char *
xenSaveReadSection(int fd, const char *path, const char *what, guint32 length)
{
    g_autofree char *data = NULL;

    if (length > XEN_SAVE_MAX_CONFIG) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("'%s': its %s (%u bytes) is too large"),
                       path, what, length);
        return NULL;
    }
    data = g_malloc0(length + 1);
    if (xenSaveReadAll(fd, data, length) < 0) {
        virReportSystemError(errno, _("cannot read the save file %s"), path);
        return NULL;
    }
    return g_steal_pointer(&data);
}

/* Checks the header of @fd, reads the configuration after it (JSON) and
 * what was stored with it (*@extra, NULL in a file of version 1). */
static int
xenSaveReadSections(int fd, const char *path, char **json, char **extra)
{
    xenSaveHeader hdr;
    guint32 length, version, extraLength;

    *json = *extra = NULL;
    if (xenSaveReadAll(fd, &hdr, sizeof(hdr)) < 0 ||
        memcmp(hdr.magic, XEN_SAVE_MAGIC, XEN_SAVE_MAGIC_LEN) != 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("'%s' is not a Xen save file written by virtkit"), path);
        return -1;
    }
    length = GUINT32_FROM_LE(hdr.length);
    version = GUINT32_FROM_LE(hdr.version);
    if ((version != 1 && version != 2) || length == 0 || length > XEN_SAVE_MAX_CONFIG) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("'%s': unsupported Xen save file (version %u, configuration of %u bytes)"),
                       path, version, length);
        return -1;
    }
    if (!(*json = xenSaveReadSection(fd, path, _("configuration"), length)))
        return -1;
    if (version == 1)
        return 0;
    if (xenSaveReadAll(fd, &extraLength, sizeof(extraLength)) < 0) {
        virReportSystemError(errno, _("cannot read the save file %s"), path);
        g_clear_pointer(json, g_free);
        return -1;
    }
    if (extraLength && !(*extra = xenSaveReadSection(fd, path, _("definition"),
                                                     GUINT32_FROM_LE(extraLength)))) {
        g_clear_pointer(json, g_free);
        return -1;
    }
    return 0;
}

int
xenLightSaveExtra(xenHandle *h G_GNUC_UNUSED, const char *path, char **extra)
{
    g_autofree char *json = NULL;
    int fd;
    int rc;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open the save file %s"), path);
        return -1;
    }
    rc = xenSaveReadSections(fd, path, &json, extra);
    close(fd);
    return rc;
}

/* Checks the header of @fd and parses the configuration after it */
static int
xenSaveReadConfig(xenHandle *h, int fd, const char *path, libxl_domain_config *config)
{
    g_autofree char *json = NULL;
    g_autofree char *extra = NULL;

    if (xenSaveReadSections(fd, path, &json, &extra) < 0)
        return -1;
    if (libxl_domain_config_from_json(h->ctx, config, json) < 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("'%s': the guest's configuration in it is not valid libxl JSON"), path);
        return -1;
    }
    return 0;
}

static int
xenSaveCreateRestore(xenHandle *h, libxl_domain_config *config, int fd,
                     const char *path, uint32_t *id)
{
    libxl_domain_restore_params params;
    g_autofree char *who = g_strdup_printf(_("Xen guest '%s'"), config->c_info.name);
    g_autofree char *what = g_strdup_printf(_("restore it from %s"), path);
    int rc;

    libxl_domain_restore_params_init(&params);
    params.checkpointed_stream = LIBXL_CHECKPOINTED_STREAM_NONE;
    params.stream_version = 2;      /* what libxl_domain_suspend writes */
    xenLoggerBegin();
    rc = libxl_domain_create_restore(h->ctx, config, id, fd, -1, &params, NULL, NULL);
    libxl_domain_restore_params_dispose(&params);
    if (rc < 0) {
        xenLightReport(who, rc, what);
        return -1;
    }
    return 0;
}

int
xenLightRestore(xenHandle *h, const char *path, unsigned int flags, unsigned int *domid)
{
    libxl_domain_config config;
    g_autofree char *what = g_strdup_printf(_("restore it from %s"), path);
    uint32_t id = INVALID_DOMID;
    int fd;
    int ret = -1;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, _("cannot open the save file %s"), path);
        return -1;
    }
    libxl_domain_config_init(&config);
    if (xenSaveReadConfig(h, fd, path, &config) < 0 ||
        xenLightCheckNameFree(h, config.c_info.name, what) < 0 ||
        xenSaveCreateRestore(h, &config, fd, path, &id) < 0)
        goto cleanup;
    if (!(flags & XEN_CREATE_PAUSED) && xenLightUnpauseNew(h, config.c_info.name, id) < 0)
        goto cleanup;
    *domid = id;
    ret = 0;

 cleanup:
    close(fd);
    libxl_domain_config_dispose(&config);
    return ret;
}
