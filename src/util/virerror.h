/*
 * virerror.h: raising errors inside the library
 *
 * Every failure inside the library is recorded with virReportError() in
 * the thread's last error; public entry points call virDispatchError() on
 * the way out, which runs the user's error callbacks.
 */
#ifndef VIR_ERROR_H
# define VIR_ERROR_H

# include "internal.h"

void virReportErrorFull(int domain, int code, const char *file,
                        const char *func, size_t line, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);
/* Like virReportErrorFull(), but the message is the detail alone, without
 * the text of @code: libvirt words the failed argument checks of its
 * public calls so ("memory in virDomainSetMemoryFlags must not be zero"). */
void virReportErrorBareFull(int domain, int code, const char *file,
                            const char *func, size_t line, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);
void virReportSystemErrorFull(int domain, int errnum, const char *file,
                              const char *func, size_t line,
                              const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

/* Each source file defines VIR_FROM_THIS (a virErrorDomain) first. */
# define virReportError(code, ...) \
    virReportErrorFull(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, \
                       __VA_ARGS__)

/* The message is the text given alone (see virReportErrorBareFull()). */
# define virReportErrorBare(code, ...) \
    virReportErrorBareFull(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, \
                           __VA_ARGS__)

/* Like virReportError(VIR_ERR_SYSTEM_ERROR, ...), with ": <strerror>" added. */
# define virReportSystemError(errnum, ...) \
    virReportSystemErrorFull(VIR_FROM_THIS, errnum, __FILE__, __func__, \
                             __LINE__, __VA_ARGS__)

/* An error that should be impossible; the message still names the place. */
# define virReportInvariantError(what) \
    virReportError(VIR_ERR_INTERNAL_ERROR, _("unexpected state in %s: %s"), \
                   __func__, what)

void virDispatchError(virConnectPtr conn);

/* Keep an error across cleanup code that may itself report errors. */
void virErrorPreserveLast(virErrorPtr *saveerr);
void virErrorRestore(virErrorPtr *savederr);

/* The detail of the thread's last error, without the text of its code
 * ("invalid CPU list ..." rather than "invalid argument: invalid CPU list
 * ..."), for wrapping it in a message with more context. */
const char *virErrorDetail(void);

/* True if the thread has an error set. */
bool virErrorIsSet(void);

/* Text for an error domain ("Test Driver"), for messages and logs. */
const char *virErrorDomainName(int domain);

#endif /* VIR_ERROR_H */
