#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in (or listed there but gone). Same idea as Papers' check.
set -eu
srcdir=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$srcdir"

listed=$(mktemp) found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u > "$listed"
{
  grep -rlE '\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(' --include='*.c' src || true
  grep -rl 'translatable="yes"' --include='*.ui' ui || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u > "$found"

status=0
missing=$(comm -13 "$listed" "$found")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
for f in $(cat "$listed"); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists a file that does not exist: $f"
    status=1
  fi
done
[ $status -eq 0 ] && echo "POTFILES.in lists all $(wc -l < "$listed") files with translatable strings"
exit $status
