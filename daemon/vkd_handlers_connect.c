/*
 * vkd_handlers_connect.c: procedures of the connection and of the node
 *
 * CONNECT_OPEN opens the library connection every later call uses: the
 * URI the client sent (the remote driver already took away the transport
 * and its own parameters), read-only when the socket or the client says
 * so.  A read-only library connection refuses every mutation itself.
 */
#include "internal.h"

#include "rpc_typedparam.h"
#include "vkd_client.h"
#include "vkd_events.h"
#include "vkd_handlers.h"
#include "vkd_scanner.h"
#include "vkd_server.h"

/* The remote driver's own CONNECT_OPEN flags (not virConnectFlags). */
#define VKD_OPEN_RO 1           /* virConnectOpenReadOnly, virsh -r */

/* CONNECT_SUPPORTS_FEATURE numbers the daemon answers */
enum {
    VKD_FEATURE_TYPED_PARAM_STRING = 9,
    VKD_FEATURE_PROGRAM_KEEPALIVE = 10,
    VKD_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    VKD_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
};

/* The URI for a client that names none, on a driver's own socket. */
static char *
vkdDefaultURI(const char *scheme)
{
    if (!scheme)
        return NULL;
    if (STREQ(scheme, "test"))
        return g_strdup("test:///default");
    return g_strdup_printf("%s:///system", scheme);
}

/* Anyone may connect to the read-only socket, so there a process that is
 * not root may only open the host's own drivers: no /embed root or node
 * file of its choosing, which the daemon (root) would read. */
static bool
vkdConnectAllowed(vkdClient *client, const char *name)
{
    g_autoptr(GUri) uri = NULL;
    const char *path;

    if (!client->readonly || client->uid == 0 || !name)
        return true;
    if (!(uri = g_uri_parse(name, G_URI_FLAGS_NONE, NULL)) || g_uri_get_query(uri))
        return false;
    path = g_uri_get_path(uri);
    return STREQ(path, "/system") ||
           (STREQ(g_uri_get_scheme(uri), "test") && STREQ(path, "/default"));
}

int
vkdConnectOpen(vkdCall *call)
{
    const vkr_connect_open_args *args = call->args;
    vkdClient *client = call->client;
    bool readonly = client->readonly || (args->flags & VKD_OPEN_RO);
    g_autofree char *fallback = NULL;
    const char *name = args->name && **args->name ? *args->name : NULL;
    virConnectPtr conn;

    if ((conn = vkdClientGetConn(client))) {
        virConnectClose(conn);
        vkdCallError(call, VIR_ERR_OPERATION_INVALID, "the connection is already open");
        return -1;
    }
    if (!name)
        name = fallback = vkdDefaultURI(client->scheme);
    if (!vkdConnectAllowed(client, name)) {
        vkdCallError(call, VIR_ERR_OPERATION_DENIED,
                     "on the read-only socket, uid %d may only open a host's driver, not '%s'",
                     (int)client->uid, name);
        return -1;
    }
    if (!(conn = readonly ? virConnectOpenReadOnly(name) : virConnectOpen(name)))
        return -1;
    if (vkdClientSetConn(client, conn) < 0) {
        virConnectClose(conn);
        vkdCallError(call, VIR_ERR_OPERATION_INVALID, "the connection is already open");
        return -1;
    }
    g_info("client %llu: opened '%s'%s", client->id, NULLSTR(name), readonly ? " read-only" : "");
    return 0;
}

int
vkdConnectClose(vkdCall *call)
{
    virConnectPtr conn = vkdClientTakeConn(call->client);

    /* its callbacks hold the connection */
    vkdEventsClientGone(vkdServerEvents(call->client->server), call->client);
    /* closed before the reply: the client's next connection finds the
     * driver state it left (test:///default starts afresh) */
    if (conn)
        virConnectClose(conn);
    return 0;
}

int
vkdConnectSupportsFeature(vkdCall *call)
{
    const vkr_int_args *args = call->args;
    vkr_int_ret *ret = call->ret;

    switch (args->num) {
    case VKD_FEATURE_PROGRAM_KEEPALIVE:
        vkdClientStartKeepalive(call->client);
        ret->num = 1;
        break;
    case VKD_FEATURE_TYPED_PARAM_STRING:
    case VKD_FEATURE_REMOTE_EVENT_CALLBACK:
    case VKD_FEATURE_REMOTE_CLOSE_CALLBACK:
        ret->num = 1;
        break;
    default:
        ret->num = 0;
        break;
    }
    return 0;
}

int
vkdAuthList(vkdCall *call)
{
    vkr_auth_list_ret *ret = call->ret;

    /* REMOTE_AUTH_NONE: the socket's file mode is the access control */
    ret->types.types_val = g_new0(int, 1);
    ret->types.types_len = 1;
    return 0;
}

int
vkdConnectNothing(vkdCall *call)
{
    return 0;
}

int
vkdConnectGetType(vkdCall *call)
{
    vkr_string_ret *ret = call->ret;
    const char *type = virConnectGetType(call->conn);

    if (!type)
        return -1;
    ret->str = g_strdup(type);
    return 0;
}

int
vkdConnectUlongOut(vkdCall *call)
{
    vkr_uhyper_ret *ret = call->ret;
    unsigned long value = 0;

    if (call->entry->api.connUlongOut(call->conn, &value) < 0)
        return -1;
    ret->num = value;
    return 0;
}

int
vkdConnectString(vkdCall *call)
{
    vkr_string_ret *ret = call->ret;

    return (ret->str = call->entry->api.connString0(call->conn)) ? 0 : -1;
}

int
vkdConnectInt(vkdCall *call)
{
    vkr_int_ret *ret = call->ret;

    return (ret->num = call->entry->api.conn(call->conn)) < 0 ? -1 : 0;
}

int
vkdConnectGetMaxVcpus(vkdCall *call)
{
    const vkr_connect_get_max_vcpus_args *args = call->args;
    vkr_int_ret *ret = call->ret;

    ret->num = virConnectGetMaxVcpus(call->conn, args->type ? *args->type : NULL);
    return ret->num < 0 ? -1 : 0;
}

int
vkdConnectListDomains(vkdCall *call)
{
    const vkr_int_args *args = call->args;
    vkr_list_domains_ret *ret = call->ret;
    int n;

    if (!vkdCheckCount(call, "maxids", args->num, VKR_DOMAIN_LIST_MAX))
        return -1;
    ret->ids.ids_val = g_new0(int, MAX(args->num, 1));
    if ((n = virConnectListDomains(call->conn, ret->ids.ids_val, args->num)) < 0)
        return -1;
    ret->ids.ids_len = n;
    return 0;
}

int
vkdConnectListDefinedDomains(vkdCall *call)
{
    const vkr_int_args *args = call->args;
    vkr_list_defined_domains_ret *ret = call->ret;
    int n;

    if (!vkdCheckCount(call, "maxnames", args->num, VKR_DOMAIN_LIST_MAX))
        return -1;
    ret->names.names_val = g_new0(char *, MAX(args->num, 1));
    if ((n = virConnectListDefinedDomains(call->conn, ret->names.names_val, args->num)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

int
vkdConnectListAllDomains(vkdCall *call)
{
    const vkr_list_all_domains_args *args = call->args;
    vkr_list_all_domains_ret *ret = call->ret;
    virDomainPtr *doms = NULL;
    int n, i;

    if ((n = virConnectListAllDomains(call->conn, args->need_results ? &doms : NULL,
                                      args->flags)) < 0)
        return -1;
    if (n > VKR_DOMAIN_LIST_MAX) {
        vkdCallError(call, VIR_ERR_RPC, "%d domains exceed the protocol's limit of %d",
                     n, VKR_DOMAIN_LIST_MAX);
    } else if (doms) {
        ret->domains.domains_val = g_new0(vkr_nonnull_domain, MAX(n, 1));
        ret->domains.domains_len = n;
        for (i = 0; i < n; i++)
            vkdDomainToWire(doms[i], &ret->domains.domains_val[i]);
    }
    ret->ret = n;
    for (i = 0; doms && i < n; i++)
        virDomainFree(doms[i]);
    g_free(doms);
    return n > VKR_DOMAIN_LIST_MAX ? -1 : 0;
}

int
vkdNodeGetInfo(vkdCall *call)
{
    vkr_node_get_info_ret *ret = call->ret;
    virNodeInfo info;

    if (virNodeGetInfo(call->conn, &info) < 0)
        return -1;
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->memory = info.memory;
    ret->cpus = info.cpus;
    ret->mhz = info.mhz;
    ret->nodes = info.nodes;
    ret->sockets = info.sockets;
    ret->cores = info.cores;
    ret->threads = info.threads;
    return 0;
}

int
vkdNodeGetCellsFreeMemory(vkdCall *call)
{
    const vkr_node_get_cells_free_memory_args *args = call->args;
    vkr_node_get_cells_free_memory_ret *ret = call->ret;
    int n;

    if (!vkdCheckCount(call, "maxcells", args->max_cells, VKR_NODE_MAX_CELLS))
        return -1;
    ret->cells.cells_val = g_new0(u_quad_t, MAX(args->max_cells, 1));
    if ((n = virNodeGetCellsFreeMemory(call->conn, (unsigned long long *)ret->cells.cells_val,
                                       args->start_cell, args->max_cells)) < 0)
        return -1;
    ret->cells.cells_len = n;
    return 0;
}

int
vkdNodeGetFreeMemory(vkdCall *call)
{
    vkr_uhyper_ret *ret = call->ret;

    /* 0 is also the error value: the thread's error tells them apart */
    ret->num = virNodeGetFreeMemory(call->conn);
    return ret->num == 0 && virGetLastError() ? -1 : 0;
}

int
vkdNodeGetSecurityModel(vkdCall *call)
{
    vkr_node_get_security_model_ret *ret = call->ret;
    virSecurityModel model;

    memset(&model, 0, sizeof(model));
    if (virNodeGetSecurityModel(call->conn, &model) < 0)
        return -1;
    /* with the NUL, as libvirtd sends them */
    ret->model.model_len = strlen(model.model) + 1;
    ret->model.model_val = g_strdup(model.model);
    ret->doi.doi_len = strlen(model.doi) + 1;
    ret->doi.doi_val = g_strdup(model.doi);
    return 0;
}

int
vkdNodeGetCPUMap(vkdCall *call)
{
    const vkr_node_get_cpu_map_args *args = call->args;
    vkr_node_get_cpu_map_ret *ret = call->ret;
    unsigned char *map = NULL;
    unsigned int online = 0;
    int cpus;

    if ((cpus = virNodeGetCPUMap(call->conn, args->need_map ? &map : NULL,
                                 args->need_online ? &online : NULL, args->flags)) < 0)
        return -1;
    if (map) {
        ret->cpumap.cpumap_len = VIR_CPU_MAPLEN(cpus);
        ret->cpumap.cpumap_val = (char *)map;
    }
    ret->online = online;
    ret->ret = cpus;
    return 0;
}

int
vkdNodeGetMemoryStats(vkdCall *call)
{
    const vkr_node_get_memory_stats_args *args = call->args;
    vkr_node_get_memory_stats_ret *ret = call->ret;
    g_autofree virNodeMemoryStats *stats = NULL;
    int n = args->nparams;
    int i;

    if (!vkdCheckCount(call, "nparams", args->nparams, VKR_NODE_MEMORY_STATS_MAX))
        return -1;
    stats = g_new0(virNodeMemoryStats, MAX(n, 1));
    if (virNodeGetMemoryStats(call->conn, args->cell_num, n ? stats : NULL, &n, args->flags) < 0)
        return -1;
    ret->nparams = n;
    if (args->nparams == 0)
        return 0;
    ret->params.params_val = g_new0(vkr_node_memory_stat, MAX(n, 1));
    ret->params.params_len = n;
    for (i = 0; i < n; i++) {
        ret->params.params_val[i].field = g_strdup(stats[i].field);
        ret->params.params_val[i].value = stats[i].value;
    }
    return 0;
}

int
vkdNodeGetMemoryParameters(vkdCall *call)
{
    const vkr_node_get_memory_parameters_args *args = call->args;
    vkr_node_get_memory_parameters_ret *ret = call->ret;
    g_autoptr(GError) err = NULL;
    virTypedParameterPtr params = NULL;
    int n = args->nparams;
    int rc = -1;

    if (!vkdCheckCount(call, "nparams", args->nparams, VKR_NODE_MEMORY_PARAMETERS_MAX))
        return -1;
    params = g_new0(virTypedParameter, MAX(n, 1));
    if (virNodeGetMemoryParameters(call->conn, n ? params : NULL, &n, args->flags) < 0)
        goto cleanup;
    ret->nparams = n;
    if (args->nparams == 0 ||
        vkrTypedParamsToWire(params, n, VKR_NODE_MEMORY_PARAMETERS_MAX, args->flags,
                             &ret->params.params_val, &ret->params.params_len, &err))
        rc = 0;
    else
        vkdCallError(call, VIR_ERR_RPC, "%s", err->message);
 cleanup:
    /* the slots the driver did not fill are zero: nothing to free there */
    virTypedParamsFree(params, MAX(args->nparams, 1));
    return rc;
}

int
vkdNodeSetMemoryParameters(vkdCall *call)
{
    const vkr_node_set_memory_parameters_args *args = call->args;
    g_autoptr(GError) err = NULL;
    virTypedParameterPtr params = NULL;
    int n = 0;
    int rc;

    if (!vkrTypedParamsFromWire(args->params.params_val, args->params.params_len,
                                VKR_NODE_MEMORY_PARAMETERS_MAX, &params, &n, &err)) {
        vkdCallError(call, VIR_ERR_INVALID_ARG, "%s", err->message);
        return -1;
    }
    /* the scanner that shm_run starts on Xen is the daemon's to keep */
    rc = virNodeSetMemoryParameters(call->conn, params, n,
                                    vkdScannerFlags(call->conn, args->flags));
    if (rc == 0)
        vkdScannerUpdate(call->conn, params, n);
    virTypedParamsFree(params, n);
    return rc;
}
