/*
 * rpc_typedparam.c: typed parameters between virTypedParameter and the wire
 */
#include "internal.h"

#include "rpc_message.h"
#include "rpc_typedparam.h"

static void
vkrTypedParamsFreeWire(vkr_typed_param *params, u_int n)
{
    u_int i;

    for (i = 0; i < n; i++)
        xdr_free((xdrproc_t)xdr_vkr_typed_param, &params[i]);
    g_free(params);
}

static void
vkrTypedParamToWire(const virTypedParameter *param, vkr_typed_param *wire)
{
    wire->field = g_strdup(param->field);
    wire->value.type = param->type;
    switch ((virTypedParameterType)param->type) {
    case VIR_TYPED_PARAM_INT:
        wire->value.vkr_typed_param_value_u.i = param->value.i;
        break;
    case VIR_TYPED_PARAM_UINT:
        wire->value.vkr_typed_param_value_u.ui = param->value.ui;
        break;
    case VIR_TYPED_PARAM_LLONG:
        wire->value.vkr_typed_param_value_u.l = param->value.l;
        break;
    case VIR_TYPED_PARAM_ULLONG:
        wire->value.vkr_typed_param_value_u.ul = param->value.ul;
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        wire->value.vkr_typed_param_value_u.d = param->value.d;
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        wire->value.vkr_typed_param_value_u.b = param->value.b;
        break;
    case VIR_TYPED_PARAM_STRING:
        wire->value.vkr_typed_param_value_u.s = g_strdup(param->value.s ? param->value.s : "");
        break;
    case VIR_TYPED_PARAM_LAST:
    default:
        break;
    }
}

/**
 * vkrTypedParamsToWire:
 * @params: the parameters to send
 * @nparams: how many
 * @max: the protocol's limit for this procedure
 * @flags: the call's flags: without VIR_TYPED_PARAM_STRING_OKAY, string
 *         parameters are left out (the peer cannot take them)
 * @out: where to store the wire array (free it with xdr_free() of the
 *       structure that holds it)
 * @nout: where to store its length
 * @error: where to say why they cannot be sent
 *
 * Converts @params for the wire, leaving out unset slots (type 0) of a
 * sparse array as well.
 *
 * Returns TRUE on success, FALSE when more than @max remain or a type is
 * unknown.
 */
gboolean
vkrTypedParamsToWire(const virTypedParameter *params, int nparams,
                     unsigned int max, unsigned int flags,
                     vkr_typed_param **out, u_int *nout, GError **error)
{
    vkr_typed_param *wire = g_new0(vkr_typed_param, MAX(nparams, 1));
    u_int n = 0;
    int i;

    for (i = 0; i < nparams; i++) {
        if (params[i].type == 0 ||
            (params[i].type == VIR_TYPED_PARAM_STRING && !(flags & VIR_TYPED_PARAM_STRING_OKAY)))
            continue;
        if (params[i].type < VIR_TYPED_PARAM_INT || params[i].type >= VIR_TYPED_PARAM_LAST) {
            g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_ENCODE,
                        "parameter '%s' has the unknown type %d", params[i].field, params[i].type);
            vkrTypedParamsFreeWire(wire, n);
            return FALSE;
        }
        if (n == max) {
            g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_ENCODE,
                        "more than %u parameters", max);
            vkrTypedParamsFreeWire(wire, n);
            return FALSE;
        }
        vkrTypedParamToWire(&params[i], &wire[n++]);
    }
    *out = wire;
    *nout = n;
    return TRUE;
}

static gboolean
vkrTypedParamFromWire(const vkr_typed_param *wire, virTypedParameter *param, GError **error)
{
    if (g_strlcpy(param->field, wire->field, sizeof(param->field)) >= sizeof(param->field)) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE,
                    "parameter name '%.20s...' is longer than %d bytes",
                    wire->field, VIR_TYPED_PARAM_FIELD_LENGTH - 1);
        return FALSE;
    }
    param->type = wire->value.type;
    switch ((virTypedParameterType)wire->value.type) {
    case VIR_TYPED_PARAM_INT:
        param->value.i = wire->value.vkr_typed_param_value_u.i;
        return TRUE;
    case VIR_TYPED_PARAM_UINT:
        param->value.ui = wire->value.vkr_typed_param_value_u.ui;
        return TRUE;
    case VIR_TYPED_PARAM_LLONG:
        param->value.l = wire->value.vkr_typed_param_value_u.l;
        return TRUE;
    case VIR_TYPED_PARAM_ULLONG:
        param->value.ul = wire->value.vkr_typed_param_value_u.ul;
        return TRUE;
    case VIR_TYPED_PARAM_DOUBLE:
        param->value.d = wire->value.vkr_typed_param_value_u.d;
        return TRUE;
    case VIR_TYPED_PARAM_BOOLEAN:
        param->value.b = wire->value.vkr_typed_param_value_u.b != 0;
        return TRUE;
    case VIR_TYPED_PARAM_STRING:
        param->value.s = g_strdup(wire->value.vkr_typed_param_value_u.s);
        return TRUE;
    case VIR_TYPED_PARAM_LAST:
    default:
        break;
    }
    param->type = 0;
    g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE,
                "parameter '%s' has the unknown type %d", wire->field, wire->value.type);
    return FALSE;
}

/**
 * vkrTypedParamsFromWire:
 * @in: the parameters received
 * @nin: how many
 * @max: the protocol's limit for this procedure
 * @out: where to store them (free with virTypedParamsFree())
 * @nout: where to store how many
 * @error: where to say why they are refused
 *
 * Returns TRUE on success, FALSE when there are more than @max, a name
 * does not fit virTypedParameter's field, or a type is unknown.
 */
gboolean
vkrTypedParamsFromWire(const vkr_typed_param *in, u_int nin, unsigned int max,
                       virTypedParameterPtr *out, int *nout, GError **error)
{
    virTypedParameter *params;
    u_int i, j;

    if (nin > max) {
        g_set_error(error, VKR_RPC_ERROR, VKR_RPC_ERROR_DECODE,
                    "%u parameters exceed the limit of %u", nin, max);
        return FALSE;
    }
    params = g_new0(virTypedParameter, MAX(nin, 1));
    for (i = 0; i < nin; i++) {
        if (!vkrTypedParamFromWire(&in[i], &params[i], error)) {
            for (j = 0; j < i; j++) {
                if (params[j].type == VIR_TYPED_PARAM_STRING)
                    g_free(params[j].value.s);
            }
            g_free(params);
            return FALSE;
        }
    }
    *out = params;
    *nout = nin;
    return TRUE;
}
