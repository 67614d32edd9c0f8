/*
 * vkd_listen.h: the unix sockets virtkitd listens on
 *
 * Three ways to get them: from systemd (socket activation), from the
 * command line (--socket, --socket-ro), or by default where unmodified
 * libvirt clients look: <unix_sock_dir>/virt<scheme>d-sock and -sock-ro
 * for every driver the library was built with (virsh -c lve:///system
 * finds /run/libvirt/virtlved-sock; test+unix:///default finds
 * virttestd-sock).
 *
 * With --listen, TCP too (vkdListenNetwork): TLS, and plain TCP only when
 * asked for.
 */
#ifndef VKD_LISTEN_H
# define VKD_LISTEN_H

# include "internal.h"

# include <sys/socket.h>

# include "vkd_server.h"

int vkdListenActivated(vkdServer *server, GError **error);
gboolean vkdListenPath(vkdServer *server, const vkdConfig *config, const char *path,
                       bool readonly, const char *scheme, GError **error);
gboolean vkdListenDefault(vkdServer *server, const vkdConfig *config, GError **error);
gboolean vkdListenNetwork(vkdServer *server, const vkdConfig *config, GError **error);
char *vkdSockAddrName(const struct sockaddr *sa, socklen_t len);
char *vkdSocketScheme(const char *path, bool *readonly);

#endif /* VKD_LISTEN_H */
