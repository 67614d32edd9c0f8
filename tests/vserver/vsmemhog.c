/*
 * vsmemhog.c: allocates and touches memory, for the memory-limit proof
 *
 *   vsmemhog MIB
 *
 * Touches every page of MIB mebibytes (so that they are resident) and
 * exits 0; under a smaller memory limit the kernel kills it first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t size, i;
    char *mem;

    if (argc != 2 || (size = strtoul(argv[1], NULL, 10)) == 0) {
        fprintf(stderr, "usage: vsmemhog MIB\n");
        return 2;
    }
    size <<= 20;
    if (!(mem = malloc(size))) {
        fprintf(stderr, "vsmemhog: cannot allocate %zu bytes\n", size);
        return 1;
    }
    for (i = 0; i < size; i += page)
        mem[i] = (char)i;
    printf("vsmemhog: touched %zu MiB\n", size >> 20);
    free(mem);
    return 0;
}
