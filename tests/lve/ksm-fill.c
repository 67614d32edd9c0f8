/*
 * ksm-fill.c: a task for the KSM tests and benchmark: memory that KSM can
 * merge with another task's
 *
 *   ksm-fill [--no-merge] PAGES SAME SEED STATEFILE
 *
 * Fills PAGES anonymous pages: the first SAME with content made from SEED
 * (each page different, the same in every task given that SEED), the rest
 * with content only this process has.  Then writes "filled" to STATEFILE
 * and waits.  On SIGUSR1 it writes every page anew with content of its
 * own (pages KSM merged are copied back: copy on write) and writes
 * "written".  SIGTERM ends it.  --no-merge first turns off the merging a
 * parent that entered an LVE passed on (prctl PR_SET_MEMORY_MERGE 0): a
 * task that came into the LVE without virtkit's setting.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef PR_SET_MEMORY_MERGE
# define PR_SET_MEMORY_MERGE 67
#endif

#define PAGE 4096

static volatile sig_atomic_t writeAsked;

static void
onUsr1(int sig)
{
    (void)sig;
    writeAsked = 1;
}

/* splitmix64: a different word for every (key, index) */
static uint64_t
mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static void
fillPage(uint64_t *page, uint64_t key)
{
    size_t i;

    for (i = 0; i < PAGE / sizeof(uint64_t); i++)
        page[i] = mix(key + i);
}

static int
writeState(const char *path, const char *state)
{
    char tmp[4096];
    FILE *f;

    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    if (!(f = fopen(tmp, "w")) || fprintf(f, "%s\n", state) < 0 || fclose(f) != 0 ||
        rename(tmp, path) < 0) {
        fprintf(stderr, "ksm-fill: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    unsigned long long pages, same, seed, i;
    uint64_t own = (uint64_t)getpid() << 40;
    bool noMerge = argc > 1 && strcmp(argv[1], "--no-merge") == 0;
    struct sigaction sa = { .sa_handler = onUsr1 };
    sigset_t block, wait;
    char *mem;

    argv += noMerge;
    argc -= noMerge;
    if (argc != 5) {
        fprintf(stderr, "usage: ksm-fill [--no-merge] PAGES SAME SEED STATEFILE\n");
        return 2;
    }
    pages = strtoull(argv[1], NULL, 10);
    same = strtoull(argv[2], NULL, 10);
    seed = strtoull(argv[3], NULL, 10);
    if (noMerge && prctl(PR_SET_MEMORY_MERGE, 0, 0, 0, 0) < 0) {
        fprintf(stderr, "ksm-fill: prctl: %s\n", strerror(errno));
        return 1;
    }
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &wait);
    sigaction(SIGUSR1, &sa, NULL);
    mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        fprintf(stderr, "ksm-fill: mmap: %s\n", strerror(errno));
        return 1;
    }
    for (i = 0; i < pages; i++)
        fillPage((uint64_t *)(mem + i * PAGE),
                 (i < same ? (1ULL << 63) | seed << 40 : own) + (i << 12));
    if (writeState(argv[4], "filled") < 0)
        return 1;
    while (true) {
        while (!writeAsked)
            sigsuspend(&wait);
        writeAsked = 0;
        for (i = 0; i < pages; i++)
            fillPage((uint64_t *)(mem + i * PAGE), own + 1 + (i << 12));
        if (writeState(argv[4], "written") < 0)
            return 1;
    }
}
