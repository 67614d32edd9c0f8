/*
 * xen_ops.c: the real hypervisor's xenOps table
 *
 * One line per operation, pointing at the file that does it: xen_hypervisor.c
 * (the host), xen_domctl.c and xen_vcpu.c (libxenctrl), xen_memory.c (both),
 * xen_memshr.c (memory sharing), xen_store.c and xen_watch.c (libxenstore), xen_light*.c and xen_save.c (libxl).
 */
#include "internal.h"

#include "xen_handle.h"

const xenOps xenHypervisorOps = {
    .name = "hypervisor",
    .open = xenHypervisorOpen,
    .close = xenHypervisorClose,

    .version = xenHypervisorVersion,
    .physinfo = xenHypervisorPhysinfo,
    .consoleRing = xenHypervisorConsoleRing,

    .listDomains = xenDomctlList,
    .domainInfo = xenDomctlInfo,
    .pause = xenDomctlPause,
    .unpause = xenDomctlUnpause,
    .setMaxMemory = xenMemorySetMax,
    .getMaxMemory = xenMemoryGetMax,
    .getSched = xenDomctlGetSched,
    .setSched = xenDomctlSetSched,
    .setMemorySharing = xenDomctlSetMemorySharing,
    .memshrRing = xenMemshrRing,
    .memshrResume = xenMemshrResume,
    .memshrNominate = xenMemshrNominate,
    .memshrShare = xenMemshrShare,
    .memshrAddToPhysmap = xenMemshrAddToPhysmap,
    .memshrRangeShare = xenMemshrRangeShare,
    .memshrHoldPair = xenMemshrHoldPair,
    .memshrSharePair = xenMemshrSharePair,
    .memshrCounters = xenMemshrCounters,
    .mapPages = xenMemshrMap,
    .unmapPages = xenMemshrUnmap,
    .unsharePages = xenMemshrUnshare,

    .vcpuList = xenVcpuList,
    .vcpuGetAffinity = xenVcpuGetAffinity,
    .vcpuSetAffinity = xenVcpuSetAffinity,

    .domainName = xenStoreDomainName,
    .setMemoryTarget = xenMemorySetTarget,
    .getMemoryTarget = xenMemoryGetTarget,
    .setVcpusOnline = xenStoreSetVcpusOnline,
    .shutdown = xenStoreShutdown,
    .sysrq = xenStoreSysrq,
    .watch = xenStoreWatch,
    .unwatch = xenStoreUnwatch,
    .watchFd = xenStoreWatchFd,
    .pollWatch = xenStorePollWatch,

    .create = xenLightCreate,
    .destroy = xenLightDestroy,
    .coreDump = xenLightCoreDump,
    .save = xenLightSave,
    .saveExtra = xenLightSaveExtra,
    .restore = xenLightRestore,
    .domainConfig = xenLightDomainConfig,
    .attachDisk = xenLightAttachDisk,
    .detachDisk = xenLightDetachDisk,
    .listDisks = xenLightListDisks,
    .attachNic = xenLightAttachNic,
    .detachNic = xenLightDetachNic,
    .listNics = xenLightListNics,
};
