/*
 * fuzz.h: what the libFuzzer harnesses share
 *
 * Each harness defines LLVMFuzzerTestOneInput().  Built with
 * --enable-fuzzing it links libFuzzer's main; in every other build the same
 * file links fuzz_replay.c, which feeds it the seed corpus and the inputs
 * that once crashed it (tests/fuzz/corpus/NAME, tests/fuzz/regress/NAME),
 * so each crash found stays a regression test under ASan and valgrind.
 *
 * A harness checks a property (a round trip, an error on every refusal)
 * and aborts when it does not hold: libFuzzer keeps the input as a crash.
 */
#ifndef VIR_FUZZ_H
# define VIR_FUZZ_H

# include "internal.h"

# include <stdio.h>
# include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

# define FUZZ_CHECK(cond, ...) \
    do { \
        if (G_UNLIKELY(!(cond))) { \
            fprintf(stderr, "%s:%d: %s failed: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__); \
            fputc('\n', stderr); \
            abort(); \
        } \
    } while (0)

/* The input as a C string: libFuzzer's data is not NUL-terminated, and a
 * NUL inside it ends the string as it would for any caller. */
static inline char *
fuzzString(const uint8_t *data, size_t size)
{
    char *str = g_malloc(size + 1);

    memcpy(str, data, size);
    str[size] = '\0';
    return str;
}

/* A refusal must say why: a failed parse with no error set would reach
 * the caller as "a call failed without saying why". */
# define FUZZ_CHECK_REFUSAL(what) \
    FUZZ_CHECK(virGetLastError() != NULL, "%s was refused without an error", what)

#endif /* VIR_FUZZ_H */
