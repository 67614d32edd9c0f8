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

#include "lve_backend.h"
#include "lve_cgroup_stats.h"
#include "lve_error.h"
#include "virerror.h"
#include "virlog.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define LIBLVE_SONAME "liblve.so.0"

/* liblve's ABI (lve-type.h of API 1.3): the settings are nine int32. */
typedef struct {
    int32_t ls_cpu;         /* % of ls_cpus CPUs */
    int32_t ls_cpus;
    int32_t ls_io;          /* KB/s */
    int32_t ls_enters;
    int32_t ls_memory;      /* 4 KiB pages */
    int32_t ls_cpu_weight;
    int32_t ls_memory_phy;  /* 4 KiB pages */
    int32_t ls_nproc;
    int32_t ls_iops;
} liblveSettings;

typedef struct {
    liblveSettings li_set;
    int li_flags;
} liblveInfo;

/* enum liblve_enter_flags: NAMESPACE is opt-out in liblve */
enum {
    LIBLVE_NO_UBC = 1 << 0,
    LIBLVE_NO_NAMESPACE = 1 << 1,
    LIBLVE_NO_MAXENTER = 1 << 2,
};

typedef struct liblve liblve;

typedef struct {
    liblve *(*init)(void *(*alloc)(size_t), void (*release)(void *));
    int (*fini)(liblve *lve);
    int (*setup)(liblve *lve, uint32_t id, liblveSettings *set);
    int (*destroy)(liblve *lve, uint32_t id);
    int (*info)(liblve *lve, uint32_t id, liblveInfo *info);
    int (*setDefault)(liblve *lve, liblveSettings *set);
    int (*enter)(liblve *lve, uint32_t id, uint32_t *cookie, int flags);
    int (*exit)(liblve *lve, uint32_t *cookie);
    int (*setupEnter)(liblve *lve, uint32_t id, liblveSettings *set, uint32_t *cookie, int flags);
    int (*isAvailable)(void);           /* optional */
    uint32_t (*kapiVersion)(liblve *lve);  /* optional */
} liblveFunctions;

typedef struct {
    void *handle;
    liblve *lve;
    liblveFunctions fn;
    GMutex lock;                /* liblve is not documented as thread-safe */
    lveCgroupTree *view;        /* the kernel's groups, or NULL */
    long hostcpus;
} lveLiblve;

static lveLiblve *
lveLiblveOf(lveBackend *be)
{
    return be->priv;
}

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

/* ---- limits in liblve's units -------------------------------------- */

static int32_t
lvePages(unsigned long long kib)
{
    return (int32_t)((kib + 3) / 4);
}

/* lve_setup takes CPU as a percentage of ls_cpus CPUs: speed 150% on 2 CPUs
 * is 75; the kernel rounds to whole percent of those CPUs. */
static void
lveLiblveToSettings(const lveLimits *lim, long hostcpus, liblveSettings *set)
{
    unsigned long long ncpu = lim->value[LVE_LIMIT_NCPU] ? lim->value[LVE_LIMIT_NCPU] : (unsigned long long)hostcpus;
    unsigned long long speed = lim->value[LVE_LIMIT_SPEED];

    memset(set, 0, sizeof(*set));
    set->ls_cpus = ncpu;
    set->ls_cpu = speed ? MIN(100, (speed + ncpu - 1) / ncpu) : 100;
    set->ls_cpu_weight = 100;
    set->ls_io = lim->value[LVE_LIMIT_IO];
    set->ls_iops = lim->value[LVE_LIMIT_IOPS];
    set->ls_enters = lim->value[LVE_LIMIT_EP];
    set->ls_nproc = lim->value[LVE_LIMIT_NPROC];
    set->ls_memory = lvePages(lim->value[LVE_LIMIT_VMEM]);
    set->ls_memory_phy = lvePages(lim->value[LVE_LIMIT_PMEM]);
}

/* lve_info reports CPU as a percentage of all online CPUs. */
static void
lveLiblveFromSettings(const liblveSettings *set, long hostcpus, lveLimits *lim)
{
    lim->value[LVE_LIMIT_SPEED] = (unsigned long long)MAX(set->ls_cpu, 0) * hostcpus;
    lim->value[LVE_LIMIT_NCPU] = MAX(set->ls_cpus, 0);
    lim->value[LVE_LIMIT_IO] = MAX(set->ls_io, 0);
    lim->value[LVE_LIMIT_IOPS] = MAX(set->ls_iops, 0);
    lim->value[LVE_LIMIT_EP] = MAX(set->ls_enters, 0);
    lim->value[LVE_LIMIT_NPROC] = MAX(set->ls_nproc, 0);
    lim->value[LVE_LIMIT_VMEM] = (unsigned long long)MAX(set->ls_memory, 0) * 4;
    lim->value[LVE_LIMIT_PMEM] = (unsigned long long)MAX(set->ls_memory_phy, 0) * 4;
    lim->set = LVE_LIMITS_ALL;
}

/* ---- the operations ------------------------------------------------ */

static int
lveLiblveSetLimits(lveBackend *be, unsigned int id, const lveLimits *lim,
                   const virBitmap *cpus, unsigned int mask G_GNUC_UNUSED)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveSettings set;
    int rc;

    if (cpus) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: liblve cannot choose the CPUs an LVE runs on (NCPU is only a count); remove the vcpu pinning"),
                       id);
        return -1;
    }
    lveLiblveToSettings(lim, l->hostcpus, &set);
    g_mutex_lock(&l->lock);
    rc = l->fn.setup(l->lve, id, &set);
    g_mutex_unlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_SETUP, id, -rc, lim);
        return -1;
    }
    return 0;
}

/* lve_setup creates an LVE that does not exist */
static int
lveLiblveCreate(lveBackend *be, unsigned int id, const lveLimits *lim, const virBitmap *cpus)
{
    return lveLiblveSetLimits(be, id, lim, cpus, LVE_LIMITS_ALL);
}

static int
lveLiblveExists(lveBackend *be, unsigned int id)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveInfo info;
    int rc;

    g_mutex_lock(&l->lock);
    rc = l->fn.info(l->lve, id, &info);
    g_mutex_unlock(&l->lock);
    if (rc == 0 || rc == -ESRCH)
        return rc == 0;
    lveReportKernelError(LVE_OP_INFO, id, -rc, NULL);
    return -1;
}

static bool
lveLiblveViewHas(lveLiblve *l, unsigned int id)
{
    g_autofree char *dir = NULL;

    if (!l->view || !lveCgroupHas(l->view, LVE_CG_CPUACCT))
        return false;
    dir = lveCgroupPath(l->view, LVE_CG_CPUACCT, id, NULL);
    return g_file_test(dir, G_FILE_TEST_IS_DIR);
}

/* lve_destroy kills the tasks; the LVE is gone once its groups are. */
static int
lveLiblveDestroy(lveBackend *be, unsigned int id)
{
    lveLiblve *l = lveLiblveOf(be);
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    int rc;

    g_mutex_lock(&l->lock);
    rc = l->fn.destroy(l->lve, id);
    g_mutex_unlock(&l->lock);
    if (rc < 0 && rc != -ESRCH) {
        lveReportKernelError(LVE_OP_DESTROY, id, -rc, NULL);
        return -1;
    }
    while (lveLiblveViewHas(l, id)) {
        if (g_get_monotonic_time() > deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("LVE %u: lve_destroy returned, but its cgroups are still there after 10 seconds"),
                           id);
            return -1;
        }
        g_usleep(5000);
    }
    return 0;
}

static int
lveLiblveListTasks(lveBackend *be, unsigned int id, GArray *pids)
{
    lveLiblve *l = lveLiblveOf(be);

    if (!lveLiblveViewHas(l, id)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: liblve cannot list its tasks, and its kernel cgroups were not found"),
                       id);
        return -1;
    }
    return lveCgroupReadTasks(l->view, id, pids);
}

/* Usage where the kernel's groups are found; liblve itself has none. */
static int
lveLiblveUsage(lveBackend *be, unsigned int id, lveUsage *usage)
{
    lveLiblve *l = lveLiblveOf(be);

    memset(usage, 0, sizeof(*usage));
    if (!lveLiblveViewHas(l, id)) {
        VIR_DEBUG("LVE %u: no kernel cgroups found, so no usage", id);
        return 0;
    }
    return lveCgroupReadUsage(l->view, id, usage);
}

static int
lveLiblveCpuUsage(lveBackend *be, unsigned int id, guint64 *percpu, size_t ncpus)
{
    lveLiblve *l = lveLiblveOf(be);

    if (!lveLiblveViewHas(l, id))
        return -1;
    return lveCgroupReadPerCpu(l->view, id, percpu, ncpus);
}

static int
lveLiblveEnter(lveBackend *be, unsigned int id, const lveLimits *lim, unsigned int flags,
               unsigned int *cookie)
{
    lveLiblve *l = lveLiblveOf(be);
    uint32_t c = 0;
    int lflags = 0, rc;

    if (flags & VIR_DOMAIN_ENTER_NO_UBC)
        lflags |= LIBLVE_NO_UBC;
    if (!(flags & VIR_DOMAIN_ENTER_NAMESPACE))
        lflags |= LIBLVE_NO_NAMESPACE;
    if (flags & VIR_DOMAIN_ENTER_NO_MAXENTER)
        lflags |= LIBLVE_NO_MAXENTER;
    g_mutex_lock(&l->lock);
    rc = l->fn.enter(l->lve, id, &c, lflags);
    g_mutex_unlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_ENTER, id, -rc, lim);
        return -1;
    }
    /* one way: the cookie is dropped, so nothing can lead back out */
    *cookie = (flags & VIR_DOMAIN_ENTER_ONE_WAY) ? 0 : c;
    return 0;
}

static int
lveLiblveLeave(lveBackend *be, unsigned int id, unsigned int cookie)
{
    lveLiblve *l = lveLiblveOf(be);
    uint32_t c = cookie;
    int rc;

    if (cookie == 0) {
        lveReportKernelError(LVE_OP_LEAVE, id, EINVAL, NULL);
        return -1;
    }
    g_mutex_lock(&l->lock);
    rc = l->fn.exit(l->lve, &c);
    g_mutex_unlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_LEAVE, id, -rc, NULL);
        return -1;
    }
    return 0;
}

static int
lveLiblveSetDefaults(lveBackend *be, const lveLimits *lim)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveSettings set;
    int rc;

    lveLiblveToSettings(lim, l->hostcpus, &set);
    g_mutex_lock(&l->lock);
    rc = l->fn.setDefault(l->lve, &set);
    g_mutex_unlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_DEFAULTS, 0, -rc, lim);
        return -1;
    }
    return 0;
}

/* The kernel keeps the defaults as LVE 0. */
static int
lveLiblveGetDefaults(lveBackend *be, lveLimits *lim)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveInfo info;
    int rc;

    g_mutex_lock(&l->lock);
    rc = l->fn.info(l->lve, 0, &info);
    g_mutex_unlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_INFO, 0, -rc, NULL);
        return -1;
    }
    lveLiblveFromSettings(&info.li_set, l->hostcpus, lim);
    return 0;
}

static void
lveLiblveFormatCaps(lveBackend *be, GString *buf)
{
    lveLiblve *l = lveLiblveOf(be);

    g_string_append_printf(buf, "    <lve:backend xmlns:lve='%s' name='liblve' library='%s'",
                           LVE_NS_URI, LIBLVE_SONAME);
    if (l->fn.kapiVersion) {
        uint32_t v = l->fn.kapiVersion(l->lve);

        g_string_append_printf(buf, " kernel_api='%u.%u'", v >> 16, v & 0xffff);
    }
    if (l->view)
        virXMLAddAttr(buf, "cgroups", l->view->parentSpec);
    g_string_append(buf, "/>\n");
}

static void
lveLiblveClose(lveBackend *be)
{
    lveLiblve *l = lveLiblveOf(be);

    if (l->lve)
        l->fn.fini(l->lve);
    /* the library stays loaded: a process that entered an LVE may still
     * hold state inside it */
    lveCgroupTreeFree(l->view);
    g_mutex_clear(&l->lock);
    g_free(l);
}

static const lveOps lveLiblveOps = {
    .name = "liblve",
    .cpuPlacement = false,
    .close = lveLiblveClose,
    .formatCaps = lveLiblveFormatCaps,
    .create = lveLiblveCreate,
    .setLimits = lveLiblveSetLimits,
    .destroy = lveLiblveDestroy,
    .exists = lveLiblveExists,
    .freeze = NULL,
    .listTasks = lveLiblveListTasks,
    .usage = lveLiblveUsage,
    .cpuUsage = lveLiblveCpuUsage,
    .enter = lveLiblveEnter,
    .leave = lveLiblveLeave,
    .setDefaults = lveLiblveSetDefaults,
    .getDefaults = lveLiblveGetDefaults,
};

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
    g_mutex_init(&l->lock);
    l->hostcpus = MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    /* the kernel's groups: lve<id> at the root of each hierarchy unless
     * cgroup_parent= says otherwise; without them there is no usage */
    if (!(l->view = lveCgroupTreeNew(config->cgroupParent ? config->cgroupParent : "/",
                                     config->cgroupMode)))
        virResetLastError();
    be = g_new0(lveBackend, 1);
    be->ops = &lveLiblveOps;
    be->priv = g_steal_pointer(&l);
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
