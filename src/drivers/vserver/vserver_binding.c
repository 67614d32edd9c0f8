/*
 * vserver_binding.c: version negotiation, issuing a command, and the
 * kernel's refusals said in VServer terms
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_binding.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

/* The version of every 2003 command virtkit speaks. */
#define VSERVER_2003_SPOKEN 1

/* The oldest V2 interface: older kernels speak the V1 legacy calls. */
#define VSERVER_V2_MIN 0x00020000

struct _vserverBinding {
    const vserverSyscall *sys;
    void *opaque;
    vserverAbi abi;
    uint32_t version;
    GMutex lock;
    /* what the kernel said about a command word: V2, the words it
     * answered ENOSYS to; 2003, the answers to version queries (a version
     * word -> its answer, a negative errno or a version) */
    GHashTable *answers;
};

static long
vserverBindingRaw(vserverBinding *b, uint32_t word, uint32_t id, void *data)
{
    long ret = b->sys->call(b->opaque, word, id, data);

    VIR_DEBUG("vserver(0x%08x, %u, %p) = %ld (%s)", word, id, data, ret, b->sys->name);
    return ret;
}

static int
vserverBindingNegotiate(vserverBinding *b)
{
    long ret = vserverBindingRaw(b, VS_VCMD_GET_VERSION, 0, NULL);

    if (ret >= 0) {
        b->abi = VSERVER_ABI_V2;
        b->version = ret;
        if (b->version < VSERVER_V2_MIN) {
            virReportError(VIR_ERR_NO_SUPPORT,
                           _("the VServer kernel speaks interface %u.%u.%u (0x%08x), older than the V2 syscall matrix virtkit needs (2.0.0)"),
                           b->version >> 16, (b->version >> 8) & 0xFF, b->version & 0xFF,
                           b->version);
            return -1;
        }
        return 0;
    }
    if (ret == -ENOSYS) {
        virReportError(VIR_ERR_NO_SUPPORT, "%s",
                       _("this kernel has no Linux-VServer support (the vserver system call is not implemented)"));
        return -1;
    }
    if (ret != -ENOTSUP) {
        virReportSystemError(-ret, "%s", _("the vserver system call refused the version query"));
        return -1;
    }
    /* a 2003 kernel refuses the V2 word and answers its own */
    ret = vserverBindingRaw(b, VS03_GET_PATCH_VERSION, 0, NULL);
    if (ret < 0) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("the vserver system call answers neither the V2 nor the 2003 version query (%s)"),
                       g_strerror(-ret));
        return -1;
    }
    b->abi = VSERVER_ABI_2003;
    b->version = ret;
    return 0;
}

vserverBinding *
vserverBindingOpen(const vserverSyscall *sys, void *opaque)
{
    g_autoptr(vserverBinding) b = g_new0(vserverBinding, 1);

    b->sys = sys;
    b->opaque = opaque;
    g_mutex_init(&b->lock);
    b->answers = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (vserverBindingNegotiate(b) < 0)
        return NULL;
    VIR_DEBUG("VServer kernel: %s ABI, version 0x%08x", vserverAbiName(b->abi), b->version);
    return g_steal_pointer(&b);
}

void
vserverBindingFree(vserverBinding *b)
{
    if (!b)
        return;
    g_hash_table_unref(b->answers);
    g_mutex_clear(&b->lock);
    g_free(b);
}

vserverAbi
vserverBindingGetAbi(const vserverBinding *b)
{
    return b->abi;
}

uint32_t
vserverBindingGetVersion(const vserverBinding *b)
{
    return b->version;
}

static bool
vserverBindingLookup(vserverBinding *b, uint32_t word, long *answer)
{
    gpointer value = NULL;
    bool found;

    g_mutex_lock(&b->lock);
    found = g_hash_table_lookup_extended(b->answers, GUINT_TO_POINTER(word), NULL, &value);
    g_mutex_unlock(&b->lock);
    if (found)
        *answer = GPOINTER_TO_INT(value);
    return found;
}

static void
vserverBindingRemember(vserverBinding *b, uint32_t word, long answer)
{
    g_mutex_lock(&b->lock);
    g_hash_table_insert(b->answers, GUINT_TO_POINTER(word), GINT_TO_POINTER((int)answer));
    g_mutex_unlock(&b->lock);
}

/* The 2003 version query @word, asked once. */
static long
vserverBinding2003Version(vserverBinding *b, uint32_t word)
{
    long answer;

    if (vserverBindingLookup(b, word, &answer))
        return answer;
    answer = vserverBindingRaw(b, word, 0, NULL);
    /* only definite answers are kept: a refusal for a passing reason
     * (EINTR, EFAULT) is asked again next time */
    if (answer >= 0 || answer == -ENOTSUP || answer == -ENOSYS)
        vserverBindingRemember(b, word, answer);
    return answer;
}

/* Why the kernel does not offer @enc, or NULL when it does; -1 in @err
 * when the version query itself failed. */
static char *
vserverBinding2003Missing(vserverBinding *b, const vserverCmdEncoding *enc, int *err)
{
    long ver;

    *err = 0;
    if (VS03_CATEGORY(enc->word) == VS03_CAT_PATCH)
        return NULL;
    ver = vserverBinding2003Version(b, vserverCmd2003VersionWord(enc->word, true));
    if (ver == -ENOTSUP || ver == -ENOSYS)
        return g_strdup_printf(_("this kernel has no 2003 category %u, so no command '%s'"),
                               VS03_CATEGORY(enc->word), enc->name);
    if (ver >= 0)
        ver = vserverBinding2003Version(b, vserverCmd2003VersionWord(enc->word, false));
    if (ver == -ENOTSUP || ver == -ENOSYS)
        return g_strdup_printf(_("this kernel does not offer the VServer command '%s' (2003 ABI)"),
                               enc->name);
    if (ver < 0) {
        *err = -ver;
        return NULL;
    }
    if (ver != VSERVER_2003_SPOKEN)
        return g_strdup_printf(_("this kernel offers version %ld of the VServer command '%s', virtkit speaks version %d"),
                               ver, enc->name, VSERVER_2003_SPOKEN);
    return NULL;
}

static char *
vserverBindingV2Missing(vserverBinding *b, const vserverCmdEncoding *enc)
{
    long answer;

    if (enc->since > b->version)
        return g_strdup_printf(_("this kernel (VServer interface 0x%08x) is older than the VServer command '%s' (since 0x%08x)"),
                               b->version, enc->name, enc->since);
    if (vserverBindingLookup(b, enc->word, &answer))
        return g_strdup_printf(_("this kernel does not offer the VServer command '%s' (0x%08x)"),
                               enc->name, enc->word);
    return NULL;
}

/* 1 and NULL when the kernel offers @cmd; 0 and the reason when not; -1
 * with an error reported when asking failed. */
static int
vserverBindingCheck(vserverBinding *b, vserverCmd cmd, unsigned int limit, char **why)
{
    const vserverCmdEncoding *enc = vserverCmdEncode(b->abi, cmd, limit);
    int err = 0;

    *why = NULL;
    if (!enc) {
        if (cmd == VSERVER_CMD_RLIMIT_GET || cmd == VSERVER_CMD_RLIMIT_SET)
            *why = g_strdup_printf(_("the %s ABI has no command for the limit %s"),
                                   vserverAbiName(b->abi), NULLSTR(vserverLimitName(limit)));
        else
            *why = g_strdup_printf(_("the %s ABI has no command '%s'"),
                                   vserverAbiName(b->abi), vserverCmdName(b->abi, cmd, limit));
        return 0;
    }
    if (b->abi == VSERVER_ABI_V2)
        *why = vserverBindingV2Missing(b, enc);
    else
        *why = vserverBinding2003Missing(b, enc, &err);
    if (err) {
        virReportSystemError(err, _("cannot ask the kernel for the version of the VServer command '%s'"),
                             enc->name);
        return -1;
    }
    return *why ? 0 : 1;
}

int
vserverBindingSupports(vserverBinding *b, vserverCmd cmd, unsigned int limit)
{
    g_autofree char *why = NULL;

    return vserverBindingCheck(b, cmd, limit, &why);
}

/* "VServer context 42", "process 1234", "the VServer kernel" */
static char *
vserverBindingTarget(const vserverCmdInfo *info, uint32_t id)
{
    switch (info->idKind) {
    case VSERVER_ID_CONTEXT:
        return g_strdup_printf(_("VServer context %u"), id);
    case VSERVER_ID_NETWORK:
        return g_strdup_printf(_("VServer network context %u"), id);
    case VSERVER_ID_PROCESS:
        return id ? g_strdup_printf(_("process %u"), id) : g_strdup(_("the calling process"));
    case VSERVER_ID_NETDEV:
        return g_strdup_printf(_("VServer network device %u"), id);
    case VSERVER_ID_NONE:
        break;
    }
    return g_strdup(_("the VServer kernel"));
}

/* "set_sched", "memory.resident (set)" */
static char *
vserverBindingCommand(vserverBinding *b, vserverCmd cmd, unsigned int limit)
{
    const vserverCmdEncoding *enc = vserverCmdEncode(b->abi, cmd, limit);
    const char *name = vserverCmdName(b->abi, cmd, limit);

    if (b->abi != VSERVER_ABI_2003 || !enc)
        return g_strdup(name);
    return g_strdup_printf("%s (%s)", name,
                           VS03_SUBCATEGORY(enc->word) == VS03_GET ? "get" : "set");
}

static void
vserverBindingReportErrno(vserverBinding *b, vserverCmd cmd, unsigned int limit,
                          uint32_t id, int err)
{
    const vserverCmdInfo *info = vserverCmdGetInfo(cmd);
    g_autofree char *target = vserverBindingTarget(info, id);
    g_autofree char *name = vserverBindingCommand(b, cmd, limit);

    switch (err) {
    case EPERM:
        virReportError(VIR_ERR_ACCESS_DENIED, _("%s: '%s' refused: operation not permitted (%s)"),
                       target, name,
                       b->abi == VSERVER_ABI_V2 ?
                       _("it needs CAP_SYS_ADMIN, in the host context or in a context still in setup") :
                       _("it needs CAP_SYS_ADMIN, in the host context"));
        break;
    case EACCES:
        virReportError(VIR_ERR_ACCESS_DENIED,
                       _("%s: '%s' refused: permission denied (the context can no longer be administered: its STATE_ADMIN flag is cleared)"),
                       target, name);
        break;
    case ESRCH:
        virReportError(VIR_ERR_OPERATION_INVALID, _("%s: '%s' refused: %s"), target, name,
                       info->missing ? _(info->missing) :
                       info->idKind == VSERVER_ID_PROCESS ? _("no such process") :
                       info->idKind == VSERVER_ID_NETDEV ? _("no such device") :
                       info->idKind == VSERVER_ID_NETWORK ? _("no such network context") :
                       _("no such context"));
        break;
    case EINVAL:
        virReportError(VIR_ERR_INVALID_ARG, _("%s: '%s' refused: invalid argument%s%s"),
                       target, name, info->invalid ? ": " : "",
                       info->invalid ? _(info->invalid) : "");
        break;
    case EEXIST:
        virReportError(VIR_ERR_OPERATION_INVALID, _("%s: '%s' refused: it already exists"),
                       target, name);
        break;
    case EBUSY:
        virReportError(VIR_ERR_RESOURCE_BUSY, _("%s: '%s' refused: it still has processes"),
                       target, name);
        break;
    case EFAULT:
        virReportError(VIR_ERR_INTERNAL_ERROR, _("%s: '%s' refused: bad address"), target, name);
        break;
    default:
        virReportSystemError(err, _("%s: '%s' failed"), target, name);
        break;
    }
}

int
vserverBindingRequire(vserverBinding *b, vserverCmd cmd, unsigned int limit)
{
    g_autofree char *why = NULL;
    int rc;

    if ((rc = vserverBindingCheck(b, cmd, limit, &why)) <= 0) {
        if (rc == 0)
            virReportError(VIR_ERR_NO_SUPPORT, "%s", why);
        return -1;
    }
    return 0;
}

long
vserverBindingCall(vserverBinding *b, vserverCmd cmd, unsigned int limit,
                   uint32_t id, void *data)
{
    const vserverCmdEncoding *enc;
    long ret;

    if (vserverBindingRequire(b, cmd, limit) < 0)
        return -1;
    enc = vserverCmdEncode(b->abi, cmd, limit);
    ret = vserverBindingRaw(b, enc->word, id, data);
    if (ret >= 0)
        return ret;
    if ((b->abi == VSERVER_ABI_V2 && ret == -ENOSYS) ||
        (b->abi == VSERVER_ABI_2003 && ret == -ENOTSUP)) {
        /* the kernel lacks this command after all: say so now and later */
        if (b->abi == VSERVER_ABI_V2)
            vserverBindingRemember(b, enc->word, ret);
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("this kernel does not offer the VServer command '%s' (0x%08x)"),
                       enc->name, enc->word);
        return -1;
    }
    vserverBindingReportErrno(b, cmd, limit, id, -ret);
    return -1;
}

void
vserverBindingReportUnexpressible(vserverBinding *b, vserverCmd cmd,
                                  unsigned int limit, const char *what)
{
    g_autofree char *name = vserverBindingCommand(b, cmd, limit);

    virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                   _("the VServer kernel's %s ABI cannot express %s in '%s'"),
                   vserverAbiName(b->abi), what, name);
}
