/*
 * virtypedparam.c: the public virTypedParams* helpers and the checks
 * drivers run on parameters they are given
 */
#include "internal.h"

#include <stdlib.h>

#include "virerror.h"
#include "virstring.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static const char *const virTypedParamTypeNames[] = {
    [VIR_TYPED_PARAM_INT] = "int",
    [VIR_TYPED_PARAM_UINT] = "uint",
    [VIR_TYPED_PARAM_LLONG] = "llong",
    [VIR_TYPED_PARAM_ULLONG] = "ullong",
    [VIR_TYPED_PARAM_DOUBLE] = "double",
    [VIR_TYPED_PARAM_BOOLEAN] = "boolean",
    [VIR_TYPED_PARAM_STRING] = "string",
};

const char *
virTypedParamTypeName(int type)
{
    if (type <= 0 || type >= VIR_TYPED_PARAM_LAST)
        return "unknown";
    return virTypedParamTypeNames[type];
}

static bool
virTypedParamNameValid(const char *field)
{
    return memchr(field, '\0', VIR_TYPED_PARAM_FIELD_LENGTH) != NULL;
}

int
virTypedParamsCheckNames(const virTypedParameter *params, int nparams)
{
    int i;

    for (i = 0; i < nparams; i++) {
        if (!virTypedParamNameValid(params[i].field)) {
            virReportError(VIR_ERR_INVALID_ARG, _("parameter %d has a name that is not NUL-terminated"), i);
            return -1;
        }
    }
    return 0;
}

int
virTypedParamsCheck(const virTypedParameter *params, int nparams,
                    const virTypedParamSpec *specs, size_t nspecs)
{
    int i;
    size_t j;

    if (virTypedParamsCheckNames(params, nparams) < 0)
        return -1;
    for (i = 0; i < nparams; i++) {
        const virTypedParameter *p = &params[i];

        for (j = 0; j < nspecs; j++) {
            if (STREQ(p->field, specs[j].name))
                break;
        }
        if (j == nspecs) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("parameter '%s' is not supported here"), p->field);
            return -1;
        }
        if (p->type != specs[j].type) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("parameter '%s' must be of type %s, not %s"), p->field,
                           virTypedParamTypeName(specs[j].type), virTypedParamTypeName(p->type));
            return -1;
        }
        if (p->type == VIR_TYPED_PARAM_STRING && !p->value.s) {
            virReportError(VIR_ERR_INVALID_ARG, _("string parameter '%s' is NULL"), p->field);
            return -1;
        }
    }
    return 0;
}

static void
virTypedParamSetName(virTypedParameterPtr param, const char *name, int type)
{
    memset(param, 0, sizeof(*param));
    g_strlcpy(param->field, name, sizeof(param->field));
    param->type = type;
}

void
virTypedParamSetULLong(virTypedParameterPtr param, const char *name,
                       unsigned long long value)
{
    virTypedParamSetName(param, name, VIR_TYPED_PARAM_ULLONG);
    param->value.ul = value;
}

void
virTypedParamSetUInt(virTypedParameterPtr param, const char *name,
                     unsigned int value)
{
    virTypedParamSetName(param, name, VIR_TYPED_PARAM_UINT);
    param->value.ui = value;
}

void
virTypedParamSetLLong(virTypedParameterPtr param, const char *name,
                      long long value)
{
    virTypedParamSetName(param, name, VIR_TYPED_PARAM_LLONG);
    param->value.l = value;
}

void
virTypedParamSetString(virTypedParameterPtr param, const char *name, char *value)
{
    virTypedParamSetName(param, name, VIR_TYPED_PARAM_STRING);
    param->value.s = value;
}

int
virTypedParamGetUnsigned(const virTypedParameter *param, unsigned long long *value)
{
    long long s = 0;

    switch (param->type) {
    case VIR_TYPED_PARAM_UINT:
        *value = param->value.ui;
        return 0;
    case VIR_TYPED_PARAM_ULLONG:
        *value = param->value.ul;
        return 0;
    case VIR_TYPED_PARAM_INT:
        s = param->value.i;
        break;
    case VIR_TYPED_PARAM_LLONG:
        s = param->value.l;
        break;
    default:
        virReportError(VIR_ERR_INVALID_ARG, _("parameter '%s' must be a number"), param->field);
        return -1;
    }
    if (s < 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("parameter '%s' must not be negative (%lld)"),
                       param->field, s);
        return -1;
    }
    *value = s;
    return 0;
}

/* ---- public helpers ------------------------------------------------- */

/* The public helpers keep libvirt's contract: they report errors through
 * the thread's last error, but are not entry points that reset it. */
static int
virTypedParamsCheckArgs(virTypedParameterPtr params, int nparams, const char *name,
                        const void *value, const char *func)
{
    if ((!params && nparams) || nparams < 0 || !name || !value) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid arguments to %s"), func);
        return -1;
    }
    return 0;
}

/**
 * virTypedParamsGet:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 *
 * Returns the parameter called @name (the last one, if repeated), or NULL.
 */
virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params, int nparams, const char *name)
{
    int i;

    if (!params || !name)
        return NULL;
    for (i = nparams - 1; i >= 0; i--) {
        if (strncmp(params[i].field, name, VIR_TYPED_PARAM_FIELD_LENGTH) == 0)
            return &params[i];
    }
    return NULL;
}

/* Finds @name for a typed Get helper: 1 found with the right type, 0 absent,
 * -1 wrong type or bad arguments. */
static int
virTypedParamsLookup(virTypedParameterPtr params, int nparams, const char *name,
                     int type, const void *value, const char *func,
                     virTypedParameterPtr *found)
{
    if (virTypedParamsCheckArgs(params, nparams, name, value, func) < 0)
        return -1;
    *found = virTypedParamsGet(params, nparams, name);
    if (!*found)
        return 0;
    if ((*found)->type != type) {
        virReportError(VIR_ERR_INVALID_ARG, _("parameter '%s' has type %s, not %s"), name,
                       virTypedParamTypeName((*found)->type), virTypedParamTypeName(type));
        return -1;
    }
    return 1;
}

#define VIR_TYPED_PARAMS_GET(func, ctype, tag, member) \
    int \
    func(virTypedParameterPtr params, int nparams, const char *name, ctype *value) \
    { \
        virTypedParameterPtr p; \
        int rc = virTypedParamsLookup(params, nparams, name, tag, value, #func, &p); \
        if (rc == 1) \
            *value = p->value.member; \
        return rc; \
    }

/**
 * virTypedParamsGetInt:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its int value in @value.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_INT.
 */
VIR_TYPED_PARAMS_GET(virTypedParamsGetInt, int, VIR_TYPED_PARAM_INT, i)

/**
 * virTypedParamsGetUInt:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its unsigned int value in @value.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_UINT.
 */
VIR_TYPED_PARAMS_GET(virTypedParamsGetUInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)

/**
 * virTypedParamsGetLLong:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its long long value in @value.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_LLONG.
 */
VIR_TYPED_PARAMS_GET(virTypedParamsGetLLong, long long, VIR_TYPED_PARAM_LLONG, l)

/**
 * virTypedParamsGetULLong:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its unsigned long long value in @value.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_ULLONG.
 */
VIR_TYPED_PARAMS_GET(virTypedParamsGetULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)

/**
 * virTypedParamsGetDouble:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its double value in @value.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_DOUBLE.
 */
VIR_TYPED_PARAMS_GET(virTypedParamsGetDouble, double, VIR_TYPED_PARAM_DOUBLE, d)

/**
 * virTypedParamsGetString:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its string value in @value.
 *
 * The string stored in @value belongs to @params: it is valid until the
 * parameters are cleared and must not be freed.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_STRING.
 */
VIR_TYPED_PARAMS_GET(virTypedParamsGetString, const char *, VIR_TYPED_PARAM_STRING, s)

/**
 * virTypedParamsGetBoolean:
 * @params: array of typed parameters
 * @nparams: number of parameters in the @params array
 * @name: name of the parameter to find
 * @value: where to store the value of the parameter
 *
 * Finds the parameter called @name in @params (the last one, if repeated)
 * and stores its boolean value in @value.
 *
 * @value is set to 1 for true and 0 for false.
 *
 * Returns 1 when found, 0 when there is no such parameter (@value is then
 * untouched), -1 with VIR_ERR_INVALID_ARG when @name or @value is NULL,
 * @nparams is negative or @params is NULL with parameters, or the
 * parameter is not a VIR_TYPED_PARAM_BOOLEAN.
 */
int
virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                         const char *name, int *value)
{
    virTypedParameterPtr p;
    int rc = virTypedParamsLookup(params, nparams, name, VIR_TYPED_PARAM_BOOLEAN,
                                  value, __func__, &p);

    if (rc == 1)
        *value = !!p->value.b;
    return rc;
}

/* Appends one parameter, growing the array as libvirt's helpers do. */
static virTypedParameterPtr
virTypedParamsAppend(virTypedParameterPtr *params, int *nparams, int *maxparams,
                     const char *name, int type, const char *func)
{
    virTypedParameterPtr p;

    if (!params || !nparams || !maxparams || !name || *nparams < 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid arguments to %s"), func);
        return NULL;
    }
    if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("parameter name '%s' is longer than %d characters"),
                       name, VIR_TYPED_PARAM_FIELD_LENGTH - 1);
        return NULL;
    }
    if (*nparams >= *maxparams) {
        int newmax = MAX(*nparams + 1, *maxparams * 2);

        *params = g_renew(virTypedParameter, *params, newmax);
        *maxparams = newmax;
    }
    p = &(*params)[(*nparams)++];
    virTypedParamSetName(p, name, type);
    return p;
}

#define VIR_TYPED_PARAMS_ADD(func, ctype, tag, member) \
    int \
    func(virTypedParameterPtr *params, int *nparams, int *maxparams, \
         const char *name, ctype value) \
    { \
        virTypedParameterPtr p = virTypedParamsAppend(params, nparams, maxparams, \
                                                      name, tag, #func); \
        if (!p) \
            return -1; \
        p->value.member = value; \
        return 0; \
    }

/**
 * virTypedParamsAddInt:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the value to store
 *
 * Appends a parameter called @name of type int holding @value to @params.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
VIR_TYPED_PARAMS_ADD(virTypedParamsAddInt, int, VIR_TYPED_PARAM_INT, i)

/**
 * virTypedParamsAddUInt:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the value to store
 *
 * Appends a parameter called @name of type unsigned int holding @value to @params.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
VIR_TYPED_PARAMS_ADD(virTypedParamsAddUInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)

/**
 * virTypedParamsAddLLong:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the value to store
 *
 * Appends a parameter called @name of type long long holding @value to @params.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
VIR_TYPED_PARAMS_ADD(virTypedParamsAddLLong, long long, VIR_TYPED_PARAM_LLONG, l)

/**
 * virTypedParamsAddULLong:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the value to store
 *
 * Appends a parameter called @name of type unsigned long long holding @value to @params.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
VIR_TYPED_PARAMS_ADD(virTypedParamsAddULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)

/**
 * virTypedParamsAddDouble:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the value to store
 *
 * Appends a parameter called @name of type double holding @value to @params.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
VIR_TYPED_PARAMS_ADD(virTypedParamsAddDouble, double, VIR_TYPED_PARAM_DOUBLE, d)

/**
 * virTypedParamsAddBoolean:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the value to store: any non-zero value is true
 *
 * Appends a boolean parameter called @name holding @value to @params.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value)
{
    virTypedParameterPtr p = virTypedParamsAppend(params, nparams, maxparams, name,
                                                  VIR_TYPED_PARAM_BOOLEAN, __func__);

    if (!p)
        return -1;
    p->value.b = !!value;
    return 0;
}

/**
 * virTypedParamsAddString:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @value: the string to store (copied)
 *
 * Appends a string parameter called @name holding a copy of @value to
 * @params; @value may not be NULL.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, const char *value)
{
    virTypedParameterPtr p;

    if (!value) {
        virReportError(VIR_ERR_INVALID_ARG, _("string parameter '%s' is NULL"), NULLSTR(name));
        return -1;
    }
    p = virTypedParamsAppend(params, nparams, maxparams, name, VIR_TYPED_PARAM_STRING, __func__);
    if (!p)
        return -1;
    p->value.s = g_strdup(value);
    return 0;
}

/**
 * virTypedParamsAddStringList:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @values: a NULL-terminated array of strings (copied); NULL adds nothing
 *
 * Appends one string parameter called @name for each string of @values,
 * in order, as repeated calls to virTypedParamsAddString() would.
 * @params grows as needed (it is allocated with g_malloc; free it with
 * virTypedParamsFree()) and @maxparams follows its size.
 * On an error the parameters added before it stay in @params.
 *
 * Returns 0 on success, -1 with VIR_ERR_INVALID_ARG when an argument is
 * NULL or @name is too long for VIR_TYPED_PARAM_FIELD_LENGTH.
 */
int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, const char **values)
{
    size_t i;

    for (i = 0; values && values[i]; i++) {
        if (virTypedParamsAddString(params, nparams, maxparams, name, values[i]) < 0)
            return -1;
    }
    return 0;
}

static int
virTypedParamsParseValue(virTypedParameterPtr p, int type, const char *value)
{
    long long l;
    unsigned long long ul;
    char *end;

    switch (type) {
    case VIR_TYPED_PARAM_INT:
        return virStrToInt(value, &p->value.i);
    case VIR_TYPED_PARAM_UINT:
        return virStrToUInt(value, &p->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        if (virStrToLL(value, &l) < 0)
            return -1;
        p->value.l = l;
        return 0;
    case VIR_TYPED_PARAM_ULLONG:
        if (virStrToULL(value, &ul) < 0)
            return -1;
        p->value.ul = ul;
        return 0;
    case VIR_TYPED_PARAM_DOUBLE:
        p->value.d = g_ascii_strtod(value, &end);
        return (*value && *end == '\0') ? 0 : -1;
    case VIR_TYPED_PARAM_BOOLEAN:
        if (g_ascii_strcasecmp(value, "true") == 0 || STREQ(value, "1") ||
            g_ascii_strcasecmp(value, "yes") == 0)
            p->value.b = 1;
        else if (g_ascii_strcasecmp(value, "false") == 0 || STREQ(value, "0") ||
                 g_ascii_strcasecmp(value, "no") == 0)
            p->value.b = 0;
        else
            return -1;
        return 0;
    case VIR_TYPED_PARAM_STRING:
        p->value.s = g_strdup(value);
        return 0;
    }
    return -1;
}

/**
 * virTypedParamsAddFromString:
 * @params: pointer to the array of typed parameters
 * @nparams: number of parameters in the @params array
 * @maxparams: maximum number of parameters that can be stored in @params
 * @name: name of the parameter
 * @type: type of the parameter (virTypedParameterType)
 * @value: the value, as text
 *
 * Appends a parameter whose value is parsed from @value according to @type.
 *
 * Returns 0 on success, -1 on error (an unparsable value names itself).
 */
int
virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, int type,
                            const char *value)
{
    virTypedParameterPtr p;

    if (!value || type <= 0 || type >= VIR_TYPED_PARAM_LAST) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid type or value for parameter '%s'"),
                       NULLSTR(name));
        return -1;
    }
    p = virTypedParamsAppend(params, nparams, maxparams, name, type, __func__);
    if (!p)
        return -1;
    if (virTypedParamsParseValue(p, type, value) < 0) {
        (*nparams)--;
        virReportError(VIR_ERR_INVALID_ARG, _("invalid value '%s' for %s parameter '%s'"),
                       value, virTypedParamTypeName(type), name);
        return -1;
    }
    return 0;
}

/**
 * virTypedParamsClear:
 * @params: the array of typed parameters
 * @nparams: number of parameters in the @params array
 *
 * Frees the strings held by @params, leaving the array itself.
 */
void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    int i;

    if (!params)
        return;
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_clear_pointer(&params[i].value.s, g_free);
    }
}

/**
 * virTypedParamsFree:
 * @params: the array of typed parameters
 * @nparams: number of parameters in the @params array
 *
 * Frees the strings held by @params and the array itself.
 */
void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    virTypedParamsClear(params, nparams);
    g_free(params);
}
