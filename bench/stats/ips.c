/*
 * ips.c: the instructions-per-second figure of bench/stats: a known loop
 * (a pseudo-random walk over a 4 MiB table, which misses the caches as
 * SQLite's pages and the domain lists do) whose instructions callgrind
 * counts and whose CPU time this program measures natively.
 *
 *   ips N      runs N steps; prints "cpu_seconds S" (the process's CPU time
 *              of the loop: a loaded machine does not stretch it as it
 *              stretches wall time)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define TABLE (1u << 20)

static uint32_t table[TABLE];

int
main(int argc, char **argv)
{
    unsigned long long n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    struct timespec t0, t1;
    uint32_t x = 2463534242u, sum = 0;
    unsigned long long i;

    for (i = 0; i < TABLE; i++)
        table[i] = (uint32_t)i * 2654435761u;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sum += table[x & (TABLE - 1)];
        table[(x >> 7) & (TABLE - 1)] = sum;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    printf("sum %u\ncpu_seconds %.6f\n", sum,
           (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
