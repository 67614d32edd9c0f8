#!/bin/sh
# An editor for "metadata --edit": a new element.
printf '<new><v>1</v></new>\n' > "$1"
