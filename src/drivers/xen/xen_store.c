/*
 * xen_store.c: domains through xenstore: names, vcpus online, and requests
 * the guest acts on (control/shutdown, control/sysrq); reading and writing
 * a domain's keys for the other parts
 *
 * Each domain's keys live under /local/domain/<id>/.  The guest's kernel
 * watches control/shutdown, control/sysrq, memory/target and
 * cpu/<n>/availability; writing them asks, the guest obeys in its own time.
 */
#include "internal.h"

#include "virerror.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static char *
xenStorePath(unsigned int domid, const char *rel)
{
    return g_strdup_printf("/local/domain/%u/%s", domid, rel);
}

/* Reads @rel: 0 and *@value (the caller's), 1 when the key is not there,
 * -1 with an error. */
int
xenStoreRead(xenHandle *h, unsigned int domid, const char *rel, char **value)
{
    g_autofree char *path = xenStorePath(domid, rel);
    unsigned int len;
    char *raw = xs_read(h->xsh, XBT_NULL, path, &len);

    if (!raw) {
        if (errno == ENOENT)
            return 1;
        xenReportDomainErrno(domid, errno, _("read %s from xenstore"), path);
        return -1;
    }
    *value = g_strndup(raw, len);
    free(raw);          /* libxenstore's malloc */
    return 0;
}

int
xenStoreWrite(xenHandle *h, xs_transaction_t t, unsigned int domid,
              const char *rel, const char *value)
{
    g_autofree char *path = xenStorePath(domid, rel);

    if (!xs_write(h->xsh, t, path, value, strlen(value))) {
        xenReportDomainErrno(domid, errno, _("write '%s' to %s in xenstore"), value, path);
        return -1;
    }
    return 0;
}

/* A number kept in xenstore: 0 and *@value, 1 when the key is missing,
 * -1 with an error. */
int
xenStoreReadNumber(xenHandle *h, unsigned int domid, const char *rel,
                   unsigned long long *value)
{
    g_autofree char *text = NULL;
    guint64 number;
    int rc;

    if ((rc = xenStoreRead(h, domid, rel, &text)) != 0)
        return rc;
    if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &number, NULL)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       _("domain %u: xenstore's %s is '%s', not a number"), domid, rel, text);
        return -1;
    }
    *value = number;
    return 0;
}

char *
xenStoreDomainName(xenHandle *h, unsigned int domid)
{
    xenDomainInfo info;
    char *name = NULL;
    int rc;

    if ((rc = xenStoreRead(h, domid, "name", &name)) == 0)
        return name;
    /* missing: say whether the domain is there at all */
    if (rc == 1 && xenDomctlInfoFor(h, domid, _("read its name"), &info) == 0)
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain %u has no name in xenstore (it was not built by a toolstack)"),
                       domid);
    return NULL;
}

/* All availability keys in one transaction: a guest never sees half of
 * the change.  xenstored answers EAGAIN when another writer raced us. */
static int
xenStoreWriteAvailability(xenHandle *h, unsigned int domid, unsigned int count,
                          unsigned int max)
{
    for (;;) {
        xs_transaction_t t = xs_transaction_start(h->xsh);
        unsigned int v;

        if (t == XBT_NULL) {
            xenReportDomainErrno(domid, errno, "%s", _("start a xenstore transaction"));
            return -1;
        }
        for (v = 0; v < max; v++) {
            g_autofree char *rel = g_strdup_printf("cpu/%u/availability", v);

            if (xenStoreWrite(h, t, domid, rel, v < count ? "online" : "offline") < 0) {
                xs_transaction_end(h->xsh, t, true);
                return -1;
            }
        }
        if (xs_transaction_end(h->xsh, t, false))
            return 0;
        if (errno != EAGAIN) {
            xenReportDomainErrno(domid, errno, _("set %u vcpus online"), count);
            return -1;
        }
    }
}

int
xenStoreSetVcpusOnline(xenHandle *h, unsigned int domid, unsigned int count)
{
    g_autofree char *what = g_strdup_printf(_("set %u vcpus"), count);
    xenDomainInfo info;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    if (count > info.maxVcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot set %u vcpus, its maximum is %u"),
                       domid, count, info.maxVcpus);
        return -1;
    }
    if (count == 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot set 0 vcpus: at least one must stay online"), domid);
        return -1;
    }
    return xenStoreWriteAvailability(h, domid, count, info.maxVcpus);
}

/* the word the guest reads in control/shutdown, and the words for users */
static const struct {
    const char *word;
    const char *text;
} xenRequests[] = {
    [XEN_REQUEST_POWEROFF] = { "poweroff", N_("power off") },
    [XEN_REQUEST_REBOOT] = { "reboot", N_("reboot") },
};
G_STATIC_ASSERT(G_N_ELEMENTS(xenRequests) == XEN_REQUEST_LAST);

/* Whether the guest can act on a request now: it must exist and run; an
 * HVM or PVH guest must have said its PV drivers listen (Linux writes
 * control/feature-poweroff and friends when it sets up its watch). */
static int
xenStoreCheckListener(xenHandle *h, unsigned int domid, const char *what,
                      const char *feature)
{
    g_autofree char *rel = g_strdup_printf("control/feature-%s", feature);
    g_autofree char *flag = NULL;
    xenDomainInfo info;
    int rc;

    if (domid == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain 0: cannot %s: Domain-0 is shut down from inside, not through xenstore"),
                       what);
        return -1;
    }
    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    if (info.shutdown || info.dying) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain %u: cannot %s: it has shut down already (%s)"),
                       domid, what, info.dying ? "dying" :
                       xenShutdownReasonTypeToString(info.shutdownReason));
        return -1;
    }
    if (!info.hvm || !feature)
        return 0;
    if ((rc = xenStoreRead(h, domid, rel, &flag)) < 0)
        return -1;
    if (rc == 1 || STRNEQ(flag, "1")) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain %u: cannot %s: the guest has not announced control/feature-%s (still booting, or no PV drivers)"),
                       domid, what, feature);
        return -1;
    }
    return 0;
}

int
xenStoreShutdown(xenHandle *h, unsigned int domid, xenShutdownRequest request)
{
    const char *word = xenRequests[request].word;
    g_autofree char *what = g_strdup_printf(_("ask it to %s"), _(xenRequests[request].text));

    if (xenStoreCheckListener(h, domid, what, word) < 0)
        return -1;
    return xenStoreWrite(h, XBT_NULL, domid, "control/shutdown", word);
}

int
xenStoreSysrq(xenHandle *h, unsigned int domid, char key)
{
    char value[2] = { key, '\0' };
    g_autofree char *what = g_strdup_printf(_("send it SysRq key '%c'"), key);

    if (!g_ascii_isalnum(key)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot send SysRq key 0x%02x: SysRq keys are letters and digits"),
                       domid, (unsigned char)key);
        return -1;
    }
    if (xenStoreCheckListener(h, domid, what, NULL) < 0)
        return -1;
    return xenStoreWrite(h, XBT_NULL, domid, "control/sysrq", value);
}
