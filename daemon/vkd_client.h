/*
 * vkd_client.h: one client of virtkitd
 *
 * A client is a connected socket, its channel, the credentials of the
 * process at the other end, and the library connection it opened with
 * CONNECT_OPEN.  The I/O loop holds one reference while the socket is
 * watched, each call in a worker holds one; the last one closes the
 * library connection and the socket.
 */
#ifndef VKD_CLIENT_H
# define VKD_CLIENT_H

# include "internal.h"

# include <sys/types.h>

# include "rpc_channel.h"
# include "virthread.h"
# include "vkd_tls.h"

/* Output a client may leave unread before it is no longer read. */
# define VKD_CLIENT_OUTPUT_MAX (1024 * 1024)

typedef struct _vkdServer vkdServer;
typedef struct _vkdClient vkdClient;

struct _vkdClient {
    int kind;                   /* VKD_WATCH_CLIENT: first, for the epoll data */
    gint refs;
    vkdServer *server;
    unsigned long long id;      /* for the log */
    vkrChannel *ch;
    bool readonly;              /* accepted on a read-only socket */
    char *scheme;               /* the socket's driver, for an empty URI; or NULL */
    pid_t pid;                  /* -1 for a TCP client */
    uid_t uid;
    gid_t gid;
    vkdTLSSession *tls;         /* a TLS client's session, or NULL */
    bool handshaking;           /* the I/O loop's: TLS not set up yet */
    gint64 handshakeDeadline;   /* the I/O loop's: monotonic time it is dropped
                                 * at, while handshaking; 0: never */

    virMutex lock;              /* guards what follows */
    virConnectPtr conn;         /* opened by CONNECT_OPEN */
    bool closed;                /* the I/O loop let go of the socket */
    bool wantWrite;             /* output waits for the socket */
    unsigned int calls;         /* calls whose reply is not written yet */
    unsigned int events;        /* what epoll watches */
    bool keepalive;             /* the client asked for keepalive */
    unsigned int pings;         /* pings not answered */
    gint64 nextPing;            /* monotonic time of the next ping */
};

vkdClient *vkdClientNew(vkdServer *server, int fd, bool readonly, const char *scheme);
vkdClient *vkdClientRef(vkdClient *client);
void vkdClientUnref(vkdClient *client);
void vkdClientDispose(vkdClient *client);

virConnectPtr vkdClientGetConn(vkdClient *client);
int vkdClientSetConn(vkdClient *client, virConnectPtr conn);
virConnectPtr vkdClientTakeConn(vkdClient *client);

void vkdClientSend(vkdClient *client, vkrMessage *msg, bool reply);
void vkdClientSendKeepalive(vkdClient *client, int proc);
void vkdClientStartKeepalive(vkdClient *client);
void vkdClientUpdateEventsLocked(vkdClient *client);

#endif /* VKD_CLIENT_H */
