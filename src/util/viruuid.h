/*
 * viruuid.h: UUIDs in raw (16 bytes) and printable (36 characters) form
 */
#ifndef VIR_UUID_H
# define VIR_UUID_H

# include "internal.h"

int virUUIDGenerate(unsigned char *uuid);
int virUUIDParse(const char *uuidstr, unsigned char *uuid);
char *virUUIDFormat(const unsigned char *uuid, char *uuidstr);
bool virUUIDIsZero(const unsigned char *uuid);

/* GHashTable callbacks for keys that are raw 16-byte UUIDs. */
guint virUUIDHash(gconstpointer uuid);
gboolean virUUIDEqual(gconstpointer a, gconstpointer b);

#endif /* VIR_UUID_H */
