/*
 * vserver_cmd.c: the command table: each operation in each ABI
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_cmd.h"

/* The first V2 interface version (VCI) with each family of commands, as
 * util-vserver's vc_isSupported() dates them where it names the feature;
 * the rest came with the V2.0 matrix.  The version inside a command word
 * is the kernel's own check: a kernel without that version of the
 * command answers ENOSYS. */
#define VCI_RLIMIT 0x00010004      /* rlimits and ctx_kill */
#define VCI_VINFO 0x00010010       /* task_xid, vx_info, vhi names */
#define VCI_MIGRATE 0x00010012
#define VCI_VWAIT 0x00010025
#define VCI_MATRIX 0x00020000      /* the V2 matrix: flags, caps, scheduler */
#define VCI_VNET 0x00020001
#define VCI_VSTAT 0x00020103
#define VCI_NETV2 0x00020300       /* net_add_ipv4 v2, IPv6 */

#define V2(n, w, s) \
    [VSERVER_ABI_V2] = { .name = n, .word = w, .since = s, .present = true }
#define V03(n, cat, sub, num) \
    [VSERVER_ABI_2003] = { .name = n, .word = VS03_CMD(VS03_CAT_ ## cat, VS03_ ## sub, num), \
                           .present = true }

static const vserverCmdInfo vserverCmds[] = {
    { VSERVER_CMD_GET_VERSION, VSERVER_ID_NONE,
      { V2("get_version", VS_VCMD_GET_VERSION, 0),
        V03("patch.version", PATCH, VERSION, 0) } },
    { VSERVER_CMD_CTX_CREATE, VSERVER_ID_CONTEXT,
      { V2("ctx_create", VS_VCMD_CTX_CREATE, VCI_MIGRATE),
        V03("context.create", CONTEXT, SET, VS03_CONTEXT_CREATE) },
      N_("static context ids are 2-49151") },
    { VSERVER_CMD_CTX_MIGRATE, VSERVER_ID_CONTEXT,
      { V2("ctx_migrate", VS_VCMD_CTX_MIGRATE, VCI_MIGRATE),
        V03("process.migrate", PROCESS, SET, VS03_PROCESS_MIGRATE) } },
    { VSERVER_CMD_CTX_DESTROY, VSERVER_ID_CONTEXT,
      { V03("context.destroy", CONTEXT, SET, VS03_CONTEXT_DESTROY) } },
    { VSERVER_CMD_TASK_XID, VSERVER_ID_PROCESS,
      { V2("task_xid", VS_VCMD_TASK_XID, VCI_VINFO),
        V03("process.current", PROCESS, GET, VS03_PROCESS_MIGRATE) } },
    { VSERVER_CMD_VX_INFO, VSERVER_ID_CONTEXT,
      { V2("vx_info", VS_VCMD_VX_INFO, VCI_VINFO) } },
    { VSERVER_CMD_CTX_STAT, VSERVER_ID_CONTEXT,
      { V2("ctx_stat", VS_VCMD_CTX_STAT, VCI_VSTAT),
        V03("process.count", PROCESS, GET, VS03_PROCESS_SIGNAL) } },
    { VSERVER_CMD_VIRT_STAT, VSERVER_ID_CONTEXT,
      { V2("virt_stat", VS_VCMD_VIRT_STAT, VCI_VSTAT) } },
    /* the 2003 words of the limits are in vserverLimits2003 */
    { VSERVER_CMD_RLIMIT_GET, VSERVER_ID_CONTEXT,
      { V2("get_rlimit", VS_VCMD_GET_RLIMIT, VCI_RLIMIT) },
      N_("the kernel does not limit that resource") },
    { VSERVER_CMD_RLIMIT_SET, VSERVER_ID_CONTEXT,
      { V2("set_rlimit", VS_VCMD_SET_RLIMIT, VCI_RLIMIT) },
      N_("the kernel does not limit that resource, or not with that value") },
    { VSERVER_CMD_RLIMIT_MASK, VSERVER_ID_NONE,
      { V2("get_rlimit_mask", VS_VCMD_GET_RLIMIT_MASK, VCI_RLIMIT) } },
    { VSERVER_CMD_SCHED_SET, VSERVER_ID_CONTEXT,
      { V2("set_sched", VS_VCMD_SET_SCHED, VCI_MATRIX),
        V03("context.sched_policy", CONTEXT, SET, VS03_CONTEXT_SCHED_POLICY) },
      N_("the scheduler refused those values (interval 0, or no such CPU or bucket)") },
    { VSERVER_CMD_SCHED_GET, VSERVER_ID_CONTEXT,
      { V2("get_sched", VS_VCMD_GET_SCHED, VCI_MATRIX),
        V03("context.sched_policy", CONTEXT, GET, VS03_CONTEXT_SCHED_POLICY) },
      N_("no such CPU or bucket") },
    { VSERVER_CMD_CPU_MAX_SET, VSERVER_ID_CONTEXT,
      { V03("context.cpu_max", CONTEXT, SET, VS03_CONTEXT_CPU_MAX) },
      N_("the maximum is below the guaranteed minimum") },
    { VSERVER_CMD_CPU_MAX_GET, VSERVER_ID_CONTEXT,
      { V03("context.cpu_max", CONTEXT, GET, VS03_CONTEXT_CPU_MAX) } },
    { VSERVER_CMD_CPU_MIN_SET, VSERVER_ID_CONTEXT,
      { V03("context.cpu_min", CONTEXT, SET, VS03_CONTEXT_CPU_MIN) },
      N_("the guaranteed minimum is above the maximum") },
    { VSERVER_CMD_CPU_MIN_GET, VSERVER_ID_CONTEXT,
      { V03("context.cpu_min", CONTEXT, GET, VS03_CONTEXT_CPU_MIN) } },
    { VSERVER_CMD_CTX_KILL, VSERVER_ID_CONTEXT,
      { V2("ctx_kill", VS_VCMD_CTX_KILL, VCI_RLIMIT),
        V03("process.signal", PROCESS, SET, VS03_PROCESS_SIGNAL) },
      N_("not a signal number"), N_("no such context, or no such process in it") },
    { VSERVER_CMD_WAIT_EXIT, VSERVER_ID_CONTEXT,
      { V2("wait_exit", VS_VCMD_WAIT_EXIT, VCI_VWAIT) } },
    { VSERVER_CMD_CFLAGS_GET, VSERVER_ID_CONTEXT,
      { V2("get_cflags", VS_VCMD_GET_CFLAGS, VCI_MATRIX) } },
    { VSERVER_CMD_CFLAGS_SET, VSERVER_ID_CONTEXT,
      { V2("set_cflags", VS_VCMD_SET_CFLAGS, VCI_MATRIX) } },
    { VSERVER_CMD_CCAPS_GET, VSERVER_ID_CONTEXT,
      { V2("get_ccaps", VS_VCMD_GET_CCAPS, VCI_MATRIX) } },
    { VSERVER_CMD_CCAPS_SET, VSERVER_ID_CONTEXT,
      { V2("set_ccaps", VS_VCMD_SET_CCAPS, VCI_MATRIX) } },
    { VSERVER_CMD_BCAPS_GET, VSERVER_ID_CONTEXT,
      { V2("get_bcaps", VS_VCMD_GET_BCAPS, VCI_MATRIX),
        V03("process.caps", PROCESS, GET, VS03_PROCESS_CAPS) } },
    { VSERVER_CMD_BCAPS_SET, VSERVER_ID_CONTEXT,
      { V2("set_bcaps", VS_VCMD_SET_BCAPS, VCI_MATRIX),
        V03("process.caps", PROCESS, SET, VS03_PROCESS_CAPS) } },
    { VSERVER_CMD_NAME_GET, VSERVER_ID_CONTEXT,
      { V2("get_vhi_name", VS_VCMD_GET_VHI_NAME, VCI_VINFO) },
      N_("no such UTS name field") },
    { VSERVER_CMD_NAME_SET, VSERVER_ID_CONTEXT,
      { V2("set_vhi_name", VS_VCMD_SET_VHI_NAME, VCI_VINFO) },
      N_("no such UTS name field") },
    { VSERVER_CMD_BADNESS_GET, VSERVER_ID_CONTEXT,
      { V2("get_badness", VS_VCMD_GET_BADNESS, VCI_MATRIX) } },
    { VSERVER_CMD_BADNESS_SET, VSERVER_ID_CONTEXT,
      { V2("set_badness", VS_VCMD_SET_BADNESS, VCI_MATRIX) } },
    { VSERVER_CMD_STOP_CREATE_GET, VSERVER_ID_CONTEXT,
      { V03("process.stop_create", PROCESS, GET, VS03_PROCESS_STOP_CREATE) } },
    { VSERVER_CMD_STOP_CREATE_SET, VSERVER_ID_CONTEXT,
      { V03("process.stop_create", PROCESS, SET, VS03_PROCESS_STOP_CREATE) } },
    { VSERVER_CMD_NET_CREATE, VSERVER_ID_NETWORK,
      { V2("net_create", VS_VCMD_NET_CREATE, VCI_VNET) },
      N_("static network context ids are 2-49151") },
    { VSERVER_CMD_NET_MIGRATE, VSERVER_ID_NETWORK,
      { V2("net_migrate", VS_VCMD_NET_MIGRATE, VCI_VNET) } },
    { VSERVER_CMD_NET_ADD_IPV4, VSERVER_ID_NETWORK,
      { V2("net_add_ipv4", VS_VCMD_NET_ADD_IPV4, VCI_NETV2),
        V03("netaddr.ipv4", NETADDR, SET, VS03_NETADDR_IPV4) },
      N_("not an address type the kernel knows") },
    { VSERVER_CMD_NET_REMOVE_IPV4, VSERVER_ID_NETWORK,
      { V2("net_rem_ipv4", VS_VCMD_NET_REM_IPV4, VCI_NETV2),
        V03("netaddr.remove", NETADDR, SET, VS03_NETADDR_REMOVE) },
      N_("not an address type the kernel knows"),
      N_("no such network context, or no such address in it") },
    { VSERVER_CMD_NET_ADD_IPV6, VSERVER_ID_NETWORK,
      { V2("net_add_ipv6", VS_VCMD_NET_ADD_IPV6, VCI_NETV2),
        V03("netaddr.ipv6", NETADDR, SET, VS03_NETADDR_IPV6) },
      N_("not an address type the kernel knows, or a prefix over 128") },
    { VSERVER_CMD_NET_REMOVE_IPV6, VSERVER_ID_NETWORK,
      { V2("net_remove_ipv6", VS_VCMD_NET_REM_IPV6, VCI_NETV2),
        V03("netaddr.remove", NETADDR, SET, VS03_NETADDR_REMOVE) },
      N_("not an address type the kernel knows"),
      N_("no such network context, or no such address in it") },
    { VSERVER_CMD_NETDEV_CREATE, VSERVER_ID_NETDEV,
      { V03("netdev.create", NETDEV, SET, VS03_NETDEV_CREATE) } },
    { VSERVER_CMD_NETDEV_ATTACH, VSERVER_ID_NETDEV,
      { V03("netdev.attach", NETDEV, SET, VS03_NETDEV_ATTACH) },
      NULL, N_("no such device, or no such context to attach it to") },
    { VSERVER_CMD_NETDEV_DESTROY, VSERVER_ID_NETDEV,
      { V03("netdev.destroy", NETDEV, SET, VS03_NETDEV_DESTROY) } },
    { VSERVER_CMD_NETDEV_QOS_MAX, VSERVER_ID_NETDEV,
      { V03("netdev.qos_max", NETDEV, SET, VS03_NETDEV_QOS_MAX) },
      N_("the maximum is below the guaranteed bandwidth") },
    { VSERVER_CMD_NETDEV_QOS_MIN, VSERVER_ID_NETDEV,
      { V03("netdev.qos_min", NETDEV, SET, VS03_NETDEV_QOS_MIN) },
      N_("the guaranteed bandwidth is above the maximum") },
    { VSERVER_CMD_VROOT_SET, VSERVER_ID_CONTEXT,
      { V03("vfs.vroot", VFS, SET, VS03_VFS_VROOT) },
      N_("not an absolute path to a directory") },
    { VSERVER_CMD_DISK_LIMIT_GET, VSERVER_ID_CONTEXT,
      { V03("vfs.disk_limit", VFS, GET, VS03_VFS_DISK_LIMIT) } },
    { VSERVER_CMD_DISK_LIMIT_SET, VSERVER_ID_CONTEXT,
      { V03("vfs.disk_limit", VFS, SET, VS03_VFS_DISK_LIMIT) } },
};
G_STATIC_ASSERT(G_N_ELEMENTS(vserverCmds) == VSERVER_CMD_LAST);

/* The 2003 design limits resources with a command each. */
#define LIMIT03(lim, n, cat, num) \
    { lim, { .name = n, .word = VS03_CMD(VS03_CAT_ ## cat, VS03_GET, num), .present = true }, \
           { .name = n, .word = VS03_CMD(VS03_CAT_ ## cat, VS03_SET, num), .present = true } }

static const struct {
    unsigned int limit;
    vserverCmdEncoding get;
    vserverCmdEncoding set;
} vserverLimits2003[] = {
    LIMIT03(VS_RLIMIT_NPROC, "process.max_procs", PROCESS, VS03_PROCESS_MAX_PROCS),
    LIMIT03(VS_RLIMIT_AS, "memory.total", MEMORY, VS03_MEMORY_TOTAL),
    LIMIT03(VS_RLIMIT_RSS, "memory.resident", MEMORY, VS03_MEMORY_RESIDENT),
    LIMIT03(VS_RLIMIT_NOFILE, "vfs.files", VFS, VS03_VFS_FILES),
    LIMIT03(VS_VLIMIT_NSOCK, "limits.tcp_sockets", LIMITS, VS03_LIMITS_TCP_SOCKETS),
};

static const char *const vserverLimitNames[VS_NUM_LIMITS] = {
    [VS_RLIMIT_CPU] = "CPU", [VS_RLIMIT_FSIZE] = "FSIZE", [VS_RLIMIT_DATA] = "DATA",
    [VS_RLIMIT_STACK] = "STACK", [VS_RLIMIT_CORE] = "CORE", [VS_RLIMIT_RSS] = "RSS",
    [VS_RLIMIT_NPROC] = "NPROC", [VS_RLIMIT_NOFILE] = "NOFILE",
    [VS_RLIMIT_MEMLOCK] = "MEMLOCK", [VS_RLIMIT_AS] = "AS", [VS_RLIMIT_LOCKS] = "LOCKS",
    [VS_RLIMIT_SIGPENDING] = "SIGPENDING", [VS_RLIMIT_MSGQUEUE] = "MSGQUEUE",
    [VS_RLIMIT_NICE] = "NICE", [VS_RLIMIT_RTPRIO] = "RTPRIO", [VS_RLIMIT_RTTIME] = "RTTIME",
    [VS_VLIMIT_NSOCK] = "NSOCK", [VS_VLIMIT_OPENFD] = "OPENFD", [VS_VLIMIT_ANON] = "ANON",
    [VS_VLIMIT_SHMEM] = "SHMEM", [VS_VLIMIT_SEMARY] = "SEMARY", [VS_VLIMIT_NSEMS] = "NSEMS",
    [VS_VLIMIT_DENTRY] = "DENTRY", [VS_VLIMIT_MAPPED] = "MAPPED",
};

const vserverCmdInfo *
vserverCmdGetInfo(vserverCmd cmd)
{
    g_return_val_if_fail(cmd < VSERVER_CMD_LAST, NULL);
    return &vserverCmds[cmd];
}

static const vserverCmdEncoding *
vserverCmdEncodeLimit2003(vserverCmd cmd, unsigned int limit)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vserverLimits2003); i++) {
        if (vserverLimits2003[i].limit == limit)
            return cmd == VSERVER_CMD_RLIMIT_GET ? &vserverLimits2003[i].get :
                                                   &vserverLimits2003[i].set;
    }
    return NULL;
}

const vserverCmdEncoding *
vserverCmdEncode(vserverAbi abi, vserverCmd cmd, unsigned int limit)
{
    const vserverCmdEncoding *enc;

    if (abi <= VSERVER_ABI_NONE || abi >= VSERVER_ABI_LAST || cmd >= VSERVER_CMD_LAST)
        return NULL;
    if (abi == VSERVER_ABI_2003 &&
        (cmd == VSERVER_CMD_RLIMIT_GET || cmd == VSERVER_CMD_RLIMIT_SET))
        return vserverCmdEncodeLimit2003(cmd, limit);
    enc = &vserverCmds[cmd].enc[abi];
    return enc->present ? enc : NULL;
}

const char *
vserverCmdName(vserverAbi abi, vserverCmd cmd, unsigned int limit)
{
    const vserverCmdEncoding *enc = vserverCmdEncode(abi, cmd, limit);
    int other;

    if (enc)
        return enc->name;
    /* a command this ABI lacks goes by its name in the other one */
    for (other = VSERVER_ABI_V2; other < VSERVER_ABI_LAST; other++) {
        if ((enc = vserverCmdEncode(other, cmd, limit)))
            return enc->name;
    }
    return vserverCmds[cmd].enc[VSERVER_ABI_V2].name;
}

const char *
vserverAbiName(vserverAbi abi)
{
    switch (abi) {
    case VSERVER_ABI_V2:
        return "V2";
    case VSERVER_ABI_2003:
        return "2003";
    case VSERVER_ABI_NONE:
    case VSERVER_ABI_LAST:
        break;
    }
    return "none";
}

const char *
vserverLimitName(unsigned int limit)
{
    return limit < VS_NUM_LIMITS ? vserverLimitNames[limit] : NULL;
}

uint32_t
vserverCmd2003VersionWord(uint32_t word, bool category)
{
    return VS03_CMD(VS03_CATEGORY(word), VS03_VERSION, category ? 0 : VS03_COMMAND(word));
}
