/*
 * relutils.c: the fixture and snapshots the reliability suites share
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "relutils.h"

static const char relWebXML[] =
    "<domain type='test'>\n"
    "  <name>web</name>\n"
    "  <uuid>3c7a5d2e-1b4f-4a6d-9e8c-0f1e2d3c4b5a</uuid>\n"
    "  <title>front end</title>\n"
    "  <memory unit='MiB'>512</memory>\n"
    "  <currentMemory unit='MiB'>256</currentMemory>\n"
    "  <memtune><hard_limit unit='MiB'>400</hard_limit></memtune>\n"
    "  <blkiotune><weight>500</weight></blkiotune>\n"
    "  <vcpu cpuset='0-7' current='2'>4</vcpu>\n"
    "  <cputune><shares>1024</shares><vcpupin vcpu='1' cpuset='2-3'/></cputune>\n"
    "  <os><type arch='i686'>hvm</type></os>\n"
    "  <devices>\n"
    "    <disk type='file' device='disk'>\n"
    "      <source file='/var/lib/web.img'/><target dev='vda' bus='virtio'/>\n"
    "    </disk>\n"
    "    <interface type='network'><source network='default'/></interface>\n"
    "  </devices>\n"
    "</domain>\n";

#define REL_SMALL_XML(name) \
    "<domain type='test'><name>" name "</name><memory unit='MiB'>64</memory>" \
    "<vcpu>2</vcpu><os><type>hvm</type></os></domain>"

static virDomainPtr
relDefine(virConnectPtr conn, const char *xml)
{
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_msg(dom != NULL, "fixture: %s", virGetLastErrorMessage());
    return dom;
}

void
relFixtureInit(relFixture *fx)
{
    virDomainPtr dom;

    fx->root = testMakeTempDir("rel");
    fx->uri = g_strdup_printf("test:///embed?root=%s", fx->root);
    fx->conn = virConnectOpen(fx->uri);
    ck_assert_msg(fx->conn != NULL, "%s: %s", fx->uri, virGetLastErrorMessage());

    dom = relDefine(fx->conn, relWebXML);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    virDomainFree(dom);
    dom = relDefine(fx->conn, REL_SMALL_XML("db"));
    ck_assert_int_eq(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), 0);
    virDomainFree(dom);
    dom = relDefine(fx->conn, REL_SMALL_XML("idle"));
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    virDomainFree(dom);
    dom = relDefine(fx->conn, REL_SMALL_XML("saved"));
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainManagedSave(dom, 0), 0);
    virDomainFree(dom);
    dom = virDomainCreateXML(fx->conn, REL_SMALL_XML("tmp"), 0);
    ck_assert_msg(dom != NULL, "fixture: %s", virGetLastErrorMessage());
    virDomainFree(dom);
}

void
relFixtureClear(relFixture *fx)
{
    /* every handle the test took is back: the connection really closes */
    ck_assert_int_eq(virConnectClose(fx->conn), 0);
    testRemoveTree(fx->root);
    g_free(fx->root);
    g_free(fx->uri);
}

virDomainPtr
relLookup(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    ck_assert_msg(dom != NULL, "no domain '%s': %s", name, virGetLastErrorMessage());
    return dom;
}

static int
relCompareDomains(const void *a, const void *b)
{
    return strcmp(virDomainGetName(*(virDomainPtr const *)a),
                  virDomainGetName(*(virDomainPtr const *)b));
}

static void
relSnapshotDomain(GString *out, virDomainPtr dom)
{
    int state = -1, reason = -1, autostart = -1;
    char *live = virDomainGetXMLDesc(dom, 0);
    char *inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);

    virDomainGetState(dom, &state, &reason, 0);
    virDomainGetAutostart(dom, &autostart);
    g_string_append_printf(out, "== %s id=%d state=%d/%d active=%d persistent=%d updated=%d "
                           "autostart=%d managedsave=%d\n%s%s",
                           virDomainGetName(dom), (int)virDomainGetID(dom), state, reason,
                           virDomainIsActive(dom), virDomainIsPersistent(dom),
                           virDomainIsUpdated(dom), autostart,
                           virDomainHasManagedSaveImage(dom, 0), REL_NULLSTR(live),
                           REL_NULLSTR(inactive));
    free(live);
    free(inactive);
}

static void
relSnapshotNode(GString *out, virConnectPtr conn)
{
    virTypedParameter params[16];
    int n = G_N_ELEMENTS(params), i;

    memset(params, 0, sizeof(params));
    if (virNodeGetMemoryParameters(conn, params, &n, 0) < 0)
        n = 0;
    for (i = 0; i < n; i++)
        g_string_append_printf(out, "node %s=%llu\n", params[i].field,
                               params[i].type == VIR_TYPED_PARAM_UINT ? params[i].value.ui :
                               params[i].value.ul);
}

char *
relSnapshot(virConnectPtr conn)
{
    GString *out = g_string_new(NULL);
    virDomainPtr *doms = NULL;
    int n, i;

    n = virConnectListAllDomains(conn, &doms, 0);
    g_string_append_printf(out, "domains=%d active=%d defined=%d\n", n,
                           virConnectNumOfDomains(conn), virConnectNumOfDefinedDomains(conn));
    if (n > 0)
        qsort(doms, n, sizeof(*doms), relCompareDomains);
    for (i = 0; i < n; i++) {
        relSnapshotDomain(out, doms[i]);
        virDomainFree(doms[i]);
    }
    free(doms);
    relSnapshotNode(out, conn);
    return g_string_free(out, FALSE);
}

static gint
relCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
relTreeWalk(GString *out, const char *path, const char *rel)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    guint i;

    if (!dir)
        return;
    while ((name = g_dir_read_name(dir)))
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, relCompareNames);
    for (i = 0; i < names->len; i++) {
        const char *entry = g_ptr_array_index(names, i);
        g_autofree char *child = g_build_filename(path, entry, NULL);
        g_autofree char *childrel = g_build_filename(rel, entry, NULL);
        g_autofree char *data = NULL;
        struct stat sb;

        if (lstat(child, &sb) < 0)
            continue;
        g_string_append_printf(out, "%s %o", childrel, (unsigned int)sb.st_mode);
        if (S_ISLNK(sb.st_mode)) {
            g_autofree char *target = g_file_read_link(child, NULL);

            g_string_append_printf(out, " -> %s\n", REL_NULLSTR(target));
        } else if (S_ISDIR(sb.st_mode)) {
            g_string_append_c(out, '\n');
            relTreeWalk(out, child, childrel);
        } else if (!S_ISREG(sb.st_mode)) {
            g_string_append_c(out, '\n');     /* a FIFO: opening it would wait */
        } else if (g_file_get_contents(child, &data, NULL, NULL)) {
            g_string_append_printf(out, "\n%s\n", data);
        }
    }
}

char *
relTreeSnapshot(const char *root)
{
    GString *out = g_string_new(NULL);

    relTreeWalk(out, root, ".");
    return g_string_free(out, FALSE);
}

char *
relFixtureSnapshot(relFixture *fx)
{
    g_autofree char *model = relSnapshot(fx->conn);
    g_autofree char *tree = relTreeSnapshot(fx->root);

    return g_strconcat(model, "---- files\n", tree, NULL);
}

void
relAssertUnchanged(const char *file, int line, const char *before, const char *after,
                   const char *what)
{
    g_auto(GStrv) a = NULL;
    g_auto(GStrv) b = NULL;
    size_t i;

    if (strcmp(before, after) == 0)
        return;
    /* the first line that differs: check's messages are short */
    a = g_strsplit(before, "\n", -1);
    b = g_strsplit(after, "\n", -1);
    for (i = 0; a[i] && b[i] && strcmp(a[i], b[i]) == 0; i++)
        ;
    fprintf(stderr, "%s:%d: %s changed the state:\n--- before\n%s\n--- after\n%s\n",
            file, line, what, before, after);
    ck_abort_msg("%s:%d: %s changed the state: '%.200s' became '%.200s'", file, line, what,
                 a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
}

unsigned int
relEnvUInt(const char *name, unsigned int def)
{
    const char *str = g_getenv(name);
    char *end;
    unsigned long v;

    /* strtoul, not g_ascii_string_to_unsigned(): that one sets up GLib's
     * C locale, which stresstest's first-parse race needs untouched */
    if (!str || !g_ascii_isdigit(*str))
        return def;
    errno = 0;
    v = strtoul(str, &end, 10);
    if (errno || *end || v == 0 || v > G_MAXUINT)
        return def;
    return v;
}

bool
relListNames(int argc, char **argv, const char *const *names, size_t n)
{
    size_t i;

    if (argc != 2 || strcmp(argv[1], "--list") != 0)
        return false;
    for (i = 0; i < n; i++)
        printf("%s\n", names[i]);
    return true;
}
