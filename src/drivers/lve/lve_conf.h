/*
 * lve_conf.h: the limits of an LVE and their XML
 *
 *   <domain type='lve' id='1001' xmlns:lve='urn:virtkit:lve:1'>
 *     ...
 *     <lve:limits speed='150%' ncpu='2' pmem='1G' vmem='0' io='1024'
 *                 iops='100' nproc='100' ep='20'/>
 *   </domain>
 *
 * Units are lvectl's: speed is a percentage of one core (or MHz/GHz of
 * this host's clock), pmem and vmem are sizes (a plain number is KiB),
 * io is KB/s.  0 means unlimited.  A limit that is not given follows the
 * host's default limits (lve_set_default).  ncpu is the domain's vcpu
 * count and pmem its current memory: the two spellings must agree, and
 * both are always written.
 */
#ifndef VIR_LVE_CONF_H
# define VIR_LVE_CONF_H

# include "internal.h"

# include "domain_conf.h"
# include "virbitmap.h"

# define LVE_NS_PREFIX "lve"
# define LVE_NS_URI "urn:virtkit:lve:1"

/* Typed parameters of the tunables (schedinfo, blkiotune) and of the host
 * defaults in virNode{Get,Set}MemoryParameters. */
# define LVE_PARAM_SPEED "speed"                /* uint: % of one core */
# define LVE_PARAM_IO "io"                      /* uint: KB/s */
# define LVE_PARAM_IOPS "iops"                  /* uint: operations/s */
# define LVE_PARAM_DEFAULT_PREFIX "lve_default_" /* + a limit name */

typedef enum {
    LVE_LIMIT_SPEED = 0,    /* % of one core */
    LVE_LIMIT_NCPU,         /* CPUs */
    LVE_LIMIT_PMEM,         /* KiB of resident memory */
    LVE_LIMIT_VMEM,         /* KiB of virtual memory */
    LVE_LIMIT_IO,           /* KB/s */
    LVE_LIMIT_IOPS,         /* operations/s */
    LVE_LIMIT_NPROC,        /* processes and threads */
    LVE_LIMIT_EP,           /* entry processes */
    LVE_LIMIT_LAST
} lveLimit;

/* The largest value of each limit: what liblve's 32-bit settings carry
 * (memory in 4 KiB pages). */
# define LVE_LIMIT_MAX_COUNT ((unsigned long long)G_MAXINT32)
# define LVE_LIMIT_MAX_KIB (LVE_LIMIT_MAX_COUNT * 4)

typedef struct _lveLimits {
    unsigned long long value[LVE_LIMIT_LAST];   /* 0: unlimited */
    unsigned int set;                           /* bit per limit given */
} lveLimits;

static inline bool
lveLimitIsSet(const lveLimits *lim, lveLimit which)
{
    return lim->set & (1U << which);
}

# define LVE_BIT(which) (1U << (which))
# define LVE_LIMITS_ALL ((1U << LVE_LIMIT_LAST) - 1)

const char *lveLimitName(lveLimit which);
int lveLimitFromName(const char *name);

/* Checks one value against its limit's range; reports an error naming
 * @what (the domain or "default") and the limit. */
int lveLimitCheck(lveLimit which, unsigned long long value, const char *what);

/* "150%", "1G", "20": a value as the XML writes it.  Caller frees. */
char *lveLimitFormat(lveLimit which, unsigned long long value);
void lveLimitAppend(GString *buf, lveLimit which, unsigned long long value);

/* Parses @str for limit @which in lvectl's units. */
int lveLimitParse(lveLimit which, const char *str, unsigned long long *value);

/* The limits of @def: its namespace data, never NULL for an LVE domain. */
lveLimits *lveDefLimits(const virDomainDef *def);

/* Every limit of @def, those it does not set taken from @defaults. */
void lveLimitsEffective(const virDomainDef *def, const lveLimits *defaults, lveLimits *out);

/* Keeps ncpu and pmem in step with the vcpu count and current memory. */
void lveDefSyncLimits(virDomainDef *def);

/* The CPUs an LVE runs on: the first @ncpu (0: all) of @placement (NULL:
 * every CPU) below @hostcpus; NULL when that is every CPU of the host. */
virBitmap *lveCpusetFor(const virBitmap *placement, unsigned long long ncpu, size_t hostcpus);

extern const virXMLNamespace lveXMLNamespace;

/* The xmlopt postParse hook: checks what makes a definition an LVE. */
int lveDomainDefPostParse(virDomainDef *def, void *opaque);

/* <lve:defaults .../>: the host default limits, kept in a file. */
int lveDefaultsLoad(const char *path, lveLimits *defaults);
int lveDefaultsSave(const char *path, const lveLimits *defaults);

/* What CloudLinux ships as its default limits. */
void lveDefaultsBuiltin(lveLimits *defaults);

#endif /* VIR_LVE_CONF_H */
