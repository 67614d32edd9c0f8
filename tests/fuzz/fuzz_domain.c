/*
 * fuzz_domain_xml.c: the domain XML parser and formatter
 *
 * Every input is parsed under two sets of driver rules: the test driver's
 * (its host, 32 vcpus at most, postParse checking cpusets) and a lenient
 * one that accepts every domain and OS type and reads <domain id=''> as
 * configuration, as container drivers do.  Whatever parses must format,
 * parse again, and format to the very same document; a deep copy must
 * format the same too.  Whatever is refused must carry an error.
 */
#include "internal.h"

#include "domain_conf.h"
#include "fuzz.h"
#include "test_node.h"
#include "virerror.h"

static const int fuzzAllVirtTypes[] = {
    VIR_DOMAIN_VIRT_QEMU, VIR_DOMAIN_VIRT_KQEMU, VIR_DOMAIN_VIRT_KVM, VIR_DOMAIN_VIRT_XEN,
    VIR_DOMAIN_VIRT_LXC, VIR_DOMAIN_VIRT_UML, VIR_DOMAIN_VIRT_OPENVZ, VIR_DOMAIN_VIRT_TEST,
    VIR_DOMAIN_VIRT_VMWARE, VIR_DOMAIN_VIRT_HYPERV, VIR_DOMAIN_VIRT_VBOX,
    VIR_DOMAIN_VIRT_PHYP, VIR_DOMAIN_VIRT_PARALLELS, VIR_DOMAIN_VIRT_BHYVE,
    VIR_DOMAIN_VIRT_VZ, VIR_DOMAIN_VIRT_CH, VIR_DOMAIN_VIRT_LVE, VIR_DOMAIN_VIRT_VSERVER, -1,
};

static const int fuzzAllOSTypes[] = {
    VIR_DOMAIN_OSTYPE_HVM, VIR_DOMAIN_OSTYPE_XEN, VIR_DOMAIN_OSTYPE_LINUX,
    VIR_DOMAIN_OSTYPE_EXE, VIR_DOMAIN_OSTYPE_UML, VIR_DOMAIN_OSTYPE_XENPVH, -1,
};

static const virDomainXMLOption fuzzLenient = {
    .driverName = "fuzz",
    .virtTypes = fuzzAllVirtTypes,
    .osTypes = fuzzAllOSTypes,
    .defaultOSType = VIR_DOMAIN_OSTYPE_EXE,
    .defaultArch = NULL,
    .maxVcpus = 0,      /* the generic limit */
    .fixedId = true,
};

/* The test driver's rules, from a driver object that lives as long as
 * the process. */
static const virDomainXMLOption *
fuzzTestDriverRules(void)
{
    static testDriver *driver;

    if (!driver)
        driver = testDriverNew();
    return &driver->base.xmlopt;
}

static void
fuzzRoundTrip(const char *xml, const virDomainXMLOption *xmlopt)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) again = NULL;
    g_autoptr(virDomainDef) copy = NULL;
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autofree char *copied = NULL;
    g_autofree char *live = NULL;

    virResetLastError();
    if (!(def = virDomainDefParseString(xml, xmlopt, 0))) {
        FUZZ_CHECK_REFUSAL("a domain document");
        return;
    }
    first = virDomainDefFormat(def, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    again = virDomainDefParseString(first, xmlopt, 0);
    FUZZ_CHECK(again != NULL, "a formatted definition does not parse again: %s\n%s",
               virGetLastErrorMessage(), first);
    second = virDomainDefFormat(again, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    FUZZ_CHECK(strcmp(first, second) == 0, "not a fixed point:\n%s\n---\n%s", first, second);

    copy = virDomainDefCopy(def);
    copied = virDomainDefFormat(copy, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    FUZZ_CHECK(strcmp(first, copied) == 0, "a copy differs:\n%s\n---\n%s", first, copied);
    /* the live form (with an id) must parse too: status files hold it */
    live = virDomainDefFormat(def, 7, 0);
    g_clear_pointer(&again, virDomainDefFree);
    again = virDomainDefParseString(live, xmlopt, 0);
    FUZZ_CHECK(again != NULL, "a live definition does not parse again: %s\n%s",
               virGetLastErrorMessage(), live);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = fuzzString(data, size);

    fuzzRoundTrip(xml, fuzzTestDriverRules());
    fuzzRoundTrip(xml, &fuzzLenient);
    virResetLastError();
    return 0;
}
