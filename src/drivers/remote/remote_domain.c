/*
 * remote_domain.c: the domain calls, each a procedure of the protocol
 *
 * Most calls share a shape ("a domain and flags, nothing back", "a
 * domain, an int back"): the shapes are the helpers at the top, and a
 * method names its procedure and passes its values.  A handle learns its
 * new id from the calls that start or stop its domain, as a local
 * driver's handle does.
 */
#include "internal.h"

#include "remote_domain.h"
#include "rpc_typedparam.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* ------------------------------------------------------------------ */
/* Shapes */

static int
remoteDomVoid(virDomainPtr dom, int proc)
{
    vkr_dom_args args;

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, proc, &args, NULL);
}

static int
remoteDomFlagsVoid(virDomainPtr dom, int proc, unsigned int flags)
{
    vkr_dom_flags_args args = { .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, proc, &args, NULL);
}

static int
remoteDomInt(virDomainPtr dom, int proc)
{
    vkr_dom_args args;
    vkr_int_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, proc, &args, &ret) < 0)
        return -1;
    return ret.num;
}

static int
remoteDomFlagsInt(virDomainPtr dom, int proc, unsigned int flags)
{
    vkr_dom_flags_args args = { .flags = flags };
    vkr_int_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, proc, &args, &ret) < 0)
        return -1;
    return ret.num;
}

static int
remoteDomStringFlagsVoid(virDomainPtr dom, int proc, const char *str, unsigned int flags)
{
    vkr_dom_string_flags_args args = { .str = (char *)str, .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, proc, &args, NULL);
}

/* Connection calls that answer a domain. */
static virDomainPtr
remoteConnDom(virConnectPtr conn, int proc, void *args)
{
    vkr_dom_ret ret = { 0 };
    virDomainPtr dom;

    if (remoteCall(conn, proc, args, &ret) < 0)
        return NULL;
    dom = remoteDomainFromWire(conn, &ret.dom);
    xdr_free((xdrproc_t)xdr_vkr_dom_ret, &ret);
    return dom;
}

/* ------------------------------------------------------------------ */
/* Lookups and definitions */

virDomainPtr
remoteDomainLookupByID(virConnectPtr conn, int id)
{
    vkr_int_args args = { .num = id };

    return remoteConnDom(conn, VKR_PROC_DOMAIN_LOOKUP_BY_ID, &args);
}

virDomainPtr
remoteDomainLookupByName(virConnectPtr conn, const char *name)
{
    vkr_string_args args = { .str = (char *)name };

    return remoteConnDom(conn, VKR_PROC_DOMAIN_LOOKUP_BY_NAME, &args);
}

virDomainPtr
remoteDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    vkr_domain_lookup_by_uuid_args args;

    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return remoteConnDom(conn, VKR_PROC_DOMAIN_LOOKUP_BY_UUID, &args);
}

virDomainPtr
remoteDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    vkr_string_flags_args args = { .str = (char *)xml, .flags = flags };

    /* libvirt 9.0's daemons all know the call with flags */
    return remoteConnDom(conn, VKR_PROC_DOMAIN_DEFINE_XML_FLAGS, &args);
}

virDomainPtr
remoteDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    vkr_string_flags_args args = { .str = (char *)xml, .flags = flags };

    return remoteConnDom(conn, VKR_PROC_DOMAIN_CREATE_XML, &args);
}

int
remoteDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_UNDEFINE_FLAGS, flags);
}

int
remoteDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags)
{
    vkr_domain_rename_args args = { .new_name = (char **)&new_name, .flags = flags };
    vkr_domain_rename_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_RENAME, &args, &ret) < 0)
        return -1;
    virDomainHandleSetName(dom, new_name);
    return ret.retcode;
}

/* ------------------------------------------------------------------ */
/* Lifecycle */

int
remoteDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    vkr_dom_flags_args args = { .flags = flags };
    vkr_dom_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_CREATE_WITH_FLAGS, &args, &ret) < 0)
        return -1;
    virDomainHandleSetID(dom, ret.dom.id);
    xdr_free((xdrproc_t)xdr_vkr_dom_ret, &ret);
    return 0;
}

int
remoteDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    if (remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_DESTROY_FLAGS, flags) < 0)
        return -1;
    virDomainHandleSetID(dom, -1);
    return 0;
}

int
remoteDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_SHUTDOWN_FLAGS, flags);
}

int
remoteDomainReboot(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_REBOOT, flags);
}

int
remoteDomainReset(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_RESET, flags);
}

int
remoteDomainSuspend(virDomainPtr dom)
{
    return remoteDomVoid(dom, VKR_PROC_DOMAIN_SUSPEND);
}

int
remoteDomainResume(virDomainPtr dom)
{
    return remoteDomVoid(dom, VKR_PROC_DOMAIN_RESUME);
}

int
remoteDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags)
{
    vkr_domain_save_flags_args args = {
        .to = (char *)to, .dxml = dxml ? (char **)&dxml : NULL, .flags = flags,
    };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_SAVE_FLAGS, &args, NULL) < 0)
        return -1;
    virDomainHandleSetID(dom, -1);
    return 0;
}

int
remoteDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                         unsigned int flags)
{
    vkr_domain_restore_flags_args args = {
        .from = (char *)from, .dxml = dxml ? (char **)&dxml : NULL, .flags = flags,
    };

    return remoteCall(conn, VKR_PROC_DOMAIN_RESTORE_FLAGS, &args, NULL);
}

int
remoteDomainManagedSave(virDomainPtr dom, unsigned int flags)
{
    if (remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_MANAGED_SAVE, flags) < 0)
        return -1;
    virDomainHandleSetID(dom, -1);
    return 0;
}

int
remoteDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsInt(dom, VKR_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE, flags);
}

int
remoteDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsVoid(dom, VKR_PROC_DOMAIN_MANAGED_SAVE_REMOVE, flags);
}

int
remoteDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    int rc = remoteDomInt(dom, VKR_PROC_DOMAIN_GET_AUTOSTART);

    if (rc < 0)
        return -1;
    *autostart = rc;
    return 0;
}

int
remoteDomainSetAutostart(virDomainPtr dom, int autostart)
{
    vkr_dom_int_args args = { .num = autostart };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_SET_AUTOSTART, &args, NULL);
}

/* ------------------------------------------------------------------ */
/* State and description */

/* A domain seen shut off has no id any more: its handle learns so, as a
 * local handle does when its driver stops the domain (a shutdown ends
 * the domain after the call returned). */
static void
remoteDomainLearnState(virDomainPtr dom, int state)
{
    if (state == VIR_DOMAIN_SHUTOFF)
        virDomainHandleSetID(dom, -1);
}

int
remoteDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    vkr_dom_args args;
    vkr_domain_get_info_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_INFO, &args, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->maxMem = ret.max_mem;
    info->memory = ret.memory;
    info->nrVirtCpu = ret.nr_virt_cpu;
    info->cpuTime = ret.cpu_time;
    remoteDomainLearnState(dom, info->state);
    return 0;
}

int
remoteDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    vkr_dom_flags_args args = { .flags = flags };
    vkr_domain_get_state_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_STATE, &args, &ret) < 0)
        return -1;
    *state = ret.state;
    remoteDomainLearnState(dom, ret.state);
    if (reason)
        *reason = ret.reason;
    return 0;
}

static char *
remoteDomString(virDomainPtr dom, int proc, void *args)
{
    vkr_string_ret ret = { 0 };

    if (remoteCall(dom->conn, proc, args, &ret) < 0)
        return NULL;
    return ret.str;     /* rpcgen's decoder allocates with malloc, as g_malloc */
}

char *
remoteDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    vkr_dom_flags_args args = { .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteDomString(dom, VKR_PROC_DOMAIN_GET_XML_DESC, &args);
}

char *
remoteDomainGetOSType(virDomainPtr dom)
{
    vkr_dom_args args;

    remoteDomainToWire(dom, &args.dom);
    return remoteDomString(dom, VKR_PROC_DOMAIN_GET_OS_TYPE, &args);
}

char *
remoteDomainGetMetadata(virDomainPtr dom, int type, const char *uri, unsigned int flags)
{
    vkr_domain_get_metadata_args args = {
        .type = type, .uri = uri ? (char **)&uri : NULL, .flags = flags,
    };
    vkr_domain_get_metadata_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_METADATA, &args, &ret) < 0)
        return NULL;
    return ret.metadata;
}

int
remoteDomainSetMetadata(virDomainPtr dom, int type, const char *metadata, const char *key,
                        const char *uri, unsigned int flags)
{
    vkr_domain_set_metadata_args args = {
        .type = type,
        .metadata = metadata ? (char **)&metadata : NULL,
        .key = key ? (char **)&key : NULL,
        .uri = uri ? (char **)&uri : NULL,
        .flags = flags,
    };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_SET_METADATA, &args, NULL);
}

int
remoteDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags)
{
    vkr_dom_flags_args args = { .flags = flags };
    vkr_domain_get_messages_ret ret = { { 0 } };
    u_int i, n;

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_MESSAGES, &args, &ret) < 0)
        return -1;
    n = ret.msgs.msgs_len;
    /* none: no array, as a local driver answers */
    if (n > 0)
        *msgs = g_new0(char *, n + 1);
    for (i = 0; i < n; i++)
        (*msgs)[i] = g_strdup(ret.msgs.msgs_val[i]);
    xdr_free((xdrproc_t)xdr_vkr_domain_get_messages_ret, &ret);
    return n;
}

int
remoteDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel)
{
    vkr_dom_args args;
    vkr_domain_get_security_label_ret ret = { { 0 } };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_SECURITY_LABEL, &args, &ret) < 0)
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    memcpy(seclabel->label, ret.label.label_val,
           MIN(ret.label.label_len, sizeof(seclabel->label) - 1));
    seclabel->enforcing = ret.enforcing;
    xdr_free((xdrproc_t)xdr_vkr_domain_get_security_label_ret, &ret);
    return 0;
}

int
remoteDomainIsActive(virDomainPtr dom)
{
    return remoteDomInt(dom, VKR_PROC_DOMAIN_IS_ACTIVE);
}

int
remoteDomainIsPersistent(virDomainPtr dom)
{
    return remoteDomInt(dom, VKR_PROC_DOMAIN_IS_PERSISTENT);
}

int
remoteDomainIsUpdated(virDomainPtr dom)
{
    return remoteDomInt(dom, VKR_PROC_DOMAIN_IS_UPDATED);
}

/* ------------------------------------------------------------------ */
/* Devices */

int
remoteDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    return remoteDomStringFlagsVoid(dom, VKR_PROC_DOMAIN_ATTACH_DEVICE_FLAGS, xml, flags);
}

int
remoteDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    return remoteDomStringFlagsVoid(dom, VKR_PROC_DOMAIN_DETACH_DEVICE_FLAGS, xml, flags);
}

int
remoteDomainUpdateDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags)
{
    return remoteDomStringFlagsVoid(dom, VKR_PROC_DOMAIN_UPDATE_DEVICE_FLAGS, xml, flags);
}

int
remoteDomainDetachDeviceAlias(virDomainPtr dom, const char *alias, unsigned int flags)
{
    return remoteDomStringFlagsVoid(dom, VKR_PROC_DOMAIN_DETACH_DEVICE_ALIAS, alias, flags);
}

/* ------------------------------------------------------------------ */
/* Memory and vcpus */

unsigned long long
remoteDomainGetMaxMemory(virDomainPtr dom)
{
    vkr_dom_args args;
    vkr_uhyper_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_MAX_MEMORY, &args, &ret) < 0)
        return 0;
    return ret.num;
}

int
remoteDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    vkr_dom_uhyper_flags_args args = { .num = memory, .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_SET_MEMORY_FLAGS, &args, NULL);
}

int
remoteDomainSetMemoryStatsPeriod(virDomainPtr dom, int period, unsigned int flags)
{
    vkr_dom_int_flags_args args = { .num = period, .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_SET_MEMORY_STATS_PERIOD, &args, NULL);
}

int
remoteDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    vkr_dom_uint_flags_args args = { .num = nvcpus, .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_SET_VCPUS_FLAGS, &args, NULL);
}

int
remoteDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags)
{
    return remoteDomFlagsInt(dom, VKR_PROC_DOMAIN_GET_VCPUS_FLAGS, flags);
}

int
remoteDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                         int maplen, unsigned int flags)
{
    vkr_domain_pin_vcpu_flags_args args = {
        .vcpu = vcpu,
        .cpumap = { .cpumap_len = maplen, .cpumap_val = (char *)cpumap },
        .flags = flags,
    };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_PIN_VCPU_FLAGS, &args, NULL);
}

int
remoteDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                           int maplen, unsigned int flags)
{
    vkr_domain_get_vcpu_pin_info_args args = {
        .ncpumaps = ncpumaps, .maplen = maplen, .flags = flags,
    };
    vkr_domain_get_vcpu_pin_info_ret ret = { 0 };
    int n;

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_VCPU_PIN_INFO, &args, &ret) < 0)
        return -1;
    memset(cpumaps, 0, (size_t)ncpumaps * maplen);
    memcpy(cpumaps, ret.cpumaps.cpumaps_val,
           MIN(ret.cpumaps.cpumaps_len, (u_int)ncpumaps * maplen));
    n = ret.num;
    xdr_free((xdrproc_t)xdr_vkr_domain_get_vcpu_pin_info_ret, &ret);
    return n;
}

int
remoteDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                     unsigned char *cpumaps, int maplen)
{
    vkr_domain_get_vcpus_args args = { .maxinfo = maxinfo, .maplen = cpumaps ? maplen : 0 };
    vkr_domain_get_vcpus_ret ret = { 0 };
    u_int i, n;

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_VCPUS, &args, &ret) < 0)
        return -1;
    n = MIN(ret.info.info_len, (u_int)maxinfo);
    for (i = 0; i < n; i++) {
        info[i].number = ret.info.info_val[i].number;
        info[i].state = ret.info.info_val[i].state;
        info[i].cpuTime = ret.info.info_val[i].cpu_time;
        info[i].cpu = ret.info.info_val[i].cpu;
    }
    if (cpumaps) {
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
        memcpy(cpumaps, ret.cpumaps.cpumaps_val,
               MIN(ret.cpumaps.cpumaps_len, (u_int)maxinfo * maplen));
    }
    xdr_free((xdrproc_t)xdr_vkr_domain_get_vcpus_ret, &ret);
    return n;
}

/* ------------------------------------------------------------------ */
/* Tunables: typed parameters both ways */

/* Copies what the daemon returned into the caller's array of *nparams. */
int
remoteParamsFromWire(vkr_typed_param *wire, u_int nwire, virTypedParameterPtr params,
                     int *nparams)
{
    g_autoptr(GError) error = NULL;
    virTypedParameterPtr got = NULL;
    int n = 0;

    if (!vkrTypedParamsFromWire(wire, nwire, VKR_DOMAIN_GET_CPU_STATS_MAX, &got, &n, &error)) {
        virReportError(VIR_ERR_RPC, "%s", error->message);
        return -1;
    }
    n = MIN(n, *nparams);
    memcpy(params, got, sizeof(*params) * n);
    g_free(got);   /* the strings now belong to the caller's array */
    *nparams = n;
    return 0;
}

/* @params for a procedure that takes @max of them. */
int
remoteParamsToWire(virTypedParameterPtr params, int nparams, unsigned int max,
                   vkr_typed_param **wire, u_int *nwire)
{
    g_autoptr(GError) error = NULL;

    /* the wire would cut a name without its NUL: the local words instead */
    if (virTypedParamsCheckNames(params, nparams) < 0)
        return -1;
    if (!vkrTypedParamsToWire(params, nparams, max,
                              VIR_TYPED_PARAM_STRING_OKAY, wire, nwire, &error)) {
        virReportError(VIR_ERR_RPC, "%s", error->message);
        return -1;
    }
    return 0;
}

static int
remoteDomSetParams(virDomainPtr dom, int proc, virTypedParameterPtr params, int nparams,
                   unsigned int flags)
{
    vkr_dom_set_params_args args = { .flags = flags };
    int rc;

    if (remoteParamsToWire(params, nparams, VKR_DOMAIN_PARAMETERS_MAX, &args.params.params_val,
                           &args.params.params_len) < 0)
        return -1;
    remoteDomainToWire(dom, &args.dom);
    rc = remoteCall(dom->conn, proc, &args, NULL);
    /* the name is the handle's: only the parameters are ours to free */
    args.dom.name = NULL;
    xdr_free((xdrproc_t)xdr_vkr_dom_set_params_args, &args);
    return rc;
}

/**
 * remoteDomGetParams:
 * @dom: a domain
 * @prog: the program of @proc
 * @proc: a "get parameters" procedure (vkr_dom_get_params_args ->
 *        vkr_dom_get_params_ret)
 * @params, @nparams, @flags: the public call's; *@nparams 0 asks how many
 *                           there are
 *
 * Returns 0, or -1 with an error.
 */
int
remoteDomGetParams(virDomainPtr dom, unsigned int prog, int proc, virTypedParameterPtr params,
                   int *nparams, unsigned int flags)
{
    vkr_dom_get_params_args args = { .nparams = *nparams, .flags = flags };
    vkr_dom_get_params_ret ret = { 0 };
    int rc = 0;

    remoteDomainToWire(dom, &args.dom);
    if (remoteCallProgram(dom->conn, prog, proc, &args, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = remoteParamsFromWire(ret.params.params_val, ret.params.params_len, params, nparams);
    xdr_free((xdrproc_t)xdr_vkr_dom_get_params_ret, &ret);
    return rc;
}

char *
remoteDomainGetSchedulerType(virDomainPtr dom, int *nparams)
{
    vkr_dom_args args;
    vkr_domain_get_scheduler_type_ret ret = { 0 };

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_SCHEDULER_TYPE, &args, &ret) < 0)
        return NULL;
    if (nparams)
        *nparams = ret.nparams;
    return ret.type;
}

int
remoteDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                        int *nparams, unsigned int flags)
{
    vkr_dom_get_params_args args = { .nparams = *nparams, .flags = flags };
    vkr_dom_int_args plain = { .num = *nparams };
    vkr_domain_get_scheduler_parameters_ret ret = { { 0 } };
    int rc;

    remoteDomainToWire(dom, &args.dom);
    plain.dom = args.dom;
    /* Without flags, the call without flags, as libvirt's client makes it:
     * libvirt's own test driver refuses every flag of the other one. */
    if ((flags & ~VIR_TYPED_PARAM_STRING_OKAY) == 0)
        rc = remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS, &plain, &ret);
    else
        rc = remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, &args, &ret);
    if (rc < 0)
        return -1;
    rc = remoteParamsFromWire(ret.params.params_val, ret.params.params_len, params, nparams);
    xdr_free((xdrproc_t)xdr_vkr_domain_get_scheduler_parameters_ret, &ret);
    return rc;
}

int
remoteDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                        int nparams, unsigned int flags)
{
    return remoteDomSetParams(dom, VKR_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, params,
                              nparams, flags);
}

int
remoteDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                unsigned int flags)
{
    return remoteDomGetParams(dom, VKR_REMOTE_PROGRAM, VKR_PROC_DOMAIN_GET_MEMORY_PARAMETERS,
                              params, nparams, flags);
}

int
remoteDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                unsigned int flags)
{
    return remoteDomSetParams(dom, VKR_PROC_DOMAIN_SET_MEMORY_PARAMETERS, params, nparams,
                              flags);
}

int
remoteDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                               unsigned int flags)
{
    return remoteDomGetParams(dom, VKR_REMOTE_PROGRAM, VKR_PROC_DOMAIN_GET_BLKIO_PARAMETERS,
                              params, nparams, flags);
}

int
remoteDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                               unsigned int flags)
{
    return remoteDomSetParams(dom, VKR_PROC_DOMAIN_SET_BLKIO_PARAMETERS, params, nparams,
                              flags);
}
