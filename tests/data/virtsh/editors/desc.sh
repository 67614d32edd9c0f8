#!/bin/sh
# An editor for "desc --edit": a new text, ending in a newline as most
# editors leave it.
printf 'Edited text\n' > "$1"
