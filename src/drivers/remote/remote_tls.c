/*
 * remote_tls.c: a TLS session to a daemon, as libvirt's client opens it:
 * which files, which checks of the server, the confirmation byte, and
 * libvirt's words when one of them fails
 */
#include "internal.h"

#include <poll.h>
#include <unistd.h>

#include "remote_tls.h"
#include "remote_tls_check.h"
#include "rpc_tls.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

#define REMOTE_TLS_CACERT "/etc/pki/CA/cacert.pem"
#define REMOTE_TLS_CACRL "/etc/pki/CA/cacrl.pem"
#define REMOTE_TLS_CLIENTCERT "/etc/pki/libvirt/clientcert.pem"
#define REMOTE_TLS_CLIENTKEY "/etc/pki/libvirt/private/clientkey.pem"

struct _remoteTLS {
    gnutls_certificate_credentials_t creds;
    gnutls_session_t session;
};

typedef struct {
    char *cacert;
    char *cacrl;
    char *cert;
    char *key;
} remoteTLSFiles;

static void
remoteTLSFilesClear(remoteTLSFiles *files)
{
    g_free(files->cacert);
    g_free(files->cacrl);
    g_free(files->cert);
    g_free(files->key);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(remoteTLSFiles, remoteTLSFilesClear);

/* libvirt's search: pkipath= alone when given; else, for a user other
 * than root, $HOME/.pki/libvirt/ for each file there (the certificate and
 * key as a pair); the system's files for the rest. */
static void
remoteTLSLocate(const char *pkipath, remoteTLSFiles *files)
{
    g_autofree char *user = NULL;

    if (pkipath) {
        files->cacert = g_build_filename(pkipath, "cacert.pem", NULL);
        files->cacrl = g_build_filename(pkipath, "cacrl.pem", NULL);
        files->cert = g_build_filename(pkipath, "clientcert.pem", NULL);
        files->key = g_build_filename(pkipath, "clientkey.pem", NULL);
        return;
    }
    if (geteuid() != 0) {
        user = g_build_filename(g_get_home_dir(), ".pki", "libvirt", NULL);
        files->cacert = g_build_filename(user, "cacert.pem", NULL);
        files->cacrl = g_build_filename(user, "cacrl.pem", NULL);
        files->cert = g_build_filename(user, "clientcert.pem", NULL);
        files->key = g_build_filename(user, "clientkey.pem", NULL);
        if (access(files->cacert, F_OK) < 0)
            g_clear_pointer(&files->cacert, g_free);
        if (access(files->cacrl, F_OK) < 0)
            g_clear_pointer(&files->cacrl, g_free);
        if (access(files->cert, F_OK) < 0 || access(files->key, F_OK) < 0) {
            g_clear_pointer(&files->cert, g_free);
            g_clear_pointer(&files->key, g_free);
        }
    }
    if (!files->cacert)
        files->cacert = g_strdup(REMOTE_TLS_CACERT);
    if (!files->cacrl)
        files->cacrl = g_strdup(REMOTE_TLS_CACRL);
    if (!files->cert) {
        files->cert = g_strdup(REMOTE_TLS_CLIENTCERT);
        files->key = g_strdup(REMOTE_TLS_CLIENTKEY);
    }
}

/* 0 when @file exists, 1 when it is missing and may be, -1 with
 * libvirt's error otherwise. */
static int
remoteTLSCheckFile(const char *type, const char *file, bool allowMissing)
{
    if (access(file, F_OK) == 0)
        return 0;
    if (allowMissing && errno == ENOENT)
        return 1;
    virReportSystemError(errno, _("Cannot read %s '%s'"), type, file);
    return -1;
}

static int
remoteTLSLoad(remoteTLS *tls, const remoteTLSFiles *files)
{
    int rc;

    if (remoteTLSCheckFile("CA certificate", files->cacert, false) < 0)
        return -1;
    if ((rc = gnutls_certificate_set_x509_trust_file(tls->creds, files->cacert,
                                                      GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to set x509 CA certificate: %s: %s"),
                       files->cacert, gnutls_strerror(rc));
        return -1;
    }
    if ((rc = remoteTLSCheckFile("CA revocation list", files->cacrl, true)) < 0)
        return -1;
    if (rc == 0 &&
        (rc = gnutls_certificate_set_x509_crl_file(tls->creds, files->cacrl,
                                                    GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to set x509 certificate revocation list: %s: %s"),
                       files->cacrl, gnutls_strerror(rc));
        return -1;
    }
    /* a client may go without a certificate: the server decides */
    if ((rc = remoteTLSCheckFile("certificate", files->cert, true)) < 0 ||
        (rc == 0 && (rc = remoteTLSCheckFile("private key", files->key, true)) < 0))
        return -1;
    if (rc == 0 &&
        (rc = gnutls_certificate_set_x509_key_file(tls->creds, files->cert, files->key,
                                                    GNUTLS_X509_FMT_PEM)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to load certificate %s and key %s: %s"),
                       files->cert, files->key, gnutls_strerror(rc));
        return -1;
    }
    return 0;
}

/* Waits until @fd is ready the way the session's last step asked. */
static int
remoteTLSWait(remoteTLS *tls, int fd)
{
    struct pollfd pfd = { .fd = fd };

    pfd.events = gnutls_record_get_direction(tls->session) ? POLLOUT : POLLIN;
    while (poll(&pfd, 1, -1) < 0) {
        if (errno != EINTR) {
            virReportSystemError(errno, "%s", _("Unable to poll on socket"));
            return -1;
        }
    }
    return 0;
}

static int
remoteTLSHandshake(remoteTLS *tls, int fd)
{
    int rc;

    while ((rc = gnutls_handshake(tls->session)) < 0) {
        if (rc != GNUTLS_E_AGAIN && rc != GNUTLS_E_INTERRUPTED) {
            virReportError(VIR_ERR_AUTH_FAILED, _("TLS handshake failed %s"),
                           gnutls_strerror(rc));
            return -1;
        }
        if (remoteTLSWait(tls, fd) < 0)
            return -1;
    }
    return 0;
}

/* The server's certificate: signed by the CA, and its owner the host. */
static int
remoteTLSValidServer(remoteTLS *tls, const char *host)
{
    gnutls_x509_crt_t cert;
    unsigned int status = 0;
    int rc;

    if ((rc = gnutls_certificate_verify_peers2(tls->session, &status)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to verify TLS peer: %s"),
                       gnutls_strerror(rc));
        return -1;
    }
    if (status != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Certificate failed validation: %s"),
                       remoteTLSStatusReason(status));
        return -1;
    }
    if (gnutls_x509_crt_init(&cert) < 0)
        return -1;
    if (vkrTLSPeerCertificate(tls->session, cert) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "%s", _("Only x509 certificates are supported"));
        rc = -1;
    } else if (!gnutls_x509_crt_check_hostname(cert, host)) {
        virReportErrorBare(VIR_ERR_RPC, _("Certificate %s owner does not match the hostname %s"),
                           "[session]", host);
        rc = -1;
    }
    gnutls_x509_crt_deinit(cert);
    return rc;
}

/* libvirt's answer to a server it cannot trust: the reason goes to the
 * log, the error says the verification failed (no_verify=1 goes on). */
static int
remoteTLSCheckServer(remoteTLS *tls, const remoteURI *ruri)
{
    if (remoteTLSValidServer(tls, ruri->host) == 0)
        return 0;
    VIR_WARN("Certificate check failed %s", virGetLastErrorMessage());
    if (!ruri->noVerify) {
        virReportError(VIR_ERR_AUTH_FAILED, "%s", _("Failed to verify peer's certificate"));
        return -1;
    }
    virResetLastError();
    VIR_INFO("Ignoring bad certificate at user request");
    return 0;
}

/* The server checked our certificate and address: one byte, '\1', says
 * it let us in.  A clean end says it did not; any other end (a TLS alert,
 * a socket closed without a goodbye) is an I/O error, as in libvirt. */
static int
remoteTLSConfirmation(remoteTLS *tls, int fd)
{
    char byte = 0;
    ssize_t got;

    while ((got = gnutls_record_recv(tls->session, &byte, 1)) == GNUTLS_E_AGAIN ||
           got == GNUTLS_E_INTERRUPTED) {
        if (remoteTLSWait(tls, fd) < 0)
            return -1;
    }
    if (got < 0) {
        virReportSystemError(EIO, "%s", _("Unable to read TLS confirmation"));
        return -1;
    }
    if (got != 1 || byte != '\1') {
        virReportErrorBare(VIR_ERR_RPC, "%s",
                           _("server verification (of our certificate or IP address) failed"));
        return -1;
    }
    return 0;
}

/**
 * remoteTLSNew:
 * @ruri: a tls URI (pkipath)
 *
 * Loads the CA, the revocation list and the client's certificate, before
 * any connection, as libvirt's client does.
 *
 * Returns the credentials, or NULL with libvirt's error naming the file.
 */
remoteTLS *
remoteTLSNew(const remoteURI *ruri)
{
    g_autoptr(remoteTLS) tls = g_new0(remoteTLS, 1);
    g_auto(remoteTLSFiles) files = { 0 };
    int rc;

    remoteTLSLocate(ruri->pkipath, &files);
    if ((rc = gnutls_certificate_allocate_credentials(&tls->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to allocate x509 credentials: %s"),
                       gnutls_strerror(rc));
        return NULL;
    }
    if (remoteTLSSanityCheck(files.cacert, files.cert) < 0 || remoteTLSLoad(tls, &files) < 0)
        return NULL;
    return g_steal_pointer(&tls);
}

/**
 * remoteTLSStart:
 * @tls: credentials from remoteTLSNew()
 * @ruri: the URI (host, no_verify)
 * @fd: the connected socket, non-blocking (the caller keeps it open as
 *      long as @tls lives)
 *
 * Makes the session, checks the server and waits for its confirmation.
 *
 * Returns 0, or -1 with libvirt's error.
 */
int
remoteTLSStart(remoteTLS *tls, const remoteURI *ruri, int fd)
{
    int rc;

    if ((rc = gnutls_init(&tls->session, GNUTLS_CLIENT | GNUTLS_NONBLOCK)) < 0 ||
        (rc = gnutls_set_default_priority(tls->session)) < 0 ||
        (rc = gnutls_credentials_set(tls->session, GNUTLS_CRD_CERTIFICATE, tls->creds)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Failed to initialize TLS session: %s"),
                       gnutls_strerror(rc));
        return -1;
    }
    gnutls_transport_set_int(tls->session, fd);
    if (remoteTLSHandshake(tls, fd) < 0 ||
        remoteTLSCheckServer(tls, ruri) < 0 ||
        remoteTLSConfirmation(tls, fd) < 0)
        return -1;
    return 0;
}

/**
 * remoteTLSFree:
 * @tls: a session, or NULL
 */
void
remoteTLSFree(remoteTLS *tls)
{
    if (!tls)
        return;
    if (tls->session)
        gnutls_deinit(tls->session);
    if (tls->creds)
        gnutls_certificate_free_credentials(tls->creds);
    g_free(tls);
}

/**
 * remoteTLSSession:
 * @tls: a started session
 *
 * Returns the GnuTLS session, for vkrTLSTransport.
 */
gnutls_session_t
remoteTLSSession(remoteTLS *tls)
{
    return tls->session;
}
