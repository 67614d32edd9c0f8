/*
 * xen_module.c: the entry point of virtkit_driver_xen.so
 *
 * The library (src/driver.c) loads the module for the first xen:// URI
 * and asks it for its driver table.
 */
#include "internal.h"

#include <gmodule.h>

#include "driver.h"

G_MODULE_EXPORT virHypervisorDriver *virtkitDriverModule_xen(void);

/* Returns the Xen driver's table. */
G_MODULE_EXPORT virHypervisorDriver *
virtkitDriverModule_xen(void)
{
    return &xenHypervisorDriver;
}
