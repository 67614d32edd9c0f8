/*
 * node_memory.c: memory sharing tunables and counters as typed parameters
 */
#include "internal.h"

#include "node_memory.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

int
virNodeMemoryShareGetParams(const virNodeMemoryShare *shm, virTypedParameterPtr params,
                            int *nparams)
{
    int n = 0;

    if (*nparams == 0) {
        *nparams = VIR_NODE_MEMORY_SHARE_NPARAMS;
        return 0;
    }
#define ADD_UINT(name, value) \
    if (n < *nparams) virTypedParamSetUInt(&params[n++], name, value)
#define ADD_ULLONG(name, value) \
    if (n < *nparams) virTypedParamSetULLong(&params[n++], name, value)
    ADD_UINT(VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, shm->pagesToScan);
    ADD_UINT(VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS, shm->sleepMillisecs);
    ADD_ULLONG(VIR_NODE_MEMORY_SHARED_PAGES_SHARED, shm->pagesShared);
    ADD_ULLONG(VIR_NODE_MEMORY_SHARED_PAGES_SHARING, shm->pagesSharing);
    ADD_ULLONG(VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED, shm->pagesUnshared);
    ADD_ULLONG(VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE, shm->pagesVolatile);
    ADD_ULLONG(VIR_NODE_MEMORY_SHARED_FULL_SCANS, shm->fullScans);
    ADD_UINT(VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES, shm->mergeAcrossNodes);
#undef ADD_UINT
#undef ADD_ULLONG
    *nparams = n;
    return 0;
}

int
virNodeMemoryShareApplyParams(virNodeMemoryShare *shm, const virTypedParameter *params,
                              int nparams, unsigned int *changed)
{
    static const virTypedParamSpec specs[] = {
        { VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, VIR_TYPED_PARAM_UINT },
        { VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS, VIR_TYPED_PARAM_UINT },
        { VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES, VIR_TYPED_PARAM_UINT },
    };
    virNodeMemoryShare next = *shm;
    int i;

    *changed = 0;
    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0)
        return -1;
    for (i = 0; i < nparams; i++) {
        unsigned int v = params[i].value.ui;

        if (STREQ(params[i].field, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN)) {
            if (v == 0) {
                virReportError(VIR_ERR_INVALID_ARG, "%s", _("shm_pages_to_scan must be at least 1"));
                return -1;
            }
            next.pagesToScan = v;
            *changed |= 1 << 0;
        } else if (STREQ(params[i].field, VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS)) {
            next.sleepMillisecs = v;
            *changed |= 1 << 1;
        } else {
            if (v > 1) {
                virReportError(VIR_ERR_INVALID_ARG,
                               _("shm_merge_across_nodes must be 0 or 1, not %u"), v);
                return -1;
            }
            next.mergeAcrossNodes = v;
            *changed |= 1 << 2;
        }
    }
    *shm = next;
    return 0;
}
