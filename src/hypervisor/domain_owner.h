/*
 * domain_owner.h: who owns a kernel object: marks that outlive processes
 *
 * What a driver creates in a kernel or hypervisor (an LVE, a VServer
 * context, a Xen guest) outlives the process that made it and is seen by
 * every root on the host.  Each one virtkit creates is marked with the
 * root and the domain that own it, before the kernel is touched; a driver
 * never adopts, changes or destroys an object whose mark is not its own,
 * and says whose it is.
 *
 * Marks are small files in a host-wide directory, one per object, named
 * after the object's key (e.g. "cgroup:/virtkit-lve/lve1001"):
 *
 *   /run/virtkit/owners/<driver>/      (root; else $XDG_RUNTIME_DIR/virtkit/...)
 *
 * They live on tmpfs, as the objects do: a reboot ends both.  A mark
 * whose object the kernel no longer has is stale and may be taken over.
 * Changes are serialized by a lock file in the directory.
 */
#ifndef VIR_DOMAIN_OWNER_H
# define VIR_DOMAIN_OWNER_H

# include "internal.h"

typedef struct _virDomainOwners virDomainOwners;

/* Marks of driver @driver, for the root @root (@uri names it in messages:
 * "lve:///embed?root=/srv/a").  NULL with an error when the directory
 * cannot be made. */
virDomainOwners *virDomainOwnersNew(const char *driver, const char *root, const char *uri);
void virDomainOwnersFree(virDomainOwners *owners);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainOwners, virDomainOwnersFree);

/**
 * virDomainOwnersClaim:
 * @owners: the marks
 * @key: the object ("cgroup:/virtkit-lve/lve1001")
 * @what: the object in messages ("LVE 1001")
 * @name: the domain of this root that is to own it
 * @exists: whether the kernel has the object now
 *
 * Marks @key as @name's, before the object is made.  A mark of the same
 * domain is kept (a start after a crash); a stale mark (the object is
 * gone) is replaced.  Refused when another domain or root owns a live
 * object, or when the object exists without any mark (made outside
 * virtkit): the error says which.
 *
 * Returns 0, or -1 with an error.
 */
int virDomainOwnersClaim(virDomainOwners *owners, const char *key, const char *what,
                         const char *name, bool exists);

/**
 * virDomainOwnersCheck:
 *
 * Returns 1 when @key is marked as @name's in this root, 0 when it is not
 * marked at all, -1 (with an error naming the owner) when another owns it.
 */
int virDomainOwnersCheck(virDomainOwners *owners, const char *key, const char *what,
                         const char *name);

/* Removes the mark of @key, if it is this root's. */
void virDomainOwnersRelease(virDomainOwners *owners, const char *key);

/* The marks of this root: key -> domain name (a new table). */
GHashTable *virDomainOwnersList(virDomainOwners *owners);

#endif /* VIR_DOMAIN_OWNER_H */
