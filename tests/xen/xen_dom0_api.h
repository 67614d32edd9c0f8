/*
 * xen_dom0_api.h: what the public-API suites that run in dom0 share
 * (xen_driver_dom0_test, xen_memshr_dom0_test): running dom0's tools to
 * compare with, and checking the error a call left
 */
#ifndef XEN_DOM0_API_H
# define XEN_DOM0_API_H

# include <stdbool.h>
# include <glib.h>

# define URI "xen:///system"

int run(const char *cmd, char **out);
char *must(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
char *field(const char *text, const char *first, unsigned int index);
void lastErrorHas(const char *needle);
unsigned int consoleCount(const char *guest, const char *needle);

#endif /* XEN_DOM0_API_H */
