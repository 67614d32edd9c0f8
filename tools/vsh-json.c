/*
 * vsh-json.c: a small JSON writer for --json output
 *
 * Output is indented by two blanks per level, one member per line, so it
 * reads well and diffs well; scripts parse it with any JSON reader.  A
 * compact value is written on one line, for a stream of values (one per
 * line, as virtkit-top --json prints its samples).
 * Writing JSON needs no library: strings are escaped as RFC 8259 says.
 * Every reading command's --json goes through these functions.
 */
#include <config.h>

#include <math.h>

#include "virtsh.h"

static void
vshJsonIndent(vshJson *json)
{
    int i;

    if (json->compact)
        return;
    g_string_append_c(json->out, '\n');
    for (i = 0; i < json->depth; i++)
        g_string_append(json->out, "  ");
}

static void
vshJsonQuote(GString *out, const char *str)
{
    const unsigned char *p;

    g_string_append_c(out, '"');
    for (p = (const unsigned char *)str; *p; p++) {
        switch (*p) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, *p);
        }
    }
    g_string_append_c(out, '"');
}

/* Starts a member (or an array element when @key is NULL). */
static void
vshJsonMember(vshJson *json, const char *key)
{
    if (!json->first)
        g_string_append(json->out, json->compact ? ", " : ",");
    json->first = false;
    vshJsonIndent(json);
    if (key) {
        vshJsonQuote(json->out, key);
        g_string_append(json->out, ": ");
    }
}

void
vshJsonBegin(vshJson *json, bool array)
{
    json->out = g_string_new(array ? "[" : "{");
    json->depth = 1;
    json->first = true;
    json->compact = false;
}

void
vshJsonOpen(vshJson *json, const char *key, bool array)
{
    vshJsonMember(json, key);
    g_string_append_c(json->out, array ? '[' : '{');
    json->depth++;
    json->first = true;
}

void
vshJsonClose(vshJson *json, bool array)
{
    json->depth--;
    if (!json->first)
        vshJsonIndent(json);
    g_string_append_c(json->out, array ? ']' : '}');
    json->first = false;
}

void
vshJsonString(vshJson *json, const char *key, const char *value)
{
    vshJsonMember(json, key);
    if (value)
        vshJsonQuote(json->out, value);
    else
        g_string_append(json->out, "null");
}

void
vshJsonInt(vshJson *json, const char *key, long long value)
{
    vshJsonMember(json, key);
    g_string_append_printf(json->out, "%lld", value);
}

void
vshJsonUInt(vshJson *json, const char *key, unsigned long long value)
{
    vshJsonMember(json, key);
    g_string_append_printf(json->out, "%llu", value);
}

/* @number, already written as JSON writes numbers (a program's own
 * rounding, such as "12.5"). */
void
vshJsonNumber(vshJson *json, const char *key, const char *number)
{
    vshJsonMember(json, key);
    g_string_append(json->out, number);
}

void
vshJsonBool(vshJson *json, const char *key, bool value)
{
    vshJsonMember(json, key);
    g_string_append(json->out, value ? "true" : "false");
}

void
vshJsonNull(vshJson *json, const char *key)
{
    vshJsonMember(json, key);
    g_string_append(json->out, "null");
}

/* A typed parameter's value as its JSON type (a boolean as true or false,
 * not virsh's yes/no), under @key or else its field name. */
void
vshJsonTypedParam(vshJson *json, const char *key, const virTypedParameter *param)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    if (!key)
        key = param->field;
    switch ((virTypedParameterType)param->type) {
    case VIR_TYPED_PARAM_INT:
        vshJsonInt(json, key, param->value.i);
        return;
    case VIR_TYPED_PARAM_UINT:
        vshJsonUInt(json, key, param->value.ui);
        return;
    case VIR_TYPED_PARAM_LLONG:
        vshJsonInt(json, key, param->value.l);
        return;
    case VIR_TYPED_PARAM_ULLONG:
        vshJsonUInt(json, key, param->value.ul);
        return;
    case VIR_TYPED_PARAM_DOUBLE:
        /* JSON has no NaN or infinity */
        if (!isfinite(param->value.d)) {
            vshJsonNull(json, key);
            return;
        }
        vshJsonMember(json, key);
        g_string_append(json->out, g_ascii_dtostr(buf, sizeof(buf), param->value.d));
        return;
    case VIR_TYPED_PARAM_BOOLEAN:
        vshJsonBool(json, key, param->value.b);
        return;
    case VIR_TYPED_PARAM_STRING:
        vshJsonString(json, key, param->value.s);
        return;
    }
    vshJsonNull(json, key);
}

/* Every parameter under its field name followed by @suffix (a unit such
 * as "_kib", or ""). */
void
vshJsonTypedParams(vshJson *json, const virTypedParameter *params, int nparams,
                   const char *suffix)
{
    int i;

    for (i = 0; i < nparams; i++) {
        g_autofree char *key = g_strconcat(params[i].field, suffix, NULL);

        vshJsonTypedParam(json, key, &params[i]);
    }
}

/* The common --json of a command that answers one fact: {"@key": @value}. */
void
vshJsonPrintString(vshControl *ctl, const char *key, const char *value)
{
    vshJson json;

    vshJsonBegin(&json, false);
    vshJsonString(&json, key, value);
    vshJsonPrint(&json, ctl);
}

/* Drops what was written, for a command that fails half-way. */
void
vshJsonDiscard(vshJson *json)
{
    g_string_free(json->out, TRUE);
    json->out = NULL;
}

/* Closes the outermost value and returns the text, with a newline. */
char *
vshJsonEnd(vshJson *json)
{
    bool array = json->out->str[0] == '[';

    vshJsonClose(json, array);
    g_string_append_c(json->out, '\n');
    return g_string_free(g_steal_pointer(&json->out), FALSE);
}

/* Closes the outermost value, prints it and frees the buffer. */
void
vshJsonPrint(vshJson *json, vshControl *ctl)
{
    g_autofree char *text = vshJsonEnd(json);

    vshPrint(ctl, "%s", text);
}
