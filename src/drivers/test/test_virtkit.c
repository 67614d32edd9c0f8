/*
 * test_virtkit.c: the test driver's model of virtkit's extensions
 *
 * Entering a test domain moves nothing (there is no kernel container), but
 * the contract is the one real drivers keep: the domain must run, a cookie
 * is handed out, only that cookie leaves, a one-way entry has no way back,
 * and stopping the domain forgets every entry.
 */
#include "internal.h"

#include <sys/random.h>

#include "test_domain.h"
#include "test_private.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

static unsigned int
testDomainNewCookie(const testDomainPrivate *priv)
{
    unsigned int cookie = 0;
    guint i;

    /* non-zero and unused: 0 marks a one-way entry */
    for (;;) {
        if (getrandom(&cookie, sizeof(cookie), 0) != sizeof(cookie))
            cookie = g_random_int();
        if (cookie == 0)
            continue;
        for (i = 0; priv->cookies && i < priv->cookies->len; i++) {
            if (g_array_index(priv->cookies, unsigned int, i) == cookie)
                break;
        }
        if (!priv->cookies || i == priv->cookies->len)
            return cookie;
    }
}

int
testDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags)
{
    virDomainObj *obj;
    testDomainPrivate *priv;

    virCheckFlags(VIR_DOMAIN_ENTER_NO_UBC | VIR_DOMAIN_ENTER_NAMESPACE |
                  VIR_DOMAIN_ENTER_NO_MAXENTER | VIR_DOMAIN_ENTER_ONE_WAY, -1);
    if (!(obj = testDomainObjActive(dom)))
        return -1;
    priv = obj->privateData;
    if (flags & VIR_DOMAIN_ENTER_ONE_WAY) {
        *cookie = 0;
    } else {
        if (!priv->cookies)
            priv->cookies = g_array_new(FALSE, FALSE, sizeof(unsigned int));
        *cookie = testDomainNewCookie(priv);
        g_array_append_val(priv->cookies, *cookie);
    }
    virDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags)
{
    virDomainObj *obj;
    testDomainPrivate *priv;
    guint i;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = testDomainObjActive(dom)))
        return -1;
    priv = obj->privateData;
    for (i = 0; priv->cookies && i < priv->cookies->len; i++) {
        if (g_array_index(priv->cookies, unsigned int, i) == cookie) {
            g_array_remove_index_fast(priv->cookies, i);
            ret = 0;
            goto cleanup;
        }
    }
    virReportError(VIR_ERR_INVALID_ARG,
                   _("cookie %u was not given by virDomainEnter for domain '%s' (a one-way entry cannot be left)"),
                   cookie, obj->def->name);
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

static void
testDomainApplySharing(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    def->nosharepages = !*(const int *)arg;
}

/* Sharing is on unless <memoryBacking><nosharepages/>, as in libvirt. */
int
testDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return testDomainUpdate(dom, flags, NULL, testDomainApplySharing, &enable);
}

int
testDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                           unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (*nparams == 0) {
        *nparams = 2;
        return 0;
    }
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (!(def = virDomainObjGetOneDef(obj, flags))) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    memset(params, 0, sizeof(*params) * *nparams);
    params[0].type = VIR_TYPED_PARAM_BOOLEAN;
    g_strlcpy(params[0].field, VIR_DOMAIN_MEMORY_SHARING_ENABLED, sizeof(params[0].field));
    params[0].value.b = !def->nosharepages;
    /* the model merges nothing: no two test guests hold real pages */
    if (*nparams >= 2)
        virTypedParamSetULLong(&params[1], VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES, 0);
    *nparams = MIN(*nparams, 2);
    virDomainObjEndAPI(&obj);
    return 0;
}
