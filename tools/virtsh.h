/*
 * virtsh.h: what virtsh's command tables share
 *
 * Each file of commands (virtsh-domain*.c, virtsh-monitor.c,
 * virtsh-host.c, virtsh-extras.c, virtsh-builtins.c) exports one table;
 * virtsh-groups.c puts the tables into groups.  A driver that brings
 * commands of its own adds a table and names it in a group there.
 */
#ifndef VIRTSH_H
# define VIRTSH_H

# include "vsh.h"

extern const vshCmdDef domManagementCmds[];
extern const vshCmdDef domEditCmds[];
extern const vshCmdDef domLifecycleCmds[];
extern const vshCmdDef domMemoryCmds[];
extern const vshCmdDef domCpuCmds[];
extern const vshCmdDef domSchedCmds[];
extern const vshCmdDef domDeviceCmds[];
extern const vshCmdDef domDeviceMonitoringCmds[];
extern const vshCmdDef domInputCmds[];
extern const vshCmdDef domMonitoringCmds[];
extern const vshCmdDef domStatsCmds[];
extern const vshCmdDef domEventCmds[];
extern const vshCmdDef hostAndHypervisorCmds[];
extern const vshCmdDef driverExtrasCmds[];
extern const vshCmdDef virtshCmds[];

/* Every group, for vshControl.groups; ends with a NULL name. */
extern const vshCmdGrp virtshGroups[];

/* ---- common options ---- */

# define VIRTSH_OPT_DOMAIN(helpstr, kind) \
    {.name = "domain", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, \
     .help = helpstr, .complete = kind}
# define VIRTSH_OPT_DOMAIN_FULL(kind) VIRTSH_OPT_DOMAIN("domain name, id or uuid", kind)
# define VIRTSH_OPT_CONFIG(helpstr) {.name = "config", .type = VSH_OT_BOOL, .help = helpstr}
# define VIRTSH_OPT_LIVE(helpstr) {.name = "live", .type = VSH_OT_BOOL, .help = helpstr}
# define VIRTSH_OPT_CURRENT(helpstr) {.name = "current", .type = VSH_OT_BOOL, .help = helpstr}
# define VIRTSH_OPT_END {.name = NULL}

/* ---- domains ---- */

typedef virDomain virtshDomain;
void virtshDomainFree(virtshDomain *dom);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshDomain, virtshDomainFree);

typedef enum {
    VIRTSH_BYID   = 1 << 0,
    VIRTSH_BYUUID = 1 << 1,
    VIRTSH_BYNAME = 1 << 2,
    VIRTSH_BYANY  = VIRTSH_BYID | VIRTSH_BYUUID | VIRTSH_BYNAME,
} virtshLookupFlags;

virDomainPtr virtshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd,
                                      const char **name, unsigned int flags);
virDomainPtr virtshCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char **name);
/* The domain @n names (by id, uuid or name as @flags allow), for command
 * @cmdname; NULL after "failed to get domain '@n'". */
virDomainPtr virtshLookupDomainBy(vshControl *ctl, const char *n, const char *cmdname,
                                  unsigned int flags);

const char *virtshDomainStateToString(int state);
const char *virtshDomainStateReasonToString(int state, int reason);
const char *virtshDomainVcpuStateToString(int state);
int virtshDomainState(vshControl *ctl, virDomainPtr dom, int *reason);
int virtshNodeGetCPUCount(virConnectPtr conn);
/* The title (@title) or description of @dom, "" when it has none; @flags
 * as virDomainGetMetadata's.  NULL with the error pending. */
char *virtshDomainGetDescription(vshControl *ctl, virDomainPtr dom, bool title,
                                 unsigned int flags);

/* --config/--live/--current into virDomainModificationImpact flags;
 * false after reporting a bad combination. */
bool virtshImpactFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags);

/* Reads a whole file given to a command (define, create). */
char *virtshReadFile(vshControl *ctl, const char *path);

/* ---- JSON output for scripts (--json) ---- */

typedef struct {
    GString *out;
    int depth;
    bool first;                 /* no member written yet at this depth */
    bool compact;               /* all on one line (a stream of values), set after Begin */
} vshJson;

void vshJsonBegin(vshJson *json, bool array);
void vshJsonOpen(vshJson *json, const char *key, bool array);
void vshJsonClose(vshJson *json, bool array);
void vshJsonString(vshJson *json, const char *key, const char *value);
void vshJsonInt(vshJson *json, const char *key, long long value);
void vshJsonUInt(vshJson *json, const char *key, unsigned long long value);
void vshJsonNumber(vshJson *json, const char *key, const char *number);
void vshJsonBool(vshJson *json, const char *key, bool value);
void vshJsonNull(vshJson *json, const char *key);
void vshJsonTypedParam(vshJson *json, const char *key, const virTypedParameter *param);
void vshJsonTypedParams(vshJson *json, const virTypedParameter *params, int nparams,
                        const char *suffix);
void vshJsonDiscard(vshJson *json);
char *vshJsonEnd(vshJson *json);
void vshJsonPrint(vshJson *json, vshControl *ctl);
void vshJsonPrintString(vshControl *ctl, const char *key, const char *value);

/* The --json option of a command that reads. */
# define VIRTSH_OPT_JSON \
    {.name = "json", .type = VSH_OT_BOOL, .help = "print the information as JSON"}

#endif /* VIRTSH_H */
