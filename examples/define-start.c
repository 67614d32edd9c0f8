/*
 * define-start: define a domain from an XML file and start it.
 *
 *   define-start FILE.xml [URI]      (default: test:///default)
 *
 * Prints the new domain's name, id and state.
 */
#include <stdio.h>
#include <stdlib.h>

#include <virt/virt.h>

static char *
readFile(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf;
    long len;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0 ||
        !(buf = malloc(len + 1))) {
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 2 ? argv[2] : "test:///default";
    virConnectPtr conn;
    virDomainPtr dom;
    char *xml;
    int state, reason, ret = EXIT_FAILURE;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.xml [URI]\n", argv[0]);
        return EXIT_FAILURE;
    }
    if (!(xml = readFile(argv[1]))) {
        perror(argv[1]);
        return EXIT_FAILURE;
    }
    if (!(conn = virConnectOpen(uri))) {
        fprintf(stderr, "cannot open %s: %s\n", uri, virGetLastErrorMessage());
        free(xml);
        return EXIT_FAILURE;
    }
    if (!(dom = virDomainDefineXML(conn, xml))) {
        fprintf(stderr, "cannot define: %s\n", virGetLastErrorMessage());
        goto cleanup;
    }
    if (virDomainCreate(dom) < 0) {
        fprintf(stderr, "cannot start %s: %s\n", virDomainGetName(dom), virGetLastErrorMessage());
        virDomainFree(dom);
        goto cleanup;
    }
    if (virDomainGetState(dom, &state, &reason, 0) == 0)
        printf("domain %s started: id %u, state %d, reason %d\n", virDomainGetName(dom),
               virDomainGetID(dom), state, reason);
    virDomainFree(dom);
    ret = EXIT_SUCCESS;
 cleanup:
    free(xml);
    virConnectClose(conn);
    return ret;
}
