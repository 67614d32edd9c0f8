/*
 * node_memory.h: memory sharing (KSM-style) tunables and counters as the
 * typed parameters of virNode{Get,Set}MemoryParameters
 */
#ifndef VIR_NODE_MEMORY_H
# define VIR_NODE_MEMORY_H

# include "internal.h"

typedef struct _virNodeMemoryShare {
    unsigned int pagesToScan;       /* tunable */
    unsigned int sleepMillisecs;    /* tunable */
    unsigned int mergeAcrossNodes;  /* tunable, 0 or 1 */
    unsigned long long pagesShared;     /* counters */
    unsigned long long pagesSharing;
    unsigned long long pagesUnshared;
    unsigned long long pagesVolatile;
    unsigned long long fullScans;
} virNodeMemoryShare;

# define VIR_NODE_MEMORY_SHARE_NPARAMS 8

/* libvirt's protocol: *nparams 0 asks for the count. */
int virNodeMemoryShareGetParams(const virNodeMemoryShare *shm, virTypedParameterPtr params,
                                int *nparams);

/* Checks every parameter, then applies the tunables to @shm; counters are
 * read-only.  @changed gets a bit per field set (1 << 0 pages_to_scan,
 * 1 << 1 sleep_millisecs, 1 << 2 merge_across_nodes). */
int virNodeMemoryShareApplyParams(virNodeMemoryShare *shm, const virTypedParameter *params,
                                  int nparams, unsigned int *changed);

#endif /* VIR_NODE_MEMORY_H */
