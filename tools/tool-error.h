/*
 * tool-error.h: how virtkit's small programs (virtkit-lvectl, -top,
 * -statsd, -info) say what went wrong, on stderr
 */
#ifndef TOOL_ERROR_H
# define TOOL_ERROR_H

# include <glib.h>

/* What each message starts with: "error: " (virsh's) unless set. */
void toolErrorSetPrefix(const char *prefix);

/* One line on stderr: the prefix, then the message. */
void toolError(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#endif /* TOOL_ERROR_H */
