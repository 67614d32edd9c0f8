/*
 * virtsh-domain-sched.c: the scheduler of a domain: schedinfo
 *
 * Parameters are shown as virsh does ("%-15s: %s") and set by name with
 * --set name=value (or --weight/--cap), typed like the parameter the
 * driver reports under that name (or as a string the driver may read).
 */
#include <config.h>

#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "schedinfo" command
 */
static const vshCmdInfo info_schedinfo = {
    .help = "show/set scheduler parameters",
    .desc = "Show/Set scheduler parameters.",
};

static const vshCmdOptDef opts_schedinfo[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "weight", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT, .help = "weight for XEN_CREDIT"},
    {.name = "cap", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT, .help = "cap for XEN_CREDIT"},
    VIRTSH_OPT_CURRENT("get/set current scheduler info"),
    VIRTSH_OPT_CONFIG("get/set value to be used on next boot"),
    VIRTSH_OPT_LIVE("get/set value from running domain"),
    VIRTSH_OPT_JSON,
    {.name = "set", .type = VSH_OT_ARGV, .help = "parameter=value"},
    VIRTSH_OPT_END
};

/* Adds @field=@value to the updates, typed like the parameter the driver
 * reported under that name.  A value that type cannot read goes as a
 * string: a driver may take its own forms of a number (an LVE's speed
 * "150%", as its XML writes it); *@unread keeps why it was not a number,
 * the error if the driver takes no string either. */
static bool
virtshSchedInfoUpdateOne(vshControl *ctl, const virTypedParameter *src, int nsrc,
                         virTypedParameterPtr *params, int *nparams, int *maxparams,
                         const char *field, const char *value, char **unread)
{
    int i;

    for (i = 0; i < nsrc; i++) {
        if (strcmp(field, src[i].field) != 0)
            continue;
        if (virTypedParamsAddFromString(params, nparams, maxparams, field,
                                        src[i].type, value) == 0)
            return true;
        if (src[i].type == VIR_TYPED_PARAM_STRING) {
            vshSaveLibraryError(ctl);
            return false;
        }
        if (!*unread)
            *unread = g_strdup(virGetLastErrorMessage());
        virResetLastError();
        if (virTypedParamsAddString(params, nparams, maxparams, field, value) < 0) {
            vshSaveLibraryError(ctl);
            return false;
        }
        return true;
    }
    vshError(ctl, "invalid scheduler option: %s", field);
    return false;
}

/* The updates asked for by --set name=value, --cap and --weight;
 * -1 after reporting an error. */
static int
virtshSchedInfoUpdate(vshControl *ctl, const vshCmd *cmd, const virTypedParameter *src,
                      int nsrc, virTypedParameterPtr *params, char **unread)
{
    const vshCmdOpt *opt = NULL;
    int nparams = 0, maxparams = 0;
    const char *const named[] = { "cap", "weight" };
    size_t i;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        g_autofree char *field = g_strdup(opt->data);
        char *value = strchr(field, '=');

        if (!value) {
            vshError(ctl, "%s", "Invalid syntax for --set, expecting name=value");
            goto error;
        }
        *value++ = '\0';
        if (!virtshSchedInfoUpdateOne(ctl, src, nsrc, params, &nparams, &maxparams, field, value,
                                      unread))
            goto error;
    }
    for (i = 0; i < G_N_ELEMENTS(named); i++) {
        const char *value = NULL;

        if (vshCommandOptString(ctl, cmd, named[i], &value) < 0 ||
            (value && !virtshSchedInfoUpdateOne(ctl, src, nsrc, params, &nparams, &maxparams,
                                                named[i], value, unread)))
            goto error;
    }
    return nparams;

 error:
    virTypedParamsFree(*params, nparams);
    *params = NULL;
    return -1;
}

static int
virtshSchedInfoGet(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                   unsigned int flags, bool useFlags)
{
    /* live and config cannot be read at once: --live --config reads current */
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG))
        flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (useFlags)
        return virDomainGetSchedulerParametersFlags(dom, params, nparams, flags);
    return virDomainGetSchedulerParameters(dom, params, nparams);
}

static bool
virtshSchedInfoApply(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom,
                     virTypedParameterPtr params, int *nparams, unsigned int flags)
{
    bool useFlags = flags || vshCommandOptBool(cmd, "current");
    virTypedParameterPtr updates = NULL;
    g_autofree char *unread = NULL;
    int nupdates, rc;

    if ((nupdates = virtshSchedInfoUpdate(ctl, cmd, params, *nparams, &updates, &unread)) < 0)
        return false;
    if (nupdates == 0) {
        if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
            vshError(ctl, "%s", "cannot query both live and config at once");
            return false;
        }
        return true;
    }
    if (useFlags)
        rc = virDomainSetSchedulerParametersFlags(dom, updates, nupdates, flags);
    else
        rc = virDomainSetSchedulerParameters(dom, updates, nupdates);
    virTypedParamsFree(updates, nupdates);
    /* a string the driver refuses as an argument: it wanted the number */
    if (rc < 0 && unread && virGetLastErrorCode() == VIR_ERR_INVALID_ARG)
        vshSetLastError(ctl, "%s", unread);
    if (rc < 0)
        return false;
    virTypedParamsClear(params, *nparams);
    return virtshSchedInfoGet(dom, params, nparams, flags, useFlags) == 0;
}

/* The scheduler and its parameters, each under its own name. */
static void
virtshSchedInfoPrintJSON(vshControl *ctl, const char *schedulertype,
                         const virTypedParameter *params, int nparams)
{
    vshJson json;

    vshJsonBegin(&json, false);
    vshJsonString(&json, "scheduler", schedulertype);
    vshJsonTypedParams(&json, params, nparams, "");
    vshJsonPrint(&json, ctl);
}

static bool
cmdSchedinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *schedulertype = NULL;
    virTypedParameterPtr params = NULL;
    unsigned int flags;
    int nparams = 0, i;
    bool optJSON = vshCommandOptBool(cmd, "json");
    bool ret = false;

    if (!virtshImpactFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(schedulertype = virDomainGetSchedulerType(dom, &nparams))) {
        if (!optJSON)
            vshPrint(ctl, "%-15s: %s\n", "Scheduler", "Unknown");
        return false;
    }
    if (!optJSON)
        vshPrint(ctl, "%-15s: %s\n", "Scheduler", schedulertype);
    if (nparams == 0) {
        if (optJSON)
            virtshSchedInfoPrintJSON(ctl, schedulertype, NULL, 0);
        return true;
    }
    params = g_new0(virTypedParameter, nparams);
    if (virtshSchedInfoGet(dom, params, &nparams, flags,
                           flags || vshCommandOptBool(cmd, "current")) < 0 ||
        !virtshSchedInfoApply(ctl, cmd, dom, params, &nparams, flags))
        goto cleanup;
    ret = true;
    if (optJSON) {
        virtshSchedInfoPrintJSON(ctl, schedulertype, params, nparams);
        goto cleanup;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *str = vshTypedParamValue(&params[i]);

        vshPrint(ctl, "%-15s: %s\n", params[i].field, str);
    }
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

const vshCmdDef domSchedCmds[] = {
    {.name = "schedinfo", .handler = cmdSchedinfo, .opts = opts_schedinfo, .info = &info_schedinfo},
    {.name = NULL}
};
