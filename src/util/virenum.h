/*
 * virenum.h: enum <-> string tables instead of if-chains
 */
#ifndef VIR_ENUM_H
# define VIR_ENUM_H

# include "internal.h"

const char *virEnumToString(const char *const *types, unsigned int ntypes, int type);
int virEnumFromString(const char *const *types, unsigned int ntypes, const char *str);

# define VIR_ENUM_DECL(name) \
    const char *name##TypeToString(int type); \
    int name##TypeFromString(const char *str)

/* One string per value from 0 to @lastVal - 1; the count is checked at
 * compile time, so a new value cannot be forgotten in the table. */
# define VIR_ENUM_IMPL(name, lastVal, ...) \
    static const char *const name##TypeList[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(name##TypeList) == lastVal); \
    const char *name##TypeToString(int type) \
    { \
        return virEnumToString(name##TypeList, G_N_ELEMENTS(name##TypeList), type); \
    } \
    int name##TypeFromString(const char *str) \
    { \
        return virEnumFromString(name##TypeList, G_N_ELEMENTS(name##TypeList), str); \
    }

#endif /* VIR_ENUM_H */
