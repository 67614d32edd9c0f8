/*
 * virtypedparam.h: checking and filling typed parameters inside drivers
 */
#ifndef VIR_TYPED_PARAM_H
# define VIR_TYPED_PARAM_H

# include "internal.h"

/* One accepted parameter: its name and type. */
typedef struct _virTypedParamSpec {
    const char *name;
    int type;
} virTypedParamSpec;

/* Checks that every parameter is named in @specs with the right type and
 * that strings are not NULL; reports which parameter is wrong. */
int virTypedParamsCheck(const virTypedParameter *params, int nparams,
                        const virTypedParamSpec *specs, size_t nspecs);

/* Checks only that every name is NUL-terminated within its field: what
 * the remote driver checks before parameters leave for a daemon, which
 * then checks the rest. */
int virTypedParamsCheckNames(const virTypedParameter *params, int nparams);

/* Fills one caller-supplied parameter; the name must fit the field. */
void virTypedParamSetULLong(virTypedParameterPtr param, const char *name,
                            unsigned long long value);
void virTypedParamSetUInt(virTypedParameterPtr param, const char *name,
                          unsigned int value);
void virTypedParamSetLLong(virTypedParameterPtr param, const char *name,
                           long long value);
void virTypedParamSetString(virTypedParameterPtr param, const char *name,
                            char *value);

/* The value of a numeric parameter as unsigned long long, whatever its
 * numeric type; -1 with an error for a negative value or a non-number. */
int virTypedParamGetUnsigned(const virTypedParameter *param,
                             unsigned long long *value);

const char *virTypedParamTypeName(int type);

#endif /* VIR_TYPED_PARAM_H */
