/*
 * vserver_conf.h: what a domain asks of its context, and its XML
 *
 *   <domain type='vserver' id='4321'>
 *     <memory unit='MiB'>256</memory>
 *     <os><type>exe</type><init>/bin/sleep</init><initarg>100000</initarg></os>
 *     <vserver:context xmlns:vserver='urn:virtkit:vserver:1'>
 *       <vserver:rlimit name='nproc' soft='5' hard='5'/>
 *       <vserver:rlimit name='rss' hard='65536'/>
 *       <vserver:sched fill-rate='1' interval='4' tokens='100' tokens-min='50'
 *                      tokens-max='200' priority-bias='0'>
 *         <vserver:cpu id='1' fill-rate='2' interval='4'/>
 *       </vserver:sched>
 *       <vserver:flags>sched_hard virt_mem</vserver:flags>
 *       <vserver:ccaps>set_utsname</vserver:ccaps>
 *       <vserver:bcaps>~sys_module ~net_raw</vserver:bcaps>
 *       <vserver:uts hostname='web.example.org'/>
 *       <vserver:disklimit space='1048576' inodes='100000'/>
 *     </vserver:context>
 *     <devices>
 *       <filesystem type='mount'><source dir='/vservers/web'/><target dir='/'/></filesystem>
 *       <interface type='vserver'><ip address='192.0.2.10' prefix='24'/></interface>
 *     </devices>
 *   </domain>
 *
 * Limits are the kernel's: counts, and pages for the memory limits (rss,
 * as, anon, shmem), with "unlimited" for none; the RSS hard limit is the
 * domain's current memory and is always written.  Flags and capabilities
 * are names as util-vserver spells them; "~name" clears one; the others
 * keep the kernel's default.  What is not given is left as the kernel
 * makes a new context.
 */
#ifndef VIR_VSERVER_CONF_H
# define VIR_VSERVER_CONF_H

# include "internal.h"

# include "domain_conf.h"
# include "virenum.h"

# define VSERVER_NS_PREFIX "vserver"
# define VSERVER_NS_URI "urn:virtkit:vserver:1"

/* The limits a domain may set, each a kernel limit id. */
typedef enum {
    VSERVER_LIMIT_NPROC = 0,
    VSERVER_LIMIT_NOFILE,
    VSERVER_LIMIT_RSS,
    VSERVER_LIMIT_AS,
    VSERVER_LIMIT_ANON,
    VSERVER_LIMIT_SHMEM,
    VSERVER_LIMIT_NSOCK,
    VSERVER_LIMIT_OPENFD,
    VSERVER_LIMIT_LAST
} vserverLimit;

# define VSERVER_UNLIMITED (~0ULL)

/* Which values of a limit are given. */
# define VSERVER_RLIM_HAS_MIN (1U << 0)
# define VSERVER_RLIM_HAS_SOFT (1U << 1)
# define VSERVER_RLIM_HAS_HARD (1U << 2)

typedef struct {
    unsigned int has;               /* VSERVER_RLIM_HAS_* */
    unsigned long long minimum;     /* VSERVER_UNLIMITED: none */
    unsigned long long soft;
    unsigned long long hard;
} vserverDefRlimit;

/* The fields of a token bucket, as the kernel's mask bits (VS_VXSM_*). */
typedef struct {
    int cpu;                        /* the CPU of a per-CPU bucket; -1: the context's */
    unsigned int has;               /* VS_VXSM_* of the fields given */
    int fillRate;
    int interval;
    int fillRate2;                  /* the idle-time bucket */
    int interval2;
    int tokens;
    int tokensMin;
    int tokensMax;
    int prioBias;
} vserverDefBucket;

typedef enum {
    VSERVER_UTS_HOSTNAME = 0,
    VSERVER_UTS_DOMAINNAME,
    VSERVER_UTS_MACHINE,
    VSERVER_UTS_RELEASE,
    VSERVER_UTS_LAST
} vserverUts;

/* Bits to set and bits to clear; the others as the kernel has them. */
typedef struct {
    uint64_t set;
    uint64_t clear;
} vserverDefBits;

typedef struct {
    vserverDefRlimit rlimits[VSERVER_LIMIT_LAST];   /* RSS hard: the current memory */
    vserverDefBucket sched;         /* has == 0: the kernel's scheduler values */
    size_t ncpus;
    vserverDefBucket *cpus;         /* per-CPU buckets */
    vserverDefBits flags;           /* VS_VXF_* */
    vserverDefBits ccaps;           /* VS_VXC_* */
    vserverDefBits bcaps;           /* Linux capabilities */
    char *uts[VSERVER_UTS_LAST];
    bool hasDisk;
    unsigned long long diskSpaceKiB;    /* VSERVER_UNLIMITED: none */
    unsigned long long diskInodes;
    /* facts of the document, for the post-parse checks */
    bool hasCurMemory;
    bool hasRssHard;
} vserverDomainNs;

/* The namespace data of a VServer domain, never NULL. */
vserverDomainNs *vserverDefNs(const virDomainDef *def);

/* ---- names --------------------------------------------------------- */

VIR_ENUM_DECL(vserverRlimit);                       /* "nproc" */
unsigned int vserverRlimitKernelId(vserverLimit which);  /* VS_RLIMIT_NPROC */
bool vserverRlimitCountsPages(vserverLimit which);

/* A list of names ("sched_hard virt_mem ~hide_netif") into bits to set
 * and to clear; an unknown name is an error naming @what. */
typedef enum {
    VSERVER_BITS_FLAGS = 0,
    VSERVER_BITS_CCAPS,
    VSERVER_BITS_BCAPS,
    VSERVER_BITS_LAST
} vserverBitsKind;

int vserverBitsParse(vserverBitsKind kind, const char *text, vserverDefBits *bits);
void vserverBitsFormat(vserverBitsKind kind, const vserverDefBits *bits, GString *buf);
const char *vserverBitsElement(vserverBitsKind kind);  /* "flags" */

/* The scheduler attributes, in XML and as typed parameters. */
typedef struct {
    const char *attr;               /* "fill-rate" */
    const char *param;              /* "fill_rate" */
    unsigned int mask;              /* VS_VXSM_FILL_RATE */
    bool isSigned;                  /* priority bias: -20..20 */
} vserverSchedField;

extern const vserverSchedField vserverSchedFields[];
extern const size_t vserverSchedFieldCount;
int *vserverBucketField(vserverDefBucket *bucket, unsigned int mask);
int vserverBucketCheck(const vserverSchedField *field, long long value, const char *what);

const char *vserverUtsName(vserverUts which);

/* ---- limits and memory --------------------------------------------- */

/* Pages of @kib KiB, rounded up, with pages of @pageSize bytes. */
unsigned long long vserverKiBToPages(unsigned long long kib, long pageSize);
unsigned long long vserverPagesToKiB(unsigned long long pages, long pageSize);

/* The RSS hard limit is the current memory, in pages: kept in step with
 * it after a change of the memory. */
void vserverDefSyncMemory(virDomainDef *def, long pageSize);

extern const virXMLNamespace vserverXMLNamespace;

#endif /* VIR_VSERVER_CONF_H */
