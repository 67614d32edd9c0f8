/*
 * rpc_channel.c: messages over one non-blocking stream socket
 *
 * Reading: one read() per call, into the caller's scratch buffer, so that
 * an idle channel holds no buffer and one read usually brings whole
 * frames; those are copied into messages of exactly their size.  The
 * rest of a frame that did not arrive whole is read straight into its
 * message, whose buffer grows with what arrives rather than with what
 * the length word promises: a peer that announces 32 MiB and sends 100
 * bytes costs 64 KiB, not 32 MiB.
 *
 * Writing: a message is written at once when nothing is queued before
 * it, and whatever the socket did not take waits in the queue for
 * vkrChannelFlush().
 *
 * A transport (vkrChannelSetTransport) takes the place of read() and
 * send(); the only difference it makes above is that it may hold bytes
 * already taken from the socket, so a read goes on while it does.
 */
#include "internal.h"

#include <sys/socket.h>
#include <unistd.h>

#include "rpc_channel.h"
#include "virthread.h"

/* The first buffer of a frame that did not arrive whole. */
#define VKR_CHANNEL_PARTIAL_INITIAL 65536

/* The smallest buffer of a frame that arrived whole. */
#define VKR_CHANNEL_WHOLE_MIN 512

struct _vkrChannel {
    int fd;
    bool notSocket;             /* send() said ENOTSOCK: a pipe, use write() */
    const vkrChannelTransport *transport;   /* or NULL: the descriptor itself */
    void *transportData;

    /* input: only the reading thread touches these */
    char word[VKR_MESSAGE_LEN_SIZE];
    size_t wordLen;             /* bytes of the next length word read so far */
    vkrMessage *in;             /* a frame read in part */

    /* output */
    virMutex lock;
    vkrMessage *head;
    vkrMessage *tail;
    size_t queued;              /* bytes still to write */
};

/**
 * vkrChannelNew:
 * @fd: a connected, non-blocking stream socket (or pipe); the channel
 *      owns it from now on
 *
 * Returns a new channel.
 */
vkrChannel *
vkrChannelNew(int fd)
{
    vkrChannel *ch = g_new0(vkrChannel, 1);

    ch->fd = fd;
    virMutexInit(&ch->lock);
    return ch;
}

/**
 * vkrChannelSetTransport:
 * @ch: a channel that has not read or written yet
 * @transport: the layer to read and write through (static), or NULL
 * @opaque: passed to its functions; the caller keeps it alive while the
 *          channel is
 *
 * Puts @transport between the frames and the descriptor.
 */
void
vkrChannelSetTransport(vkrChannel *ch, const vkrChannelTransport *transport, void *opaque)
{
    ch->transport = transport;
    ch->transportData = opaque;
}

/**
 * vkrChannelFree:
 * @ch: a channel, or NULL
 *
 * Closes the descriptor and drops what was read or queued.
 */
void
vkrChannelFree(vkrChannel *ch)
{
    vkrMessage *msg;

    if (!ch)
        return;
    while ((msg = ch->head)) {
        ch->head = msg->next;
        vkrMessageFree(msg);
    }
    vkrMessageFree(ch->in);
    if (ch->fd >= 0)
        close(ch->fd);
    virMutexDestroy(&ch->lock);
    g_free(ch);
}

/**
 * vkrChannelGetFD:
 * @ch: a channel
 *
 * Returns the descriptor, for the owner's poll loop.
 */
int
vkrChannelGetFD(vkrChannel *ch)
{
    return ch->fd;
}

/**
 * vkrChannelShutdown:
 * @ch: a channel
 *
 * Shuts the socket down both ways without closing it: the peer sees the
 * end, and a send from another thread fails instead of writing into a
 * descriptor number that could already name another socket.
 */
void
vkrChannelShutdown(vkrChannel *ch)
{
    shutdown(ch->fd, SHUT_RDWR);
}

/**
 * vkrChannelReadingFrame:
 * @ch: a channel
 *
 * Returns TRUE while a frame has been read in part: an end of file now
 * would cut it.
 */
gboolean
vkrChannelReadingFrame(vkrChannel *ch)
{
    return ch->wordLen > 0 || ch->in != NULL;
}

/* Starts the frame whose length word is complete; @avail bytes of it are
 * at hand. */
static gboolean
vkrChannelStartFrame(vkrChannel *ch, size_t avail, GError **error)
{
    size_t length;
    size_t capacity;

    if (!vkrFrameLength(ch->word, &length, error))
        return FALSE;
    /* a frame at hand gets its size, and room for a small reply to be
     * encoded in its place (a daemon answers in the call's buffer) */
    capacity = avail + VKR_MESSAGE_LEN_SIZE >= length ? MAX(length, VKR_CHANNEL_WHOLE_MIN) :
               MIN(length, MAX(VKR_CHANNEL_PARTIAL_INITIAL, avail + VKR_MESSAGE_LEN_SIZE));
    ch->in = vkrMessageNew(capacity);
    ch->in->length = length;
    memcpy(ch->in->buffer, ch->word, VKR_MESSAGE_LEN_SIZE);
    ch->in->done = VKR_MESSAGE_LEN_SIZE;
    ch->wordLen = 0;
    return TRUE;
}

/* Hands the frame over once it is whole. */
static void
vkrChannelMaybeDeliver(vkrChannel *ch, vkrChannelMessageFunc deliver, void *opaque)
{
    vkrMessage *msg = ch->in;

    if (msg->done < msg->length)
        return;
    ch->in = NULL;
    msg->done = 0;
    deliver(ch, msg, opaque);
}

/* Cuts @len bytes of @data into frames. */
static gboolean
vkrChannelConsume(vkrChannel *ch, const char *data, size_t len,
                  vkrChannelMessageFunc deliver, void *opaque, GError **error)
{
    while (len > 0) {
        size_t n;

        if (!ch->in) {
            n = MIN(len, VKR_MESSAGE_LEN_SIZE - ch->wordLen);
            memcpy(ch->word + ch->wordLen, data, n);
            ch->wordLen += n;
            data += n;
            len -= n;
            if (ch->wordLen < VKR_MESSAGE_LEN_SIZE)
                return TRUE;
            if (!vkrChannelStartFrame(ch, len, error))
                return FALSE;
        }
        n = MIN(len, ch->in->length - ch->in->done);
        if (ch->in->done + n > ch->in->capacity) {
            ch->in->capacity = MIN(ch->in->length, MAX(ch->in->capacity * 2, ch->in->done + n));
            ch->in->buffer = g_realloc(ch->in->buffer, ch->in->capacity);
        }
        memcpy(ch->in->buffer + ch->in->done, data, n);
        ch->in->done += n;
        data += n;
        len -= n;
        vkrChannelMaybeDeliver(ch, deliver, opaque);
    }
    return TRUE;
}

static ssize_t
vkrChannelReadRaw(vkrChannel *ch, char *buf, size_t len)
{
    if (ch->transport)
        return ch->transport->read(ch->transportData, buf, len);
    return read(ch->fd, buf, len);
}

/* Reads the rest of a large frame straight into its buffer. */
static ssize_t
vkrChannelReadInto(vkrChannel *ch)
{
    vkrMessage *msg = ch->in;

    if (msg->done == msg->capacity) {
        msg->capacity = MIN(msg->length, msg->capacity * 2);
        msg->buffer = g_realloc(msg->buffer, msg->capacity);
    }
    return vkrChannelReadRaw(ch, msg->buffer + msg->done, msg->capacity - msg->done);
}

/* One read: what vkrChannelRead() returns. */
static int
vkrChannelReadOnce(vkrChannel *ch, char *scratch, size_t scratchlen,
                   vkrChannelMessageFunc deliver, void *opaque, GError **error)
{
    bool direct = ch->in && ch->in->length - ch->in->done >= scratchlen;
    ssize_t got;

    do {
        got = direct ? vkrChannelReadInto(ch) : vkrChannelReadRaw(ch, scratch, scratchlen);
    } while (got < 0 && errno == EINTR);

    if (got < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO, "cannot read: %s", g_strerror(errno));
        return -1;
    }
    if (got == 0) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_EOF, "%s",
                    vkrChannelReadingFrame(ch) ? "the peer closed the connection inside a frame" :
                                                 "the peer closed the connection");
        return -1;
    }
    if (direct) {
        ch->in->done += got;
        vkrChannelMaybeDeliver(ch, deliver, opaque);
        return 1;
    }
    return vkrChannelConsume(ch, scratch, got, deliver, opaque, error) ? 1 : -1;
}

/**
 * vkrChannelRead:
 * @ch: a channel
 * @scratch: a buffer the caller lends for this call (one per I/O thread
 *           serves all its channels)
 * @scratchlen: its size; 64 KiB is plenty
 * @deliver: called with each frame completed by this read
 * @opaque: passed to @deliver
 * @error: where to say why the channel is finished
 *
 * Reads once from the socket, and on while a transport holds bytes it
 * already took from it (poll would not wake the owner for them).
 *
 * Returns 1 when it read something, 0 when the socket had nothing yet,
 * -1 when the channel is finished: the peer closed it (VKR_RPC_ERROR_EOF,
 * also when it cut a frame), the socket failed, or a length word was out
 * of bounds (the stream cannot be resynchronized).
 */
int
vkrChannelRead(vkrChannel *ch, char *scratch, size_t scratchlen,
               vkrChannelMessageFunc deliver, void *opaque, GError **error)
{
    int ret = vkrChannelReadOnce(ch, scratch, scratchlen, deliver, opaque, error);

    while (ret > 0 && ch->transport && ch->transport->pending(ch->transportData) > 0) {
        if (vkrChannelReadOnce(ch, scratch, scratchlen, deliver, opaque, error) < 0)
            return -1;
    }
    return ret;
}

static ssize_t
vkrChannelWrite(vkrChannel *ch, const char *data, size_t len)
{
    ssize_t done;

    do {
        if (ch->transport) {
            done = ch->transport->write(ch->transportData, data, len);
        } else if (ch->notSocket) {
            done = write(ch->fd, data, len);
        } else {
            done = send(ch->fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (done < 0 && errno == ENOTSOCK) {
                ch->notSocket = true;
                done = write(ch->fd, data, len);
            }
        }
    } while (done < 0 && errno == EINTR);
    return done;
}

/* Writes from the head of the queue; the lock is held. */
static int
vkrChannelFlushLocked(vkrChannel *ch, GError **error)
{
    vkrMessage *msg;

    while ((msg = ch->head)) {
        ssize_t done = vkrChannelWrite(ch, msg->buffer + msg->done, msg->length - msg->done);

        if (done < 0) {
            int saved = errno;

            if (saved == EAGAIN || saved == EWOULDBLOCK)
                return 0;
            g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO,
                        "cannot write: %s", g_strerror(saved));
            errno = saved;      /* for a caller that words it its own way */
            return -1;
        }
        msg->done += done;
        ch->queued -= done;
        if (msg->done < msg->length)
            return 0;
        ch->head = msg->next;
        if (!ch->head)
            ch->tail = NULL;
        vkrMessageFree(msg);
    }
    return 1;
}

/**
 * vkrChannelSend:
 * @ch: a channel
 * @msg: an encoded message; the channel takes it, also on failure
 * @error: where to say why the channel is finished
 *
 * Queues @msg after what is already queued, and writes what the socket
 * takes without blocking.
 *
 * Returns 1 when everything queued is written, 0 when some waits for
 * vkrChannelFlush() (poll for writability), -1 when the socket failed.
 */
int
vkrChannelSend(vkrChannel *ch, vkrMessage *msg, GError **error)
{
    int ret, saved;

    msg->done = 0;
    msg->next = NULL;
    virMutexLock(&ch->lock);
    if (ch->tail)
        ch->tail->next = msg;
    else
        ch->head = msg;
    ch->tail = msg;
    ch->queued += msg->length;
    ret = ch->head == msg ? vkrChannelFlushLocked(ch, error) : 0;
    saved = errno;
    virMutexUnlock(&ch->lock);
    errno = saved;              /* the write's, on failure */
    return ret;
}

/**
 * vkrChannelFlush:
 * @ch: a channel
 * @error: where to say why the channel is finished
 *
 * Writes what the socket takes of the queue, without blocking.
 *
 * Returns 1 when the queue is empty, 0 when some remains, -1 when the
 * socket failed.
 */
int
vkrChannelFlush(vkrChannel *ch, GError **error)
{
    int ret, saved;

    virMutexLock(&ch->lock);
    ret = vkrChannelFlushLocked(ch, error);
    saved = errno;
    virMutexUnlock(&ch->lock);
    errno = saved;              /* the write's, on failure */
    return ret;
}

/**
 * vkrChannelQueued:
 * @ch: a channel
 *
 * Returns the number of bytes queued and not yet written.
 */
size_t
vkrChannelQueued(vkrChannel *ch)
{
    size_t queued;

    virMutexLock(&ch->lock);
    queued = ch->queued;
    virMutexUnlock(&ch->lock);
    return queued;
}
