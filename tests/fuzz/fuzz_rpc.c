/*
 * fuzz_rpc.c: the frame and XDR decoder of virtkitd (src/rpc)
 *
 * The input is a byte stream as a client would send it, fed to a
 * channel through a socket in pieces (the first byte picks their size, so
 * frames arrive cut anywhere).  Every frame the channel delivers is
 * decoded: its header, then its payload as the arguments and as the
 * result of the procedure it names, and as an error reply.  Properties:
 * the channel refuses only what breaks the framing (a length out of
 * bounds, an end of file inside a frame); a payload that decodes encodes
 * to bytes that decode and encode to the same bytes again; typed
 * parameters convert or are refused with an error; nothing leaks.
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"
#include "rpc_channel.h"
#include "rpc_typedparam.h"

/* Decodes with @filter, and checks encode(decode(x)) is a fixed point. */
static void
fuzzRoundTrip(vkrMessage *msg, xdrproc_t filter, size_t size)
{
    g_autofree char *value = g_malloc0(MAX(size, 1));
    g_autofree char *again = g_malloc0(MAX(size, 1));
    g_autoptr(vkrMessage) first = vkrMessageNew(0);
    g_autoptr(vkrMessage) second = vkrMessageNew(0);

    if (!vkrMessageDecodePayload(msg, filter, value, NULL))
        return;
    FUZZ_CHECK(vkrMessageEncode(first, &msg->header, filter, value, NULL),
               "procedure %d decodes but does not encode", msg->header.proc);
    xdr_free(filter, value);
    FUZZ_CHECK(vkrMessageDecodePayload(first, filter, again, NULL),
               "procedure %d: its own encoding does not decode", msg->header.proc);
    FUZZ_CHECK(vkrMessageEncode(second, &msg->header, filter, again, NULL),
               "procedure %d: encodes once, not twice", msg->header.proc);
    FUZZ_CHECK(first->length == second->length &&
               memcmp(first->buffer, second->buffer, first->length) == 0,
               "procedure %d: two encodings of one value differ", msg->header.proc);
    xdr_free(filter, again);
}

/* The typed parameters a "set" carries, through the API's types. */
static void
fuzzTypedParams(vkrMessage *msg)
{
    vkr_dom_set_params_args args = { { 0 } };
    virTypedParameterPtr params = NULL;
    g_autoptr(GError) err = NULL;
    int n = 0, i;

    if (!vkrMessageDecodePayload(msg, (xdrproc_t)xdr_vkr_dom_set_params_args, &args, NULL))
        return;
    if (vkrTypedParamsFromWire(args.params.params_val, args.params.params_len,
                               VKR_DOMAIN_PARAMETERS_MAX, &params, &n, &err)) {
        for (i = 0; i < n; i++) {
            if (params[i].type == VIR_TYPED_PARAM_STRING)
                g_free(params[i].value.s);
        }
        g_free(params);
    } else {
        FUZZ_CHECK(err != NULL, "typed parameters refused without an error");
    }
    xdr_free((xdrproc_t)xdr_vkr_dom_set_params_args, (char *)&args);
}

static void
fuzzFrame(vkrChannel *ch, vkrMessage *msg, void *opaque)
{
    size_t *delivered = opaque;
    const vkrProc *proc;
    virError err = { 0 };

    *delivered += msg->length;
    FUZZ_CHECK(msg->length >= VKR_FRAME_MIN && msg->length <= VKR_FRAME_MAX,
               "a frame of %zu bytes was delivered", msg->length);
    FUZZ_CHECK(vkrMessageDecodeHeader(msg, NULL), "a whole frame without a header");
    if ((proc = vkrRemoteProcGet(msg->header.proc))) {
        fuzzRoundTrip(msg, proc->args_filter, proc->args_size);
        fuzzRoundTrip(msg, proc->ret_filter, proc->ret_size);
    }
    fuzzRoundTrip(msg, (xdrproc_t)xdr_vkr_error, sizeof(vkr_error));
    if (vkrMessageDecodeError(msg, &err, NULL)) {
        g_free(err.message);
        g_free(err.str1);
        g_free(err.str2);
        g_free(err.str3);
    }
    fuzzTypedParams(msg);
    vkrMessageFree(msg);
}

/* Reads until the channel has nothing more; FALSE once it is finished. */
static gboolean
fuzzDrain(vkrChannel *ch, size_t *delivered)
{
    char scratch[4096];
    g_autoptr(GError) err = NULL;
    int rc;

    while ((rc = vkrChannelRead(ch, scratch, sizeof(scratch), fuzzFrame, delivered, &err)) > 0)
        ;
    if (rc == 0)
        return TRUE;
    FUZZ_CHECK(g_error_matches(err, VKR_RPC_ERROR, VKR_RPC_ERROR_FRAME) ||
               g_error_matches(err, VKR_RPC_ERROR, VKR_RPC_ERROR_EOF),
               "the channel failed for another reason: %s", err->message);
    return FALSE;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t steps[] = { 1 << 20, 1, 3, 7, 28, 100, 4096 };
    g_autoptr(vkrChannel) ch = NULL;
    size_t step, off = 1, delivered = 0;
    gboolean open = TRUE;
    int sv[2];

    if (size < 1 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        return 0;
    step = steps[data[0] % G_N_ELEMENTS(steps)];
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    ch = vkrChannelNew(sv[0]);
    while (open && off < size) {
        ssize_t n = write(sv[1], data + off, MIN(step, size - off));

        if (n > 0)
            off += n;
        open = fuzzDrain(ch, &delivered);
    }
    close(sv[1]);
    while (open)
        open = fuzzDrain(ch, &delivered);
    FUZZ_CHECK(delivered <= size - 1, "%zu bytes of frames from %zu bytes", delivered, size - 1);
    return 0;
}
