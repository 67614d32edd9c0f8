/*
 * vkd_dispatch.c: one call, from its frame to its reply
 *
 * On a worker thread: find the procedure, check that the client may call
 * it now, decode the arguments, run the handler, and send the result or
 * the error.  Every failure becomes an error reply the client can read;
 * only a client that broke the framing is dropped (by the I/O loop).
 * A procedure virtkit does not know answers VIR_ERR_NO_SUPPORT: clients
 * fall back to older procedures on exactly that code.
 */
#include "internal.h"

#include <stdarg.h>

#include "vkd_client.h"
#include "vkd_dispatch.h"
#include "vkd_server.h"

/* Arguments and results are decoded into these: every structure of the
 * protocol is small (its arrays and strings are pointers). */
#define VKD_CALL_BUFFER 512

/* Texts of the codes the daemon raises itself, as the library spells them. */
static const char *
vkdErrorText(int code)
{
    switch (code) {
    case VIR_ERR_NO_SUPPORT:
        return "this function is not supported by the connection driver";
    case VIR_ERR_INVALID_ARG:
        return "invalid argument";
    case VIR_ERR_OPERATION_DENIED:
        return "operation forbidden";
    case VIR_ERR_RPC:
        return "RPC error";
    case VIR_ERR_NO_CONNECT:
        return "no connection driver available";
    default:
        return "internal error";
    }
}

/**
 * vkdCallError:
 * @call: the call that fails
 * @code: a virErrorNumber
 * @fmt: printf-style format of what was wrong
 *
 * Sets the error @call answers with, for failures of the daemon's own
 * (the library's errors are picked up from the thread's last error).
 */
void
vkdCallError(vkdCall *call, int code, const char *fmt, ...)
{
    va_list args;
    char *detail;

    va_start(args, fmt);
    detail = g_strdup_vprintf(fmt, args);
    va_end(args);
    virResetError(&call->err);
    call->err.code = code;
    call->err.domain = VIR_FROM_RPC;
    call->err.level = VIR_ERR_ERROR;
    call->err.message = g_strdup_printf("%s: %s", vkdErrorText(code), detail);
    call->err.str1 = detail;
}

/* The error to answer with: the daemon's own, else the library's. */
static const virError *
vkdCallGetError(vkdCall *call)
{
    virErrorPtr last;

    if (call->err.code != VIR_ERR_OK)
        return &call->err;
    if ((last = virGetLastError()) && last->code != VIR_ERR_OK)
        return last;
    vkdCallError(call, VIR_ERR_INTERNAL_ERROR, "procedure %s failed without saying why",
                 call->proc->name);
    return &call->err;
}

/* The version of each program virtkitd serves; 0 for another program. */
static unsigned int
vkdProgramVersion(unsigned int prog, const char **name)
{
    switch (prog) {
    case VKR_REMOTE_PROGRAM:
        *name = "the remote protocol";
        return VKR_REMOTE_VERSION;
    case VKR_VIRTKIT_PROGRAM:
        *name = "virtkit's program";
        return VKR_VIRTKIT_VERSION;
    default:
        return 0;
    }
}

/* Checks what is not about the arguments; FALSE with the error set. */
static gboolean
vkdCallAdmit(vkdCall *call, const vkr_message_header *hdr)
{
    const char *prog = NULL;
    unsigned int version = vkdProgramVersion(hdr->prog, &prog);

    if (version == 0) {
        vkdCallError(call, VIR_ERR_RPC, "virtkitd serves no program 0x%x", hdr->prog);
        return FALSE;
    }
    if (hdr->vers != version) {
        vkdCallError(call, VIR_ERR_RPC, "virtkitd serves version %u of %s, not %u",
                     version, prog, hdr->vers);
        return FALSE;
    }
    if (!call->proc || !call->entry) {
        vkdCallError(call, VIR_ERR_NO_SUPPORT, "procedure %d of %s is not served by virtkitd",
                     hdr->proc, prog);
        return FALSE;
    }
    if (call->proc->args_size > VKD_CALL_BUFFER || call->proc->ret_size > VKD_CALL_BUFFER) {
        vkdCallError(call, VIR_ERR_INTERNAL_ERROR, "procedure %s is too large to serve",
                     call->proc->name);
        return FALSE;
    }
    if (!(call->entry->flags & VKD_PROC_BEFORE_OPEN) &&
        !(call->conn = vkdClientGetConn(call->client))) {
        vkdCallError(call, VIR_ERR_INTERNAL_ERROR, "%s: no connection is open (CONNECT_OPEN first)",
                     call->proc->name);
        return FALSE;
    }
    return TRUE;
}

/* Decodes, runs the handler; FALSE with the error set.  @ret holds a
 * result to send when TRUE. */
static gboolean
vkdCallRun(vkdCall *call, vkrMessage *msg, void *args, void *ret)
{
    g_autoptr(GError) err = NULL;
    int rc;

    memset(args, 0, call->proc->args_size);
    if (!vkrMessageDecodePayload(msg, call->proc->args_filter, args, &err)) {
        vkdCallError(call, VIR_ERR_RPC, "%s", err->message);
        return FALSE;
    }
    call->args = args;
    call->ret = ret;
    virResetLastError();
    rc = call->entry->handler(call);
    xdr_free(call->proc->args_filter, args);
    return rc >= 0;
}

/* Encodes the reply into @msg (reusing its buffer); on failure, an error
 * reply saying why. */
static void
vkdCallReply(vkdCall *call, vkrMessage *msg, const vkr_message_header *hdr, bool ok, void *ret)
{
    g_autoptr(GError) err = NULL;
    vkr_message_header reply;

    if (ok) {
        vkrHeaderReply(&reply, hdr, VKR_OK);
        ok = vkrMessageEncode(msg, &reply, call->proc->ret_filter, ret, &err);
        if (!ok)
            vkdCallError(call, VIR_ERR_RPC, "%s", err->message);
    }
    if (call->proc)
        xdr_free(call->proc->ret_filter, ret);
    if (!ok && !vkrMessageEncodeError(msg, hdr, vkdCallGetError(call), &err)) {
        g_warning("client %llu: cannot encode an error: %s", call->client->id, err->message);
        vkrMessageFree(msg);
        msg = NULL;
    }
    vkdClientSend(call->client, msg, true);
}

/**
 * vkdDispatchCall:
 * @client: the client
 * @msg: its call, header decoded (taken; its buffer carries the reply)
 *
 * Serves one call and sends the reply.
 */
void
vkdDispatchCall(vkdClient *client, vkrMessage *msg)
{
    union {
        char bytes[VKD_CALL_BUFFER];
        double align;
        void *ptr;
    } args, ret;
    vkr_message_header hdr = msg->header;
    vkdCall call = {
        .client = client,
        .proc = vkrProcGet(hdr.prog, hdr.proc),
        .entry = vkdProcLookup(hdr.prog, hdr.proc),
    };
    bool ok;

    memset(&ret, 0, sizeof(ret));
    ok = vkdCallAdmit(&call, &hdr) && vkdCallRun(&call, msg, &args, &ret);
    if (!ok)
        g_debug("client %llu: %s: %s", client->id, call.proc ? call.proc->name : "?",
                vkdCallGetError(&call)->message);
    vkdCallReply(&call, msg, &hdr, ok, &ret);
    if (call.conn)
        virConnectClose(call.conn);
    virResetError(&call.err);
}
