/*
 * rpc_message.c: framing, encoding and decoding of one message
 *
 * Encoding writes the header and payload with libtirpc's xdrmem stream
 * into the message's buffer, after a length word patched in at the end.
 * Most replies fit the first buffer; one that does not is measured with
 * xdr_sizeof() and encoded again into a buffer of exactly its size, so no
 * reply is ever encoded more than twice.  Decoding refuses a payload with
 * bytes left over: a client that sends them has its own idea of the
 * protocol, and guessing would be worse than saying so.
 */
#include "internal.h"

#include "rpc_message.h"

/**
 * vkrRPCErrorQuark:
 *
 * Returns the GError domain of the RPC layer's errors.
 */
GQuark
vkrRPCErrorQuark(void)
{
    return g_quark_from_static_string("vkr-rpc-error");
}

/* What a new message gets when its caller has no better idea: most
 * replies and every call of the common clients fit. */
#define VKR_MESSAGE_INITIAL 4096

/**
 * vkrMessageNew:
 * @capacity: bytes to allocate for the frame, or 0 for a default that
 *            fits most messages
 *
 * Returns an empty message, to free with vkrMessageFree().
 */
vkrMessage *
vkrMessageNew(size_t capacity)
{
    vkrMessage *msg = g_new0(vkrMessage, 1);

    msg->capacity = MAX(capacity ? capacity : VKR_MESSAGE_INITIAL, VKR_FRAME_MIN);
    msg->buffer = g_malloc(msg->capacity);
    return msg;
}

/**
 * vkrMessageFree:
 * @msg: a message, or NULL
 *
 * Frees @msg and its buffer.
 */
void
vkrMessageFree(vkrMessage *msg)
{
    if (!msg)
        return;
    g_free(msg->buffer);
    g_free(msg);
}

/**
 * vkrFrameLength:
 * @word: the 4 bytes that start a frame
 * @length: where to store the frame's length, length word included
 * @error: where to say why the length is refused
 *
 * Reads a frame's length word and checks it against the protocol's
 * bounds: at least a header, at most 32 MiB besides the word itself.
 *
 * Returns TRUE when the length is acceptable.
 */
gboolean
vkrFrameLength(const char word[VKR_MESSAGE_LEN_SIZE], size_t *length, GError **error)
{
    guint32 be;

    memcpy(&be, word, sizeof(be));
    *length = GUINT32_FROM_BE(be);
    if (*length < VKR_FRAME_MIN) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_FRAME,
                    "frame of %zu bytes is shorter than a header (%d)", *length, VKR_FRAME_MIN);
        return FALSE;
    }
    if (*length > VKR_FRAME_MAX) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_FRAME,
                    "frame of %zu bytes exceeds the limit of %d", *length, VKR_FRAME_MAX);
        return FALSE;
    }
    return TRUE;
}

/* Encodes into the buffer as it is; FALSE when it does not fit (or the
 * value cannot be encoded at all). */
static gboolean
vkrMessageEncodeOnce(vkrMessage *msg, vkr_message_header *header, xdrproc_t filter, void *data)
{
    XDR xdr;
    gboolean ok;
    guint32 be;

    xdrmem_create(&xdr, msg->buffer + VKR_MESSAGE_LEN_SIZE,
                  msg->capacity - VKR_MESSAGE_LEN_SIZE, XDR_ENCODE);
    ok = xdr_vkr_message_header(&xdr, header) && filter(&xdr, data, 0);
    msg->length = VKR_MESSAGE_LEN_SIZE + xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    if (!ok)
        return FALSE;
    be = GUINT32_TO_BE((guint32)msg->length);
    memcpy(msg->buffer, &be, sizeof(be));
    return TRUE;
}

/**
 * vkrMessageEncode:
 * @msg: the message to fill (its previous content is replaced)
 * @header: the header to send
 * @filter: the payload's XDR function, xdr_void for none
 * @data: the payload
 * @error: where to say why it cannot be sent
 *
 * Encodes a whole frame into @msg, growing its buffer as needed.
 *
 * Returns TRUE on success; FALSE when the payload does not encode (a
 * value beyond its limit) or the frame would exceed 32 MiB.
 */
gboolean
vkrMessageEncode(vkrMessage *msg, const vkr_message_header *header,
                 xdrproc_t filter, void *data, GError **error)
{
    unsigned long size;

    msg->header = *header;
    msg->done = 0;
    if (vkrMessageEncodeOnce(msg, &msg->header, filter, data))
        return TRUE;

    size = xdr_sizeof(filter, data);
    if (size == 0 && filter != VKR_XDR_VOID) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_ENCODE,
                    "procedure %d: a value exceeds its protocol limit", header->proc);
        return FALSE;
    }
    if (size > VKR_MESSAGE_MAX - VKR_MESSAGE_HEADER_SIZE) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_ENCODE,
                    "procedure %d: a message of %lu bytes exceeds the limit of %d",
                    header->proc, size, VKR_MESSAGE_MAX);
        return FALSE;
    }
    msg->capacity = VKR_FRAME_MIN + size;
    g_free(msg->buffer);
    msg->buffer = g_malloc(msg->capacity);
    if (!vkrMessageEncodeOnce(msg, &msg->header, filter, data)) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_ENCODE,
                    "procedure %d: the payload does not encode", header->proc);
        return FALSE;
    }
    return TRUE;
}

/**
 * vkrHeaderReply:
 * @reply: the header to fill
 * @call: the call being answered
 * @status: VKR_OK, or VKR_ERROR for an error reply
 *
 * A reply echoes its call's program, version, procedure and serial.
 */
void
vkrHeaderReply(vkr_message_header *reply, const vkr_message_header *call,
               vkr_message_status status)
{
    *reply = *call;
    reply->type = VKR_REPLY;
    reply->status = status;
}

/* An error's text, cut where it stops being useful to a person: an
 * error about a 4 MiB argument that quotes it must still fit a reply. */
static char *
vkrErrorString(const char *str)
{
    if (!str)
        return NULL;
    if (strlen(str) <= VKR_ERROR_STRING_MAX)
        return g_strdup(str);
    return g_strdup_printf("%.*s...", VKR_ERROR_STRING_MAX, str);
}

/**
 * vkrMessageEncodeError:
 * @msg: the message to fill
 * @call: the header of the call that failed
 * @err: the error to send
 * @error: where to say why it cannot be sent
 *
 * Encodes an error reply: type REPLY, status ERROR (not the MESSAGE type
 * rpc.rst shows: clients reject that), @err's fields as the payload, each
 * string cut after VKR_ERROR_STRING_MAX bytes.
 *
 * Returns TRUE on success.
 */
gboolean
vkrMessageEncodeError(vkrMessage *msg, const vkr_message_header *call,
                      const virError *err, GError **error)
{
    vkr_message_header header;
    g_autofree char *message = vkrErrorString(err->message);
    g_autofree char *str1 = vkrErrorString(err->str1);
    g_autofree char *str2 = vkrErrorString(err->str2);
    g_autofree char *str3 = vkrErrorString(err->str3);
    vkr_error wire = {
        .code = err->code,
        .domain = err->domain,
        .message = message ? &message : NULL,
        .level = err->level,
        .str1 = str1 ? &str1 : NULL,
        .str2 = str2 ? &str2 : NULL,
        .str3 = str3 ? &str3 : NULL,
        .int1 = err->int1,
        .int2 = err->int2,
    };

    vkrHeaderReply(&header, call, VKR_ERROR);
    return vkrMessageEncode(msg, &header, (xdrproc_t)xdr_vkr_error, &wire, error);
}

/**
 * vkrMessageDecodeHeader:
 * @msg: a whole frame
 * @error: where to say why the header is refused
 *
 * Decodes the header of @msg into msg->header.
 *
 * Returns TRUE on success.
 */
gboolean
vkrMessageDecodeHeader(vkrMessage *msg, GError **error)
{
    XDR xdr;
    gboolean ok;

    if (msg->length < VKR_FRAME_MIN) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE,
                    "message of %zu bytes has no header", msg->length);
        return FALSE;
    }
    xdrmem_create(&xdr, msg->buffer + VKR_MESSAGE_LEN_SIZE, VKR_MESSAGE_HEADER_SIZE, XDR_DECODE);
    ok = xdr_vkr_message_header(&xdr, &msg->header);
    xdr_destroy(&xdr);
    if (!ok)
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE, "cannot decode the message header");
    return ok;
}

/**
 * vkrMessageDecodePayload:
 * @msg: a whole frame whose header was decoded
 * @filter: the payload's XDR function
 * @data: where to decode it: zeroed, of the type @filter expects
 * @error: where to say why the payload is refused
 *
 * Decodes the payload of @msg.  On failure nothing is left allocated in
 * @data.  Free a decoded payload with xdr_free(@filter, @data).
 *
 * Returns TRUE on success; FALSE for malformed XDR, a value beyond its
 * protocol limit, or bytes left over.
 */
gboolean
vkrMessageDecodePayload(vkrMessage *msg, xdrproc_t filter, void *data, GError **error)
{
    size_t size = msg->length - VKR_FRAME_MIN;
    XDR xdr;
    gboolean ok;
    size_t used;

    xdrmem_create(&xdr, msg->buffer + VKR_FRAME_MIN, size, XDR_DECODE);
    ok = filter(&xdr, data, 0);
    used = xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    if (!ok) {
        xdr_free(filter, data);
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE,
                    "cannot decode the payload of procedure %d: malformed or beyond a limit",
                    msg->header.proc);
        return FALSE;
    }
    if (used != size) {
        xdr_free(filter, data);
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE,
                    "payload of procedure %d has %zu bytes left over",
                    msg->header.proc, size - used);
        return FALSE;
    }
    return TRUE;
}

static char *
vkrStringDup(vkr_string str)
{
    return str ? g_strdup(*str) : NULL;
}

/**
 * vkrMessageDecodeError:
 * @msg: an error reply whose header was decoded
 * @err: where to store the error (its strings are the caller's to free,
 *       with virResetError())
 * @error: where to say why the payload is refused
 *
 * Decodes the payload of an error reply.
 *
 * Returns TRUE on success.
 */
gboolean
vkrMessageDecodeError(vkrMessage *msg, virError *err, GError **error)
{
    vkr_error wire = { 0 };

    if (!vkrMessageDecodePayload(msg, (xdrproc_t)xdr_vkr_error, &wire, error))
        return FALSE;
    memset(err, 0, sizeof(*err));
    err->code = wire.code;
    err->domain = wire.domain;
    err->level = wire.level;
    err->message = vkrStringDup(wire.message);
    err->str1 = vkrStringDup(wire.str1);
    err->str2 = vkrStringDup(wire.str2);
    err->str3 = vkrStringDup(wire.str3);
    err->int1 = wire.int1;
    err->int2 = wire.int2;
    xdr_free((xdrproc_t)xdr_vkr_error, &wire);
    return TRUE;
}
