/*
 * rpc_channel.h: messages over one non-blocking stream socket
 *
 * A channel cuts the bytes it reads into frames and queues the frames to
 * send.  It never blocks and never decides anything: the owner polls the
 * descriptor, calls vkrChannelRead() when it is readable and
 * vkrChannelFlush() when it is writable, and gets each complete frame
 * through a callback.  The daemon owns one per client; a client would own
 * one per connection.
 *
 * A channel reads and writes the descriptor itself, or through a
 * transport (TLS) that encrypts and frames the bytes beneath: the framing
 * above is the same either way.
 *
 * Threads: one thread at a time reads (the owner's I/O loop); any thread
 * may send, at any time, including unasked messages such as keepalive
 * pings: the output queue has its own lock.
 */
#ifndef VKR_RPC_CHANNEL_H
# define VKR_RPC_CHANNEL_H

# include "internal.h"

# include "rpc_message.h"

typedef struct _vkrChannel vkrChannel;

/* Takes @msg, a whole frame (not yet decoded). */
typedef void (*vkrChannelMessageFunc)(vkrChannel *ch, vkrMessage *msg, void *opaque);

/* A layer between the frames and the descriptor (a TLS session).  read
 * and write behave as read(2) and write(2) do on a non-blocking socket:
 * -1 with errno EAGAIN when the socket cannot go on, another errno when
 * the transport failed.  pending says how many bytes the transport
 * already holds for read (decrypted and not yet returned): the socket
 * does not show them to poll. */
typedef struct {
    ssize_t (*read)(void *opaque, char *buf, size_t len);
    ssize_t (*write)(void *opaque, const char *buf, size_t len);
    size_t (*pending)(void *opaque);
} vkrChannelTransport;

vkrChannel *vkrChannelNew(int fd);
void vkrChannelSetTransport(vkrChannel *ch, const vkrChannelTransport *transport,
                            void *opaque);
void vkrChannelFree(vkrChannel *ch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vkrChannel, vkrChannelFree);

int vkrChannelGetFD(vkrChannel *ch);
void vkrChannelShutdown(vkrChannel *ch);

int vkrChannelRead(vkrChannel *ch, char *scratch, size_t scratchlen,
                   vkrChannelMessageFunc deliver, void *opaque, GError **error);
gboolean vkrChannelReadingFrame(vkrChannel *ch);

int vkrChannelSend(vkrChannel *ch, vkrMessage *msg, GError **error);
int vkrChannelFlush(vkrChannel *ch, GError **error);
size_t vkrChannelQueued(vkrChannel *ch);

#endif /* VKR_RPC_CHANNEL_H */
