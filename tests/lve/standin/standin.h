/*
 * standin.h: a stand-in for CloudLinux's liblve.so.0 and its kernel
 *
 * Real liblve talks to kmod-lve through /dev/lve; kmod-lve keeps each LVE
 * in cgroups.  This stand-in does what the kernel would, on the host's
 * cgroup v1 hierarchies, so that the LVE driver's liblve backend can be
 * tested through the very same dlopen("liblve.so.0") path, limits
 * enforced.  It implements liblve API 1.3 as documented in lve-ctl.h: the
 * same functions, structures, flags and negative errno results.
 *
 * Environment (read by init_lve):
 *   LVE_STANDIN_STATE=DIR        where the "kernel" keeps its state
 *                                (limits, entries); required
 *   LVE_STANDIN_PARENT=PATH      where the lve<id> groups go: "/abs", or
 *                                "rel" under the caller's own groups
 *                                (default "/", kmod-lve's layout)
 *   LVE_STANDIN_KERNEL_API=M.N   the kernel's API (default 1.4); anything
 *                                but 1.3 or later makes init_lve fail with
 *                                EINVAL, as liblve does when library and
 *                                kernel do not match; "none" is a kernel
 *                                without LVE (ENOSYS)
 *   LVE_STANDIN_FAIL=FN:ERRNO    makes lve_setup or lve_enter_flags (FN)
 *                                return -ERRNO, for refusals a test cannot
 *                                provoke otherwise
 */
#ifndef STANDIN_H
# define STANDIN_H

# include <stdbool.h>
# include <stdint.h>
# include <sys/types.h>

# include <glib.h>

/* ---- liblve's ABI (lve-type.h, lve-ctl.h of API 1.3) ---------------- */

enum liblve_enter_flags {
    LVE_NO_UBC = 1 << 0,
    LVE_NO_NAMESPACE = 1 << 1,
    LVE_NO_MAXENTER = 1 << 2,
    LVE_SILENCE = 1 << 3,
};

struct liblve_settings {
    int32_t ls_cpu;
    int32_t ls_cpus;
    int32_t ls_io;
    int32_t ls_enters;
    int32_t ls_memory;
    int32_t ls_cpu_weight;
    int32_t ls_memory_phy;
    int32_t ls_nproc;
    int32_t ls_iops;
};

struct liblve_info {
    struct liblve_settings li_set;
    int li_flags;
};

typedef void *(*liblve_alloc)(size_t size);
typedef void (*liblve_free)(void *ptr);

struct liblve;

/* the API (lve-ctl.h); errors are negative errno values */
struct liblve *init_lve(liblve_alloc alloc, liblve_free release);
int destroy_lve(struct liblve *lve);
int lve_is_available(void);
uint32_t lve_kapi_ver(struct liblve *lve);
uint32_t lve_get_api_version(void);
int lve_setup(struct liblve *lve, uint32_t id, struct liblve_settings *set);
int lve_set_default(struct liblve *lve, struct liblve_settings *set);
int lve_create(struct liblve *lve, uint32_t id);
int lve_destroy(struct liblve *lve, uint32_t id);
int lve_info(struct liblve *lve, uint32_t id, struct liblve_info *info);
int lve_enter_flags(struct liblve *lve, uint32_t id, uint32_t *cookie,
                    enum liblve_enter_flags flags);
int lve_exit(struct liblve *lve, uint32_t *cookie);
int lve_setup_enter(struct liblve *lve, uint32_t id, struct liblve_settings *set,
                    uint32_t *cookie, enum liblve_enter_flags flags);
int is_in_lve(struct liblve *lve);

/* ---- the simulated kernel (standin-kernel.c) ------------------------ */

enum {
    SI_CPU, SI_CPUACCT, SI_CPUSET, SI_MEMORY, SI_PIDS, SI_BLKIO, SI_FREEZER, SI_LAST
};

struct liblve {
    liblve_alloc alloc;
    liblve_free release;
    char state[512];                /* state directory */
    char *parent[SI_LAST];          /* parent of the lve<id> groups */
};

/* Finds the hierarchies; -errno on failure. */
int standinInit(struct liblve *lve);
void standinFini(struct liblve *lve);

/* <parent>/lve<id>[/file] of controller @c; caller frees. */
char *standinPath(struct liblve *lve, int c, uint32_t id, const char *file);

int standinWrite(const char *path, const char *value);
bool standinExists(struct liblve *lve, uint32_t id);
int standinCreate(struct liblve *lve, uint32_t id);
int standinApply(struct liblve *lve, uint32_t id, const struct liblve_settings *set);
int standinKill(struct liblve *lve, uint32_t id);

/* The groups the caller is in, per controller; free with standinPlaceFree. */
char **standinPlaceOfSelf(void);
void standinPlaceFree(char **place);
int standinMove(char **place, struct liblve *lve, uint32_t id, bool noUBC);

/* ---- shared state (standin-state.c) -------------------------------- */

typedef struct {
    int pid;
    unsigned long long start;
    uint32_t cookie;
    unsigned int flags;
} standinEntry;

int standinLock(struct liblve *lve);
char *standinStatePath(struct liblve *lve, uint32_t id, const char *what);
bool standinReadSettings(struct liblve *lve, uint32_t id, struct liblve_settings *set);
int standinWriteSettings(struct liblve *lve, uint32_t id, const struct liblve_settings *set);
int standinCheck(const struct liblve_settings *set);
unsigned long long standinStart(pid_t pid);
GArray *standinReadEntries(struct liblve *lve, uint32_t id);
int standinWriteEntries(struct liblve *lve, uint32_t id, GArray *entries);
void standinDefaults(struct liblve *lve, struct liblve_settings *set);

#endif /* STANDIN_H */
