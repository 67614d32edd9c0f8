/*
 * fuzz_replay.c: runs a harness over files, without libFuzzer
 *
 * With no arguments: every file of the harness's seed corpus and of its
 * regressions (tests/fuzz/corpus/NAME, tests/fuzz/regress/NAME), which is
 * how `make check` keeps each crash ever found from coming back, in plain,
 * sanitizer and valgrind builds alike.  With arguments: those files or
 * directories, to reproduce a crash from a fuzzing run on any build.
 */
#include "internal.h"

#include "fuzz.h"

static int
fuzzReplayFile(const char *path)
{
    g_autofree char *data = NULL;
    g_autoptr(GError) err = NULL;
    gsize len;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "cannot read '%s': %s\n", path, err->message);
        return -1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    return 0;
}

/* Replays every file of @path (a file or a directory); the count, or -1. */
static int
fuzzReplayPath(const char *path)
{
    g_autoptr(GDir) dir = NULL;
    const char *name;
    int n = 0;

    if (!g_file_test(path, G_FILE_TEST_IS_DIR))
        return fuzzReplayFile(path) < 0 ? -1 : 1;
    if (!(dir = g_dir_open(path, 0, NULL))) {
        fprintf(stderr, "cannot open '%s'\n", path);
        return -1;
    }
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        if (name[0] == '.')
            continue;
        if (fuzzReplayFile(child) < 0)
            return -1;
        n++;
    }
    return n;
}

int
main(int argc, char **argv)
{
    int i, n, total = 0;

    if (argc > 1) {
        for (i = 1; i < argc; i++) {
            if ((n = fuzzReplayPath(argv[i])) < 0)
                return EXIT_FAILURE;
            total += n;
        }
    } else {
        g_autofree char *corpus = g_build_filename(ABS_SRCDIR, "tests", "fuzz", "corpus",
                                                   FUZZ_NAME, NULL);
        g_autofree char *regress = g_build_filename(ABS_SRCDIR, "tests", "fuzz", "regress",
                                                    FUZZ_NAME, NULL);

        if ((n = fuzzReplayPath(corpus)) <= 0) {
            fprintf(stderr, "no seed corpus in '%s'\n", corpus);
            return EXIT_FAILURE;
        }
        total += n;
        if ((n = fuzzReplayPath(regress)) < 0)
            return EXIT_FAILURE;
        total += n;
    }
    printf("%s: %d inputs replayed\n", FUZZ_NAME, total);
    return EXIT_SUCCESS;
}
