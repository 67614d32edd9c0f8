/*
 * vserver_cmd.h: the command table of the VServer binding
 *
 * The driver asks for operations ("create a context", "set the
 * scheduler"); this table says how each one is encoded in each ABI of
 * vserver_abi.h, under which name the kernel knows it, since which kernel
 * version a V2 kernel has it, and what its refusals mean.  An operation one
 * ABI lacks has no word there: asking for it is "not supported".
 */
#ifndef VIR_VSERVER_CMD_H
# define VIR_VSERVER_CMD_H

# include "internal.h"

typedef enum {
    VSERVER_ABI_NONE = 0,
    VSERVER_ABI_V2,                 /* the V2 syscall matrix */
    VSERVER_ABI_2003,               /* the original 2003 design */
    VSERVER_ABI_LAST
} vserverAbi;

typedef enum {
    VSERVER_CMD_GET_VERSION = 0,
    VSERVER_CMD_CTX_CREATE,
    VSERVER_CMD_CTX_MIGRATE,
    VSERVER_CMD_CTX_DESTROY,
    VSERVER_CMD_TASK_XID,
    VSERVER_CMD_VX_INFO,
    VSERVER_CMD_CTX_STAT,
    VSERVER_CMD_VIRT_STAT,
    VSERVER_CMD_RLIMIT_GET,
    VSERVER_CMD_RLIMIT_SET,
    VSERVER_CMD_RLIMIT_MASK,
    VSERVER_CMD_SCHED_SET,
    VSERVER_CMD_SCHED_GET,
    VSERVER_CMD_CPU_MAX_SET,
    VSERVER_CMD_CPU_MAX_GET,
    VSERVER_CMD_CPU_MIN_SET,
    VSERVER_CMD_CPU_MIN_GET,
    VSERVER_CMD_CTX_KILL,
    VSERVER_CMD_WAIT_EXIT,
    VSERVER_CMD_CFLAGS_GET,
    VSERVER_CMD_CFLAGS_SET,
    VSERVER_CMD_CCAPS_GET,
    VSERVER_CMD_CCAPS_SET,
    VSERVER_CMD_BCAPS_GET,
    VSERVER_CMD_BCAPS_SET,
    VSERVER_CMD_NAME_GET,
    VSERVER_CMD_NAME_SET,
    VSERVER_CMD_BADNESS_GET,
    VSERVER_CMD_BADNESS_SET,
    VSERVER_CMD_STOP_CREATE_GET,
    VSERVER_CMD_STOP_CREATE_SET,
    VSERVER_CMD_NET_CREATE,
    VSERVER_CMD_NET_MIGRATE,
    VSERVER_CMD_NET_ADD_IPV4,
    VSERVER_CMD_NET_REMOVE_IPV4,
    VSERVER_CMD_NET_ADD_IPV6,
    VSERVER_CMD_NET_REMOVE_IPV6,
    VSERVER_CMD_NETDEV_CREATE,
    VSERVER_CMD_NETDEV_ATTACH,
    VSERVER_CMD_NETDEV_DESTROY,
    VSERVER_CMD_NETDEV_QOS_MAX,
    VSERVER_CMD_NETDEV_QOS_MIN,
    VSERVER_CMD_VROOT_SET,
    VSERVER_CMD_DISK_LIMIT_GET,
    VSERVER_CMD_DISK_LIMIT_SET,
    VSERVER_CMD_LAST
} vserverCmd;

/* What the id argument of a command names, for the messages. */
typedef enum {
    VSERVER_ID_NONE = 0,
    VSERVER_ID_CONTEXT,
    VSERVER_ID_NETWORK,             /* a network context (nid) */
    VSERVER_ID_PROCESS,             /* a pid; 0 is the caller */
    VSERVER_ID_NETDEV,              /* a 2003 virtual network device */
} vserverIdKind;

typedef struct {
    const char *name;               /* the kernel's name: "set_sched" */
    uint32_t word;                  /* the command word */
    uint32_t since;                 /* V2: the first kernel version with it */
    bool present;
} vserverCmdEncoding;

typedef struct {
    vserverCmd cmd;
    vserverIdKind idKind;
    vserverCmdEncoding enc[VSERVER_ABI_LAST];
    /* what EINVAL means for this command, or NULL */
    const char *invalid;
    /* what ESRCH means, when not just "no such <what the id names>" */
    const char *missing;
} vserverCmdInfo;

const vserverCmdInfo *vserverCmdGetInfo(vserverCmd cmd);

/* The encoding of @cmd in @abi, or NULL when that ABI has no such command.
 * The 2003 design has a command of its own for each limit: @limit (an
 * RLIMIT id of vserver_abi.h) picks it for the limit commands, and is
 * ignored by the others. */
const vserverCmdEncoding *vserverCmdEncode(vserverAbi abi, vserverCmd cmd,
                                           unsigned int limit);

/* "set_sched" (V2), "context.sched_policy" (2003); for a command @abi
 * lacks, the name it has in the other ABI.  Never NULL. */
const char *vserverCmdName(vserverAbi abi, vserverCmd cmd, unsigned int limit);

/* "V2" or "2003" */
const char *vserverAbiName(vserverAbi abi);

/* "RSS", "NPROC"... for a limit id of vserver_abi.h, NULL for an unknown. */
const char *vserverLimitName(unsigned int limit);

/* The 2003 word that asks for the version of @word: its command's version,
 * or with @category, its category handler's version. */
uint32_t vserverCmd2003VersionWord(uint32_t word, bool category);

#endif /* VIR_VSERVER_CMD_H */
