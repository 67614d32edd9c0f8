#!/bin/sh
# An editor for "edit" that leaves XML which does not parse.
sed -i 's|</domain>||' "$1"
