/*
 * rpc_tls.c: records through a GnuTLS session as a channel reads and
 * writes them, and the peer certificate's name
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

/**
 * vkrTLSRecv:
 * @session: a session whose handshake is done
 * @buf: where to read
 * @len: at most this many bytes
 *
 * Returns as read(2) on a non-blocking socket: the bytes read, 0 at the
 * end of the stream, or -1 with errno (EAGAIN: wait for the socket).
 */
ssize_t
vkrTLSRecv(gnutls_session_t session, char *buf, size_t len)
{
    return vkrTLSResult(gnutls_record_recv(session, buf, len));
}

/**
 * vkrTLSSend:
 * @session: a session whose handshake is done
 * @buf: what to send
 * @len: how many bytes
 *
 * After EAGAIN, the caller sends the same bytes again, as GnuTLS asks.
 *
 * Returns as write(2) on a non-blocking socket.
 */
ssize_t
vkrTLSSend(gnutls_session_t session, const char *buf, size_t len)
{
    return vkrTLSResult(gnutls_record_send(session, buf, len));
}

/**
 * vkrTLSPending:
 * @session: a session
 *
 * Returns how many decrypted bytes wait to be read (poll cannot see them).
 */
size_t
vkrTLSPending(gnutls_session_t session)
{
    return gnutls_record_check_pending(session);
}

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
