/*
 * virbitmap.h: fixed-size bit maps, cpulists ("0-3,^2") and cpumaps
 */
#ifndef VIR_BITMAP_H
# define VIR_BITMAP_H

# include "internal.h"

typedef struct _virBitmap virBitmap;

virBitmap *virBitmapNew(size_t nbits);
void virBitmapFree(virBitmap *bitmap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virBitmap, virBitmapFree);

virBitmap *virBitmapCopy(const virBitmap *src);
size_t virBitmapSize(const virBitmap *bitmap);

/* Set, clear and test; a position beyond the size is ignored by Set and
 * Clear (they return -1) and reads as clear. */
int virBitmapSetBit(virBitmap *bitmap, size_t pos);
int virBitmapClearBit(virBitmap *bitmap, size_t pos);
bool virBitmapIsBitSet(const virBitmap *bitmap, size_t pos);
void virBitmapSetAll(virBitmap *bitmap);
void virBitmapClearAll(virBitmap *bitmap);
bool virBitmapIsAllClear(const virBitmap *bitmap);
size_t virBitmapCountBits(const virBitmap *bitmap);
ssize_t virBitmapNextSetBit(const virBitmap *bitmap, ssize_t pos);
ssize_t virBitmapLastSetBit(const virBitmap *bitmap);
bool virBitmapEqual(const virBitmap *a, const virBitmap *b);

/* cpulist syntax: comma-separated CPUs and ranges, "^N" or "^N-M" removes.
 * every CPU must be below @nbits.  Parse reports what libvirt reports for
 * a list it cannot take, "Failed to parse bitmap '<list>'". */
virBitmap *virBitmapParse(const char *str, size_t nbits);
char *virBitmapFormat(const virBitmap *bitmap);

/* cpumaps as in the public API: bytes in little-endian order, CPU 0 is the
 * least significant bit of byte 0. */
void virBitmapToCpumap(const virBitmap *bitmap, unsigned char *cpumap,
                       int maplen);
virBitmap *virBitmapFromCpumap(const unsigned char *cpumap, int maplen,
                               size_t hostcpus);

#endif /* VIR_BITMAP_H */
