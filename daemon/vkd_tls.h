/*
 * vkd_tls.h: the daemon's side of libvirt's TLS transport
 *
 * libvirt's x509 scheme: the server presents servercert.pem, signed by
 * the CA both sides trust (cacert.pem); each client presents its own
 * certificate, signed by that CA, whose distinguished name must match
 * tls_allowed_dn_list when the list is set.  Once the handshake is done
 * and the client checked, the server sends one byte, '\1', in the
 * encrypted stream: libvirt's clients wait for it before the first call
 * (and say "server verification ... failed" when the connection closes
 * instead).  Then the channel carries the protocol's frames as on a
 * unix socket (vkdTLSSessionAttach()).
 */
#ifndef VKD_TLS_H
# define VKD_TLS_H

# include "internal.h"

# include "rpc_channel.h"
# include "vkd_config.h"

typedef struct _vkdTLS vkdTLS;
typedef struct _vkdTLSSession vkdTLSSession;

vkdTLS *vkdTLSNew(const vkdConfig *config, GError **error);
void vkdTLSFree(vkdTLS *tls);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vkdTLS, vkdTLSFree);

vkdTLSSession *vkdTLSSessionNew(vkdTLS *tls, int fd, GError **error);
void vkdTLSSessionFree(vkdTLSSession *sess);

int vkdTLSSessionHandshake(vkdTLSSession *sess, unsigned int *events, GError **error);
gboolean vkdTLSSessionCheck(vkdTLSSession *sess, GError **error);
void vkdTLSSessionRefuse(vkdTLSSession *sess);
const char *vkdTLSSessionDN(vkdTLSSession *sess);
void vkdTLSSessionAttach(vkdTLSSession *sess, vkrChannel *ch);

#endif /* VKD_TLS_H */
