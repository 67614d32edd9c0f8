/*
 * xen_logger.c: the xentoollog logger of the binding
 */
#include "internal.h"

#include <stdio.h>

#include "virlog.h"
#include "xen_logger.h"

/* The first errors are the cause; what follows is mostly cleanup. */
#define XEN_LOGGER_KEEP 3

struct _xenLogger {
    xentoollog_logger vtable;   /* first: libxl casts between the two */
};

typedef struct {
    GPtrArray *errors;
} xenLoggerThread;

static void
xenLoggerThreadFree(gpointer data)
{
    xenLoggerThread *t = data;

    g_ptr_array_unref(t->errors);
    g_free(t);
}

static GPrivate xenLoggerCapture = G_PRIVATE_INIT(xenLoggerThreadFree);

static xenLoggerThread *
xenLoggerThreadGet(void)
{
    xenLoggerThread *t = g_private_get(&xenLoggerCapture);

    if (!t) {
        t = g_new0(xenLoggerThread, 1);
        t->errors = g_ptr_array_new_with_free_func(g_free);
        g_private_set(&xenLoggerCapture, t);
    }
    return t;
}

static int
xenLoggerPriority(xentoollog_level level)
{
    if (level >= XTL_ERROR)
        return VIR_LOG_ERROR;
    if (level >= XTL_WARN)
        return VIR_LOG_WARN;
    if (level >= XTL_INFO)
        return VIR_LOG_INFO;
    return VIR_LOG_DEBUG;
}

/* libxl starts its lines with where they come from ("libxl_device.c:455:
 * libxl__device_disk_set_backend: "): the log keeps it, users need not */
static const char *
xenLoggerWithoutPlace(const char *text)
{
    int n = 0;

    if (sscanf(text, "%*[a-zA-Z0-9_].c:%*u:%*[a-zA-Z0-9_]: %n", &n) == 0 && n > 0)
        return text + n;
    return text;
}

static void
xenLoggerMessage(xentoollog_logger *vtable G_GNUC_UNUSED, xentoollog_level level,
                 int errnoval, const char *context, const char *format, va_list args)
{
    g_autofree char *text = g_strdup_vprintf(format, args);
    g_autofree char *line = NULL;
    xenLoggerThread *t;

    if (errnoval >= 0)
        line = g_strdup_printf("%s: %s", text, g_strerror(errnoval));
    else
        line = g_steal_pointer(&text);
    VIR_LOG_AT(xenLoggerPriority(level), "xen", NULLSTR(context), 0, "%s", line);
    if (level < XTL_ERROR)
        return;
    t = xenLoggerThreadGet();
    if (t->errors->len < XEN_LOGGER_KEEP)
        g_ptr_array_add(t->errors, g_strdup(xenLoggerWithoutPlace(line)));
}

static void
xenLoggerDestroy(xentoollog_logger *vtable G_GNUC_UNUSED)
{
    /* freed by xenLoggerFree: libxl never destroys a logger it was given */
}

xenLogger *
xenLoggerNew(void)
{
    xenLogger *logger = g_new0(xenLogger, 1);

    logger->vtable.vmessage = xenLoggerMessage;
    logger->vtable.progress = NULL;
    logger->vtable.destroy = xenLoggerDestroy;
    return logger;
}

void
xenLoggerFree(xenLogger *logger)
{
    g_free(logger);
}

xentoollog_logger *
xenLoggerGet(xenLogger *logger)
{
    return &logger->vtable;
}

void
xenLoggerBegin(void)
{
    g_ptr_array_set_size(xenLoggerThreadGet()->errors, 0);
}

char *
xenLoggerErrors(void)
{
    xenLoggerThread *t = xenLoggerThreadGet();
    g_autoptr(GString) joined = g_string_new(NULL);
    size_t i;

    for (i = 0; i < t->errors->len; i++)
        g_string_append_printf(joined, "%s%s", i ? "; " : "", (char *)t->errors->pdata[i]);
    if (joined->len == 0)
        return NULL;
    return g_string_free(g_steal_pointer(&joined), FALSE);
}
