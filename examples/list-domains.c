/*
 * list-domains: every domain of a hypervisor, with its state and memory.
 *
 *   list-domains [URI]        (default: test:///default)
 *
 * Written against libvirt's API: with <libvirt/libvirt.h> instead of
 * <virt/virt.h> it builds against libvirt unchanged.
 */
#include <stdio.h>
#include <stdlib.h>

#include <virt/virt.h>

static const char *
stateName(int state)
{
    static const char *const names[] = {
        "no state", "running", "blocked", "paused", "in shutdown",
        "shut off", "crashed", "pmsuspended",
    };

    if (state < 0 || state >= (int)(sizeof(names) / sizeof(names[0])))
        return "unknown";
    return names[state];
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : "test:///default";
    virConnectPtr conn;
    virDomainPtr *domains = NULL;
    int i, n;

    if (!(conn = virConnectOpenReadOnly(uri))) {
        fprintf(stderr, "cannot open %s: %s\n", uri, virGetLastErrorMessage());
        return EXIT_FAILURE;
    }
    if ((n = virConnectListAllDomains(conn, &domains, 0)) < 0) {
        fprintf(stderr, "cannot list domains: %s\n", virGetLastErrorMessage());
        virConnectClose(conn);
        return EXIT_FAILURE;
    }
    printf("%-5s %-20s %-12s %12s %6s\n", "Id", "Name", "State", "Memory(KiB)", "vCPUs");
    for (i = 0; i < n; i++) {
        virDomainInfo info;
        int id = (int)virDomainGetID(domains[i]);

        if (virDomainGetInfo(domains[i], &info) < 0) {
            fprintf(stderr, "%s: %s\n", virDomainGetName(domains[i]), virGetLastErrorMessage());
        } else if (id < 0) {
            printf("%-5s %-20s %-12s %12lu %6u\n", "-", virDomainGetName(domains[i]),
                   stateName(info.state), info.memory, info.nrVirtCpu);
        } else {
            printf("%-5d %-20s %-12s %12lu %6u\n", id, virDomainGetName(domains[i]),
                   stateName(info.state), info.memory, info.nrVirtCpu);
        }
        virDomainFree(domains[i]);
    }
    free(domains);
    /* a positive count would mean a handle was leaked */
    return virConnectClose(conn) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
