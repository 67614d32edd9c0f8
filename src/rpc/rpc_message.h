/*
 * rpc_message.h: one message of libvirt's remote protocol, framed
 *
 * A message is its frame: a big-endian length word that counts itself,
 * the 24-byte header, then the XDR payload.  The codecs are libtirpc's
 * xdr_* functions that rpcgen generated from virtkit_protocol.x; this
 * layer frames them, grows the buffer for large replies, and refuses
 * frames and payloads the protocol does not allow.  Both ends use it: the
 * daemon decodes calls and encodes replies, a client the other way round.
 */
#ifndef VKR_RPC_MESSAGE_H
# define VKR_RPC_MESSAGE_H

# include "internal.h"

# include <rpc/rpc.h>

# include "rpc_procs.h"

/* Errors of the RPC layer, in the GError domain VKR_RPC_ERROR. */
typedef enum {
    VKR_RPC_ERROR_FRAME,        /* a length word out of bounds: the stream is lost */
    VKR_RPC_ERROR_DECODE,       /* a header or payload that is not valid XDR */
    VKR_RPC_ERROR_ENCODE,       /* a reply too large for a frame */
    VKR_RPC_ERROR_IO,           /* the socket failed */
    VKR_RPC_ERROR_EOF,          /* the peer closed the connection */
} vkrRPCError;

# define VKR_RPC_ERROR vkrRPCErrorQuark()
GQuark vkrRPCErrorQuark(void);

/* Smallest and largest frame, length word included. */
# define VKR_FRAME_MIN (VKR_MESSAGE_LEN_SIZE + VKR_MESSAGE_HEADER_SIZE)
# define VKR_FRAME_MAX (VKR_MESSAGE_LEN_SIZE + VKR_MESSAGE_MAX)

/* The longest text of an error reply: longer ones are cut. */
# define VKR_ERROR_STRING_MAX 4096

typedef struct _vkrMessage vkrMessage;
struct _vkrMessage {
    vkr_message_header header;  /* decoded, or what was encoded */
    char *buffer;               /* the frame */
    size_t length;              /* of the frame, length word included */
    size_t capacity;            /* allocated bytes of buffer */
    size_t done;                /* bytes of the frame read or written so far */
    vkrMessage *next;           /* in a channel's output queue */
};

vkrMessage *vkrMessageNew(size_t capacity);
void vkrMessageFree(vkrMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vkrMessage, vkrMessageFree);

gboolean vkrFrameLength(const char word[VKR_MESSAGE_LEN_SIZE], size_t *length,
                        GError **error);

gboolean vkrMessageEncode(vkrMessage *msg, const vkr_message_header *header,
                          xdrproc_t filter, void *data, GError **error);
gboolean vkrMessageEncodeError(vkrMessage *msg, const vkr_message_header *call,
                               const virError *err, GError **error);

gboolean vkrMessageDecodeHeader(vkrMessage *msg, GError **error);
gboolean vkrMessageDecodePayload(vkrMessage *msg, xdrproc_t filter, void *data,
                                 GError **error);
gboolean vkrMessageDecodeError(vkrMessage *msg, virError *err, GError **error);

void vkrHeaderReply(vkr_message_header *reply, const vkr_message_header *call,
                    vkr_message_status status);

#endif /* VKR_RPC_MESSAGE_H */
