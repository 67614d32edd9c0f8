/*
 * rpc_load.c: load for a libvirt daemon, from libvirt's own client
 *
 * Built against libvirt (-lvirt) and pointed at a daemon's socket, it
 * measures what a client sees, the same way for virtkitd and libvirtd:
 *
 *   rpc_load rate URI THREADS SECONDS
 *       THREADS threads, each with its own connection, call
 *       virDomainGetInfo("test") for SECONDS seconds; prints the calls
 *       per second of all threads together.
 *   rpc_load hold URI COUNT
 *       opens COUNT connections at once, each calls
 *       virConnectListAllDomains, prints "held COUNT errors E", then keeps
 *       them open until its standard input closes (the caller measures
 *       the daemon's memory meanwhile).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    const char *uri;
    double seconds;
    long calls;
    int failed;
} loadThread;

static void
quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *
loadRun(void *opaque)
{
    loadThread *t = opaque;
    virConnectPtr conn = virConnectOpen(t->uri);
    virDomainPtr dom = conn ? virDomainLookupByName(conn, "test") : NULL;
    virDomainInfo info;
    double end;

    if (!dom) {
        t->failed = 1;
        return NULL;
    }
    end = now() + t->seconds;
    while (now() < end) {
        int i;

        /* the clock every 64 calls: the loop should cost the daemon */
        for (i = 0; i < 64; i++) {
            if (virDomainGetInfo(dom, &info) < 0) {
                t->failed = 1;
                break;
            }
            t->calls++;
        }
    }
    virDomainFree(dom);
    virConnectClose(conn);
    return NULL;
}

static int
rate(const char *uri, int nthreads, double seconds)
{
    pthread_t *threads = calloc(nthreads, sizeof(*threads));
    loadThread *state = calloc(nthreads, sizeof(*state));
    long calls = 0;
    int failed = 0;
    double t0 = now(), elapsed;
    int i;

    for (i = 0; i < nthreads; i++) {
        state[i].uri = uri;
        state[i].seconds = seconds;
        pthread_create(&threads[i], NULL, loadRun, &state[i]);
    }
    for (i = 0; i < nthreads; i++) {
        pthread_join(threads[i], NULL);
        calls += state[i].calls;
        failed += state[i].failed;
    }
    elapsed = now() - t0;
    printf("threads %d calls %ld seconds %.3f rate %.0f failed %d\n",
           nthreads, calls, elapsed, calls / elapsed, failed);
    free(threads);
    free(state);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int
hold(const char *uri, int count)
{
    virConnectPtr *conns = calloc(count, sizeof(*conns));
    int errors = 0;
    char buf[64];
    int i;

    for (i = 0; i < count; i++) {
        virDomainPtr *doms = NULL;
        int n, j;

        if (!(conns[i] = virConnectOpen(uri)) ||
            (n = virConnectListAllDomains(conns[i], &doms, 0)) < 1) {
            if (errors++ == 0)
                fprintf(stderr, "connection %d: %s\n", i, virGetLastErrorMessage());
            continue;
        }
        for (j = 0; j < n; j++)
            virDomainFree(doms[j]);
        free(doms);
    }
    printf("held %d errors %d\n", count, errors);
    fflush(stdout);
    while (fgets(buf, sizeof(buf), stdin))
        ;
    for (i = 0; i < count; i++) {
        if (conns[i])
            virConnectClose(conns[i]);
    }
    free(conns);
    return errors ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int
number(const char *str)
{
    char *end;
    long n = strtol(str, &end, 10);

    if (*end || n <= 0 || n > 1000000) {
        fprintf(stderr, "not a count: '%s'\n", str);
        exit(2);
    }
    return n;
}

int
main(int argc, char **argv)
{
    virSetErrorFunc(NULL, quiet);
    if (argc == 5 && strcmp(argv[1], "rate") == 0)
        return rate(argv[2], number(argv[3]), number(argv[4]));
    if (argc == 4 && strcmp(argv[1], "hold") == 0)
        return hold(argv[2], number(argv[3]));
    fprintf(stderr, "usage: %s rate URI THREADS SECONDS | hold URI COUNT\n", argv[0]);
    return 2;
}
