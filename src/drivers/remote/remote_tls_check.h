/*
 * remote_tls_check.h: libvirt's sanity check of a TLS client's own files,
 * and its words for a certificate that failed verification
 */
#ifndef REMOTE_TLS_CHECK_H
# define REMOTE_TLS_CHECK_H

# include "internal.h"

# include <gnutls/gnutls.h>
# include <gnutls/x509.h>

int remoteTLSSanityCheck(const char *caFile, const char *certFile);
const char *remoteTLSStatusReason(unsigned int status);

#endif /* REMOTE_TLS_CHECK_H */
