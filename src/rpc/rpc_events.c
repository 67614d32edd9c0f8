/*
 * rpc_events.c: domain events between virDomainEventData and the wire
 *
 * Each message is described once, by where its fields are in the
 * structure rpcgen made of it and which slot of virDomainEventData each
 * fills; encoding and decoding walk the same description.  Every event
 * message starts with the callback's ID.
 */
#include "internal.h"

#include "rpc_events.h"
#include "rpc_message.h"
#include "rpc_procs.h"
#include "rpc_typedparam.h"

typedef enum {
    VKR_EVENT_FIELD_END,
    VKR_EVENT_FIELD_INT,        /* int or unsigned int -> ints[slot] */
    VKR_EVENT_FIELD_HYPER,      /* hyper or unsigned hyper -> nums[slot] */
    VKR_EVENT_FIELD_STRING,     /* vkr_nonnull_string -> strs[slot] */
    VKR_EVENT_FIELD_OPT_STRING, /* vkr_string -> strs[slot], NULL when absent */
    VKR_EVENT_FIELD_PARAMS,     /* vkr_typed_param<max> -> params, nparams */
    VKR_EVENT_FIELD_ADDRESS,    /* graphics address -> local (slot 0), remote (1) */
    VKR_EVENT_FIELD_SUBJECT,    /* graphics identities<max> -> subject */
} vkrEventFieldKind;

typedef struct {
    vkrEventFieldKind kind;
    int slot;
    size_t offset;
} vkrEventField;

struct _vkrEventWire {
    int eventID;
    const char *name;           /* virsh's */
    int proc;                   /* its codecs are the procedure table's */
    size_t domOffset;
    unsigned int max;           /* the array's limit, for PARAMS and SUBJECT */
    vkrEventField fields[6];
};

/* An XDR variable array as rpcgen lays it out: its length, then its
 * elements. */
typedef struct {
    u_int len;
    void *val;
} vkrEventArray;

#define F(kind, slot, type, member) \
    { VKR_EVENT_FIELD_ ## kind, slot, offsetof(type, member) }
#define MSG(id, name, procname, type, dom, max, ...) \
    { VIR_DOMAIN_EVENT_ID_ ## id, name, VKR_PROC_ ## procname, offsetof(type, dom), max, \
      { __VA_ARGS__ } }

#define LC vkr_domain_event_callback_lifecycle_msg
#define DOM vkr_domain_event_callback_dom_msg
#define RTC vkr_domain_event_callback_rtc_change_msg
#define WD vkr_domain_event_callback_watchdog_msg
#define IOE vkr_domain_event_callback_io_error_msg
#define IOR vkr_domain_event_callback_io_error_reason_msg
#define GR vkr_domain_event_callback_graphics_msg
#define BJ vkr_domain_event_callback_block_job_msg
#define DC vkr_domain_event_callback_disk_change_msg
#define TC vkr_domain_event_callback_tray_change_msg
#define PM vkr_domain_event_callback_pm_msg
#define BC vkr_domain_event_callback_balloon_change_msg
#define DEV vkr_domain_event_callback_device_msg
#define TU vkr_domain_event_callback_tunable_msg
#define AL vkr_domain_event_callback_agent_lifecycle_msg
#define MI vkr_domain_event_callback_migration_iteration_msg
#define JC vkr_domain_event_callback_job_completed_msg
#define MC vkr_domain_event_callback_metadata_change_msg
#define BT vkr_domain_event_block_threshold_msg
#define MF vkr_domain_event_memory_failure_msg
#define MS vkr_domain_event_memory_device_size_change_msg

/* Indexed by event ID: libvirt 9.0 carries every one. */
static const vkrEventWire vkrEventWires[VIR_DOMAIN_EVENT_ID_LAST] = {
    MSG(LIFECYCLE, "lifecycle", DOMAIN_EVENT_CALLBACK_LIFECYCLE, LC, msg.dom, 0,
        F(INT, 0, LC, msg.event), F(INT, 1, LC, msg.detail)),
    MSG(REBOOT, "reboot", DOMAIN_EVENT_CALLBACK_REBOOT, DOM, dom, 0, { 0 }),
    MSG(RTC_CHANGE, "rtc-change", DOMAIN_EVENT_CALLBACK_RTC_CHANGE, RTC, dom, 0, F(HYPER, 0, RTC, offset)),
    MSG(WATCHDOG, "watchdog", DOMAIN_EVENT_CALLBACK_WATCHDOG, WD, dom, 0, F(INT, 0, WD, action)),
    MSG(IO_ERROR, "io-error", DOMAIN_EVENT_CALLBACK_IO_ERROR, IOE, dom, 0,
        F(STRING, 0, IOE, srcPath), F(STRING, 1, IOE, devAlias), F(INT, 0, IOE, action)),
    MSG(GRAPHICS, "graphics", DOMAIN_EVENT_CALLBACK_GRAPHICS, GR, dom, VKR_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX,
        F(INT, 0, GR, phase), F(ADDRESS, 0, GR, local), F(ADDRESS, 1, GR, remote),
        F(STRING, 0, GR, authScheme), F(SUBJECT, 0, GR, subject)),
    MSG(IO_ERROR_REASON, "io-error-reason", DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON, IOR, dom, 0,
        F(STRING, 0, IOR, srcPath), F(STRING, 1, IOR, devAlias), F(INT, 0, IOR, action),
        F(STRING, 2, IOR, reason)),
    MSG(CONTROL_ERROR, "control-error", DOMAIN_EVENT_CALLBACK_CONTROL_ERROR, DOM, dom, 0, { 0 }),
    MSG(BLOCK_JOB, "block-job", DOMAIN_EVENT_CALLBACK_BLOCK_JOB, BJ, dom, 0,
        F(STRING, 0, BJ, disk), F(INT, 0, BJ, type), F(INT, 1, BJ, status)),
    MSG(DISK_CHANGE, "disk-change", DOMAIN_EVENT_CALLBACK_DISK_CHANGE, DC, dom, 0,
        F(OPT_STRING, 0, DC, oldSrcPath), F(OPT_STRING, 1, DC, newSrcPath),
        F(STRING, 2, DC, devAlias), F(INT, 0, DC, reason)),
    MSG(TRAY_CHANGE, "tray-change", DOMAIN_EVENT_CALLBACK_TRAY_CHANGE, TC, dom, 0,
        F(STRING, 0, TC, devAlias), F(INT, 0, TC, reason)),
    MSG(PMWAKEUP, "pm-wakeup", DOMAIN_EVENT_CALLBACK_PMWAKEUP, PM, dom, 0, F(INT, 0, PM, reason)),
    MSG(PMSUSPEND, "pm-suspend", DOMAIN_EVENT_CALLBACK_PMSUSPEND, PM, dom, 0, F(INT, 0, PM, reason)),
    MSG(BALLOON_CHANGE, "balloon-change", DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE, BC, dom, 0,
        F(HYPER, 0, BC, actual)),
    MSG(PMSUSPEND_DISK, "pm-suspend-disk", DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK, PM, dom, 0, F(INT, 0, PM, reason)),
    MSG(DEVICE_REMOVED, "device-removed", DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED, DEV, dom, 0,
        F(STRING, 0, DEV, devAlias)),
    MSG(BLOCK_JOB_2, "block-job-2", DOMAIN_EVENT_BLOCK_JOB_2, BJ, dom, 0,
        F(STRING, 0, BJ, disk), F(INT, 0, BJ, type), F(INT, 1, BJ, status)),
    MSG(TUNABLE, "tunable", DOMAIN_EVENT_CALLBACK_TUNABLE, TU, dom, VKR_DOMAIN_EVENT_TUNABLE_MAX,
        F(PARAMS, 0, TU, params)),
    MSG(AGENT_LIFECYCLE, "agent-lifecycle", DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE, AL, dom, 0,
        F(INT, 0, AL, state), F(INT, 1, AL, reason)),
    MSG(DEVICE_ADDED, "device-added", DOMAIN_EVENT_CALLBACK_DEVICE_ADDED, DEV, dom, 0,
        F(STRING, 0, DEV, devAlias)),
    MSG(MIGRATION_ITERATION, "migration-iteration", DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION, MI, dom, 0,
        F(INT, 0, MI, iteration)),
    MSG(JOB_COMPLETED, "job-completed", DOMAIN_EVENT_CALLBACK_JOB_COMPLETED, JC, dom, VKR_DOMAIN_JOB_STATS_MAX,
        F(PARAMS, 0, JC, params)),
    MSG(DEVICE_REMOVAL_FAILED, "device-removal-failed", DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED, DEV, dom, 0,
        F(STRING, 0, DEV, devAlias)),
    MSG(METADATA_CHANGE, "metadata-change", DOMAIN_EVENT_CALLBACK_METADATA_CHANGE, MC, dom, 0,
        F(INT, 0, MC, type), F(OPT_STRING, 0, MC, nsuri)),
    MSG(BLOCK_THRESHOLD, "block-threshold", DOMAIN_EVENT_BLOCK_THRESHOLD, BT, dom, 0,
        F(STRING, 0, BT, dev), F(OPT_STRING, 1, BT, path), F(HYPER, 0, BT, threshold),
        F(HYPER, 1, BT, excess)),
    MSG(MEMORY_FAILURE, "memory-failure", DOMAIN_EVENT_MEMORY_FAILURE, MF, dom, 0,
        F(INT, 0, MF, recipient), F(INT, 1, MF, action), F(INT, 2, MF, flags)),
    MSG(MEMORY_DEVICE_SIZE_CHANGE, "memory-device-size-change", DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE, MS, dom, 0,
        F(STRING, 0, MS, alias), F(HYPER, 0, MS, size)),
};

/* every message starts with the callback's ID */
G_STATIC_ASSERT(offsetof(LC, callbackID) == 0 && offsetof(PM, callbackID) == 0 &&
                offsetof(MS, callbackID) == 0);
/* what HYPER reads and writes, signed or not */
G_STATIC_ASSERT(sizeof(quad_t) == sizeof(long long) && sizeof(u_quad_t) == sizeof(long long));
/* rpcgen's arrays are laid out as vkrEventArray */
G_STATIC_ASSERT(offsetof(TU, params.params_val) - offsetof(TU, params) ==
                offsetof(vkrEventArray, val) &&
                offsetof(GR, subject.subject_val) - offsetof(GR, subject) ==
                offsetof(vkrEventArray, val));

const vkrEventWire *
vkrEventWireByID(int eventID)
{
    if (eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST)
        return NULL;
    return &vkrEventWires[eventID];
}

const vkrEventWire *
vkrEventWireByProc(int proc)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vkrEventWires); i++) {
        if (vkrEventWires[i].proc == proc)
            return &vkrEventWires[i];
    }
    return NULL;
}

int
vkrEventWireID(const vkrEventWire *w)
{
    return w->eventID;
}

const char *
vkrEventWireName(const vkrEventWire *w)
{
    return w->name;
}

int
vkrEventWireProc(const vkrEventWire *w)
{
    return w->proc;
}

xdrproc_t
vkrEventWireFilter(const vkrEventWire *w)
{
    return vkrRemoteProcGet(w->proc)->args_filter;
}

size_t
vkrEventWireSize(const vkrEventWire *w)
{
    return vkrRemoteProcGet(w->proc)->args_size;
}

#define AT(msg, field, type) ((type *)(void *)((char *)(msg) + (field)->offset))
#define AT_CONST(msg, field, type) ((type const *)(const void *)((const char *)(msg) + \
                                                                  (field)->offset))

static void
vkrEventAddressToWire(const virDomainEventGraphicsAddress *addr,
                      vkr_domain_event_graphics_address *wire)
{
    wire->family = addr->family;
    wire->node = g_strdup(addr->node ? addr->node : "");
    wire->service = g_strdup(addr->service ? addr->service : "");
}

static void
vkrEventSubjectToWire(const virDomainEventGraphicsSubject *subject, vkrEventArray *wire)
{
    vkr_domain_event_graphics_identity *ids;
    int i;

    wire->len = MAX(subject->nidentity, 0);
    wire->val = ids = g_new0(vkr_domain_event_graphics_identity, MAX(wire->len, 1));
    for (i = 0; i < subject->nidentity; i++) {
        ids[i].type = g_strdup(subject->identities[i].type);
        ids[i].name = g_strdup(subject->identities[i].name);
    }
}

static gboolean
vkrEventFieldToWire(const vkrEventWire *w, const vkrEventField *f,
                    const virDomainEventData *data, void *msg, GError **error)
{
    switch (f->kind) {
    case VKR_EVENT_FIELD_INT:
        *AT(msg, f, int) = data->ints[f->slot];
        break;
    case VKR_EVENT_FIELD_HYPER:
        /* quad_t or u_quad_t: the bytes of a long long, either way */
        memcpy(AT(msg, f, char), &data->nums[f->slot], sizeof(data->nums[f->slot]));
        break;
    case VKR_EVENT_FIELD_STRING:
        /* a callback's argument that libvirt never leaves NULL */
        *AT(msg, f, char *) = g_strdup(data->strs[f->slot] ? data->strs[f->slot] : "");
        break;
    case VKR_EVENT_FIELD_OPT_STRING:
        if (data->strs[f->slot]) {
            char **opt = g_new0(char *, 1);

            *opt = g_strdup(data->strs[f->slot]);
            *AT(msg, f, char **) = opt;
        }
        break;
    case VKR_EVENT_FIELD_PARAMS: {
        vkrEventArray *arr = AT(msg, f, vkrEventArray);
        vkr_typed_param *params = NULL;

        if (!vkrTypedParamsToWire(data->params, data->nparams, w->max,
                                  VIR_TYPED_PARAM_STRING_OKAY, &params, &arr->len, error))
            return FALSE;
        arr->val = params;
        break;
    }
    case VKR_EVENT_FIELD_ADDRESS:
        vkrEventAddressToWire(f->slot == 0 ? &data->local : &data->remote,
                              AT(msg, f, vkr_domain_event_graphics_address));
        break;
    case VKR_EVENT_FIELD_SUBJECT:
        if (data->subject.nidentity > (int)w->max) {
            g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_ENCODE,
                        "more than %u graphics identities", w->max);
            return FALSE;
        }
        vkrEventSubjectToWire(&data->subject, AT(msg, f, vkrEventArray));
        break;
    case VKR_EVENT_FIELD_END:
        break;
    }
    return TRUE;
}

gboolean
vkrEventToWire(const vkrEventWire *w, int callbackID, const char *name,
               const unsigned char *uuid, int id, const virDomainEventData *data,
               void *msg, GError **error)
{
    vkr_nonnull_domain *dom = (vkr_nonnull_domain *)(void *)((char *)msg + w->domOffset);
    const vkrEventField *f;

    *(int *)msg = callbackID;
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->id = id;
    for (f = w->fields; f < w->fields + G_N_ELEMENTS(w->fields) && f->kind; f++) {
        if (!vkrEventFieldToWire(w, f, data, msg, error))
            return FALSE;
    }
    return TRUE;
}

static void
vkrEventSubjectFromWire(const vkrEventArray *wire, virDomainEventGraphicsSubject *subject)
{
    const vkr_domain_event_graphics_identity *ids = wire->val;
    u_int i;

    subject->nidentity = wire->len;
    subject->identities = g_new0(virDomainEventGraphicsSubjectIdentity, MAX(wire->len, 1));
    for (i = 0; i < wire->len; i++) {
        subject->identities[i].type = ids[i].type;
        subject->identities[i].name = ids[i].name;
    }
}

static gboolean
vkrEventFieldFromWire(const vkrEventWire *w, const vkrEventField *f, const void *msg,
                      virDomainEventData *data, GError **error)
{
    switch (f->kind) {
    case VKR_EVENT_FIELD_INT:
        data->ints[f->slot] = *AT_CONST(msg, f, int);
        break;
    case VKR_EVENT_FIELD_HYPER:
        memcpy(&data->nums[f->slot], AT_CONST(msg, f, char), sizeof(data->nums[f->slot]));
        break;
    case VKR_EVENT_FIELD_STRING:
        data->strs[f->slot] = *AT_CONST(msg, f, char *);
        break;
    case VKR_EVENT_FIELD_OPT_STRING: {
        char **opt = *AT_CONST(msg, f, char **);

        data->strs[f->slot] = opt ? *opt : NULL;
        break;
    }
    case VKR_EVENT_FIELD_PARAMS: {
        const vkrEventArray *arr = AT_CONST(msg, f, vkrEventArray);

        return vkrTypedParamsFromWire(arr->val, arr->len, w->max, &data->params,
                                      &data->nparams, error);
    }
    case VKR_EVENT_FIELD_ADDRESS: {
        const vkr_domain_event_graphics_address *wire =
            AT_CONST(msg, f, vkr_domain_event_graphics_address);
        virDomainEventGraphicsAddress *addr = f->slot == 0 ? &data->local : &data->remote;

        addr->family = wire->family;
        addr->node = wire->node;
        addr->service = wire->service;
        break;
    }
    case VKR_EVENT_FIELD_SUBJECT:
        vkrEventSubjectFromWire(AT_CONST(msg, f, vkrEventArray), &data->subject);
        break;
    case VKR_EVENT_FIELD_END:
        break;
    }
    return TRUE;
}

gboolean
vkrEventFromWire(const vkrEventWire *w, const void *msg, const vkr_nonnull_domain **dom,
                 virDomainEventData *data, GError **error)
{
    const vkrEventField *f;

    memset(data, 0, sizeof(*data));
    *dom = (const vkr_nonnull_domain *)(const void *)((const char *)msg + w->domOffset);
    for (f = w->fields; f < w->fields + G_N_ELEMENTS(w->fields) && f->kind; f++) {
        if (!vkrEventFieldFromWire(w, f, msg, data, error)) {
            vkrEventDataClear(data);
            return FALSE;
        }
    }
    return TRUE;
}

/**
 * vkrEventDataClear:
 * @data: what vkrEventFromWire filled
 *
 * Frees what vkrEventFromWire allocated (the parameters, the array of
 * identities); the strings belong to the message.
 */
void
vkrEventDataClear(virDomainEventData *data)
{
    virTypedParamsFree(data->params, data->nparams);
    data->params = NULL;
    data->nparams = 0;
    g_clear_pointer(&data->subject.identities, g_free);
    data->subject.nidentity = 0;
}
