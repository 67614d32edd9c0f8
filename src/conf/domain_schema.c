/*
 * domain_schema.c: validating documents against the RelaxNG schemas
 *
 * The schema is compiled once per process, on first use: compiling is far
 * dearer than validating, and only VALIDATE-flagged calls pay for either.
 */
#include "internal.h"

#include <pthread.h>

#include <libxml/relaxng.h>

#include "domain_schema.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

typedef struct {
    xmlRelaxNGPtr schema;
    char *error;            /* why compiling failed */
} virSchemaState;

const char *
virSchemaDir(void)
{
    const char *dir = g_getenv("VIRTKIT_SCHEMA_DIR");

    return dir && *dir ? dir : SCHEMADIR;
}

static virSchemaState *virSchemaCompiled;

static void
virDomainSchemaCompile(void)
{
    virSchemaState *state = g_new0(virSchemaState, 1);
    g_autofree char *path = g_build_filename(virSchemaDir(), "domain.rng", NULL);
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt(path);

    if (pctxt) {
        xmlRelaxNGSetParserStructuredErrors(pctxt, NULL, NULL);
        state->schema = xmlRelaxNGParse(pctxt);
        xmlRelaxNGFreeParserCtxt(pctxt);
    }
    if (!state->schema)
        state->error = g_strdup_printf(_("cannot load the domain schema '%s'"), path);
    virSchemaCompiled = state;
}

typedef struct {
    int line;
    char *message;
    char *element;
} virSchemaError;

/* libxml2 reports a failed interleave first, without a node, and the
 * element it failed in next: keep the first message and the first place. */
static void
virSchemaCatchError(void *userData, xmlErrorPtr err)
{
    virSchemaError *first = userData;
    xmlNodePtr node;

    if (!err)
        return;
    if (!first->message)
        first->message = g_strstrip(g_strdup(err->message ? err->message : ""));
    node = err->node;
    if (!first->element && node && node->type == XML_ELEMENT_NODE) {
        first->element = g_strdup((const char *)node->name);
        first->line = err->line ? err->line : xmlGetLineNo(node);
    }
}

int
virDomainSchemaValidate(xmlDocPtr doc)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    virSchemaState *state;
    virSchemaError first = { 0 };
    xmlRelaxNGValidCtxtPtr vctxt;
    int rc;

    pthread_once(&once, virDomainSchemaCompile);
    state = virSchemaCompiled;
    if (!state->schema) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", state->error);
        return -1;
    }
    vctxt = xmlRelaxNGNewValidCtxt(state->schema);
    xmlRelaxNGSetValidStructuredErrors(vctxt, virSchemaCatchError, &first);
    rc = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    if (rc != 0) {
        virReportError(VIR_ERR_XML_INVALID_SCHEMA, _("domain XML, line %d, <%s>: %s"),
                       first.line, first.element ? first.element : "domain",
                       first.message ? first.message : _("does not match the schema"));
    }
    g_free(first.message);
    g_free(first.element);
    return rc == 0 ? 0 : -1;
}
