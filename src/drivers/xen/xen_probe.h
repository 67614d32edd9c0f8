/*
 * xen_probe.h: is this host a Xen dom0 the binding can drive?
 *
 * Asked before any Xen library is opened, so that `virtsh -c xen:///system
 * list` on an ordinary Linux host, in a domU or as a user says which of
 * these it is, instead of libxenctrl's "Could not obtain handle on
 * privileged command interface".
 */
#ifndef VIR_XEN_PROBE_H
# define VIR_XEN_PROBE_H

# include "internal.h"

/**
 * xenProbeDom0:
 * @root: "/" on a real host; a directory shaped like one in tests
 *
 * Looks at @root's /sys/hypervisor/type, /proc/xen/capabilities and
 * /dev/xen/privcmd (opened read-write, as libxencall will).
 *
 * Returns 0 when this is a dom0 whose privileged interface the caller may
 * use, -1 with an error saying what this host is instead.
 */
int xenProbeDom0(const char *root);

/**
 * xenProbeToolsMatch:
 * @major: @minor: the running hypervisor's version
 *
 * libxenctrl only speaks to the hypervisor release it was built for (the
 * domctl interface version changes with each).  Returns 0 when the running
 * one is the release of XEN_TOOLS_VERSION, -1 with an error otherwise.
 */
int xenProbeToolsMatch(unsigned int major, unsigned int minor);

#endif /* VIR_XEN_PROBE_H */
