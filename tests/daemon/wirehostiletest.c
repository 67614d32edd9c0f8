/*
 * wirehostiletest.c: what no real client sends, sent to virtkitd
 *
 * Frames over 32 MiB or shorter than a header cost their client the
 * connection (the stream cannot be resynchronized); malformed XDR, a
 * string over 4 MiB, a typed parameter of no known type, bytes left over,
 * another program or version cost only the call (an error reply, and the
 * connection goes on).  A cut frame, a client that stops reading and a
 * client that sends replies or leaves its events unread never disturb
 * the others: after each case the daemon serves a fresh client.
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wiretestutils.h"

/* A frame: its length word and header, then @payload. */
static GByteArray *
rawFrame(guint32 lengthWord, unsigned int prog, int proc, int type, const void *payload,
         size_t len)
{
    guint32 words[7] = {
        GUINT32_TO_BE(lengthWord), GUINT32_TO_BE(prog), GUINT32_TO_BE(1),
        GUINT32_TO_BE((guint32)proc), GUINT32_TO_BE((guint32)type), GUINT32_TO_BE(0),
        GUINT32_TO_BE(0),
    };
    GByteArray *frame = g_byte_array_new();

    g_byte_array_append(frame, (const guint8 *)words, sizeof(words));
    if (len)
        g_byte_array_append(frame, payload, len);
    return frame;
}

/* A whole frame of a call with a hand-made payload. */
static GByteArray *
rawCall(int proc, const void *payload, size_t len)
{
    return rawFrame(VKR_FRAME_MIN + len, VKR_REMOTE_PROGRAM, proc, VKR_CALL, payload, len);
}

/* Sends @frame on an open connection: the call must fail with @code and
 * the connection go on. */
static void
assertFrameRefused(GByteArray *frame, int code)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkrMessage *msg;
    virError err = { 0 };

    ck_assert(wireSendRaw(c, frame->data, frame->len));
    ck_assert_ptr_nonnull(msg = wireRecv(c, 30000));
    ck_assert_int_eq(msg->header.type, VKR_REPLY);
    ck_assert_int_eq(msg->header.status, VKR_ERROR);
    ck_assert(vkrMessageDecodeError(msg, &err, NULL));
    ck_assert_msg(err.code == code, "code %d (%s), expected %d", err.code,
                  NULLSTR(err.message), code);
    virResetError(&err);
    vkrMessageFree(msg);
    wireTestAssertLookup(c);
    wireClose(c);
    g_byte_array_unref(frame);
}

/* Sends @data: the daemon must drop the client, and serve others. */
static void
assertDropped(const void *data, size_t len)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);

    wireSendRaw(c, data, len);
    ck_assert_msg(wireClosedByPeer(c, 30000), "the client was not dropped");
    wireClose(c);
    wireTestAssertServes();
}

START_TEST(test_frame_too_large)
{
    guint32 word = GUINT32_TO_BE(VKR_FRAME_MAX + 1);

    assertDropped(&word, sizeof(word));
}
END_TEST

START_TEST(test_frame_too_short)
{
    g_autoptr(GByteArray) frame = rawFrame(VKR_FRAME_MIN - 1, VKR_REMOTE_PROGRAM, 1, 0, NULL, 0);

    assertDropped(frame->data, frame->len);
}
END_TEST

START_TEST(test_frame_zero)
{
    guint32 word = 0;

    assertDropped(&word, sizeof(word));
}
END_TEST

START_TEST(test_not_a_call)
{
    /* a reply, and a stream packet: nothing a daemon can follow */
    g_autoptr(GByteArray) reply = rawFrame(VKR_FRAME_MIN, VKR_REMOTE_PROGRAM, 3, VKR_REPLY,
                                           NULL, 0);
    g_autoptr(GByteArray) stream = rawFrame(VKR_FRAME_MIN, VKR_REMOTE_PROGRAM, 3, VKR_STREAM,
                                            NULL, 0);

    assertDropped(reply->data, reply->len);
    assertDropped(stream->data, stream->len);
}
END_TEST

START_TEST(test_string_too_long)
{
    /* DOMAIN_LOOKUP_BY_NAME with a name of 4 MiB + 1: refused at decoding */
    size_t len = VKR_STRING_MAX + 1;
    g_autofree guint8 *payload = g_malloc0(4 + len + 3);
    guint32 be = GUINT32_TO_BE(len);

    memcpy(payload, &be, 4);
    memset(payload + 4, 'a', len);
    assertFrameRefused(rawCall(VKR_PROC_DOMAIN_LOOKUP_BY_NAME, payload, 4 + len + 3),
                       VIR_ERR_RPC);
}
END_TEST

START_TEST(test_string_at_limit)
{
    /* 4 MiB exactly travels: the library has its own say about it */
    size_t len = VKR_STRING_MAX;
    g_autofree guint8 *payload = g_malloc(4 + len);
    guint32 be = GUINT32_TO_BE(len);
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    g_autoptr(GByteArray) frame = NULL;
    vkrMessage *msg;
    virError err = { 0 };

    memcpy(payload, &be, 4);
    memset(payload + 4, 'a', len);
    frame = rawCall(VKR_PROC_DOMAIN_LOOKUP_BY_NAME, payload, 4 + len);
    ck_assert(wireSendRaw(c, frame->data, frame->len));
    ck_assert_ptr_nonnull(msg = wireRecv(c, 30000));
    ck_assert(vkrMessageDecodeError(msg, &err, NULL));
    ck_assert_int_eq(err.code, VIR_ERR_NO_DOMAIN);
    virResetError(&err);
    vkrMessageFree(msg);
    wireClose(c);
}
END_TEST

START_TEST(test_malformed_xdr)
{
    /* a string whose length says 100 and 8 bytes follow */
    guint32 cut[3] = { GUINT32_TO_BE(100), 0x61616161, 0x61616161 };
    /* a whole string, then bytes no argument claims */
    guint32 extra[3] = { GUINT32_TO_BE(4), 0x74736574, 0xdeadbeef };
    /* NODE_SET_MEMORY_PARAMETERS: one parameter "x" of type 99 */
    guint32 badtype[6] = { GUINT32_TO_BE(1), GUINT32_TO_BE(1), GUINT32_TO_BE(0x78000000),
                           GUINT32_TO_BE(99), 0, 0 };
    /* no payload where CONNECT_LIST_DOMAINS wants an int */
    guint32 nothing[1] = { 0 };

    assertFrameRefused(rawCall(VKR_PROC_DOMAIN_LOOKUP_BY_NAME, cut, sizeof(cut)), VIR_ERR_RPC);
    assertFrameRefused(rawCall(VKR_PROC_DOMAIN_LOOKUP_BY_NAME, extra, sizeof(extra)),
                       VIR_ERR_RPC);
    assertFrameRefused(rawCall(VKR_PROC_NODE_SET_MEMORY_PARAMETERS, badtype, sizeof(badtype)),
                       VIR_ERR_RPC);
    assertFrameRefused(rawCall(VKR_PROC_CONNECT_LIST_DOMAINS, nothing, 0), VIR_ERR_RPC);
}
END_TEST

START_TEST(test_counts_beyond_limits)
{
    /* counts that would size the daemon's buffers */
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkr_domain_get_vcpus_args vcpus = { wireTestDomain(c), 1 << 30, 1 << 20 };
    vkr_int_args list = { -1 };
    vkr_dom_get_params_args params = { vcpus.dom, 1000, 0 };

    wireTestCallFails(c, VKR_PROC_DOMAIN_GET_VCPUS, &vcpus, VIR_ERR_INVALID_ARG);
    vcpus.maxinfo = -1;
    wireTestCallFails(c, VKR_PROC_DOMAIN_GET_VCPUS, &vcpus, VIR_ERR_INVALID_ARG);
    wireTestCallFails(c, VKR_PROC_CONNECT_LIST_DOMAINS, &list, VIR_ERR_INVALID_ARG);
    wireTestCallFails(c, VKR_PROC_DOMAIN_GET_MEMORY_PARAMETERS, &params, VIR_ERR_INVALID_ARG);
    xdr_free((xdrproc_t)xdr_vkr_nonnull_domain, (char *)&vcpus.dom);
    wireClose(c);
}
END_TEST

START_TEST(test_other_program)
{
    /* the QEMU program, and version 2 of REMOTE */
    g_autoptr(GByteArray) qemu = rawFrame(VKR_FRAME_MIN, 0x20008087, 1, VKR_CALL, NULL, 0);
    GByteArray *v2 = rawCall(VKR_PROC_CONNECT_GET_TYPE, NULL, 0);

    v2->data[11] = 2;
    assertFrameRefused(g_byte_array_ref(qemu), VIR_ERR_RPC);
    assertFrameRefused(v2, VIR_ERR_RPC);
}
END_TEST

START_TEST(test_cut_frame)
{
    /* a frame announcing 1000 bytes, 100 sent: first the client stays
     * (others are served meanwhile), then it goes away */
    g_autoptr(GByteArray) frame = rawFrame(1000, VKR_REMOTE_PROGRAM, 3, VKR_CALL, NULL, 0);
    g_autoptr(GByteArray) huge = rawFrame(VKR_FRAME_MAX, VKR_REMOTE_PROGRAM, 3, VKR_CALL, NULL, 0);
    wireClient *c = wireConnect(wireTestDaemon.sock);
    wireClient *d = wireConnect(wireTestDaemon.sock);

    g_byte_array_set_size(frame, 100);
    memset(frame->data + VKR_FRAME_MIN, 'x', frame->len - VKR_FRAME_MIN);
    ck_assert(wireSendRaw(c, frame->data, frame->len));
    /* 32 MiB announced, a header sent: it costs what arrived, not 32 MiB */
    ck_assert(wireSendRaw(d, huge->data, huge->len));
    wireTestAssertServes();
    wireClose(c);
    wireClose(d);
    wireTestAssertServes();
}
END_TEST

START_TEST(test_client_never_reads)
{
    /* calls with sizeable replies, sent until the socket takes no more */
    wireClient *greedy = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    g_autoptr(GByteArray) frame = rawCall(VKR_PROC_CONNECT_GET_CAPABILITIES, NULL, 0);
    int fd = wireFD(greedy);
    size_t sent = 0;
    int i;

    for (i = 0; i < 200000; i++) {
        ssize_t n = send(fd, frame->data, frame->len, MSG_DONTWAIT | MSG_NOSIGNAL);

        if (n < 0)
            break;
        sent += n;
        if ((size_t)n < frame->len)
            break;      /* a cut frame: fine, it is never completed */
    }
    ck_assert_msg(i > 10, "the socket took only %d calls", i);
    wireTestAssertServes();
    wireClose(greedy);
    wireTestAssertServes();
}
END_TEST

START_TEST(test_pings_never_read)
{
    /* keepalive pings, never reading the pongs: not a call, still output
     * the client leaves unread */
    wireClient *c = wireConnect(wireTestDaemon.sock);
    g_autoptr(GByteArray) ping = rawFrame(VKR_FRAME_MIN, VKR_KEEPALIVE_PROGRAM,
                                          VKR_KEEPALIVE_PROC_PING, VKR_MESSAGE, NULL, 0);
    g_autoptr(GByteArray) many = g_byte_array_new();
    int fd = wireFD(c);
    size_t sent = 0;
    int i;

    for (i = 0; i < 4096; i++)
        g_byte_array_append(many, ping->data, ping->len);
    for (i = 0; i < 1000; i++) {
        ssize_t n = send(fd, many->data, many->len, MSG_DONTWAIT | MSG_NOSIGNAL);

        if (n < 0)
            break;
        sent += n;
    }
    ck_assert_msg(i < 1000, "the daemon read %zu bytes of pings whose pongs nobody read", sent);
    wireTestAssertServes();
    wireClose(c);
    wireTestAssertServes();
}
END_TEST

START_TEST(test_events_never_read)
{
    /* a lifecycle callback whose events are never read, while another
     * client suspends and resumes: the others are served all along */
    wireClient *deaf = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    wireClient *actor = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkr_event_callback_register_any_args reg = { .eventID = 0 };
    vkr_int_ret id = { 0 };
    vkr_dom_args dom = { wireTestDomain(actor) };
    virError err = { 0 };
    int i;

    ck_assert_int_eq(wireCall(deaf, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                              &reg, &id, &err), 0);
    for (i = 0; i < 500; i++) {
        ck_assert_int_eq(wireCall(actor, VKR_PROC_DOMAIN_SUSPEND, &dom, NULL, &err), 0);
        ck_assert_int_eq(wireCall(actor, VKR_PROC_DOMAIN_RESUME, &dom, NULL, &err), 0);
    }
    wireTestAssertServes();
    xdr_free((xdrproc_t)xdr_vkr_dom_args, (char *)&dom);
    wireClose(actor);
    wireClose(deaf);
    wireTestAssertServes();
}
END_TEST

START_TEST(test_many_clients_come_and_go)
{
    wireClient *clients[200];
    int i;

    for (i = 0; i < 200; i++)
        clients[i] = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    for (i = 0; i < 200; i += 7)
        wireTestAssertLookup(clients[i]);
    for (i = 0; i < 200; i++)
        wireClose(clients[i]);
    wireTestAssertServes();
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("wirehostile");
    TCase *tc = tcase_create("wirehostile");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_frame_too_large);
    tcase_add_test(tc, test_frame_too_short);
    tcase_add_test(tc, test_frame_zero);
    tcase_add_test(tc, test_not_a_call);
    tcase_add_test(tc, test_string_too_long);
    tcase_add_test(tc, test_string_at_limit);
    tcase_add_test(tc, test_malformed_xdr);
    tcase_add_test(tc, test_counts_beyond_limits);
    tcase_add_test(tc, test_other_program);
    tcase_add_test(tc, test_cut_frame);
    tcase_add_test(tc, test_client_never_reads);
    tcase_add_test(tc, test_pings_never_read);
    tcase_add_test(tc, test_events_never_read);
    tcase_add_test(tc, test_many_clients_come_and_go);
    suite_add_tcase(s, tc);
    return wireTestMain(s, NULL);
}
