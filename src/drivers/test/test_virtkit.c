/*
 * test_virtkit.c: entering and leaving test domains (virtkit's extension)
 *
 * Entering a test domain moves nothing (there is no kernel container), but
 * the contract is the one real drivers keep: the domain must run, a cookie
 * is handed out, only that cookie leaves, a one-way entry has no way back,
 * and stopping the domain forgets every entry.
 */
#include "internal.h"

#include <sys/random.h>

#include "test_domain.h"
#include "test_virtkit.h"
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
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    priv = testDomainPrivateOf(obj);
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
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    priv = testDomainPrivateOf(obj);
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
