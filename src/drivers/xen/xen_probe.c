/*
 * xen_probe.c: is this host a Xen dom0 the binding can drive?
 *
 * What Linux shows on each kind of host: a dom0 has xenfs mounted with
 * "control_d" in /proc/xen/capabilities and /dev/xen/privcmd; a domU has
 * /sys/hypervisor/type "xen" and, with xenfs, capabilities without
 * control_d; a host on bare metal or another hypervisor has neither (or
 * another name in /sys/hypervisor/type).
 */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "virerror.h"
#include "xen_probe.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static char *
xenProbeRead(const char *root, const char *path)
{
    g_autofree char *full = g_build_filename(root, path, NULL);
    char *content = NULL;

    if (!g_file_get_contents(full, &content, NULL, NULL))
        return NULL;
    return g_strstrip(content);
}

/* No privcmd device: say whether this is Xen at all. */
static void
xenProbeReportNoPrivcmd(const char *root)
{
    g_autofree char *type = xenProbeRead(root, "sys/hypervisor/type");

    if (!type || STRNEQ(type, "xen")) {
        virReportError(VIR_ERR_NO_CONNECT,
                       _("this host is not a Xen dom0: it does not run on Xen (%s%s%s)"),
                       type ? "/sys/hypervisor/type says '" : "no /sys/hypervisor/type",
                       type ? type : "", type ? "'" : "");
        return;
    }
    virReportError(VIR_ERR_NO_CONNECT, "%s",
                   _("this host is not a Xen dom0: it runs on Xen, but /dev/xen/privcmd does not exist (load the xen-privcmd module)"));
}

int
xenProbeDom0(const char *root)
{
    g_autofree char *caps = xenProbeRead(root, "proc/xen/capabilities");
    g_autofree char *privcmd = g_build_filename(root, "dev/xen/privcmd", NULL);
    int fd;

    if (caps && !strstr(caps, "control_d")) {
        virReportError(VIR_ERR_NO_CONNECT, "%s",
                       _("this host is not a Xen dom0 but a Xen guest (domU): /proc/xen/capabilities has no 'control_d'"));
        return -1;
    }
    if ((fd = open(privcmd, O_RDWR | O_CLOEXEC)) < 0) {
        if (errno == ENOENT) {
            xenProbeReportNoPrivcmd(root);
        } else if (errno == EACCES || errno == EPERM) {
            virReportError(VIR_ERR_ACCESS_DENIED, "%s",
                           _("cannot open /dev/xen/privcmd: permission denied (managing Xen needs root in dom0)"));
        } else {
            virReportSystemError(errno, "%s", _("cannot open /dev/xen/privcmd"));
        }
        return -1;
    }
    close(fd);
    return 0;
}

int
xenProbeToolsMatch(unsigned int major, unsigned int minor)
{
    g_autofree char *running = g_strdup_printf("%u.%u", major, minor);
    const char *tools = XEN_TOOLS_VERSION;

    if (!g_str_has_prefix(tools, running) ||
        (tools[strlen(running)] != '.' && tools[strlen(running)] != '\0')) {
        virReportError(VIR_ERR_NO_CONNECT,
                       _("the running hypervisor is Xen %s, but virtkit was built with the tools of Xen %s: they must be the same release"),
                       running, tools);
        return -1;
    }
    return 0;
}
