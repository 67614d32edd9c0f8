/*
 * vkd_server.h: virtkitd's I/O loop, listeners and workers
 *
 * One thread (the caller of vkdServerRun) waits on epoll for every socket:
 * it accepts clients, reads their frames, answers keepalive itself, and
 * hands each call to a pool of worker threads, which run it and write the
 * reply.  A slow call holds one worker, never the loop, and a client that
 * stops reading only stops being read (after max_client_requests calls
 * without a written reply): nobody else waits for it.
 */
#ifndef VKD_SERVER_H
# define VKD_SERVER_H

# include "internal.h"

# include "vkd_client.h"
# include "vkd_config.h"
# include "vkd_events.h"
# include "vkd_tls.h"

/* What epoll's data points at: the first member of each watched object. */
enum {
    VKD_WATCH_LISTENER,
    VKD_WATCH_CLIENT,
    VKD_WATCH_WAKEUP,
};

vkdServer *vkdServerNew(const vkdConfig *config, GError **error);
void vkdServerFree(vkdServer *server);

gboolean vkdServerAddListener(vkdServer *server, int fd, bool readonly,
                              const char *scheme, const char *path, bool unlinkAtExit,
                              GError **error);
gboolean vkdServerAddTCPListener(vkdServer *server, int fd, bool tls, const char *name,
                                 GError **error);
void vkdServerSetTLS(vkdServer *server, vkdTLS *tls);
int vkdServerRun(vkdServer *server);
void vkdServerQuit(vkdServer *server);

const vkdConfig *vkdServerConfig(vkdServer *server);
vkdEvents *vkdServerEvents(vkdServer *server);
void vkdServerWatchClient(vkdServer *server, vkdClient *client, unsigned int events);
void vkdServerDispatch(vkdServer *server, vkdClient *client, vkrMessage *msg);
void vkdServerClientGone(vkdServer *server, vkdClient *client);
unsigned long long vkdServerCalls(vkdServer *server);
void vkdServerKeepaliveStarted(vkdServer *server);

#endif /* VKD_SERVER_H */
