#!/usr/bin/env bash
# check-notices-faketime.sh — the 72-hour rectification clock end to end,
# with the clocks of both programs moved by libfaketime
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-notices-faketime.sh ZICHA-CLI ZICHA-PLATFORM
#
# The real zicha-platform on 127.0.0.1 and the real zicha-cli, each in its
# own faked time (libfaketime). The platform issues two notices at T0; the
# client's clock is set wrong (two days fast, then a day slow, then three
# days slow) and it still counts the platform's 72 hours, online and
# offline, from the offset it keeps of the platform's Date header. With
# the platform at T0+48:30 and T0+73:30 the countdown shows 23 h left and
# then overdue, and feedback sent then is recorded on time and late by
# the platform's clock. Exit 77 (skipped) without libfaketime.
set -euo pipefail

CLI=$(realpath "$1")
PLATFORM=$(realpath "$2")
USCC=123502004263091794
T0_EPOCH=1772438400   # 2026-03-02 08:00:00 UTC

LIBFAKETIME=
for dir in /usr/lib/*/faketime /usr/lib/faketime; do
  if [ -f "$dir/libfaketimeMT.so.1" ]; then LIBFAKETIME=$dir/libfaketimeMT.so.1; break; fi
done
if [ -z "$LIBFAKETIME" ]; then
  echo "libfaketime is not installed (Debian package faketime): skipped"
  exit 77
fi

export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=C
# Fake the wall clock only: GLib's timeouts and libsoup need a monotonic
# clock that runs normally.
export FAKETIME_DONT_FAKE_MONOTONIC=1
unset ZICHA_TOKEN ZICHA_SERVER

WORK=$(mktemp -d)
SERVER_PID=
cleanup () {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

failures=0
fail () { echo "FAIL: $*"; failures=$((failures + 1)); }

# "YYYY-MM-DD HH:MM:SS" (UTC) of T0 plus $1 minutes; date(1) does the
# calendar arithmetic. Every moment below is half an hour off the hour, so
# the hours shown (rounded down) never sit on a boundary.
moment () { date -u -d "@$((T0_EPOCH + $1 * 60))" '+%Y-%m-%d %H:%M:%S'; }

# Starts the platform with its clock at T0 + $1 minutes; sets URL. The
# library itself is preloaded (the faketime(1) wrapper forks, and $! must
# be the server).
start_server () {
  rm -f serve.out
  LD_PRELOAD=$LIBFAKETIME FAKETIME="@$(moment "$1")" "$PLATFORM" serve --db platform.db --port 0 --address 127.0.0.1 >serve.out 2>&1 &
  SERVER_PID=$!
  URL=
  for _ in $(seq 1 100); do
    URL=$(grep -so 'http://127\.0\.0\.1:[0-9]*' serve.out | head -n 1 || true)
    [ -n "$URL" ] && return 0
    sleep 0.1
  done
  echo "zicha-platform did not start:"; cat serve.out
  exit 1
}

stop_server () {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# zicha-cli with its own clock at T0 + $1 minutes.
client () {
  local start
  start=$(moment "$1"); shift
  LD_PRELOAD=$LIBFAKETIME FAKETIME="@$start" "$CLI" --db client.db "$@"
}

# The line of notice $1 in `zicha-cli notices` output $2.
notice_line () { printf '%s\n' "$2" | grep "^${1:0:8} " || true; }

expect_left () {   # NOTICE OUTPUT EXPECTED WHAT
  local line
  line=$(notice_line "$1" "$2")
  case "$line" in
    *"$3"*) echo "ok: $4: $3" ;;
    *) fail "$4: expected '$3' in: ${line:-no line for $1}"; printf '%s\n' "$2" ;;
  esac
}

"$PLATFORM" add-unit --db platform.db "$USCC" 测试学校 | tail -n 1 >token
chmod 600 token

# T0: the platform detects two threats (notify writes to its database).
notify () {
  LD_PRELOAD=$LIBFAKETIME FAKETIME="@$(moment 0)" "$PLATFORM" notify --db platform.db "$USCC" "$@" | tail -n 1
}
N1=$(notify --target http://www.example.edu.cn --type weak_password --severity high --detail "后台管理弱口令")
N2=$(notify --target 10.1.2.3 --type exposed_service --severity medium --detail "数据库端口对外开放")
completed () { date -u -d "@$((T0_EPOCH + $1 * 3600))" '+%Y-%m-%dT%H:%M:%SZ'; }

# The platform at T0+0:30; the client's clock is two days fast.
start_server 30
out=$(client $((48 * 60 + 30)) notices --sync --server "$URL" --token-file token)
expect_left "$N1" "$out" "71 h left" "synced at T0+0:30 with a clock two days fast"
# Offline, the kept offset still counts by the platform's clock.
stop_server
out=$(client $((53 * 60 + 30)) notices)
expect_left "$N1" "$out" "66 h left" "offline five hours later, clock still fast"

# The platform at T0+48:30; the client's clock is now a day slow.
start_server $((48 * 60 + 30))
out=$(client $((-23 * 60 - 30)) notices --sync --server "$URL" --token-file token)
expect_left "$N1" "$out" "23 h left" "synced at T0+48:30 with a clock a day slow"
client $((-23 * 60 - 30)) feedback "$N1" --measures "已修改后台管理口令并启用双因素认证" --completed "$(completed 47)"   --responsible 林晓峰 --retest "复测未发现弱口令" --server "$URL" --token-file token >/dev/null \
  || fail "feedback on $N1 at T0+48:30 was not received"
stop_server

# The platform at T0+73:30: the second notice is overdue, online and offline.
start_server $((73 * 60 + 30))
out=$(client 30 notices --sync --server "$URL" --token-file token)
expect_left "$N2" "$out" "overdue 1 h" "synced at T0+73:30 with a clock three days slow"
stop_server
out=$(client 150 notices)
expect_left "$N2" "$out" "overdue 3 h" "offline two hours later"
start_server $((75 * 60 + 30))
client 150 feedback "$N2" --measures "已关闭数据库端口对外访问" --completed "$(completed 72)"   --responsible 林晓峰 --retest "端口扫描确认已关闭" --server "$URL" --token-file token >/dev/null \
  || fail "feedback on $N2 at T0+75:30 was not received"
stop_server

# The platform judges by its own clock: the first answered on time, the
# second late.
listing=$("$PLATFORM" list-notices --db platform.db)
case "$(printf '%s\n' "$listing" | grep "$N1" || true)" in
  *on-time*) echo "ok: $N1 answered on time" ;;
  *) fail "$N1 not on time:"; printf '%s\n' "$listing" ;;
esac
case "$(printf '%s\n' "$listing" | grep "$N2" || true)" in
  *late*) echo "ok: $N2 answered late" ;;
  *) fail "$N2 not late:"; printf '%s\n' "$listing" ;;
esac

[ "$failures" -eq 0 ]
