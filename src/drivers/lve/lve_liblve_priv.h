/*
 * lve_liblve_priv.h: what the files of the liblve backend share: liblve's
 * ABI (lve-type.h and lve-ctl.h of API 1.3) and the backend's state
 */
#ifndef VIR_LVE_LIBLVE_PRIV_H
# define VIR_LVE_LIBLVE_PRIV_H

# include "internal.h"

# include "virthread.h"
# include "lve_backend.h"
# include "vircgroup.h"
# include "virthread.h"

# define LIBLVE_SONAME "liblve.so.0"

/* liblve's ABI (lve-type.h of API 1.3): the settings are nine int32. */
typedef struct {
    int32_t ls_cpu;         /* % of ls_cpus CPUs */
    int32_t ls_cpus;
    int32_t ls_io;          /* KB/s */
    int32_t ls_enters;
    int32_t ls_memory;      /* 4 KiB pages */
    int32_t ls_cpu_weight;
    int32_t ls_memory_phy;  /* 4 KiB pages */
    int32_t ls_nproc;
    int32_t ls_iops;
} liblveSettings;

typedef struct {
    liblveSettings li_set;
    int li_flags;
} liblveInfo;

/* enum liblve_enter_flags: NAMESPACE is opt-out in liblve */
enum {
    LIBLVE_NO_UBC = 1 << 0,
    LIBLVE_NO_NAMESPACE = 1 << 1,
    LIBLVE_NO_MAXENTER = 1 << 2,
};

typedef struct liblve liblve;

typedef struct {
    liblve *(*init)(void *(*alloc)(size_t), void (*release)(void *));
    int (*fini)(liblve *lve);
    int (*setup)(liblve *lve, uint32_t id, liblveSettings *set);
    int (*destroy)(liblve *lve, uint32_t id);
    int (*info)(liblve *lve, uint32_t id, liblveInfo *info);
    int (*setDefault)(liblve *lve, liblveSettings *set);
    int (*enter)(liblve *lve, uint32_t id, uint32_t *cookie, int flags);
    int (*exit)(liblve *lve, uint32_t *cookie);
    int (*setupEnter)(liblve *lve, uint32_t id, liblveSettings *set, uint32_t *cookie, int flags);
    int (*isAvailable)(void);           /* optional */
    uint32_t (*kapiVersion)(liblve *lve);  /* optional */
} liblveFunctions;

typedef struct {
    void *handle;
    liblve *lve;
    liblveFunctions fn;
    virMutex lock;              /* liblve is not documented as thread-safe */
    virCgroupTree *view;        /* the kernel's groups, or NULL */
    long hostcpus;
} lveLiblve;

static inline lveLiblve *
lveLiblveOf(lveBackend *be)
{
    return be->priv;
}

/* lve_liblve_ops.c */
extern const lveOps lveLiblveOps;

#endif /* VIR_LVE_LIBLVE_PRIV_H */
