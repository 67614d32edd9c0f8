/*
 * tool-error.c: how virtkit's small programs say what went wrong
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>

#include "tool-error.h"

static const char *toolErrorPrefix = "error: ";

void
toolErrorSetPrefix(const char *prefix)
{
    toolErrorPrefix = prefix;
}

void
toolError(const char *fmt, ...)
{
    va_list ap;

    fputs(toolErrorPrefix, stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
