/*
 * lve_liblve.c: LVEs through CloudLinux's liblve (API 1.3), loaded at run
 * time with dlopen("liblve.so.0")
 *
 * liblve sets limits, destroys, enters and leaves; it neither lists an
 * LVE's tasks nor reports usage.  Those come from the cgroups kmod-lve keeps
 * each LVE in (lve<id> in every v1 hierarchy, read only here; the URI's
 * cgroup_parent= says where when it is not the root).  liblve 1.3 cannot
 * freeze an LVE or choose its CPUs, so suspend and pinning are refused.
 */
#include "internal.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include "lve_cgroup_stats.h"
#include "lve_liblve_priv.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* The documented symbols; lve_exit was lve_leave before API 1.3, and
 * lve_is_available is an inline in some headers. */
static int
lveLiblveResolve(void *handle, liblveFunctions *fn)
{
    static const struct { const char *name; size_t offset; bool required; } syms[] = {
        { "init_lve", G_STRUCT_OFFSET(liblveFunctions, init), true },
        { "destroy_lve", G_STRUCT_OFFSET(liblveFunctions, fini), true },
        { "lve_setup", G_STRUCT_OFFSET(liblveFunctions, setup), true },
        { "lve_destroy", G_STRUCT_OFFSET(liblveFunctions, destroy), true },
        { "lve_info", G_STRUCT_OFFSET(liblveFunctions, info), true },
        { "lve_set_default", G_STRUCT_OFFSET(liblveFunctions, setDefault), true },
        { "lve_enter_flags", G_STRUCT_OFFSET(liblveFunctions, enter), true },
        { "lve_setup_enter", G_STRUCT_OFFSET(liblveFunctions, setupEnter), true },
        { "lve_exit", G_STRUCT_OFFSET(liblveFunctions, exit), false },
        { "lve_leave", G_STRUCT_OFFSET(liblveFunctions, exit), false },
        { "lve_is_available", G_STRUCT_OFFSET(liblveFunctions, isAvailable), false },
        { "lve_kapi_ver", G_STRUCT_OFFSET(liblveFunctions, kapiVersion), false },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(syms); i++) {
        void **slot = G_STRUCT_MEMBER_P(fn, syms[i].offset);
        void *sym;

        if (*slot)
            continue;
        if ((sym = dlsym(handle, syms[i].name)))
            *slot = sym;
        else if (syms[i].required)
            break;
    }
    if (i == G_N_ELEMENTS(syms) && fn->exit)
        return 0;
    virReportError(VIR_ERR_NO_SUPPORT,
                   _("%s does not export '%s': it is not liblve API 1.3 or later"),
                   LIBLVE_SONAME, i < G_N_ELEMENTS(syms) ? syms[i].name : "lve_exit");
    return -1;
}

/* init_lve() checks that library and kernel speak the same API. */
static int
lveLiblveInit(lveLiblve *l)
{
    int err;

    errno = 0;
    if ((l->lve = l->fn.init(malloc, free)))
        return 0;
    err = errno;
    if (err == EINVAL || err == ENOSYS)
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("the LVE kernel module and liblve do not match (init_lve: %s): update kmod-lve and liblve together"),
                       g_strerror(err));
    else
        virReportError(VIR_ERR_NO_SUPPORT, _("liblve cannot reach the LVE kernel module (init_lve: %s)"),
                       err ? g_strerror(err) : _("no reason given"));
    return -1;
}

static void *
lveLiblveLoad(bool *absent)
{
    void *handle = dlopen(LIBLVE_SONAME, RTLD_NOW | RTLD_LOCAL);

    if (!handle) {
        *absent = true;
        virReportError(VIR_ERR_NO_SUPPORT, _("cannot load %s (CloudLinux liblve): %s"),
                       LIBLVE_SONAME, dlerror());
    }
    return handle;
}

lveBackend *
lveLiblveOpen(const lveBackendConfig *config, bool *absent)
{
    g_autofree lveLiblve *l = g_new0(lveLiblve, 1);
    lveBackend *be;

    *absent = false;
    if (!(l->handle = lveLiblveLoad(absent)))
        return NULL;
    if (lveLiblveResolve(l->handle, &l->fn) < 0 || lveLiblveInit(l) < 0) {
        dlclose(l->handle);
        return NULL;
    }
    virMutexInit(&l->lock);
    l->hostcpus = MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    /* the kernel's groups: lve<id> at the root of each hierarchy unless
     * cgroup_parent= says otherwise; without them there is no usage */
    if (!(l->view = lveCgroupTreeNew(config->cgroupParent ? config->cgroupParent : "/",
                                     config->cgroupMode)))
        virResetLastError();
    be = g_new0(lveBackend, 1);
    be->ops = &lveLiblveOps;
    be->priv = g_steal_pointer(&l);
    be->scope = g_strdup("liblve");
    return be;
}

/* The host probe: lve_is_available() where liblve exports it, else a
 * library that initializes. */
bool
lveLiblveAvailable(void)
{
    liblveFunctions fn = { 0 };
    bool absent, ok = false;
    void *handle;

    /* the kernel module first: no need to load a library without it */
    if (!g_file_test("/proc/lve/list", G_FILE_TEST_EXISTS))
        return false;
    if ((handle = lveLiblveLoad(&absent)) && lveLiblveResolve(handle, &fn) == 0) {
        liblve *lve;

        if (fn.isAvailable) {
            ok = fn.isAvailable() == 1;
        } else if ((lve = fn.init(malloc, free))) {
            fn.fini(lve);
            ok = true;
        }
    }
    if (handle)
        dlclose(handle);
    virResetLastError();
    return ok;
}
