#!/bin/bash
# 17-money.sh - money: rates and their dates, budgets in any currency
# converted to US cents (exactly, rounded half up, kept at the rate of
# their date), contributions to projects and to the Trust Fund, donors
# resolved, funds received and shortfalls by project, entity, pillar,
# gender marker and portfolio reconciled to the cent against sums made
# here independently from the database, the Trust Fund's ranking,
# appeals, the gender marker; every refusal leaves the database as it
# was; the audit trail; the roles on the API (reads public, rates,
# contributions and appeals by the secretariat, a budget and a gender
# marker by who may change the project).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI" \
	"view --role viewer" "adm --role admin"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 || echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
rows() { q "SELECT (SELECT count(*) FROM rate) || ' ' || (SELECT count(*) FROM budget) || ' ' || (SELECT count(*) FROM contribution) || ' ' || (SELECT count(*) FROM appeal) || ' ' || (SELECT count(*) FROM audit)"; }
"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
MINE=$(json 'j.projects.find(p=>p.entities[0].key==="UNICRI").id' "$WORK/all.json")
OTHER=$(json 'j.projects.find(p=>!p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
P3=$(json 'j.projects[2].id' "$WORK/all.json")
P4=$(json 'j.projects[3].id' "$WORK/all.json")

# --- rates -----------------------------------------------------------------
before=$(rows)
out=$("$CTM" rates add EUR 1,08 --date 2018-01-01 2>&1)
contains "rates: a decimal comma is refused" "is no rate" "$out"
out=$("$CTM" rates add EUR 1.08 --date 2018-02-30 2>&1)
contains "rates: 30 February is no day" '"2018-02-30" is no day' "$out"
out=$("$CTM" rates add XYZ 1.5 --date 2018-01-01 2>&1)
contains "rates: an unknown currency is refused" "XYZ is no currency" "$out"
out=$("$CTM" rates add USD 1 --date 2018-01-01 2>&1)
contains "rates: the dollar has no rate" "worth one US dollar" "$out"
out=$("$CTM" rates add EUR 5000 --date 2018-01-01 2>&1)
contains "rates: 5000 dollars a euro is taken for a typo" "out of range" "$out"
equal "rates: the refusals stored nothing" "$before" "$(rows)"
"$CTM" rates add EUR 1.0843 --date 2018-01-01 --source "test" >/dev/null
"$CTM" rates add JPY 0.006712345 --date 2018-01-01 >/dev/null
"$CTM" rates add KWD 3.25 --date 2018-01-01 >/dev/null
equal "rates: three recorded" 3 "$(q 'SELECT count(*) FROM rate')"

# --- budgets ---------------------------------------------------------------
out=$("$CTM" budget set "$MINE" 10 --currency GBP --date 2018-06-01 2>&1)
contains "budget: no rate of GBP on or before the date" "no rate of GBP" "$out"
out=$("$CTM" budget set "$MINE" 100 --currency EUR --date 2017-12-31 2>&1)
contains "budget: a rate from a later date does not serve" "no rate of EUR" "$out"
out=$("$CTM" budget set "$MINE" 12.345 --date 2018-06-01 2>&1)
contains "budget: three decimals of a dollar are refused" "more decimals" "$out"
out=$("$CTM" budget set "$MINE" 100.5 --currency JPY --date 2018-06-01 2>&1)
contains "budget: the yen has no decimals" "more decimals than the currency's 0" "$out"
out=$("$CTM" budget set "$MINE" 12,34 --date 2018-06-01 2>&1)
contains "budget: 12,34 is no sum" "no sum of money" "$out"
out=$("$CTM" budget set 999999 100 --date 2018-06-01 2>&1)
contains "budget: of no project" "no project 999999" "$out"
equal "budget: the refusals stored nothing" 0 "$(q 'SELECT count(*) FROM budget')"
"$CTM" budget set "$MINE" "250,000" --currency EUR --date 2018-06-01 >/dev/null
equal "budget: EUR 250,000.00 at 1.0843 is USD 271,075.00 to the cent" \
	"25000000 EUR 27107500 1084300000 2018-01-01" \
	"$(q "SELECT amount, currency, usd, usd_e9, rate_date FROM budget WHERE project_id = $MINE" | tr '|' ' ')"
"$CTM" budget set "$OTHER" "1,000,000" --currency JPY --date 2018-06-01 >/dev/null
equal "budget: JPY 1,000,000 at 0.006712345 rounds half up to 671,235 cents" \
	671235 "$(q "SELECT usd FROM budget WHERE project_id = $OTHER")"
"$CTM" budget set "$P3" 1.234 --currency KWD --date 2018-06-01 >/dev/null
equal "budget: KWD 1.234 (1,234 fils) at 3.25 is 401 cents" \
	"1234 401" "$(q "SELECT amount, usd FROM budget WHERE project_id = $P3" | tr '|' ' ')"
# A later rate changes no past conversion, only sums of its date on.
"$CTM" rates add EUR 1.2 --date 2019-01-01 >/dev/null
equal "budget: a later rate leaves the budget as converted" 27107500 \
	"$(q "SELECT usd FROM budget WHERE project_id = $MINE")"
"$CTM" budget set "$P4" 1000 --currency EUR --date 2019-03-01 >/dev/null
equal "budget: a sum of 2019 takes the rate of 2019" "120000 2019-01-01" \
	"$(q "SELECT usd, rate_date FROM budget WHERE project_id = $P4" | tr '|' ' ')"
"$CTM" budget show "$MINE" --format json >"$WORK/b1.json"
equal "budget show: the sum as a decimal string and in minor units" \
	"250000.00 25000000 271075.00 27107500 1.0843" \
	"$(json '[j.budget.amount,j.budget.amount_minor,j.budget.usd,j.budget.usd_cents,j.budget.rate].join(" ")' "$WORK/b1.json")"

# --- contributions -----------------------------------------------------------
before=$(rows)
out=$("$CTM" contributions add --donor "Qatar" --amount 0 --date 2018-01-05 2>&1)
contains "contributions: nothing is no contribution" "of nothing is none" "$out"
out=$("$CTM" contributions add --amount 5 --date 2018-01-05 2>&1)
contains "contributions: a donor is required" "donor is required" "$out"
out=$("$CTM" contributions add --donor Qatar --amount 5 --date 2018 2>&1)
contains "contributions: the date is a day" "is no day" "$out"
out=$("$CTM" contributions add --donor Qatar --amount 5 --date 2018-03-01 --project 999999 2>&1)
contains "contributions: to no project" "no project 999999" "$out"
equal "contributions: the refusals stored nothing" "$before" "$(rows)"
"$CTM" contributions add --donor "Kingdom of Saudi Arabia" --amount "1,000,000" --date 2018-03-01 >/dev/null
"$CTM" contributions add --donor SAU --amount 250000.50 --date 2018-04-01 >/dev/null
"$CTM" contributions add --donor "European Union" --amount 50000 --currency EUR \
	--date 2018-07-01 --project "$MINE" --trust-fund >/dev/null
"$CTM" contributions add --donor "Qatar" --amount 30000 --date 2018-08-01 \
	--project "$OTHER" >/dev/null
"$CTM" contributions add --donor "The Acme Foundation" --amount 7.25 \
	--date 2018-08-01 --in-kind >/dev/null
"$CTM" contributions add --donor "Japan" --amount 999999 --currency JPY \
	--date 2018-08-01 --project "$P3" --trust-fund >/dev/null
equal "contributions: donors resolved (Saudi Arabia by name and code, the EU by alias, a foundation as written)" \
	"SAU SAU EU QAT - JPN" \
	"$(q "SELECT coalesce(o.key, p.iso3, '-') FROM contribution c LEFT JOIN organisation o ON o.id = c.donor_org_id LEFT JOIN place p ON p.id = c.donor_place_id ORDER BY c.id" | tr '\n' ' ' | sed 's/ $//')"
equal "contributions: earmarked iff for a project; the Trust Fund unless direct" \
	"0|1 0|1 1|1 1|0 0|1 1|1" \
	"$(q "SELECT earmarked || '|' || trust_fund FROM contribution ORDER BY id" | tr '\n' ' ' | sed 's/ $//')"
"$CTM" contributions list --format json >"$WORK/c.json"
equal "contributions list: the in-kind gift is in kind" in_kind \
	"$(json 'j.contributions.find(c=>c.donor==="The Acme Foundation").kind' "$WORK/c.json")"

# --- the Trust Fund's ranking ----------------------------------------------
"$CTM" trust-fund --format json >"$WORK/tf.json"
equal "trust fund: donors ranked by what they gave, the greatest first" \
	"SAU EU JPN The Acme Foundation" \
	"$(json 'j.donors.map(d=>d.key).join(" ")' "$WORK/tf.json")"
equal "trust fund: Saudi Arabia's two contributions in one line, to the cent" \
	"125000050 2" "$(json '[j.donors[0].usd_cents,j.donors[0].contributions].join(" ")' "$WORK/tf.json")"
equal "trust fund: the total is the database's sum of Trust Fund contributions" \
	"$(q 'SELECT sum(usd) FROM contribution WHERE trust_fund = 1')" \
	"$(json 'j.total_cents' "$WORK/tf.json")"
equal "trust fund: a direct contribution is not the Trust Fund's" false \
	"$(json 'j.donors.some(d=>d.key==="QAT")' "$WORK/tf.json")"

# --- funding: reconciled to the cent ---------------------------------------
# What each project received and lacks, computed here from the tables.
# what each budget lacks (none when covered): b.usd less what came
LACK="b.usd - coalesce((SELECT sum(usd) FROM contribution c WHERE c.project_id = b.project_id), 0)"
SHORT="SELECT coalesce(sum(CASE WHEN $LACK > 0 THEN $LACK ELSE 0 END), 0) FROM budget b"
"$CTM" funding --by portfolio --format json >"$WORK/fp.json"
equal "funding: the portfolio's budget is the sum of the budgets" \
	"$(q 'SELECT sum(usd) FROM budget')" "$(json 'j.total.budget_cents' "$WORK/fp.json")"
equal "funding: received is what was earmarked for projects" \
	"$(q 'SELECT sum(usd) FROM contribution WHERE project_id IS NOT NULL')" \
	"$(json 'j.total.received_cents' "$WORK/fp.json")"
equal "funding: the shortfall is each budget less what its project got, never below nothing" \
	"$(q "$SHORT")" "$(json 'j.total.shortfall_cents' "$WORK/fp.json")"
equal "funding: an overfunded project fills no other's gap (KWD 1.234 budget, JPY gift)" \
	0 "$("$CTM" budget show "$P3" --format json | json 'j.shortfall_cents' /dev/stdin)"
for by in entity pillar gender project; do
	"$CTM" funding --by $by --format json >"$WORK/f$by.json"
	equal "funding by $by: the groups add up to the portfolio, to the cent" \
		"$(json '[j.total.budget_cents,j.total.received_cents,j.total.shortfall_cents,j.total.projects].join(" ")' "$WORK/fp.json")" \
		"$(json '(s=>[s("budget_cents"),s("received_cents"),s("shortfall_cents"),s("projects")].join(" "))(k=>j.groups.reduce((a,g)=>a+g[k],0))' "$WORK/f$by.json")"
done
equal "funding by entity: UNICRI's budget is its projects'" \
	"$(q "SELECT sum(b.usd) FROM budget b WHERE (SELECT o.organisation_id FROM project_org o WHERE o.project_id = b.project_id ORDER BY position LIMIT 1) = (SELECT id FROM organisation WHERE key = 'UNICRI')")" \
	"$(json 'j.groups.find(g=>g.key==="UNICRI").budget_cents' "$WORK/fentity.json")"
status "funding: a grouping that is none" 2 -- "$CTM" funding --by colour

# --- the gender marker -----------------------------------------------------
out=$("$CTM" gender "$MINE" 4 2>&1)
contains "gender: 4 is no level" "is none" "$out"
"$CTM" gender "$MINE" 2 >/dev/null
"$CTM" gender "$OTHER" GEN3 >/dev/null
equal "gender: levels stored" "2 3" \
	"$(q "SELECT gender_marker FROM project WHERE id IN ($MINE, $OTHER) ORDER BY id = $OTHER" | tr '\n' ' ' | sed 's/ $//')"
"$CTM" gender --format json >"$WORK/g.json"
equal "gender: the budget at level 2 is that of its project" \
	"$(q "SELECT usd FROM budget WHERE project_id = $MINE")" \
	"$(json 'j.groups.find(g=>g.key==="2").budget_cents' "$WORK/g.json")"
equal "gender: the shares of the budget add up to 100% (within rounding)" true \
	"$(json 'Math.abs(j.groups.reduce((a,g)=>a+g.share_bp,0)-10000)<=j.groups.length' "$WORK/g.json")"
contains "gender: each level says what it means" "principal objective" \
	"$(json 'j.groups.map(g=>g.definition).join("|")' "$WORK/g.json")"
"$CTM" gender "$OTHER" 1 --demo >/dev/null
equal "gender --demo: the marker is a demonstration record" "1|1" \
	"$(q "SELECT gender_marker || '|' || gender_demo FROM project WHERE id = $OTHER")"
contains "  and says so" "a demonstration record" "$("$CTM" gender "$OTHER")"
"$CTM" funding --by gender --format json >"$WORK/gd.json"
equal "  the funding by gender counts it among the demonstration records" 1 \
	"$(json 'j.groups.find(g=>g.key==="1").demo_projects' "$WORK/gd.json")"
"$CTM" gender "$OTHER" none --demo >/dev/null
equal "gender: none clears the marker, and its demonstration mark" "|0" \
	"$(q "SELECT coalesce(CAST(gender_marker AS text), '') || '|' || gender_demo FROM project WHERE id = $OTHER")"

# --- appeals ---------------------------------------------------------------
out=$("$CTM" appeals add "Bad Key" --title T 2>&1)
contains "appeals: a key is lower-case" "is no key" "$out"
out=$("$CTM" appeals add mya --title T --projects "$MINE,999999" 2>&1)
contains "appeals: of projects that exist" "no project 999999" "$out"
out=$("$CTM" appeals add new --title T --projects "$MINE" 2>&1)
contains "appeals: the key new is kept for the page that makes one" "is kept" "$out"
equal "appeals: the refusals stored nothing" 0 "$(q 'SELECT count(*) FROM appeal')"
"$CTM" appeals add mya-2018 --title "Multi-Year Appeal" --issued 2018-05 \
	--projects "$MINE,$OTHER,$P4" >/dev/null
"$CTM" appeals show mya-2018 --format json >"$WORK/ap.json"
equal "appeals: its projects" "$(echo "$MINE $OTHER $P4" | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//')" \
	"$(json 'j.projects.map(p=>+p.key).sort((a,b)=>a-b).join(" ")' "$WORK/ap.json")"
equal "appeals: the shortfall it makes known is its projects', to the cent" \
	"$(q "SELECT sum(CASE WHEN $LACK > 0 THEN $LACK ELSE 0 END) FROM budget b WHERE b.project_id IN ($MINE, $OTHER, $P4)")" \
	"$(json 'j.total.shortfall_cents' "$WORK/ap.json")"

# --- the audit trail -------------------------------------------------------
equal "audit: every change has its entry" \
	"appeal:1 budget:4 contribution:6 gender:4 rate:4" \
	"$(q "SELECT subject || ':' || count(*) FROM audit WHERE subject IN ('rate','budget','contribution','appeal','gender') GROUP BY subject ORDER BY subject" | tr '\n' ' ' | sed 's/ $//')"

# --- the API: reads public, changes by role --------------------------------
serve_start
B="http://$ADDR"
API="$B/api/v1"
declare -A TOK
for u in sec fp view adm; do TOK[$u]=$("$CTM" token "$u"); done
call() { # call METHOD PATH WHO [BODY]: the status; the body in $WORK/b
	local a=()
	[ -n "$3" ] && a=(-H "Authorization: Bearer ${TOK[$3]}")
	curl -s -o "$WORK/b" -w '%{http_code}' -X "$1" "${a[@]}" ${4:+--data "$4"} "$API$2"
}
equal "API: the funding table is public" 200 "$(call GET /funding?by=pillar '')"
equal "API: the Trust Fund's contributors are public" 200 "$(call GET /trust-fund '')"
equal "API: a project's money is public" 200 "$(call GET "/projects/$MINE/budget" '')"
equal "API: its shortfall as the CLI says" \
	"$("$CTM" budget show "$MINE" --format json | json 'j.shortfall_cents' /dev/stdin)" \
	"$(json 'j.shortfall_cents' "$WORK/b")"
equal "API: the money of no project" 404 "$(call GET /projects/999999/budget '')"
C='{"donor":"Norway","amount":"10,000","received":"2019-02-01"}'
before=$(rows)
equal "API: without a token, no contribution" 401 "$(call POST /contributions '' "$C")"
equal "API: a viewer records no contribution" 403 "$(call POST /contributions view "$C")"
equal "API: a focal point records no contribution" 403 "$(call POST /contributions fp "$C")"
equal "API: nor a rate" 403 "$(call POST /rates fp '{"currency":"EUR","rate":"1.1","date":"2019-05-01"}')"
equal "API: nor an appeal" 403 "$(call POST /appeals fp '{"key":"x","title":"X"}')"
equal "API: a focal point sets no budget of another entity's project" 403 \
	"$(call PUT "/projects/$OTHER/budget" fp '{"amount":"5"}')"
equal "API: nor its gender marker" 403 "$(call PUT "/projects/$OTHER/gender" fp '{"gender_marker":1}')"
equal "API: a sum as a JSON number with a fraction is refused" 422 \
	"$(call POST /contributions sec '{"donor":"Norway","amount":10.5,"received":"2019-02-01"}')"
equal "API: the refusals stored nothing" "$before" "$(rows)"
equal "API: the secretariat records a contribution" 201 "$(call POST /contributions sec "$C")"
equal "API: the donor resolved" "NOR 1000000" "$(json '[j.donor_key,j.money.usd_cents].join(" ")' "$WORK/b")"
CID=$(json 'j.id' "$WORK/b")
equal "API: a focal point sets its own project's budget" 200 \
	"$(call PUT "/projects/$MINE/budget" fp '{"amount":"300,000","currency":"EUR","as_of":"2018-09-01"}')"
equal "API: converted at the rate of its date" 32529000 "$(json 'j.budget.usd_cents' "$WORK/b")"
equal "API: and its gender marker" 200 "$(call PUT "/projects/$MINE/gender" fp '{"gender_marker":1}')"
equal "API: the marker says what it means" 1 "$(json 'j.gender_marker' "$WORK/b")"
equal "API: the secretariat records a rate" 201 \
	"$(call POST /rates sec '{"currency":"GBP","rate":"1.27","date":"2019-05-01"}')"
equal "API: the secretariat issues an appeal" 201 \
	"$(call POST /appeals sec "{\"key\":\"mya-2019\",\"title\":\"Appeal\",\"projects\":[$MINE]}")"
AID=$(q "SELECT id FROM appeal WHERE key = 'mya-2019'")
equal "API: the appeal is public" 200 "$(call GET "/appeals/$AID" '')"
equal "API: a viewer deletes no contribution" 403 "$(call DELETE "/contributions/$CID" view)"
equal "API: the secretariat deletes one" 204 "$(call DELETE "/contributions/$CID" sec)"
equal "API: gone" 0 "$(q "SELECT count(*) FROM contribution WHERE id = $CID")"
equal "API: funding as CSV" "key,name,projects,budgeted,budget_usd,received_usd,shortfall_usd" \
	"$(curl -s "$API/funding?by=entity&format=csv" | head -1 | tr -d '\r')"
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null

