/*
 * lve_vcpu.h: where an LVE's vcpus run
 */
#ifndef VIR_LVE_VCPU_H
# define VIR_LVE_VCPU_H

# include "lve_private.h"

int lveDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

#endif /* VIR_LVE_VCPU_H */
