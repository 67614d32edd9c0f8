#!/usr/bin/python3
# Prints the lifecycle events libvirt's test driver emits for the steps
# tests/eventtest.c takes on virtkit's: the reference in
# tests/data/events/sequence.txt was made with libvirt 9.0 (Debian 12,
# python3-libvirt) by
#   /usr/bin/python3 tests/events/libvirt-sequence.py > tests/data/events/sequence.txt
import libvirt
import os
import sys
import tempfile

TYPES = ["Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped",
         "Shutdown", "PMSuspended", "Crashed"]
DETAILS = [["Added", "Updated", "Renamed", "Snapshot"], ["Removed", "Renamed"],
           ["Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"],
           ["Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot",
            "API error", "Post-copy", "Post-copy Error"],
           ["Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error"],
           ["Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot"]]
XML = ("<domain type='test'><name>%s</name><uuid>%s</uuid><memory>65536</memory>"
       "<os><type>hvm</type></os>%s</domain>")
EV_UUID = "0f5e6c2a-1d4b-4c1e-9a53-2e8d7b1c4a01"
RB_UUID = "0f5e6c2a-1d4b-4c1e-9a53-2e8d7b1c4a02"

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open("test:///default")
seen = []


def lifecycle(conn, dom, event, detail, opaque):
    seen.append("  %s %s %s" % (dom.name(), TYPES[event], DETAILS[event][detail]))


conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)


def drain():
    # the events of a call are queued on a zero timer: one iteration
    # with a timer of our own that is due at once delivers them all
    timer = libvirt.virEventAddTimeout(0, lambda *a: None, None)
    libvirt.virEventRunDefaultImpl()
    libvirt.virEventRunDefaultImpl()
    libvirt.virEventRemoveTimeout(timer)


def step(label, call):
    try:
        call()
    except libvirt.libvirtError as e:
        print("%s: error" % label)
        return
    drain()
    print(label)
    for line in seen:
        print(line)
    seen.clear()


tmp = tempfile.mkdtemp()
save = os.path.join(tmp, "test.save")
test = conn.lookupByName("test")
step("suspend test", test.suspend)
step("resume test", test.resume)
step("destroy test", test.destroy)
step("start test", test.create)
step("shutdown test", test.shutdown)
step("start test", test.create)
step("reboot test", test.reboot)
step("reset test", lambda: test.reset(0))
step("define ev", lambda: conn.defineXML(XML % ("ev", EV_UUID, "")))
step("define ev again", lambda: conn.defineXML(XML % ("ev", EV_UUID, "")))
ev = conn.lookupByName("ev")
step("start ev", ev.create)
step("undefine ev while it runs", ev.undefine)
step("destroy ev", ev.destroy)
step("create ev", lambda: conn.createXML(XML % ("ev", EV_UUID, ""), 0))
step("shutdown ev", lambda: conn.lookupByName("ev").shutdown())
step("define rb", lambda: conn.defineXML(
    XML % ("rb", RB_UUID, "<on_poweroff>restart</on_poweroff><on_reboot>destroy</on_reboot>")))
rb = conn.lookupByName("rb")
step("start rb", rb.create)
step("shutdown rb", rb.shutdown)
step("reboot rb", rb.reboot)
step("undefine rb", rb.undefine)
step("save test", lambda: test.save(save))
step("restore test", lambda: conn.restore(save))
step("managedsave test", lambda: test.managedSave(0))
step("managedsave-remove test", lambda: test.managedSaveRemove(0))
step("start test", test.create)
step("setmem test", lambda: test.setMemory(1048576))
step("autostart test", lambda: test.setAutostart(1))
os.unlink(save)
os.rmdir(tmp)
