/*
 * domain_driver_table.h: the entries of a driver's table that every
 * driver on the shared layer fills the same way
 *
 * The test, lve, vserver and xen drivers serve these calls with the
 * shared methods as they are (domain_driver.h says why that works); a
 * driver's table starts with VIR_DOMAIN_DRIVER_SHARED_METHODS and then
 * names only what is its own.  A driver that needs its own version of
 * one of these calls takes it out of this list and every other table
 * names the shared one again: naming it a second time after the macro
 * is an error of the build (-Werror=override-init), not an override.
 */
#ifndef VIR_DOMAIN_DRIVER_TABLE_H
# define VIR_DOMAIN_DRIVER_TABLE_H

# include "domain_events.h"
# include "domain_lifecycle.h"
# include "domain_metadata.h"
# include "domain_query.h"
# include "domain_rename.h"
# include "domain_stats.h"
# include "domain_update.h"
# include "driver_registry.h"

# define VIR_DOMAIN_DRIVER_SHARED_METHODS \
    .connectClose = sharedConnectClose, \
    .connectDomainEventDeregister = sharedConnectDomainEventDeregister, \
    .connectDomainEventDeregisterAny = sharedConnectDomainEventDeregisterAny, \
    .connectDomainEventRegister = sharedConnectDomainEventRegister, \
    .connectDomainEventRegisterAny = sharedConnectDomainEventRegisterAny, \
    .connectGetAllDomainStats = sharedConnectGetAllDomainStats, \
    .connectGetHostname = sharedConnectGetHostname, \
    .connectGetType = sharedConnectGetType, \
    .connectGetVersion = sharedConnectGetVersion, \
    .connectIsAlive = sharedConnectIsAlive, \
    .connectIsEncrypted = sharedConnectIsEncrypted, \
    .connectIsSecure = sharedConnectIsSecure, \
    .connectListAllDomains = sharedConnectListAllDomains, \
    .connectListDefinedDomains = sharedConnectListDefinedDomains, \
    .connectListDomains = sharedConnectListDomains, \
    .connectNumOfDefinedDomains = sharedConnectNumOfDefinedDomains, \
    .connectNumOfDomains = sharedConnectNumOfDomains, \
    .domainAttachDeviceFlags = sharedDomainAttachDeviceFlags, \
    .domainCreateWithFlags = sharedDomainCreateWithFlags, \
    .domainCreateXML = sharedDomainCreateXML, \
    .domainDefineXMLFlags = sharedDomainDefineXMLFlags, \
    .domainDestroyFlags = sharedDomainDestroyFlags, \
    .domainDetachDeviceAlias = sharedDomainDetachDeviceAlias, \
    .domainDetachDeviceFlags = sharedDomainDetachDeviceFlags, \
    .domainGetAutostart = sharedDomainGetAutostart, \
    .domainGetMaxMemory = sharedDomainGetMaxMemory, \
    .domainGetMetadata = sharedDomainGetMetadata, \
    .domainGetVcpuPinInfo = sharedDomainGetVcpuPinInfo, \
    .domainGetVcpusFlags = sharedDomainGetVcpusFlags, \
    .domainGetXMLDesc = sharedDomainGetXMLDesc, \
    .domainHasManagedSaveImage = sharedDomainHasManagedSaveImage, \
    .domainIsActive = sharedDomainIsActive, \
    .domainIsPersistent = sharedDomainIsPersistent, \
    .domainIsUpdated = sharedDomainIsUpdated, \
    .domainLookupByID = sharedDomainLookupByID, \
    .domainLookupByName = sharedDomainLookupByName, \
    .domainLookupByUUID = sharedDomainLookupByUUID, \
    .domainMemoryStats = sharedDomainMemoryStats, \
    .domainPinVcpuFlags = sharedDomainPinVcpuFlags, \
    .domainReboot = sharedDomainReboot, \
    .domainRename = sharedDomainRename, \
    .domainReset = sharedDomainReset, \
    .domainResume = sharedDomainResume, \
    .domainSetAutostart = sharedDomainSetAutostart, \
    .domainSetMemoryFlags = sharedDomainSetMemoryFlags, \
    .domainSetMetadata = sharedDomainSetMetadata, \
    .domainSetVcpusFlags = sharedDomainSetVcpusFlags, \
    .domainShutdownFlags = sharedDomainShutdownFlags, \
    .domainSuspend = sharedDomainSuspend, \
    .domainUndefineFlags = sharedDomainUndefineFlags, \
    .domainUpdateDeviceFlags = sharedDomainUpdateDeviceFlags

#endif /* VIR_DOMAIN_DRIVER_TABLE_H */
