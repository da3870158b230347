#!/bin/sh
# Every message in the template must have a current, non-fuzzy zh_CN
# translation; a string added without one fails here, not in front of users.
set -eu
srcdir=${1:?usage: check-translations.sh SOURCE_ROOT BUILD_ROOT}
builddir=${2:?usage: check-translations.sh SOURCE_ROOT BUILD_ROOT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$srcdir"
xgettext --from-code=UTF-8 --files-from=po/POTFILES.in --directory="$srcdir" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --add-comments --output="$tmp/zicha.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"; exit 1; }

for lang in $(grep -v '^#' po/LINGUAS); do
  msgfmt --check --output-file=/dev/null "po/$lang.po"
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/zicha.pot" > "$tmp/$lang.po"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything matched.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    echo "po/$lang.po: $untranslated untranslated, $fuzzy fuzzy messages:"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid ' | tail -n +2 | head -20
    echo "Update with: ninja -C $builddir zicha-update-po, then translate."
    exit 1
  fi
  echo "po/$lang.po: complete"
done
