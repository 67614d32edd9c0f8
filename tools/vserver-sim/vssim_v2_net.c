/*
 * vssim_v2_net.c: the V2 network contexts: create, migrate, information,
 * flags, and the IPv4 and IPv6 addresses they may use
 */
#include "internal.h"

#include "vssim_v2.h"

static long
vssimV2NetIn(vssimModel *m, const vssimCall *call, void *buf, size_t len)
{
    return vssimCallRead(m->listener, call, call->data, buf, len);
}

static long
vssimV2NetOut(vssimModel *m, const vssimCall *call, const void *buf, size_t len)
{
    return vssimCallWrite(m->listener, call, call->data, buf, len);
}

static long
vssimV2NetCreate(vssimModel *m, const vssimCall *call, const vssimCaller *caller)
{
    struct vs_net_create c = { .flagword = VS_NXF_INIT_SET };
    vssimNet *net;
    long rc;

    if (call->data && (rc = vssimV2NetIn(m, call, &c, sizeof(c))) < 0)
        return rc;
    if (call->arg > VS_XID_STATIC_MAX || call->arg < VS_XID_STATIC_MIN)
        return -EINVAL;
    if (vssimModelNetLookup(m, call->arg))
        return -EEXIST;
    net = vssimModelNetCreate(m, call->arg, c.flagword);
    /* like ctx_create, the caller moves in */
    vssimModelNetJoin(m, net, caller->status.tgid);
    return net->nid;
}

static long
vssimV2NetFlags(vssimModel *m, const vssimCall *call, vssimNet *net)
{
    struct vs_net_flags_v0 f;
    uint64_t mask;
    long rc;

    if (call->cmd == VS_VCMD_GET_NFLAGS) {
        f.flagword = net->flags;
        f.mask = ~VS_NXF_ONE_TIME | (net->flags & VS_NXF_ONE_TIME);
        return vssimV2NetOut(m, call, &f, sizeof(f));
    }
    if ((rc = vssimV2NetIn(m, call, &f, sizeof(f))) < 0)
        return rc;
    mask = (f.mask & ~VS_NXF_ONE_TIME) | (f.mask & net->flags & VS_NXF_ONE_TIME);
    net->flags = (net->flags & ~mask) | (f.flagword & mask);
    return 0;
}

static void
vssimV2RemoveFamily(GArray *addrs, int family)
{
    guint i = 0;

    while (i < addrs->len) {
        if (g_array_index(addrs, vssimAddr, i).family == family)
            g_array_remove_index(addrs, i);
        else
            i++;
    }
}

static long
vssimV2NetIPv4(vssimModel *m, const vssimCall *call, vssimNet *net)
{
    struct vs_net_addr_ipv4_v2 a;
    vssimAddr addr = { .family = 4 };
    bool add = call->cmd == VS_VCMD_NET_ADD_IPV4;
    long rc;

    if ((rc = vssimV2NetIn(m, call, &a, sizeof(a))) < 0)
        return rc;
    addr.type = a.type;
    addr.flags = a.flags;
    memcpy(addr.ip, &a.ip, 4);
    memcpy(addr.ip2, &a.ip2, 4);
    memcpy(addr.mask, &a.mask, 4);
    switch (a.type) {
    case VS_NXA_TYPE_ADDR:
    case VS_NXA_TYPE_MASK:
    case VS_NXA_TYPE_RANGE:
        return add ? vssimAddrAdd(net->addrs, &addr) : vssimAddrRemove(net->addrs, &addr);
    case VS_NXA_TYPE_ADDR | VS_NXA_MOD_BCAST:
        if (add)
            net->v4bcast = a.ip;
        return add ? 0 : -EINVAL;
    case VS_NXA_TYPE_ADDR | VS_NXA_MOD_LBACK:
        if (add)
            net->v4lback = a.ip;
        return add ? 0 : -EINVAL;
    case VS_NXA_TYPE_ANY:
        if (add)
            return -EINVAL;
        vssimV2RemoveFamily(net->addrs, 4);
        return 0;
    }
    return -EINVAL;
}

static long
vssimV2NetIPv6(vssimModel *m, const vssimCall *call, vssimNet *net)
{
    struct vs_net_addr_ipv6_v1 a;
    vssimAddr addr = { .family = 6 };
    bool add = call->cmd == VS_VCMD_NET_ADD_IPV6;
    long rc;

    if ((rc = vssimV2NetIn(m, call, &a, sizeof(a))) < 0)
        return rc;
    if (a.type == VS_NXA_TYPE_ANY && !add) {
        vssimV2RemoveFamily(net->addrs, 6);
        return 0;
    }
    if ((a.type != VS_NXA_TYPE_ADDR && a.type != VS_NXA_TYPE_MASK) || a.prefix > 128)
        return -EINVAL;
    /* a single address is matched whole, whatever mask came with it */
    if (a.type == VS_NXA_TYPE_ADDR)
        memset(a.mask, 0xFF, sizeof(a.mask));
    addr.type = a.type;
    addr.flags = a.flags;
    addr.prefix = a.prefix;
    memcpy(addr.ip, a.ip, 16);
    memcpy(addr.mask, a.mask, 16);
    return add ? vssimAddrAdd(net->addrs, &addr) : vssimAddrRemove(net->addrs, &addr);
}

long
vssimV2NetCall(vssimModel *m, const vssimCall *call, const vssimCaller *caller, vssimNet *net)
{
    struct vs_nx_info_v0 info;

    switch (call->cmd) {
    case VS_VCMD_NET_CREATE:
        return vssimV2NetCreate(m, call, caller);
    case VS_VCMD_NET_MIGRATE:
        vssimModelNetJoin(m, net, caller->status.tgid);
        return 0;
    case VS_VCMD_NX_INFO:
        info.nid = net->nid;
        return vssimV2NetOut(m, call, &info, sizeof(info));
    case VS_VCMD_GET_NFLAGS:
    case VS_VCMD_SET_NFLAGS:
        return vssimV2NetFlags(m, call, net);
    case VS_VCMD_NET_ADD_IPV4:
    case VS_VCMD_NET_REM_IPV4:
        return vssimV2NetIPv4(m, call, net);
    case VS_VCMD_NET_ADD_IPV6:
    case VS_VCMD_NET_REM_IPV6:
        return vssimV2NetIPv6(m, call, net);
    }
    return -ENOSYS;
}
