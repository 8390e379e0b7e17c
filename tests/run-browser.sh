#!/bin/sh
# Browser tests: codes the sample corpus with a tiny dictionary written here, starts the annalist
# binary given as $1 with `serve` on a free loopback port, and drives the page in Debian's
# headless Chromium with playwright-core (tests/browser/test_page.mjs). Screenshots go to
# tests/out/. Prints one summary line CI can read:  browser: N passed, M failed
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(pwd)
out=$root/tests/out
mkdir -p "$out"
if [ ! -x /usr/bin/chromium ] || [ ! -d web/node_modules/playwright-core ] || [ ! -f web/dist/index.html ]; then
  echo "browser: needs /usr/bin/chromium, web/node_modules and web/dist (make deps web)"
  echo "browser: 0 passed, 1 failed"
  exit 1
fi
work=$(mktemp -d /tmp/annalist-browser.XXXXXX)
printf 'IRAQ [IRQ]\nIRAN [IRN]\nTEHRAN [IRN]\nUNITED_STATES [USA]\nWASHINGTON [USA]\nSYRIA [SYR]\nHEZBOLLAH [LBNREB]\nISRAEL [ISR]\n' > "$work/t.actors"
printf 'CONDEMN [111]\nMEET [040]\nACCUSE [112]\nATTACK [190]\nWARN [130]\nTHREATEN [130]\nSTRIKE [190]\n' > "$work/t.verbs"
printf 'PRESIDENT [~GOVPRS]\nARMY [~MIL]\n' > "$work/t.agents"
if ! "$bin" ingest data/sample --db "$work/t.db" --dict "$work/t.actors" --dict "$work/t.verbs" \
     --dict "$work/t.agents" > "$work/ingest.log" 2>&1; then
  cat "$work/ingest.log"; echo "browser: 0 passed, 1 failed"; exit 1
fi
# One article without a date, so that the IRN-USA dyad has an undated column to check.
printf '{"id":"undated-1","outlet":"Browser test","title":"Undated","text":"Washington condemned Tehran."}\n' > "$work/undated.jsonl"
if ! "$bin" ingest "$work/undated.jsonl" --db "$work/t.db" --dict "$work/t.actors" \
     --dict "$work/t.verbs" --dict "$work/t.agents" >> "$work/ingest.log" 2>&1; then
  cat "$work/ingest.log"; echo "browser: 0 passed, 1 failed"; exit 1
fi
# serve DB OUT A B [EXPECT_UNDATED]: runs the page test against `annalist serve` on DB (with a
# non-empty fifth argument, the A-B dyad must have undated events); returns its status and adds
# its counts to $work/counts.
serve_and_test() {
  "$bin" serve --db "$1" --port 0 --web web/dist --quiet > "$work/serve.out" 2> "$work/serve.err" &
  pid=$!
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    cat "$work/serve.err"; kill "$pid" 2>/dev/null; echo "0 1" >> "$work/counts"; return 1
  fi
  EXPECT_UNDATED=${5:-} node tests/browser/test_page.mjs "http://127.0.0.1:$port/" "$2" "$3" "$4" \
    > "$work/page.log" 2>&1
  test_rc=$?
  grep -v '^browser:' "$work/page.log"
  sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/page.log" >> "$work/counts"
  grep -q '^browser:' "$work/page.log" || { echo "0 1" >> "$work/counts"; test_rc=1; }
  # The server must stop cleanly on SIGTERM (and, under ASan, without leaks).
  kill -TERM "$pid"
  wait "$pid"
  src=$?
  if [ $src -ne 0 ]; then
    echo "FAIL  the server exited $src on SIGTERM:"; cat "$work/serve.err"
    echo "0 1" >> "$work/counts"; test_rc=1
  fi
  return $test_rc
}
: > "$work/counts"
rc=0
echo "--- the sample corpus, coded with a tiny dictionary"
serve_and_test "$work/t.db" "$out" IRN USA 1 || rc=1
p2=${SHARED:-../shared}/reference/petrarch2
if [ -f "$p2/CAMEO.2.0.txt" ] && [ -d "${SHARED:-../shared}/seeds" ]; then
  echo "--- the seeds, coded with PETRARCH2's dictionaries"
  "$bin" ingest "${SHARED:-../shared}/seeds" --db "$work/seeds.db" --dict "$p2/CAMEO.2.0.txt" \
    --dict "$p2/Phoenix.Countries.actors.txt" --dict "$p2/Phoenix.International.actors.txt" \
    --dict "$p2/Phoenix.MilNonState.actors.txt" --dict "$p2/Phoenix.agents.txt" > /dev/null 2>&1 || rc=1
  serve_and_test "$work/seeds.db" "$out/seeds" IRQ IRN || rc=1
fi
awk '{p += $1; f += $2} END {printf "browser: %d passed, %d failed\n", p, f}' "$work/counts"
[ $rc -eq 0 ] && rm -rf "$work"
exit $rc
