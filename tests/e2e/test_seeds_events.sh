# Key events of the seed articles (../shared/seeds, skipped when absent): ingests them with
# annalist's own dictionaries and checks each line of tests/seeds/checks.tsv against the events
# table (source, target, code, event date of the sentence named by a substring; an id is matched
# against the event's source_id/target_id). Prints every failing check and the pass count; fails
# below FLOOR (raise it as the coder improves; it may only rise).
. "$ROOT/tests/e2e/lib.sh"
FLOOR=64
[ -d "$SHARED/seeds" ] || { echo "no $SHARED/seeds: skipped"; exit 0; }
checks=$ROOT/tests/seeds/checks.tsv
run 0 ingest "$SHARED/seeds" --db test.db --quiet # codes with annalist's own dictionaries
expect_ge "$(sql 'select count(*) from events')" 1 "events coded from the seeds"

q() { printf '%s' "$1" | sed "s/'/''/g"; } # an SQL string literal's inside
# side COLUMN SPEC: the SQL condition for one actor of a check
side() {
  case $2 in
    -) echo 1 ;;
    *\*) echo "e.$1 LIKE '$(q "${2%\*}")%'" ;;
    *) echo "(e.${1}_id = '$(q "$2")' OR e.$1 = '$(q "$2")')" ;;
  esac
}
codes_sql() {
  out=0
  for c in $(echo "$1" | tr ',' ' '); do
    case $c in
      ??) out="$out OR e.root = $((1$c - 100))" ;;
      *) out="$out OR e.code LIKE '$c%'" ;;
    esac
  done
  echo "($out)"
}
total=0; passed=0; key=0; key_total=0; section=
tab=$(printf '\t')
while IFS="$tab" read -r seed sub src tgt codes date; do
  case $seed in
    "# -- the issue's key events"*) section=key; continue ;;
    "# --"*) section=; continue ;;
    ''|\#*) continue ;;
  esac
  total=$((total + 1))
  [ "$section" = key ] && key_total=$((key_total + 1))
  where="instr(a.path, '/${seed}_') > 0 AND instr(s.text, '$(q "$sub")') > 0"
  cond="$(side source "$src") AND $(side target "$tgt") AND $(codes_sql "$codes")"
  [ "$date" = - ] || cond="$cond AND e.event_date = '$date'"
  from="FROM events e JOIN sentences s ON s.id = e.sentence_id
        JOIN articles a ON a.id = e.article_id"
  n=$(sql "SELECT count(*) $from WHERE $where AND $cond")
  if [ "$n" -gt 0 ]; then
    passed=$((passed + 1))
    [ "$section" = key ] && key=$((key + 1))
  else
    found=$(sql "SELECT count(*) FROM sentences s JOIN articles a ON a.id = s.article_id
                  WHERE $where")
    [ "$found" -gt 0 ] || { echo "check failed: $seed \"$sub\": no such sentence"; continue; }
    got=$(sql "SELECT group_concat(coalesce(e.source_id, e.source) || ' -> ' ||
                 coalesce(e.target_id, e.target) || ' ' || e.code ||
                 coalesce(' @' || e.event_date, ''), '; ') $from WHERE $where")
    echo "check failed: $seed \"$sub\": want $src -> $tgt $codes$(
      [ "$date" = - ] || printf ' @%s' "$date"); got: ${got:-no event}"
  fi
done < "$checks"
echo "seed event checks: $passed of $total passed (floor $FLOOR); the issue's key events:" \
  "$key of $key_total"
[ "$total" -ge 60 ] || fail "only $total checks in $checks"
expect_ge "$passed" "$FLOOR" "seed event checks passed"
