/*
 * vkd_system.h: what makes virtkitd a daemon of its host
 *
 * Logging (stderr, or the journal), going to the background with a pipe
 * that carries the startup's success or error back to the terminal, the
 * pid file and its lock, systemd's readiness notification, and the limit
 * on open files (one per client).
 */
#ifndef VKD_SYSTEM_H
# define VKD_SYSTEM_H

# include "internal.h"

void vkdLogInit(int level, bool daemon);
void vkdLogSetLevel(int level);

int vkdDaemonize(GError **error);
void vkdDaemonReady(int fd, const char *failure);

int vkdPidFileAcquire(const char *path, GError **error);
void vkdPidFileRelease(const char *path, int fd);

void vkdNotifyReady(void);
void vkdRaiseFileLimit(void);

#endif /* VKD_SYSTEM_H */
