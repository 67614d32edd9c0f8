/*
 * vserver_abi.h: the kernel ABI of the vserver system call, both
 * encodings, as a kernel's include/uapi header would state it
 *
 * The binding (a client) and virtkit-vserver-sim (a model of the kernel)
 * both speak this ABI and nothing else: command words, argument structs
 * with the kernel's layouts, flag and capability bits, limit ids, context
 * id ranges.  Only constants, structs and encoding macros live here; no
 * code.  Written for virtkit from the facts of the Linux-VServer patches
 * (include/uapi/vserver/, include/linux/vserver/ of 2.2 and 2.3.0, and
 * kernel/vserver/switch.c); the layouts are checked at the end.
 *
 * The call: long vserver(uint32_t cmd, uint32_t id, void *data), system
 * call 236 on x86_64 and 273 on i386.  Mainline kernels answer ENOSYS.
 *
 * ---------------------------------------------------------------------
 * Encoding 1: the V2 syscall matrix (VServer kernels 2.x)
 *
 *   cmd = (category & 0x3F) << 24 | (command & 0xFF) << 16 | (version & 0xFFF)
 *
 * The version of the argument struct is part of the word: a kernel that
 * does not implement that version of that command answers ENOSYS.
 * VS_VCMD_GET_VERSION (the word 0) answers the interface version (VCI),
 * e.g. 0x00020301 for 2.3.1.
 *
 * ---------------------------------------------------------------------
 * Encoding 2: the original 2003 design, as virtkit numbers it
 *
 * The 2003 proposal that asked for one multiplexed call named categories,
 * a set/get/version sub-category and commands, but fixed no numbers.  This
 * is the numbering virtkit follows (the binding and the simulator agree on
 * it, and nothing else is promised):
 *
 *   cmd = (category & 0xFF) << 24 | (subcategory & 0x3) << 21 | (command & 0xFF)
 *
 * Bits 8-20 and 23 are zero; a word with any of them set is no command.
 * Sub-categories: 0 SET (change or act), 1 GET (read), 2 VERSION, 3 is
 * reserved.  The id argument names the context (or the network device
 * for VS03_CAT_NETDEV); answers are >= 0, failures a negative errno.
 *
 *   category 0 PATCH    (VERSION, 0): the patch version, major << 16 | minor
 *   category 1 CONTEXT  1 create  2 destroy  3 sched_policy  4 cpu_max  5 cpu_min
 *   category 2 PROCESS  1 migrate (SET) / current (GET)  2 max_procs
 *                       3 caps  4 stop_create  5 signal (SET: all) / count (GET)
 *   category 3 NETDEV   1 create  2 attach  3 destroy  4 qos_max  5 qos_min
 *   category 4 NETADDR  1 ipv4  2 ipv6  3 remove
 *   category 5 VFS      1 vroot  2 disk_limit  3 files
 *   category 6 MEMORY   1 total  2 resident
 *   category 7 LIMITS   1 tcp_sockets
 *
 * Every category answers its own handler version at (category, VERSION,
 * 0), and each command its version at (category, VERSION, command); all
 * are version 1 here.  A client asks for the patch version first, then
 * for a command's version before it first uses the command.  A command,
 * category or sub-category the kernel does not implement answers
 * -ENOTSUP.  Contexts of this design live from CREATE to DESTROY (DESTROY
 * answers EBUSY while tasks remain); CREATE does not move the caller.
 *
 * Arguments: a limit is struct vs03_value (VS03_UNLIMITED for none),
 * memory limits count pages, CPU limits percent of one CPU, bandwidth
 * kbit/s; the other structs are below.
 */
#ifndef VIR_VSERVER_ABI_H
# define VIR_VSERVER_ABI_H

# include <stddef.h>
# include <stdint.h>

/* ---- the system call ------------------------------------------------ */

# define VS_NR_X86_64 236
# define VS_NR_I386 273

# if defined(__x86_64__) && !defined(__ILP32__)
#  define VS_NR VS_NR_X86_64
# elif defined(__i386__)
#  define VS_NR VS_NR_I386
# endif

/* ---- V2: the command word -------------------------------------------- */

# define VS_VC_CMD(cat, num, ver) \
    ((((uint32_t)(cat) & 0x3F) << 24) | (((uint32_t)(num) & 0xFF) << 16) | \
     ((uint32_t)(ver) & 0xFFF))
# define VS_VC_CATEGORY(cmd) (((uint32_t)(cmd) >> 24) & 0x3F)
# define VS_VC_COMMAND(cmd) (((uint32_t)(cmd) >> 16) & 0xFF)
# define VS_VC_VERSION(cmd) ((uint32_t)(cmd) & 0xFFF)

/* the categories of the matrix (V2.8) */
# define VS_CAT_VERSION 0
# define VS_CAT_VSETUP 1
# define VS_CAT_VHOST 2
# define VS_CAT_DEVICE 6
# define VS_CAT_VPROC 9
# define VS_CAT_PROCALT 10
# define VS_CAT_PROCMIG 11
# define VS_CAT_PROCTRL 12
# define VS_CAT_SCHED 14
# define VS_CAT_MEMCTRL 20
# define VS_CAT_VNET 25
# define VS_CAT_NETALT 26
# define VS_CAT_NETMIG 27
# define VS_CAT_NETCTRL 28
# define VS_CAT_TAGMIG 35
# define VS_CAT_DLIMIT 36
# define VS_CAT_INODE 38
# define VS_CAT_VSTAT 40
# define VS_CAT_VINFO 46
# define VS_CAT_EVENT 48
# define VS_CAT_FLAGS 52
# define VS_CAT_VSPACE 54
# define VS_CAT_DEBUG 56
# define VS_CAT_RLIMIT 60
# define VS_CAT_SYSTEST 61
# define VS_CAT_COMPAT 63

/* ---- V2: commands and their argument structs ------------------------- */

# define VS_VCMD_GET_VERSION VS_VC_CMD(VS_CAT_VERSION, 0, 0)    /* no data */
# define VS_VCMD_GET_VCI VS_VC_CMD(VS_CAT_VERSION, 1, 0)        /* no data */

/* id = pid (0: the caller); answers the task's xid */
# define VS_VCMD_TASK_XID VS_VC_CMD(VS_CAT_VINFO, 1, 0)

# define VS_VCMD_VX_INFO VS_VC_CMD(VS_CAT_VINFO, 5, 0)
struct vs_vx_info_v0 {
    uint32_t xid;
    uint32_t initpid;
};

# define VS_VCMD_NX_INFO VS_VC_CMD(VS_CAT_VINFO, 6, 0)
struct vs_nx_info_v0 {
    uint32_t nid;
};

# define VS_VCMD_CTX_STAT VS_VC_CMD(VS_CAT_VSTAT, 0, 0)
struct vs_ctx_stat_v0 {
    uint32_t usecnt;
    uint32_t tasks;
};

# define VS_VCMD_RLIMIT_STAT VS_VC_CMD(VS_CAT_VSTAT, 1, 0)
struct vs_rlimit_stat_v0 {
    uint32_t id;
    uint32_t hits;
    uint64_t value;
    uint64_t minimum;
    uint64_t maximum;
};

# define VS_VCMD_VIRT_STAT VS_VC_CMD(VS_CAT_VSTAT, 3, 0)
struct vs_virt_stat_v0 {
    uint64_t offset;                /* ns */
    uint64_t uptime;                /* ns since the context was created */
    uint32_t nr_threads;
    uint32_t nr_running;
    uint32_t nr_uninterruptible;
    uint32_t nr_onhold;
    uint32_t nr_forks;
    uint32_t load[3];
};

/* id = the new xid (or VS_XID_DYNAMIC); data may be NULL (flags
 * VXF_INIT_SET).  The caller moves into the new context; answers its xid. */
# define VS_VCMD_CTX_CREATE VS_VC_CMD(VS_CAT_VPROC, 1, 2)
struct vs_ctx_create {
    uint64_t flagword;
};

/* id = the context the caller moves into (one way) */
# define VS_VCMD_CTX_MIGRATE VS_VC_CMD(VS_CAT_PROCMIG, 1, 2)
struct vs_ctx_migrate {
    uint64_t flagword;              /* VS_VXM_* */
};

# define VS_VCMD_GET_CFLAGS VS_VC_CMD(VS_CAT_FLAGS, 1, 0)
# define VS_VCMD_SET_CFLAGS VS_VC_CMD(VS_CAT_FLAGS, 2, 0)
struct vs_ctx_flags_v0 {
    uint64_t flagword;
    uint64_t mask;
};

# define VS_VCMD_GET_CCAPS VS_VC_CMD(VS_CAT_FLAGS, 3, 1)
# define VS_VCMD_SET_CCAPS VS_VC_CMD(VS_CAT_FLAGS, 4, 1)
struct vs_ctx_caps_v1 {
    uint64_t ccaps;
    uint64_t cmask;
};

# define VS_VCMD_GET_NFLAGS VS_VC_CMD(VS_CAT_FLAGS, 5, 0)
# define VS_VCMD_SET_NFLAGS VS_VC_CMD(VS_CAT_FLAGS, 6, 0)
struct vs_net_flags_v0 {
    uint64_t flagword;
    uint64_t mask;
};

# define VS_VCMD_GET_BCAPS VS_VC_CMD(VS_CAT_FLAGS, 9, 0)
# define VS_VCMD_SET_BCAPS VS_VC_CMD(VS_CAT_FLAGS, 10, 0)
struct vs_bcaps {
    uint64_t bcaps;
    uint64_t bmask;
};

# define VS_VCMD_GET_BADNESS VS_VC_CMD(VS_CAT_MEMCTRL, 5, 0)
# define VS_VCMD_SET_BADNESS VS_VC_CMD(VS_CAT_MEMCTRL, 6, 0)
struct vs_badness_v0 {
    int64_t bias;
};

# define VS_VCMD_SET_VHI_NAME VS_VC_CMD(VS_CAT_VHOST, 1, 0)
# define VS_VCMD_GET_VHI_NAME VS_VC_CMD(VS_CAT_VHOST, 2, 0)
# define VS_VHI_NAME_LEN 65
struct vs_vhi_name_v0 {
    uint32_t field;                 /* VS_VHIN_* */
    char name[VS_VHI_NAME_LEN];
};

enum {
    VS_VHIN_CONTEXT = 0,
    VS_VHIN_SYSNAME,
    VS_VHIN_NODENAME,
    VS_VHIN_RELEASE,
    VS_VHIN_VERSION,
    VS_VHIN_MACHINE,
    VS_VHIN_DOMAINNAME,
    VS_VHIN_LAST
};

# define VS_VCMD_GET_RLIMIT VS_VC_CMD(VS_CAT_RLIMIT, 1, 0)
# define VS_VCMD_SET_RLIMIT VS_VC_CMD(VS_CAT_RLIMIT, 2, 0)
struct vs_ctx_rlimit_v0 {
    uint32_t id;                    /* RLIMIT_* or VS_VLIMIT_* */
    uint64_t minimum;
    uint64_t softlimit;
    uint64_t maximum;
};

/* which ids take a minimum, a soft limit, a maximum (bits 1 << id) */
# define VS_VCMD_GET_RLIMIT_MASK VS_VC_CMD(VS_CAT_RLIMIT, 3, 0)
struct vs_ctx_rlimit_mask_v0 {
    uint32_t minimum;
    uint32_t softlimit;
    uint32_t maximum;
};

# define VS_VCMD_RESET_MINMAX VS_VC_CMD(VS_CAT_RLIMIT, 9, 0)

# define VS_CRLIM_UNSET 0ULL
# define VS_CRLIM_INFINITY (~0ULL)
# define VS_CRLIM_KEEP (~1ULL)

/* the token-bucket scheduler of 2.2 and 2.3.0 (HARDCPU, IDLETIME) */
# define VS_VCMD_SET_SCHED VS_VC_CMD(VS_CAT_SCHED, 1, 5)
# define VS_VCMD_GET_SCHED VS_VC_CMD(VS_CAT_SCHED, 2, 5)
struct vs_sched_v5 {
    uint32_t mask;                  /* VS_VXSM_* */
    int32_t cpu_id;
    int32_t bucket_id;
    int32_t fill_rate[2];
    int32_t interval[2];
    int32_t tokens;
    int32_t tokens_min;
    int32_t tokens_max;
    int32_t prio_bias;
};

# define VS_VXSM_FILL_RATE 0x0001
# define VS_VXSM_INTERVAL 0x0002
# define VS_VXSM_FILL_RATE2 0x0004
# define VS_VXSM_INTERVAL2 0x0008
# define VS_VXSM_TOKENS 0x0010
# define VS_VXSM_TOKENS_MIN 0x0020
# define VS_VXSM_TOKENS_MAX 0x0040
# define VS_VXSM_PRIO_BIAS 0x0100
# define VS_VXSM_IDLE_TIME 0x0200
# define VS_VXSM_FORCE 0x0400
# define VS_VXSM_CPU_ID 0x1000
# define VS_VXSM_BUCKET_ID 0x2000
# define VS_VXSM_MSEC 0x4000
# define VS_VXSM_SET_MASK 0x01FF

# define VS_PRIO_BIAS_MIN (-20)
# define VS_PRIO_BIAS_MAX 20

/* pid 0: every task but pid 1; -1: also spare the context's init;
 * 1: the context's init; other: that task, if it is in the context */
# define VS_VCMD_CTX_KILL VS_VC_CMD(VS_CAT_PROCTRL, 1, 0)
struct vs_ctx_kill_v0 {
    int32_t pid;
    int32_t sig;
};

/* blocks until the context is gone */
# define VS_VCMD_WAIT_EXIT VS_VC_CMD(VS_CAT_EVENT, 99, 0)
struct vs_wait_exit_v0 {
    int32_t reboot_cmd;
    int32_t exit_code;
};

/* network contexts: id = nid; create moves the caller in, like ctx_create */
# define VS_VCMD_NET_CREATE VS_VC_CMD(VS_CAT_VNET, 1, 1)
struct vs_net_create {
    uint64_t flagword;
};

# define VS_VCMD_NET_MIGRATE VS_VC_CMD(VS_CAT_NETMIG, 1, 0)     /* no data */

# define VS_VCMD_NET_ADD_IPV4 VS_VC_CMD(VS_CAT_NETALT, 1, 2)
# define VS_VCMD_NET_REM_IPV4 VS_VC_CMD(VS_CAT_NETALT, 2, 2)
struct vs_net_addr_ipv4_v2 {
    uint16_t type;                  /* VS_NXA_TYPE_* */
    uint16_t flags;
    uint32_t ip;                    /* struct in_addr: network order */
    uint32_t ip2;
    uint32_t mask;
};

# define VS_VCMD_NET_ADD_IPV6 VS_VC_CMD(VS_CAT_NETALT, 3, 1)
# define VS_VCMD_NET_REM_IPV6 VS_VC_CMD(VS_CAT_NETALT, 4, 1)
struct vs_net_addr_ipv6_v1 {
    uint16_t type;
    uint16_t flags;
    uint32_t prefix;
    uint8_t ip[16];                 /* struct in6_addr */
    uint8_t mask[16];
};

# define VS_NXA_TYPE_IPV4 0x0001
# define VS_NXA_TYPE_IPV6 0x0002
# define VS_NXA_TYPE_NONE 0x0000
# define VS_NXA_TYPE_ANY 0x00FF
# define VS_NXA_TYPE_ADDR 0x0010
# define VS_NXA_TYPE_MASK 0x0020
# define VS_NXA_TYPE_RANGE 0x0040
# define VS_NXA_MOD_BCAST 0x0100
# define VS_NXA_MOD_LBACK 0x0200

/* ---- V2: context flags (vx_flags) ------------------------------------ */

# define VS_VXF_INFO_SCHED 0x00000002ULL
# define VS_VXF_INFO_NPROC 0x00000004ULL
# define VS_VXF_INFO_PRIVATE 0x00000008ULL
# define VS_VXF_INFO_INIT 0x00000010ULL
# define VS_VXF_INFO_HIDE 0x00000020ULL
# define VS_VXF_INFO_ULIMIT 0x00000040ULL
# define VS_VXF_INFO_NSPACE 0x00000080ULL
# define VS_VXF_SCHED_HARD 0x00000100ULL
# define VS_VXF_SCHED_PRIO 0x00000200ULL
# define VS_VXF_SCHED_PAUSE 0x00000400ULL
# define VS_VXF_VIRT_MEM 0x00010000ULL
# define VS_VXF_VIRT_UPTIME 0x00020000ULL
# define VS_VXF_VIRT_CPU 0x00040000ULL
# define VS_VXF_VIRT_LOAD 0x00080000ULL
# define VS_VXF_VIRT_TIME 0x00100000ULL
# define VS_VXF_HIDE_MOUNT 0x01000000ULL
# define VS_VXF_HIDE_NETIF 0x02000000ULL
# define VS_VXF_HIDE_VINFO 0x04000000ULL
# define VS_VXF_STATE_SETUP (1ULL << 32)
# define VS_VXF_STATE_INIT (1ULL << 33)
# define VS_VXF_STATE_ADMIN (1ULL << 34)
# define VS_VXF_SC_HELPER (1ULL << 36)
# define VS_VXF_REBOOT_KILL (1ULL << 37)
# define VS_VXF_PERSISTENT (1ULL << 38)
# define VS_VXF_FORK_RSS (1ULL << 48)
# define VS_VXF_PROLIFIC (1ULL << 49)
# define VS_VXF_IGNEG_NICE (1ULL << 52)

/* the STATE flags can be cleared, never set again */
# define VS_VXF_ONE_TIME (0x0007ULL << 32)
# define VS_VXF_INIT_SET (VS_VXF_STATE_SETUP | VS_VXF_STATE_INIT | VS_VXF_STATE_ADMIN)

/* ctx_migrate flags */
# define VS_VXM_SET_INIT 0x00000001ULL
# define VS_VXM_SET_REAPER 0x00000002ULL

/* ---- V2: context capabilities (ccaps; bcaps are Linux capabilities) --- */

# define VS_VXC_SET_UTSNAME 0x00000001ULL
# define VS_VXC_SET_RLIMIT 0x00000002ULL
# define VS_VXC_FS_SECURITY 0x00000004ULL
# define VS_VXC_FS_TRUSTED 0x00000008ULL
# define VS_VXC_TIOCSTI 0x00000010ULL
# define VS_VXC_SYSLOG 0x00001000ULL
# define VS_VXC_OOM_ADJUST 0x00002000ULL
# define VS_VXC_AUDIT_CONTROL 0x00004000ULL
# define VS_VXC_SECURE_MOUNT 0x00010000ULL
# define VS_VXC_SECURE_REMOUNT 0x00020000ULL
# define VS_VXC_BINARY_MOUNT 0x00040000ULL
# define VS_VXC_QUOTA_CTL 0x00100000ULL
# define VS_VXC_ADMIN_MAPPER 0x00200000ULL
# define VS_VXC_ADMIN_CLOOP 0x00400000ULL
# define VS_VXC_KTHREAD 0x01000000ULL
# define VS_VXC_NAMESPACE 0x02000000ULL

/* ---- V2: network context flags ---------------------------------------- */

# define VS_NXF_INFO_PRIVATE 0x00000008ULL
# define VS_NXF_SINGLE_IP 0x00000100ULL
# define VS_NXF_LBACK_REMAP 0x00000200ULL
# define VS_NXF_LBACK_ALLOW 0x00000400ULL
# define VS_NXF_HIDE_NETIF 0x02000000ULL
# define VS_NXF_HIDE_LBACK 0x04000000ULL
# define VS_NXF_STATE_SETUP (1ULL << 32)
# define VS_NXF_STATE_ADMIN (1ULL << 34)
# define VS_NXF_SC_HELPER (1ULL << 36)
# define VS_NXF_PERSISTENT (1ULL << 38)
# define VS_NXF_ONE_TIME (0x0005ULL << 32)
# define VS_NXF_INIT_SET (VS_NXF_STATE_ADMIN | VS_NXF_HIDE_NETIF)

/* ---- V2: get_vci, the kernel's configuration bits --------------------- */

# define VS_VCI_KCBIT_NO_DYNAMIC 0
# define VS_VCI_KCBIT_PROC_SECURE 4
# define VS_VCI_KCBIT_HARDCPU 5
# define VS_VCI_KCBIT_IDLELIMIT 6
# define VS_VCI_KCBIT_IDLETIME 7
# define VS_VCI_KCBIT_SPACES 10
# define VS_VCI_KCBIT_NETV2 11

/* ---- limit ids: Linux RLIMIT_* numbers, then the VServer ones ---------- */

# define VS_RLIMIT_CPU 0
# define VS_RLIMIT_FSIZE 1
# define VS_RLIMIT_DATA 2
# define VS_RLIMIT_STACK 3
# define VS_RLIMIT_CORE 4
# define VS_RLIMIT_RSS 5            /* pages */
# define VS_RLIMIT_NPROC 6
# define VS_RLIMIT_NOFILE 7
# define VS_RLIMIT_MEMLOCK 8        /* pages */
# define VS_RLIMIT_AS 9             /* pages */
# define VS_RLIMIT_LOCKS 10
# define VS_RLIMIT_SIGPENDING 11
# define VS_RLIMIT_MSGQUEUE 12
# define VS_RLIMIT_NICE 13
# define VS_RLIMIT_RTPRIO 14
# define VS_RLIMIT_RTTIME 15
# define VS_VLIMIT_NSOCK 16
# define VS_VLIMIT_OPENFD 17
# define VS_VLIMIT_ANON 18          /* pages */
# define VS_VLIMIT_SHMEM 19         /* pages */
# define VS_VLIMIT_SEMARY 20
# define VS_VLIMIT_NSEMS 21
# define VS_VLIMIT_DENTRY 22
# define VS_VLIMIT_MAPPED 23
# define VS_NUM_LIMITS 24

/* ---- context ids ------------------------------------------------------ */

# define VS_XID_HOST 0
# define VS_XID_SPECTATOR 1
# define VS_XID_STATIC_MIN 2
# define VS_XID_STATIC_MAX 49151    /* MAX_S_CONTEXT */
# define VS_XID_DYNAMIC_MIN 49152
# define VS_XID_DYNAMIC_MAX 65535
# define VS_XID_DYNAMIC ((uint32_t)-1)  /* ctx_create: pick a dynamic xid */

/* ---- 2003: the command word (see the top of this file) ----------------- */

# define VS03_CMD(cat, sub, num) \
    ((((uint32_t)(cat) & 0xFF) << 24) | (((uint32_t)(sub) & 0x3) << 21) | \
     ((uint32_t)(num) & 0xFF))
# define VS03_CATEGORY(cmd) (((uint32_t)(cmd) >> 24) & 0xFF)
# define VS03_SUBCATEGORY(cmd) (((uint32_t)(cmd) >> 21) & 0x3)
# define VS03_COMMAND(cmd) ((uint32_t)(cmd) & 0xFF)
/* the bits no 2003 command word has */
# define VS03_RESERVED_BITS 0x009FFF00U

# define VS03_SET 0
# define VS03_GET 1
# define VS03_VERSION 2

# define VS03_CAT_PATCH 0
# define VS03_CAT_CONTEXT 1
# define VS03_CAT_PROCESS 2
# define VS03_CAT_NETDEV 3
# define VS03_CAT_NETADDR 4
# define VS03_CAT_VFS 5
# define VS03_CAT_MEMORY 6
# define VS03_CAT_LIMITS 7
# define VS03_CAT_LAST 8

# define VS03_CONTEXT_CREATE 1
# define VS03_CONTEXT_DESTROY 2
# define VS03_CONTEXT_SCHED_POLICY 3
# define VS03_CONTEXT_CPU_MAX 4
# define VS03_CONTEXT_CPU_MIN 5

# define VS03_PROCESS_MIGRATE 1     /* GET: the caller's context */
# define VS03_PROCESS_MAX_PROCS 2
# define VS03_PROCESS_CAPS 3
# define VS03_PROCESS_STOP_CREATE 4
# define VS03_PROCESS_SIGNAL 5      /* GET: how many processes */

# define VS03_NETDEV_CREATE 1
# define VS03_NETDEV_ATTACH 2
# define VS03_NETDEV_DESTROY 3
# define VS03_NETDEV_QOS_MAX 4
# define VS03_NETDEV_QOS_MIN 5

# define VS03_NETADDR_IPV4 1
# define VS03_NETADDR_IPV6 2
# define VS03_NETADDR_REMOVE 3

# define VS03_VFS_VROOT 1
# define VS03_VFS_DISK_LIMIT 2
# define VS03_VFS_FILES 3

# define VS03_MEMORY_TOTAL 1        /* pages */
# define VS03_MEMORY_RESIDENT 2     /* pages */

# define VS03_LIMITS_TCP_SOCKETS 1

# define VS03_GET_PATCH_VERSION VS03_CMD(VS03_CAT_PATCH, VS03_VERSION, 0)

/* ---- 2003: argument structs ------------------------------------------ */

# define VS03_UNLIMITED (~0ULL)

struct vs03_value {
    uint64_t value;
};

# define VS03_CTXF_PERSISTENT 0x1ULL  /* kept when DESTROY is not asked */
struct vs03_ctx_create {
    uint64_t flags;
};

# define VS03_SCHED_SHARE 0         /* a share of idle CPU time */
# define VS03_SCHED_HARD 1          /* never more than fill_rate/interval */
# define VS03_SCHED_POLICY_MASK 0xFF
# define VS03_SCHED_PAUSED 0x100    /* with either: no CPU at all, frozen */
struct vs03_sched {
    uint32_t policy;                /* a policy, | VS03_SCHED_PAUSED */
    int32_t prio_bias;
    uint32_t fill_rate;
    uint32_t interval;
    uint32_t tokens;
    uint32_t tokens_min;
    uint32_t tokens_max;
    uint32_t reserved;
};

/* the Linux capability bounding set of the context's processes */
struct vs03_caps {
    uint64_t caps;
};

/* SET: signals every process of the context; answers how many */
struct vs03_signal {
    int32_t sig;
    int32_t reserved;
};

struct vs03_netdev_attach {
    uint32_t xid;
    uint32_t reserved;
};

struct vs03_addr4 {
    uint32_t addr;                  /* network order */
    uint32_t mask;
};

struct vs03_addr6 {
    uint8_t addr[16];
    uint32_t prefix;
    uint32_t reserved;
};

# define VS03_AF_ANY 0              /* remove: every address */
# define VS03_AF_INET 4
# define VS03_AF_INET6 6
struct vs03_addr_remove {
    uint32_t family;
    uint32_t prefix;
    uint8_t addr[16];               /* IPv4: the first 4 bytes */
};

/* the path is read from the caller's memory: @path points at @len bytes */
struct vs03_path {
    uint64_t path;
    uint32_t len;
    uint32_t reserved;
};

struct vs03_disk_limit {
    uint64_t space_kib;
    uint64_t inodes;
};

/* ---- the layouts, as the kernel has them (x86_64) ---------------------- */

# if defined(__x86_64__) && !defined(__ILP32__)
_Static_assert(sizeof(struct vs_ctx_rlimit_v0) == 32, "vcmd_ctx_rlimit_v0");
_Static_assert(offsetof(struct vs_ctx_rlimit_v0, minimum) == 8, "rlimit minimum");
_Static_assert(sizeof(struct vs_sched_v5) == 44, "vcmd_sched_v5");
_Static_assert(sizeof(struct vs_virt_stat_v0) == 48, "vcmd_virt_stat_v0");
_Static_assert(sizeof(struct vs_vhi_name_v0) == 72, "vcmd_vhi_name_v0");
_Static_assert(sizeof(struct vs_rlimit_stat_v0) == 32, "vcmd_rlimit_stat_v0");
_Static_assert(sizeof(struct vs_net_addr_ipv4_v2) == 16, "vcmd_net_addr_ipv4_v2");
_Static_assert(sizeof(struct vs_net_addr_ipv6_v1) == 40, "vcmd_net_addr_ipv6_v1");
_Static_assert(sizeof(struct vs03_sched) == 32, "vs03_sched");
_Static_assert(sizeof(struct vs03_addr_remove) == 24, "vs03_addr_remove");
# endif

#endif /* VIR_VSERVER_ABI_H */
