/*
 * virenum.c: enum <-> string tables
 */
#include "internal.h"

#include "virenum.h"

const char *
virEnumToString(const char *const *types, unsigned int ntypes, int type)
{
    if (type < 0 || (unsigned int)type >= ntypes)
        return NULL;
    return types[type];
}

/* Returns the value of @str, or -1 when it is not in the table. */
int
virEnumFromString(const char *const *types, unsigned int ntypes, const char *str)
{
    unsigned int i;

    if (!str)
        return -1;
    for (i = 0; i < ntypes; i++) {
        if (types[i] && STREQ(types[i], str))
            return i;
    }
    return -1;
}
