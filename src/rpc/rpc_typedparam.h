/*
 * rpc_typedparam.h: typed parameters between virTypedParameter and the wire
 *
 * The sending side leaves out what the receiver cannot take (string
 * parameters unless VIR_TYPED_PARAM_STRING_OKAY, the unset slots of a
 * sparse array); the receiving side refuses what the API could not hold:
 * too many parameters, a name too long for its field, an unknown type.
 */
#ifndef VKR_RPC_TYPEDPARAM_H
# define VKR_RPC_TYPEDPARAM_H

# include "internal.h"

# include "virtkit_protocol.h"

gboolean vkrTypedParamsToWire(const virTypedParameter *params, int nparams,
                              unsigned int max, unsigned int flags,
                              vkr_typed_param **out, u_int *nout, GError **error);
gboolean vkrTypedParamsFromWire(const vkr_typed_param *in, u_int nin, unsigned int max,
                                virTypedParameterPtr *out, int *nout, GError **error);

#endif /* VKR_RPC_TYPEDPARAM_H */
