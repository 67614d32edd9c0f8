/*
 * viruri.h: connection URIs, driver[+transport]://[user@][host][:port]/path[?query]
 */
#ifndef VIR_URI_H
# define VIR_URI_H

# include "internal.h"

typedef struct _virURIParam {
    char *name;
    char *value;        /* "" also when the name came without "=" */
    bool bare;          /* the name came without "=": formatted so again */
} virURIParam;

typedef struct _virURI {
    char *scheme;       /* driver part, lower case: "lve" of "lve+unix" */
    char *transport;    /* "unix" of "lve+unix", or NULL */
    char *user;
    char *server;       /* host, or NULL when empty */
    int port;           /* -1 when absent */
    char *path;         /* decoded; "" when absent */
    virURIParam *params;
    size_t nparams;
    char *fragment;
} virURI;

virURI *virURIParse(const char *uri);
char *virURIFormat(const virURI *uri);
void virURIFree(virURI *uri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virURI, virURIFree);

/* The value of a query parameter, or NULL when absent. */
const char *virURIGetParam(const virURI *uri, const char *name);

/* Reports an error for each query parameter not in the NULL-terminated
 * @allowed list, so a misspelt "roto=" is not silently ignored. */
int virURICheckParams(const virURI *uri, const char *const *allowed);

#endif /* VIR_URI_H */
