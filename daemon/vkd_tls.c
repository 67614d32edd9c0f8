/*
 * vkd_tls.c: the daemon's side of libvirt's TLS transport
 *
 * GnuTLS does the work; this file holds libvirt's policy: which files,
 * which checks, and what a refused client is told (nothing: the
 * connection closes before the confirmation byte, as libvirtd does, and
 * the reason goes to the daemon's log).
 *
 * The handshake runs in the I/O loop without blocking: each step says
 * which way the socket must become ready for the next.  After it, the
 * I/O loop reads and one worker at a time writes (the channel's output
 * lock): GnuTLS allows one reader and one writer on a session at once.
 */
#include "internal.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <gnutls/gnutls.h>

#include "rpc_tls.h"
#include "vkd_tls.h"

struct _vkdTLS {
    gnutls_certificate_credentials_t creds;
    gnutls_priority_t priority;
    char **allowedDN;           /* NULL: any certificate the CA signed */
    bool verify;                /* !tls_no_verify_certificate */
};

struct _vkdTLSSession {
    vkdTLS *tls;
    gnutls_session_t session;
    char *dn;                   /* the client certificate's, once checked */
};

/* A file the configuration names must be readable: say which key named
 * it, before GnuTLS's less precise error. */
static gboolean
vkdTLSFileReadable(const char *key, const char *path, GError **error)
{
    if (access(path, R_OK) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "%s: cannot read %s: %s (see virtkitd.conf's TLS settings)",
                    key, path, g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

static gboolean
vkdTLSFail(GError **error, int rc, const char *what, const char *path)
{
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s %s: %s",
                what, path, gnutls_strerror(rc));
    return FALSE;
}

static gboolean
vkdTLSLoadFiles(vkdTLS *tls, const vkdConfig *config, GError **error)
{
    int rc;

    if (!vkdTLSFileReadable("ca_file", config->ca_file, error) ||
        !vkdTLSFileReadable("cert_file", config->cert_file, error) ||
        !vkdTLSFileReadable("key_file", config->key_file, error) ||
        (config->crl_file && !vkdTLSFileReadable("crl_file", config->crl_file, error)))
        return FALSE;
    if ((rc = gnutls_certificate_set_x509_trust_file(tls->creds, config->ca_file,
                                                      GNUTLS_X509_FMT_PEM)) < 0)
        return vkdTLSFail(error, rc, "cannot load the CA certificate", config->ca_file);
    if (rc == 0)
        return vkdTLSFail(error, GNUTLS_E_NO_CERTIFICATE_FOUND,
                          "cannot load the CA certificate", config->ca_file);
    if (config->crl_file &&
        (rc = gnutls_certificate_set_x509_crl_file(tls->creds, config->crl_file,
                                                    GNUTLS_X509_FMT_PEM)) < 0)
        return vkdTLSFail(error, rc, "cannot load the revocation list", config->crl_file);
    if ((rc = gnutls_certificate_set_x509_key_file(tls->creds, config->cert_file,
                                                    config->key_file,
                                                    GNUTLS_X509_FMT_PEM)) < 0)
        return vkdTLSFail(error, rc, "cannot load the server certificate and key",
                          config->cert_file);
    return TRUE;
}

/**
 * vkdTLSNew:
 * @config: the configuration (ca_file, cert_file, key_file, crl_file,
 *          tls_priority, tls_allowed_dn_list, tls_no_verify_certificate)
 * @error: where to say which file or setting is wrong
 *
 * Returns the server's credentials and policy, or NULL.
 */
vkdTLS *
vkdTLSNew(const vkdConfig *config, GError **error)
{
    g_autoptr(vkdTLS) tls = g_new0(vkdTLS, 1);
    const char *where = NULL;
    int rc;

    if ((rc = gnutls_certificate_allocate_credentials(&tls->creds)) < 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, "cannot start GnuTLS: %s",
                    gnutls_strerror(rc));
        return NULL;
    }
    if (!vkdTLSLoadFiles(tls, config, error))
        return NULL;
    if ((rc = gnutls_priority_init(&tls->priority, config->tls_priority, &where)) < 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "tls_priority \"%s\" is not valid at \"%s\": %s",
                    config->tls_priority, where ? where : "", gnutls_strerror(rc));
        return NULL;
    }
    tls->allowedDN = g_strdupv(config->tls_allowed_dn_list);
    tls->verify = !config->tls_no_verify_certificate;
    return g_steal_pointer(&tls);
}

/**
 * vkdTLSFree:
 * @tls: credentials, or NULL
 */
void
vkdTLSFree(vkdTLS *tls)
{
    if (!tls)
        return;
    if (tls->priority)
        gnutls_priority_deinit(tls->priority);
    if (tls->creds)
        gnutls_certificate_free_credentials(tls->creds);
    g_strfreev(tls->allowedDN);
    g_free(tls);
}

/**
 * vkdTLSSessionNew:
 * @tls: the server's credentials
 * @fd: the accepted socket (the caller keeps it open while the session
 *      lives)
 * @error: where to say why not
 *
 * Returns a server session on @fd, its handshake not started, or NULL.
 */
vkdTLSSession *
vkdTLSSessionNew(vkdTLS *tls, int fd, GError **error)
{
    vkdTLSSession *sess = g_new0(vkdTLSSession, 1);
    int rc;

    sess->tls = tls;
    if ((rc = gnutls_init(&sess->session, GNUTLS_SERVER | GNUTLS_NONBLOCK)) < 0 ||
        (rc = gnutls_priority_set(sess->session, tls->priority)) < 0 ||
        (rc = gnutls_credentials_set(sess->session, GNUTLS_CRD_CERTIFICATE, tls->creds)) < 0) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO, "cannot start a TLS session: %s",
                    gnutls_strerror(rc));
        vkdTLSSessionFree(sess);
        return NULL;
    }
    /* without verification a certificate is still asked for, as libvirtd
     * does, so the log can name the client */
    gnutls_certificate_server_set_request(sess->session,
                                          tls->verify ? GNUTLS_CERT_REQUIRE : GNUTLS_CERT_REQUEST);
    gnutls_transport_set_int(sess->session, fd);
    return sess;
}

/**
 * vkdTLSSessionFree:
 * @sess: a session, or NULL
 */
void
vkdTLSSessionFree(vkdTLSSession *sess)
{
    if (!sess)
        return;
    if (sess->session)
        gnutls_deinit(sess->session);
    g_free(sess->dn);
    g_free(sess);
}

/**
 * vkdTLSSessionHandshake:
 * @sess: a session
 * @events: where to say what the socket must be ready for (EPOLLIN or
 *          EPOLLOUT) before the next step
 * @error: where to say why the handshake failed
 *
 * Takes the handshake one step further without blocking.
 *
 * Returns 1 when it is done, 0 when it waits for the socket, -1 when it
 * failed.
 */
int
vkdTLSSessionHandshake(vkdTLSSession *sess, unsigned int *events, GError **error)
{
    int rc = gnutls_handshake(sess->session);

    if (rc == 0)
        return 1;
    if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED) {
        *events = gnutls_record_get_direction(sess->session) ? EPOLLOUT : EPOLLIN;
        return 0;
    }
    g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO, "TLS handshake failed: %s",
                gnutls_strerror(rc));
    return -1;
}

static const char *
vkdTLSStatusReason(unsigned int status)
{
    if (status & GNUTLS_CERT_REVOKED)
        return "it has been revoked";
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return "its issuer is not the CA (ca_file)";
    if (status & GNUTLS_CERT_EXPIRED)
        return "it has expired";
    if (status & GNUTLS_CERT_NOT_ACTIVATED)
        return "it is not valid yet";
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        return "it uses an insecure algorithm";
    return "it is not trusted";
}

/* Whether @dn matches one pattern of tls_allowed_dn_list ('*' matches
 * any run of characters, as in libvirtd). */
static bool
vkdTLSAllowedDN(char **allowed, const char *dn)
{
    size_t i;

    for (i = 0; allowed && allowed[i]; i++) {
        if (g_pattern_match_simple(allowed[i], dn))
            return true;
    }
    return false;
}

/**
 * vkdTLSSessionCheck:
 * @sess: a session whose handshake is done
 * @error: where to say why the client is refused
 *
 * Verifies the client's certificate against the CA (and the revocation
 * list), and its distinguished name against tls_allowed_dn_list; with
 * tls_no_verify_certificate, lets any client in.
 *
 * Returns TRUE when the client may go on.
 */
gboolean
vkdTLSSessionCheck(vkdTLSSession *sess, GError **error)
{
    unsigned int status = 0;
    int rc;

    sess->dn = vkrTLSPeerDN(sess->session);
    if (!sess->tls->verify)
        return TRUE;
    if (gnutls_certificate_type_get(sess->session) != GNUTLS_CRT_X509 || !sess->dn) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO,
                    "refused: the client sent no x509 certificate");
        return FALSE;
    }
    if ((rc = gnutls_certificate_verify_peers2(sess->session, &status)) < 0 || status != 0) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO,
                    "refused: the client certificate '%s' failed validation: %s", sess->dn,
                    rc < 0 ? gnutls_strerror(rc) : vkdTLSStatusReason(status));
        return FALSE;
    }
    /* an empty list lets nobody in, as libvirtd's */
    if (sess->tls->allowedDN && !vkdTLSAllowedDN(sess->tls->allowedDN, sess->dn)) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO,
                    "refused: the client certificate's DN '%s' is not in tls_allowed_dn_list",
                    sess->dn);
        return FALSE;
    }
    return TRUE;
}

/**
 * vkdTLSSessionRefuse:
 * @sess: a session whose client is refused
 *
 * Ends the TLS stream cleanly before the socket closes, so that the
 * client reads the end where it waits for the confirmation byte: libvirt
 * then says "server verification ... failed" rather than an I/O error.
 * Does not block: a goodbye the socket cannot take now is not sent.
 */
void
vkdTLSSessionRefuse(vkdTLSSession *sess)
{
    gnutls_bye(sess->session, GNUTLS_SHUT_WR);
}

/**
 * vkdTLSSessionDN:
 * @sess: a checked session
 *
 * Returns the distinguished name of the client's certificate, or NULL
 * when it sent none.
 */
const char *
vkdTLSSessionDN(vkdTLSSession *sess)
{
    return sess->dn;
}

/**
 * vkdTLSSessionAttach:
 * @sess: a session whose client was checked
 * @ch: the client's channel
 *
 * Puts the session between @ch's frames and its socket.
 */
void
vkdTLSSessionAttach(vkdTLSSession *sess, vkrChannel *ch)
{
    vkrChannelSetTransport(ch, &vkrTLSTransport, sess->session);
}
