/*
 * wiretest.c: virtkitd on the wire, frame by frame
 *
 * The built daemon on sockets in a temporary directory, spoken to with
 * the RPC layer's own messages: the handshake real clients send, the
 * traps of the protocol (serials from 0, chars widened to 4 bytes, the
 * error reply's type and status), NO_SUPPORT for what virtkit does not
 * serve, keepalive both ways, read-only sockets and connections, and
 * hostile input: oversized, short, cut and malformed frames, strings over
 * 4 MiB, a client that never reads.  After each hostile case the daemon
 * must still serve a fresh client.
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wiretestutils.h"

START_TEST(test_handshake)
{
    wireClient *c = wireConnect(wireTestDaemon.sock);
    vkr_auth_list_ret auth = { { 0 } };
    vkr_int_args feature = { 0 };
    vkr_int_ret supported = { 0 };
    virError err = { 0 };
    static const int features[][2] = { { 10, 1 }, { 14, 1 }, { 15, 1 }, { 9, 1 }, { 1, 0 } };
    size_t i;

    /* virsh's order: AUTH_LIST, the keepalive probe, CONNECT_OPEN, features */
    ck_assert_int_eq(wireCall(c, VKR_PROC_AUTH_LIST, NULL, &auth, &err), 0);
    ck_assert_uint_eq(auth.types.types_len, 1);
    ck_assert_int_eq(auth.types.types_val[0], 0);
    xdr_free((xdrproc_t)xdr_vkr_auth_list_ret, &auth);
    for (i = 0; i < G_N_ELEMENTS(features); i++) {
        feature.num = features[i][0];
        ck_assert_int_eq(wireCall(c, VKR_PROC_CONNECT_SUPPORTS_FEATURE, &feature, &supported,
                                  &err), 0);
        ck_assert_msg(supported.num == features[i][1], "feature %d: %d", feature.num,
                      supported.num);
    }
    ck_assert_int_eq(wireOpen(c, "test:///default", 0), 0);
    ck_assert_int_eq(wireCall(c, VKR_PROC_CONNECT_REGISTER_CLOSE_CALLBACK, NULL, NULL, &err), 0);
    ck_assert_int_eq(wireCall(c, VKR_PROC_CONNECT_CLOSE, NULL, NULL, &err), 0);
    /* closed: what needs the connection is refused, the client stays */
    wireTestCallFails(c, VKR_PROC_CONNECT_GET_TYPE, NULL, VIR_ERR_INTERNAL_ERROR);
    wireClose(c);
}
END_TEST

START_TEST(test_reply_header)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    unsigned int serial = wireSend(c, VKR_REMOTE_PROGRAM, VKR_PROC_NODE_GET_INFO, VKR_CALL,
                                   VKR_XDR_VOID, NULL);
    vkrMessage *msg = wireRecv(c, 10000);

    ck_assert_ptr_nonnull(msg);
    ck_assert_uint_eq(msg->header.prog, VKR_REMOTE_PROGRAM);
    ck_assert_uint_eq(msg->header.vers, 1);
    ck_assert_int_eq(msg->header.proc, VKR_PROC_NODE_GET_INFO);
    ck_assert_uint_eq(msg->header.serial, serial);
    ck_assert_int_eq(msg->header.type, VKR_REPLY);
    ck_assert_int_eq(msg->header.status, VKR_OK);
    /* char model[32] is 128 bytes: each char travels as 4 */
    ck_assert_uint_eq(msg->length, VKR_FRAME_MIN + 32 * 4 + 8 + 6 * 4);
    vkrMessageFree(msg);
    wireClose(c);
}
END_TEST

START_TEST(test_domain_info_widening)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkr_dom_args args = { wireTestDomain(c) };
    vkrMessage *msg;

    wireSend(c, VKR_REMOTE_PROGRAM, VKR_PROC_DOMAIN_GET_INFO, VKR_CALL,
             (xdrproc_t)xdr_vkr_dom_args, &args);
    msg = wireRecv(c, 10000);
    ck_assert_ptr_nonnull(msg);
    /* unsigned char state and unsigned short nrVirtCpu: 4 bytes each */
    ck_assert_uint_eq(msg->length, VKR_FRAME_MIN + 4 + 8 + 8 + 4 + 8);
    vkrMessageFree(msg);
    xdr_free((xdrproc_t)xdr_vkr_dom_args, &args);
    wireClose(c);
}
END_TEST

START_TEST(test_error_reply)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    char *name = (char *)"nosuch";
    vkr_string_args args = { name };
    vkrMessage *msg;
    virError err = { 0 };

    wireSend(c, VKR_REMOTE_PROGRAM, VKR_PROC_DOMAIN_LOOKUP_BY_NAME, VKR_CALL,
             (xdrproc_t)xdr_vkr_string_args, &args);
    msg = wireRecv(c, 10000);
    ck_assert_ptr_nonnull(msg);
    /* REPLY and ERROR, not the MESSAGE / OK of rpc.rst's example */
    ck_assert_int_eq(msg->header.type, VKR_REPLY);
    ck_assert_int_eq(msg->header.status, VKR_ERROR);
    ck_assert(vkrMessageDecodeError(msg, &err, NULL));
    ck_assert_int_eq(err.code, VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(err.domain, VIR_FROM_TEST);
    ck_assert_int_eq(err.level, VIR_ERR_ERROR);
    ck_assert_ptr_nonnull(strstr(err.message, "'nosuch'"));
    virResetError(&err);
    vkrMessageFree(msg);
    wireTestAssertLookup(c);    /* the connection goes on */
    wireClose(c);
}
END_TEST

START_TEST(test_not_served)
{
    /* unknown numbers, and the older event registrations (a client that
     * hears feature 14 supported uses 316) */
    static const int procs[] = { 9999, 39, 105, 106, 167, 168, 441 };
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(procs); i++)
        wireTestCallFails(c, procs[i], NULL, VIR_ERR_NO_SUPPORT);
    wireTestAssertLookup(c);
    wireClose(c);
}
END_TEST

START_TEST(test_before_open)
{
    wireClient *c = wireConnect(wireTestDaemon.sock);
    vkr_list_all_domains_args list = { 1, 0 };

    wireTestCallFails(c, VKR_PROC_CONNECT_GET_TYPE, NULL, VIR_ERR_INTERNAL_ERROR);
    wireTestCallFails(c, VKR_PROC_CONNECT_LIST_ALL_DOMAINS, &list, VIR_ERR_INTERNAL_ERROR);
    ck_assert_int_eq(wireOpen(c, "test:///default", 0), 0);
    ck_assert_int_eq(wireOpen(c, "test:///default", 0), VIR_ERR_OPERATION_INVALID);
    ck_assert_int_eq(wireOpen(c, NULL, 0), VIR_ERR_OPERATION_INVALID);
    wireClose(c);
    /* a URI the library refuses is the library's error */
    c = wireConnect(wireTestDaemon.sock);
    ck_assert_int_eq(wireOpen(c, "nosuch:///system", 0), VIR_ERR_NO_CONNECT);
    wireClose(c);
}
END_TEST

START_TEST(test_keepalive_pong)
{
    wireClient *c = wireConnect(wireTestDaemon.sock);
    vkrMessage *msg;

    wireSend(c, VKR_KEEPALIVE_PROGRAM, VKR_KEEPALIVE_PROC_PING, VKR_MESSAGE, VKR_XDR_VOID, NULL);
    ck_assert_ptr_nonnull(msg = wireRecv(c, 10000));
    ck_assert_uint_eq(msg->header.prog, VKR_KEEPALIVE_PROGRAM);
    ck_assert_int_eq(msg->header.proc, VKR_KEEPALIVE_PROC_PONG);
    ck_assert_int_eq(msg->header.type, VKR_MESSAGE);
    ck_assert_uint_eq(msg->header.serial, 0);
    ck_assert_int_eq(msg->header.status, VKR_OK);
    ck_assert_uint_eq(msg->length, VKR_FRAME_MIN);
    vkrMessageFree(msg);
    wireClose(c);
}
END_TEST

/* A client that asked for keepalive and answers is kept; one that stops
 * answering is dropped after keepalive_count pings. */
START_TEST(test_keepalive_ping)
{
    wireClient *quiet = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    wireClient *live = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkr_int_args feature = { 10 };
    vkr_int_ret supported = { 0 };
    virError err = { 0 };
    vkrMessage *msg;
    int pings = 0;

    ck_assert_int_eq(wireCall(quiet, VKR_PROC_CONNECT_SUPPORTS_FEATURE, &feature, &supported,
                              &err), 0);
    ck_assert_int_eq(wireCall(live, VKR_PROC_CONNECT_SUPPORTS_FEATURE, &feature, &supported,
                              &err), 0);
    while (pings < 4 && (msg = wireRecv(live, 10000))) {
        ck_assert_uint_eq(msg->header.prog, VKR_KEEPALIVE_PROGRAM);
        ck_assert_int_eq(msg->header.proc, VKR_KEEPALIVE_PROC_PING);
        ck_assert_int_eq(msg->header.type, VKR_MESSAGE);
        wireSend(live, VKR_KEEPALIVE_PROGRAM, VKR_KEEPALIVE_PROC_PONG, VKR_MESSAGE,
                 VKR_XDR_VOID, NULL);
        vkrMessageFree(msg);
        pings++;
    }
    ck_assert_int_eq(pings, 4);
    ck_assert_msg(wireClosedByPeer(quiet, 20000), "a client that never answered is still there");
    wireTestAssertLookup(live);
    wireClose(quiet);
    wireClose(live);
}
END_TEST

START_TEST(test_pipelined)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    char *name = (char *)"test";
    vkr_string_args args = { name };
    bool seen[40] = { false };
    unsigned int first = 0;
    int i;

    /* more calls than max_client_requests, sent before any reply is read */
    for (i = 0; i < 40; i++) {
        unsigned int serial = wireSend(c, VKR_REMOTE_PROGRAM, VKR_PROC_DOMAIN_LOOKUP_BY_NAME,
                                       VKR_CALL, (xdrproc_t)xdr_vkr_string_args, &args);
        if (i == 0)
            first = serial;
    }
    for (i = 0; i < 40; i++) {
        vkrMessage *msg = wireRecv(c, 10000);

        ck_assert_ptr_nonnull(msg);
        ck_assert_int_eq(msg->header.status, VKR_OK);
        ck_assert_uint_lt(msg->header.serial - first, 40);
        ck_assert(!seen[msg->header.serial - first]);
        seen[msg->header.serial - first] = true;
        vkrMessageFree(msg);
    }
    wireClose(c);
}
END_TEST

/* A call that blocks its worker (CONNECT_OPEN of a node file that is a
 * FIFO: the driver's open waits for a writer) holds up nobody: other
 * clients are served, and the I/O loop answers the blocked client's own
 * keepalive meanwhile. */
START_TEST(test_slow_call)
{
    g_autofree char *fifo = g_build_filename(wireTestDaemon.dir, "node.xml", NULL);
    g_autofree char *uri = g_strdup_printf("test://%s", fifo);
    g_autofree char *node = testLoadFile("virtsh/node.xml");
    char *name = uri;
    vkr_connect_open_args args = { &name, 0 };
    wireClient *slow = wireConnect(wireTestDaemon.sock);
    vkrMessage *msg;
    unsigned int serial;
    int i, fd;

    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    serial = wireSend(slow, VKR_REMOTE_PROGRAM, VKR_PROC_CONNECT_OPEN, VKR_CALL,
                      (xdrproc_t)xdr_vkr_connect_open_args, &args);
    ck_assert_ptr_null(wireRecv(slow, 500));
    for (i = 0; i < 10; i++)
        wireTestAssertServes();
    wireSend(slow, VKR_KEEPALIVE_PROGRAM, VKR_KEEPALIVE_PROC_PING, VKR_MESSAGE, VKR_XDR_VOID, NULL);
    ck_assert_ptr_nonnull(msg = wireRecv(slow, 10000));
    ck_assert_int_eq(msg->header.proc, VKR_KEEPALIVE_PROC_PONG);
    vkrMessageFree(msg);
    /* the writer comes: the call completes */
    ck_assert_int_ge(fd = open(fifo, O_WRONLY), 0);
    ck_assert_int_eq(write(fd, node, strlen(node)), strlen(node));
    close(fd);
    ck_assert_ptr_nonnull(msg = wireRecv(slow, 30000));
    ck_assert_uint_eq(msg->header.serial, serial);
    ck_assert_int_eq(msg->header.status, VKR_OK);
    vkrMessageFree(msg);
    wireClose(slow);
}
END_TEST

static void
assertSuspendRefused(wireClient *c)
{
    vkr_dom_args args = { wireTestDomain(c) };
    vkr_domain_get_state_ret state = { 0 };
    vkr_dom_flags_args get = { args.dom, 0 };
    virError err = { 0 };

    wireTestCallFails(c, VKR_PROC_DOMAIN_SUSPEND, &args, VIR_ERR_OPERATION_DENIED);
    wireTestCallFails(c, VKR_PROC_DOMAIN_DESTROY, &args, VIR_ERR_OPERATION_DENIED);
    ck_assert_int_eq(wireCall(c, VKR_PROC_DOMAIN_GET_STATE, &get, &state, &err), 0);
    ck_assert_int_eq(state.state, VIR_DOMAIN_RUNNING);
    xdr_free((xdrproc_t)xdr_vkr_dom_args, (char *)&args);
}

START_TEST(test_readonly_socket)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sockRO, "test:///default", 0);

    assertSuspendRefused(c);
    wireClose(c);
}
END_TEST

START_TEST(test_readonly_flag)
{
    /* the remote driver's own flags: 1 read-only; 2 (user) and 4
     * (autostart) mean nothing to the daemon */
    wireClient *ro = wireTestOpen(wireTestDaemon.sock, "test:///default", 7);
    wireClient *rw = wireTestOpen(wireTestDaemon.sock, "test:///default", 6);
    vkr_dom_args args = { wireTestDomain(rw) };
    virError err = { 0 };

    assertSuspendRefused(ro);
    ck_assert_int_eq(wireCall(rw, VKR_PROC_DOMAIN_SUSPEND, &args, NULL, &err), 0);
    ck_assert_int_eq(wireCall(rw, VKR_PROC_DOMAIN_RESUME, &args, NULL, &err), 0);
    xdr_free((xdrproc_t)xdr_vkr_dom_args, (char *)&args);
    wireClose(ro);
    wireClose(rw);
}
END_TEST

/* On the read-only socket, anyone may connect: a process that is not
 * root may open the host's drivers, not a root or a file of its choice. */
START_TEST(test_readonly_uri)
{
    pid_t pid;
    int status;

    if (geteuid() != 0) {
        printf("SKIP: test_readonly_uri needs root, to become another user\n");
        return;
    }
    if ((pid = fork()) == 0) {
        wireClient *c;

        if (setgid(65534) < 0 || setuid(65534) < 0)
            _exit(10);
        if (!(c = wireConnect(wireTestDaemon.sockRO)))
            _exit(11);
        if (wireOpen(c, "test:///embed?root=/etc", 0) != VIR_ERR_OPERATION_DENIED)
            _exit(12);
        wireClose(c);
        if (!(c = wireConnect(wireTestDaemon.sockRO)) || wireOpen(c, "test:///default", 0) != 0)
            _exit(13);
        wireClose(c);
        /* the read-write socket is not for it at all */
        _exit(wireConnect(wireTestDaemon.sock) ? 14 : 0);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
}
END_TEST

START_TEST(test_credentials_logged)
{
    wireClient *c = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    g_autofree char *want = g_strdup_printf("pid %d, uid %d, gid %d", (int)getpid(),
                                            (int)getuid(), (int)getgid());
    int i;

    for (i = 0; i < 100; i++) {
        g_autofree char *log = NULL;

        if (g_file_get_contents(wireTestDaemon.log, &log, NULL, NULL) && strstr(log, want))
            break;
        g_usleep(50000);
    }
    ck_assert_msg(i < 100, "the log does not say '%s'", want);
    wireClose(c);
}
END_TEST

/* Waits for the next unasked message of the REMOTE program. */
static vkrMessage *
recvEvent(wireClient *c)
{
    vkrMessage *msg;

    while ((msg = wireRecv(c, 30000)) && msg->header.prog != VKR_REMOTE_PROGRAM)
        vkrMessageFree(msg);    /* keepalive */
    return msg;
}

START_TEST(test_lifecycle_event)
{
    /* the listener's callback hears another client's suspend as libvirtd
     * sends it: a MESSAGE, serial 1, status OK, procedure 318 */
    wireClient *listener = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    wireClient *actor = wireTestOpen(wireTestDaemon.sock, "test:///default", 0);
    vkr_event_callback_register_any_args reg = { .eventID = 0 };
    vkr_domain_event_callback_lifecycle_msg ev;
    vkr_int_ret id = { 0 };
    vkr_dom_args dom = { wireTestDomain(actor) };
    virError err = { 0 };
    vkrMessage *msg;

    ck_assert_int_eq(wireCall(listener, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                              &reg, &id, &err), 0);
    ck_assert_int_gt(id.num, 0);
    ck_assert_int_eq(wireCall(actor, VKR_PROC_DOMAIN_SUSPEND, &dom, NULL, &err), 0);
    ck_assert_ptr_nonnull(msg = recvEvent(listener));
    ck_assert_int_eq(msg->header.proc, VKR_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE);
    ck_assert_int_eq(msg->header.type, VKR_MESSAGE);
    ck_assert_uint_eq(msg->header.serial, 1);
    ck_assert_int_eq(msg->header.status, VKR_OK);
    memset(&ev, 0, sizeof(ev));
    ck_assert(vkrMessageDecodePayload(msg, (xdrproc_t)xdr_vkr_domain_event_callback_lifecycle_msg,
                                      &ev, NULL));
    ck_assert_int_eq(ev.callbackID, id.num);
    ck_assert_str_eq(ev.msg.dom.name, "test");
    ck_assert_int_eq(ev.msg.dom.id, 1);
    ck_assert_int_eq(ev.msg.event, 3);          /* VIR_DOMAIN_EVENT_SUSPENDED */
    ck_assert_int_eq(ev.msg.detail, 0);         /* _PAUSED */
    xdr_free((xdrproc_t)xdr_vkr_domain_event_callback_lifecycle_msg, (char *)&ev);
    vkrMessageFree(msg);
    /* deregistered: the resume is not heard; an unknown ID is an error */
    ck_assert_int_eq(wireCall(listener, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                              &id, NULL, &err), 0);
    wireTestCallFails(listener, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, &id,
                      VIR_ERR_INVALID_ARG);
    ck_assert_int_eq(wireCall(actor, VKR_PROC_DOMAIN_RESUME, &dom, NULL, &err), 0);
    wireTestAssertLookup(listener);
    ck_assert_ptr_null(msg = wireRecv(listener, 1500));
    /* an ID beyond libvirt 9.0's is refused, as libvirtd refuses it */
    reg.eventID = VIR_DOMAIN_EVENT_ID_LAST;
    wireTestCallFails(listener, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, &reg,
                      VIR_ERR_INTERNAL_ERROR);
    xdr_free((xdrproc_t)xdr_vkr_dom_args, (char *)&dom);
    wireClose(actor);
    wireClose(listener);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("wire");
    TCase *tc = tcase_create("wire");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_handshake);
    tcase_add_test(tc, test_reply_header);
    tcase_add_test(tc, test_domain_info_widening);
    tcase_add_test(tc, test_error_reply);
    tcase_add_test(tc, test_not_served);
    tcase_add_test(tc, test_before_open);
    tcase_add_test(tc, test_keepalive_pong);
    tcase_add_test(tc, test_keepalive_ping);
    tcase_add_test(tc, test_pipelined);
    tcase_add_test(tc, test_slow_call);
    tcase_add_test(tc, test_readonly_socket);
    tcase_add_test(tc, test_readonly_flag);
    tcase_add_test(tc, test_readonly_uri);
    tcase_add_test(tc, test_credentials_logged);
    tcase_add_test(tc, test_lifecycle_event);
    suite_add_tcase(s, tc);
    /* keepalive fast enough to test, for the clients that ask for it */
    return wireTestMain(s, "keepalive_interval = 1\nkeepalive_count = 2\n");
}
