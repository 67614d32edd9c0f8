/*
 * remote_transport.h: what a remote URI says, and the stream it opens
 *
 * libvirt's URIs: DRIVER+TRANSPORT://[USER@]HOST[:PORT]/PATH?PARAMS, the
 * transport unix, ssh, tcp, tls or ext (tls when a host is given without
 * one), and the client's own parameters (socket, name, mode, proxy,
 * command, netcat, keyfile, known_hosts, no_verify, no_tty, pkipath),
 * which are taken out of the name sent to the daemon.
 */
#ifndef REMOTE_TRANSPORT_H
# define REMOTE_TRANSPORT_H

# include "internal.h"

# include <sys/types.h>

# include "viruri.h"

typedef enum {
    REMOTE_TRANSPORT_UNIX,
    REMOTE_TRANSPORT_SSH,
    REMOTE_TRANSPORT_TCP,
    REMOTE_TRANSPORT_TLS,
    REMOTE_TRANSPORT_EXT,
} remoteTransport;

typedef struct _remoteURI remoteURI;
struct _remoteURI {
    remoteTransport transport;
    char *name;             /* the URI the daemon opens: "test:///default" */
    char *host;             /* "localhost" when the URI names none */
    char *port;             /* NULL: the transport's default */
    char *user;
    char *socket;           /* the daemon's socket (unix; ssh: on the far side) */
    char *command;          /* ssh binary, or the ext command */
    char *netcat;
    char *keyfile;
    char *knownHosts;
    char *pkipath;
    char *proxy;            /* auto, netcat or native */
    bool noVerify;
    bool noTTY;
};

void remoteURIFree(remoteURI *ruri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(remoteURI, remoteURIFree);

remoteURI *remoteURIParse(const virURI *uri, bool readonly);
int remoteTransportOpen(const remoteURI *ruri, bool readonly, int *fd, int *errfd,
                        pid_t *child);

#endif /* REMOTE_TRANSPORT_H */
