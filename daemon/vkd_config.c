/*
 * vkd_config.c: virtkitd.conf, with libvirtd.conf's key names
 *
 * GLib's GScanner cuts the file into tokens (names, =, numbers, quoted
 * strings, brackets, # comments), so this file only holds the grammar and
 * the table of keys.  A new key is one entry of vkdConfigKeys[] and one
 * field of vkdConfig.
 */
#include "internal.h"

#include <stddef.h>

#include "vkd_config.h"

typedef enum {
    VKD_CONFIG_INT,             /* int, between min and max */
    VKD_CONFIG_STRING,          /* char * */
    VKD_CONFIG_PERMS,           /* char *, an octal file mode */
    VKD_CONFIG_STRING_LIST,     /* char ** (NULL-terminated) */
} vkdConfigType;

typedef struct {
    const char *name;
    vkdConfigType type;
    size_t offset;
    int min;
    int max;
} vkdConfigKey;

#define VKD_KEY_INT(name, min, max) \
    { #name, VKD_CONFIG_INT, offsetof(vkdConfig, name), min, max }
#define VKD_KEY(name, type) \
    { #name, type, offsetof(vkdConfig, name), 0, 0 }

static const vkdConfigKey vkdConfigKeys[] = {
    VKD_KEY(unix_sock_dir, VKD_CONFIG_STRING),
    VKD_KEY(unix_sock_group, VKD_CONFIG_STRING),
    VKD_KEY(unix_sock_ro_perms, VKD_CONFIG_PERMS),
    VKD_KEY(unix_sock_rw_perms, VKD_CONFIG_PERMS),
    VKD_KEY_INT(max_clients, 1, 1000000),
    VKD_KEY_INT(min_workers, 1, 10000),
    VKD_KEY_INT(max_workers, 1, 10000),
    VKD_KEY_INT(max_client_requests, 1, 10000),
    VKD_KEY_INT(keepalive_interval, -1, 86400),
    VKD_KEY_INT(keepalive_count, 0, 1000),
    VKD_KEY_INT(log_level, 1, 4),
    VKD_KEY_INT(listen_tls, 0, 1),
    VKD_KEY_INT(listen_tcp, 0, 1),
    VKD_KEY(tls_port, VKD_CONFIG_STRING),
    VKD_KEY(tcp_port, VKD_CONFIG_STRING),
    VKD_KEY(listen_addr, VKD_CONFIG_STRING),
    VKD_KEY(auth_tcp, VKD_CONFIG_STRING),
    VKD_KEY(key_file, VKD_CONFIG_STRING),
    VKD_KEY(cert_file, VKD_CONFIG_STRING),
    VKD_KEY(ca_file, VKD_CONFIG_STRING),
    VKD_KEY(crl_file, VKD_CONFIG_STRING),
    VKD_KEY(tls_allowed_dn_list, VKD_CONFIG_STRING_LIST),
    VKD_KEY(tls_priority, VKD_CONFIG_STRING),
    VKD_KEY_INT(tls_no_verify_certificate, 0, 1),
    VKD_KEY_INT(tls_handshake_timeout, 0, 86400),
};

/**
 * vkdConfigNew:
 *
 * Returns the defaults, which are libvirtd's except where virtkitd's
 * brief says otherwise (socket modes 0600 and 0666, info logging): TLS
 * on port 16514 and no plain TCP once --listen is given.
 */
vkdConfig *
vkdConfigNew(void)
{
    vkdConfig *config = g_new0(vkdConfig, 1);

    config->unix_sock_dir = g_strdup("/run/libvirt");
    config->unix_sock_ro_perms = g_strdup("0666");
    config->unix_sock_rw_perms = g_strdup("0600");
    config->max_clients = 5000;
    config->min_workers = 5;
    config->max_workers = 20;
    config->max_client_requests = 5;
    config->keepalive_interval = 5;
    config->keepalive_count = 5;
    config->log_level = 2;
    config->listen_tls = 1;
    config->tls_port = g_strdup("16514");
    config->tcp_port = g_strdup("16509");
    config->auth_tcp = g_strdup("sasl");
    /* libvirt's own paths (under /etc whatever the prefix), so that one set
     * of certificates serves libvirtd and virtkitd alike */
    config->key_file = g_strdup("/etc/pki/libvirt/private/serverkey.pem");
    config->cert_file = g_strdup("/etc/pki/libvirt/servercert.pem");
    config->ca_file = g_strdup("/etc/pki/CA/cacert.pem");
    config->tls_priority = g_strdup("NORMAL");
    config->tls_handshake_timeout = 60;
    return config;
}

/**
 * vkdConfigFree:
 * @config: a configuration, or NULL
 */
void
vkdConfigFree(vkdConfig *config)
{
    size_t i;

    if (!config)
        return;
    for (i = 0; i < G_N_ELEMENTS(vkdConfigKeys); i++) {
        void *field = (char *)config + vkdConfigKeys[i].offset;

        if (vkdConfigKeys[i].type == VKD_CONFIG_STRING_LIST)
            g_strfreev(*(char ***)field);
        else if (vkdConfigKeys[i].type != VKD_CONFIG_INT)
            g_free(*(char **)field);
    }
    g_free(config);
}

/**
 * vkdConfigSockPerms:
 * @perms: an octal mode, as the configuration holds it
 *
 * Returns the mode.
 */
guint
vkdConfigSockPerms(const char *perms)
{
    return (guint)g_ascii_strtoull(perms, NULL, 8);
}

static const vkdConfigKey *
vkdConfigFindKey(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vkdConfigKeys); i++) {
        if (STREQ(vkdConfigKeys[i].name, name))
            return &vkdConfigKeys[i];
    }
    return NULL;
}

static gboolean
vkdConfigFail(GScanner *scanner, GError **error, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static gboolean
vkdConfigFail(GScanner *scanner, GError **error, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list args;

    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);
    g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, "%s:%u: %s",
                scanner->input_name, g_scanner_cur_line(scanner), what);
    return FALSE;
}

static gboolean
vkdConfigReadInt(GScanner *scanner, const vkdConfigKey *key, int *value, GError **error)
{
    GTokenType token = g_scanner_get_next_token(scanner);
    bool negative = false;

    if (token == '-') {
        negative = true;
        token = g_scanner_get_next_token(scanner);
    }
    if (token != G_TOKEN_INT)
        return vkdConfigFail(scanner, error, "'%s' needs an integer", key->name);
    if (scanner->value.v_int64 > G_MAXINT ||
        (negative ? -(gint64)scanner->value.v_int64 : (gint64)scanner->value.v_int64) < key->min ||
        (negative ? -(gint64)scanner->value.v_int64 : (gint64)scanner->value.v_int64) > key->max)
        return vkdConfigFail(scanner, error, "'%s' must be between %d and %d",
                             key->name, key->min, key->max);
    *value = negative ? -(int)scanner->value.v_int64 : (int)scanner->value.v_int64;
    return TRUE;
}

static gboolean
vkdConfigReadList(GScanner *scanner, const vkdConfigKey *key, char ***value, GError **error)
{
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);

    if (g_scanner_get_next_token(scanner) != '[')
        return vkdConfigFail(scanner, error, "'%s' needs a list [ \"...\", ... ]", key->name);
    while (g_scanner_peek_next_token(scanner) != ']') {
        if (g_scanner_get_next_token(scanner) != G_TOKEN_STRING)
            return vkdConfigFail(scanner, error, "'%s' is a list of strings", key->name);
        g_ptr_array_add(list, g_strdup(scanner->value.v_string));
        if (g_scanner_peek_next_token(scanner) == ',')
            g_scanner_get_next_token(scanner);
        else if (g_scanner_peek_next_token(scanner) != ']')
            return vkdConfigFail(scanner, error, "'%s': expected ',' or ']'", key->name);
    }
    g_scanner_get_next_token(scanner);
    g_ptr_array_add(list, NULL);
    g_strfreev(*value);
    *value = (char **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    return TRUE;
}

static gboolean
vkdConfigReadString(GScanner *scanner, const vkdConfigKey *key, char **value, GError **error)
{
    const char *str;

    if (g_scanner_get_next_token(scanner) != G_TOKEN_STRING)
        return vkdConfigFail(scanner, error, "'%s' needs a quoted string", key->name);
    str = scanner->value.v_string;
    if (key->type == VKD_CONFIG_PERMS &&
        (!*str || strspn(str, "01234567") != strlen(str) || vkdConfigSockPerms(str) > 07777))
        return vkdConfigFail(scanner, error,
                             "'%s' must be an octal mode such as \"0660\", not \"%s\"",
                             key->name, str);
    g_free(*value);
    *value = g_strdup(str);
    return TRUE;
}

/* Reads one "key = value" setting. */
static gboolean
vkdConfigReadSetting(GScanner *scanner, vkdConfig *config, GError **error)
{
    const vkdConfigKey *key;
    void *field;

    if (g_scanner_get_next_token(scanner) != G_TOKEN_IDENTIFIER)
        return vkdConfigFail(scanner, error, "expected a setting name");
    if (!(key = vkdConfigFindKey(scanner->value.v_identifier)))
        return vkdConfigFail(scanner, error, "unknown setting '%s'", scanner->value.v_identifier);
    if (g_scanner_get_next_token(scanner) != '=')
        return vkdConfigFail(scanner, error, "expected '=' after '%s'", key->name);
    field = (char *)config + key->offset;
    switch (key->type) {
    case VKD_CONFIG_INT:
        return vkdConfigReadInt(scanner, key, field, error);
    case VKD_CONFIG_STRING_LIST:
        return vkdConfigReadList(scanner, key, field, error);
    case VKD_CONFIG_STRING:
    case VKD_CONFIG_PERMS:
        if (field == &config->unix_sock_rw_perms)
            config->rw_perms_set = true;
        return vkdConfigReadString(scanner, key, field, error);
    }
    return FALSE;
}

/**
 * vkdConfigLoadData:
 * @config: the configuration to update
 * @name: the file's name, for errors
 * @data: its content
 * @error: where to say what is wrong, with the line
 *
 * Returns TRUE when every setting was read; on FALSE, @config may hold
 * the settings before the bad one.
 */
gboolean
vkdConfigLoadData(vkdConfig *config, const char *name, const char *data, GError **error)
{
    GScanner *scanner = g_scanner_new(NULL);
    gboolean ok = TRUE;

    scanner->config->cset_identifier_first = (gchar *)G_CSET_a_2_z G_CSET_A_2_Z "_";
    scanner->config->cset_identifier_nth = (gchar *)G_CSET_a_2_z G_CSET_A_2_Z "_0123456789";
    scanner->config->cpair_comment_single = (gchar *)"#\n";
    scanner->config->scan_identifier_1char = TRUE;
    scanner->config->scan_float = FALSE;
    scanner->config->scan_hex = FALSE;
    scanner->config->scan_octal = FALSE;
    scanner->config->symbol_2_token = FALSE;
    scanner->input_name = name;
    g_scanner_input_text(scanner, data, strlen(data));
    while (ok && g_scanner_peek_next_token(scanner) != G_TOKEN_EOF)
        ok = vkdConfigReadSetting(scanner, config, error);
    g_scanner_destroy(scanner);
    return ok;
}

/**
 * vkdConfigLoadFile:
 * @config: the configuration to update
 * @path: the file
 * @mustExist: whether a missing file is an error (a file named on the
 *             command line) or means the defaults (the default file)
 * @error: where to say what is wrong
 *
 * Returns TRUE on success.
 */
gboolean
vkdConfigLoadFile(vkdConfig *config, const char *path, gboolean mustExist, GError **error)
{
    g_autofree char *data = NULL;
    g_autoptr(GError) err = NULL;

    if (!g_file_get_contents(path, &data, NULL, &err)) {
        if (!mustExist && g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return TRUE;
        g_propagate_error(error, g_steal_pointer(&err));
        return FALSE;
    }
    return vkdConfigLoadData(config, path, data, error);
}
