#!/usr/bin/python3
"""python3-libvirt (Debian's, unmodified) through virtkitd.

The built daemon on sockets in a temporary directory; the tests open
test+unix:///default?socket=... and go through lists, lookups, the
lifecycle, vcpus and pins, memory, tunables, the node, and errors with
their codes.  The read-only table (tests/data/daemon/procedures.table)
classifies every procedure of src/rpc/virtkit_protocol.x; each mutating
one is called through the read-only socket and must be refused with
VIR_ERR_OPERATION_DENIED, nothing changed.  Lifecycle events arrive
through virEventRegisterDefaultImpl's loop, as a libvirt client gets them.

Skipped (77) where python3-libvirt is not installed.
"""
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

try:
    import libvirt
except ImportError:
    print("SKIP: python3-libvirt is not installed")
    sys.exit(77)

SRCDIR = os.environ["abs_top_srcdir"]
BUILDDIR = os.environ["abs_top_builddir"]
DATA = os.path.join(SRCDIR, "tests", "data", "daemon")

NEW_DOMAIN = ("<domain type='test'><name>{name}</name><memory unit='MiB'>64</memory>"
              "<vcpu>2</vcpu><os><type>hvm</type></os></domain>")
DISK = "<disk type='file'><source file='/srv/data.img'/><target dev='vdb' bus='virtio'/></disk>"


class Daemon:
    """virtkitd on DIR/sock and DIR/sock-ro."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="vkd-py-")
        self.sock = os.path.join(self.dir, "sock")
        self.sock_ro = os.path.join(self.dir, "sock-ro")
        conf = os.path.join(self.dir, "virtkitd.conf")
        with open(conf, "w") as f:
            f.write("log_level = 3\n")
        self.log = open(os.path.join(self.dir, "virtkitd.log"), "w")
        self.proc = subprocess.Popen(
            [os.path.join(BUILDDIR, "daemon", "virtkitd"), "--config", conf,
             "--socket", self.sock, "--socket-ro", self.sock_ro],
            stderr=self.log)
        for _ in range(400):
            if os.path.exists(self.sock_ro):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("virtkitd did not start")

    def uri(self, readonly=False):
        return "test+unix:///default?socket=" + (self.sock_ro if readonly else self.sock)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(60)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        return rc


DAEMON = None


def quiet(_ctx, _err):
    pass


class WireTest(unittest.TestCase):
    def setUp(self):
        # test:///default lives while a connection is open: each test
        # starts from the driver's fresh state
        self.conn = libvirt.open(DAEMON.uri())
        self.addCleanup(self.conn.close)

    def assertError(self, code, func, *args):
        with self.assertRaises(libvirt.libvirtError) as ctx:
            func(*args)
        self.assertEqual(ctx.exception.get_error_code(), code, str(ctx.exception))
        self.assertTrue(str(ctx.exception))
        return ctx.exception

    def test_list(self):
        c = self.conn
        self.assertEqual([d.name() for d in c.listAllDomains()], ["test"])
        self.assertEqual(c.listDomainsID(), [1])
        self.assertEqual(c.listDefinedDomains(), [])
        self.assertEqual((c.numOfDomains(), c.numOfDefinedDomains()), (1, 0))
        d = c.defineXML(NEW_DOMAIN.format(name="py1"))
        self.assertEqual(sorted(x.name() for x in c.listAllDomains()), ["py1", "test"])
        self.assertEqual([x.name() for x in c.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)],
                         ["py1"])
        self.assertEqual(c.listDefinedDomains(), ["py1"])
        d.undefine()

    def test_lookups(self):
        c = self.conn
        d = c.lookupByName("test")
        self.assertEqual((d.name(), d.ID()), ("test", 1))
        self.assertEqual(d.UUIDString(), "6695eb01-f6a4-8304-79aa-97f2502e193f")
        self.assertEqual(c.lookupByID(1).name(), "test")
        self.assertEqual(c.lookupByUUIDString(d.UUIDString()).name(), "test")
        self.assertEqual(c.lookupByUUID(d.UUID()).ID(), 1)
        e = self.assertError(libvirt.VIR_ERR_NO_DOMAIN, c.lookupByName, "nosuch")
        self.assertEqual(e.get_error_domain(), libvirt.VIR_FROM_TEST)
        self.assertIn("'nosuch'", e.get_error_message())
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN, c.lookupByID, 99)
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN, c.lookupByUUIDString,
                         "11111111-2222-3333-4444-555555555555")

    def test_lifecycle(self):
        c = self.conn
        d = c.defineXML(NEW_DOMAIN.format(name="py2"))
        self.assertEqual((d.ID(), d.isActive(), d.isPersistent()), (-1, 0, 1))
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF, 0])
        d.create()
        self.assertGreater(d.ID(), 0)
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_BOOTED])
        d.suspend()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_USER])
        self.assertError(libvirt.VIR_ERR_OPERATION_INVALID, d.suspend)
        d.resume()
        self.assertEqual(d.info()[0], libvirt.VIR_DOMAIN_RUNNING)
        d.setAutostart(1)
        self.assertEqual(d.autostart(), 1)
        d.shutdown()
        self.assertEqual(d.state()[0], libvirt.VIR_DOMAIN_SHUTOFF)
        d.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
        self.assertEqual(d.state()[0], libvirt.VIR_DOMAIN_PAUSED)
        d.destroy()
        self.assertEqual(d.state(), [libvirt.VIR_DOMAIN_SHUTOFF,
                                     libvirt.VIR_DOMAIN_SHUTOFF_DESTROYED])
        self.assertIn("<name>py2</name>", d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        d.undefine()
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN, d.info)
        t = c.createXML(NEW_DOMAIN.format(name="transient"), 0)
        self.assertEqual((t.isActive(), t.isPersistent()), (1, 0))
        t.destroy()
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN, c.lookupByName, "transient")

    def test_metadata(self):
        c = self.conn
        d = c.defineXML(NEW_DOMAIN.format(name="py-meta"))
        e = self.assertError(libvirt.VIR_ERR_NO_DOMAIN_METADATA, d.metadata,
                             libvirt.VIR_DOMAIN_METADATA_TITLE, None, 0)    # GET_METADATA (265)
        self.assertIn("Requested metadata element is not present", str(e))
        d.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, "A title", None, None, 0)  # SET (264)
        d.setMetadata(libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, "two\nlines", None, None,
                      libvirt.VIR_DOMAIN_AFFECT_CONFIG)
        self.assertEqual(d.metadata(libvirt.VIR_DOMAIN_METADATA_TITLE, None, 0), "A title")
        self.assertEqual(d.metadata(libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, None, 0),
                         "two\nlines")
        d.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<app><v>1</v></app>", "k",
                      "http://example.org/app", 0)
        self.assertEqual(d.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT,
                                    "http://example.org/app", 0),
                         "<app>\n  <v>1</v>\n</app>")
        # absent optional strings reach the library as NULL
        d.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, None, "http://example.org/app", 0)
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN_METADATA, d.metadata,
                         libvirt.VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/app", 0)
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.setMetadata,
                         libvirt.VIR_DOMAIN_METADATA_TITLE, "a\nb", None, None, 0)
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.metadata,
                         libvirt.VIR_DOMAIN_METADATA_TITLE, "http://x", 0)
        d.setMetadata(libvirt.VIR_DOMAIN_METADATA_TITLE, None, None, None, 0)
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN_METADATA, d.metadata,
                         libvirt.VIR_DOMAIN_METADATA_TITLE, None, 0)
        d.undefine()

    def test_rename(self):
        c = self.conn
        d = c.defineXML(NEW_DOMAIN.format(name="py-old"))
        uuid = d.UUIDString()
        d.rename("py-new", 0)                                               # RENAME (358)
        self.assertEqual(d.name(), "py-new")        # the client renames its handle
        self.assertEqual(c.lookupByUUIDString(uuid).name(), "py-new")
        self.assertError(libvirt.VIR_ERR_NO_DOMAIN, c.lookupByName, "py-old")
        e = self.assertError(libvirt.VIR_ERR_OPERATION_INVALID, d.rename, "test", 0)
        self.assertIn("domain with name 'test' already exists", str(e))
        e = self.assertError(libvirt.VIR_ERR_OPERATION_INVALID, d.rename, "py-new", 0)
        self.assertIn("Can't rename domain to itself", str(e))
        e = self.assertError(libvirt.VIR_ERR_XML_ERROR, d.rename, "a/b", 0)
        self.assertIn("name a/b cannot contain '/'", str(e))
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.rename, "x", 1)
        e = self.assertError(libvirt.VIR_ERR_OPERATION_INVALID,
                             c.lookupByName("test").rename, "x", 0)
        self.assertIn("cannot rename active domain", str(e))
        d.undefine()

    def test_vcpus_and_pins(self):
        c = self.conn
        d = c.lookupByName("test")
        ncpus = c.getInfo()[2]
        info, maps = d.vcpus()
        self.assertEqual([v[0] for v in info], [0, 1])
        self.assertEqual(len(maps[0]), ncpus)
        pin = tuple(i in (1, 3) for i in range(ncpus))
        d.pinVcpu(0, pin)
        self.assertEqual(d.vcpuPinInfo(libvirt.VIR_DOMAIN_AFFECT_LIVE)[0], pin)
        self.assertEqual(d.vcpus()[1][0], pin)
        d.pinVcpuFlags(1, pin, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
        self.assertEqual(d.vcpuPinInfo(libvirt.VIR_DOMAIN_AFFECT_CONFIG)[1], pin)
        self.assertEqual(d.maxVcpus(), d.vcpusFlags(libvirt.VIR_DOMAIN_VCPU_MAXIMUM))
        d.setVcpusFlags(1, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        self.assertEqual(d.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE), 1)
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.pinVcpu, 99, pin)
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.setVcpusFlags, 1, 1 << 20)

    def test_memory(self):
        d = self.conn.lookupByName("test")
        d.setMemory(1048576)                        # SET_MEMORY (31)
        self.assertEqual(d.info()[2], 1048576)
        d.setMemoryFlags(524288, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        self.assertEqual(d.info()[2], 524288)
        d.setMemoryFlags(4194304, libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_MEM_MAXIMUM)
        self.assertIn("<memory unit='KiB'>4194304</memory>",
                      d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        self.assertEqual(d.maxMemory(), 8388608)
        d.setMemoryParameters({"hard_limit": 2000000}, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        self.assertEqual(d.memoryParameters()["hard_limit"], 2000000)
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.setMemory, 1 << 40)

    def test_devices(self):
        d = self.conn.lookupByName("test")
        d.attachDevice(DISK)                        # ATTACH_DEVICE (8): live
        self.assertIn("<source file='/srv/data.img'/>", d.XMLDesc(0))
        self.assertNotIn("data.img", d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        d.attachDeviceFlags(DISK, libvirt.VIR_DOMAIN_AFFECT_CONFIG)     # 160
        self.assertIn("data.img", d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        self.assertError(libvirt.VIR_ERR_OPERATION_INVALID, d.attachDeviceFlags, DISK,
                         libvirt.VIR_DOMAIN_AFFECT_CONFIG)
        d.updateDeviceFlags(DISK.replace("data.img", "other.img"), 0)   # 174
        self.assertIn("other.img", d.XMLDesc(0))
        d.detachDevice(DISK)                        # DETACH_DEVICE (13)
        d.detachDeviceFlags(DISK, libvirt.VIR_DOMAIN_AFFECT_CONFIG)     # 161
        self.assertNotIn("vdb", d.XMLDesc(0) + d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
        e = self.assertError(libvirt.VIR_ERR_DEVICE_MISSING, d.detachDeviceAlias, "ua-x", 0)
        self.assertIn("no device found with alias ua-x", str(e))          # 392

    def test_keys(self):
        d = self.conn.lookupByName("test")
        # Alt+SysRq+B, the keycodes through the wire as the client built them
        d.sendKey(libvirt.VIR_KEYCODE_SET_LINUX, 10, [56, 99, 48], 3, 0)  # SEND_KEY (226)
        e = self.assertError(libvirt.VIR_ERR_INTERNAL_ERROR, d.sendKey,
                             libvirt.VIR_KEYCODE_SET_LINUX, 0, [767], 1, 0)
        self.assertIn("invalid keycode 767 of linux codeset", str(e))
        e = self.assertError(libvirt.VIR_ERR_CONFIG_UNSUPPORTED, d.sendKey,
                             libvirt.VIR_KEYCODE_SET_USB, 0, [4], 1, 0)
        self.assertIn("codeset 'usb' is not supported", str(e))
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.sendKey,
                         libvirt.VIR_KEYCODE_SET_LINUX, 0, [30], 1, 1 << 30)

    def test_tunables(self):
        d = self.conn.lookupByName("test")
        self.assertEqual(d.schedulerType(), ("fair", 1))
        d.setSchedulerParameters({"weight": 99})
        self.assertEqual(d.schedulerParameters(), {"weight": 99})
        d.setSchedulerParametersFlags({"weight": 7}, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        self.assertEqual(d.schedulerParametersFlags(libvirt.VIR_DOMAIN_AFFECT_LIVE), {"weight": 7})
        d.setBlkioParameters({"weight": 300}, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        blkio = d.blkioParameters(0)
        self.assertEqual(blkio["weight"], 300)
        self.assertIn("device_weight", blkio)          # a string parameter
        self.assertIn("cpu_time", d.getCPUStats(True)[0])
        # the driver's own refusal of a value, through the wire
        e = self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.setMemoryParameters,
                             {"hard_limit": 1 << 62}, 0)
        self.assertIn("hard_limit", e.get_error_message())

    def test_node(self):
        c = self.conn
        model, memory, cpus = c.getInfo()[:3]
        self.assertEqual((model, cpus), ("i686", 16))
        self.assertEqual(c.getCPUMap(), (16, [True] * 16, 16))
        self.assertEqual(c.getType(), "TEST")
        self.assertEqual(c.getLibVersion(), 1000)           # virtkit 0.1.0, the daemon's
        self.assertEqual(c.getHostname(), socket.gethostname())
        self.assertEqual(c.getSecurityModel(), ["testSecurity", ""])
        self.assertIn("<capabilities>", c.getCapabilities())
        self.assertEqual(sum(c.getCellsFreeMemory(0, 2)), c.getFreeMemory())
        self.assertEqual(sorted(c.getMemoryStats(-1)), ["free", "total"])
        self.assertIn("shm_pages_to_scan", c.getMemoryParameters())
        self.assertEqual(c.isSecure(), 1)

    def test_errors(self):
        c = self.conn
        d = c.lookupByName("test")
        # virtkit's code for a document that does not parse, as locally
        self.assertError(libvirt.VIR_ERR_XML_DETAIL, c.defineXML, "<domain")
        e = self.assertError(libvirt.VIR_ERR_OPERATION_FAILED, c.createXML,
                             NEW_DOMAIN.format(name="test"), 0)
        self.assertEqual(e.get_error_level(), libvirt.VIR_ERR_ERROR)
        self.assertError(libvirt.VIR_ERR_INVALID_ARG, d.destroyFlags, 1 << 10)
        self.assertError(libvirt.VIR_ERR_OPERATION_INVALID, d.create)
        # what virtkit has no call for is refused, and the client carries on
        self.assertError(libvirt.VIR_ERR_NO_SUPPORT, d.snapshotNum, 0)
        self.assertEqual(d.name(), "test")


def procedure_numbers():
    """Every procedure of the protocol description: {number: name}."""
    with open(os.path.join(SRCDIR, "src", "rpc", "virtkit_protocol.x")) as f:
        text = f.read()
    enum = re.search(r"enum vkr_procedure \{(.*?)\};", text, re.S).group(1)
    return {int(n): name for name, n in re.findall(r"VKR_PROC_(\w+) = (\d+)", enum)}


def read_table():
    """tests/data/daemon/procedures.table: (kind, number, name, call)."""
    rows = []
    with open(os.path.join(DATA, "procedures.table")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                kind, num, name, *call = line.split(None, 3)
                rows.append((kind, int(num), name, call[0] if call else None))
    return rows


class ReadOnlyTest(unittest.TestCase):
    """Every mutating procedure on the read-only socket: refused, nothing changed."""

    def snapshot(self, c):
        doms = []
        for d in sorted(c.listAllDomains(), key=lambda x: x.name()):
            doms.append((d.name(), d.ID(), d.state(), d.XMLDesc(0),
                         d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE), d.autostart(),
                         d.info()[:4], d.vcpuPinInfo(libvirt.VIR_DOMAIN_AFFECT_CURRENT),
                         d.schedulerParameters(), d.memoryParameters(), d.blkioParameters()))
        return doms, c.getMemoryParameters()

    def test_table_covers_protocol(self):
        table = {num: name for _, num, name, _ in read_table()}
        self.assertEqual(table, procedure_numbers())

    def test_mutations_refused(self):
        rw = libvirt.open(DAEMON.uri())
        self.addCleanup(rw.close)
        rw.defineXML(NEW_DOMAIN.format(name="inactive"))
        before = self.snapshot(rw)
        # the client believes the connection read-write: every call goes
        # out, and the daemon refuses it
        c = libvirt.open(DAEMON.uri(readonly=True))
        self.addCleanup(c.close)
        d = c.lookupByName("test")
        x = NEW_DOMAIN.format(name="new")
        save = os.path.join(DAEMON.dir, "saved")
        names = {"c": c, "d": d, "inactive": c.lookupByName("inactive"), "x": x, "save": save,
                 "disk": DISK, "libvirt": libvirt}
        tried = 0
        for kind, num, name, call in read_table():
            if kind != "mutating":
                continue
            with self.subTest(procedure=name):
                with self.assertRaises(libvirt.libvirtError) as ctx:
                    eval(call, {}, names)
                self.assertEqual(ctx.exception.get_error_code(), libvirt.VIR_ERR_OPERATION_DENIED,
                                 "%s (%d): %s" % (name, num, ctx.exception))
                tried += 1
        self.assertGreaterEqual(tried, 30)
        self.assertEqual(self.snapshot(rw), before)
        self.assertFalse(os.path.exists(save))
        # reading works on the same connection
        self.assertEqual(d.info()[0], libvirt.VIR_DOMAIN_RUNNING)
        rw.lookupByName("inactive").undefine()


class EventTest(unittest.TestCase):
    """Lifecycle events: what one client does, another hears."""

    def listen(self, uri, dom=None):
        """A connection with a lifecycle callback; returns it and its queue."""
        c = libvirt.open(uri)
        self.addCleanup(c.close)
        got = queue.Queue()

        def heard(_conn, d, event, detail, _opaque):
            got.put((d.name(), event, detail))

        cid = c.domainEventRegisterAny(dom and c.lookupByName(dom),
                                       libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, heard, None)
        self.addCleanup(c.domainEventDeregisterAny, cid)
        return c, got

    def expect(self, got, events):
        for want in events:
            self.assertEqual(got.get(timeout=30), want)

    def test_lifecycle(self):
        ev = libvirt
        c, got = self.listen(DAEMON.uri())
        # the read-only socket hears the same, for one domain only
        _, test_only = self.listen(DAEMON.uri(readonly=True), dom="test")
        d = c.defineXML(NEW_DOMAIN.format(name="evt"))
        d.create()
        d.suspend()
        d.resume()
        d.destroy()
        d.undefine()
        t = c.createXML(NEW_DOMAIN.format(name="transient"), 0)
        t.destroy()
        c.lookupByName("test").shutdown()
        self.expect(got, [
            ("evt", ev.VIR_DOMAIN_EVENT_DEFINED, ev.VIR_DOMAIN_EVENT_DEFINED_ADDED),
            ("evt", ev.VIR_DOMAIN_EVENT_STARTED, ev.VIR_DOMAIN_EVENT_STARTED_BOOTED),
            ("evt", ev.VIR_DOMAIN_EVENT_SUSPENDED, ev.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
            ("evt", ev.VIR_DOMAIN_EVENT_RESUMED, ev.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
            ("evt", ev.VIR_DOMAIN_EVENT_STOPPED, ev.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
            ("evt", ev.VIR_DOMAIN_EVENT_UNDEFINED, ev.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED),
            ("transient", ev.VIR_DOMAIN_EVENT_STARTED, ev.VIR_DOMAIN_EVENT_STARTED_BOOTED),
            ("transient", ev.VIR_DOMAIN_EVENT_STOPPED, ev.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
            ("test", ev.VIR_DOMAIN_EVENT_STOPPED, ev.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN),
        ])
        self.expect(test_only, [
            ("test", ev.VIR_DOMAIN_EVENT_STOPPED, ev.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN)])
        c.lookupByName("test").create()
        self.expect(got, [("test", ev.VIR_DOMAIN_EVENT_STARTED, ev.VIR_DOMAIN_EVENT_STARTED_BOOTED)])
        self.assertTrue(got.empty())

    def test_refusals(self):
        c = libvirt.open(DAEMON.uri())
        self.addCleanup(c.close)
        # every event ID of libvirt 9.0 registers, as with libvirtd
        ids = [getattr(libvirt, n) for n in dir(libvirt)
               if n.startswith("VIR_DOMAIN_EVENT_ID_") and n != "VIR_DOMAIN_EVENT_ID_LAST"]
        self.assertEqual(len(ids), 27)
        cids = [c.domainEventRegisterAny(None, i, lambda *a: None, None) for i in ids]
        for cid in cids:
            c.domainEventDeregisterAny(cid)
        with self.assertRaises(libvirt.libvirtError):
            c.domainEventDeregisterAny(cids[0])


def run_event_loop():
    while True:
        libvirt.virEventRunDefaultImpl()


def main():
    global DAEMON
    libvirt.registerErrorHandler(quiet, None)
    # before any connection opens, as a client that wants events does
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=run_event_loop, daemon=True).start()
    DAEMON = Daemon()
    try:
        result = unittest.main(exit=False, verbosity=2).result
    finally:
        rc = DAEMON.stop()
    if rc != 0:
        print("virtkitd exited with status %d" % rc)
        return 1
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
