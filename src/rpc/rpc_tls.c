/*
 * rpc_tls.c: a channel's transport over a GnuTLS session, and the peer
 * certificate's name
 */
#include "internal.h"

#include "rpc_tls.h"

/* GnuTLS's codes as a channel expects errno. */
static ssize_t
vkrTLSResult(ssize_t rc)
{
    if (rc >= 0)
        return rc;
    if (rc == GNUTLS_E_AGAIN)
        errno = EAGAIN;
    else if (rc == GNUTLS_E_INTERRUPTED)
        errno = EINTR;
    else if (rc == GNUTLS_E_PREMATURE_TERMINATION)
        return 0;       /* the peer closed the socket without a TLS goodbye */
    else
        errno = EIO;
    return -1;
}

/* A channel's read: as read(2) on a non-blocking socket. */
static ssize_t
vkrTLSRecv(void *opaque, char *buf, size_t len)
{
    gnutls_session_t session = opaque;

    return vkrTLSResult(gnutls_record_recv(session, buf, len));
}

/* A channel's write: after EAGAIN the channel sends the same bytes again,
 * as GnuTLS asks. */
static ssize_t
vkrTLSSend(void *opaque, const char *buf, size_t len)
{
    gnutls_session_t session = opaque;

    return vkrTLSResult(gnutls_record_send(session, buf, len));
}

/* Decrypted bytes waiting to be read: poll cannot see them. */
static size_t
vkrTLSPending(void *opaque)
{
    gnutls_session_t session = opaque;

    return gnutls_record_check_pending(session);
}

/* A channel over a session whose handshake is done: its opaque is the
 * gnutls_session_t itself. */
const vkrChannelTransport vkrTLSTransport = {
    .read = vkrTLSRecv,
    .write = vkrTLSSend,
    .pending = vkrTLSPending,
};

/**
 * vkrTLSPeerCertificate:
 * @session: a session whose handshake is done
 * @cert: an initialised gnutls_x509_crt_t to fill
 *
 * Returns 0 when the peer sent an x509 certificate, read into @cert, or -1.
 */
int
vkrTLSPeerCertificate(gnutls_session_t session, gnutls_x509_crt_t cert)
{
    const gnutls_datum_t *certs;
    unsigned int n = 0;

    if (gnutls_certificate_type_get(session) != GNUTLS_CRT_X509 ||
        !(certs = gnutls_certificate_get_peers(session, &n)) || n == 0)
        return -1;
    if (gnutls_x509_crt_import(cert, &certs[0], GNUTLS_X509_FMT_DER) < 0)
        return -1;
    return 0;
}

/**
 * vkrTLSPeerDN:
 * @session: a session whose handshake is done
 *
 * Returns the distinguished name of the peer's certificate, in libvirt's
 * order (C=...,O=...,CN=..., as its tls_allowed_dn_list examples: not
 * RFC 4514's reverse), or NULL when it sent none.
 */
char *
vkrTLSPeerDN(gnutls_session_t session)
{
    gnutls_x509_crt_t cert;
    gnutls_datum_t dn = { NULL, 0 };
    char *ret = NULL;

    if (gnutls_x509_crt_init(&cert) < 0)
        return NULL;
    if (vkrTLSPeerCertificate(session, cert) == 0 &&
        gnutls_x509_crt_get_dn3(cert, &dn, GNUTLS_X509_DN_FLAG_COMPAT) == 0) {
        ret = g_strndup((const char *)dn.data, dn.size);
        gnutls_free(dn.data);
    }
    gnutls_x509_crt_deinit(cert);
    return ret;
}
