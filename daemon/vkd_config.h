/*
 * vkd_config.h: virtkitd.conf, with libvirtd.conf's key names
 *
 * The file is libvirtd.conf's format: "key = value" settings, values
 * integers, "strings" or [ "lists", "of strings" ], # comments.  Keys are
 * libvirtd.conf's where they mean the same thing; a key the daemon does
 * not know is an error naming its line.  Each key is one entry of the
 * table in vkd_config.c.
 */
#ifndef VKD_CONFIG_H
# define VKD_CONFIG_H

# include "internal.h"

typedef struct _vkdConfig vkdConfig;
struct _vkdConfig {
    char *unix_sock_dir;        /* where the default sockets go */
    char *unix_sock_group;      /* group of the read-write socket, or NULL */
    char *unix_sock_ro_perms;   /* octal, as text */
    char *unix_sock_rw_perms;
    bool rw_perms_set;          /* the file gave unix_sock_rw_perms */
    int max_clients;
    int min_workers;
    int max_workers;
    int max_client_requests;    /* calls one client may have waiting */
    int keepalive_interval;     /* seconds; -1 turns keepalive off */
    int keepalive_count;
    int log_level;              /* 1 debug, 2 info, 3 warning, 4 error */

    /* TCP, with virtkitd --listen (vkd_listen.c, vkd_tls.c) */
    int listen_tls;             /* TLS on tls_port (default on) */
    int listen_tcp;             /* plain TCP on tcp_port (default off) */
    char *tls_port;             /* a port number or service name */
    char *tcp_port;
    char *listen_addr;          /* NULL: every interface */
    char *auth_tcp;             /* "sasl" (refused: no SASL here) or "none" */
    char *key_file;
    char *cert_file;
    char *ca_file;
    char *crl_file;             /* or NULL */
    char **tls_allowed_dn_list; /* NULL: any client the CA signed */
    char *tls_priority;
    int tls_no_verify_certificate;
    int tls_handshake_timeout;  /* seconds a TLS client may take to finish its
                                 * handshake; 0: no limit */
};

vkdConfig *vkdConfigNew(void);
void vkdConfigFree(vkdConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vkdConfig, vkdConfigFree);

gboolean vkdConfigLoadFile(vkdConfig *config, const char *path, gboolean mustExist,
                           GError **error);
gboolean vkdConfigLoadData(vkdConfig *config, const char *name, const char *data,
                           GError **error);
guint vkdConfigSockPerms(const char *perms);

#endif /* VKD_CONFIG_H */
