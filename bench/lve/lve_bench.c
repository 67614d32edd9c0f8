/*
 * lve_bench.c: create + limit + destroy of N LVEs, through the API and as
 * the bare cgroup sequence (the floor)
 *
 *   lve_bench api-start N    N defined domains: start, change speed, destroy
 *   lve_bench api-create N   virDomainCreateXML, change speed, destroy
 *   lve_bench raw N          the same cgroup mkdir/write/rmdir calls, in C
 *   lve_bench raw-xml N      the same, each LVE after parsing the XML that
 *                            api-create passes (libxml2, as the API does):
 *                            the floor of a call that takes a document
 *
 * Every LVE gets speed=50%, ncpu 1, pmem 64M, nproc 100, then speed=60%.
 * The groups live under "virtkit-bench-<pid>" beside this process's own
 * groups, removed at the end.  Built with -DBENCH_CALLGRIND, the measured
 * loop is the only part callgrind counts (CALLGRIND_DUMP_STATS_AT).
 * Needs root and cgroup v1.  run-bench.sh builds and runs it.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <virt/virt.h>

#ifdef BENCH_CALLGRIND
# include <valgrind/callgrind.h>
#else
# define CALLGRIND_ZERO_STATS
# define CALLGRIND_DUMP_STATS_AT(x)
#endif

#define BENCH_ID_BASE 100000

static const char *const controllers[] = {
    "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer",
};
#define NCTL (sizeof(controllers) / sizeof(controllers[0]))

static char parentDir[NCTL][512];   /* the bench parent in each hierarchy */
static struct timespec loopStart;
static char parentName[64];

/* The measured loop starts and ends here, for callgrind and the clock. */
static void
loopBegin(void)
{
    CALLGRIND_ZERO_STATS;
    clock_gettime(CLOCK_MONOTONIC, &loopStart);
}

static void
loopEnd(void)
{
    struct timespec now;

    CALLGRIND_DUMP_STATS_AT("cycles");
    clock_gettime(CLOCK_MONOTONIC, &now);
    printf("loop_seconds %.3f\n", (double)(now.tv_sec - loopStart.tv_sec) +
                                   (now.tv_nsec - loopStart.tv_nsec) / 1e9);
}

static void
die(const char *what)
{
    fprintf(stderr, "lve_bench: %s: %s\n", what, virGetLastErrorMessage());
    exit(1);
}

static char *domainXML(unsigned int id);

/* ---- the floor: cgroup files written directly ------------------------- */

static void
writeFile(const char *dir, const char *file, const char *value)
{
    char path[768];
    int fd;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0 || write(fd, value, strlen(value)) < 0) {
        perror(path);
        exit(1);
    }
    close(fd);
}

static void
readFile(const char *dir, const char *file)
{
    char path[768], buf[4096];
    int fd;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
        while (read(fd, buf, sizeof(buf)) > 0)
            ;
        close(fd);
    }
}

/* What the driver asks of the kernel for one LVE, call for call. */
static void
rawCycle(unsigned int id)
{
    char dir[NCTL][600];
    size_t c;

    for (c = 0; c < NCTL; c++) {
        snprintf(dir[c], sizeof(dir[c]), "%s/lve%u", parentDir[c], id);
        if (mkdir(dir[c], 0755) < 0) {
            perror(dir[c]);
            exit(1);
        }
    }
    writeFile(dir[2], "cpuset.mems", "0");
    writeFile(dir[0], "cpu.cfs_period_us", "100000");
    writeFile(dir[0], "cpu.cfs_quota_us", "50000");
    writeFile(dir[2], "cpuset.cpus", "0");
    writeFile(dir[3], "memory.limit_in_bytes", "67108864");
    writeFile(dir[4], "pids.max", "100");
    /* the limit changes */
    writeFile(dir[0], "cpu.cfs_period_us", "100000");
    writeFile(dir[0], "cpu.cfs_quota_us", "60000");
    /* destroy: freeze, list (nobody to kill), thaw, list again, remove */
    writeFile(dir[6], "freezer.state", "FROZEN");
    readFile(dir[6], "freezer.state");
    readFile(dir[6], "cgroup.procs");
    writeFile(dir[6], "freezer.state", "THAWED");
    readFile(dir[6], "freezer.state");
    readFile(dir[6], "cgroup.procs");
    for (c = 0; c < NCTL; c++) {
        if (rmdir(dir[c]) < 0) {
            perror(dir[c]);
            exit(1);
        }
    }
}

/* The document api-create passes, read into a tree and freed: what
 * taking a definition as XML costs before anything is asked of the
 * kernel.  No network, no CDATA nodes, as the library parses. */
static void
parseCycle(unsigned int id)
{
    const char *xml = domainXML(id);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOCDATA);

    if (!doc) {
        fprintf(stderr, "lve_bench: cannot parse %s\n", xml);
        exit(1);
    }
    xmlFreeDoc(doc);
}

/* ---- where the groups go ---------------------------------------------- */

/* Whether comma-separated @list names @item. */
static bool
listHas(const char *list, const char *item)
{
    char padded[600], needle[64];

    snprintf(padded, sizeof(padded), ",%s,", list);
    snprintf(needle, sizeof(needle), ",%s,", item);
    return strstr(padded, needle) != NULL;
}

/* The mount point of @controller and this process's group in it. */
static int
findGroup(const char *controller, char *mount, char *own, size_t len)
{
    char line[1024];
    FILE *f = fopen("/proc/self/mountinfo", "r");
    int found = 0;

    while (f && !found && fgets(line, sizeof(line), f)) {
        char mp[512], opts[512], *sep = strstr(line, " - cgroup cgroup ");

        if (!sep || sscanf(line, "%*s %*s %*s %*s %511s", mp) != 1 ||
            sscanf(sep + 17, "%511s", opts) != 1)
            continue;
        if ((found = listHas(opts, controller)))
            snprintf(mount, len, "%s", mp);
    }
    if (f)
        fclose(f);
    if (!found || !(f = fopen("/proc/self/cgroup", "r")))
        return -1;
    found = 0;
    while (!found && fgets(line, sizeof(line), f)) {
        char *names = strchr(line, ':'), *path = names ? strchr(names + 1, ':') : NULL;

        if (!path)
            continue;
        *path++ = '\0';
        path[strcspn(path, "\n")] = '\0';
        if ((found = listHas(names + 1, controller)))
            snprintf(own, len, "%s", path);
    }
    fclose(f);
    return found ? 0 : -1;
}

static void
setupParents(bool makeThem)
{
    char mount[512], own[512], value[256];
    size_t c;

    snprintf(parentName, sizeof(parentName), "virtkit-bench-%d", (int)getpid());
    for (c = 0; c < NCTL; c++) {
        if (findGroup(controllers[c], mount, own, sizeof(mount)) < 0) {
            fprintf(stderr, "lve_bench: no cgroup v1 '%s' hierarchy\n", controllers[c]);
            exit(77);
        }
        snprintf(parentDir[c], sizeof(parentDir[c]), "%s%s/%s", mount,
                 strcmp(own, "/") ? own : "", parentName);
        if (!makeThem)
            continue;
        if (mkdir(parentDir[c], 0755) < 0) {
            perror(parentDir[c]);
            exit(1);
        }
        if (c == 2) {
            FILE *f;

            /* a v1 cpuset level needs its parent's cpus and mems */
            snprintf(mount, sizeof(mount), "%s/../cpuset.cpus", parentDir[c]);
            if ((f = fopen(mount, "r")) && fgets(value, sizeof(value), f))
                writeFile(parentDir[c], "cpuset.cpus", value);
            if (f)
                fclose(f);
            snprintf(mount, sizeof(mount), "%s/../cpuset.mems", parentDir[c]);
            if ((f = fopen(mount, "r")) && fgets(value, sizeof(value), f))
                writeFile(parentDir[c], "cpuset.mems", value);
            if (f)
                fclose(f);
        }
    }
}

static void
removeParents(void)
{
    size_t c;

    for (c = 0; c < NCTL; c++)
        rmdir(parentDir[c]);
}

/* ---- through the API -------------------------------------------------- */

static char *
domainXML(unsigned int id)
{
    static char xml[1024];

    snprintf(xml, sizeof(xml),
             "<domain type='lve' id='%u' xmlns:lve='urn:virtkit:lve:1'>"
             "<name>bench-%u</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
             "<lve:limits speed='50%%' nproc='100' io='0' iops='0' ep='0'/></domain>",
             id, id);
    return xml;
}

static void
changeSpeed(virDomainPtr dom)
{
    virTypedParameter param = { .type = VIR_TYPED_PARAM_UINT, .value.ui = 60 };

    snprintf(param.field, sizeof(param.field), "speed");
    if (virDomainSetSchedulerParametersFlags(dom, &param, 1, VIR_DOMAIN_AFFECT_LIVE) < 0)
        die("speed");
}

static void
apiRun(const char *mode, unsigned int n, const char *root)
{
    char uri[1024];
    virConnectPtr conn;
    virDomainPtr *doms = calloc(n, sizeof(*doms));
    bool create = strcmp(mode, "api-create") == 0;
    unsigned int i;

    snprintf(uri, sizeof(uri), "lve:///embed?root=%s&backend=cgroup&cgroup_parent=%s",
             root, parentName);
    if (!(conn = virConnectOpen(uri)))
        die("open");
    for (i = 0; !create && i < n; i++) {
        if (!(doms[i] = virDomainDefineXML(conn, domainXML(BENCH_ID_BASE + i))))
            die("define");
    }
    loopBegin();
    for (i = 0; i < n; i++) {
        virDomainPtr dom = doms[i];

        if (create ? !(dom = virDomainCreateXML(conn, domainXML(BENCH_ID_BASE + i), 0)) :
                     virDomainCreate(dom) < 0)
            die("start");
        changeSpeed(dom);
        if (virDomainDestroy(dom) < 0)
            die("destroy");
        if (create)
            virDomainFree(dom);
    }
    loopEnd();
    for (i = 0; !create && i < n; i++) {
        virDomainUndefine(doms[i]);
        virDomainFree(doms[i]);
    }
    free(doms);
    virConnectClose(conn);
}

int
main(int argc, char **argv)
{
    const char *mode = argc > 2 ? argv[1] : NULL;
    unsigned int n = argc > 2 ? (unsigned int)strtoul(argv[2], NULL, 10) : 0, i;
    char root[] = "/dev/shm/virtkit-bench-XXXXXX";

    if (!mode || !n) {
        fprintf(stderr, "usage: lve_bench api-start|api-create|raw|raw-xml N\n");
        return 2;
    }
    if (strncmp(mode, "raw", 3) == 0) {
        bool parse = strcmp(mode, "raw-xml") == 0;

        xmlInitParser();
        setupParents(true);
        loopBegin();
        for (i = 0; i < n; i++) {
            if (parse)
                parseCycle(BENCH_ID_BASE + i);
            rawCycle(BENCH_ID_BASE + i);
        }
        loopEnd();
    } else {
        /* the run-time state on tmpfs, as /run is on a real host */
        if (!mkdtemp(root)) {
            perror(root);
            return 1;
        }
        setupParents(false);
        apiRun(mode, n, root);
        if (fork() == 0)
            execlp("rm", "rm", "-rf", root, (char *)NULL);
    }
    removeParents();
    return 0;
}
