/*
 * vserver_net.h: the operations of the binding on network isolation:
 * network contexts and their addresses (V2), permitted addresses and
 * virtual network devices with bandwidth (2003)
 *
 * virtkit gives a context's network context the same number (nid = xid),
 * as util-vserver does.  Conventions as in vserver_context.h.
 */
#ifndef VIR_VSERVER_NET_H
# define VIR_VSERVER_NET_H

# include "internal.h"

# include "vserver_binding.h"

/* An address the context may bind, with its prefix length. */
typedef struct {
    int family;                     /* AF_INET or AF_INET6 */
    uint8_t addr[16];               /* network order; IPv4 in the first 4 */
    unsigned int prefix;            /* 0-32 or 0-128 */
} vserverAddress;

/* Parses "192.0.2.1" or "2001:db8::1" with @prefix into @addr; reports
 * VIR_ERR_INVALID_ARG naming the text when it is no address. */
int vserverAddressParse(const char *text, unsigned int prefix, vserverAddress *addr);

/* V2: creates network context @nid and moves the caller into it, as
 * vserverContextCreate does; net_migrate moves the caller later. */
int vserverNetCreate(vserverBinding *b, uint32_t nid, uint64_t flags);
int vserverNetMigrate(vserverBinding *b, uint32_t nid);

/* Permits an address (V2: to network context @nid; 2003: to context
 * @nid), or removes one; @addr NULL removes every address (V2: IPv4, and
 * IPv6 where the kernel isolates it). */
int vserverNetAddAddress(vserverBinding *b, uint32_t nid, const vserverAddress *addr);
int vserverNetRemoveAddress(vserverBinding *b, uint32_t nid, const vserverAddress *addr);

/* 2003: virtual network devices, attached to a context, with a maximum
 * and a guaranteed bandwidth (@max) in kbit/s. */
int vserverNetDevCreate(vserverBinding *b, uint32_t dev);
int vserverNetDevAttach(vserverBinding *b, uint32_t dev, uint32_t xid);
int vserverNetDevDestroy(vserverBinding *b, uint32_t dev);
int vserverNetDevSetBandwidth(vserverBinding *b, uint32_t dev, bool max, uint64_t kbps);

#endif /* VIR_VSERVER_NET_H */
