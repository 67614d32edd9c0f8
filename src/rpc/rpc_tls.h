/*
 * rpc_tls.h: what both ends of libvirt's TLS transport do alike
 *
 * The daemon (daemon/vkd_tls.c) and the library's remote driver
 * (src/drivers/remote/remote_tls.c) each own their GnuTLS session and
 * their policy; they share the channel's transport over a session (its
 * records, GnuTLS's codes as errno), how a peer's certificate is named,
 * and what a failed verification is called.
 */
#ifndef VKR_RPC_TLS_H
# define VKR_RPC_TLS_H

# include "internal.h"

# include <gnutls/gnutls.h>
# include <gnutls/x509.h>

# include "rpc_channel.h"

/* vkrChannelSetTransport(ch, &vkrTLSTransport, session): the records of
 * a session whose handshake is done (GnuTLS's codes as errno) */
extern const vkrChannelTransport vkrTLSTransport;

char *vkrTLSPeerDN(gnutls_session_t session);
int vkrTLSPeerCertificate(gnutls_session_t session, gnutls_x509_crt_t cert);

#endif /* VKR_RPC_TLS_H */
