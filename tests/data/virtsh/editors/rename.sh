#!/bin/sh
# An editor for "edit" that renames the domain and drops its uuid: the
# result is another domain.
sed -i -e 's|<name>test</name>|<name>copy</name>|' -e '/<uuid>/d' "$1"
