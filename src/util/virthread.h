/*
 * virthread.h: mutexes
 *
 * GLib's GMutex, except under ThreadSanitizer: GLib implements GMutex with
 * raw futexes on Linux, which TSan cannot see (every lock would look like
 * a data race to it), so a TSan build uses pthread mutexes.  GMutex is the
 * default because it is cheaper uncontended: an atomic exchange inline,
 * where glibc's pthread_mutex_lock and unlock cost some 30 instructions
 * each (a call of virDomainGetInfo takes and drops two locks).
 */
#ifndef VIR_THREAD_H
# define VIR_THREAD_H

# include "internal.h"

# if defined(__SANITIZE_THREAD__)
#  define VIR_THREAD_PTHREAD 1
# elif defined(__has_feature)
#  if __has_feature(thread_sanitizer)
#   define VIR_THREAD_PTHREAD 1
#  endif
# endif

# ifdef VIR_THREAD_PTHREAD
#  include <pthread.h>

typedef struct {
    pthread_mutex_t lock;
} virMutex;

/* For a static virMutex. */
#  define VIR_MUTEX_INITIALIZER { PTHREAD_MUTEX_INITIALIZER }

static inline void
virMutexInit(virMutex *m)
{
    pthread_mutex_init(&m->lock, NULL);
}

static inline void
virMutexDestroy(virMutex *m)
{
    pthread_mutex_destroy(&m->lock);
}

static inline void
virMutexLock(virMutex *m)
{
    pthread_mutex_lock(&m->lock);
}

static inline void
virMutexUnlock(virMutex *m)
{
    pthread_mutex_unlock(&m->lock);
}

# else /* !VIR_THREAD_PTHREAD */

typedef struct {
    GMutex lock;
} virMutex;

/* For a static virMutex: a zeroed GMutex is an unlocked one. */
#  define VIR_MUTEX_INITIALIZER { { 0 } }

static inline void
virMutexInit(virMutex *m)
{
    g_mutex_init(&m->lock);
}

static inline void
virMutexDestroy(virMutex *m)
{
    g_mutex_clear(&m->lock);
}

static inline void
virMutexLock(virMutex *m)
{
    g_mutex_lock(&m->lock);
}

static inline void
virMutexUnlock(virMutex *m)
{
    g_mutex_unlock(&m->lock);
}

# endif /* !VIR_THREAD_PTHREAD */

#endif /* VIR_THREAD_H */
