/*
 * vserver_net.c: network contexts, addresses and 2003 network devices
 */
#include "internal.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include "vserver_abi.h"
#include "vserver_net.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

#define NOLIMIT 0

static bool
vserverIsV2(vserverBinding *b)
{
    return vserverBindingGetAbi(b) == VSERVER_ABI_V2;
}

static unsigned int
vserverAddressMaxPrefix(const vserverAddress *addr)
{
    return addr->family == AF_INET ? 32 : 128;
}

int
vserverAddressParse(const char *text, unsigned int prefix, vserverAddress *addr)
{
    memset(addr, 0, sizeof(*addr));
    if (inet_pton(AF_INET, text, addr->addr) == 1)
        addr->family = AF_INET;
    else if (inet_pton(AF_INET6, text, addr->addr) == 1)
        addr->family = AF_INET6;
    else {
        virReportError(VIR_ERR_INVALID_ARG, _("'%s' is not an IPv4 or IPv6 address"), text);
        return -1;
    }
    if (prefix > vserverAddressMaxPrefix(addr)) {
        virReportError(VIR_ERR_INVALID_ARG, _("the prefix of '%s' cannot be %u (at most %u)"),
                       text, prefix, vserverAddressMaxPrefix(addr));
        return -1;
    }
    addr->prefix = prefix;
    return 0;
}

static int
vserverAddressCheck(const vserverAddress *addr)
{
    if ((addr->family != AF_INET && addr->family != AF_INET6) ||
        addr->prefix > vserverAddressMaxPrefix(addr)) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid address (family %d, prefix %u)"),
                       addr->family, addr->prefix);
        return -1;
    }
    return 0;
}

/* the netmask of @prefix in @mask (@len bytes, network order) */
static void
vserverPrefixMask(unsigned int prefix, uint8_t *mask, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (prefix >= 8)
            mask[i] = 0xFF;
        else
            mask[i] = (uint8_t)(0xFF << (8 - prefix));
        prefix = prefix >= 8 ? prefix - 8 : 0;
    }
}

int
vserverNetCreate(vserverBinding *b, uint32_t nid, uint64_t flags)
{
    struct vs_net_create v2 = { .flagword = flags };

    return vserverBindingCall(b, VSERVER_CMD_NET_CREATE, NOLIMIT, nid, &v2) < 0 ? -1 : 0;
}

int
vserverNetMigrate(vserverBinding *b, uint32_t nid)
{
    return vserverBindingCall(b, VSERVER_CMD_NET_MIGRATE, NOLIMIT, nid, NULL) < 0 ? -1 : 0;
}

static int
vserverNetAddressV2(vserverBinding *b, uint32_t nid, const vserverAddress *addr, bool add)
{
    struct vs_net_addr_ipv4_v2 v4 = { .type = VS_NXA_TYPE_ADDR };
    struct vs_net_addr_ipv6_v1 v6 = { .type = VS_NXA_TYPE_ADDR, .prefix = addr->prefix };

    if (addr->family == AF_INET) {
        memcpy(&v4.ip, addr->addr, 4);
        vserverPrefixMask(addr->prefix, (uint8_t *)&v4.mask, 4);
        return vserverBindingCall(b, add ? VSERVER_CMD_NET_ADD_IPV4 : VSERVER_CMD_NET_REMOVE_IPV4,
                                  NOLIMIT, nid, &v4) < 0 ? -1 : 0;
    }
    memcpy(v6.ip, addr->addr, 16);
    vserverPrefixMask(addr->prefix, v6.mask, 16);
    return vserverBindingCall(b, add ? VSERVER_CMD_NET_ADD_IPV6 : VSERVER_CMD_NET_REMOVE_IPV6,
                              NOLIMIT, nid, &v6) < 0 ? -1 : 0;
}

static int
vserverNetAddress2003(vserverBinding *b, uint32_t nid, const vserverAddress *addr, bool add)
{
    struct vs03_addr4 v4 = { 0 };
    struct vs03_addr6 v6 = { .prefix = addr->prefix };
    struct vs03_addr_remove rm = { .prefix = addr->prefix };

    if (!add) {
        rm.family = addr->family == AF_INET ? VS03_AF_INET : VS03_AF_INET6;
        memcpy(rm.addr, addr->addr, sizeof(rm.addr));
        return vserverBindingCall(b, addr->family == AF_INET ? VSERVER_CMD_NET_REMOVE_IPV4 :
                                                               VSERVER_CMD_NET_REMOVE_IPV6,
                                  NOLIMIT, nid, &rm) < 0 ? -1 : 0;
    }
    if (addr->family == AF_INET) {
        memcpy(&v4.addr, addr->addr, 4);
        vserverPrefixMask(addr->prefix, (uint8_t *)&v4.mask, 4);
        return vserverBindingCall(b, VSERVER_CMD_NET_ADD_IPV4, NOLIMIT, nid, &v4) < 0 ? -1 : 0;
    }
    memcpy(v6.addr, addr->addr, 16);
    return vserverBindingCall(b, VSERVER_CMD_NET_ADD_IPV6, NOLIMIT, nid, &v6) < 0 ? -1 : 0;
}

int
vserverNetAddAddress(vserverBinding *b, uint32_t nid, const vserverAddress *addr)
{
    if (vserverAddressCheck(addr) < 0)
        return -1;
    if (vserverIsV2(b))
        return vserverNetAddressV2(b, nid, addr, true);
    return vserverNetAddress2003(b, nid, addr, true);
}

static int
vserverNetRemoveAll(vserverBinding *b, uint32_t nid)
{
    struct vs_net_addr_ipv4_v2 v4 = { .type = VS_NXA_TYPE_ANY };
    struct vs_net_addr_ipv6_v1 v6 = { .type = VS_NXA_TYPE_ANY };
    struct vs03_addr_remove rm = { .family = VS03_AF_ANY };
    int has6;

    if (!vserverIsV2(b))
        return vserverBindingCall(b, VSERVER_CMD_NET_REMOVE_IPV4, NOLIMIT, nid, &rm) < 0 ? -1 : 0;
    if (vserverBindingCall(b, VSERVER_CMD_NET_REMOVE_IPV4, NOLIMIT, nid, &v4) < 0)
        return -1;
    /* a kernel without IPv6 isolation has no IPv6 address to remove */
    if ((has6 = vserverBindingSupports(b, VSERVER_CMD_NET_REMOVE_IPV6, NOLIMIT)) <= 0)
        return has6;
    return vserverBindingCall(b, VSERVER_CMD_NET_REMOVE_IPV6, NOLIMIT, nid, &v6) < 0 ? -1 : 0;
}

int
vserverNetRemoveAddress(vserverBinding *b, uint32_t nid, const vserverAddress *addr)
{
    if (!addr)
        return vserverNetRemoveAll(b, nid);
    if (vserverAddressCheck(addr) < 0)
        return -1;
    if (vserverIsV2(b))
        return vserverNetAddressV2(b, nid, addr, false);
    return vserverNetAddress2003(b, nid, addr, false);
}

int
vserverNetDevCreate(vserverBinding *b, uint32_t dev)
{
    return vserverBindingCall(b, VSERVER_CMD_NETDEV_CREATE, NOLIMIT, dev, NULL) < 0 ? -1 : 0;
}

int
vserverNetDevAttach(vserverBinding *b, uint32_t dev, uint32_t xid)
{
    struct vs03_netdev_attach v03 = { .xid = xid };

    return vserverBindingCall(b, VSERVER_CMD_NETDEV_ATTACH, NOLIMIT, dev, &v03) < 0 ? -1 : 0;
}

int
vserverNetDevDestroy(vserverBinding *b, uint32_t dev)
{
    return vserverBindingCall(b, VSERVER_CMD_NETDEV_DESTROY, NOLIMIT, dev, NULL) < 0 ? -1 : 0;
}

int
vserverNetDevSetBandwidth(vserverBinding *b, uint32_t dev, bool max, uint64_t kbps)
{
    struct vs03_value v03 = { .value = kbps };

    return vserverBindingCall(b, max ? VSERVER_CMD_NETDEV_QOS_MAX : VSERVER_CMD_NETDEV_QOS_MIN,
                              NOLIMIT, dev, &v03) < 0 ? -1 : 0;
}
