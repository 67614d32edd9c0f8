/*
 * test_keys.c: pressing keys on a test domain's keyboard
 *
 * There is no guest to read them: as in libvirt's test driver, the keys
 * are checked (the domain runs, each key is one of its code set) and
 * forgotten, and the hold time is not waited for.
 */
#include "internal.h"

#include "test_keys.h"
#include "virerror.h"
#include "virkeycode.h"

#define VIR_FROM_THIS VIR_FROM_TEST

int
testDomainSendKey(virDomainPtr dom, unsigned int codeset, unsigned int holdtime G_GNUC_UNUSED,
                  unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;
    int i;

    virCheckFlags(0, -1);
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    /* libvirt's test driver checks every code set against keycodemapdb's
     * tables; virtkit has the Linux table only, and refuses the others
     * rather than accept keys it cannot check */
    if (codeset != VIR_KEYCODE_SET_LINUX) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("codeset '%s' is not supported: virtkit knows Linux key codes only"),
                       virKeycodeSetTypeToString(codeset));
        goto cleanup;
    }
    for (i = 0; i < nkeycodes; i++) {
        if (!virKeycodeValueIsValid(codeset, keycodes[i])) {
            /* libvirt's code and words, which its clients may look for */
            virReportError(VIR_ERR_INTERNAL_ERROR, _("invalid keycode %u of %s codeset"),
                           keycodes[i], virKeycodeSetTypeToString(codeset));
            goto cleanup;
        }
    }
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}
