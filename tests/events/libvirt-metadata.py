#!/usr/bin/python3
# Prints the metadata-change (and lifecycle) events libvirt's test driver
# emits for the virDomainSetMetadata calls tests/eventtest.c makes on
# virtkit's: the reference in tests/data/events/metadata.txt was made with
# libvirt 9.0 (Debian 12, python3-libvirt) by
#   /usr/bin/python3 tests/events/libvirt-metadata.py > tests/data/events/metadata.txt
import libvirt

NS = "http://example.org/ns"
TYPES = ["description", "title", "element"]

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open("test:///default")
seen = []


def metadata(conn, dom, mtype, nsuri, opaque):
    seen.append("  %s metadata %s %s" % (dom.name(), TYPES[mtype], nsuri))


def lifecycle(conn, dom, event, detail, opaque):
    seen.append("  %s lifecycle %d %d" % (dom.name(), event, detail))


conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, metadata, None)
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)


def drain():
    timer = libvirt.virEventAddTimeout(0, lambda *a: None, None)
    libvirt.virEventRunDefaultImpl()
    libvirt.virEventRunDefaultImpl()
    libvirt.virEventRemoveTimeout(timer)


def step(label, call):
    try:
        call()
    except libvirt.libvirtError:
        print("%s: error" % label)
        return
    drain()
    print(label)
    for line in seen:
        print(line)
    seen.clear()


test = conn.lookupByName("test")
LIVE, CONFIG = libvirt.VIR_DOMAIN_AFFECT_LIVE, libvirt.VIR_DOMAIN_AFFECT_CONFIG
step("title", lambda: test.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, "T", None, None, 0))
step("description config", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, "D", None, None, CONFIG))
step("title live and config", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_TITLE, "T2", None, None, LIVE | CONFIG))
step("element", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<x/>", "ex", NS, 0))
step("element again", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<x/>", "ex", NS, 0))
step("element removed", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, None, NS, 0))
step("element that does not parse", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<x", "ex", NS, 0))
step("title removed", lambda: test.setMetadata(
    libvirt.VIR_DOMAIN_METADATA_TITLE, None, None, None, 0))
