/*
 * vsh.h: the shell framework of virtsh
 *
 * A command is three things side by side: an info_x (one-line help and a
 * description), an opts_x table (its options) and a cmdX() handler that
 * uses only the public API.  Commands are grouped in tables (vshCmdGrp);
 * virtsh-groups.c lists the groups, so a driver's extra commands are one
 * more table in that list.
 *
 * The framework parses command strings the way virsh does (words,
 * quotes, backslashes, ';' and newlines between commands, '#' comments),
 * binds words to options, runs handlers and reports errors.
 */
#ifndef VSH_H
# define VSH_H

# include <stdbool.h>
# include <stdio.h>
# include <glib.h>
# include <virt/virt.h>

typedef struct _vshControl vshControl;
typedef struct _vshCmd vshCmd;

typedef enum {
    VSH_OT_BOOL,     /* --name, no value */
    VSH_OT_STRING,   /* --name VALUE, or positional unless VSH_OFLAG_REQ_OPT */
    VSH_OT_INT,      /* same as STRING; documented as <number> */
    VSH_OT_DATA,     /* positional, or --name VALUE; documented as [--name] <string> */
    VSH_OT_ARGV,     /* every remaining word; must be the last option */
    VSH_OT_ALIAS,    /* another name of a later option: .help is "target" or
                      * "target=value" (the alias then takes no value) */
} vshCmdOptType;

typedef enum {
    VSH_OFLAG_NONE    = 0,
    VSH_OFLAG_REQ     = 1 << 0,  /* the command needs it */
    VSH_OFLAG_REQ_OPT = 1 << 1,  /* only as --name VALUE, never positional */
    VSH_OFLAG_EMPTY_OK = 1 << 2, /* an empty value is the command's to judge */
} vshCmdOptFlags;

/* What a word of an option may be completed with. */
typedef enum {
    VSH_COMPLETE_NONE = 0,
    VSH_COMPLETE_DOMAIN,            /* any domain */
    VSH_COMPLETE_DOMAIN_ACTIVE,     /* running or paused domains */
    VSH_COMPLETE_DOMAIN_INACTIVE,   /* shut off domains */
    VSH_COMPLETE_COMMAND,           /* command names and group keywords */
    VSH_COMPLETE_FILE,              /* a file name (readline's own completion) */
    VSH_COMPLETE_KEYCODE_SET,       /* the names of virKeycodeSet */
    VSH_COMPLETE_KEYCODE,           /* the names of Linux key codes */
} vshCompleteKind;

typedef struct {
    const char *name;
    vshCmdOptType type;
    unsigned int flags;         /* vshCmdOptFlags */
    const char *help;
    vshCompleteKind complete;
    const char *unless;         /* with VSH_OFLAG_REQ: an option given in its
                                 * place (send-key's --sysrq for its keycodes) */
} vshCmdOptDef;

typedef struct {
    const char *help;           /* one line, for command lists */
    const char *desc;           /* a paragraph, for "help COMMAND" */
} vshCmdInfo;

typedef enum {
    VSH_CMD_FLAG_NOCONNECT = 1 << 0,  /* runs without a connection */
    VSH_CMD_FLAG_HIDDEN    = 1 << 1,  /* left out of help listings */
    VSH_CMD_FLAG_RAW       = 1 << 2,  /* no blank line after its output */
} vshCmdFlags;

typedef bool (*vshCmdHandler)(vshControl *ctl, const vshCmd *cmd);

typedef struct {
    const char *name;
    vshCmdHandler handler;
    const vshCmdOptDef *opts;   /* ends with a NULL name; may be NULL */
    const vshCmdInfo *info;
    unsigned int flags;         /* vshCmdFlags */
} vshCmdDef;

/* A group is shown together by "help KEYWORD"; its commands may come
 * from several tables (a driver can add its own to a group). */
typedef struct {
    const char *name;           /* "Domain Management" */
    const char *keyword;        /* "domain", for "help domain" */
    const char *alias;          /* another keyword, or NULL */
    const vshCmdDef *const *tables;  /* NULL-terminated; each ends with a NULL name */
} vshCmdGrp;

/* Visits every command of @grp: @tab and @def are the loop variables. */
# define VSH_GRP_FOREACH_CMD(grp, tab, def) \
    for (tab = (grp)->tables; *tab; tab++) \
        for (def = *tab; def->name; def++)

/* One word bound to an option of a parsed command. */
typedef struct {
    const vshCmdOptDef *def;
    char *data;                 /* NULL for a boolean option */
} vshCmdOpt;

struct _vshCmd {
    const vshCmdDef *def;
    vshCmdOpt *opts;
    size_t nopts;
    bool help;                  /* --help was given: show the command's help */
};

/* Debug levels of -d, as in virsh. */
typedef enum {
    VSH_ERR_DEBUG = 0,
    VSH_ERR_INFO,
    VSH_ERR_NOTICE,
    VSH_ERR_WARNING,
    VSH_ERR_ERROR,
} vshErrorLevel;

struct _vshControl {
    virConnectPtr conn;
    char *connname;             /* -c URI; NULL: the library's default */
    bool readonly;              /* -r */
    bool quiet;                 /* -q */
    bool timing;                /* -t */
    bool imode;                 /* interactive: reading commands from a terminal */
    bool quit;                  /* quit or exit ran: stop reading commands */
    int exitCode;               /* set by a command with a status of its own (enter); else -1 */
    bool useReadline;           /* line editing is available and in use */
    int debug;                  /* -d level; VSH_ERR_ERROR + 1 when not given */
    FILE *logfile;              /* -l */
    char *logpath;
    char escapeChar;            /* -e, for console-like commands */
    int keepaliveInterval;      /* -k; -1 when not given */
    int keepaliveCount;         /* -K; -1 when not given */
    char *lastError;            /* error of the running command, printed when it fails */
    const vshCmdGrp *groups;    /* every command table, ends with a NULL name */
};

/* ---- vsh-parse.c: from text to commands ---- */

typedef struct _vshCmdList vshCmdList;
void vshCmdListFree(vshCmdList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshCmdList, vshCmdListFree);
size_t vshCmdListLength(const vshCmdList *list);
const vshCmd *vshCmdListGet(const vshCmdList *list, size_t i);

vshCmdList *vshCommandStringParse(vshControl *ctl, const char *str);
vshCmdList *vshCommandArgvParse(vshControl *ctl, int argc, char **argv);

/* The words of @str up to its end, for completion: *partial is the word
 * being typed (NULL when the line ends with a blank).  Only the words of
 * the last command of the line are returned. */
char **vshCompletionSplit(const char *str, char **partial);

const vshCmdDef *vshCmddefSearch(const vshControl *ctl, const char *name);
const vshCmdGrp *vshCmdGrpSearch(const vshControl *ctl, const char *name);
const vshCmdOptDef *vshCmddefGetOption(const vshCmdDef *def, const char *name);
const vshCmdOptDef *vshCmddefResolveOption(const vshCmdDef *def, const char *name,
                                           const char **value);

/* ---- vsh-cmd.c: running commands, options, output ---- */

bool vshCommandRun(vshControl *ctl, const vshCmdList *list);
bool vshConnect(vshControl *ctl, const char *uri, bool readonly);
void vshDisconnect(vshControl *ctl);
void vshControlInit(vshControl *ctl);
void vshControlClear(vshControl *ctl);

bool vshCommandOptBool(const vshCmd *cmd, const char *name);
const char *vshCommandOptData(const vshCmd *cmd, const char *name);
int vshCommandOptString(vshControl *ctl, const vshCmd *cmd, const char *name,
                        const char **value);
int vshCommandOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value);
int vshCommandOptUInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                      unsigned int *value);
int vshCommandOptULongLong(vshControl *ctl, const vshCmd *cmd, const char *name,
                           unsigned long long *value);
int vshCommandOptScaledInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                           unsigned long long *value, unsigned long long scale,
                           unsigned long long max);
const vshCmdOpt *vshCommandOptArgv(const vshCmd *cmd, const vshCmdOpt *prev);

bool vshExclusiveOptions(vshControl *ctl, const vshCmd *cmd,
                         const char *name1, const char *name2);
bool vshRequireOption(vshControl *ctl, const vshCmd *cmd,
                      const char *name, const char *needs);

void vshPrint(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshPrintExtra(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshError(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshDebug(vshControl *ctl, int level, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void vshSetLastError(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshSaveLibraryError(vshControl *ctl);
void vshResetLastError(vshControl *ctl);
/* Prints the pending error, if any, and forgets it. */
void vshReportError(vshControl *ctl);
int vshLastErrorCode(void);

/* ---- vsh-help.c ---- */

bool vshCmddefHelp(vshControl *ctl, const vshCmdDef *def);
bool vshCmdGrpHelp(vshControl *ctl, const vshCmdGrp *grp);
void vshPrintCommandList(vshControl *ctl, bool forUsage);

/* ---- vsh-selftest.c ---- */

bool vshCmddefCheck(vshControl *ctl, const vshCmdDef *def, bool missingCompleters);
char *vshCmddefCheckMessage(const vshControl *ctl, const vshCmdDef *def);

/* ---- vsh-complete.c ---- */

char **vshComplete(vshControl *ctl, const char *line, bool *wantFiles);

/* ---- vsh-readline.c ---- */

bool vshReadlineInit(vshControl *ctl);
char *vshReadline(vshControl *ctl, const char *prompt);
void vshReadlineDeinit(vshControl *ctl);

#endif /* VSH_H */
