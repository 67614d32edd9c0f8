/*
 * vssim_members.c: context membership by records and ancestry
 */
#include "internal.h"

#include "vssim_members.h"
#include "vssim_proc.h"

typedef struct {
    unsigned long long start;
    uint32_t id;
} vssimMember;

struct _vssimMembers {
    GHashTable *byPid;              /* pid -> vssimMember */
};

vssimMembers *
vssimMembersNew(void)
{
    vssimMembers *m = g_new0(vssimMembers, 1);

    m->byPid = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    return m;
}

void
vssimMembersFree(vssimMembers *m)
{
    if (!m)
        return;
    g_hash_table_unref(m->byPid);
    g_free(m);
}

void
vssimMembersAdd(vssimMembers *m, pid_t pid, uint32_t id)
{
    vssimMember *rec = g_new0(vssimMember, 1);

    rec->start = vssimProcStartTime(pid);
    rec->id = id;
    g_hash_table_insert(m->byPid, GINT_TO_POINTER(pid), rec);
}

/* The record of @pid, if it is about this very process. */
static vssimMember *
vssimMembersRecord(vssimMembers *m, pid_t pid, unsigned long long start)
{
    vssimMember *rec = g_hash_table_lookup(m->byPid, GINT_TO_POINTER(pid));

    if (rec && rec->start != start) {
        /* the pid was reused: the record is of a process long gone */
        g_hash_table_remove(m->byPid, GINT_TO_POINTER(pid));
        return NULL;
    }
    return rec;
}

uint32_t
vssimMembersOf(vssimMembers *m, pid_t pid)
{
    g_autoptr(GArray) walked = g_array_new(FALSE, FALSE, sizeof(pid_t));
    uint32_t id = 0;
    pid_t cur = pid;
    size_t i;

    while (cur > 1) {
        unsigned long long start = vssimProcStartTime(cur);
        vssimProcStatus st;
        vssimMember *rec;

        if (!start)
            break;
        if ((rec = vssimMembersRecord(m, cur, start))) {
            id = rec->id;
            break;
        }
        g_array_append_val(walked, cur);
        if (vssimProcReadStatus(cur, &st) < 0)
            break;
        cur = st.ppid;
    }
    /* remember the descendants found, so that they stay members when the
     * ancestor that made them so exits */
    for (i = 0; id && i < walked->len; i++)
        vssimMembersAdd(m, g_array_index(walked, pid_t, i), id);
    return id;
}

GArray *
vssimMembersList(vssimMembers *m, uint32_t id)
{
    g_autoptr(GArray) all = vssimProcListAll();
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    size_t i;

    for (i = 0; i < all->len; i++) {
        pid_t pid = g_array_index(all, pid_t, i);
        vssimProcStatus st;

        /* a zombie has left its context: it only waits for its parent */
        if (vssimMembersOf(m, pid) == id && vssimProcReadStatus(pid, &st) == 0 &&
            st.state != 'Z')
            g_array_append_val(pids, pid);
    }
    return pids;
}

void
vssimMembersForget(vssimMembers *m, uint32_t id)
{
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init(&iter, m->byPid);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        if (((vssimMember *)value)->id == id)
            g_hash_table_iter_remove(&iter);
    }
}
