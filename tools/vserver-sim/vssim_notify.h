/*
 * vssim_notify.h: the seccomp user-notification side of the simulator:
 * the filter that traps the vserver system call, receiving a trapped call,
 * the caller's memory, and the answer
 */
#ifndef VSSIM_NOTIFY_H
# define VSSIM_NOTIFY_H

# include "internal.h"

# include <sys/types.h>

/* A trapped call of vserver(cmd, id, data). */
typedef struct {
    uint64_t id;                    /* the notification's cookie */
    pid_t pid;                      /* the calling thread */
    uint32_t cmd;
    uint32_t arg;                   /* the id argument */
    uint64_t data;                  /* the caller's pointer */
} vssimCall;

typedef struct _vssimListener vssimListener;

/* In the process to be supervised: installs the filter (which its
 * children inherit across fork and exec) and returns the listener's fd,
 * or -1 with a message on stderr.  @nnp sets no_new_privs, which a
 * process without CAP_SYS_ADMIN needs for a filter. */
int vssimNotifyInstall(bool nnp);

vssimListener *vssimListenerNew(int fd);
void vssimListenerFree(vssimListener *l);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vssimListener, vssimListenerFree);
int vssimListenerFd(const vssimListener *l);

/* Receives the next trapped call: 1 with @call set, 0 when there was
 * none after all (its caller died), -1 on a failure of the listener. */
int vssimListenerReceive(vssimListener *l, vssimCall *call);

/* Whether the call still waits for its answer (its thread is alive and
 * the same): checked after reading the caller's memory, since a pid read
 * before may meanwhile name another process. */
bool vssimListenerValid(vssimListener *l, uint64_t id);

/* Answers call @id: @ret >= 0 is returned, < 0 sets errno to -@ret. */
void vssimListenerRespond(vssimListener *l, uint64_t id, long ret);

/* Copies @len bytes between the caller's memory at @addr and @buf.
 * Returns 0, -EFAULT for a bad address, -ESRCH when the call is gone. */
int vssimCallRead(vssimListener *l, const vssimCall *call, uint64_t addr, void *buf, size_t len);
int vssimCallWrite(vssimListener *l, const vssimCall *call, uint64_t addr,
                   const void *buf, size_t len);

#endif /* VSSIM_NOTIFY_H */
