/*
 * vssim_2003_net.c: the 2003 design's virtual network devices (with their
 * bandwidth), the addresses a context may use, and its file system (the
 * virtual root, disk limits)
 */
#include "internal.h"

#include <sys/stat.h>

#include "vssim_2003.h"

static long
vssim03NetDevQos(vssimModel *m, const vssimCall *call, vssimNetDev *dev)
{
    bool max = VS03_COMMAND(call->cmd) == VS03_NETDEV_QOS_MAX;
    struct vs03_value v = { .value = max ? dev->qosMax : dev->qosMin };
    long rc;

    if (VS03_SUBCATEGORY(call->cmd) == VS03_GET)
        return vssimCallWrite(m->listener, call, call->data, &v, sizeof(v));
    if ((rc = vssimCallRead(m->listener, call, call->data, &v, sizeof(v))) < 0)
        return rc;
    /* the guarantee cannot exceed the cap */
    if (max ? v.value < dev->qosMin : v.value > dev->qosMax)
        return -EINVAL;
    if (max)
        dev->qosMax = v.value;
    else
        dev->qosMin = v.value;
    return 0;
}

long
vssim03NetDev(vssimModel *m, const vssimCall *call)
{
    vssimNetDev *dev = g_hash_table_lookup(m->netdevs, GUINT_TO_POINTER(call->arg));
    struct vs03_netdev_attach at;
    long rc;

    if (VS03_COMMAND(call->cmd) == VS03_NETDEV_CREATE) {
        if (dev)
            return -EEXIST;
        dev = g_new0(vssimNetDev, 1);
        dev->id = call->arg;
        dev->qosMax = VS03_UNLIMITED;
        g_hash_table_insert(m->netdevs, GUINT_TO_POINTER(dev->id), dev);
        return 0;
    }
    if (!dev)
        return -ESRCH;
    switch (VS03_COMMAND(call->cmd)) {
    case VS03_NETDEV_ATTACH:
        if ((rc = vssimCallRead(m->listener, call, call->data, &at, sizeof(at))) < 0)
            return rc;
        if (at.xid && !vssimModelLookup(m, at.xid))
            return -ESRCH;
        dev->xid = at.xid;
        return 0;
    case VS03_NETDEV_DESTROY:
        g_hash_table_remove(m->netdevs, GUINT_TO_POINTER(call->arg));
        return 0;
    }
    return vssim03NetDevQos(m, call, dev);
}

static void
vssim03ClearFamily(GArray *addrs, int family)
{
    guint i = 0;

    while (i < addrs->len) {
        if (!family || g_array_index(addrs, vssimAddr, i).family == family)
            g_array_remove_index(addrs, i);
        else
            i++;
    }
}

/* the netmask of @prefix, for comparing an address being removed */
static void
vssim03PrefixMask(unsigned int prefix, uint8_t *mask, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++, prefix = prefix >= 8 ? prefix - 8 : 0)
        mask[i] = prefix >= 8 ? 0xFF : (uint8_t)(0xFF << (8 - prefix));
}

static long
vssim03Remove(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs03_addr_remove rm;
    vssimAddr addr = { 0 };
    long rc;

    if ((rc = vssimCallRead(m->listener, call, call->data, &rm, sizeof(rm))) < 0)
        return rc;
    if (rm.family == VS03_AF_ANY) {
        vssim03ClearFamily(ctx->addrs, 0);
        return 0;
    }
    if ((rm.family != VS03_AF_INET && rm.family != VS03_AF_INET6) ||
        rm.prefix > (rm.family == VS03_AF_INET ? 32U : 128U))
        return -EINVAL;
    addr.family = rm.family;
    addr.prefix = rm.prefix;
    memcpy(addr.ip, rm.addr, rm.family == VS03_AF_INET ? 4 : 16);
    if (rm.family == VS03_AF_INET) {
        vssim03PrefixMask(rm.prefix, addr.mask, 4);
        addr.prefix = 0;
    }
    return vssimAddrRemove(ctx->addrs, &addr);
}

long
vssim03NetAddr(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs03_addr4 a4;
    struct vs03_addr6 a6;
    vssimAddr addr = { 0 };
    long rc;

    switch (VS03_COMMAND(call->cmd)) {
    case VS03_NETADDR_IPV4:
        if ((rc = vssimCallRead(m->listener, call, call->data, &a4, sizeof(a4))) < 0)
            return rc;
        addr.family = 4;
        memcpy(addr.ip, &a4.addr, 4);
        memcpy(addr.mask, &a4.mask, 4);
        return vssimAddrAdd(ctx->addrs, &addr);
    case VS03_NETADDR_IPV6:
        if ((rc = vssimCallRead(m->listener, call, call->data, &a6, sizeof(a6))) < 0)
            return rc;
        if (a6.prefix > 128)
            return -EINVAL;
        addr.family = 6;
        addr.prefix = a6.prefix;
        memcpy(addr.ip, a6.addr, 16);
        return vssimAddrAdd(ctx->addrs, &addr);
    }
    return vssim03Remove(m, call, ctx);
}

/* The directory @path of the caller's file system must exist. */
static long
vssim03VRoot(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs03_path p;
    g_autofree char *path = NULL;
    g_autofree char *seen = NULL;
    struct stat sb;
    long rc;

    if ((rc = vssimCallRead(m->listener, call, call->data, &p, sizeof(p))) < 0)
        return rc;
    if (p.len == 0 || p.len >= 4096)
        return -EINVAL;
    path = g_malloc0(p.len + 1);
    if ((rc = vssimCallRead(m->listener, call, p.path, path, p.len)) < 0)
        return rc;
    if (path[0] != '/' || strlen(path) != p.len)
        return -EINVAL;
    /* the path as the caller sees it, in its mount namespace */
    seen = g_strdup_printf("/proc/%d/root%s", (int)call->pid, path);
    if (stat(seen, &sb) < 0)
        return -errno;
    if (!S_ISDIR(sb.st_mode))
        return -ENOTDIR;
    g_free(ctx->vroot);
    ctx->vroot = g_steal_pointer(&path);
    return 0;
}

long
vssim03Vfs(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs03_disk_limit d = { .space_kib = ctx->diskSpaceKiB, .inodes = ctx->diskInodes };
    long rc;

    if (VS03_COMMAND(call->cmd) == VS03_VFS_VROOT)
        return vssim03VRoot(m, call, ctx);
    if (VS03_SUBCATEGORY(call->cmd) == VS03_GET)
        return vssimCallWrite(m->listener, call, call->data, &d, sizeof(d));
    if ((rc = vssimCallRead(m->listener, call, call->data, &d, sizeof(d))) < 0)
        return rc;
    ctx->diskSpaceKiB = d.space_kib;
    ctx->diskInodes = d.inodes;
    return 0;
}
