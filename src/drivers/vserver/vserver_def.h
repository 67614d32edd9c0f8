/*
 * vserver_def.h: what makes a definition a VServer domain, and what its
 * generic parts mean for the context: the init command (<os><init>,
 * <initarg>, <initenv>, <initdir>), the root directory (<filesystem>)
 * and the network addresses (<interface type='vserver'>)
 *
 * A context has no devices of its own: anything else a definition asks
 * for, which the driver cannot honour, is refused at define, naming it.
 */
#ifndef VIR_VSERVER_DEF_H
# define VIR_VSERVER_DEF_H

# include "internal.h"

# include "domain_conf.h"
# include "vserver_conf.h"
# include "vserver_net.h"

/* The xmlopt postParse hook; @opaque points at the page size (long). */
int vserverDefPostParse(virDomainDef *def, void *opaque);

/* One <interface type='vserver'>: its addresses and its bandwidth (the
 * 2003 design's QoS of a network device, kbit/s). */
typedef struct {
    size_t naddrs;
    vserverAddress *addrs;
    bool hasBandwidth;
    unsigned long long maxKbps;     /* VSERVER_UNLIMITED: no cap */
    unsigned long long minKbps;     /* 0: nothing guaranteed */
} vserverDefNet;

/* What running the domain takes: built before the fork, so that the
 * child that becomes the init allocates nothing. */
typedef struct {
    size_t nnets;
    vserverDefNet *nets;
    size_t naddrs;                  /* of all interfaces */
    char *root;                     /* <filesystem> source, or NULL: the host's / */
    char *initdir;                  /* in the root; NULL: "/" */
    char **argv;                    /* the init and its <initarg>s */
    char **envp;                    /* PATH, container=vserver, <initenv>s */
} vserverDefRun;

/* Reads @def (already checked by the post-parse hook). */
vserverDefRun *vserverDefRunNew(const virDomainDef *def);
void vserverDefRunFree(vserverDefRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vserverDefRun, vserverDefRunFree);

#endif /* VIR_VSERVER_DEF_H */
