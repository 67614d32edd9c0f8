/*
 * domain_metadata.c: the title, description and <metadata> elements of a
 * domain, read and changed through the change transaction for every
 * driver (nothing of them reaches a kernel)
 */
#include "internal.h"

#include "domain_events.h"
#include "domain_metadata.h"
#include "domain_metadata_xml.h"
#include "domain_update.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

typedef struct {
    int type;
    const char *metadata;
    const char *key;
    const char *uri;
} virDomainDriverMetadataChange;

/* Only the types libvirt knows reach the definition. */
static int
virDomainDriverCheckMetadataType(virDomainDriverBase *base, int type)
{
    if (type < 0 || type >= VIR_DOMAIN_METADATA_LAST) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG, _("unknown metadata type '%d'"), type);
        return -1;
    }
    return 0;
}

/* The text of @type in @def, a new string; NULL (no error) when it has none. */
static int
virDomainDriverReadMetadata(const virDomainDef *def, int type, const char *uri, char **text)
{
    switch ((virDomainMetadataType)type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        *text = g_strdup(def->description);
        return 0;
    case VIR_DOMAIN_METADATA_TITLE:
        *text = g_strdup(def->title);
        return 0;
    case VIR_DOMAIN_METADATA_ELEMENT:
        return virDomainMetadataGetElement(def->metadata, uri, text);
    case VIR_DOMAIN_METADATA_LAST:
        break;
    }
    *text = NULL;
    return 0;
}

char *
sharedDomainGetMetadata(virDomainPtr dom, int type, const char *uri, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    virDomainDef *def;
    char *text = NULL;
    int rc = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, NULL);
    if (virDomainDriverCheckMetadataType(base, type) < 0)
        return NULL;
    if (!(obj = virDomainDriverGetObj(dom)))
        return NULL;
    if ((def = virDomainObjGetOneDef(obj, flags)))
        rc = virDomainDriverReadMetadata(def, type, uri, &text);
    virDomainObjEndAPI(&obj);
    if (rc == 0 && !text)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN_METADATA, "%s",
                             _("Requested metadata element is not present"));
    return text;
}

/* An element is checked (it must parse) before anything changes. */
static int
virDomainDriverCheckMetadata(virDomainDriverBase *base G_GNUC_UNUSED, const virDomainDef *def,
                             bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverMetadataChange *c = arg;
    g_autofree char *changed = NULL;

    if (c->type != VIR_DOMAIN_METADATA_ELEMENT)
        return 0;
    return virDomainMetadataSetElement(def->metadata, c->metadata, c->key, c->uri, &changed);
}

/* libvirt: an empty description or title is none at all. */
static void
virDomainDriverApplyMetadata(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                             bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverMetadataChange *c = arg;
    char **field = NULL;
    char *text = NULL;

    switch ((virDomainMetadataType)c->type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        field = &def->description;
        break;
    case VIR_DOMAIN_METADATA_TITLE:
        field = &def->title;
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        /* checked above, so it cannot fail here */
        if (virDomainMetadataSetElement(def->metadata, c->metadata, c->key, c->uri, &text) < 0)
            return;
        g_free(def->metadata);
        def->metadata = text;
        return;
    case VIR_DOMAIN_METADATA_LAST:
        return;
    }
    g_free(*field);
    *field = (c->metadata && *c->metadata) ? g_strdup(c->metadata) : NULL;
}

int
sharedDomainSetMetadata(virDomainPtr dom, int type, const char *metadata, const char *key,
                        const char *uri, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainDriverMetadataChange c = { type, metadata, key, uri };
    virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_METADATA,
        virDomainDriverCheckMetadata, virDomainDriverApplyMetadata,
    };

    virDomainObj *obj;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virDomainDriverCheckMetadataType(base, type) < 0 ||
        virDomainDriverUpdate(dom, flags, &edit, &c) < 0)
        return -1;
    /* libvirt: one event per call that succeeded, whatever it changed */
    if ((obj = virDomainDriverGetObj(dom))) {
        virDomainDriverEmitMetadata(base, obj, type, uri);
        virDomainObjEndAPI(&obj);
    } else {
        virResetLastError();        /* undefined meanwhile: no domain to tell of */
    }
    return 0;
}
