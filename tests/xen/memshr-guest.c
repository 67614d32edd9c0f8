/*
 * memshr-guest.c: /init of the PVH guests of make check-xen-memshr
 * (tests/xen/run-xen-qemu.sh builds it static, with no C library, into
 * /guest/initrd-memshr.gz)
 *
 * Gives the sharing suite pages it knows the fate of: at boot it maps
 * MEMSHR_PAGES pages populated (no page faults later, which under TCG are
 * what this guest should do least of: pvh-init.c says why) and fills page i
 * with the byte i % 251 + 1, the same in both guests, so a deduplication
 * pass finds them identical and shares them.  Then it waits in a read of
 * its console, switched out of line mode (a newline typed in dom0 did not
 * always end a line here): whatever arrives there (the suite writes into
 * the console's pty in dom0) makes it write one byte into every page, and
 * Xen must unshare each written page (copy on write).  Between reads the
 * guest runs no user-mode code at all.
 */
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <sys/mman.h>

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

/* The kernel enters _start with the stack 16-byte aligned, where the
 * compiler assumes a call's 8 bytes off: realign it, or the SSE stores of
 * sayRound's buffer fault (init died of SIGSEGV there) */
void _start(void) __attribute__((force_align_arg_pointer));

void
_start(void)
{
    volatile unsigned char *pages;
    unsigned long round = 0, i, j;
    struct termios tio;
    char line[64];
    long n;

    sys(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0);
    if (sys(SYS_open, (long)"/dev/console", O_RDWR, 0, 0, 0) == 0)
        sys(SYS_dup2, 0, 1, 0, 0, 0);
    pages = (volatile unsigned char *)sys(SYS_mmap, 0, MEMSHR_PAGES * PAGE_SIZE,
                                          PROT_READ | PROT_WRITE,
                                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1);
    if ((long)pages < 0) {
        say("GUEST: cannot map the pages to share\n");
        for (;;)
            sys(SYS_pause, 0, 0, 0, 0, 0);
    }
    for (i = 0; i < MEMSHR_PAGES; i++) {
        for (j = 0; j < PAGE_SIZE; j++)
            pages[i * PAGE_SIZE + j] = i % 251 + 1;
    }
    /* one byte is enough to wake the read, with no echo */
    if (sys(SYS_ioctl, 0, TCGETS, (long)&tio, 0, 0) == 0) {
        tio.c_lflag &= ~(ICANON | ECHO);
        tio.c_cc[VMIN] = 1;
        tio.c_cc[VTIME] = 0;
        sys(SYS_ioctl, 0, TCSETS, (long)&tio, 0, 0);
    }
    say("GUEST: memshr guest ready, 1024 pages filled\n");
    for (;;) {
        n = sys(SYS_read, 0, (long)line, sizeof(line), 0, 0);
        if (n <= 0) {
            say("GUEST: cannot read the console\n");
            for (;;)
                sys(SYS_pause, 0, 0, 0, 0, 0);
        }
        round++;
        for (i = 0; i < MEMSHR_PAGES; i++)
            pages[i * PAGE_SIZE] = 0;
        sayRound(round);
    }
}
