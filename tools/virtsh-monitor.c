/*
 * virtsh-monitor.c: the "monitor" group: list, dominfo, domstate, domcontrol
 *
 * Their output is virsh 9's, byte for byte, for the same state; --json on
 * each gives the same facts to scripts.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "domstate" command
 */
static const vshCmdInfo info_domstate = {
    .help = "domain state",
    .desc = "Returns state about a domain.",
};

static const vshCmdOptDef opts_domstate[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "reason", .type = VSH_OT_BOOL, .help = "also print reason for the state"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdDomstate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    int state, reason;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((state = virtshDomainState(ctl, dom, &reason)) < 0)
        return false;
    if (vshCommandOptBool(cmd, "json")) {
        vshJson json;

        /* the reason costs nothing more: scripts always get it */
        vshJsonBegin(&json, false);
        vshJsonString(&json, "state", virtshDomainStateToString(state));
        vshJsonString(&json, "reason", virtshDomainStateReasonToString(state, reason));
        vshJsonPrint(&json, ctl);
    } else if (vshCommandOptBool(cmd, "reason")) {
        vshPrint(ctl, "%s (%s)\n", virtshDomainStateToString(state),
                 virtshDomainStateReasonToString(state, reason));
    } else {
        vshPrint(ctl, "%s\n", virtshDomainStateToString(state));
    }
    return true;
}

/*
 * "domcontrol" command
 */
static const vshCmdInfo info_domcontrol = {
    .help = "domain control interface state",
    .desc = "Returns state of a control interface to the domain.",
};

static const vshCmdOptDef opts_domcontrol[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

/* virsh's words for virDomainControlState and virDomainControlErrorReason */
static const char *const virtshControlStates[] = { "ok", "background job", "occupied", "error" };
static const char *const virtshControlErrorReasons[] = {
    "", "unknown", "monitor failure", "internal (locking) error",
};

static const char *
virtshControlErrorReason(unsigned int details)
{
    return details < G_N_ELEMENTS(virtshControlErrorReasons) ?
           virtshControlErrorReasons[details] : "unknown";
}

/* What the text shows: the time in a state other than ok and error
 * (state_time_ms), the reason of an error; null where there is none. */
static void
virtshDomcontrolPrintJSON(vshControl *ctl, const virDomainControlInfo *info, const char *state)
{
    vshJson json;

    vshJsonBegin(&json, false);
    vshJsonString(&json, "state", state);
    if (info->state != VIR_DOMAIN_CONTROL_OK && info->state != VIR_DOMAIN_CONTROL_ERROR)
        vshJsonUInt(&json, "state_time_ms", info->stateTime);
    else
        vshJsonNull(&json, "state_time_ms");
    if (info->state == VIR_DOMAIN_CONTROL_ERROR && info->details > 0)
        vshJsonString(&json, "error_reason", virtshControlErrorReason(info->details));
    else
        vshJsonNull(&json, "error_reason");
    vshJsonPrint(&json, ctl);
}

static bool
cmdDomcontrol(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    virDomainControlInfo info;
    const char *state;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virDomainGetControlInfo(dom, &info, 0) < 0)
        return false;
    state = info.state < G_N_ELEMENTS(virtshControlStates) ?
            virtshControlStates[info.state] : "unknown";
    if (vshCommandOptBool(cmd, "json"))
        virtshDomcontrolPrintJSON(ctl, &info, state);
    else if (info.state != VIR_DOMAIN_CONTROL_OK && info.state != VIR_DOMAIN_CONTROL_ERROR)
        vshPrint(ctl, "%s (%0.3fs)\n", state, info.stateTime / 1000.0);
    else if (info.state == VIR_DOMAIN_CONTROL_ERROR && info.details > 0)
        vshPrint(ctl, "%s: %s\n", state, virtshControlErrorReason(info.details));
    else
        vshPrint(ctl, "%s\n", state);
    return true;
}

/*
 * "dominfo" command
 */
static const vshCmdInfo info_dominfo = {
    .help = "domain information",
    .desc = "Returns basic information about the domain.",
};

static const vshCmdOptDef opts_dominfo[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

/* Everything dominfo shows, gathered before it is printed one way or
 * the other.  Facts the driver cannot give are marked unknown. */
typedef struct {
    unsigned int id;
    const char *name;
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool hasUUID;
    char *ostype;
    bool hasInfo;
    virDomainInfo info;
    int persistent;             /* -1: unknown */
    int autostart;              /* -1: unknown */
    int managedSave;            /* -1: unknown */
    bool hasSecModel;
    virSecurityModel secmodel;
    virSecurityLabel seclabel;
    char **messages;
} virtshDominfo;

static void
virtshDominfoClear(virtshDominfo *di)
{
    g_free(di->ostype);
    g_strfreev(di->messages);
}

/* Returns false when a call failed in a way dominfo reports. */
static bool
virtshDominfoCollect(vshControl *ctl, virDomainPtr dom, virtshDominfo *di)
{
    di->id = virDomainGetID(dom);
    di->name = virDomainGetName(dom);
    di->hasUUID = virDomainGetUUIDString(dom, di->uuid) == 0;
    di->ostype = virDomainGetOSType(dom);
    di->hasInfo = virDomainGetInfo(dom, &di->info) == 0;
    di->persistent = virDomainIsPersistent(dom);
    if (virDomainGetAutostart(dom, &di->autostart) < 0)
        di->autostart = -1;
    di->managedSave = virDomainHasManagedSaveImage(dom, 0);
    if (virNodeGetSecurityModel(ctl->conn, &di->secmodel) < 0) {
        if (virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
            return false;
        vshResetLastError(ctl);
    } else if (di->secmodel.model[0]) {
        /* security labels are only meaningful for running domains */
        if (virDomainGetSecurityLabel(dom, &di->seclabel) < 0)
            return false;
        di->hasSecModel = true;
    }
    if (virDomainGetMessages(dom, &di->messages, 0) < 0) {
        di->messages = NULL;
        vshResetLastError(ctl);
    }
    return true;
}

static void
virtshDominfoPrintState(vshControl *ctl, const virtshDominfo *di)
{
    const virDomainInfo *info = &di->info;

    vshPrint(ctl, "%-15s %s\n", "State:", virtshDomainStateToString(info->state));
    vshPrint(ctl, "%-15s %d\n", "CPU(s):", info->nrVirtCpu);
    if (info->cpuTime != 0)
        vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info->cpuTime / 1000000000.0);
    if (info->maxMem != UINT_MAX)
        vshPrint(ctl, "%-15s %lu KiB\n", "Max memory:", info->maxMem);
    else
        vshPrint(ctl, "%-15s %s\n", "Max memory:", "no limit");
    vshPrint(ctl, "%-15s %lu KiB\n", "Used memory:", info->memory);
}

static void
virtshDominfoPrint(vshControl *ctl, const virtshDominfo *di)
{
    size_t i;

    if (di->id == (unsigned int)-1)
        vshPrint(ctl, "%-15s %s\n", "Id:", "-");
    else
        vshPrint(ctl, "%-15s %d\n", "Id:", di->id);
    vshPrint(ctl, "%-15s %s\n", "Name:", di->name);
    if (di->hasUUID)
        vshPrint(ctl, "%-15s %s\n", "UUID:", di->uuid);
    if (di->ostype)
        vshPrint(ctl, "%-15s %s\n", "OS Type:", di->ostype);
    if (di->hasInfo)
        virtshDominfoPrintState(ctl, di);
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             di->persistent < 0 ? "unknown" : di->persistent ? "yes" : "no");
    if (di->autostart >= 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:", di->autostart ? "enable" : "disable");
    vshPrint(ctl, "%-15s %s\n", "Managed save:",
             di->managedSave < 0 ? "unknown" : di->managedSave ? "yes" : "no");
    if (di->hasSecModel) {
        vshPrint(ctl, "%-15s %s\n", "Security model:", di->secmodel.model);
        vshPrint(ctl, "%-15s %s\n", "Security DOI:", di->secmodel.doi);
        if (di->seclabel.label[0])
            vshPrint(ctl, "%-15s %s (%s)\n", "Security label:", di->seclabel.label,
                     di->seclabel.enforcing ? "enforcing" : "permissive");
    }
    for (i = 0; di->messages && di->messages[i]; i++)
        vshPrint(ctl, "%-15s %s\n", i == 0 ? "Messages:" : "", di->messages[i]);
}

/* A fact that may be unknown (-1) is null in JSON. */
static void
virtshJsonTristate(vshJson *json, const char *key, int value)
{
    if (value < 0)
        vshJsonNull(json, key);
    else
        vshJsonBool(json, key, value);
}

static void
virtshDominfoPrintJSON(vshControl *ctl, const virtshDominfo *di)
{
    vshJson json;
    size_t i;

    vshJsonBegin(&json, false);
    if (di->id == (unsigned int)-1)
        vshJsonNull(&json, "id");
    else
        vshJsonUInt(&json, "id", di->id);
    vshJsonString(&json, "name", di->name);
    vshJsonString(&json, "uuid", di->hasUUID ? di->uuid : NULL);
    vshJsonString(&json, "os_type", di->ostype);
    if (di->hasInfo) {
        vshJsonString(&json, "state", virtshDomainStateToString(di->info.state));
        vshJsonUInt(&json, "cpus", di->info.nrVirtCpu);
        vshJsonUInt(&json, "cpu_time_ns", di->info.cpuTime);
        vshJsonUInt(&json, "max_memory_kib", di->info.maxMem);
        vshJsonUInt(&json, "used_memory_kib", di->info.memory);
    }
    virtshJsonTristate(&json, "persistent", di->persistent);
    virtshJsonTristate(&json, "autostart", di->autostart);
    virtshJsonTristate(&json, "managed_save", di->managedSave);
    if (di->hasSecModel) {
        vshJsonString(&json, "security_model", di->secmodel.model);
        vshJsonString(&json, "security_doi", di->secmodel.doi);
        vshJsonString(&json, "security_label", di->seclabel.label[0] ? di->seclabel.label : NULL);
        vshJsonBool(&json, "security_enforcing", di->seclabel.enforcing);
    }
    vshJsonOpen(&json, "messages", true);
    for (i = 0; di->messages && di->messages[i]; i++)
        vshJsonString(&json, NULL, di->messages[i]);
    vshJsonClose(&json, true);
    vshJsonPrint(&json, ctl);
}

static bool
cmdDominfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    virtshDominfo di = { 0 };
    bool ret;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    ret = virtshDominfoCollect(ctl, dom, &di);
    /* like virsh, print what is known before failing */
    if (vshCommandOptBool(cmd, "json")) {
        if (ret)
            virtshDominfoPrintJSON(ctl, &di);
    } else {
        virtshDominfoPrint(ctl, &di);
    }
    virtshDominfoClear(&di);
    return ret && di.hasInfo;
}

/*
 * "list" command
 */
static const vshCmdInfo info_list = {
    .help = "list domains",
    .desc = "Returns list of domains.",
};

static const vshCmdOptDef opts_list[] = {
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "list inactive domains"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "list inactive & active domains"},
    {.name = "transient", .type = VSH_OT_BOOL, .help = "list transient domains"},
    {.name = "persistent", .type = VSH_OT_BOOL, .help = "list persistent domains"},
    {.name = "state-running", .type = VSH_OT_BOOL, .help = "list domains in running state"},
    {.name = "state-paused", .type = VSH_OT_BOOL, .help = "list domains in paused state"},
    {.name = "state-shutoff", .type = VSH_OT_BOOL, .help = "list domains in shutoff state"},
    {.name = "state-other", .type = VSH_OT_BOOL, .help = "list domains in other states"},
    {.name = "autostart", .type = VSH_OT_BOOL, .help = "list domains with autostart enabled"},
    {.name = "no-autostart", .type = VSH_OT_BOOL, .help = "list domains with autostart disabled"},
    {.name = "with-managed-save", .type = VSH_OT_BOOL, .help = "list domains with managed save state"},
    {.name = "without-managed-save", .type = VSH_OT_BOOL, .help = "list domains without managed save"},
    {.name = "uuid", .type = VSH_OT_BOOL, .help = "list uuid's only"},
    {.name = "name", .type = VSH_OT_BOOL, .help = "list domain names only"},
    {.name = "id", .type = VSH_OT_BOOL, .help = "list domain IDs only"},
    {.name = "table", .type = VSH_OT_BOOL, .help = "list table (default)"},
    {.name = "managed-save", .type = VSH_OT_BOOL, .help = "mark inactive domains with managed save state"},
    {.name = "title", .type = VSH_OT_BOOL, .help = "show domain title"},
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the list as JSON"},
    VIRTSH_OPT_END
};

/* Running domains by id first, then the others by name, as virsh sorts. */
static int
virtshDomainSorter(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr *)a, db = *(virDomainPtr *)b;
    unsigned int ida = virDomainGetID(da), idb = virDomainGetID(db);
    unsigned int inactive = (unsigned int)-1;

    if (ida == inactive && idb == inactive)
        return g_ascii_strcasecmp(virDomainGetName(da), virDomainGetName(db));
    if (ida != inactive && idb != inactive)
        return ida > idb ? 1 : ida < idb ? -1 : 0;
    return ida != inactive ? -1 : 1;
}

static const struct {
    const char *option;
    unsigned int flag;
} virtshListFilters[] = {
    { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
    { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
    { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
    { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
    { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
    { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
    { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
    { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
    { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
};

static unsigned int
virtshListFlags(const vshCmd *cmd)
{
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    size_t i;

    if (vshCommandOptBool(cmd, "inactive") || vshCommandOptBool(cmd, "state-shutoff"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (vshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    for (i = 0; i < G_N_ELEMENTS(virtshListFilters); i++) {
        if (vshCommandOptBool(cmd, virtshListFilters[i].option))
            flags |= virtshListFilters[i].flag;
    }
    return flags;
}

/* The state column: "saved" marks a shut off domain with a managed save
 * image when --managed-save asks for it. */
static const char *
virtshListState(vshControl *ctl, virDomainPtr dom, bool managed)
{
    int state = virtshDomainState(ctl, dom, NULL);

    if (state < 0)
        return NULL;
    if (managed && state == VIR_DOMAIN_SHUTOFF && virDomainHasManagedSaveImage(dom, 0) > 0)
        return "saved";
    return virtshDomainStateToString(state);
}

static bool
virtshListTable(vshControl *ctl, const vshCmd *cmd, virDomainPtr *doms, int ndoms)
{
    bool title = vshCommandOptBool(cmd, "title");
    bool managed = vshCommandOptBool(cmd, "managed-save");
    g_autoptr(vshTable) table = NULL;
    int i;

    if (title)
        table = vshTableNew("Id", "Name", "State", "Title", NULL);
    else
        table = vshTableNew("Id", "Name", "State", NULL);
    for (i = 0; i < ndoms; i++) {
        unsigned int id = virDomainGetID(doms[i]);
        g_autofree char *idstr = id == (unsigned int)-1 ? g_strdup("-") : g_strdup_printf("%d", id);
        g_autofree char *domtitle = NULL;
        const char *state;

        /* the domain may have gone away in the meantime */
        if (!(state = virtshListState(ctl, doms[i], managed)))
            continue;
        if (title) {
            if (!(domtitle = virtshDomainGetDescription(ctl, doms[i], true, 0)))
                return false;
            vshTableRowAppend(table, idstr, virDomainGetName(doms[i]), state, domtitle, NULL);
        } else {
            vshTableRowAppend(table, idstr, virDomainGetName(doms[i]), state, NULL);
        }
    }
    vshTablePrintToStdout(table, ctl);
    return true;
}

/* --uuid, --id and --name: one line per domain, fields separated by a blank. */
static void
virtshListColumns(vshControl *ctl, const vshCmd *cmd, virDomainPtr *doms, int ndoms)
{
    bool optUUID = vshCommandOptBool(cmd, "uuid");
    bool optID = vshCommandOptBool(cmd, "id");
    bool optName = vshCommandOptBool(cmd, "name");
    int i;

    for (i = 0; i < ndoms; i++) {
        unsigned int id = virDomainGetID(doms[i]);
        const char *sep = "";
        char uuid[VIR_UUID_STRING_BUFLEN];

        /* with --id alone, only running domains have something to show */
        if (optID && !optUUID && !optName && id == (unsigned int)-1)
            continue;
        if (optUUID && virDomainGetUUIDString(doms[i], uuid) == 0) {
            vshPrint(ctl, "%s", uuid);
            sep = " ";
        }
        if (optID) {
            if (id == (unsigned int)-1)
                vshPrint(ctl, "%s-", sep);
            else
                vshPrint(ctl, "%s%d", sep, id);
            sep = " ";
        }
        if (optName) {
            g_autofree char *name = vshSafeText(virDomainGetName(doms[i]));

            vshPrint(ctl, "%s%s", sep, name);
        }
        vshPrint(ctl, "\n");
    }
}

static bool
virtshListJSON(vshControl *ctl, const vshCmd *cmd, virDomainPtr *doms, int ndoms)
{
    bool title = vshCommandOptBool(cmd, "title");
    bool managed = vshCommandOptBool(cmd, "managed-save");
    vshJson json;
    int i;

    vshJsonBegin(&json, true);
    for (i = 0; i < ndoms; i++) {
        unsigned int id = virDomainGetID(doms[i]);
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        const char *state;
        g_autofree char *domtitle = NULL;

        if (!(state = virtshListState(ctl, doms[i], managed)))
            continue;
        if (title && !(domtitle = virtshDomainGetDescription(ctl, doms[i], true, 0))) {
            vshJsonDiscard(&json);
            return false;
        }
        vshJsonOpen(&json, NULL, false);
        if (id == (unsigned int)-1)
            vshJsonNull(&json, "id");
        else
            vshJsonUInt(&json, "id", id);
        vshJsonString(&json, "name", virDomainGetName(doms[i]));
        vshJsonString(&json, "uuid", virDomainGetUUIDString(doms[i], uuid) == 0 ? uuid : NULL);
        vshJsonString(&json, "state", state);
        if (title)
            vshJsonString(&json, "title", domtitle);
        vshJsonClose(&json, false);
    }
    vshJsonPrint(&json, ctl);
    return true;
}

static bool
cmdList(vshControl *ctl, const vshCmd *cmd)
{
    bool optJSON = vshCommandOptBool(cmd, "json");
    bool columns = vshCommandOptBool(cmd, "uuid") || vshCommandOptBool(cmd, "name") ||
                   vshCommandOptBool(cmd, "id");
    virDomainPtr *doms = NULL;
    int ndoms, i;
    bool ret;

    if (!vshExclusiveOptions(ctl, cmd, "table", "name") ||
        !vshExclusiveOptions(ctl, cmd, "table", "uuid") ||
        !vshExclusiveOptions(ctl, cmd, "table", "id") ||
        !vshExclusiveOptions(ctl, cmd, "json", "table") ||
        !vshExclusiveOptions(ctl, cmd, "json", "name") ||
        !vshExclusiveOptions(ctl, cmd, "json", "uuid") ||
        !vshExclusiveOptions(ctl, cmd, "json", "id"))
        return false;
    if ((ndoms = virConnectListAllDomains(ctl->conn, &doms, virtshListFlags(cmd))) < 0) {
        vshError(ctl, "%s", "Failed to list domains");
        return false;
    }
    if (ndoms > 1)
        qsort(doms, ndoms, sizeof(*doms), virtshDomainSorter);
    if (optJSON) {
        ret = virtshListJSON(ctl, cmd, doms, ndoms);
    } else if (columns) {
        virtshListColumns(ctl, cmd, doms, ndoms);
        ret = true;
    } else {
        ret = virtshListTable(ctl, cmd, doms, ndoms);
    }
    for (i = 0; i < ndoms; i++)
        virDomainFree(doms[i]);
    free(doms);
    return ret;
}

const vshCmdDef domMonitoringCmds[] = {
    {.name = "domcontrol", .handler = cmdDomcontrol, .opts = opts_domcontrol,
     .info = &info_domcontrol},
    {.name = "dominfo", .handler = cmdDominfo, .opts = opts_dominfo, .info = &info_dominfo},
    {.name = "domstate", .handler = cmdDomstate, .opts = opts_domstate, .info = &info_domstate},
    {.name = "list", .handler = cmdList, .opts = opts_list, .info = &info_list},
    {.name = NULL}
};
