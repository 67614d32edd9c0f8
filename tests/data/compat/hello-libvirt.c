/*
 * hello-libvirt.c: a program written for libvirt, built unchanged against
 * virtkit by tests/compat-pkgconfig.sh (only its build flags differ).  Its
 * connection is the default one: LIBVIRT_DEFAULT_URI says which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* errors are read where they happen, not printed by the library */
static void
quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

int
main(void)
{
    virConnectPtr conn;
    virDomainPtr *doms = NULL;
    virDomainPtr missing;
    virErrorPtr err;
    char *uri;
    int i, n;

    virSetErrorFunc(NULL, quiet);
    if (!(conn = virConnectOpen(NULL))) {
        fprintf(stderr, "cannot connect: %s\n", virGetLastErrorMessage());
        return 1;
    }
    uri = virConnectGetURI(conn);
    printf("connected to %s (%s)\n", uri, virConnectGetType(conn));
    free(uri);

    n = virConnectListAllDomains(conn, &doms, 0);
    for (i = 0; i < n; i++) {
        virDomainInfo info;

        if (virDomainGetInfo(doms[i], &info) == 0)
            printf("%s: state %d, %lu KiB, %u vcpus\n", virDomainGetName(doms[i]),
                   info.state, info.memory, info.nrVirtCpu);
        virDomainFree(doms[i]);
    }
    free(doms);

    missing = virDomainLookupByName(conn, "no-such-domain");
    err = virGetLastError();
    printf("lookup of no-such-domain: %s, code %d%s\n", missing ? "found" : "failed",
           err ? err->code : 0,
           err && err->code == VIR_ERR_NO_DOMAIN ? " (VIR_ERR_NO_DOMAIN)" : "");
    if (missing)
        virDomainFree(missing);
    return virConnectClose(conn) < 0;
}
