/*
 * virthread.h: mutexes
 *
 * pthread mutexes rather than GLib's GMutex: GLib implements GMutex with
 * raw futexes on Linux, which ThreadSanitizer cannot see, so every lock
 * would look like a data race to it.  These are as cheap uncontended.
 */
#ifndef VIR_THREAD_H
# define VIR_THREAD_H

# include "internal.h"

# include <pthread.h>

typedef struct {
    pthread_mutex_t lock;
} virMutex;

/* For a static virMutex. */
# define VIR_MUTEX_INITIALIZER { PTHREAD_MUTEX_INITIALIZER }

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

#endif /* VIR_THREAD_H */
