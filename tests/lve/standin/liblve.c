/*
 * liblve.c: the stand-in liblve.so.0: liblve API 1.3 (lve-ctl.h) over the
 * simulated kernel of standin-kernel.c
 *
 * Kernel state that must be shared by every process (limits, entries) is
 * kept in files under $LVE_STANDIN_STATE, changed under one flock():
 *   defaults, lve<id>.limits   nine numbers: a struct liblve_settings
 *   lve<id>.enters             "pid start cookie flags" per process inside
 * Results follow the documentation and kmod-lve: -EPERM to enter from an
 * LVE, -E2BIG at the entry limit, -ESRCH for what is not there, -EINVAL
 * for id 0 or a foreign cookie, -EFAULT for a NULL pointer, -ERANGE for
 * limits out of range.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <unistd.h>

#include <glib.h>

#include "standin.h"

#define STANDIN_API(major, minor) (((major) << 16) | (minor))

#define EXPORT __attribute__((visibility("default")))

/* cookie -> where the process that entered goes back to */
static GHashTable *standinOrigins;

static uint32_t
standinKernelApi(void)
{
    const char *v = g_getenv("LVE_STANDIN_KERNEL_API");
    unsigned int major = 1, minor = 4;

    if (v && strcmp(v, "none") == 0)
        return 0;
    if (v && sscanf(v, "%u.%u", &major, &minor) != 2)
        return STANDIN_API(0, 0);
    return STANDIN_API(major, minor);
}

/* LVE_STANDIN_FAIL=function:errno makes @function fail with -errno, for
 * the refusals a test cannot provoke on this host. */
static int
standinInjected(const char *function)
{
    const char *fail = g_getenv("LVE_STANDIN_FAIL");
    size_t len = strlen(function);

    if (!fail || strncmp(fail, function, len) != 0 || fail[len] != ':')
        return 0;
    return -(int)g_ascii_strtoll(fail + len + 1, NULL, 10);
}

/* ---- the API --------------------------------------------------------- */

EXPORT struct liblve *
init_lve(liblve_alloc alloc, liblve_free release)
{
    uint32_t api = standinKernelApi();
    const char *state = g_getenv("LVE_STANDIN_STATE");
    struct liblve *lve;
    int rc;

    if (api == 0) {
        errno = ENOSYS;     /* no LVE in this kernel */
        return NULL;
    }
    if ((api >> 16) != 1 || (api & 0xffff) < 3 || !alloc) {
        errno = EINVAL;     /* library and kernel do not match */
        return NULL;
    }
    if (!state || !g_file_test(state, G_FILE_TEST_IS_DIR)) {
        errno = ENOENT;     /* as with no /dev/lve */
        return NULL;
    }
    if (!(lve = alloc(sizeof(*lve)))) {
        errno = ENOMEM;
        return NULL;
    }
    memset(lve, 0, sizeof(*lve));
    lve->alloc = alloc;
    lve->release = release;
    g_strlcpy(lve->state, state, sizeof(lve->state));
    if ((rc = standinInit(lve)) < 0) {
        standinFini(lve);
        if (release)
            release(lve);
        errno = -rc;
        return NULL;
    }
    return lve;
}

EXPORT int
destroy_lve(struct liblve *lve)
{
    if (!lve) {
        errno = EFAULT;
        return -EFAULT;
    }
    standinFini(lve);
    if (lve->release)
        lve->release(lve);
    return 0;
}

EXPORT int
lve_is_available(void)
{
    struct liblve *lve = init_lve(g_malloc, g_free);

    if (!lve)
        return 0;
    destroy_lve(lve);
    return 1;
}

EXPORT uint32_t
lve_kapi_ver(struct liblve *lve)
{
    (void)lve;
    return standinKernelApi();
}

EXPORT uint32_t
lve_get_api_version(void)
{
    return STANDIN_API(1, 3);
}

static int
standinSetupLocked(struct liblve *lve, uint32_t id, const struct liblve_settings *set)
{
    int rc;

    if ((rc = standinCheck(set)) < 0)
        return rc;
    /* LVE 0 is the host: setting it up sets the defaults */
    if (id == 0)
        return standinWriteSettings(lve, 0, set);
    if ((rc = standinCreate(lve, id)) < 0 || (rc = standinApply(lve, id, set)) < 0)
        return rc;
    return standinWriteSettings(lve, id, set);
}

EXPORT int
lve_setup(struct liblve *lve, uint32_t id, struct liblve_settings *set)
{
    int fd, rc;

    if (!lve || !set)
        return -EFAULT;
    if ((rc = standinInjected("lve_setup")) < 0)
        return rc;
    if ((fd = standinLock(lve)) < 0)
        return -EBUSY;
    rc = standinSetupLocked(lve, id, set);
    close(fd);
    return rc;
}

EXPORT int
lve_set_default(struct liblve *lve, struct liblve_settings *set)
{
    return lve_setup(lve, 0, set);
}

EXPORT int
lve_create(struct liblve *lve, uint32_t id)
{
    struct liblve_settings set;

    if (!lve)
        return -EFAULT;
    standinDefaults(lve, &set);
    return lve_setup(lve, id, &set);
}

EXPORT int
lve_destroy(struct liblve *lve, uint32_t id)
{
    g_autofree char *limits = NULL, *enters = NULL;
    int fd, rc = 0;

    if (!lve)
        return -EFAULT;
    if (id == 0)
        return -EINVAL;
    if ((fd = standinLock(lve)) < 0)
        return -EBUSY;
    if (!standinExists(lve, id)) {
        rc = -ESRCH;
    } else if ((rc = standinKill(lve, id)) == 0) {
        limits = standinStatePath(lve, id, "limits");
        enters = standinStatePath(lve, id, "enters");
        unlink(limits);
        unlink(enters);
    }
    close(fd);
    return rc;
}

/* kmod-lve reports CPU as a percentage of all online CPUs */
EXPORT int
lve_info(struct liblve *lve, uint32_t id, struct liblve_info *info)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    long long rate;
    int fd;
    bool found;

    if (!lve || !info)
        return -EFAULT;
    if ((fd = standinLock(lve)) < 0)
        return -EBUSY;
    memset(info, 0, sizeof(*info));
    if (id == 0) {
        standinDefaults(lve, &info->li_set);
        found = true;
    } else {
        found = standinExists(lve, id) && standinReadSettings(lve, id, &info->li_set);
    }
    close(fd);
    if (!found)
        return -ESRCH;
    rate = 100LL * info->li_set.ls_cpus * info->li_set.ls_cpu;
    info->li_set.ls_cpu = (rate + 100 * online - 1) / (100 * online);
    return 0;
}

/* ---- entering and leaving ------------------------------------------- */

typedef struct {
    uint32_t id;
    char **place;
} standinOrigin;

static void
standinOriginFree(void *data)
{
    standinOrigin *o = data;

    standinPlaceFree(o->place);
    g_free(o);
}

/* The LVE the caller is in (its freezer group is an lve<id>), or 0. */
static uint32_t
standinCurrentLVE(struct liblve *lve, char **place)
{
    g_autofree char *up = NULL, *base = NULL;
    unsigned int id;

    if (!place[SI_FREEZER])
        return 0;
    up = g_path_get_dirname(place[SI_FREEZER]);
    base = g_path_get_basename(place[SI_FREEZER]);
    if (strcmp(up, lve->parent[SI_FREEZER]) != 0 || sscanf(base, "lve%u", &id) != 1)
        return 0;
    return id;
}

static uint32_t
standinNewCookie(void)
{
    uint32_t cookie = 0;

    while (!cookie) {
        if (getrandom(&cookie, sizeof(cookie), 0) != sizeof(cookie))
            cookie = g_random_int();
    }
    return cookie;
}

/* With the state locked: checks the entry limit, moves, records. */
static int
standinEnterLocked(struct liblve *lve, uint32_t id, char **place, uint32_t *cookie,
                   unsigned int flags)
{
    struct liblve_settings set;
    g_autoptr(GArray) entries = NULL;
    standinEntry e = { .pid = getpid(), .flags = flags };
    guint i, counted = 0;
    int rc;

    /* entering an LVE nobody set up creates it with the defaults */
    if (!standinExists(lve, id)) {
        standinDefaults(lve, &set);
        if ((rc = standinSetupLocked(lve, id, &set)) < 0)
            return rc;
    }
    if (!standinReadSettings(lve, id, &set))
        standinDefaults(lve, &set);
    entries = standinReadEntries(lve, id);
    for (i = 0; i < entries->len; i++)
        counted += !(g_array_index(entries, standinEntry, i).flags & LVE_NO_MAXENTER);
    if (!(flags & LVE_NO_MAXENTER) && set.ls_enters && counted >= (guint)set.ls_enters)
        return -E2BIG;
    if ((rc = standinMove(NULL, lve, id, flags & LVE_NO_UBC)) < 0) {
        standinMove(place, lve, id, false);
        return rc;
    }
    e.start = standinStart(e.pid);
    e.cookie = *cookie = standinNewCookie();
    g_array_append_val(entries, e);
    return standinWriteEntries(lve, id, entries);
}

EXPORT int
lve_enter_flags(struct liblve *lve, uint32_t id, uint32_t *cookie,
                enum liblve_enter_flags flags)
{
    char **place;
    standinOrigin *origin;
    int fd, rc;

    if (!lve || !cookie)
        return -EFAULT;
    if (id == 0)
        return -EINVAL;
    if ((rc = standinInjected("lve_enter_flags")) < 0)
        return rc;
    place = standinPlaceOfSelf();
    if (standinCurrentLVE(lve, place)) {
        standinPlaceFree(place);
        return -EPERM;      /* no entering from inside an LVE */
    }
    if ((fd = standinLock(lve)) < 0) {
        standinPlaceFree(place);
        return -EBUSY;
    }
    rc = standinEnterLocked(lve, id, place, cookie, flags);
    close(fd);
    if (rc < 0) {
        standinPlaceFree(place);
        return rc;
    }
    if (!standinOrigins)
        standinOrigins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                               standinOriginFree);
    origin = g_new0(standinOrigin, 1);
    origin->id = id;
    origin->place = place;
    g_hash_table_replace(standinOrigins, GUINT_TO_POINTER(*cookie), origin);
    return 0;
}

static int
standinExitLocked(struct liblve *lve, uint32_t id, uint32_t cookie, char **place)
{
    g_autoptr(GArray) entries = standinReadEntries(lve, id);
    guint i;
    int rc;

    for (i = 0; i < entries->len; i++) {
        standinEntry *e = &g_array_index(entries, standinEntry, i);

        if (e->pid != getpid())
            continue;
        if (e->cookie != cookie)
            return -EINVAL;
        if ((rc = standinMove(place, lve, id, false)) < 0)
            return rc;
        g_array_remove_index(entries, i);
        return standinWriteEntries(lve, id, entries);
    }
    return -ESRCH;
}

EXPORT int
lve_exit(struct liblve *lve, uint32_t *cookie)
{
    char **here;
    uint32_t id;
    standinOrigin *origin;
    int fd, rc;

    if (!lve || !cookie)
        return -EFAULT;
    here = standinPlaceOfSelf();
    id = standinCurrentLVE(lve, here);
    standinPlaceFree(here);
    if (!id)
        return -ESRCH;      /* not in an LVE */
    origin = standinOrigins ? g_hash_table_lookup(standinOrigins, GUINT_TO_POINTER(*cookie)) : NULL;
    if (!origin || origin->id != id)
        return -EINVAL;     /* a cookie this process was not given */
    if ((fd = standinLock(lve)) < 0)
        return -EBUSY;
    rc = standinExitLocked(lve, id, *cookie, origin->place);
    close(fd);
    if (rc == 0)
        g_hash_table_remove(standinOrigins, GUINT_TO_POINTER(*cookie));
    return rc;
}

EXPORT int
lve_setup_enter(struct liblve *lve, uint32_t id, struct liblve_settings *set,
                uint32_t *cookie, enum liblve_enter_flags flags)
{
    int rc = lve_setup(lve, id, set);

    return rc < 0 ? rc : lve_enter_flags(lve, id, cookie, flags);
}

EXPORT int
is_in_lve(struct liblve *lve)
{
    char **here = standinPlaceOfSelf();
    int in = standinCurrentLVE(lve, here) != 0;

    standinPlaceFree(here);
    return in;
}
