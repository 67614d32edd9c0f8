/*
 * virthread.h: mutexes and condition variables
 *
 * GLib's GMutex and GCond, except under ThreadSanitizer: GLib implements GMutex with
 * raw futexes on Linux, which TSan cannot see (every lock would look like
 * a data race to it), so a TSan build uses pthread mutexes and conditions.  GMutex is the
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
#  include <time.h>

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

typedef struct {
    pthread_cond_t cond;
} virCond;

/* Waits are timed on CLOCK_MONOTONIC, g_get_monotonic_time()'s clock. */
static inline void
virCondInit(virCond *c)
{
    pthread_condattr_t attr;

    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cond, &attr);
    pthread_condattr_destroy(&attr);
}

static inline void
virCondDestroy(virCond *c)
{
    pthread_cond_destroy(&c->cond);
}

static inline void
virCondBroadcast(virCond *c)
{
    pthread_cond_broadcast(&c->cond);
}

/* As g_cond_wait_until(): false once @endTime (g_get_monotonic_time()'s
 * microseconds) has passed, true when woken (or spuriously). */
static inline bool
virCondWaitUntil(virCond *c, virMutex *m, gint64 endTime)
{
    struct timespec ts = {
        .tv_sec = endTime / G_USEC_PER_SEC,
        .tv_nsec = (endTime % G_USEC_PER_SEC) * 1000,
    };

    return pthread_cond_timedwait(&c->cond, &m->lock, &ts) == 0;
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

typedef struct {
    GCond cond;
} virCond;

static inline void
virCondInit(virCond *c)
{
    g_cond_init(&c->cond);
}

static inline void
virCondDestroy(virCond *c)
{
    g_cond_clear(&c->cond);
}

static inline void
virCondBroadcast(virCond *c)
{
    g_cond_broadcast(&c->cond);
}

/* false once @endTime (g_get_monotonic_time()'s microseconds) has passed,
 * true when woken (or spuriously) */
static inline bool
virCondWaitUntil(virCond *c, virMutex *m, gint64 endTime)
{
    return g_cond_wait_until(&c->cond, &m->lock, endTime);
}

# endif /* !VIR_THREAD_PTHREAD */

#endif /* VIR_THREAD_H */
