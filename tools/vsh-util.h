/*
 * vsh-util.h: virtsh's own small parsers and formatters
 *
 * virtsh links only the public library, so it parses numbers, sizes and
 * CPU lists itself.  Failures leave the detail in the form libvirt's
 * utilities give it ("invalid argument: ..."), for the caller's error.
 */
#ifndef VSH_UTIL_H
# define VSH_UTIL_H

# include "vsh.h"

/* Whole-string decimal numbers; -1 when malformed or out of range.
 * vshStrToULL refuses a minus sign; with @end, stops at the first
 * character that is not a digit and gives it back there. */
int vshStrToLL(const char *str, long long *value);
int vshStrToULL(const char *str, unsigned long long *value, const char **end);

/* Multiplies *@value by the unit named by @suffix: "" means @scale,
 * b/bytes, k/KiB/M/MiB/G/GiB/T/P/E are powers of 1024, KB/MB/GB...
 * powers of 1000.  Fails when the result exceeds @limit. */
int vshScaleInteger(vshControl *ctl, unsigned long long *value, const char *suffix,
                    unsigned long long scale, unsigned long long limit);

/* A CPU list such as "0-3,^2,8": returns the cpumap of @maxcpu bits
 * (VIR_CPU_MAPLEN(maxcpu) bytes), "r" meaning every CPU.  NULL after
 * reporting the error. */
unsigned char *vshParseCPUList(vshControl *ctl, const char *cpulist, int maxcpu,
                               int *cpumaplen);

/* "0-3,6" for the set bits of @cpumap (@maplen bytes); "" for none. */
char *vshFormatCPUMap(const unsigned char *cpumap, int maplen);

/* The value of a typed parameter as virsh prints it. */
char *vshTypedParamValue(const virTypedParameter *param);

/* ---- tables laid out from their content, as virsh's ---- */

typedef struct _vshTable vshTable;
vshTable *vshTableNew(const char *first, ...) G_GNUC_NULL_TERMINATED;
void vshTableRowAppend(vshTable *table, const char *first, ...) G_GNUC_NULL_TERMINATED;
vshTable *vshTableNewv(const char *const *header);
void vshTableRowAppendv(vshTable *table, const char *const *cells);
void vshTablePrintToStdout(vshTable *table, vshControl *ctl);
char *vshTablePrintToString(vshTable *table, bool header);

/* @s as a table shows it: control characters, bidirectional controls and
 * bytes that are not UTF-8 as \xNN.  For names printed on their own. */
char *vshSafeText(const char *s);
void vshTableFree(vshTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshTable, vshTableFree);

#endif /* VSH_UTIL_H */
