/*
 * vireventglib.c: the default event loop, on GLib's default main context
 *
 * Each watch or timer is a GSource attached to the default context.  GLib
 * cannot change what a source waits for, so an update replaces the
 * source.  A removed entry is freed (and its free function called) from
 * an idle source of the same context: a callback of it that runs at that
 * moment in the loop's thread finishes first.
 */
#include "internal.h"

#include <glib-unix.h>

#include "vireventglib.h"
#include "virthread.h"

typedef struct {
    int id;
    int fd;                         /* -1 for a timer */
    int events;                     /* a watch's; a timer's period */
    virEventHandleCallback hcb;
    virEventTimeoutCallback tcb;
    void *opaque;
    virFreeCallback ff;
    GSource *source;                /* NULL while disabled */
    bool removed;
} virEventGLibEntry;

static virMutex virEventGLibLock = VIR_MUTEX_INITIALIZER;
static GHashTable *virEventGLibEntries;     /* id -> entry */
static int virEventGLibNextId = 1;

static GIOCondition
virEventGLibToCondition(int events)
{
    GIOCondition cond = 0;

    if (events & VIR_EVENT_HANDLE_READABLE)
        cond |= G_IO_IN;
    if (events & VIR_EVENT_HANDLE_WRITABLE)
        cond |= G_IO_OUT;
    /* errors and hangups are always reported, as poll() does */
    return cond ? cond | G_IO_ERR | G_IO_HUP : 0;
}

static int
virEventGLibFromCondition(GIOCondition cond)
{
    return ((cond & G_IO_IN) ? VIR_EVENT_HANDLE_READABLE : 0) |
           ((cond & G_IO_OUT) ? VIR_EVENT_HANDLE_WRITABLE : 0) |
           ((cond & G_IO_ERR) ? VIR_EVENT_HANDLE_ERROR : 0) |
           ((cond & G_IO_HUP) ? VIR_EVENT_HANDLE_HANGUP : 0);
}

/* The callback of a live entry, read under the lock: another thread may
 * remove the entry meanwhile, but not free it before this dispatch ends. */
static bool
virEventGLibTake(virEventGLibEntry *entry, int *id, void **opaque)
{
    bool live;

    virMutexLock(&virEventGLibLock);
    live = !entry->removed;
    *id = entry->id;
    *opaque = entry->opaque;
    virMutexUnlock(&virEventGLibLock);
    return live;
}

static gboolean
virEventGLibDispatchHandle(gint fd, GIOCondition cond, gpointer data)
{
    virEventGLibEntry *entry = data;
    void *opaque;
    int id;

    if (virEventGLibTake(entry, &id, &opaque))
        entry->hcb(id, fd, virEventGLibFromCondition(cond), opaque);
    return G_SOURCE_CONTINUE;
}

static gboolean
virEventGLibDispatchTimeout(gpointer data)
{
    virEventGLibEntry *entry = data;
    void *opaque;
    int id;

    if (virEventGLibTake(entry, &id, &opaque))
        entry->tcb(id, opaque);
    return G_SOURCE_CONTINUE;
}

/* With the lock held: the entry's source for what it waits for now. */
static void
virEventGLibArm(virEventGLibEntry *entry)
{
    if (entry->source) {
        g_source_destroy(entry->source);
        g_clear_pointer(&entry->source, g_source_unref);
    }
    if (entry->fd >= 0) {
        GIOCondition cond = virEventGLibToCondition(entry->events);

        if (!cond)
            return;
        entry->source = g_unix_fd_source_new(entry->fd, cond);
        g_source_set_callback(entry->source, (GSourceFunc)(void (*)(void))virEventGLibDispatchHandle,
                              entry, NULL);
    } else {
        if (entry->events < 0)
            return;
        entry->source = g_timeout_source_new(entry->events);
        g_source_set_callback(entry->source, virEventGLibDispatchTimeout, entry, NULL);
    }
    g_source_attach(entry->source, NULL);
}

static int
virEventGLibAdd(virEventGLibEntry *entry)
{
    virMutexLock(&virEventGLibLock);
    if (!virEventGLibEntries)
        virEventGLibEntries = g_hash_table_new(g_direct_hash, g_direct_equal);
    entry->id = virEventGLibNextId++;
    g_hash_table_insert(virEventGLibEntries, GINT_TO_POINTER(entry->id), entry);
    virEventGLibArm(entry);
    virMutexUnlock(&virEventGLibLock);
    return entry->id;
}

static void
virEventGLibUpdate(int id, bool watch, int events)
{
    virEventGLibEntry *entry;

    virMutexLock(&virEventGLibLock);
    entry = virEventGLibEntries ? g_hash_table_lookup(virEventGLibEntries,
                                                      GINT_TO_POINTER(id)) : NULL;
    if (entry && (entry->fd >= 0) == watch) {
        entry->events = events;
        virEventGLibArm(entry);
    }
    virMutexUnlock(&virEventGLibLock);
}

static gboolean
virEventGLibFreeEntry(gpointer data)
{
    virEventGLibEntry *entry = data;

    if (entry->ff)
        entry->ff(entry->opaque);
    g_free(entry);
    return G_SOURCE_REMOVE;
}

static int
virEventGLibRemove(int id, bool watch)
{
    virEventGLibEntry *entry;
    GSource *idle;

    virMutexLock(&virEventGLibLock);
    entry = virEventGLibEntries ? g_hash_table_lookup(virEventGLibEntries,
                                                      GINT_TO_POINTER(id)) : NULL;
    if (!entry || (entry->fd >= 0) != watch) {
        virMutexUnlock(&virEventGLibLock);
        return -1;
    }
    g_hash_table_remove(virEventGLibEntries, GINT_TO_POINTER(id));
    entry->removed = true;
    entry->events = watch ? 0 : -1;
    virEventGLibArm(entry);
    virMutexUnlock(&virEventGLibLock);

    idle = g_idle_source_new();
    g_source_set_callback(idle, virEventGLibFreeEntry, entry, NULL);
    g_source_attach(idle, NULL);
    g_source_unref(idle);
    return 0;
}

int
virEventGLibAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                      virFreeCallback ff)
{
    virEventGLibEntry *entry = g_new0(virEventGLibEntry, 1);

    if (fd < 0) {
        g_free(entry);
        return -1;
    }
    entry->fd = fd;
    entry->events = events;
    entry->hcb = cb;
    entry->opaque = opaque;
    entry->ff = ff;
    return virEventGLibAdd(entry);
}

void
virEventGLibUpdateHandle(int watch, int events)
{
    virEventGLibUpdate(watch, true, events);
}

int
virEventGLibRemoveHandle(int watch)
{
    return virEventGLibRemove(watch, true);
}

int
virEventGLibAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff)
{
    virEventGLibEntry *entry = g_new0(virEventGLibEntry, 1);

    entry->fd = -1;
    entry->events = frequency;
    entry->tcb = cb;
    entry->opaque = opaque;
    entry->ff = ff;
    return virEventGLibAdd(entry);
}

void
virEventGLibUpdateTimeout(int timer, int frequency)
{
    virEventGLibUpdate(timer, false, frequency);
}

int
virEventGLibRemoveTimeout(int timer)
{
    return virEventGLibRemove(timer, false);
}
