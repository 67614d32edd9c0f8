/*
 * vsfake.c: the recording fake of the vserver system call
 */
#include "internal.h"

#include "vsfake.h"

/* The kernel's struct sizes on x86_64, by command word, from the VServer
 * headers (V2) and the 2003 numbering of vserver_abi.h's opening comment;
 * words with no data read nothing. */
static const struct {
    uint32_t word;
    size_t size;
} vsfakeSizes[] = {
    /* V2 */
    { 0x2e050000, 8 },      /* vx_info: xid, initpid */
    { 0x28000000, 8 },      /* ctx_stat: usecnt, tasks */
    { 0x28030000, 48 },     /* virt_stat: 2 u64, 8 u32 */
    { 0x09010002, 8 },      /* ctx_create v2: flagword */
    { 0x0b010002, 8 },      /* ctx_migrate v2: flagword */
    { 0x3c010000, 32 },     /* get_rlimit: u32 id, pad, 3 u64 */
    { 0x3c020000, 32 },     /* set_rlimit */
    { 0x3c030000, 12 },     /* get_rlimit_mask: 3 u32 */
    { 0x0e010005, 44 },     /* set_sched v5: 11 x 32 bits */
    { 0x0e020005, 44 },     /* get_sched v5 */
    { 0x0c010000, 8 },      /* ctx_kill: pid, sig */
    { 0x30630000, 8 },      /* wait_exit: reboot_cmd, exit_code */
    { 0x34010000, 16 },     /* get_cflags: flagword, mask */
    { 0x34020000, 16 },     /* set_cflags */
    { 0x34030001, 16 },     /* get_ccaps v1: ccaps, cmask */
    { 0x34040001, 16 },     /* set_ccaps v1 */
    { 0x34090000, 16 },     /* get_bcaps: bcaps, bmask */
    { 0x340a0000, 16 },     /* set_bcaps */
    { 0x02020000, 72 },     /* get_vhi_name: u32 field, char[65], pad */
    { 0x02010000, 72 },     /* set_vhi_name */
    { 0x14050000, 8 },      /* get_badness: s64 */
    { 0x14060000, 8 },      /* set_badness */
    { 0x19010001, 8 },      /* net_create v1: flagword */
    { 0x1a010002, 16 },     /* net_add_ipv4 v2: type, flags, ip, ip2, mask */
    { 0x1a020002, 16 },     /* net_rem_ipv4 v2 */
    { 0x1a030001, 40 },     /* net_add_ipv6 v1: type, flags, prefix, ip, mask */
    { 0x1a040001, 40 },     /* net_remove_ipv6 v1 */
    /* 2003: (category << 24) | (sub << 21) | command */
    { 0x01000001, 8 },      /* context.create: flags */
    { 0x01000003, 32 },     /* context.sched_policy (set) */
    { 0x01200003, 32 },     /* context.sched_policy (get) */
    { 0x01000004, 8 }, { 0x01200004, 8 },   /* context.cpu_max */
    { 0x01000005, 8 }, { 0x01200005, 8 },   /* context.cpu_min */
    { 0x02000002, 8 }, { 0x02200002, 8 },   /* process.max_procs */
    { 0x02000003, 8 }, { 0x02200003, 8 },   /* process.caps */
    { 0x02000004, 8 }, { 0x02200004, 8 },   /* process.stop_create */
    { 0x02000005, 8 },      /* process.signal: sig, reserved */
    { 0x03000002, 8 },      /* netdev.attach: xid, reserved */
    { 0x03000004, 8 },      /* netdev.qos_max */
    { 0x03000005, 8 },      /* netdev.qos_min */
    { 0x04000001, 8 },      /* netaddr.ipv4: addr, mask */
    { 0x04000002, 24 },     /* netaddr.ipv6: addr[16], prefix, reserved */
    { 0x04000003, 24 },     /* netaddr.remove: family, prefix, addr[16] */
    { 0x05000001, 16 },     /* vfs.vroot: u64 pointer, len, reserved */
    { 0x05000002, 16 }, { 0x05200002, 16 },  /* vfs.disk_limit */
    { 0x05000003, 8 }, { 0x05200003, 8 },    /* vfs.files */
    { 0x06000001, 8 }, { 0x06200001, 8 },    /* memory.total */
    { 0x06000002, 8 }, { 0x06200002, 8 },    /* memory.resident */
    { 0x07000001, 8 }, { 0x07200001, 8 },    /* limits.tcp_sockets */
};

size_t
vsfakeStructSize(uint32_t word)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vsfakeSizes); i++) {
        if (vsfakeSizes[i].word == word)
            return vsfakeSizes[i].size;
    }
    return 0;
}

static void
vsfakeLogCall(vsfake *f, uint32_t cmd, uint32_t id, const void *data)
{
    size_t len = vsfakeStructSize(cmd);
    const uint8_t *bytes = data;
    size_t i;

    g_string_append_printf(f->log, "  vserver(0x%08x, %u, ", cmd, id);
    if (!data)
        g_string_append(f->log, "NULL");
    else if (cmd == 0x05000001) {
        /* vfs.vroot carries a pointer: show what it points at */
        uint64_t ptr;
        uint32_t plen;

        memcpy(&ptr, bytes, 8);
        memcpy(&plen, bytes + 8, 4);
        g_string_append_printf(f->log, "path=\"%.*s\" len=%u", (int)plen,
                               (const char *)(uintptr_t)ptr, plen);
    } else if (!len)
        g_string_append(f->log, "-");
    for (i = 0; data && cmd != 0x05000001 && i < len; i++)
        g_string_append_printf(f->log, "%s%02x", i && i % 8 == 0 ? " " : "", bytes[i]);
    g_string_append(f->log, ")");
}

static long
vsfakeCall(void *opaque, uint32_t cmd, uint32_t id, void *data)
{
    vsfake *f = opaque;
    long ret;
    guint i;

    f->calls++;
    vsfakeLogCall(f, cmd, id, data);
    for (i = f->answers->len; i > 0; i--) {
        vsfakeAnswer *a = &g_array_index(f->answers, vsfakeAnswer, i - 1);

        if (a->word != cmd)
            continue;
        if (a->ret >= 0 && a->reply && data)
            memcpy(data, a->reply, a->replyLen);
        g_string_append_printf(f->log, " = %ld\n", a->ret);
        return a->ret;
    }
    ret = f->fallback(cmd);
    g_string_append_printf(f->log, " = %ld\n", ret);
    return ret;
}

const vserverSyscall vsfakeSyscall = {
    .name = "fake",
    .call = vsfakeCall,
};

static long
vsfakeFallbackV2(uint32_t word)
{
    return word == 0 ? 0x00020301 : 0;
}

static long
vsfakeFallback2003(uint32_t word)
{
    if (word == 0)
        return -ENOTSUP;
    if (word == 0x00400000)
        return 0x00010000;
    if (((word >> 21) & 3) == 2)
        return 1;
    return 0;
}

static long
vsfakeFallbackMainline(uint32_t word G_GNUC_UNUSED)
{
    return -ENOSYS;
}

static vsfake *
vsfakeNew(long (*fallback)(uint32_t word))
{
    vsfake *f = g_new0(vsfake, 1);

    f->log = g_string_new(NULL);
    f->answers = g_array_new(FALSE, FALSE, sizeof(vsfakeAnswer));
    f->fallback = fallback;
    return f;
}

vsfake *
vsfakeNewV2(void)
{
    return vsfakeNew(vsfakeFallbackV2);
}

vsfake *
vsfakeNew2003(void)
{
    return vsfakeNew(vsfakeFallback2003);
}

vsfake *
vsfakeNewMainline(void)
{
    return vsfakeNew(vsfakeFallbackMainline);
}

void
vsfakeFree(vsfake *f)
{
    if (!f)
        return;
    g_string_free(f->log, TRUE);
    g_array_unref(f->answers);
    g_free(f);
}

void
vsfakeAnswerWith(vsfake *f, uint32_t word, long ret, const void *reply, size_t len)
{
    vsfakeAnswer a = { .word = word, .ret = ret, .reply = reply, .replyLen = len };

    g_array_append_val(f->answers, a);
}

void
vsfakeNote(vsfake *f, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_string_append_vprintf(f->log, fmt, ap);
    va_end(ap);
    g_string_append_c(f->log, '\n');
}
