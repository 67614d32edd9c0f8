/*
 * remote_tls_check.c: libvirt's sanity check of the client's own
 * certificate and CA, before any connection
 *
 * libvirt's client refuses a certificate that has expired, that its own CA
 * did not sign, or that is a CA, and warns of one whose key usage or
 * purpose does not fit a TLS client: a mistake in the client's files is
 * said in the client's words rather than as the server's refusal.
 */
#include "internal.h"

#include <unistd.h>

#include "remote_tls_check.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* as many CA certificates as libvirt reads from one file */
#define REMOTE_TLS_MAX_CA 16

static int
remoteTLSCheckTimes(gnutls_x509_crt_t cert, const char *file, bool isCA)
{
    time_t now = time(NULL);

    if (gnutls_x509_crt_get_expiration_time(cert) < now) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       isCA ? _("The CA certificate %s has expired") :
                       _("The client certificate %s has expired"), file);
        return -1;
    }
    if (gnutls_x509_crt_get_activation_time(cert) > now) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       isCA ? _("The CA certificate %s is not yet active") :
                       _("The client certificate %s is not yet active"), file);
        return -1;
    }
    return 0;
}

static int
remoteTLSCheckConstraints(gnutls_x509_crt_t cert, const char *file, bool isCA)
{
    int status = gnutls_x509_crt_get_basic_constraints(cert, NULL, NULL, NULL);

    if (status > 0 && !isCA) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("The certificate %s basic constraints show a CA, but we need one for a client"),
                       file);
        return -1;
    }
    if (status == 0 && isCA) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("The certificate %s basic constraints do not show a CA"), file);
        return -1;
    }
    if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE && isCA) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("The certificate %s is missing basic constraints for a CA"), file);
        return -1;
    }
    return 0;
}

/* A client certificate must allow TLS client use: refused when the
 * purposes are critical, a warning otherwise (as libvirt). */
static int
remoteTLSCheckPurpose(gnutls_x509_crt_t cert, const char *file)
{
    bool client = false;
    bool critical = false;
    unsigned int i;

    for (i = 0;; i++) {
        char oid[256];
        size_t size = sizeof(oid);
        unsigned int crit = 0;
        int rc = gnutls_x509_crt_get_key_purpose_oid(cert, i, oid, &size, &crit);

        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
            if (i == 0)
                client = true;  /* no purpose at all: any */
            break;
        }
        if (rc < 0) {
            virReportError(VIR_ERR_SYSTEM_ERROR,
                           _("Unable to query certificate %s key purpose: %s"),
                           file, gnutls_strerror(rc));
            return -1;
        }
        critical |= crit != 0;
        if (STREQ(oid, GNUTLS_KP_TLS_WWW_CLIENT) ||
            (STRNEQ(oid, GNUTLS_KP_TLS_WWW_SERVER) && STRNEQ(oid, GNUTLS_KP_ANY)))
            client = true;
    }
    if (client)
        return 0;
    if (critical) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Certificate %s purpose does not allow use for with a TLS client"), file);
        return -1;
    }
    VIR_WARN("Certificate %s purpose does not allow use for with a TLS client", file);
    return 0;
}

/**
 * remoteTLSStatusReason:
 * @status: GnuTLS's verification status, not 0
 *
 * Returns libvirt's words for why a certificate failed verification.
 */
const char *
remoteTLSStatusReason(unsigned int status)
{
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        return _("The certificate uses an insecure algorithm");
    if (status & GNUTLS_CERT_REVOKED)
        return _("The certificate has been revoked.");
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return _("The certificate hasn't got a known issuer.");
    if (status & GNUTLS_CERT_INVALID)
        return _("The certificate is not trusted.");
    return _("Invalid certificate");
}

static int
remoteTLSCheckTrust(gnutls_x509_crt_t cert, const char *certFile, gnutls_x509_crt_t *cas,
                    unsigned int ncas, const char *caFile)
{
    unsigned int status = 0;
    int rc;

    if ((rc = gnutls_x509_crt_list_verify(&cert, 1, cas, ncas, NULL, 0, 0, &status)) < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Unable to verify client certificate %s against CA certificate %s: %s"),
                       certFile, caFile, gnutls_strerror(rc));
        return -1;
    }
    if (status != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       _("Our own certificate %s failed validation against %s: %s"),
                       certFile, caFile, remoteTLSStatusReason(status));
        return -1;
    }
    return 0;
}

/* Reads up to @max certificates of the PEM file @file into @certs. */
static int
remoteTLSReadCerts(const char *file, gnutls_x509_crt_t *certs, unsigned int *n,
                   unsigned int max)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    gnutls_datum_t datum;
    int rc;

    *n = max;
    if (!g_file_get_contents(file, &data, &len, NULL)) {
        virReportSystemError(errno, _("Cannot read certificate '%s'"), file);
        return -1;
    }
    datum.data = (unsigned char *)data;
    datum.size = len;
    if ((rc = gnutls_x509_crt_list_import(certs, n, &datum, GNUTLS_X509_FMT_PEM, 0)) < 0) {
        *n = 0;
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to import certificate %s: %s"),
                       file, gnutls_strerror(rc));
        return -1;
    }
    *n = rc;
    return 0;
}

static void
remoteTLSFreeCerts(gnutls_x509_crt_t *certs, unsigned int n)
{
    while (n > 0)
        gnutls_x509_crt_deinit(certs[--n]);
}

static int
remoteTLSCheckLoaded(gnutls_x509_crt_t *cert, unsigned int ncert, const char *certFile,
                     gnutls_x509_crt_t *cas, unsigned int ncas, const char *caFile)
{
    unsigned int i;

    if (ncert &&
        (remoteTLSCheckTimes(cert[0], certFile, false) < 0 ||
         remoteTLSCheckConstraints(cert[0], certFile, false) < 0 ||
         remoteTLSCheckPurpose(cert[0], certFile) < 0))
        return -1;
    for (i = 0; i < ncas; i++) {
        if (remoteTLSCheckTimes(cas[i], caFile, true) < 0 ||
            remoteTLSCheckConstraints(cas[i], caFile, true) < 0)
            return -1;
    }
    if (ncert && ncas && remoteTLSCheckTrust(cert[0], certFile, cas, ncas, caFile) < 0)
        return -1;
    return 0;
}

/**
 * remoteTLSSanityCheck:
 * @caFile: the CA certificates (skipped when unreadable: loading says so)
 * @certFile: the client's certificate (skipped when unreadable)
 *
 * Returns 0 when the client's own files are fit for a TLS client, or -1
 * with libvirt's error.
 */
int
remoteTLSSanityCheck(const char *caFile, const char *certFile)
{
    gnutls_x509_crt_t cert[1];
    gnutls_x509_crt_t cas[REMOTE_TLS_MAX_CA];
    unsigned int ncert = 0, ncas = 0;
    int ret = -1;

    if ((access(certFile, R_OK) == 0 && remoteTLSReadCerts(certFile, cert, &ncert, 1) < 0) ||
        (access(caFile, R_OK) == 0 &&
         remoteTLSReadCerts(caFile, cas, &ncas, REMOTE_TLS_MAX_CA) < 0))
        goto cleanup;
    ret = remoteTLSCheckLoaded(cert, ncert, certFile, cas, ncas, caFile);

 cleanup:
    remoteTLSFreeCerts(cert, ncert);
    remoteTLSFreeCerts(cas, ncas);
    return ret;
}
