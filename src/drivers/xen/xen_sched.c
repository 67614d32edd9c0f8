/*
 * xen_sched.c: weight and cap of a running domain (virsh schedinfo)
 *
 * Xen keeps them per domain in its cpupool's scheduler (credit or
 * credit2: weight 1-65535, cap in % of one CPU); the binding checks the
 * ranges.  They live in the hypervisor only: a change is live, and the
 * configuration keeps none (a guest starts with Xen's defaults).
 */
#include "internal.h"

#include "virerror.h"
#include "virtypedparam.h"
#include "xen_sched.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_SCHED_NPARAMS 2

/* The running domain's parameters; the object is ended */
static int
xenDomainReadSched(virDomainPtr dom, xenSchedParams *sched, unsigned int *domid)
{
    xenDriver *driver = xenDriverFromConn(dom->conn);
    virDomainObj *obj = virDomainDriverGetActiveObj(dom);
    int ret;

    if (!obj)
        return -1;
    *domid = obj->id;
    ret = driver->ops->getSched(driver->h, obj->id, sched);
    virDomainObjEndAPI(&obj);
    return ret;
}

static int
xenSchedCheckFlags(unsigned int flags)
{
    if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("the Xen driver keeps no scheduler parameters in the configuration: use --live"));
        return -1;
    }
    return 0;
}

char *
xenDomainGetSchedulerType(virDomainPtr dom, int *nparams)
{
    xenSchedParams sched;
    unsigned int domid;

    if (xenDomainReadSched(dom, &sched, &domid) < 0)
        return NULL;
    if (nparams)
        *nparams = sched.scheduler == XEN_SCHED_OTHER ? 0 : XEN_SCHED_NPARAMS;
    return g_strdup(sched.scheduler == XEN_SCHED_OTHER ? "other" :
                    xenSchedulerTypeToString(sched.scheduler));
}

int
xenDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags)
{
    xenSchedParams sched;
    unsigned int domid;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (xenSchedCheckFlags(flags) < 0 || xenDomainReadSched(dom, &sched, &domid) < 0)
        return -1;
    if (*nparams > 0)
        virTypedParamSetUInt(&params[0], VIR_DOMAIN_SCHEDULER_WEIGHT, sched.weight);
    if (*nparams > 1)
        virTypedParamSetUInt(&params[1], VIR_DOMAIN_SCHEDULER_CAP, sched.cap);
    *nparams = MIN(*nparams, XEN_SCHED_NPARAMS);
    return 0;
}

int
xenDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    static const virTypedParamSpec specs[] = {
        { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_SCHEDULER_CAP, VIR_TYPED_PARAM_UINT },
    };
    xenDriver *driver = xenDriverFromConn(dom->conn);
    xenSchedParams sched;
    unsigned int domid;
    int i;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (xenSchedCheckFlags(flags) < 0 ||
        virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0 ||
        xenDomainReadSched(dom, &sched, &domid) < 0)
        return -1;
    for (i = 0; i < nparams; i++) {
        if (STREQ(params[i].field, VIR_DOMAIN_SCHEDULER_WEIGHT))
            sched.weight = params[i].value.ui;
        else
            sched.cap = params[i].value.ui;
    }
    return driver->ops->setSched(driver->h, domid, &sched);
}
