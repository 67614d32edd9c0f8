/*
 * vsh-edit.h: editing a document in the user's editor, as virsh's edit,
 * desc --edit and metadata --edit do
 *
 * The document goes to a temporary file, $VISUAL or $EDITOR (vi when
 * neither is set) runs on it, and what it left is read back.  The loop of
 * edit and metadata --edit (virsh's virsh-edit.c) asks again on a failure
 * when it can, on a terminal.
 */
#ifndef VSH_EDIT_H
# define VSH_EDIT_H

# include "vsh.h"

/* A temporary file (under $TMPDIR, or /tmp) holding @doc: its name, to
 * free and unlink with vshEditUnlink(); NULL after reporting the error. */
char *vshEditWriteToTempFile(vshControl *ctl, const char *doc);

/* Unlinks and frees a name of vshEditWriteToTempFile(); NULL is nothing. */
void vshEditUnlink(char *filename);
typedef char vshTempFile;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshTempFile, vshEditUnlink);

/* Runs the editor on @filename and waits for it: 0, or -1 with the error
 * reported (it could not start, or it failed). */
int vshEditFile(vshControl *ctl, const char *filename);

/* What the editor left in @filename; NULL after reporting the error. */
char *vshEditReadBackFile(vshControl *ctl, const char *filename);

/* What an edit loop is about: the document as it is now (NULL with the
 * error set), and the step that puts an edited one in place (false with
 * the error set).  @relax, if any, turns validation off for the next
 * steps: the answer 'i'. */
typedef struct {
    char *(*get)(vshControl *ctl, void *opaque);
    bool (*put)(vshControl *ctl, const char *doc, void *opaque);
    void (*relax)(void *opaque);
} vshEditOps;

typedef enum {
    VSH_EDIT_FAILED = -1,       /* error reported or pending, or the user gave up */
    VSH_EDIT_UNCHANGED = 0,     /* the editor changed nothing: nothing was put */
    VSH_EDIT_DONE = 1,          /* put, or (as in virsh) a failure that could not be asked about */
} vshEditResult;

/**
 * vshEditLoop:
 *
 * virsh's edit loop: edit, compare, read the document again (another user
 * may have changed it meanwhile), put.  A failure asks "Try again?" on a
 * terminal: y edits again, n gives up, f puts again, i turns validation
 * off and puts again, ? explains.  Without a terminal it reports the
 * failure ("Failed.") and, as virsh 9.0 does, ends as if done.
 */
vshEditResult vshEditLoop(vshControl *ctl, const vshEditOps *ops, void *opaque);

#endif /* VSH_EDIT_H */
