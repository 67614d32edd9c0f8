/*
 * virtkit-lvectl.c: CloudLinux lvectl's commands and output on virtkit's
 * public API
 *
 *   virtkit-lvectl [-c URI] [--json] list
 *   virtkit-lvectl [-c URI] [--json] limits ID|default|all
 *   virtkit-lvectl [-c URI] set ID [--speed=N%] [--pmem=SIZE] [--vmem=SIZE]
 *                  [--nproc=N] [--ep=N] [--io=KB/s] [--iops=N]
 *   virtkit-lvectl [-c URI] set-default [the same limit options]
 *   virtkit-lvectl [-c URI] apply ID|all
 *   virtkit-lvectl [-c URI] destroy ID|all
 *
 * An LVE is a domain of the lve driver; its id is the LVE id.  The limits
 * map onto the public calls a libvirt program would use: speed is the
 * scheduler parameter "speed", pmem and vmem the memtune hard_limit and
 * swap_hard_limit, io and iops the blkiotune parameters, the defaults the
 * node memory parameters lve_default_*.  nproc and ep have no generic
 * tunable: they are written in the domain's <lve:limits> and defined.
 *
 * Only the public library is linked (as virtsh), so the program works on
 * whatever backend the URI opens: liblve or cgroups.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <virt/virt.h>

#include "lvectl-limits.h"
#include "tool-error.h"

#define LVECTL_DEFAULT_URI "lve:///system"

typedef struct {
    virConnectPtr conn;
    bool json;
    lvectlValues opts;      /* the limit options given */
} lvectlControl;

/* The library's last error, after what was being done. */
static void
lvectlLibError(const char *what)
{
    toolError("%s: %s", what, virGetLastErrorMessage());
}

/* ---- finding LVEs by id -------------------------------------------- */

/* The LVE id of @dom: a running domain says it; a defined one that does
 * not run keeps it in its definition (LVE ids are fixed). */
static int
lvectlDomainLveId(virDomainPtr dom, unsigned int *id)
{
    g_autofree char *xml = NULL;
    g_autofree char *prop = NULL;
    xmlDocPtr doc;
    unsigned int running = virDomainGetID(dom);

    if (running != (unsigned int)-1) {
        *id = running;
        return 0;
    }
    if (!(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)))
        return -1;
    if (!(doc = xmlReadMemory(xml, strlen(xml), NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR)))
        return -1;
    prop = (char *)xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "id");
    xmlFreeDoc(doc);
    return prop && lvectlParseId(prop, id) == 0 ? 0 : -1;
}

static gint
lvectlCompareIds(gconstpointer a, gconstpointer b)
{
    const lvectlLve *x = a, *y = b;

    return x->id < y->id ? -1 : x->id > y->id;
}

/* Every LVE of the connection, by id; NULL after reporting. */
static GArray *
lvectlListLves(virConnectPtr conn)
{
    GArray *lves = g_array_new(FALSE, FALSE, sizeof(lvectlLve));
    virDomainPtr *doms = NULL;
    int n, i;

    if ((n = virConnectListAllDomains(conn, &doms, 0)) < 0) {
        lvectlLibError("cannot list the LVEs");
        g_array_free(lves, TRUE);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        lvectlLve lve = { .dom = doms[i] };

        if (lvectlDomainLveId(doms[i], &lve.id) < 0) {
            virDomainFree(doms[i]);     /* not an LVE we can name */
            continue;
        }
        g_array_append_val(lves, lve);
    }
    free(doms);
    g_array_sort(lves, lvectlCompareIds);
    return lves;
}

static void
lvectlFreeLves(GArray *lves)
{
    guint i;

    for (i = 0; lves && i < lves->len; i++)
        virDomainFree(g_array_index(lves, lvectlLve, i).dom);
    if (lves)
        g_array_free(lves, TRUE);
}

/* The LVE with id @arg (or, as virsh takes it, a domain name). */
static virDomainPtr
lvectlLookup(virConnectPtr conn, const char *arg, bool quiet)
{
    g_autoptr(GArray) lves = NULL;
    virDomainPtr dom = NULL;
    unsigned int id;
    guint i;

    if (lvectlParseId(arg, &id) < 0) {
        if (!(dom = virDomainLookupByName(conn, arg)) && !quiet)
            lvectlLibError(arg);
        return dom;
    }
    if (!(lves = lvectlListLves(conn)))
        return NULL;
    for (i = 0; i < lves->len; i++) {
        lvectlLve *lve = &g_array_index(lves, lvectlLve, i);

        if (lve->id == id && !dom)
            dom = lve->dom;
        else
            virDomainFree(lve->dom);
    }
    if (!dom && !quiet)
        toolError("no LVE with id %u", id);
    return dom;
}

/* ---- list and limits ----------------------------------------------- */

static bool
lvectlPrintRows(lvectlControl *ctl, GPtrArray *rows)
{
    g_autoptr(GString) out = g_string_new(NULL);

    if (ctl->json)
        lvectlFormatJSON(out, rows);
    else
        lvectlFormatTable(out, rows);
    fputs(out->str, stdout);
    return true;
}

/* The default row, then one per LVE in @lves (or only @only). */
static bool
lvectlShow(lvectlControl *ctl, bool withDefault, virDomainPtr only)
{
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
    GArray *lves = NULL;
    lvectlValues defaults;
    bool ok = false;
    guint i;

    if (lvectlGetDefaults(ctl->conn, &defaults) < 0) {
        lvectlLibError("cannot read the default limits");
        return false;
    }
    if (withDefault)
        g_ptr_array_add(rows, lvectlRowNew("default", &defaults));
    if (only) {
        lvectlValues v;
        unsigned int id;

        if (lvectlDomainLveId(only, &id) < 0) {
            lvectlLibError("cannot read the LVE id");
            return false;
        }
        if (lvectlGetLimits(only, &defaults, &v) < 0) {
            g_autofree char *what = g_strdup_printf("cannot read the limits of LVE %u", id);

            lvectlLibError(what);
            return false;
        }
        g_ptr_array_add(rows, lvectlRowNewId(id, &v));
        return lvectlPrintRows(ctl, rows);
    }
    if (!(lves = lvectlListLves(ctl->conn)))
        return false;
    for (i = 0; i < lves->len; i++) {
        lvectlLve *lve = &g_array_index(lves, lvectlLve, i);
        lvectlValues v;

        if (lvectlGetLimits(lve->dom, &defaults, &v) < 0) {
            g_autofree char *what = g_strdup_printf("cannot read the limits of LVE %u",
                                                    lve->id);

            lvectlLibError(what);
            goto cleanup;
        }
        g_ptr_array_add(rows, lvectlRowNewId(lve->id, &v));
    }
    ok = lvectlPrintRows(ctl, rows);
 cleanup:
    lvectlFreeLves(lves);
    return ok;
}

static bool
cmdList(lvectlControl *ctl, int argc, char **argv G_GNUC_UNUSED)
{
    if (argc != 0) {
        toolError("list takes no argument");
        return false;
    }
    return lvectlShow(ctl, true, NULL);
}

static bool
cmdLimits(lvectlControl *ctl, int argc, char **argv)
{
    virDomainPtr dom;
    bool ok;

    if (argc != 1) {
        toolError("limits takes one argument: an LVE id, 'default' or 'all'");
        return false;
    }
    if (g_str_equal(argv[0], "all"))
        return lvectlShow(ctl, true, NULL);
    if (g_str_equal(argv[0], "default")) {
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
        lvectlValues defaults;

        if (lvectlGetDefaults(ctl->conn, &defaults) < 0) {
            lvectlLibError("cannot read the default limits");
            return false;
        }
        g_ptr_array_add(rows, lvectlRowNew("default", &defaults));
        return lvectlPrintRows(ctl, rows);
    }
    if (!(dom = lvectlLookup(ctl->conn, argv[0], false)))
        return false;
    ok = lvectlShow(ctl, false, dom);
    virDomainFree(dom);
    return ok;
}

/* ---- set and set-default ------------------------------------------- */

/* A new persistent LVE for @id that follows the defaults in everything
 * but what is set next.  Its memory maximum and its vcpus (ncpu) are the
 * host's, so that neither limits it more than lvectl would: any pmem the
 * host has can be given, and speed alone limits its CPU. */
static virDomainPtr
lvectlDefineNew(virConnectPtr conn, unsigned int id)
{
    g_autofree char *xml = NULL;
    g_autofree char *current = NULL;
    lvectlValues defaults;
    virNodeInfo info;
    virDomainPtr dom;

    if (virNodeGetInfo(conn, &info) < 0 || lvectlGetDefaults(conn, &defaults) < 0) {
        lvectlLibError("cannot read the host's memory and the default limits");
        return NULL;
    }
    /* pmem is the current memory, which every definition has: a new LVE
     * starts with the default's, as lvectl gives it */
    if (defaults.value[LVECTL_PMEM] && defaults.value[LVECTL_PMEM] < info.memory)
        current = g_strdup_printf("  <currentMemory unit='KiB'>%llu</currentMemory>\n",
                                  defaults.value[LVECTL_PMEM]);
    xml = g_strdup_printf("<domain type='lve' id='%u'>\n"
                          "  <name>lve%u</name>\n"
                          "  <memory unit='KiB'>%lu</memory>\n"
                          "%s"
                          "  <vcpu>%u</vcpu>\n"
                          "</domain>\n", id, id, info.memory, current ? current : "",
                          info.cpus);
    if (!(dom = virDomainDefineXML(conn, xml)))
        lvectlLibError("cannot define a new LVE");
    return dom;
}

static bool
cmdSet(lvectlControl *ctl, int argc, char **argv)
{
    virDomainPtr dom;
    unsigned int id;
    bool ok;

    if (argc != 1) {
        toolError("set takes one argument: an LVE id");
        return false;
    }
    if (lvectlParseId(argv[0], &id) < 0) {
        toolError("'%s' is not an LVE id: set takes a number", argv[0]);
        return false;
    }
    if (ctl->opts.set == 0) {
        toolError("set needs at least one limit: --speed, --pmem, --vmem, --nproc, --ep, --io or --iops");
        return false;
    }
    if (!(dom = lvectlLookup(ctl->conn, argv[0], true)) &&
        !(dom = lvectlDefineNew(ctl->conn, id)))
        return false;
    if (!(ok = lvectlSetLimits(dom, &ctl->opts) == 0)) {
        g_autofree char *what = g_strdup_printf("cannot set the limits of LVE %u", id);

        lvectlLibError(what);
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmdSetDefault(lvectlControl *ctl, int argc, char **argv G_GNUC_UNUSED)
{
    if (argc != 0) {
        toolError("set-default takes no argument, only limits");
        return false;
    }
    if (ctl->opts.set == 0) {
        toolError("set-default needs at least one limit: --speed, --pmem, --vmem, --nproc, --ep, --io or --iops");
        return false;
    }
    if (lvectlSetDefaults(ctl->conn, &ctl->opts) < 0) {
        lvectlLibError("cannot set the default limits");
        return false;
    }
    return true;
}

/* ---- apply and destroy --------------------------------------------- */

typedef bool (*lvectlAction)(virDomainPtr dom, unsigned int id, bool all);

/* A defined LVE that does not run is created in the kernel; one that
 * runs gets the limits of its configuration. */
static bool
lvectlApplyOne(virDomainPtr dom, unsigned int id, bool all G_GNUC_UNUSED)
{
    int active = virDomainIsActive(dom);

    if (active < 0 ||
        (active == 0 && virDomainCreate(dom) < 0) ||
        (active == 1 && lvectlApplyConfig(dom) < 0)) {
        g_autofree char *what = g_strdup_printf("cannot apply the limits of LVE %u", id);

        lvectlLibError(what);
        return false;
    }
    return true;
}

/* "destroy all" passes over LVEs that do not run. */
static bool
lvectlDestroyOne(virDomainPtr dom, unsigned int id, bool all)
{
    if (all && virDomainIsActive(dom) == 0)
        return true;
    if (virDomainDestroy(dom) < 0) {
        g_autofree char *what = g_strdup_printf("cannot destroy LVE %u", id);

        lvectlLibError(what);
        return false;
    }
    return true;
}

static bool
lvectlForEach(lvectlControl *ctl, const char *cmd, int argc, char **argv, lvectlAction action)
{
    GArray *lves;
    virDomainPtr dom;
    unsigned int id;
    bool ok = true;
    guint i;

    if (argc != 1) {
        toolError("%s takes one argument: an LVE id or 'all'", cmd);
        return false;
    }
    if (!g_str_equal(argv[0], "all")) {
        if (!(dom = lvectlLookup(ctl->conn, argv[0], false)))
            return false;
        ok = lvectlDomainLveId(dom, &id) == 0 && action(dom, id, false);
        virDomainFree(dom);
        return ok;
    }
    if (!(lves = lvectlListLves(ctl->conn)))
        return false;
    for (i = 0; i < lves->len; i++) {
        lvectlLve *lve = &g_array_index(lves, lvectlLve, i);

        /* one that fails does not stop the others */
        if (!action(lve->dom, lve->id, true))
            ok = false;
    }
    lvectlFreeLves(lves);
    return ok;
}

static bool
cmdApply(lvectlControl *ctl, int argc, char **argv)
{
    return lvectlForEach(ctl, "apply", argc, argv, lvectlApplyOne);
}

static bool
cmdDestroy(lvectlControl *ctl, int argc, char **argv)
{
    return lvectlForEach(ctl, "destroy", argc, argv, lvectlDestroyOne);
}

/* ---- main ---------------------------------------------------------- */

static void
lvectlSilence(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

static const struct {
    const char *name;
    bool (*handler)(lvectlControl *ctl, int argc, char **argv);
    bool takesLimits;
} lvectlCommands[] = {
    { "list", cmdList, false },
    { "limits", cmdLimits, false },
    { "set", cmdSet, true },
    { "set-default", cmdSetDefault, true },
    { "apply", cmdApply, false },
    { "destroy", cmdDestroy, false },
};

static void
lvectlUsage(FILE *out)
{
    fputs("usage: virtkit-lvectl [-c URI] [--json] COMMAND [ID] [LIMITS]\n"
          "\n"
          "commands:\n"
          "  list                  the default limits and those of every LVE\n"
          "  limits ID|default|all the limits of one LVE, of the default, or all\n"
          "  set ID LIMITS         set limits of LVE ID (defined if it is new)\n"
          "  set-default LIMITS    set the limits LVEs get when they do not set them\n"
          "  apply ID|all          start defined LVEs, give running ones their configuration\n"
          "  destroy ID|all        destroy running LVEs (their configuration stays)\n"
          "\n"
          "limits:\n"
          "  --speed=N%            CPU, % of one core (0: unlimited)\n"
          "  --pmem=SIZE           physical memory: K, M, G, T (a plain number is KiB)\n"
          "  --vmem=SIZE           virtual memory\n"
          "  --nproc=N             processes and threads\n"
          "  --ep=N                entry processes (also --maxEntryProcs)\n"
          "  --io=N                I/O, KB/s\n"
          "  --iops=N              I/O operations per second\n"
          "\n"
          "options:\n"
          "  -c, --connect=URI     the LVE driver to use (default " LVECTL_DEFAULT_URI ")\n"
          "      --json            print list and limits as JSON\n"
          "  -h, --help            this help\n", out);
}

enum {
    OPT_JSON = 256,
    OPT_LIMIT,      /* + the limit's index */
};

static const struct option lvectlOptions[] = {
    { "connect", required_argument, NULL, 'c' },
    { "json", no_argument, NULL, OPT_JSON },
    { "help", no_argument, NULL, 'h' },
    { "speed", required_argument, NULL, OPT_LIMIT + LVECTL_SPEED },
    { "pmem", required_argument, NULL, OPT_LIMIT + LVECTL_PMEM },
    { "vmem", required_argument, NULL, OPT_LIMIT + LVECTL_VMEM },
    { "ep", required_argument, NULL, OPT_LIMIT + LVECTL_EP },
    { "maxEntryProcs", required_argument, NULL, OPT_LIMIT + LVECTL_EP },
    { "nproc", required_argument, NULL, OPT_LIMIT + LVECTL_NPROC },
    { "io", required_argument, NULL, OPT_LIMIT + LVECTL_IO },
    { "iops", required_argument, NULL, OPT_LIMIT + LVECTL_IOPS },
    { NULL, 0, NULL, 0 },
};

int
main(int argc, char **argv)
{
    lvectlControl ctl = { 0 };
    const char *uri = NULL;
    bool limitsGiven = false;
    size_t i;
    int c;
    bool ok;

    /* errors are printed once, by this program, with what failed */
    virSetErrorFunc(NULL, lvectlSilence);

    /* options may come before or after the command and its id, as
     * lvectl's do: getopt puts the operands last */
    while ((c = getopt_long(argc, argv, "c:h", lvectlOptions, NULL)) != -1) {
        switch (c) {
        case 'c':
            uri = optarg;
            break;
        case OPT_JSON:
            ctl.json = true;
            break;
        case 'h':
            lvectlUsage(stdout);
            return EXIT_SUCCESS;
        default:
            if (c >= OPT_LIMIT && c < OPT_LIMIT + LVECTL_LAST) {
                if (lvectlParseOption(c - OPT_LIMIT, optarg, &ctl.opts) < 0)
                    return EXIT_FAILURE;
                limitsGiven = true;
                break;
            }
            lvectlUsage(stderr);
            return EXIT_FAILURE;
        }
    }
    if (optind >= argc) {
        lvectlUsage(stderr);
        return EXIT_FAILURE;
    }
    for (i = 0; i < G_N_ELEMENTS(lvectlCommands); i++) {
        if (g_str_equal(argv[optind], lvectlCommands[i].name))
            break;
    }
    if (i == G_N_ELEMENTS(lvectlCommands)) {
        toolError("unknown command '%s' (known: list, limits, set, set-default, apply, destroy)",
                    argv[optind]);
        return EXIT_FAILURE;
    }
    if (limitsGiven && !lvectlCommands[i].takesLimits) {
        toolError("%s takes no limit options", lvectlCommands[i].name);
        return EXIT_FAILURE;
    }
    if (!(ctl.conn = virConnectOpen(uri ? uri : LVECTL_DEFAULT_URI))) {
        lvectlLibError(uri ? uri : LVECTL_DEFAULT_URI);
        return EXIT_FAILURE;
    }
    ok = lvectlCommands[i].handler(&ctl, argc - optind - 1, argv + optind + 1);
    virConnectClose(ctl.conn);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
