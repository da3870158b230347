#!/bin/sh
# check-install.sh — `meson install` puts every file where the desktop,
# GNOME Software, GSettings, man and gettext look for it, and the installed
# files are valid.
#
#   check-install.sh SOURCE_ROOT BUILD_ROOT
#
# Installs the build into a temporary DESTDIR (never into the system),
# checks the expected files one by one, validates the installed desktop
# file, metainfo and schema, runs the installed programs, and removes the
# DESTDIR again.
set -eu
srcdir=${1:?usage: check-install.sh SOURCE_ROOT BUILD_ROOT}
builddir=${2:?usage: check-install.sh SOURCE_ROOT BUILD_ROOT}
app_id=io.github.zicha.Zicha

dest=$(mktemp -d "${TMPDIR:-/tmp}/zicha-install.XXXXXX")
trap 'rm -rf "$dest"' EXIT

failures=0
fail () { echo "FAIL: $*"; failures=$((failures + 1)); }

# The directories as configured (prefix, bindir, …), from meson itself.
meson introspect "$builddir" --buildoptions > "$dest/options.json"
eval "$(python3 - "$dest/options.json" <<'PY'
import json, os, sys
options = {o['name']: o['value'] for o in json.load(open(sys.argv[1], encoding='utf-8'))}
prefix = options['prefix']
for name in ('bindir', 'datadir', 'localedir', 'mandir'):
    print('%s=%s' % (name, os.path.join(prefix, options[name])))
PY
)"
version=$(meson introspect "$builddir" --projectinfo | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')

# Meson's post-install steps (icon cache, schema compilation) are skipped
# under DESTDIR; nothing is rebuilt here, `meson test` built it already.
if ! meson install -C "$builddir" --destdir "$dest/root" --no-rebuild --quiet > "$dest/install.log" 2>&1; then
  cat "$dest/install.log"
  echo "FAIL: meson install --destdir failed"
  exit 1
fi
root=$dest/root

expect () {
  if [ -f "$root$1" ] && [ -s "$root$1" ]; then
    echo "ok: $1"
  else
    fail "$1 is not installed"
  fi
}

# Programs
expect "$bindir/zicha"
expect "$bindir/zicha-cli"
if [ -f "$srcdir/src/platform/meson.build" ]; then
  expect "$bindir/zicha-platform"
fi
# Desktop integration
expect "$datadir/applications/$app_id.desktop"
expect "$datadir/metainfo/$app_id.metainfo.xml"
expect "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
expect "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
# Translations: one catalog per language in po/LINGUAS
for lang in $(grep -v '^#' "$srcdir/po/LINGUAS"); do
  expect "$localedir/$lang/LC_MESSAGES/zicha.mo"
done
# Forms and demo data, every file of data/forms and data/demo
for dir in forms demo; do
  for f in "$srcdir/data/$dir"/*; do
    expect "$datadir/zicha/$dir/$(basename "$f")"
  done
done
# Manual pages
expect "$mandir/man1/zicha-cli.1"
expect "$mandir/man1/zicha-platform.1"

# Nothing from the build or test tree slipped in.
if find "$root" -name '*.a' -o -name 'test-*' -o -name 'bench-*' -o -name '*.pc' | grep -q .; then
  fail "installed files that are not for users: $(find "$root" -name '*.a' -o -name 'test-*' -o -name 'bench-*' -o -name '*.pc' | tr '\n' ' ')"
fi

# The installed data files, validated as the desktop and GNOME Software will read them.
if desktop-file-validate "$root$datadir/applications/$app_id.desktop"; then
  echo "ok: desktop-file-validate"
else
  fail "desktop-file-validate $datadir/applications/$app_id.desktop"
fi
if appstreamcli validate --no-net --explain "$root$datadir/metainfo/$app_id.metainfo.xml"; then
  echo "ok: appstreamcli validate --no-net"
else
  fail "appstreamcli validate $datadir/metainfo/$app_id.metainfo.xml"
fi
if glib-compile-schemas --strict --dry-run "$root$datadir/glib-2.0/schemas"; then
  echo "ok: glib-compile-schemas --strict --dry-run"
else
  fail "glib-compile-schemas --strict $datadir/glib-2.0/schemas"
fi

# The installed programs run (the core is linked statically: no library path).
out=$("$root$bindir/zicha-cli" --version 2>&1) || true
if [ "$out" = "zicha-cli $version" ]; then
  echo "ok: zicha-cli --version: $out"
else
  fail "installed zicha-cli --version printed “$out”, expected “zicha-cli $version”"
fi
if [ -f "$root$bindir/zicha-platform" ]; then
  out=$("$root$bindir/zicha-platform" --version 2>&1) || true
  if [ "$out" = "zicha-platform $version" ]; then
    echo "ok: zicha-platform --version: $out"
  else
    fail "installed zicha-platform --version printed “$out”, expected “zicha-platform $version”"
  fi
fi

# The installed form, demo data and translation work: the binaries look in
# the final prefix, so point them at the DESTDIR copies.
export ZICHA_DATADIR="$root$datadir/zicha" ZICHA_LOCALEDIR="$root$localedir"
if "$root$bindir/zicha-cli" form show > "$dest/form.txt" 2>&1; then
  echo "ok: the installed form loads ($(grep -c '^ *[0-9]' "$dest/form.txt") sections)"
else
  cat "$dest/form.txt"; fail "zicha-cli form show with the installed form"
fi
if "$root$bindir/zicha-cli" --db "$dest/demo.db" demo > /dev/null 2> "$dest/demo.txt"; then
  echo "ok: the installed demo data makes a report"
else
  cat "$dest/demo.txt"; fail "zicha-cli demo with the installed demo data"
fi
if [ -f "$root$localedir/zh_CN/LC_MESSAGES/zicha.mo" ]; then
  expected=$(LANGUAGE=zh_CN LC_ALL=C.UTF-8 TEXTDOMAINDIR="$root$localedir" gettext zicha "Commands:")
  out=$(LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$root$bindir/zicha-cli" --help 2>&1 | sed -n 3p)
  if [ "$expected" != "Commands:" ] && [ "$out" = "$expected" ]; then
    echo "ok: the installed zh_CN catalog is used (“$out”)"
  else
    fail "zicha-cli --help under LANGUAGE=zh_CN printed “$out”, expected “$expected”"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures problems with the installation"
  exit 1
fi
echo "the installation in $root is complete"
