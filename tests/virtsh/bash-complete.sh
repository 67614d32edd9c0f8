#!/bin/bash
# bash-complete.sh LINE: what bash completion of virtsh offers at the end
# of LINE, one candidate a line (a helper of the golden tests).
. "${abs_top_srcdir:?}/tools/bash-completion/virtsh"
COMP_LINE=$1
COMP_POINT=${#1}
read -ra COMP_WORDS <<< "$1"
[[ $1 =~ [[:space:]]$ ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_virtsh
printf '%s\n' "${COMPREPLY[@]}"
