/*
 * rpctest.c: the RPC layer and the daemon's configuration, in-process
 *
 * Messages encode and decode through the generated codecs, byte for byte
 * as the protocol lays them out; a channel cuts a byte stream into frames
 * however the bytes arrive; typed parameters convert both ways and
 * refuse what the API cannot hold; virtkitd.conf reads libvirtd.conf's
 * format and names the line of a bad setting.
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rpc_channel.h"
#include "rpc_typedparam.h"
#include "testutils.h"
#include "vkd_config.h"
#include "vkd_listen.h"

START_TEST(test_connect_open_bytes)
{
    /* CONNECT_OPEN("lve:///system", 0), as virsh sends it */
    static const guint8 want[] = {
        0, 0, 0, 0x38, 0x20, 0, 0x80, 0x86, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2,
        0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x0d, 'l', 'v', 'e', ':', '/', '/', '/', 's', 'y',
        's', 't', 'e', 'm', 0, 0, 0, 0, 0, 0, 0,
    };
    vkr_message_header hdr = { VKR_REMOTE_PROGRAM, 1, VKR_PROC_CONNECT_OPEN, VKR_CALL, 2, VKR_OK };
    char *name = (char *)"lve:///system";
    vkr_connect_open_args args = { &name, 0 };
    vkr_connect_open_args back = { 0 };
    g_autoptr(vkrMessage) msg = vkrMessageNew(0);

    ck_assert(vkrMessageEncode(msg, &hdr, (xdrproc_t)xdr_vkr_connect_open_args, &args, NULL));
    ck_assert_uint_eq(msg->length, sizeof(want));
    ck_assert_mem_eq(msg->buffer, want, sizeof(want));
    ck_assert(vkrMessageDecodeHeader(msg, NULL));
    ck_assert_uint_eq(msg->header.serial, 2);
    ck_assert(vkrMessageDecodePayload(msg, (xdrproc_t)xdr_vkr_connect_open_args, &back, NULL));
    ck_assert_str_eq(*back.name, "lve:///system");
    xdr_free((xdrproc_t)xdr_vkr_connect_open_args, (char *)&back);
}
END_TEST

START_TEST(test_frame_bounds)
{
    static const struct {
        guint32 length;
        gboolean ok;
    } cases[] = {
        { 0, FALSE }, { 27, FALSE }, { 28, TRUE }, { 4096, TRUE },
        { 33554436, TRUE }, { 33554437, FALSE }, { 0xffffffff, FALSE },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        guint32 be = GUINT32_TO_BE(cases[i].length);
        g_autoptr(GError) err = NULL;
        size_t length;

        ck_assert_msg(vkrFrameLength((const char *)&be, &length, &err) == cases[i].ok,
                      "length %u", cases[i].length);
        ck_assert(cases[i].ok || g_error_matches(err, VKR_RPC_ERROR, VKR_RPC_ERROR_FRAME));
    }
}
END_TEST

START_TEST(test_large_reply_grows)
{
    /* a reply larger than the first buffer is measured and encoded again */
    vkr_message_header hdr = { VKR_REMOTE_PROGRAM, 1, 7, VKR_REPLY, 0, VKR_OK };
    g_autofree char *big = g_strnfill(1 << 20, 'x');
    vkr_string_ret ret = { big };
    vkr_string_ret back = { 0 };
    g_autoptr(vkrMessage) msg = vkrMessageNew(64);

    ck_assert(vkrMessageEncode(msg, &hdr, (xdrproc_t)xdr_vkr_string_ret, &ret, NULL));
    ck_assert_uint_eq(msg->length, VKR_FRAME_MIN + 4 + (1 << 20));
    ck_assert(vkrMessageDecodeHeader(msg, NULL));
    ck_assert(vkrMessageDecodePayload(msg, (xdrproc_t)xdr_vkr_string_ret, &back, NULL));
    ck_assert_str_eq(back.str, big);
    xdr_free((xdrproc_t)xdr_vkr_string_ret, (char *)&back);
}
END_TEST

START_TEST(test_error_roundtrip)
{
    vkr_message_header call = { VKR_REMOTE_PROGRAM, 1, 23, VKR_CALL, 7, VKR_OK };
    virError err = { .code = VIR_ERR_NO_DOMAIN, .domain = VIR_FROM_TEST, .level = VIR_ERR_ERROR,
                     .message = (char *)"Domain not found", .str1 = (char *)"x", .int1 = 5 };
    virError back = { 0 };
    g_autoptr(vkrMessage) msg = vkrMessageNew(0);

    ck_assert(vkrMessageEncodeError(msg, &call, &err, NULL));
    ck_assert(vkrMessageDecodeHeader(msg, NULL));
    ck_assert_int_eq(msg->header.type, VKR_REPLY);
    ck_assert_int_eq(msg->header.status, VKR_ERROR);
    ck_assert_uint_eq(msg->header.serial, 7);
    ck_assert_int_eq(msg->header.proc, 23);
    ck_assert(vkrMessageDecodeError(msg, &back, NULL));
    ck_assert_int_eq(back.code, VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(back.domain, VIR_FROM_TEST);
    ck_assert_str_eq(back.message, "Domain not found");
    ck_assert_str_eq(back.str1, "x");
    ck_assert_ptr_null(back.str2);
    ck_assert_int_eq(back.int1, 5);
    virResetError(&back);
}
END_TEST

START_TEST(test_procs_table)
{
    const vkrProc *p = vkrRemoteProcGet(VKR_PROC_DOMAIN_GET_INFO);

    ck_assert_str_eq(p->name, "DOMAIN_GET_INFO");
    ck_assert_uint_eq(p->args_size, sizeof(vkr_dom_args));
    ck_assert_uint_eq(p->ret_size, sizeof(vkr_domain_get_info_ret));
    ck_assert_ptr_null(vkrRemoteProcGet(39));
    ck_assert_ptr_null(vkrRemoteProcGet(-1));
    ck_assert_ptr_null(vkrRemoteProcGet(100000));
    ck_assert_str_eq(vkrRemoteProcGet(VKR_PROC_DOMAIN_GET_MESSAGES)->name, "DOMAIN_GET_MESSAGES");
    /* virtkit's own program: its own numbers, and no other program */
    ck_assert_str_eq(vkrProcGet(VKR_VIRTKIT_PROGRAM,
                                VKR_VIRTKIT_PROC_DOMAIN_SET_MEMORY_SHARING)->name,
                     "DOMAIN_SET_MEMORY_SHARING");
    ck_assert_ptr_null(vkrProcGet(VKR_VIRTKIT_PROGRAM, 0));
    ck_assert_ptr_null(vkrProcGet(VKR_VIRTKIT_PROGRAM, VKR_PROC_DOMAIN_GET_MESSAGES));
    ck_assert_ptr_null(vkrProcGet(VKR_KEEPALIVE_PROGRAM, VKR_KEEPALIVE_PROC_PING));
    ck_assert_ptr_eq(vkrProcGet(VKR_REMOTE_PROGRAM, VKR_PROC_DOMAIN_GET_INFO), p);
}
END_TEST

typedef struct {
    GPtrArray *frames;
} rpcFrames;

static void
rpcCollect(vkrChannel *ch, vkrMessage *msg, void *opaque)
{
    g_ptr_array_add(((rpcFrames *)opaque)->frames, msg);
}

/* Three frames, the second of @big bytes, written in pieces of @step
 * bytes arrive whole. */
static void
rpcChannelSplit(size_t step, size_t big)
{
    int sv[2];
    g_autoptr(vkrChannel) ch = NULL;
    g_autoptr(GByteArray) stream = g_byte_array_new();
    rpcFrames got = { g_ptr_array_new_with_free_func((GDestroyNotify)vkrMessageFree) };
    char scratch[64];
    size_t sizes[3] = { 10, big, 0 };
    size_t off, i;

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    ch = vkrChannelNew(sv[0]);
    for (i = 0; i < 3; i++) {
        vkr_message_header hdr = { VKR_REMOTE_PROGRAM, 1, 7, VKR_REPLY, i, VKR_OK };
        g_autofree char *str = g_strnfill(sizes[i], 'a' + i);
        vkr_string_ret ret = { str };
        g_autoptr(vkrMessage) msg = vkrMessageNew(0);

        ck_assert(vkrMessageEncode(msg, &hdr, (xdrproc_t)xdr_vkr_string_ret, &ret, NULL));
        g_byte_array_append(stream, (guint8 *)msg->buffer, msg->length);
    }
    for (off = 0; off < stream->len; off += step) {
        size_t n = MIN(step, stream->len - off);

        ck_assert_int_eq(write(sv[1], stream->data + off, n), n);
        while (vkrChannelRead(ch, scratch, sizeof(scratch), rpcCollect, &got, NULL) > 0)
            ;
    }
    ck_assert_uint_eq(got.frames->len, 3);
    for (i = 0; i < 3; i++) {
        vkrMessage *msg = g_ptr_array_index(got.frames, i);
        vkr_string_ret back = { 0 };

        ck_assert(vkrMessageDecodeHeader(msg, NULL));
        ck_assert_uint_eq(msg->header.serial, i);
        ck_assert(vkrMessageDecodePayload(msg, (xdrproc_t)xdr_vkr_string_ret, &back, NULL));
        ck_assert_uint_eq(strlen(back.str), sizes[i]);
        xdr_free((xdrproc_t)xdr_vkr_string_ret, (char *)&back);
    }
    ck_assert(!vkrChannelReadingFrame(ch));
    close(sv[1]);
    ck_assert_int_eq(vkrChannelRead(ch, scratch, sizeof(scratch), rpcCollect, &got, NULL), -1);
    g_ptr_array_unref(got.frames);
}

START_TEST(test_channel_split)
{
    rpcChannelSplit(1, 3000);
    rpcChannelSplit(3, 3000);
    rpcChannelSplit(4096, 70000);    /* beyond the channel's first partial buffer */
    rpcChannelSplit(1 << 20, 70000);
}
END_TEST

START_TEST(test_channel_cut)
{
    int sv[2];
    g_autoptr(vkrChannel) ch = NULL;
    g_autoptr(GError) err = NULL;
    guint32 head[2] = { GUINT32_TO_BE(VKR_FRAME_MAX), 0 };
    char scratch[64];

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    ch = vkrChannelNew(sv[0]);
    ck_assert_int_eq(write(sv[1], head, sizeof(head)), sizeof(head));
    ck_assert_int_eq(vkrChannelRead(ch, scratch, sizeof(scratch), rpcCollect, NULL, NULL), 1);
    ck_assert(vkrChannelReadingFrame(ch));
    ck_assert_int_eq(vkrChannelRead(ch, scratch, sizeof(scratch), rpcCollect, NULL, NULL), 0);
    close(sv[1]);
    ck_assert_int_eq(vkrChannelRead(ch, scratch, sizeof(scratch), rpcCollect, NULL, &err), -1);
    ck_assert(g_error_matches(err, VKR_RPC_ERROR, VKR_RPC_ERROR_EOF));
    ck_assert_ptr_nonnull(strstr(err->message, "inside a frame"));
}
END_TEST

START_TEST(test_typed_params)
{
    virTypedParameter params[4] = {
        { "a", VIR_TYPED_PARAM_UINT, { .ui = 7 } },
        { "b", VIR_TYPED_PARAM_STRING, { .s = (char *)"text" } },
        { "", 0, { 0 } },       /* an unset slot of a sparse array */
        { "d", VIR_TYPED_PARAM_DOUBLE, { .d = 1.5 } },
    };
    vkr_typed_param *wire = NULL;
    virTypedParameterPtr back = NULL;
    u_int nwire = 0;
    int nback = 0;
    vkr_dom_get_params_ret holder = { { 0 } };

    /* without STRING_OKAY, the string stays home */
    ck_assert(vkrTypedParamsToWire(params, 4, 16, 0, &wire, &nwire, NULL));
    ck_assert_uint_eq(nwire, 2);
    holder.params.params_val = wire;
    holder.params.params_len = nwire;
    xdr_free((xdrproc_t)xdr_vkr_dom_get_params_ret, (char *)&holder);

    ck_assert(vkrTypedParamsToWire(params, 4, 16, VIR_TYPED_PARAM_STRING_OKAY, &wire, &nwire,
                                   NULL));
    ck_assert_uint_eq(nwire, 3);
    ck_assert(vkrTypedParamsFromWire(wire, nwire, 16, &back, &nback, NULL));
    ck_assert_int_eq(nback, 3);
    ck_assert_str_eq(back[1].field, "b");
    ck_assert_str_eq(back[1].value.s, "text");
    ck_assert(back[2].value.d == 1.5);
    virTypedParamsFree(back, nback);
    /* more than the procedure's limit, either way */
    ck_assert(!vkrTypedParamsFromWire(wire, nwire, 2, &back, &nback, NULL));
    holder.params.params_val = wire;
    holder.params.params_len = nwire;
    xdr_free((xdrproc_t)xdr_vkr_dom_get_params_ret, (char *)&holder);
    ck_assert(!vkrTypedParamsToWire(params, 4, 2, VIR_TYPED_PARAM_STRING_OKAY, &wire, &nwire,
                                    NULL));
}
END_TEST

START_TEST(test_typed_params_refused)
{
    g_autofree char *longname = g_strnfill(VIR_TYPED_PARAM_FIELD_LENGTH, 'n');
    vkr_typed_param wire[1] = { { longname, { VIR_TYPED_PARAM_INT, { .i = 1 } } } };
    virTypedParameterPtr back = NULL;
    g_autoptr(GError) err = NULL;
    int nback = 0;

    ck_assert(!vkrTypedParamsFromWire(wire, 1, 16, &back, &nback, &err));
    ck_assert_ptr_nonnull(strstr(err->message, "longer than"));
    g_clear_error(&err);
    wire[0].field = (char *)"x";
    wire[0].value.type = 42;
    ck_assert(!vkrTypedParamsFromWire(wire, 1, 16, &back, &nback, &err));
    ck_assert_ptr_nonnull(strstr(err->message, "unknown type 42"));
}
END_TEST

START_TEST(test_config)
{
    g_autoptr(vkdConfig) config = vkdConfigNew();
    g_autofree char *data = testLoadFile("daemon/virtkitd-all.conf");

    ck_assert_int_eq(config->max_workers, 20);
    ck_assert_str_eq(config->unix_sock_rw_perms, "0600");
    ck_assert_str_eq(config->unix_sock_ro_perms, "0666");
    /* libvirtd's network defaults: TLS on 16514 with libvirt's files, no
     * plain TCP, SASL asked for on it (which virtkitd refuses) */
    ck_assert_int_eq(config->listen_tls, 1);
    ck_assert_int_eq(config->listen_tcp, 0);
    ck_assert_str_eq(config->tls_port, "16514");
    ck_assert_str_eq(config->auth_tcp, "sasl");
    ck_assert_str_eq(config->ca_file, "/etc/pki/CA/cacert.pem");
    ck_assert_str_eq(config->cert_file, "/etc/pki/libvirt/servercert.pem");
    ck_assert_str_eq(config->key_file, "/etc/pki/libvirt/private/serverkey.pem");
    ck_assert_ptr_null(config->tls_allowed_dn_list);
    ck_assert_int_eq(config->tls_handshake_timeout, 60);
    ck_assert(vkdConfigLoadData(config, "virtkitd-all.conf", data, NULL));
    ck_assert_int_eq(config->tls_handshake_timeout, 30);
    ck_assert_str_eq(config->unix_sock_dir, "/var/run/vk");
    ck_assert_str_eq(config->unix_sock_group, "libvirt");
    ck_assert_str_eq(config->unix_sock_rw_perms, "0770");
    ck_assert(config->rw_perms_set);
    ck_assert_int_eq(config->max_clients, 1000);
    ck_assert_int_eq(config->max_workers, 8);
    ck_assert_int_eq(config->keepalive_interval, -1);
    ck_assert_int_eq(config->keepalive_count, 3);
    ck_assert_int_eq(config->log_level, 4);
    ck_assert_uint_eq(vkdConfigSockPerms(config->unix_sock_rw_perms), 0770);
    ck_assert_int_eq(config->listen_tls, 0);
    ck_assert_int_eq(config->listen_tcp, 1);
    ck_assert_str_eq(config->tls_port, "1514");
    ck_assert_str_eq(config->tcp_port, "1509");
    ck_assert_str_eq(config->listen_addr, "127.0.0.2");
    ck_assert_str_eq(config->auth_tcp, "none");
    ck_assert_str_eq(config->key_file, "/k.pem");
    ck_assert_str_eq(config->cert_file, "/c.pem");
    ck_assert_str_eq(config->ca_file, "/ca.pem");
    ck_assert_str_eq(config->crl_file, "/crl.pem");
    ck_assert_int_eq(g_strv_length(config->tls_allowed_dn_list), 2);
    ck_assert_str_eq(config->tls_allowed_dn_list[1], "O=b,CN=*");
    ck_assert_str_eq(config->tls_priority, "SECURE256");
    ck_assert_int_eq(config->tls_no_verify_certificate, 1);
}
END_TEST

START_TEST(test_config_errors)
{
    static const struct {
        const char *text;
        const char *error;
    } cases[] = {
        { "# fine\nmax_clients = 10\n\ntls_no_sanity_certificate = 1\n",
          "bad.conf:4: unknown setting 'tls_no_sanity_certificate'" },
        { "listen_tls = 2\n", "bad.conf:1: 'listen_tls' must be between 0 and 1" },
        { "tls_allowed_dn_list = \"CN=a\"\n", "bad.conf:1: 'tls_allowed_dn_list' needs a list" },
        { "max_clients = \"10\"\n", "bad.conf:1: 'max_clients' needs an integer" },
        { "max_clients = 0\n", "bad.conf:1: 'max_clients' must be between 1 and 1000000" },
        { "log_level = 5\n", "bad.conf:1: 'log_level' must be between 1 and 4" },
        { "unix_sock_rw_perms = \"0999\"\n", "bad.conf:1: 'unix_sock_rw_perms' must be an octal" },
        { "unix_sock_group = 7\n", "bad.conf:1: 'unix_sock_group' needs a quoted string" },
        { "max_clients 10\n", "bad.conf:1: expected '=' after 'max_clients'" },
        { "\n\n= 3\n", "bad.conf:3: expected a setting name" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(vkdConfig) config = vkdConfigNew();
        g_autoptr(GError) err = NULL;

        ck_assert_msg(!vkdConfigLoadData(config, "bad.conf", cases[i].text, &err),
                      "'%s' was accepted", cases[i].text);
        ck_assert_msg(g_str_has_prefix(err->message, cases[i].error), "'%s' gave '%s'",
                      cases[i].text, err->message);
    }
}
END_TEST

START_TEST(test_config_file)
{
    g_autoptr(vkdConfig) config = vkdConfigNew();
    g_autoptr(GError) err = NULL;
    g_autofree char *installed = g_build_filename(ABS_SRCDIR, "daemon", "virtkitd.conf", NULL);

    /* the default file may be missing, a named one may not */
    ck_assert(vkdConfigLoadFile(config, "/nonexistent/virtkitd.conf", FALSE, NULL));
    ck_assert(!vkdConfigLoadFile(config, "/nonexistent/virtkitd.conf", TRUE, &err));
    /* the installed file: every key commented out, and each one known */
    ck_assert(vkdConfigLoadFile(config, installed, TRUE, NULL));
    ck_assert_int_eq(config->max_clients, 5000);
}
END_TEST

START_TEST(test_socket_scheme)
{
    g_autofree char *lve = NULL;
    g_autofree char *test = NULL;
    bool ro = false;

    lve = vkdSocketScheme("/run/libvirt/virtlved-sock", &ro);
    ck_assert_str_eq(lve, "lve");
    ck_assert(!ro);
    test = vkdSocketScheme("/run/libvirt/virttestd-sock-ro", &ro);
    ck_assert_str_eq(test, "test");
    ck_assert(ro);
    ck_assert_ptr_null(vkdSocketScheme("/run/libvirt/libvirt-sock", &ro));
    ck_assert_ptr_null(vkdSocketScheme("/tmp/sock", &ro));
    ck_assert_ptr_null(vkdSocketScheme("/tmp/virtd-sock", &ro));
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("rpc");
    TCase *tc = tcase_create("rpc");

    tcase_add_test(tc, test_connect_open_bytes);
    tcase_add_test(tc, test_frame_bounds);
    tcase_add_test(tc, test_large_reply_grows);
    tcase_add_test(tc, test_error_roundtrip);
    tcase_add_test(tc, test_procs_table);
    tcase_add_test(tc, test_channel_split);
    tcase_add_test(tc, test_channel_cut);
    tcase_add_test(tc, test_typed_params);
    tcase_add_test(tc, test_typed_params_refused);
    tcase_add_test(tc, test_config);
    tcase_add_test(tc, test_config_errors);
    tcase_add_test(tc, test_config_file);
    tcase_add_test(tc, test_socket_scheme);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
