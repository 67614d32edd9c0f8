/*
 * vkd_handlers_domain.c: domain lookups, lifecycle and state
 *
 * A client names a domain by {name, uuid, id}, the handle it built from
 * an earlier reply; the daemon finds the domain again by uuid, the one
 * part that never changes, so a renamed, restarted or undefined domain
 * gets the library's own answer (VIR_ERR_NO_DOMAIN for one that is gone).
 */
#include "internal.h"

#include "vkd_handlers.h"

/**
 * vkdGetDomain:
 * @call: the call
 * @wire: the domain as the client names it
 *
 * Returns a handle on the domain (free with virDomainFree), or NULL with
 * the library's error.
 */
virDomainPtr
vkdGetDomain(vkdCall *call, const vkr_nonnull_domain *wire)
{
    virDomainPtr dom = virDomainLookupByUUID(call->conn, (const unsigned char *)wire->uuid);
    char *named;

    if (dom || virCopyLastError(&call->err) != VIR_ERR_NO_DOMAIN)
        return dom;
    /* A local caller's handle is named in the driver's error ("... (web1)"):
     * this call came with a handle too, so it gets the same words. */
    named = g_strdup_printf("%s (%s)", call->err.message, wire->name);
    g_free(call->err.message);
    call->err.message = named;
    if (call->err.str1) {
        named = g_strdup_printf("%s (%s)", call->err.str1, wire->name);
        g_free(call->err.str1);
        call->err.str1 = named;
    }
    return NULL;
}

/**
 * vkdDomainToWire:
 * @dom: a domain
 * @wire: where to describe it: name, uuid, and id (-1 when inactive)
 */
void
vkdDomainToWire(virDomainPtr dom, vkr_nonnull_domain *wire)
{
    wire->name = g_strdup(virDomainGetName(dom));
    virDomainGetUUID(dom, (unsigned char *)wire->uuid);
    wire->id = (int)virDomainGetID(dom);
}

/**
 * vkdReturnDomain:
 * @dom: a domain a public call returned, or NULL when it failed
 * @wire: the result to fill
 *
 * Describes @dom in the result and frees it.
 *
 * Returns 0, or -1 when @dom is NULL.
 */
int
vkdReturnDomain(virDomainPtr dom, vkr_nonnull_domain *wire)
{
    if (!dom)
        return -1;
    vkdDomainToWire(dom, wire);
    virDomainFree(dom);
    return 0;
}

/**
 * vkdDomainPut:
 * @call: the call
 * @dom: the domain it looked up
 * @rc: what the public call on @dom returned: negative on failure
 *
 * Frees @dom, keeping the error of a failed call for the reply: freeing
 * a handle is a public call too, which resets the thread's last error.
 *
 * Returns @rc.
 */
int
vkdDomainPut(vkdCall *call, virDomainPtr dom, int rc)
{
    if (rc < 0 && call->err.code == VIR_ERR_OK)
        virCopyLastError(&call->err);
    virDomainFree(dom);
    return rc;
}

/**
 * vkdCheckCount:
 * @call: the call
 * @what: the argument's name
 * @value: its value
 * @max: the protocol's limit
 *
 * Returns true when 0 <= @value <= @max; else false with the error set.
 */
bool
vkdCheckCount(vkdCall *call, const char *what, long long value, long long max)
{
    if (value >= 0 && value <= max)
        return true;
    vkdCallError(call, VIR_ERR_INVALID_ARG, "%s %lld is not between 0 and %lld", what, value, max);
    return false;
}

int
vkdDomainLookupByID(vkdCall *call)
{
    const vkr_int_args *args = call->args;
    vkr_dom_ret *ret = call->ret;

    return vkdReturnDomain(virDomainLookupByID(call->conn, args->num), &ret->dom);
}

int
vkdDomainLookupByUUID(vkdCall *call)
{
    const vkr_domain_lookup_by_uuid_args *args = call->args;
    vkr_dom_ret *ret = call->ret;

    return vkdReturnDomain(virDomainLookupByUUID(call->conn, (const unsigned char *)args->uuid),
                           &ret->dom);
}

int
vkdConnStringDom(vkdCall *call)
{
    const vkr_string_args *args = call->args;
    vkr_dom_ret *ret = call->ret;

    return vkdReturnDomain(call->entry->api.connString(call->conn, args->str), &ret->dom);
}

int
vkdConnStringFlagsDom(vkdCall *call)
{
    const vkr_string_flags_args *args = call->args;
    vkr_dom_ret *ret = call->ret;

    return vkdReturnDomain(call->entry->api.connStringFlags(call->conn, args->str, args->flags),
                           &ret->dom);
}

/* The shapes: a domain, maybe flags or a number, and an int or nothing
 * back.  The domain is looked up and freed around the call. */
int
vkdDomVoid(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.dom(dom);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomFlagsVoid(vkdCall *call)
{
    const vkr_dom_flags_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domFlags(dom, args->flags);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomInt(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_int_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->num = call->entry->api.dom(dom);
    return vkdDomainPut(call, dom, ret->num < 0 ? -1 : 0);
}

int
vkdDomFlagsInt(vkdCall *call)
{
    const vkr_dom_flags_args *args = call->args;
    vkr_int_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->num = call->entry->api.domFlags(dom, args->flags);
    return vkdDomainPut(call, dom, ret->num < 0 ? -1 : 0);
}

int
vkdDomIntVoid(vkdCall *call)
{
    const vkr_dom_int_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domInt(dom, args->num);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomIntOut(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_int_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domIntOut(dom, &ret->num);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomString(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_string_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->str = call->entry->api.domString(dom);
    return vkdDomainPut(call, dom, ret->str ? 0 : -1);
}

int
vkdDomFlagsString(vkdCall *call)
{
    const vkr_dom_flags_args *args = call->args;
    vkr_string_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->str = call->entry->api.domFlagsString(dom, args->flags);
    return vkdDomainPut(call, dom, ret->str ? 0 : -1);
}

int
vkdDomStringVoid(vkdCall *call)
{
    const vkr_dom_string_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domStr(dom, args->str);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

int
vkdDomStringFlagsVoid(vkdCall *call)
{
    const vkr_dom_string_flags_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = call->entry->api.domStrFlags(dom, args->str, args->flags);
    return vkdDomainPut(call, dom, rc < 0 ? -1 : 0);
}

/* XDR already bounded the keys to VIR_DOMAIN_SEND_KEY_MAX_KEYS; none at
 * all arrive as NULL, which the library refuses as libvirt's does. */
int
vkdDomainSendKey(vkdCall *call)
{
    const vkr_domain_send_key_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainSendKey(dom, args->codeset, args->holdtime, args->keycodes.keycodes_val,
                          (int)args->keycodes.keycodes_len, args->flags);
    return vkdDomainPut(call, dom, rc);
}

/* An absent optional string is NULL for the library. */
static const char *
vkdOptString(vkr_string str)
{
    return str ? *str : NULL;
}

/* The handle is found by uuid, so a client whose handle still has the old
 * name renames it again or reads it without trouble; libvirt's client
 * renames its handle when retcode is 0. */
int
vkdDomainRename(vkdCall *call)
{
    const vkr_domain_rename_args *args = call->args;
    vkr_domain_rename_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->retcode = virDomainRename(dom, vkdOptString(args->new_name), args->flags);
    return vkdDomainPut(call, dom, ret->retcode);
}

int
vkdDomainSetMetadata(vkdCall *call)
{
    const vkr_domain_set_metadata_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainSetMetadata(dom, args->type, vkdOptString(args->metadata),
                              vkdOptString(args->key), vkdOptString(args->uri), args->flags);
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainGetMetadata(vkdCall *call)
{
    const vkr_domain_get_metadata_args *args = call->args;
    vkr_domain_get_metadata_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);

    if (!dom)
        return -1;
    ret->metadata = virDomainGetMetadata(dom, args->type, vkdOptString(args->uri), args->flags);
    return vkdDomainPut(call, dom, ret->metadata ? 0 : -1);
}

int
vkdDomainSaveFlags(vkdCall *call)
{
    const vkr_domain_save_flags_args *args = call->args;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainSaveFlags(dom, args->to, args->dxml ? *args->dxml : NULL, args->flags);
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainGetState(vkdCall *call)
{
    const vkr_dom_flags_args *args = call->args;
    vkr_domain_get_state_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainGetState(dom, &ret->state, &ret->reason, args->flags);
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainCreateWithFlags(vkdCall *call)
{
    const vkr_dom_flags_args *args = call->args;
    vkr_dom_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    int rc;

    if (!dom)
        return -1;
    rc = virDomainCreateWithFlags(dom, args->flags);
    if (vkdDomainPut(call, dom, rc) < 0)
        return -1;
    /* the client learns the id the domain now runs with from the result */
    return vkdReturnDomain(vkdGetDomain(call, &args->dom), &ret->dom);
}

int
vkdDomainGetInfo(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_domain_get_info_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    virDomainInfo info;
    int rc;

    if (!dom)
        return -1;
    if ((rc = virDomainGetInfo(dom, &info)) == 0) {
        ret->state = info.state;
        ret->max_mem = info.maxMem;
        ret->memory = info.memory;
        ret->nr_virt_cpu = info.nrVirtCpu;
        ret->cpu_time = info.cpuTime;
    }
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainGetSecurityLabel(vkdCall *call)
{
    const vkr_dom_args *args = call->args;
    vkr_domain_get_security_label_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    g_autofree virSecurityLabel *label = g_new0(virSecurityLabel, 1);
    int rc;

    if (!dom)
        return -1;
    if ((rc = virDomainGetSecurityLabel(dom, label)) == 0) {
        ret->label.label_len = strlen(label->label) + 1;
        ret->label.label_val = g_strdup(label->label);
        ret->enforcing = label->enforcing;
    }
    return vkdDomainPut(call, dom, rc);
}

int
vkdDomainGetMessages(vkdCall *call)
{
    const vkr_dom_flags_args *args = call->args;
    vkr_domain_get_messages_ret *ret = call->ret;
    virDomainPtr dom = vkdGetDomain(call, &args->dom);
    char **msgs = NULL;
    int n;

    if (!dom)
        return -1;
    n = virDomainGetMessages(dom, &msgs, args->flags);
    if (vkdDomainPut(call, dom, n) < 0)
        return -1;
    ret->msgs.msgs_val = msgs;      /* the library's strings, freed with the result */
    ret->msgs.msgs_len = n;
    if (n > VKR_DOMAIN_MESSAGES_MAX) {
        vkdCallError(call, VIR_ERR_RPC, "%d messages exceed the protocol's limit of %d",
                     n, VKR_DOMAIN_MESSAGES_MAX);
        return -1;
    }
    return 0;
}

int
vkdDomainRestore(vkdCall *call)
{
    const vkr_string_args *args = call->args;

    return virDomainRestore(call->conn, args->str);
}

int
vkdDomainRestoreFlags(vkdCall *call)
{
    const vkr_domain_restore_flags_args *args = call->args;

    return virDomainRestoreFlags(call->conn, args->from, args->dxml ? *args->dxml : NULL,
                                 args->flags);
}
