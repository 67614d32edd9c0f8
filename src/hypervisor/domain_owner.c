/*
 * domain_owner.c: who owns a kernel object: marks that outlive processes
 *
 * A mark is three lines, written atomically:
 *
 *   root /srv/a
 *   uri lve:///embed?root=/srv/a
 *   name web1
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "domain_owner.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

struct _virDomainOwners {
    char *dir;
    char *root;
    char *uri;
    int lockfd;
};

typedef struct {
    char *root;
    char *uri;
    char *name;
} virDomainOwner;

static void
virDomainOwnerClear(virDomainOwner *owner)
{
    g_clear_pointer(&owner->root, g_free);
    g_clear_pointer(&owner->uri, g_free);
    g_clear_pointer(&owner->name, g_free);
}

void
virDomainOwnersFree(virDomainOwners *owners)
{
    if (!owners)
        return;
    if (owners->lockfd >= 0)
        close(owners->lockfd);
    g_free(owners->dir);
    g_free(owners->root);
    g_free(owners->uri);
    g_free(owners);
}

virDomainOwners *
virDomainOwnersNew(const char *driver, const char *root, const char *uri)
{
    g_autoptr(virDomainOwners) owners = g_new0(virDomainOwners, 1);
    g_autofree char *lockpath = NULL;
    /* root's objects are the host's; a user's are under the user's groups */
    const char *base = geteuid() == 0 ? "/run" : g_get_user_runtime_dir();

    owners->lockfd = -1;
    owners->dir = g_build_filename(base, "virtkit", "owners", driver, NULL);
    owners->root = g_strdup(root);
    owners->uri = g_strdup(uri);
    if (virFileMakePath(owners->dir, 0700) < 0)
        return NULL;
    lockpath = g_build_filename(owners->dir, ".lock", NULL);
    if ((owners->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0) {
        virReportSystemError(errno, _("cannot open '%s'"), lockpath);
        return NULL;
    }
    return g_steal_pointer(&owners);
}

static void
virDomainOwnersLock(virDomainOwners *owners)
{
    while (flock(owners->lockfd, LOCK_EX) < 0 && errno == EINTR)
        ;
}

static void
virDomainOwnersUnlock(virDomainOwners *owners)
{
    flock(owners->lockfd, LOCK_UN);
}

static char *
virDomainOwnersPath(virDomainOwners *owners, const char *key)
{
    g_autofree char *escaped = g_uri_escape_string(key, NULL, FALSE);

    return g_build_filename(owners->dir, escaped, NULL);
}

/* Reads the mark of @key: 1 with @owner filled, 0 when there is none. */
static int
virDomainOwnersRead(virDomainOwners *owners, const char *key, virDomainOwner *owner)
{
    g_autofree char *path = virDomainOwnersPath(owners, key);
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    memset(owner, 0, sizeof(*owner));
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return 0;
    if (virFileReadLimitedFlags(path, 64 * 1024, &data, NULL, VIR_FILE_READ_OWN) < 0) {
        /* unreadable: as good as any other owner's, never ours */
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
        owner->root = g_strdup("?");
        owner->uri = g_strdup(path);
        owner->name = g_strdup("?");
        return 1;
    }
    lines = g_strsplit(data, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], "root "))
            owner->root = g_strdup(lines[i] + 5);
        else if (g_str_has_prefix(lines[i], "uri "))
            owner->uri = g_strdup(lines[i] + 4);
        else if (g_str_has_prefix(lines[i], "name "))
            owner->name = g_strdup(lines[i] + 5);
    }
    if (!owner->root)
        owner->root = g_strdup("?");
    if (!owner->uri)
        owner->uri = g_strdup(owner->root);
    if (!owner->name)
        owner->name = g_strdup("?");
    return 1;
}

static bool
virDomainOwnerIs(const virDomainOwner *owner, virDomainOwners *owners, const char *name)
{
    return STREQ(owner->root, owners->root) && STREQ(owner->name, name);
}

static void
virDomainOwnersReportOther(const virDomainOwner *owner, const char *what)
{
    virReportError(VIR_ERR_OPERATION_INVALID, _("%s belongs to domain '%s' of %s"),
                   what, owner->name, owner->uri);
}

static int
virDomainOwnersWrite(virDomainOwners *owners, const char *key, const char *name)
{
    g_autofree char *path = virDomainOwnersPath(owners, key);
    g_autofree char *data = g_strdup_printf("root %s\nuri %s\nname %s\n", owners->root,
                                            owners->uri, name);

    return virFileWriteAtomicFlags(path, data, strlen(data), 0600, VIR_FILE_ATOMIC_VOLATILE);
}

int
virDomainOwnersClaim(virDomainOwners *owners, const char *key, const char *what,
                     const char *name, bool exists)
{
    virDomainOwner owner;
    int found, ret = -1;

    virDomainOwnersLock(owners);
    found = virDomainOwnersRead(owners, key, &owner);
    if (found && virDomainOwnerIs(&owner, owners, name)) {
        ret = 0;
    } else if (found && exists) {
        virDomainOwnersReportOther(&owner, what);
    } else if (!found && exists) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("%s exists already, and virtkit did not create it: it is left alone"),
                       what);
    } else {
        if (found)
            VIR_DEBUG("%s: the mark of domain '%s' of %s is stale: the object is gone",
                      what, owner.name, owner.uri);
        ret = virDomainOwnersWrite(owners, key, name);
    }
    virDomainOwnersUnlock(owners);
    virDomainOwnerClear(&owner);
    return ret;
}

int
virDomainOwnersCheck(virDomainOwners *owners, const char *key, const char *what,
                     const char *name)
{
    virDomainOwner owner;
    int ret;

    virDomainOwnersLock(owners);
    if (!virDomainOwnersRead(owners, key, &owner)) {
        ret = 0;
    } else if (virDomainOwnerIs(&owner, owners, name)) {
        ret = 1;
    } else {
        virDomainOwnersReportOther(&owner, what);
        ret = -1;
    }
    virDomainOwnersUnlock(owners);
    virDomainOwnerClear(&owner);
    return ret;
}

void
virDomainOwnersRelease(virDomainOwners *owners, const char *key)
{
    g_autofree char *path = virDomainOwnersPath(owners, key);
    virDomainOwner owner;

    virDomainOwnersLock(owners);
    if (virDomainOwnersRead(owners, key, &owner) && STREQ(owner.root, owners->root) &&
        unlink(path) < 0 && errno != ENOENT)
        VIR_WARN("cannot remove '%s': %s", path, g_strerror(errno));
    virDomainOwnersUnlock(owners);
    virDomainOwnerClear(&owner);
}

GHashTable *
virDomainOwnersList(virDomainOwners *owners)
{
    GHashTable *marks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GDir) dir = g_dir_open(owners->dir, 0, NULL);
    const char *entry;

    virDomainOwnersLock(owners);
    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *key = NULL;
        virDomainOwner owner;

        if (entry[0] == '.' || !(key = g_uri_unescape_string(entry, NULL)))
            continue;
        if (virDomainOwnersRead(owners, key, &owner) && STREQ(owner.root, owners->root))
            g_hash_table_insert(marks, g_steal_pointer(&key), g_steal_pointer(&owner.name));
        virDomainOwnerClear(&owner);
    }
    virDomainOwnersUnlock(owners);
    return marks;
}
