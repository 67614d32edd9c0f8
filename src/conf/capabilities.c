/*
 * capabilities.c: the capabilities XML of a host and a driver
 */
#include "internal.h"

#include "capabilities.h"
#include "virxml.h"

static void
virCapabilitiesFormatCell(GString *buf, const virNodeInfo *node, unsigned int cell)
{
    unsigned int percell = node->sockets * node->cores * node->threads;
    unsigned int socket, core, thread;

    g_string_append_printf(buf, "        <cell id='%u'>\n", cell);
    g_string_append_printf(buf, "          <memory unit='KiB'>%lu</memory>\n",
                           node->memory / node->nodes);
    g_string_append_printf(buf, "          <cpus num='%u'>\n", percell);
    for (socket = 0; socket < node->sockets; socket++) {
        for (core = 0; core < node->cores; core++) {
            unsigned int first = ((cell * node->sockets + socket) * node->cores + core) *
                                 node->threads;

            for (thread = 0; thread < node->threads; thread++) {
                g_string_append_printf(buf, "            <cpu id='%u' socket_id='%u' die_id='0' core_id='%u' siblings='",
                                       first + thread, cell * node->sockets + socket, core);
                if (node->threads > 1)
                    g_string_append_printf(buf, "%u-%u'/>\n", first, first + node->threads - 1);
                else
                    g_string_append_printf(buf, "%u'/>\n", first);
            }
        }
    }
    g_string_append(buf, "          </cpus>\n        </cell>\n");
}

static void
virCapabilitiesFormatHost(GString *buf, const virCaps *caps)
{
    const virNodeInfo *node = &caps->node;
    unsigned int cell;

    g_string_append(buf, "  <host>\n    <cpu>\n");
    virXMLAddElement(buf, 6, "arch", caps->arch);
    g_string_append_printf(buf, "      <topology sockets='%u' dies='1' cores='%u' threads='%u'/>\n",
                           node->sockets, node->cores, node->threads);
    g_string_append(buf, "    </cpu>\n    <power_management/>\n    <topology>\n");
    g_string_append_printf(buf, "      <cells num='%u'>\n", node->nodes);
    for (cell = 0; cell < node->nodes; cell++)
        virCapabilitiesFormatCell(buf, node, cell);
    g_string_append(buf, "      </cells>\n    </topology>\n");
    if (caps->secModel) {
        g_string_append(buf, "    <secmodel>\n");
        virXMLAddElement(buf, 6, "model", caps->secModel);
        virXMLAddElement(buf, 6, "doi", caps->secDoi ? caps->secDoi : "");
        g_string_append(buf, "    </secmodel>\n");
    }
    if (caps->hostExtraXML)
        g_string_append(buf, caps->hostExtraXML);
    g_string_append(buf, "  </host>\n\n");
}

char *
virCapabilitiesFormat(const virCaps *caps)
{
    GString *buf = g_string_new("<capabilities>\n\n");
    size_t i;

    virCapabilitiesFormatHost(buf, caps);
    for (i = 0; i < caps->nguests; i++) {
        const virCapsGuest *g = &caps->guests[i];

        g_string_append(buf, "  <guest>\n");
        virXMLAddElement(buf, 4, "os_type", g->osType);
        g_string_append_printf(buf, "    <arch name='%s'>\n", g->arch);
        g_string_append_printf(buf, "      <wordsize>%u</wordsize>\n", g->wordsize);
        virXMLAddElement(buf, 6, "emulator", g->emulator);
        g_string_append_printf(buf, "      <domain type='%s'/>\n", g->domainType);
        g_string_append(buf, "    </arch>\n  </guest>\n\n");
    }
    g_string_append(buf, "</capabilities>\n");
    return g_string_free(buf, FALSE);
}
