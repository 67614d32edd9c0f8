/*
 * vkd_handlers_tune.c: virtual CPUs, memory and typed-parameter tunables
 *
 * The counts a client sends (how many vcpus, cpumaps, parameters it has
 * room for) size the buffers the daemon allocates, so each is checked
 * against the protocol's limit before anything is allocated.  A "get"
 * with nparams 0 asks how many parameters there are.
 */
#include "internal.h"

#include "rpc_typedparam.h"
#include "vkd_handlers.h"

/* Values of an unsigned hyper the API takes as unsigned long. */
static bool
vkdCheckUlong(vkdCall *call, guint64 value)
{
    if (value <= G_MAXULONG)
        return true;
    vkdCallError(call, VIR_ERR_OVERFLOW, "%" G_GUINT64_FORMAT " does not fit an unsigned long",
                 value);
    return false;
}

int
vkdDomUintVoid(vkdCall *call)
{
    const vkr_dom_uint_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domUint(dom, args->num);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomIntFlagsVoid(vkdCall *call)
{
    const vkr_dom_int_flags_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domIntFlags(dom, args->num, args->flags);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomUintFlagsVoid(vkdCall *call)
{
    const vkr_dom_uint_flags_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domUintFlags(dom, args->num, args->flags);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomUlongVoid(vkdCall *call)
{
    const vkr_dom_uhyper_args *args = call->args;
    virDomainPtr dom;
    int rc;

    if (!vkdCheckUlong(call, args->num) || !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    rc = call->entry->api.domUlong(dom, args->num);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomUlongFlagsVoid(vkdCall *call)
{
    const vkr_dom_uhyper_flags_args *args = call->args;
    virDomainPtr dom;
    int rc;

    if (!vkdCheckUlong(call, args->num) || !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    rc = call->entry->api.domUlongFlags(dom, args->num, args->flags);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomainGetMaxMemory(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_uhyper_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    /* 0 is also the error value: the thread's error tells them apart */
    ret->num = virDomainGetMaxMemory(dom);
    return vkdDomainPut(call, dom, ret->num == 0 && virGetLastError() ? -1 : 0);
}

/* maxinfo (or ncpumaps) and maplen, checked before they size buffers */
static bool
vkdCheckCpumaps(vkdCall *call, int count, int maplen)
{
    if (!vkdCheckCount(call, "the number of vcpus", count, VKR_VCPUINFO_MAX) ||
        !vkdCheckCount(call, "maplen", maplen, VKR_CPUMAP_MAX))
        return false;
    return vkdCheckCount(call, "the size of the cpumaps", (long long)count * maplen,
                         VKR_CPUMAPS_MAX);
}

int
vkdDomainGetVcpus(vkdCall *call)
{
    const vkr_domain_get_vcpus_args *args = call->args;
    vkr_domain_get_vcpus_ret *ret = call->ret;
    g_autofree virVcpuInfo *info = NULL;
    virDomainPtr dom;
    int n, i;

    if (!vkdCheckCpumaps(call, args->maxinfo, args->maplen) ||
        !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    info = g_new0(virVcpuInfo, MAX(args->maxinfo, 1));
    if (args->maplen > 0) {
        ret->cpumaps.cpumaps_len = args->maxinfo * args->maplen;
        ret->cpumaps.cpumaps_val = g_malloc0(MAX(ret->cpumaps.cpumaps_len, 1));
    }
    n = virDomainGetVcpus(dom, info, args->maxinfo, (unsigned char *)ret->cpumaps.cpumaps_val,
                          args->maplen);
    if (vkdDomainPut(call, dom, n) < 0)
        return -1;
    ret->info.info_val = g_new0(vkr_vcpu_info, MAX(n, 1));
    ret->info.info_len = n;
    for (i = 0; i < n; i++) {
        ret->info.info_val[i].number = info[i].number;
        ret->info.info_val[i].state = info[i].state;
        ret->info.info_val[i].cpu_time = info[i].cpuTime;
        ret->info.info_val[i].cpu = info[i].cpu;
    }
    return 0;
}

int
vkdDomainPinVcpu(vkdCall *call)
{
    const vkr_domain_pin_vcpu_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainPinVcpu(dom, args->vcpu, (unsigned char *)args->cpumap.cpumap_val,
                          args->cpumap.cpumap_len);
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainPinVcpuFlags(vkdCall *call)
{
    const vkr_domain_pin_vcpu_flags_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainPinVcpuFlags(dom, args->vcpu, (unsigned char *)args->cpumap.cpumap_val,
                               args->cpumap.cpumap_len, args->flags);
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainGetVcpuPinInfo(vkdCall *call)
{
    const vkr_domain_get_vcpu_pin_info_args *args = call->args;
    vkr_domain_get_vcpu_pin_info_ret *ret = call->ret;
    virDomainPtr dom;

    if (!vkdCheckCpumaps(call, args->ncpumaps, args->maplen) ||
        !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    if (args->maplen > 0) {
        ret->cpumaps.cpumaps_len = args->ncpumaps * args->maplen;
        ret->cpumaps.cpumaps_val = g_malloc0(MAX(ret->cpumaps.cpumaps_len, 1));
    }
    ret->num = virDomainGetVcpuPinInfo(dom, args->ncpumaps,
                                       (unsigned char *)ret->cpumaps.cpumaps_val,
                                       args->maplen, args->flags);
    return vkdDomainPut(call, dom, ret->num < 0 ? -1 : 0);
}

int
vkdDomainGetSchedulerType(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_domain_get_scheduler_type_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->type = virDomainGetSchedulerType(dom, &ret->nparams);
    return vkdDomainPut(call, dom, ret->type ? 0 : -1);
}

/* Sends @n parameters back, or sets the error. */
static int
vkdReturnParams(vkdCall *call, virTypedParameterPtr params, int n, unsigned int max,
                unsigned int flags, vkr_typed_param **out, u_int *nout)
{
    g_autoptr(GError) err = NULL;

    if (vkrTypedParamsToWire(params, n, max, flags, out, nout, &err))
        return 0;
    vkdCallError(call, VIR_ERR_RPC, "%s", err->message);
    return -1;
}

/* GET_SCHEDULER_PARAMETERS(_FLAGS): @flags is NULL for the old call. */
static int
vkdGetSchedParams(vkdCall *call, const vkr_nonnull_domain *wire, int nparams,
                  const unsigned int *flags, vkr_domain_get_scheduler_parameters_ret *ret)
{
    virTypedParameterPtr params;
    virDomainPtr dom;
    int n = nparams;
    int rc;

    if (!vkdCheckCount(call, "nparams", nparams, VKR_DOMAIN_PARAMETERS_MAX) ||
        !(dom = vkdGetDomain(call, wire)))
        return -1;
    params = g_new0(virTypedParameter, MAX(nparams, 1));
    rc = flags ? virDomainGetSchedulerParametersFlags(dom, params, &n, *flags) :
                 virDomainGetSchedulerParameters(dom, params, &n);
    vkdDomainPut(call, dom, rc);
    if (rc == 0)
        rc = vkdReturnParams(call, params, n, VKR_DOMAIN_PARAMETERS_MAX, flags ? *flags : 0,
                             &ret->params.params_val, &ret->params.params_len);
    virTypedParamsFree(params, MAX(nparams, 1));
    return rc;
}

int
vkdDomainGetSchedulerParameters(vkdCall *call)
{
    const vkr_dom_int_args *args = call->args;

    return vkdGetSchedParams(call, &args->dom, args->num, NULL, call->ret);
}

int
vkdDomainGetSchedulerParametersFlags(vkdCall *call)
{
    const vkr_dom_get_params_args *args = call->args;

    return vkdGetSchedParams(call, &args->dom, args->nparams, &args->flags, call->ret);
}

/* The parameters a "set" received, or NULL with the error set. */
static virTypedParameterPtr
vkdTakeParams(vkdCall *call, const vkr_typed_param *wire, u_int nwire, int *n)
{
    g_autoptr(GError) err = NULL;
    virTypedParameterPtr params = NULL;

    if (vkrTypedParamsFromWire(wire, nwire, VKR_DOMAIN_PARAMETERS_MAX, &params, n, &err))
        return params;
    vkdCallError(call, VIR_ERR_INVALID_ARG, "%s", err->message);
    return NULL;
}

int
vkdDomainSetSchedulerParameters(vkdCall *call)
{
    const vkr_domain_set_scheduler_parameters_args *args = call->args;
    virTypedParameterPtr params;
    virDomainPtr dom;
    int n = 0;
    int rc;

    if (!(params = vkdTakeParams(call, args->params.params_val, args->params.params_len, &n)))
        return -1;
    rc = -1;
    if ((dom = vkdGetDomain(call, &args->dom))) {
        rc = vkdDomainPut(call, dom, virDomainSetSchedulerParameters(dom, params, n));
    }
    virTypedParamsFree(params, n);
    return rc;
}

int
vkdDomSetParams(vkdCall *call)
{
    const vkr_dom_set_params_args *args = call->args;
    virTypedParameterPtr params;
    virDomainPtr dom;
    int n = 0;
    int rc;

    if (!(params = vkdTakeParams(call, args->params.params_val, args->params.params_len, &n)))
        return -1;
    rc = -1;
    if ((dom = vkdGetDomain(call, &args->dom))) {
        rc = vkdDomainPut(call, dom, call->entry->api.domSetParams(dom, params, n, args->flags));
    }
    virTypedParamsFree(params, n);
    return rc;
}

int
vkdDomGetParams(vkdCall *call)
{
    const vkr_dom_get_params_args *args = call->args;
    vkr_dom_get_params_ret *ret = call->ret;
    virTypedParameterPtr params;
    virDomainPtr dom;
    int n = args->nparams;
    int rc;

    if (!vkdCheckCount(call, "nparams", args->nparams, VKR_DOMAIN_PARAMETERS_MAX) ||
        !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    params = g_new0(virTypedParameter, MAX(n, 1));
    rc = vkdDomainPut(call, dom, call->entry->api.domGetParams(dom, n ? params : NULL, &n,
                                                               args->flags));
    ret->nparams = n;
    if (rc == 0 && args->nparams > 0)
        rc = vkdReturnParams(call, params, n, VKR_DOMAIN_PARAMETERS_MAX, args->flags,
                             &ret->params.params_val, &ret->params.params_len);
    virTypedParamsFree(params, MAX(args->nparams, 1));
    return rc < 0 ? -1 : 0;
}

int
vkdDomainGetCPUStats(vkdCall *call)
{
    const vkr_domain_get_cpu_stats_args *args = call->args;
    vkr_domain_get_cpu_stats_ret *ret = call->ret;
    virTypedParameterPtr params = NULL;
    size_t slots = (size_t)args->nparams * MAX(args->ncpus, 1);
    virDomainPtr dom;
    int n, i;

    if (!vkdCheckCount(call, "nparams", args->nparams, VKR_NODE_CPU_STATS_MAX) ||
        !vkdCheckCount(call, "ncpus", args->ncpus, VKR_DOMAIN_GET_CPU_STATS_NCPUS_MAX) ||
        !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    if (args->nparams > 0)
        params = g_new0(virTypedParameter, slots);
    /* VIR_TYPED_PARAM_STRING_OKAY says what the client's wire can carry:
     * the daemon leaves out the strings itself, and virtkit's drivers
     * take no such flag for CPU statistics */
    n = virDomainGetCPUStats(dom, params, args->nparams, args->start_cpu, args->ncpus,
                             args->flags & ~VIR_TYPED_PARAM_STRING_OKAY);
    vkdDomainPut(call, dom, n);
    ret->nparams = n;
    if (n >= 0 && params &&
        vkdReturnParams(call, params, args->nparams * args->ncpus, VKR_DOMAIN_GET_CPU_STATS_MAX,
                        args->flags, &ret->params.params_val, &ret->params.params_len) < 0)
        n = -1;
    /* the count the client gets leaves out the strings it could not take */
    for (i = 0; n > 0 && params && i < n && !(args->flags & VIR_TYPED_PARAM_STRING_OKAY); i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            ret->nparams--;
    }
    virTypedParamsFree(params, params ? slots : 0);
    return n < 0 ? -1 : 0;
}
