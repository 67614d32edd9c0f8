/*
 * virtsh-util.c: domain lookup, state names and other helpers of the
 * command tables
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"

void
virtshDomainFree(virtshDomain *dom)
{
    if (dom)
        virDomainFree(dom);
}

/**
 * virtshCommandOptDomainBy:
 * @ctl: the shell
 * @cmd: the command, whose "domain" option names the domain
 * @name: where to put that name, or NULL
 * @flags: virtshLookupFlags: how the name may be read
 *
 * Looks the domain up as an id, then a UUID, then a name, as virsh does,
 * so that "1", "6695eb01-..." and "test" all work.  A failed attempt is
 * not an error; only the overall failure is reported.
 *
 * Returns the domain, or NULL after reporting the error.
 */
virDomainPtr
virtshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd, const char **name,
                         unsigned int flags)
{
    const char *n = NULL;

    if (vshCommandOptString(ctl, cmd, "domain", &n) <= 0)
        return NULL;
    vshDebug(ctl, VSH_ERR_INFO, "%s: found option <domain>: %s", cmd->def->name, n);
    if (name)
        *name = n;
    return virtshLookupDomainBy(ctl, cmd, n, flags);
}

/* The domain named @n (an id, uuid or name, as @flags allow), or NULL
 * after reporting "failed to get domain". */
virDomainPtr
virtshLookupDomainBy(vshControl *ctl, const vshCmd *cmd, const char *n, unsigned int flags)
{
    virDomainPtr dom = NULL;
    long long id;

    if ((flags & VIRTSH_BYID) && vshStrToLL(n, &id) == 0 && id >= 0 && id <= G_MAXINT) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <domain> looks like ID", cmd->def->name);
        dom = virDomainLookupByID(ctl->conn, id);
    }
    if (!dom && (flags & VIRTSH_BYUUID) && strlen(n) == VIR_UUID_STRING_BUFLEN - 1) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <domain> trying as domain UUID", cmd->def->name);
        dom = virDomainLookupByUUIDString(ctl->conn, n);
    }
    if (!dom && (flags & VIRTSH_BYNAME)) {
        vshDebug(ctl, VSH_ERR_DEBUG, "%s: <domain> trying as domain NAME", cmd->def->name);
        dom = virDomainLookupByName(ctl->conn, n);
    }
    vshResetLastError(ctl);
    if (!dom)
        vshError(ctl, "failed to get domain '%s'", n);
    return dom;
}

virDomainPtr
virtshCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    return virtshCommandOptDomainBy(ctl, cmd, name, VIRTSH_BYANY);
}

static const char *const virtshStateNames[] = {
    "no state", "running", "idle", "paused", "in shutdown", "shut off",
    "crashed", "pmsuspended",
};

const char *
virtshDomainStateToString(int state)
{
    if (state < 0 || state >= (int)G_N_ELEMENTS(virtshStateNames))
        return "no state";
    return virtshStateNames[state];
}

static const char *const virtshRunningReasons[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "event wakeup", "crashed",
    "post-copy", "post-copy failed", NULL,
};
static const char *const virtshPausedReasons[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
    "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
    "post-copy", "post-copy failed", "api error", NULL,
};
static const char *const virtshShutdownReasons[] = { "unknown", "user", NULL };
static const char *const virtshShutoffReasons[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
    "from snapshot", "daemon", NULL,
};
static const char *const virtshCrashedReasons[] = { "unknown", "panicked", NULL };
static const char *const virtshUnknownReasons[] = { "unknown", NULL };

const char *
virtshDomainStateReasonToString(int state, int reason)
{
    const char *const *names = virtshUnknownReasons;
    int i;

    switch (state) {
    case VIR_DOMAIN_RUNNING:
        names = virtshRunningReasons;
        break;
    case VIR_DOMAIN_PAUSED:
        names = virtshPausedReasons;
        break;
    case VIR_DOMAIN_SHUTDOWN:
        names = virtshShutdownReasons;
        break;
    case VIR_DOMAIN_SHUTOFF:
        names = virtshShutoffReasons;
        break;
    case VIR_DOMAIN_CRASHED:
        names = virtshCrashedReasons;
        break;
    }
    for (i = 0; names[i]; i++) {
        if (i == reason)
            return names[i];
    }
    return "unknown";
}

const char *
virtshDomainVcpuStateToString(int state)
{
    switch (state) {
    case VIR_VCPU_OFFLINE:
        return "offline";
    case VIR_VCPU_BLOCKED:
        return "idle";
    case VIR_VCPU_RUNNING:
        return "running";
    }
    return "no state";
}

/* The state of @dom (and its reason), falling back to virDomainGetInfo
 * for a driver without virDomainGetState.  -1 on error. */
int
virtshDomainState(vshControl *ctl, virDomainPtr dom, int *reason)
{
    virDomainInfo info;
    int state;

    if (reason)
        *reason = -1;
    if (virDomainGetState(dom, &state, reason, 0) == 0)
        return state;
    if (virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return -1;
    vshResetLastError(ctl);
    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    return info.state;
}

/* The number of host CPUs, the width of every cpumap. */
int
virtshNodeGetCPUCount(virConnectPtr conn)
{
    virNodeInfo nodeinfo;
    int ret;

    if ((ret = virNodeGetCPUMap(conn, NULL, NULL, 0)) >= 0)
        return ret;
    if (virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
        return -1;
    if (virNodeGetInfo(conn, &nodeinfo) < 0)
        return -1;
    return VIR_NODEINFO_MAXCPUS(nodeinfo);
}

bool
virtshImpactFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    if (!vshExclusiveOptions(ctl, cmd, "current", "live") ||
        !vshExclusiveOptions(ctl, cmd, "current", "config"))
        return false;
    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (vshCommandOptBool(cmd, "config"))
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (vshCommandOptBool(cmd, "live"))
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    return true;
}

/* XML files larger than this are a mistake, as in virsh. */
#define VIRTSH_MAX_FILE (10 * 1024 * 1024)

char *
virtshReadFile(vshControl *ctl, const char *path)
{
    g_autoptr(GString) contents = g_string_new(NULL);
    char buf[8192];
    size_t n;
    FILE *fp;
    int err;

    if (!(fp = fopen(path, "re"))) {
        vshSetLastError(ctl, "Failed to open file '%s': %s", path, g_strerror(errno));
        return NULL;
    }
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 && contents->len <= VIRTSH_MAX_FILE)
        g_string_append_len(contents, buf, n);
    err = ferror(fp) ? errno : 0;
    fclose(fp);
    if (err) {
        vshSetLastError(ctl, "Failed to read file '%s': %s", path, g_strerror(err));
        return NULL;
    }
    if (contents->len > VIRTSH_MAX_FILE) {
        vshSetLastError(ctl, "File '%s' is larger than %d bytes", path, VIRTSH_MAX_FILE);
        return NULL;
    }
    return g_string_free(g_steal_pointer(&contents), FALSE);
}

/* ---- the title and description of a domain ---- */

char *
virtshDomainGetDescription(vshControl *ctl, virDomainPtr dom, bool title, unsigned int flags)
{
    char *desc = virDomainGetMetadata(dom, title ? VIR_DOMAIN_METADATA_TITLE
                                                 : VIR_DOMAIN_METADATA_DESCRIPTION,
                                      NULL, flags);

    if (!desc && vshLastErrorCode() == VIR_ERR_NO_DOMAIN_METADATA) {
        vshResetLastError(ctl);
        desc = g_strdup("");
    }
    return desc;
}
