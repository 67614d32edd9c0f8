/*
 * lve_vcpu.h: where an LVE's vcpus run
 */
#ifndef VIR_LVE_VCPU_H
# define VIR_LVE_VCPU_H

# include "lve_private.h"

/* Fills @info (@n of running @obj's vcpus) and @cpumaps (unless NULL):
 * each vcpu on the CPU of the LVE's cpuset it stands for, with the time
 * the LVE spent on that CPU.  Returns whether the kernel keeps that time
 * (cgroup v1 cpuacct.usage_percpu); when it does not, the times are 0. */
bool lveDomainFillVcpus(lveDriver *driver, virDomainObj *obj, virVcpuInfoPtr info, int n,
                        unsigned char *cpumaps, int maplen);

int lveDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

#endif /* VIR_LVE_VCPU_H */
