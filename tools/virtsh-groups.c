/*
 * virtsh-groups.c: the groups of virtsh's command tables
 *
 * Apart from virtsh.c (main() and the command line) so that a program
 * other than virtsh can know the same commands: the fuzzing harness of
 * the parser links tools/libvirtsh.a, which is everything but main().
 */
#include <config.h>

#include "virtsh.h"

static const vshCmdDef *const domainTables[] = {
    domManagementCmds, domEditCmds, domLifecycleCmds, domDeviceCmds, domInputCmds,
    domMemoryCmds, domCpuCmds, domSchedCmds, NULL,
};
static const vshCmdDef *const monitorTables[] = {
    domMonitoringCmds, domStatsCmds, domDeviceMonitoringCmds, NULL,
};
static const vshCmdDef *const eventTables[] = { domEventCmds, NULL };
static const vshCmdDef *const hostTables[] = { hostAndHypervisorCmds, NULL };
static const vshCmdDef *const extrasTables[] = { driverExtrasCmds, NULL };
static const vshCmdDef *const virtshTables[] = { virtshCmds, NULL };

/* The groups in the order help lists them; drivers' extras go here. */
const vshCmdGrp virtshGroups[] = {
    {.name = "Domain Management", .keyword = "domain", .tables = domainTables},
    {.name = "Domain Monitoring", .keyword = "monitor", .tables = monitorTables},
    {.name = "Domain Events", .keyword = "events", .tables = eventTables},
    {.name = "Host and Hypervisor", .keyword = "host", .tables = hostTables},
    {.name = "Driver Extras", .keyword = "extras", .tables = extrasTables},
    {.name = "Virtsh itself", .keyword = "virtsh", .alias = "virsh", .tables = virtshTables},
    {.name = NULL}
};
