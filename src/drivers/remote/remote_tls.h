/*
 * remote_tls.h: the client's side of libvirt's TLS transport
 *
 * libvirt's client rules: the CA, the client's certificate and its key
 * come from pkipath= (cacert.pem, clientcert.pem, clientkey.pem), else
 * for a user other than root from $HOME/.pki/libvirt/ file by file where
 * they exist, else from /etc/pki/CA/cacert.pem,
 * /etc/pki/libvirt/clientcert.pem and
 * /etc/pki/libvirt/private/clientkey.pem.  The server's certificate must
 * be signed by the CA and name the host of the URI, unless no_verify=1.
 * Then the server checks ours and sends one byte, '\1', before the first
 * call; a server that closes instead refused us.
 */
#ifndef REMOTE_TLS_H
# define REMOTE_TLS_H

# include "internal.h"

# include "remote_transport.h"
# include "rpc_tls.h"

typedef struct _remoteTLS remoteTLS;

remoteTLS *remoteTLSNew(const remoteURI *ruri);
int remoteTLSStart(remoteTLS *tls, const remoteURI *ruri, int fd);
void remoteTLSFree(remoteTLS *tls);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(remoteTLS, remoteTLSFree);
gnutls_session_t remoteTLSSession(remoteTLS *tls);

#endif /* REMOTE_TLS_H */
