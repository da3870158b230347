#!/bin/sh
# check-man.sh — the man pages format without a warning and cover every
# command and option the programs themselves list.
#
#   check-man.sh SOURCE_ROOT ZICHA_CLI [ZICHA_PLATFORM]
#
# Formatting: `man --warnings -l` (or `groff -man -ww -z`), whose warnings
# go to stderr without changing the exit status, so any stderr output
# fails. Coverage: every command of `PROGRAM --help` has a `.SS` section in
# its page, and every long option of `PROGRAM COMMAND --help` appears there.
# Exit 77 (skipped) when neither man nor groff is installed.
set -eu
srcdir=${1:?usage: check-man.sh SOURCE_ROOT ZICHA_CLI [ZICHA_PLATFORM]}
cli=${2:?usage: check-man.sh SOURCE_ROOT ZICHA_CLI [ZICHA_PLATFORM]}
platform=${3:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The programs' help in English, as the pages are written.
export LANGUAGE=C LC_ALL=C.UTF-8

if command -v man >/dev/null 2>&1; then
  format () { man --warnings -E UTF-8 -l "$1"; }
elif command -v groff >/dev/null 2>&1; then
  format () { groff -man -ww -Tutf8 "$1"; }
else
  echo "neither man nor groff is installed: skipped"
  exit 77
fi

status=0

# check_page PAGE PROGRAM: format PAGE, then compare it with PROGRAM's help.
check_page () {
  page=$1 program=$2
  name=$(basename "$page")

  if ! format "$page" > "$tmp/out" 2> "$tmp/err"; then
    echo "$name: the formatter failed:"; cat "$tmp/err"; status=1
  elif [ -s "$tmp/err" ]; then
    echo "$name: formatting warnings:"; cat "$tmp/err"; status=1
  else
    echo "$name: formats without warnings"
  fi

  [ -n "$program" ] || return 0
  # The page's text with roff's escaped hyphens made plain, to search in.
  sed 's/\\-/-/g' "$page" > "$tmp/page"
  # "  name ARGS…" lines of the usage, under "Commands:".
  "$program" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' \
    > "$tmp/commands"
  if [ ! -s "$tmp/commands" ]; then
    echo "$name: could not read the commands from $program --help"; status=1; return 0
  fi
  for command in $(cat "$tmp/commands"); do
    if ! grep -q "^\.SS \"$command[\" ]" "$tmp/page"; then
      echo "$name: no section for the command “$command”"; status=1
    fi
    "$program" "$command" --help 2>/dev/null | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' \
      | grep -v '^help' > "$tmp/options" || true
    for option in $(cat "$tmp/options"); do
      if ! grep -q -- "--$option\\([^a-z-]\\|\$\\)" "$tmp/page"; then
        echo "$name: the option --$option of “$command” is not documented"; status=1
      fi
    done
  done
  echo "$name: $(wc -l < "$tmp/commands") commands checked against $(basename "$program") --help"
}

check_page "$srcdir/data/zicha-cli.1" "$cli"
if [ -n "$platform" ] && [ -x "$platform" ]; then
  check_page "$srcdir/data/zicha-platform.1" "$platform"
else
  check_page "$srcdir/data/zicha-platform.1" ""
fi

exit $status
