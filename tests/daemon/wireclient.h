/*
 * wireclient.h: a raw client of libvirt's remote protocol, for the tests
 *
 * Built on the daemon's own RPC layer (src/rpc: messages and channels),
 * which a client reuses as it is: the tests speak the protocol frame by
 * frame, send what no real client would (oversized, cut or malformed
 * frames), and start the built virtkitd on sockets in a temporary
 * directory (never /run/libvirt).
 */
#ifndef WIRECLIENT_H
# define WIRECLIENT_H

# include "internal.h"

# include <sys/types.h>

# include "rpc_channel.h"

typedef struct _wireClient wireClient;

wireClient *wireConnect(const char *path);
void wireClose(wireClient *c);
int wireFD(wireClient *c);

gboolean wireSendMessage(wireClient *c, const vkr_message_header *hdr, xdrproc_t filter,
                         void *data);
unsigned int wireSend(wireClient *c, unsigned int prog, int proc, int type,
                      xdrproc_t filter, void *data);
gboolean wireSendRaw(wireClient *c, const void *data, size_t len);
vkrMessage *wireRecv(wireClient *c, int timeoutMs);
gboolean wireClosedByPeer(wireClient *c, int timeoutMs);

/* One call of the REMOTE program: 0 with @ret decoded, 1 with @err (an
 * error reply), -1 when the connection failed. */
int wireCall(wireClient *c, int proc, void *args, void *ret, virError *err);
/* AUTH_LIST, then CONNECT_OPEN(@uri, @flags): 0, or the error code. */
int wireOpen(wireClient *c, const char *uri, unsigned int flags);

/* The daemon, on DIR/sock and DIR/sock-ro with DIR/virtkitd.conf holding
 * @conf (NULL: none), logging into DIR/virtkitd.log. */
typedef struct {
    char *dir;
    char *sock;
    char *sockRO;
    char *log;
    pid_t pid;
} wireDaemon;

gboolean wireDaemonStart(wireDaemon *d, const char *conf);
int wireDaemonStop(wireDaemon *d);
gboolean wireDaemonAlive(wireDaemon *d);

#endif /* WIRECLIENT_H */
