/*
 * vserver_cmd_test.c: the VServer binding's command table against a
 * recording fake of the system call: the encoding of every operation in
 * both ABIs (transcripts in tests/data/vserver/ops-*.txt), the decoding of
 * the answers, the version negotiation, and the errors
 */
#include "internal.h"

#include <signal.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vserver_net.h"
#include "vsops.h"
#include "vstest.h"

/* ---- what the scripted kernels write back ---------------------------- */

static const struct vs_vx_info_v0 replyVxInfo = { 42, 4321 };
static const struct vs_ctx_stat_v0 replyCtxStat = { 3, 2 };
static const struct vs_virt_stat_v0 replyVirtStat = {
    0, 5000000000ULL, 7, 1, 0, 0, 12, { 1, 2, 3 },
};
static const struct vs_wait_exit_v0 replyWaitExit = { 0, 3 };
static const struct vs_ctx_flags_v0 replyCflags = {
    VS_VXF_INIT_SET | VS_VXF_SCHED_PAUSE, ~0ULL,
};
static const struct vs_ctx_caps_v1 replyCcaps = { VS_VXC_SET_UTSNAME | VS_VXC_SET_RLIMIT, ~0ULL };
static const struct vs_bcaps replyBcaps = { ~(1ULL << 21), ~0ULL };
static const struct vs_vhi_name_v0 replyName = { VS_VHIN_NODENAME, "web.example.org" };
static const struct vs_badness_v0 replyBadness = { -5 };
static const struct vs_ctx_rlimit_v0 replyRlimit = { 0, 0, 5, 5 };
static const struct vs_ctx_rlimit_mask_v0 replyMask = { 0, 0x40020, 0x4f07e0 };
static const struct vs_sched_v5 replySched = {
    VS_VXSM_SET_MASK, -1, -1, { 1, 3 }, { 4, 8 }, 100, 50, 200, 2,
};

static const struct vs03_sched reply03Sched = { 0, 2, 1, 4, 100, 50, 200, 0 };
static const struct vs03_value reply03Five = { 5 };
static const struct vs03_value reply03One = { 1 };
static const struct vs03_value reply03Fifty = { 50 };
static const struct vs03_caps reply03Caps = { ~(1ULL << 21) };
static const struct vs03_disk_limit reply03Disk = { 1048576, 10000 };

static void
scriptV2(vsfake *f)
{
    vsfakeAnswerWith(f, VS_VCMD_CTX_CREATE, 42, NULL, 0);
    vsfakeAnswerWith(f, VS_VCMD_TASK_XID, 42, NULL, 0);
    vsfakeAnswerWith(f, VS_VCMD_VX_INFO, 0, &replyVxInfo, sizeof(replyVxInfo));
    vsfakeAnswerWith(f, VS_VCMD_CTX_STAT, 0, &replyCtxStat, sizeof(replyCtxStat));
    vsfakeAnswerWith(f, VS_VCMD_VIRT_STAT, 0, &replyVirtStat, sizeof(replyVirtStat));
    vsfakeAnswerWith(f, VS_VCMD_WAIT_EXIT, 0, &replyWaitExit, sizeof(replyWaitExit));
    vsfakeAnswerWith(f, VS_VCMD_GET_CFLAGS, 0, &replyCflags, sizeof(replyCflags));
    vsfakeAnswerWith(f, VS_VCMD_GET_CCAPS, 0, &replyCcaps, sizeof(replyCcaps));
    vsfakeAnswerWith(f, VS_VCMD_GET_BCAPS, 0, &replyBcaps, sizeof(replyBcaps));
    vsfakeAnswerWith(f, VS_VCMD_GET_VHI_NAME, 0, &replyName, sizeof(replyName));
    vsfakeAnswerWith(f, VS_VCMD_GET_BADNESS, 0, &replyBadness, sizeof(replyBadness));
    vsfakeAnswerWith(f, VS_VCMD_GET_RLIMIT, 0, &replyRlimit, sizeof(replyRlimit));
    vsfakeAnswerWith(f, VS_VCMD_GET_RLIMIT_MASK, 0, &replyMask, sizeof(replyMask));
    vsfakeAnswerWith(f, VS_VCMD_GET_SCHED, 0, &replySched, sizeof(replySched));
    vsfakeAnswerWith(f, VS_VCMD_NET_CREATE, 42, NULL, 0);
}

static void
script2003(vsfake *f)
{
    static const uint32_t fives[] = {
        0x02200002, 0x05200003, 0x06200001, 0x06200002, 0x07200001,
    };
    size_t i;

    vsfakeAnswerWith(f, 0x01000001, 42, NULL, 0);
    vsfakeAnswerWith(f, 0x02200001, 42, NULL, 0);
    vsfakeAnswerWith(f, 0x02200005, 2, NULL, 0);
    vsfakeAnswerWith(f, 0x01200003, 0, &reply03Sched, sizeof(reply03Sched));
    for (i = 0; i < G_N_ELEMENTS(fives); i++)
        vsfakeAnswerWith(f, fives[i], 0, &reply03Five, sizeof(reply03Five));
    vsfakeAnswerWith(f, 0x02200003, 0, &reply03Caps, sizeof(reply03Caps));
    vsfakeAnswerWith(f, 0x02200004, 0, &reply03One, sizeof(reply03One));
    vsfakeAnswerWith(f, 0x01200004, 0, &reply03Fifty, sizeof(reply03Fifty));
    vsfakeAnswerWith(f, 0x05200002, 0, &reply03Disk, sizeof(reply03Disk));
}

/* ---- the encodings ------------------------------------------------- */

START_TEST(test_transcript_v2)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    ck_assert_ptr_nonnull(b);
    scriptV2(f);
    vsopsRunAll(b, f);
    ck_assert(vstestCompareToFile(f->log->str, "ops-v2.txt"));
}
END_TEST

START_TEST(test_transcript_2003)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    ck_assert_ptr_nonnull(b);
    script2003(f);
    vsopsRunAll(b, f);
    ck_assert(vstestCompareToFile(f->log->str, "ops-2003.txt"));
}
END_TEST

/* Every operation has a word in at least one ABI, and the words of an
 * ABI are all different (a set and a get of the same 2003 command differ
 * in the sub-category). */
START_TEST(test_table_complete)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    int cmd, abi;

    for (cmd = 0; cmd < VSERVER_CMD_LAST; cmd++) {
        bool any = false;

        ck_assert_int_eq(vserverCmdGetInfo(cmd)->cmd, cmd);
        for (abi = VSERVER_ABI_V2; abi < VSERVER_ABI_LAST; abi++) {
            const vserverCmdEncoding *enc = vserverCmdEncode(abi, cmd, VS_RLIMIT_NPROC);
            gpointer key;

            if (!enc)
                continue;
            any = true;
            key = GUINT_TO_POINTER((enc->word ^ ((guint)abi << 30)) + 1);
            /* the 2003 ABI removes IPv4 and IPv6 addresses with one command */
            ck_assert_msg(!g_hash_table_contains(seen, key) ||
                          (abi == VSERVER_ABI_2003 && cmd == VSERVER_CMD_NET_REMOVE_IPV6),
                          "word 0x%08x used twice", enc->word);
            g_hash_table_add(seen, key);
            ck_assert_ptr_nonnull(enc->name);
        }
        ck_assert_msg(any, "operation %d has no encoding", cmd);
    }
}
END_TEST

/* ---- negotiation ----------------------------------------------------- */

START_TEST(test_negotiate_mainline)
{
    g_autoptr(vsfake) f = vsfakeNewMainline();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    ck_assert_ptr_null(b);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel has no Linux-VServer support (the vserver system call is not implemented)");
    ck_assert_uint_eq(f->calls, 1);
}
END_TEST

START_TEST(test_negotiate_v2)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(vserverBindingGetAbi(b), VSERVER_ABI_V2);
    ck_assert_uint_eq(vserverBindingGetVersion(b), 0x00020301);
    ck_assert_str_eq(f->log->str, "  vserver(0x00000000, 0, NULL) = 131841\n");
}
END_TEST

START_TEST(test_negotiate_v1_refused)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = NULL;

    vsfakeAnswerWith(f, VS_VCMD_GET_VERSION, 0x00010025, NULL, 0);
    b = vserverBindingOpen(&vsfakeSyscall, f);
    ck_assert_ptr_null(b);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "interface 1.0.37 (0x00010025), older than the V2");
}
END_TEST

START_TEST(test_negotiate_2003)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(vserverBindingGetAbi(b), VSERVER_ABI_2003);
    ck_assert_uint_eq(vserverBindingGetVersion(b), 0x00010000);
    ck_assert_str_eq(f->log->str,
                     "  vserver(0x00000000, 0, NULL) = -95\n"
                     "  vserver(0x00400000, 0, NULL) = 65536\n");
}
END_TEST

START_TEST(test_negotiate_neither)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = NULL;

    vsfakeAnswerWith(f, VS03_GET_PATCH_VERSION, -ENOTSUP, NULL, 0);
    b = vserverBindingOpen(&vsfakeSyscall, f);
    ck_assert_ptr_null(b);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "answers neither the V2 nor the 2003 version query");
}
END_TEST

/* A V2 kernel older than a command is not asked. */
START_TEST(test_v2_older_kernel)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = NULL;
    vserverContextStat st;
    unsigned int before;

    vsfakeAnswerWith(f, VS_VCMD_GET_VERSION, 0x00020100, NULL, 0);
    b = vserverBindingOpen(&vsfakeSyscall, f);
    ck_assert_ptr_nonnull(b);
    before = f->calls;
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_CTX_STAT, 0), 0);
    ck_assert_int_eq(vserverContextGetStat(b, 42, &st), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "is older than the VServer command 'ctx_stat' (since 0x00020103)");
    ck_assert_uint_eq(f->calls, before);
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_SCHED_SET, 0), 1);
}
END_TEST

/* ENOSYS from a V2 kernel: the command is missing, now and later. */
START_TEST(test_v2_enosys_remembered)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverSched s = { .mask = VS_VXSM_FILL_RATE, .fillRate = { 1, 0 } };
    unsigned int before;

    vsfakeAnswerWith(f, VS_VCMD_SET_SCHED, -ENOSYS, NULL, 0);
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_SCHED_SET, 0), 1);
    ck_assert_int_eq(vserverSchedSet(b, 42, &s), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel does not offer the VServer command 'set_sched' (0x0e010005)");
    before = f->calls;
    ck_assert_int_eq(vserverSchedSet(b, 42, &s), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "'set_sched'");
    ck_assert_uint_eq(f->calls, before);
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_SCHED_SET, 0), 0);
}
END_TEST

/* The 2003 ABI: the category's and the command's version, asked once. */
START_TEST(test_2003_versions_asked_once)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverRlimit lim = { .soft = 5, .hard = 5 };

    g_string_truncate(f->log, 0);
    ck_assert_int_eq(vserverLimitSet(b, 42, VS_RLIMIT_NPROC, &lim), 0);
    ck_assert_int_eq(vserverLimitSet(b, 42, VS_RLIMIT_NPROC, &lim), 0);
    ck_assert_str_eq(f->log->str,
                     "  vserver(0x02400000, 0, NULL) = 1\n"
                     "  vserver(0x02400002, 0, NULL) = 1\n"
                     "  vserver(0x02000002, 42, 0500000000000000) = 0\n"
                     "  vserver(0x02000002, 42, 0500000000000000) = 0\n");
}
END_TEST

START_TEST(test_2003_missing_category)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverRlimit lim = { .soft = 100, .hard = 100 };

    vsfakeAnswerWith(f, 0x06400000, -ENOTSUP, NULL, 0);
    ck_assert_int_eq(vserverLimitSet(b, 42, VS_RLIMIT_RSS, &lim), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel has no 2003 category 6, so no command 'memory.resident'");
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_RLIMIT_SET, VS_RLIMIT_AS), 0);
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_RLIMIT_SET, VS_RLIMIT_NPROC), 1);
}
END_TEST

START_TEST(test_2003_missing_command)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    vsfakeAnswerWith(f, 0x01400003, -ENOTSUP, NULL, 0);
    ck_assert_int_eq(vserverContextSetPaused(b, 42, true), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel does not offer the VServer command 'context.sched_policy' (2003 ABI)");
}
END_TEST

START_TEST(test_2003_other_version)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    vsfakeAnswerWith(f, 0x02400005, 2, NULL, 0);
    ck_assert_int_eq(vserverContextKill(b, 42, 0, SIGTERM), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "offers version 2 of the VServer command 'process.signal', virtkit speaks version 1");
}
END_TEST

/* A command one ABI lacks, and arguments only the other can express. */
START_TEST(test_2003_unexpressible)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverRlimit softer = { .soft = 4, .hard = 5 };
    vserverExitInfo ex;
    vserverSched percpu = { .mask = VS_VXSM_CPU_ID, .cpuId = 1 };

    ck_assert_int_eq(vserverContextWaitExit(b, 42, &ex), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "the 2003 ABI has no command 'wait_exit'");
    ck_assert_int_eq(vserverLimitSet(b, 42, VS_VLIMIT_ANON, &softer), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "the 2003 ABI has no command for the limit ANON");
    ck_assert_int_eq(vserverLimitSet(b, 42, VS_RLIMIT_NPROC, &softer), -1);
    ck_assert_vserver_error(VIR_ERR_ARGUMENT_UNSUPPORTED,
                            "cannot express a soft limit other than the hard one in 'process.max_procs (set)'");
    ck_assert_int_eq(vserverContextKill(b, 42, 1234, SIGKILL), -1);
    ck_assert_vserver_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "one process");
    ck_assert_int_eq(vserverSchedSet(b, 42, &percpu), -1);
    ck_assert_vserver_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "per-CPU buckets");
    ck_assert_int_eq(vserverContextCreate(b, 42, VS_VXF_SCHED_HARD, NULL), -1);
    ck_assert_vserver_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "context flags other than 'persistent'");
}
END_TEST

/* 2003: a context nobody could enter is removed again. */
START_TEST(test_2003_create_undone)
{
    g_autoptr(vsfake) f = vsfakeNew2003();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    vsfakeAnswerWith(f, 0x01000001, 42, NULL, 0);
    vsfakeAnswerWith(f, 0x02000001, -EPERM, NULL, 0);
    g_string_truncate(f->log, 0);
    ck_assert_int_eq(vserverContextCreate(b, 42, 0, NULL), -1);
    ck_assert_vserver_error(VIR_ERR_ACCESS_DENIED, "VServer context 42: 'process.migrate (set)' refused");
    ck_assert_str_eq(f->log->str,
                     "  vserver(0x01400000, 0, NULL) = 1\n"
                     "  vserver(0x01400001, 0, NULL) = 1\n"
                     "  vserver(0x01000001, 42, 0000000000000000) = 42\n"
                     "  vserver(0x02400000, 0, NULL) = 1\n"
                     "  vserver(0x02400001, 0, NULL) = 1\n"
                     "  vserver(0x02000001, 42, NULL) = -1\n"
                     "  vserver(0x01400002, 0, NULL) = 1\n"
                     "  vserver(0x01000002, 42, NULL) = 0\n");
}
END_TEST

START_TEST(test_v2_lacks_2003_commands)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);

    ck_assert_int_eq(vserverContextDestroy(b, 42), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "the V2 ABI has no command 'context.destroy'");
    ck_assert_int_eq(vserverNetDevCreate(b, 3), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "the V2 ABI has no command 'netdev.create'");
}
END_TEST

/* ---- the kernel's refusals ------------------------------------------- */

static const struct {
    int err;
    int code;
    const char *message;
} refusals[] = {
    { EPERM, VIR_ERR_ACCESS_DENIED,
      "VServer context 42: 'set_rlimit' refused: operation not permitted (it needs CAP_SYS_ADMIN" },
    { EACCES, VIR_ERR_ACCESS_DENIED,
      "VServer context 42: 'set_rlimit' refused: permission denied (the context can no longer be administered" },
    { ESRCH, VIR_ERR_OPERATION_INVALID,
      "VServer context 42: 'set_rlimit' refused: no such context" },
    { EINVAL, VIR_ERR_INVALID_ARG,
      "VServer context 42: 'set_rlimit' refused: invalid argument: the kernel does not limit that resource" },
    { EEXIST, VIR_ERR_OPERATION_INVALID,
      "VServer context 42: 'set_rlimit' refused: it already exists" },
    { EBUSY, VIR_ERR_RESOURCE_BUSY,
      "VServer context 42: 'set_rlimit' refused: it still has processes" },
    { EIO, VIR_ERR_SYSTEM_ERROR,
      "VServer context 42: 'set_rlimit' failed: Input/output error" },
};

START_TEST(test_refusal)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverRlimit lim = { .soft = 5, .hard = 5 };

    vsfakeAnswerWith(f, VS_VCMD_SET_RLIMIT, -refusals[_i].err, NULL, 0);
    ck_assert_int_eq(vserverLimitSet(b, 42, VS_RLIMIT_NPROC, &lim), -1);
    ck_assert_vserver_error(refusals[_i].code, refusals[_i].message);
}
END_TEST

START_TEST(test_refusal_kinds)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverAddress a;
    uint32_t xid;

    vsfakeAnswerWith(f, VS_VCMD_CTX_KILL, -ESRCH, NULL, 0);
    ck_assert_int_eq(vserverContextKill(b, 42, 1234, SIGKILL), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such context, or no such process in it");
    vsfakeAnswerWith(f, VS_VCMD_TASK_XID, -ESRCH, NULL, 0);
    ck_assert_int_eq(vserverTaskContext(b, 99999, &xid), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "process 99999: 'task_xid' refused: no such process");
    vsfakeAnswerWith(f, VS_VCMD_NET_ADD_IPV4, -EPERM, NULL, 0);
    ck_assert_int_eq(vserverAddressParse("192.0.2.1", 32, &a), 0);
    ck_assert_int_eq(vserverNetAddAddress(b, 42, &a), -1);
    ck_assert_vserver_error(VIR_ERR_ACCESS_DENIED, "VServer network context 42: 'net_add_ipv4' refused");
    vsfakeAnswerWith(f, VS_VCMD_CTX_CREATE, -EINVAL, NULL, 0);
    ck_assert_int_eq(vserverContextCreate(b, 1, VS_VXF_INIT_SET, NULL), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "VServer context 1: 'ctx_create' refused: invalid argument: static context ids are 2-49151");
}
END_TEST

/* ---- what the binding itself refuses ------------------------------------ */

START_TEST(test_bad_input)
{
    g_autoptr(vsfake) f = vsfakeNewV2();
    g_autoptr(vserverBinding) b = vserverBindingOpen(&vsfakeSyscall, f);
    vserverAddress a;
    unsigned int before = f->calls;

    ck_assert_int_eq(vserverContextSetName(b, 42, VS_VHIN_NODENAME,
                                           "a-host-name-that-is-much-longer-than-the-sixty-four-bytes-a-uts-name-holds"),
                     -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "is longer than 64 bytes");
    ck_assert_int_eq(vserverAddressParse("192.0.2.300", 24, &a), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "'192.0.2.300' is not an IPv4 or IPv6 address");
    ck_assert_int_eq(vserverAddressParse("192.0.2.1", 33, &a), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "the prefix of '192.0.2.1' cannot be 33 (at most 32)");
    ck_assert_uint_eq(f->calls, before);
}
END_TEST

static Suite *
cmdSuite(void)
{
    Suite *s = suite_create("vserver-cmd");
    TCase *tc = tcase_create("table");

    tcase_add_test(tc, test_transcript_v2);
    tcase_add_test(tc, test_transcript_2003);
    tcase_add_test(tc, test_table_complete);
    tcase_add_test(tc, test_negotiate_mainline);
    tcase_add_test(tc, test_negotiate_v2);
    tcase_add_test(tc, test_negotiate_v1_refused);
    tcase_add_test(tc, test_negotiate_2003);
    tcase_add_test(tc, test_negotiate_neither);
    tcase_add_test(tc, test_v2_older_kernel);
    tcase_add_test(tc, test_v2_enosys_remembered);
    tcase_add_test(tc, test_2003_versions_asked_once);
    tcase_add_test(tc, test_2003_missing_category);
    tcase_add_test(tc, test_2003_missing_command);
    tcase_add_test(tc, test_2003_other_version);
    tcase_add_test(tc, test_2003_unexpressible);
    tcase_add_test(tc, test_2003_create_undone);
    tcase_add_test(tc, test_v2_lacks_2003_commands);
    tcase_add_loop_test(tc, test_refusal, 0, G_N_ELEMENTS(refusals));
    tcase_add_test(tc, test_refusal_kinds);
    tcase_add_test(tc, test_bad_input);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return vstestRunSuite(cmdSuite());
}
