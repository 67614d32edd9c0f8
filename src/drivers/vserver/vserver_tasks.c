/*
 * vserver_tasks.c: the processes of a context, found as util-vserver's
 * vserver-stat finds them: every process of /proc, asked for its context
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_context.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

/* A process of /proc: its pid, or 0 for another entry. */
static pid_t
vserverProcPid(const char *name)
{
    guint64 pid;

    if (!g_ascii_string_to_unsigned(name, 10, 1, G_MAXINT32, &pid, NULL))
        return 0;
    return pid;
}

int
vserverContextListTasks(vserverBinding *b, uint32_t xid, GArray *pids)
{
    g_autoptr(GDir) proc = NULL;
    g_autoptr(GError) error = NULL;
    const char *name;

    if (vserverBindingGetAbi(b) != VSERVER_ABI_V2) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("VServer context %u: the 2003 design names the context of the calling process only (process.current), so the processes of a context cannot be listed"),
                       xid);
        return -1;
    }
    if (!(proc = g_dir_open("/proc", 0, &error))) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("cannot list the processes of the host: %s"),
                       error->message);
        return -1;
    }
    while ((name = g_dir_read_name(proc))) {
        pid_t pid = vserverProcPid(name);
        long ret;

        if (!pid)
            continue;
        ret = vserverBindingCallErrno(b, VSERVER_CMD_TASK_XID, 0, pid, NULL);
        if (ret == (long)xid) {
            g_array_append_val(pids, pid);
        } else if (ret == VSERVER_CALL_FAILED) {
            return -1;
        } else if (ret < 0 && ret != -ESRCH) {
            /* ESRCH: the process ended while the list was read */
            vserverBindingReportRefusal(b, VSERVER_CMD_TASK_XID, 0, pid, -ret);
            return -1;
        }
    }
    return 0;
}
