/*
 * lve_backend.c: choosing the backend that asks the kernel
 */
#include "internal.h"

#include "lve_backend.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LVE

lveBackend *
lveBackendOpen(const char *name, const lveBackendConfig *config)
{
    lveBackend *be;
    bool absent = false;

    if (name && STRNEQ(name, "liblve") && STRNEQ(name, "cgroup")) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown LVE backend '%s': use liblve or cgroup"),
                       name);
        return NULL;
    }
    if (!name || STREQ(name, "liblve")) {
        if ((be = lveLiblveOpen(config, &absent)))
            return be;
        /* asked for, or installed but broken: the error says why; only a
         * host without liblve quietly gets cgroups */
        if (name || !absent)
            return NULL;
        VIR_DEBUG("no liblve: using cgroups (%s)", virGetLastErrorMessage());
        virResetLastError();
    }
    return lveCgroupOpen(config);
}

void
lveBackendFree(lveBackend *be)
{
    if (!be)
        return;
    be->ops->close(be);
    g_free(be->scope);
    g_free(be);
}
