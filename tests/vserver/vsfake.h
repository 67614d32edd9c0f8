/*
 * vsfake.h: a recording fake of the vserver system call, for the unit
 * tests of the command table
 *
 * It logs every call as the kernel would receive it (the word, the id, the
 * argument struct's bytes, of the size the kernel reads for that word) and
 * answers from a script: a fixed answer (and the bytes the kernel would
 * write back) for some words, a default for the others.
 */
#ifndef VSFAKE_H
# define VSFAKE_H

# include "internal.h"

# include "vserver_syscall.h"

typedef struct {
    uint32_t word;
    long ret;                       /* >= 0 answer, < 0 -errno */
    const void *reply;              /* copied into the caller's struct */
    size_t replyLen;
} vsfakeAnswer;

typedef struct {
    GString *log;
    GArray *answers;                /* vsfakeAnswer; the last one set wins */
    long (*fallback)(uint32_t word);
    unsigned int calls;
} vsfake;

extern const vserverSyscall vsfakeSyscall;

/* A V2 kernel answering 0x00020301 to the version query and 0 to the rest. */
vsfake *vsfakeNewV2(void);
/* A 2003 kernel: ENOTSUP to the V2 query, patch 1.0, version 1 of every
 * category and command, 0 to the rest. */
vsfake *vsfakeNew2003(void);
/* Every word answers ENOSYS, as a mainline kernel. */
vsfake *vsfakeNewMainline(void);
void vsfakeFree(vsfake *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vsfake, vsfakeFree);

/* Scripts @word to answer @ret, writing @reply back when @ret >= 0. */
void vsfakeAnswerWith(vsfake *f, uint32_t word, long ret, const void *reply, size_t len);

/* Appends a line to the log (the test's own notes in a transcript). */
void vsfakeNote(vsfake *f, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The number of bytes the kernel reads and writes at data for @word:
 * the layouts of the kernel's structs, written down here independently
 * of vserver_abi.h. */
size_t vsfakeStructSize(uint32_t word);

#endif /* VSFAKE_H */
