/*
 * domain_stats.h: the bulk statistics of domains (virConnectGetAllDomainStats)
 * and their memory statistics (virDomainMemoryStats)
 *
 * The shared layer picks the domains, checks the groups asked for against
 * those the driver has (base->statsGroups), and builds each record in
 * libvirt's order of groups: the fields every driver knows from the domain
 * object (state.*, balloon.current and .maximum, vcpu.current and
 * .maximum; the state as hooks->state says), then what the driver's hook
 * adds for the group (its numbers: cpu.time, vcpu.<n>.state and .time
 * through virDomainStatsAddVcpus, its own group).
 */
#ifndef VIR_DOMAIN_STATS_H
# define VIR_DOMAIN_STATS_H

# include "domain_driver.h"

/* The fields of one record, as they are added.  A driver's hook may keep
 * what it read for the first group in @driverData for the next ones (one
 * read of the kernel's counters per record: virDomainStatsReadOnce); it is
 * freed with the record's list. */
struct _virDomainStatsList {
    virTypedParameterPtr params;
    int nparams;
    int maxparams;
    void *driverData;
    GDestroyNotify driverDataFree;
};

/* Appends a field named by @fmt ("vcpu.%u.time"); names are ours and
 * always fit VIR_TYPED_PARAM_FIELD_LENGTH. */
void virDomainStatsAddInt(virDomainStatsList *list, int value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virDomainStatsAddUInt(virDomainStatsList *list, unsigned int value, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virDomainStatsAddULLong(virDomainStatsList *list, unsigned long long value,
                             const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* What a driver's hook read for the record of @obj, read once: the first
 * call has @read fill a zeroed block of @size (freed with the record),
 * the next ones of the same record return it.  NULL when @read failed
 * (it reported why). */
typedef int (*virDomainStatsReadFunc)(virDomainDriverBase *base, virDomainObj *obj, void *data);
void *virDomainStatsReadOnce(virDomainStatsList *list, size_t size, virDomainStatsReadFunc read,
                             virDomainDriverBase *base, virDomainObj *obj);

/* Appends libvirt's per-vcpu fields of the VCPU group for the @n vcpus of
 * @info (what the driver's virDomainGetVcpus fills): vcpu.<number>.state,
 * and vcpu.<number>.time (ns) when @withTime; a driver whose kernel keeps
 * no time per vcpu leaves it out rather than report 0. */
void virDomainStatsAddVcpus(virDomainStatsList *list, const virVcpuInfo *info, int n,
                            bool withTime);

/* virConnectGetAllDomainStats (@ndoms 0: every domain) and
 * virDomainListGetStats. */
int sharedConnectGetAllDomainStats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                                   unsigned int stats, virDomainStatsRecordPtr **retStats,
                                   unsigned int flags);

/* virDomainMemoryStats of a running domain, from hooks->memoryStats. */
int sharedDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                            unsigned int nr_stats, unsigned int flags);

/* Puts @tag = @value in @stats (room for @nr) unless it is full: the way
 * a memoryStats hook fills its answer in libvirt's order of tags. */
static inline void
virDomainMemoryStatsSet(virDomainMemoryStatPtr stats, unsigned int nr, int *n, int tag,
                        unsigned long long value)
{
    if ((unsigned int)*n < nr) {
        stats[*n].tag = tag;
        stats[*n].val = value;
        (*n)++;
    }
}

#endif /* VIR_DOMAIN_STATS_H */
