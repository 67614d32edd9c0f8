/*
 * fuzz_cpumap.c: cpulists ("0-3,^2") and public-API cpumaps
 *
 * The input is read both ways: as a cpulist for virBitmapParse() (whose
 * result must format and parse back to the same map), and as the bytes
 * of a cpumap for virBitmapFromCpumap() on hosts of several sizes (whose
 * result must turn back into the same bytes).
 */
#include "internal.h"

#include "fuzz.h"
#include "virbitmap.h"
#include "virerror.h"

static void
fuzzCpulist(const char *str, size_t nbits)
{
    g_autoptr(virBitmap) map = NULL;
    g_autoptr(virBitmap) again = NULL;
    g_autofree char *text = NULL;
    ssize_t last;

    virResetLastError();
    if (!(map = virBitmapParse(str, nbits))) {
        FUZZ_CHECK_REFUSAL("a cpulist");
        return;
    }
    FUZZ_CHECK(virBitmapSize(map) == nbits, "a %zu-bit map for %zu CPUs",
               virBitmapSize(map), nbits);
    last = virBitmapLastSetBit(map);
    FUZZ_CHECK(last < (ssize_t)nbits, "CPU %zd set in a map of %zu", last, nbits);
    text = virBitmapFormat(map);
    if (virBitmapIsAllClear(map)) {
        FUZZ_CHECK(*text == '\0', "an empty map formats as '%s'", text);
        return;
    }
    again = virBitmapParse(text, nbits);
    FUZZ_CHECK(again != NULL, "'%s' formatted as '%s', which does not parse: %s", str, text,
               virGetLastErrorMessage());
    FUZZ_CHECK(virBitmapEqual(map, again), "'%s' -> '%s' is another map", str, text);
    FUZZ_CHECK(virBitmapCountBits(map) == virBitmapCountBits(again), "bit counts differ");
}

static void
fuzzCpumap(const uint8_t *data, size_t size, size_t hostcpus)
{
    g_autoptr(virBitmap) map = NULL;
    g_autofree unsigned char *back = NULL;
    int maplen = size > INT_MAX ? INT_MAX : (int)size;

    virResetLastError();
    if (!(map = virBitmapFromCpumap(data, maplen, hostcpus))) {
        FUZZ_CHECK_REFUSAL("a cpumap");
        return;
    }
    FUZZ_CHECK(maplen >= 1 && maplen <= VIR_CPU_MAPLEN((int)hostcpus),
               "maplen %d accepted for %zu CPUs", maplen, hostcpus);
    FUZZ_CHECK(!virBitmapIsAllClear(map), "an empty cpumap was accepted");
    FUZZ_CHECK(virBitmapLastSetBit(map) < (ssize_t)hostcpus, "a CPU beyond the host");
    back = g_new0(unsigned char, maplen);
    virBitmapToCpumap(map, back, maplen);
    FUZZ_CHECK(memcmp(data, back, maplen) == 0, "a cpumap of %d bytes changed", maplen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t sizes[] = { 1, 7, 8, 16, 63, 64, 65, 16384 };
    g_autofree char *str = fuzzString(data, size);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(sizes); i++) {
        fuzzCpulist(str, sizes[i]);
        fuzzCpumap(data, size, sizes[i]);
    }
    virResetLastError();
    return 0;
}
