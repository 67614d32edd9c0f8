/*
 * viruuid.c: UUIDs in raw (16 bytes) and printable (36 characters) form
 */
#include "internal.h"

#include <sys/random.h>

#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Fills @uuid with a random (version 4) UUID.  Returns 0, or -1 with an
 * error when the kernel cannot supply random bytes. */
int
virUUIDGenerate(unsigned char *uuid)
{
    size_t got = 0;

    while (got < VIR_UUID_BUFLEN) {
        ssize_t n = getrandom(uuid + got, VIR_UUID_BUFLEN - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            virReportSystemError(errno, "%s", _("cannot get random bytes for a UUID"));
            return -1;
        }
        got += n;
    }
    uuid[6] = (uuid[6] & 0x0F) | 0x40;  /* version 4 */
    uuid[8] = (uuid[8] & 0x3F) | 0x80;  /* RFC 4122 variant */
    return 0;
}

/* Parses a UUID written as 32 hex digits, with or without the four dashes
 * of the canonical form.  Returns 0, or -1 (without reporting an error, so
 * callers can say which input was wrong). */
int
virUUIDParse(const char *uuidstr, unsigned char *uuid)
{
    const char *cur = uuidstr;
    size_t i;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        int hi, lo;

        if (*cur == '-' && (i == 4 || i == 6 || i == 8 || i == 10))
            cur++;
        hi = g_ascii_xdigit_value(cur[0]);
        if (hi < 0)
            return -1;
        lo = g_ascii_xdigit_value(cur[1]);
        if (lo < 0)
            return -1;
        uuid[i] = (hi << 4) | lo;
        cur += 2;
    }
    return *cur == '\0' ? 0 : -1;
}

/* Writes the canonical form of @uuid into @uuidstr, which holds at least
 * VIR_UUID_STRING_BUFLEN bytes, and returns @uuidstr. */
char *
virUUIDFormat(const unsigned char *uuid, char *uuidstr)
{
    static const char hex[] = "0123456789abcdef";
    char *out = uuidstr;
    size_t i;

    for (i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
        *out++ = hex[uuid[i] >> 4];
        *out++ = hex[uuid[i] & 0xF];
    }
    *out = '\0';
    return uuidstr;
}

bool
virUUIDIsZero(const unsigned char *uuid)
{
    static const unsigned char zero[VIR_UUID_BUFLEN];

    return memcmp(uuid, zero, VIR_UUID_BUFLEN) == 0;
}

/* Random UUIDs are already well mixed: their first bytes are the hash. */
guint
virUUIDHash(gconstpointer uuid)
{
    guint32 h[4];

    memcpy(h, uuid, sizeof(h));
    return h[0] ^ h[1] ^ h[2] ^ h[3];
}

gboolean
virUUIDEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN) == 0;
}
