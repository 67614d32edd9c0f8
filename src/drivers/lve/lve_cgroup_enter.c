/*
 * lve_cgroup_enter.c: entering and leaving an LVE made of cgroups, and
 * counting entry processes
 *
 * No controller counts entries, so each LVE has a registry file,
 * <state dir>/lve<id>.enter, shared by every process that enters: its EP
 * limit, then one line per process inside.  A process that entered and
 * exited no longer counts: entries are checked against the live process
 * (pid and start time, so a reused pid is not mistaken for it).  The file
 * is locked with flock() while it is read and rewritten.  It also counts
 * the entries refused at the limit, for the statistics (lve.ep.faults).
 *
 *   ep 20
 *   refused 3
 *   entry <pid> <start time> <cookie> <flags>
 */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/random.h>
#include <unistd.h>

#include "lve_cgroup_priv.h"
#include "lve_error.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_LVE

typedef struct {
    pid_t pid;
    unsigned long long start;
    unsigned int cookie;        /* 0: a one-way entry */
    unsigned int flags;         /* virDomainEnterFlags */
} lveEntry;

typedef struct {
    int fd;
    unsigned long long ep;      /* 0: unlimited */
    unsigned long long refused; /* entries refused at the limit */
    GArray *entries;
} lveRegistry;

/* The path of a registry, on the stack (lveCgroupOpen made sure it fits). */
typedef struct {
    char str[PATH_MAX];
} lveRegistryPathBuf;

/* Where a process that entered goes back to. */
typedef struct {
    unsigned int id;
    virCgroupPlace place;
} lveOrigin;

void
lveCgroupOriginFree(void *data)
{
    lveOrigin *origin = data;

    virCgroupPlaceClear(&origin->place);
    g_free(origin);
}

/* The start time of @pid (field 22 of /proc/PID/stat), or 0 when it is
 * gone or a zombie. */
static unsigned long long
lveProcessStart(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *stat = NULL;
    g_auto(GStrv) fields = NULL;
    const char *end;
    unsigned long long start = 0;

    if (!g_file_get_contents(path, &stat, NULL, NULL) || !(end = strrchr(stat, ')')))
        return 0;
    /* after the command: state is field 3, start time field 22 */
    fields = g_strsplit(end + 2, " ", 21);
    if (g_strv_length(fields) < 20 || fields[0][0] == 'Z' ||
        virStrToULL(fields[19], &start) < 0)
        return 0;
    return start;
}

/* <state dir>/lve<id>.enter in @buf: every start and destroy removes
 * one, so it is built on the stack (lveCgroupOpen made sure it fits). */
static const char *
lveRegistryPath(lveCgroup *cg, unsigned int id, lveRegistryPathBuf *buf)
{
    size_t len = strlen(cg->stateDir);
    char *end;

    memcpy(buf->str, cg->stateDir, len);
    memcpy(buf->str + len, "/lve", 4);
    end = virFormatULL(id, buf->str + len + 4);
    memcpy(end, ".enter", sizeof(".enter"));
    return buf->str;
}

static void
lveRegistryParse(lveRegistry *reg, const char *text)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", 0);
    size_t i;

    for (i = 0; lines[i]; i++) {
        lveEntry e = { 0 };
        unsigned long long ep;
        int pid;

        if (sscanf(lines[i], "ep %llu", &ep) == 1) {
            reg->ep = ep;
        } else if (sscanf(lines[i], "refused %llu", &ep) == 1) {
            reg->refused = ep;
        } else if (sscanf(lines[i], "entry %d %llu %u %u", &pid, &e.start, &e.cookie,
                          &e.flags) == 4 && pid > 0) {
            e.pid = pid;
            /* only entries whose process still runs count */
            if (lveProcessStart(e.pid) == e.start)
                g_array_append_val(reg->entries, e);
        }
    }
}

static void
lveRegistryClose(lveRegistry *reg)
{
    if (reg->fd >= 0)
        close(reg->fd);     /* drops the lock */
    reg->fd = -1;
    g_clear_pointer(&reg->entries, g_array_unref);
}

/* Opens and locks the registry of LVE @id, without its dead entries. */
static int
lveRegistryOpen(lveCgroup *cg, unsigned int id, lveRegistry *reg)
{
    lveRegistryPathBuf path;
    g_autoptr(GString) text = g_string_new(NULL);
    char buf[4096];
    ssize_t n;

    reg->ep = 0;
    reg->refused = 0;
    reg->entries = g_array_new(FALSE, FALSE, sizeof(lveEntry));
    if ((reg->fd = open(lveRegistryPath(cg, id, &path), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
        flock(reg->fd, LOCK_EX) < 0) {
        virReportSystemError(errno, _("LVE %u: cannot open its entry registry '%s'"), id,
                             path.str);
        lveRegistryClose(reg);
        return -1;
    }
    while ((n = read(reg->fd, buf, sizeof(buf))) > 0)
        g_string_append_len(text, buf, n);
    lveRegistryParse(reg, text->str);
    return 0;
}

static int
lveRegistryWrite(lveRegistry *reg, unsigned int id)
{
    g_autoptr(GString) text = g_string_new(NULL);
    guint i;

    g_string_append_printf(text, "ep %llu\n", reg->ep);
    if (reg->refused)
        g_string_append_printf(text, "refused %llu\n", reg->refused);
    for (i = 0; i < reg->entries->len; i++) {
        lveEntry *e = &g_array_index(reg->entries, lveEntry, i);

        g_string_append_printf(text, "entry %d %llu %u %u\n", (int)e->pid, e->start,
                               e->cookie, e->flags);
    }
    if (lseek(reg->fd, 0, SEEK_SET) < 0 || ftruncate(reg->fd, 0) < 0 ||
        write(reg->fd, text->str, text->len) != (ssize_t)text->len) {
        virReportSystemError(errno, _("LVE %u: cannot write its entry registry"), id);
        return -1;
    }
    return 0;
}

int
lveCgroupSetEntryLimit(lveCgroup *cg, unsigned int id, unsigned long long ep)
{
    lveRegistry reg;
    int ret;

    if (lveRegistryOpen(cg, id, &reg) < 0)
        return -1;
    reg.ep = ep;
    ret = lveRegistryWrite(&reg, id);
    lveRegistryClose(&reg);
    return ret;
}

static gboolean
lveOriginOfLVE(gpointer key G_GNUC_UNUSED, gpointer value, gpointer opaque)
{
    return ((lveOrigin *)value)->id == GPOINTER_TO_UINT(opaque);
}

void
lveCgroupForgetEntries(lveCgroup *cg, unsigned int id)
{
    lveRegistryPathBuf path;

    unlink(lveRegistryPath(cg, id, &path));
    virMutexLock(&cg->lock);
    /* usually empty: nothing of this process entered it */
    if (g_hash_table_size(cg->origins) > 0)
        g_hash_table_foreach_remove(cg->origins, lveOriginOfLVE, GUINT_TO_POINTER(id));
    virMutexUnlock(&cg->lock);
}

/* How many entries count against the EP limit. */
static unsigned long long
lveRegistryCounted(const lveRegistry *reg)
{
    unsigned long long n = 0;
    guint i;

    for (i = 0; i < reg->entries->len; i++) {
        if (!(g_array_index(reg->entries, lveEntry, i).flags & VIR_DOMAIN_ENTER_NO_MAXENTER))
            n++;
    }
    return n;
}

int
lveCgroupReadEntries(lveCgroup *cg, unsigned int id, unsigned int *entries,
                     unsigned long long *refused)
{
    lveRegistry reg;

    if (lveRegistryOpen(cg, id, &reg) < 0)
        return -1;
    *entries = reg.entries->len;
    *refused = reg.refused;
    lveRegistryClose(&reg);
    return 0;
}

/* ---- moving the calling process ------------------------------------ */

/* Refuses a caller that is inside an LVE already, as the kernel does. */
static int
lveCgroupCheckOutside(lveCgroup *cg, unsigned int id, const virCgroupPlace *here)
{
    virCgroupController anchor = virCgroupTreeAnchor(cg->tree);
    const char *dir = here->dir[anchor];
    g_autofree char *up = dir ? g_path_get_dirname(dir) : NULL;
    g_autofree char *base = dir ? g_path_get_basename(dir) : NULL;
    unsigned int other;

    if (!up || STRNEQ(up, virCgroupTreeParentDir(cg->tree, anchor)) ||
        sscanf(base, "lve%u", &other) != 1)
        return 0;
    lveReportKernelError(LVE_OP_ENTER, id, other == id ? EALREADY : EPERM, NULL);
    return -1;
}

/* Moves the calling process into the groups of LVE @id; with @noUBC,
 * memory and pids stay where they are. */
static int
lveCgroupMoveSelf(lveCgroup *cg, unsigned int id, bool noUBC)
{
    unsigned int skip = (1U << VIR_CGROUP_CONTROLLER_MEMORY) |
                        (1U << VIR_CGROUP_CONTROLLER_PIDS);
    char name[LVE_CGROUP_NAME_BUFLEN];

    return virCgroupAddTask(cg->tree, lveCgroupName(id, name), getpid(), noUBC ? skip : 0);
}

static unsigned int
lveNewCookie(void)
{
    unsigned int cookie = 0;

    while (cookie == 0) {
        if (getrandom(&cookie, sizeof(cookie), 0) != sizeof(cookie))
            cookie = g_random_int();
    }
    return cookie;
}

/* Checks what the kernel would refuse, before anything moves. */
static int
lveCgroupCheckEnter(lveCgroup *cg, unsigned int id, unsigned int flags)
{
    g_autofree char *dir = lveCgroupPath(cg->tree, virCgroupTreeAnchor(cg->tree), id, NULL);

    if (flags & VIR_DOMAIN_ENTER_NAMESPACE) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       _("LVE %u: the cgroup backend has no LVE namespace to enter (that is CageFS on CloudLinux)"),
                       id);
        return -1;
    }
    if ((flags & VIR_DOMAIN_ENTER_NO_UBC) && virCgroupTreeVersion(cg->tree) == 2) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       _("LVE %u: entering without memory limits needs cgroup v1 (v2 has one group for every limit)"),
                       id);
        return -1;
    }
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        lveReportKernelError(LVE_OP_ENTER, id, ESRCH, NULL);
        return -1;
    }
    return 0;
}

static int
lveCgroupAdmit(lveCgroup *cg, unsigned int id, unsigned int flags, lveRegistry *reg,
               const virCgroupPlace *here, unsigned int *cookie)
{
    lveEntry e = { .pid = getpid(), .flags = flags };

    if (!(flags & VIR_DOMAIN_ENTER_NO_MAXENTER) && reg->ep && lveRegistryCounted(reg) >= reg->ep) {
        lveLimits lim = { .value[LVE_LIMIT_EP] = reg->ep };

        /* counted even if it cannot be written: the refusal is the error */
        reg->refused++;
        lveRegistryWrite(reg, id);
        lveReportKernelError(LVE_OP_ENTER, id, E2BIG, &lim);
        return -1;
    }
    if (lveCgroupMoveSelf(cg, id, flags & VIR_DOMAIN_ENTER_NO_UBC) < 0)
        goto undo;
    e.start = lveProcessStart(e.pid);
    e.cookie = (flags & VIR_DOMAIN_ENTER_ONE_WAY) ? 0 : lveNewCookie();
    g_array_append_val(reg->entries, e);
    if (lveRegistryWrite(reg, id) < 0)
        goto undo;
    *cookie = e.cookie;
    return 0;

 undo:
    virCgroupPlaceAddTask(cg->tree, here, getpid());
    return -1;
}

int
lveCgroupEnter(lveBackend *be, unsigned int id, const lveLimits *lim G_GNUC_UNUSED,
               unsigned int flags, unsigned int *cookie)
{
    lveCgroup *cg = lveCgroupOf(be);
    g_autofree lveOrigin *origin = g_new0(lveOrigin, 1);
    lveRegistry reg;
    int ret = -1;

    if (lveCgroupCheckEnter(cg, id, flags) < 0)
        return -1;
    if (virCgroupPlaceOf(cg->tree, getpid(), &origin->place) < 0)
        return -1;
    if (lveCgroupCheckOutside(cg, id, &origin->place) < 0 ||
        lveRegistryOpen(cg, id, &reg) < 0)
        goto cleanup;
    ret = lveCgroupAdmit(cg, id, flags, &reg, &origin->place, cookie);
    lveRegistryClose(&reg);
    if (ret == 0 && *cookie) {
        origin->id = id;
        virMutexLock(&cg->lock);
        g_hash_table_insert(cg->origins, GUINT_TO_POINTER(*cookie), g_steal_pointer(&origin));
        virMutexUnlock(&cg->lock);
    }
 cleanup:
    if (origin)
        virCgroupPlaceClear(&origin->place);
    return ret;
}

/* The registry entry of the calling process, or -1. */
static int
lveRegistryFindSelf(const lveRegistry *reg)
{
    pid_t self = getpid();
    guint i;

    for (i = 0; i < reg->entries->len; i++) {
        if (g_array_index(reg->entries, lveEntry, i).pid == self)
            return i;
    }
    return -1;
}

int
lveCgroupLeave(lveBackend *be, unsigned int id, unsigned int cookie)
{
    lveCgroup *cg = lveCgroupOf(be);
    lveOrigin *origin = NULL;
    lveRegistry reg;
    int i, ret = -1;

    if (lveRegistryOpen(cg, id, &reg) < 0)
        return -1;
    virMutexLock(&cg->lock);
    if ((i = lveRegistryFindSelf(&reg)) >= 0 && cookie &&
        g_array_index(reg.entries, lveEntry, i).cookie == cookie)
        origin = g_hash_table_lookup(cg->origins, GUINT_TO_POINTER(cookie));
    virMutexUnlock(&cg->lock);
    if (i < 0 || !origin || origin->id != id) {
        lveReportKernelError(LVE_OP_LEAVE, id, i < 0 ? ESRCH : EINVAL, NULL);
        goto cleanup;
    }
    if (virCgroupPlaceAddTask(cg->tree, &origin->place, getpid()) < 0)
        goto cleanup;
    g_array_remove_index(reg.entries, i);
    ret = lveRegistryWrite(&reg, id);
    virMutexLock(&cg->lock);
    g_hash_table_remove(cg->origins, GUINT_TO_POINTER(cookie));
    virMutexUnlock(&cg->lock);
 cleanup:
    lveRegistryClose(&reg);
    return ret;
}
