/*
 * test_taint.c: the taints libvirt's test driver finds in the domains of
 * a node file, and the messages virDomainGetMessages() gives for them
 *
 * libvirt's test driver looks once, when it loads a node file, for what
 * makes a domain "tainted": raw disk I/O, a host cdrom, an interface
 * script, a device tree blob, a deprecated CPU model.  Applications and
 * libvirt's own tests read the result through virDomainGetMessages()
 * ("virsh dominfo" prints it as Messages:), so the test driver does the
 * same, from the XML as written.
 */
#include "internal.h"

#include <libxml/xpath.h>

#include "test_taint.h"

/* libvirt's texts, in the order of its virDomainTaintFlags */
static const char *const testTaintMessages[] = {
    [TEST_TAINT_HIGH_PRIVILEGES] = N_("running with undesirable elevated privileges"),
    [TEST_TAINT_SHELL_SCRIPTS] = N_("network configuration using opaque shell scripts"),
    [TEST_TAINT_CDROM_PASSTHROUGH] = N_("use of host cdrom passthrough"),
    [TEST_TAINT_CUSTOM_DTB] = N_("custom device tree blob used"),
    [TEST_TAINT_DEPRECATED_CONFIG] = N_("use of deprecated configuration settings"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(testTaintMessages) == TEST_TAINT_LAST);

/* Whether @expr, an XPath expression of nodes relative to the context
 * node, matches any. */
static bool
testTaintMatches(xmlXPathContextPtr ctxt, const char *expr)
{
    xmlXPathObjectPtr res = xmlXPathEval((const xmlChar *)expr, ctxt);
    bool found = res && res->nodesetval && res->nodesetval->nodeNr > 0;

    xmlXPathFreeObject(res);
    return found;
}

void
testDomainTaintFromXML(testDomainPrivate *priv, xmlNodePtr domnode)
{
    /* libvirt's conditions: a <disk rawio='yes'> or a SCSI <hostdev
     * rawio='yes'>; a block cdrom with a source; any interface <script>;
     * an <os><dtb>; a custom CPU model "Deprecated-Test" */
    static const struct {
        testTaint taint;
        const char *expr;
    } checks[] = {
        { TEST_TAINT_HIGH_PRIVILEGES,
          "devices/disk[@rawio='yes'] | devices/hostdev[@type='scsi'][@rawio='yes']" },
        { TEST_TAINT_SHELL_SCRIPTS, "devices/interface/script" },
        { TEST_TAINT_CDROM_PASSTHROUGH,
          "devices/disk[@device='cdrom'][@type='block']/source[@dev]" },
        { TEST_TAINT_CUSTOM_DTB, "os/dtb" },
        { TEST_TAINT_DEPRECATED_CONFIG,
          "cpu[not(@mode) or @mode='custom'][normalize-space(model)='Deprecated-Test']" },
    };
    xmlXPathContextPtr ctxt = xmlXPathNewContext(domnode->doc);
    size_t i;

    ctxt->node = domnode;
    for (i = 0; i < G_N_ELEMENTS(checks); i++) {
        if (testTaintMatches(ctxt, checks[i].expr))
            priv->taint |= 1u << checks[i].taint;
    }
    xmlXPathFreeContext(ctxt);
    if (priv->taint & (1u << TEST_TAINT_DEPRECATED_CONFIG)) {
        if (!priv->deprecations)
            priv->deprecations = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(priv->deprecations, g_strdup("CPU model Deprecated-Test"));
    }
}

int
testDomainTaintMessages(const testDomainPrivate *priv, unsigned int flags, char ***msgs)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    if (!flags || (flags & VIR_DOMAIN_MESSAGE_TAINTING)) {
        for (i = 0; i < TEST_TAINT_LAST; i++) {
            if (priv && priv->taint & (1u << i))
                g_ptr_array_add(out, g_strdup_printf(_("tainted: %s"), _(testTaintMessages[i])));
        }
    }
    if ((!flags || (flags & VIR_DOMAIN_MESSAGE_DEPRECATION)) && priv && priv->deprecations) {
        for (i = 0; i < priv->deprecations->len; i++)
            g_ptr_array_add(out, g_strdup_printf(_("deprecated configuration: %s"),
                                                 (char *)priv->deprecations->pdata[i]));
    }
    *msgs = NULL;
    if (out->len == 0)
        return 0;
    g_ptr_array_add(out, NULL);
    g_ptr_array_set_free_func(out, NULL);
    *msgs = (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    return g_strv_length(*msgs);
}
