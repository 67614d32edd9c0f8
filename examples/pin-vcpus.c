/*
 * pin-vcpus: pin each vcpu of a running domain to one host CPU, round
 * robin, then print every vcpu's affinity the way virsh vcpuinfo does.
 *
 *   pin-vcpus DOMAIN [URI]      (default: test:///default)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virt/virt.h>

int
main(int argc, char **argv)
{
    const char *uri = argc > 2 ? argv[2] : "test:///default";
    virConnectPtr conn;
    virDomainPtr dom = NULL;
    virNodeInfo node;
    virDomainInfo info;
    virVcpuInfoPtr vcpus = NULL;
    unsigned char *maps = NULL, *map = NULL;
    int cpus, maplen, i, c, n, ret = EXIT_FAILURE;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DOMAIN [URI]\n", argv[0]);
        return EXIT_FAILURE;
    }
    if (!(conn = virConnectOpen(uri)) || virNodeGetInfo(conn, &node) < 0 ||
        !(dom = virDomainLookupByName(conn, argv[1])) || virDomainGetInfo(dom, &info) < 0) {
        fprintf(stderr, "%s\n", virGetLastErrorMessage());
        goto cleanup;
    }
    cpus = VIR_NODEINFO_MAXCPUS(node);
    maplen = VIR_CPU_MAPLEN(cpus);
    map = calloc(maplen, 1);
    maps = calloc((size_t)info.nrVirtCpu * maplen, 1);
    vcpus = calloc(info.nrVirtCpu, sizeof(*vcpus));
    if (!map || !maps || !vcpus)
        goto cleanup;
    for (i = 0; i < info.nrVirtCpu; i++) {
        memset(map, 0, maplen);
        VIR_USE_CPU(map, i % cpus);
        if (virDomainPinVcpu(dom, i, map, maplen) < 0) {
            fprintf(stderr, "vcpu %d: %s\n", i, virGetLastErrorMessage());
            goto cleanup;
        }
    }
    if ((n = virDomainGetVcpus(dom, vcpus, info.nrVirtCpu, maps, maplen)) < 0) {
        fprintf(stderr, "%s\n", virGetLastErrorMessage());
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        printf("VCPU %u on CPU %d, affinity ", vcpus[i].number, vcpus[i].cpu);
        for (c = 0; c < cpus; c++)
            putchar(VIR_CPU_USABLE(maps, maplen, i, c) ? 'y' : '-');
        putchar('\n');
    }
    ret = EXIT_SUCCESS;
 cleanup:
    free(vcpus);
    free(maps);
    free(map);
    if (dom)
        virDomainFree(dom);
    if (conn)
        virConnectClose(conn);
    return ret;
}
