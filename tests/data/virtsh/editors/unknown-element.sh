#!/bin/sh
# An editor for "edit" that adds an element no schema knows: libvirt's
# define refuses it when it validates and ignores it otherwise; virtkit's
# refuses it either way.
sed -i 's|</domain>|  <bogus/>\n</domain>|' "$1"
