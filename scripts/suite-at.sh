#!/usr/bin/env sh
# Runs vitest with the machine's clock moved to a given moment and zone (libfaketime), to show
# that no test depends on the hour, the date or the zone it runs in.
#
#   scripts/suite-at.sh '2026-12-03 23:30:00' Asia/Shanghai packages/gateway/src/e2e/webhooks.test.ts
#   scripts/suite-at.sh '2026-12-31 23:59:30' Asia/Shanghai demo-sites
#   scripts/suite-at.sh '2026-03-08 01:59:00' America/Los_Angeles packages/engine
#
# The first argument is a local time in the zone given second; the clock is moved there and then
# runs at normal speed. Any further arguments go to `vitest run` (files, folders, `-t name`);
# without them the whole suite runs. Needs `faketime` (Debian/Ubuntu: `apt-get install faketime`,
# macOS: `brew install libfaketime`) and a `pnpm build` first, as `pnpm test` does.
#
# Servers started outside the run (PostgreSQL, Redis) keep the real time; a test that compares
# their clock with the gateway's must inject the gateway's clock anyway.
set -eu

if [ "$#" -lt 2 ]; then
  echo "usage: $0 'YYYY-MM-DD HH:MM:SS' Area/City [vitest arguments...]" >&2
  exit 2
fi
at=$1
zone=$2
shift 2

if ! command -v faketime >/dev/null 2>&1; then
  echo "$0: faketime not found (apt-get install faketime, or brew install libfaketime)" >&2
  exit 2
fi

# An offset from the real time rather than a start time: every process the run starts (vitest's
# workers, gateways in processes of their own, Chromium) then reads the same moved clock, where
# libfaketime's start-at mode would start each child process at the given time again.
target=$(TZ="$zone" node -e 'const t = Date.parse(process.argv[1].replace(" ", "T")); if (Number.isNaN(t)) process.exit(1); console.log(Math.floor(t / 1000))' "$at") || {
  echo "$0: cannot read the time '$at' (YYYY-MM-DD HH:MM:SS)" >&2
  exit 2
}
offset=$((target - $(date +%s)))
case $offset in -*) ;; *) offset="+$offset" ;; esac
export TZ="$zone"
echo "suite-at: $(faketime -f "${offset}s" date '+%Y-%m-%d %H:%M:%S %Z (%z)'), ${offset}s from now" >&2
exec faketime -f "${offset}s" npx vitest run "$@"
