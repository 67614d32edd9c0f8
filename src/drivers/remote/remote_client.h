/*
 * remote_client.h: one connection to a daemon, as libvirt's client speaks
 * to it
 *
 * A client owns the stream to the daemon (a unix or TCP socket, a TLS
 * session over one, or the standard input and output of an ssh command), numbers its calls, waits
 * for each reply, answers the daemon's keepalive pings and sends its own,
 * and hands unasked messages (events) to its owner.  One call is on the
 * wire at a time: callers of other threads wait for the lock.
 */
#ifndef REMOTE_CLIENT_H
# define REMOTE_CLIENT_H

# include "internal.h"

# include <sys/types.h>

# include "rpc_channel.h"
# include "rpc_procs.h"

typedef struct _remoteClient remoteClient;

/* An unasked message of the REMOTE program: @proc and its decoded
 * payload (the procedure's arguments type). */
typedef void (*remoteClientEventFunc)(remoteClient *client, int proc, void *msg,
                                      void *opaque);
/* The stream ended (EOF or an error) outside a call. */
typedef void (*remoteClientCloseFunc)(remoteClient *client, int reason, void *opaque);

remoteClient *remoteClientNew(int fd, int errfd, pid_t child, const char *host);
void remoteClientFree(remoteClient *client);
void remoteClientSetTransport(remoteClient *client, const vkrChannelTransport *transport,
                              void *opaque, void *owned, GDestroyNotify freeFunc);

void remoteClientSetHandlers(remoteClient *client, remoteClientEventFunc event,
                             remoteClientCloseFunc close, void *opaque);
bool remoteClientWatch(remoteClient *client);
int remoteClientStartKeepalive(remoteClient *client, int interval, unsigned int count);
void remoteClientStopKeepalive(remoteClient *client);
bool remoteClientIsAlive(remoteClient *client);

int remoteClientCall(remoteClient *client, unsigned int prog, int proc, void *args, void *ret);

#endif /* REMOTE_CLIENT_H */
