/*
 * lve-limits: an LVE from start to end on the public API.
 *
 *   lve-limits [URI]      (default: lve:///system, which needs root)
 *
 * Defines LVE 1001 with CloudLinux limits in its XML, starts it, reads
 * its limits back through the generic tunables, runs a child process
 * inside it (virDomainEnter, as lve_suwrapper does), reads its usage,
 * then destroys and undefines it.  Build: cc lve-limits.c -lvirtkit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <virt/virt.h>

static const char lveXML[] =
    "<domain type='lve' id='1001' xmlns:lve='urn:virtkit:lve:1'>\n"
    "  <name>example-lve</name>\n"
    "  <memory unit='MiB'>512</memory>\n"
    "  <vcpu>1</vcpu>\n"
    "  <lve:limits speed='50%' pmem='256M' nproc='20' ep='5' io='1024' iops='100'/>\n"
    "</domain>\n";

static int
fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, virGetLastErrorMessage());
    return -1;
}

/* The limits as a libvirt program sees them: schedinfo and memtune. */
static int
showLimits(virDomainPtr dom)
{
    virTypedParameter params[4];
    unsigned int speed = 0;
    unsigned long long pmem = 0;
    int n = 1;

    if (virDomainGetSchedulerParametersFlags(dom, params, &n, 0) < 0 ||
        virTypedParamsGetUInt(params, n, "speed", &speed) < 0)
        return fail("schedinfo");
    n = 3;
    if (virDomainGetMemoryParameters(dom, params, &n, 0) < 0 ||
        virTypedParamsGetULLong(params, n, VIR_DOMAIN_MEMORY_HARD_LIMIT, &pmem) < 0)
        return fail("memtune");
    printf("limits: speed %u%% of a core, pmem %llu KiB\n", speed, pmem);
    return 0;
}

/* A child enters the LVE and runs there: its exit status says how. */
static int
runInside(virDomainPtr dom)
{
    pid_t pid = fork();
    int status;

    if (pid < 0)
        return -1;
    if (pid == 0) {
        unsigned int cookie;

        if (virDomainEnter(dom, &cookie, 0) < 0) {
            fail("enter");
            _exit(1);
        }
        /* from here on, this process and its children count against
         * the LVE's limits; exec a program to run one */
        _exit(0);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    printf("a child process ran inside LVE %u\n", virDomainGetID(dom));
    return 0;
}

static int
showUsage(virDomainPtr dom)
{
    virDomainInfo info;

    if (virDomainGetInfo(dom, &info) < 0)
        return fail("dominfo");
    printf("usage: %llu ns of CPU, %lu KiB of memory (max %lu KiB)\n",
           info.cpuTime, info.memory, info.maxMem);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *uri = argc > 1 ? argv[1] : "lve:///system";
    virConnectPtr conn;
    virDomainPtr dom;
    int ret = EXIT_FAILURE;

    if (!(conn = virConnectOpen(uri))) {
        fprintf(stderr, "cannot open %s: %s\n", uri, virGetLastErrorMessage());
        return EXIT_FAILURE;
    }
    if (!(dom = virDomainDefineXML(conn, lveXML))) {
        fail("define");
        goto close;
    }
    printf("defined %s\n", virDomainGetName(dom));
    if (virDomainCreate(dom) < 0) {
        fail("start");
        goto undefine;
    }
    printf("started LVE %u\n", virDomainGetID(dom));
    if (showLimits(dom) == 0 && runInside(dom) == 0 && showUsage(dom) == 0)
        ret = EXIT_SUCCESS;
    if (virDomainDestroy(dom) < 0) {
        fail("destroy");
        ret = EXIT_FAILURE;
    } else {
        printf("destroyed\n");
    }
 undefine:
    if (virDomainUndefine(dom) < 0) {
        fail("undefine");
        ret = EXIT_FAILURE;
    }
    virDomainFree(dom);
 close:
    virConnectClose(conn);
    return ret;
}
