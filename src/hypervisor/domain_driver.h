/*
 * domain_driver.h: the domain methods every driver shares
 *
 * Most of what a driver answers about a domain comes straight from its
 * virDomainObj: lookups, lists, state, XML, flags, autostart, vcpu counts
 * and pins.  A driver whose private data starts with a virDomainDriverBase
 * puts these functions in its table as they are; what differs between
 * drivers (starting, stopping, limits, usage) stays in the driver.
 *
 * A method is named as the public function it serves, vir -> virDriver
 * (virDomainGetState -> virDriverDomainGetState), like testDomainGetState
 * in a driver: errors that name the function name the call.
 */
#ifndef VIR_DOMAIN_DRIVER_H
# define VIR_DOMAIN_DRIVER_H

# include "internal.h"
# include "datatypes.h"
# include "domain_obj.h"
# include "domain_store.h"

typedef struct _virDomainDriverBase virDomainDriverBase;

/* What a driver adds to the shared methods.  Each may be NULL but
 * startObj, which virDriverDomainCreateXML needs. */
typedef struct {
    /* puts @def in the list (virDomainObjListAdd when NULL): an LVE claims
     * its id here */
    virDomainObj *(*objAdd)(virDomainDriverBase *base, virDomainDef *def, bool *existing);
    /* takes @obj out of the list (virDomainObjListRemove when NULL) */
    void (*objRemove)(virDomainDriverBase *base, virDomainObj *obj);
    /* runs before the configuration of @obj is written or deleted; may
     * refuse, and then nothing changes */
    int (*configChanging)(virDomainDriverBase *base, virDomainObj *obj);
    /* starts inactive @obj; on failure the domain is as it was */
    int (*startObj)(virDomainDriverBase *base, virDomainObj *obj, int reason, bool paused);
} virDomainDriverHooks;

struct _virDomainDriverBase {
    virDomainObjList *domains;
    virDomainXMLOption xmlopt;
    virDomainStore *store;          /* NULL: the definitions live in memory only */
    size_t hostcpus;                /* CPUs a cpumap names */
    int errorDomain;                /* VIR_FROM_TEST, ...: what the errors say */
    const virDomainDriverHooks *hooks;
};

/* Put in the file that defines @type: its first member is the base. */
# define VIR_DOMAIN_DRIVER_BASE_FIRST(type) \
    G_STATIC_ASSERT(G_STRUCT_OFFSET(type, base) == 0)

static inline virDomainDriverBase *
virDomainDriverBaseFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

/* virCheckFlags for a shared method: the error names the method as the
 * driver's own ("testDomainCreateXML" for virDriverDomainCreateXML), as a
 * method written in the driver would. */
void virDomainDriverReportFlags(virConnectPtr conn, unsigned int unsupported, const char *func);

# define virDomainDriverCheckFlags(conn, supported, ret) \
    do { \
        unsigned int _unsupported = (flags) & ~(unsigned int)(supported); \
        if (_unsupported) { \
            virDomainDriverReportFlags(conn, _unsupported, __func__); \
            return ret; \
        } \
    } while (0)

/* The object of @dom, locked and referenced (virDomainObjEndAPI), or NULL
 * with VIR_ERR_NO_DOMAIN. */
virDomainObj *virDomainDriverObjFromDomain(virDomainPtr dom);

/* A handle for @obj, which it ends (virDomainObjEndAPI); NULL for NULL. */
virDomainPtr virDomainDriverHandle(virConnectPtr conn, virDomainObj *obj);

/* Refuses a cpumap longer than the host's CPUs need. */
int virDomainDriverCheckMaplen(const virDomainDriverBase *base, int maplen);

/* Refuses a first CPU of virDomainGetCPUStats beyond the host's CPUs. */
int virDomainDriverCheckStartCpu(const virDomainDriverBase *base, int start_cpu);

virDomainPtr virDriverDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDriverDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDriverDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
int virDriverConnectNumOfDomains(virConnectPtr conn);
int virDriverConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virDriverConnectNumOfDefinedDomains(virConnectPtr conn);
int virDriverConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
int virDriverConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                                   unsigned int flags);
char *virDriverConnectGetHostname(virConnectPtr conn);

virDomainPtr virDriverDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int virDriverDomainUndefineFlags(virDomainPtr dom, unsigned int flags);
virDomainPtr virDriverDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);

int virDriverDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags);
char *virDriverDomainGetXMLDesc(virDomainPtr dom, unsigned int flags);
char *virDriverDomainGetOSType(virDomainPtr dom);
int virDriverDomainIsActive(virDomainPtr dom);
int virDriverDomainIsPersistent(virDomainPtr dom);
int virDriverDomainIsUpdated(virDomainPtr dom);
int virDriverDomainGetAutostart(virDomainPtr dom, int *autostart);
int virDriverDomainSetAutostart(virDomainPtr dom, int autostart);
unsigned long long virDriverDomainGetMaxMemory(virDomainPtr dom);
int virDriverDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags);
int virDriverDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                                  int maplen, unsigned int flags);

#endif /* VIR_DOMAIN_DRIVER_H */
