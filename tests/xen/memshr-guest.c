/*
 * memshr-guest.c: /init of the PVH guests of make check-xen-memshr
 * (tests/xen/run-xen-qemu.sh builds it static, with no C library, into
 * /guest/initrd-memshr.gz)
 *
 * Gives the sharing suite pages it knows the fate of: at boot it maps
 * MEMSHR_PAGES pages populated (no page faults later, which under TCG are
 * what this guest should do least of: pvh-init.c says why) and fills page i
 * with the byte i % 251 + 1, the same in both guests, so a deduplication
 * pass finds them identical and shares them.  Then it watches its
 * xenstore key data/memshr-write (dom0 writes it; data/ is the guest's
 * own) through the kernel's /dev/xen/xenbus, sleeping in read() between
 * events (no timer of its own: under TCG the fewer interrupts a PVH guest
 * takes, the less likely it hangs, tests/xen/README.md says how): at each
 * event it reads the key, and each time the value changes it writes one
 * byte into every page, and Xen must unshare each written page (copy on
 * write).
 */
#include <stdint.h>
#include <sys/mman.h>
#include <xen/io/xs_wire.h>

#include "guest-sys.h"

#define MEMSHR_PAGES 1024
#define PAGE_SIZE 4096

/* "GUEST: wrote 1024 pages, round N\n" with N one decimal digit or more */
static void
sayRound(unsigned long round)
{
    char text[64] = "GUEST: wrote 1024 pages, round ";
    char digits[24];
    int n = 0, len = 0, i;

    while (text[len])
        len++;
    do {
        digits[n++] = '0' + round % 10;
        round /= 10;
    } while (round);
    for (i = n - 1; i >= 0; i--)
        text[len++] = digits[i];
    text[len++] = '\n';
    text[len] = 0;
    say(text);
}

/* The key dom0 writes to ask for a round of writes, relative to the
 * guest's own /local/domain/<id>/ */
#define KEY "data/memshr-write"

static int xenbus = -1;

/* The time stamp counter: a value the two guests do not share */
static long
tsc(void)
{
    unsigned int lo, hi;

    __asm__ volatile ("rdtsc" : "=a"(lo), "=d"(hi));
    return (long)hi << 32 | lo;
}

/* Reads or writes exactly @n bytes on @fd: 0, or -1.  The unused
 * argument registers carry the time stamp counter into the registers the
 * kernel saves on its stack, so that the kernel stack page the guest
 * sleeps on differs between the two guests and is never shared: under
 * TCG, the guest's first entry into its kernel after sharing could fault
 * on such a page right after swapgs and lose its GS base (README.md) */
static int
fully(long call, int fd, char *buf, unsigned long n)
{
    while (n > 0) {
        long done = sys(call, fd, (long)buf, n, tsc(), tsc());

        if (done <= 0)
            return -1;
        buf += done;
        n -= done;
    }
    return 0;
}

/* Sends xenstore message @type with @n bytes of @body: 0, or -1 */
static int
xsSend(uint32_t type, uint32_t id, const char *body, unsigned long n)
{
    struct {
        struct xsd_sockmsg msg;
        char body[64];
    } req;
    unsigned long i;

    req.msg.type = type;
    req.msg.req_id = id;
    req.msg.tx_id = 0;
    req.msg.len = n;
    for (i = 0; i < n && i < sizeof(req.body); i++)
        req.body[i] = body[i];
    return fully(SYS_write, xenbus, (char *)&req, sizeof(req.msg) + n);
}

/* The next message xenstore sends: 0, or -1 */
static int
xsNext(struct xsd_sockmsg *msg, char *body)
{
    if (fully(SYS_read, xenbus, (char *)msg, sizeof(*msg)) < 0 ||
        msg->len > XENSTORE_PAYLOAD_MAX || fully(SYS_read, xenbus, body, msg->len) < 0)
        return -1;
    body[msg->len < XENSTORE_PAYLOAD_MAX ? msg->len : XENSTORE_PAYLOAD_MAX - 1] = 0;
    return 0;
}

static void
stop(const char *why)
{
    say(why);
    for (;;)
        sys(SYS_pause, 0, 0, 0, 0, 0);
}

static int
same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* The kernel enters _start with the stack 16-byte aligned, where the
 * compiler assumes a call's 8 bytes off: realign it, or the SSE stores of
 * sayRound's buffer fault (init died of SIGSEGV there) */
void _start(void) __attribute__((force_align_arg_pointer));

void
_start(void)
{
    volatile unsigned char *pages;
    unsigned long round = 0, i, j;
    struct xsd_sockmsg msg;
    char body[XENSTORE_PAYLOAD_MAX];
    char last[32] = "";

    sys(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0);
    if (sys(SYS_open, (long)"/dev/console", O_RDWR, 0, 0, 0) == 0)
        sys(SYS_dup2, 0, 1, 0, 0, 0);
    pages = (volatile unsigned char *)sys(SYS_mmap, 0, MEMSHR_PAGES * PAGE_SIZE,
                                          PROT_READ | PROT_WRITE,
                                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1);
    if ((long)pages < 0)
        stop("GUEST: cannot map the pages to share\n");
    for (i = 0; i < MEMSHR_PAGES; i++) {
        for (j = 0; j < PAGE_SIZE; j++)
            pages[i * PAGE_SIZE + j] = i % 251 + 1;
    }
    /* a watch on the key: xenstore fires it once now and at each write,
     * and the guest reads the key then; in between it sleeps in read() */
    if ((xenbus = sys(SYS_open, (long)"/dev/xen/xenbus", O_RDWR, 0, 0, 0)) < 0)
        stop("GUEST: cannot open /dev/xen/xenbus\n");
    if (xsSend(XS_WATCH, 1, KEY "\0w", sizeof(KEY "\0w")) < 0)
        stop("GUEST: cannot set a xenstore watch\n");
    say("GUEST: memshr guest ready, 1024 pages filled\n");
    for (;;) {
        if (xsNext(&msg, body) < 0)
            stop("GUEST: cannot read /dev/xen/xenbus\n");
        if (msg.type == XS_WATCH_EVENT) {
            if (xsSend(XS_READ, 2, KEY, sizeof(KEY)) < 0)
                stop("GUEST: cannot ask xenstore for " KEY "\n");
            continue;
        }
        if (msg.type == XS_ERROR && msg.req_id != 2) {
            say("GUEST: xenstore refused the watch: ");
            stop(body);
        }
        /* ENOENT before dom0 writes the key */
        if (msg.type != XS_READ || msg.len == 0 || same(body, last))
            continue;
        round++;
        for (i = 0; i < MEMSHR_PAGES; i++)
            pages[i * PAGE_SIZE] = 0;
        for (i = 0; i <= msg.len && i < sizeof(last) - 1; i++)
            last[i] = body[i];
        last[sizeof(last) - 1] = 0;
        sayRound(round);
    }
}
