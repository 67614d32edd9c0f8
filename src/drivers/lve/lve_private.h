/*
 * lve_private.h: state shared by the files of the LVE driver
 *
 * One lveDriver per root directory (lve:///system is root "/"), shared by
 * every connection to it in the process.  Domains are LVEs: the domain id
 * is the LVE id, fixed in the configuration (<domain id=''>), and shown
 * only while the LVE exists in the kernel.
 */
#ifndef VIR_LVE_PRIVATE_H
# define VIR_LVE_PRIVATE_H

# include "internal.h"
# include "datatypes.h"
# include "domain_conf.h"
# include "domain_obj.h"
# include "domain_store.h"
# include "domain_driver.h"
# include "lve_backend.h"
# include "lve_conf.h"

# define LVE_MAX_VCPUS 8192
# define LVE_SHUTDOWN_TIMEOUT_MS 10000

typedef struct _lveDriver lveDriver;
struct _lveDriver {
    virDomainDriverBase base;       /* first: the shared domain methods */
    gint refs;                      /* guarded by the registry of drivers */
    char *key;                      /* its root directory */
    char *options;                  /* backend options it was opened with */
    unsigned int shutdownTimeoutMs; /* grace between SIGTERM and SIGKILL */
    lveBackend *backend;
    char *defaultsPath;

    GMutex lock;                    /* guards the fields below */
    GHashTable *ids;                /* LVE id -> name of the domain with it */
    lveLimits defaults;             /* limits a domain does not set */
};

static inline lveDriver *
lveDriverFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

static inline unsigned int
lveDomainId(const virDomainObj *obj)
{
    return obj->def->fixedId;
}

/* lve_domain.c */
int lveDomainCheckActive(virDomainObj *obj);

/* lve_run.c */
int lveDriverClaimId(lveDriver *driver, const virDomainDef *def);
void lveDriverReleaseId(lveDriver *driver, int id);
virDomainObj *lveDomainObjAdd(lveDriver *driver, virDomainDef *def, bool *existing);
void lveDomainObjRemove(lveDriver *driver, virDomainObj *obj);
void lveDomainEffective(lveDriver *driver, const virDomainDef *def, lveLimits *lim);
virBitmap *lveDomainPlacement(lveDriver *driver, const virDomainDef *def);
int lveDomainStartObj(lveDriver *driver, virDomainObj *obj, int reason, bool paused);
int lveDomainStopObj(lveDriver *driver, virDomainObj *obj, int reason);
int lveDomainSaveStatus(lveDriver *driver, virDomainObj *obj);
int lveDomainDetachStatus(lveDriver *driver, virDomainObj *obj);
int lveDomainSaveConfig(lveDriver *driver, virDomainObj *obj);
void lveDomainLoadAll(lveDriver *driver);

/* lve_tune.c */
int lveDomainApplyLive(lveDriver *driver, virDomainObj *obj, const virDomainDef *live,
                       unsigned int mask);

/* lve_defaults.c */
int lveDriverLoadDefaults(lveDriver *driver);
void lveDriverGetDefaults(lveDriver *driver, lveLimits *defaults);

#endif /* VIR_LVE_PRIVATE_H */
