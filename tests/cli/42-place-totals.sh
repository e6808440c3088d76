#!/bin/bash
# 42-place-totals.sh - the projects and budgets of each place, kept by the
# writes (place_total, migration 15), that answer `stats --by country` and
# `stats --by country --sum budget` of the whole portfolio: after every
# kind of write that moves a link or a budget (a bulk load into an empty
# store, an import into a full one, a re-import that moves an activity's
# countries, a budget set, changed in another currency and removed, a
# project's places edited and the project deleted through the API, a
# failed import) the kept totals equal the totals counted from the links,
# and the command's answer equals the answer of the counting query with
# the countries' codes.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

IATI=$TOP/tests/data/iati
DFID=$IATI/datastore-dfid-CD-v1.01.xml
SIDA=$IATI/datastore-sida-v1.00.xml

COUNTED="SELECT pp.place_id, count(*), count(b.usd), coalesce(sum(b.usd), 0)
	FROM project_place pp LEFT JOIN budget b ON b.project_id = pp.project_id
	WHERE pp.place_id IS NOT NULL GROUP BY pp.place_id ORDER BY 1"
KEPT="SELECT place_id, projects, budgets, usd FROM place_total
	WHERE projects > 0 ORDER BY 1"
ALL_COUNTED="SELECT (SELECT count(*) FROM project), count(*),
	coalesce(sum(usd), 0) FROM budget"
ALL_KEPT="SELECT projects, budgets, usd FROM portfolio_total"
# The groups the command should print: countries by budget, then code.
EXPECTED="SELECT c.iso3 || ':' || g.n || ':' || g.nb || ':' || g.usd
	FROM (SELECT pp.place_id, count(*) AS n, count(b.usd) AS nb,
	coalesce(sum(b.usd), 0) AS usd FROM project_place pp
	LEFT JOIN budget b ON b.project_id = pp.project_id
	WHERE pp.place_id IS NOT NULL GROUP BY pp.place_id) g
	JOIN place c ON c.id = g.place_id AND c.kind = 'country'
	ORDER BY g.usd DESC, c.iso3"

# agree WHEN: the kept totals are the counted ones, and `stats` says so
agree() {
	local kept counted
	kept=$(dbq "$KEPT")
	counted=$(dbq "$COUNTED")
	if [ -n "$counted" ] && [ "$kept" = "$counted" ]; then
		echo "ok - $1: the totals kept are the totals counted ($(wc -l <<<"$counted") places)"
	else
		echo "not ok - $1: the totals kept are the totals counted"
		diff <(echo "$counted") <(echo "$kept") | head -10 | sed 's/^/#   /'
	fi
	equal "  and the portfolio's" "$(dbq "$ALL_COUNTED")" "$(dbq "$ALL_KEPT")"
	"$CTM" stats --by country --sum budget --format json >"$WORK/s.json" 2>&1
	equal "  stats --by country --sum budget" \
		"$(dbq "$ALL_COUNTED" | cut -d'|' -f1,3) $(dbq "$EXPECTED" | tr '\n' ' ')" \
		"$(json 'j.total+"|"+j.usd_cents+" "+j.groups.map(g=>g.key+":"+g.count+":"+g.budgets+":"+g.usd_cents).join(" ")+" "' "$WORK/s.json")"
	"$CTM" stats --by country --format json >"$WORK/c.json" 2>&1
	equal "  stats --by country: the same counts" \
		"$(json 'j.groups.map(g=>g.key+":"+g.count).sort().join(" ")' "$WORK/s.json")" \
		"$(json 'j.groups.map(g=>g.key+":"+g.count).sort().join(" ")' "$WORK/c.json")"
}

# --- a bulk load into an empty store, then writes one by one -------------------
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports into an empty store" 0 $?
agree "the matrix loaded"
if [ "${CTM_BACKEND:-}" = pg ]; then
	TRIGGERS="SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'total_%'"
else
	TRIGGERS="SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
		AND name LIKE 'total_%'"
fi
equal "  its triggers are there after the load" 8 "$(dbq "$TRIGGERS")"
before=$(dbq "$KEPT")
dbq "UPDATE project_place SET place_id = (SELECT id FROM place WHERE iso3 = 'FRA')
	WHERE place_id IS NOT NULL" >"$WORK/out" 2>&1
check "a link changed in place is refused (the totals would not follow)" -- \
	grep -q "is not changed" "$WORK/out"
equal "  and the totals are as they were" "$before" "$(dbq "$KEPT")"

MLI=$("$CTM" projects --country MLI --format csv --limit 1 | sed -n '2s/,.*//p')
check "fixture sanity: a project in Mali" -- test -n "$MLI"
"$CTM" budget set "$MLI" 250,000 --date 2018-06-01 >/dev/null
agree "a budget set"
"$CTM" rates add EUR 1.0843 --date 2018-01-01 >/dev/null
"$CTM" budget set "$MLI" 100,000 --currency EUR --date 2018-07-01 >/dev/null
agree "the budget changed, in euros"
"$CTM" budget remove "$MLI" >/dev/null
agree "the budget removed"
"$CTM" budget set "$MLI" 75,000 --date 2018-08-01 >/dev/null

# --- an import into a full store, a re-import that moves countries --------------
"$CTM" import iati --quiet --relevant all "$DFID" "$SIDA" >/dev/null 2>&1
equal "two IATI files import into the full store" 0 $?
agree "activities added to the matrix"
sed -e 's/recipient-country code="CD"/recipient-country code="RW"/' \
	-e 's/recipient-country code="COD"/recipient-country code="RWA"/' "$DFID" >"$WORK/moved.xml"
check "fixture sanity: the copy moves some activity's country" -- \
	test "$(diff "$DFID" "$WORK/moved.xml" | grep -c '^>')" -gt 0
"$CTM" import iati --quiet --relevant all "$WORK/moved.xml" >/dev/null 2>&1
equal "the copy imports again" 0 $?
agree "activities moved to another country"
before=$(dbq "$KEPT")
printf '<iati-activities version="2.03"><iati-activity>\n<broken' >"$WORK/bad.xml"
"$CTM" import iati --quiet --relevant all "$SIDA" "$WORK/bad.xml" >/dev/null 2>&1
equal "an import that fails exits 1" 1 $?
equal "  and leaves the totals as they were" "$before" "$(dbq "$KEPT")"

# --- the API: places edited, a project deleted ---------------------------------
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null
T=$("$CTM" token sec)
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
equal "PATCH the project's places: 200" 200 \
	"$(api_call PATCH "$B/api/v1/projects/$MLI" "$T" '{"places":["Niger","Chad","Mali"]}')"
agree "a project's places edited"
equal "PATCH them again, one fewer: 200" 200 \
	"$(api_call PATCH "$B/api/v1/projects/$MLI" "$T" '{"places":["Chad"]}')"
agree "a place taken off"
equal "DELETE the project: 204" 204 "$(api_call DELETE "$B/api/v1/projects/$MLI" "$T")"
agree "the project deleted"
serve_stop

# --- the same imports into an empty store: one bulk load of IATI ----------------
export CTMATRIX_DB=$WORK/fresh.db
"$CTM" import iati --quiet --relevant all "$DFID" "$SIDA" >/dev/null 2>&1
equal "IATI imports into an empty store" 0 $?
agree "IATI loaded"
