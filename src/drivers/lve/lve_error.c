/*
 * lve_error.c: kernel refusals said in LVE terms
 *
 * The meanings follow liblve's documentation (lve-ctl.h) and what kmod-lve
 * returns them for: E2BIG when the entry-process limit is reached, EPERM
 * when entering from inside an LVE or a disabled one, ESRCH for an LVE or a
 * task that is not there, EINVAL for a foreign cookie or the host's id 0.
 */
#include "internal.h"

#include "lve_error.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_LVE

static const char *const lveOpNames[] = {
    [LVE_OP_SETUP] = N_("set it up"),
    [LVE_OP_DESTROY] = N_("destroy it"),
    [LVE_OP_ENTER] = N_("enter it"),
    [LVE_OP_LEAVE] = N_("leave it"),
    [LVE_OP_INFO] = N_("read it"),
    [LVE_OP_DEFAULTS] = N_("set them"),
    [LVE_OP_FREEZE] = N_("freeze or thaw it"),
};
G_STATIC_ASSERT(G_N_ELEMENTS(lveOpNames) == LVE_OP_LAST);

/* A message that depends on the operation: entering and leaving give
 * most errno values a meaning of their own. */
static const char *
lveErrorMeaning(lveOp op, int err)
{
    switch (err) {
    case EPERM:
        if (op == LVE_OP_ENTER)
            return _("permission denied: the caller is not privileged, is already inside an LVE, or the LVE is disabled");
        return _("permission denied: managing LVEs needs CAP_SYS_ADMIN");
    case ENOMEM:
        return _("the kernel has no memory left for it");
    case EFAULT:
        return _("liblve was given a bad address (a bug in the caller)");
    case EALREADY:
        return op == LVE_OP_ENTER ? _("the calling process is already inside it") :
                                    _("it is already set up that way");
    case EINVAL:
        if (op == LVE_OP_LEAVE)
            return _("the cookie is not the one virDomainEnter gave this process");
        return _("the kernel refused the request as invalid (id 0 is the host)");
    case EBUSY:
        return _("it is busy (its tasks are being moved or killed); try again");
    case ENOSPC:
        return _("the kernel has no room for another LVE");
    case ESRCH:
        if (op == LVE_OP_LEAVE)
            return _("the calling process is not inside it");
        return _("the kernel has no such LVE");
    case ERANGE:
        return _("a limit is outside the range the kernel accepts");
    case ENOSYS:
        return _("the kernel does not offer LVE (is kmod-lve loaded?)");
    }
    return NULL;
}

static int
lveErrorCode(int err)
{
    switch (err) {
    case EPERM: return VIR_ERR_ACCESS_DENIED;
    case EINVAL: return VIR_ERR_INVALID_ARG;
    case EALREADY: return VIR_ERR_OPERATION_INVALID;
    case EBUSY: return VIR_ERR_RESOURCE_BUSY;
    case ESRCH: return VIR_ERR_OPERATION_INVALID;
    case ENOSYS: return VIR_ERR_NO_SUPPORT;
    case EFAULT: return VIR_ERR_INTERNAL_ERROR;
    }
    return VIR_ERR_OPERATION_FAILED;
}

void
lveReportKernelError(lveOp op, unsigned int id, int err, const lveLimits *lim)
{
    g_autofree char *who = id ? g_strdup_printf(_("LVE %u"), id) : g_strdup(_("LVE defaults"));
    const char *meaning;

    if (err == E2BIG) {
        if (lim && lim->value[LVE_LIMIT_EP])
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("%s: too many entry processes (limit %llu)"),
                           who, lim->value[LVE_LIMIT_EP]);
        else
            virReportError(VIR_ERR_OPERATION_FAILED, _("%s: too many entry processes"), who);
        return;
    }
    if ((meaning = lveErrorMeaning(op, err)))
        virReportError(lveErrorCode(err), _("%s: cannot %s: %s"), who, lveOpNames[op],
                       meaning);
    else
        virReportError(VIR_ERR_OPERATION_FAILED, _("%s: cannot %s: %s (errno %d)"),
                       who, lveOpNames[op], g_strerror(err), err);
}
