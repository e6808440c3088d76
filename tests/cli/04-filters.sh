#!/bin/bash
# 04-filters.sh - the filters of `projects` and `stats` on the real data:
# equivalent spellings, aliases, sub-units, country names, regions and
# groupings, combination, stats totals, pagination.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "setup: import of the real matrix" 0 $?
"$CTM" projects --format json >"$WORK/all.json" 2>/dev/null
ALL=$WORK/all.json

# q ARGS...: run `projects ARGS --format json`, leave it in $Q (also when
# called in $(...)), print its sorted ids
Q=$WORK/last.json
q() {
	"$CTM" projects "$@" --format json >"$Q" 2>"$WORK/q.err" || { echo "ERROR: $(cat "$WORK/q.err")"; return; }
	ids "$Q"
}
qt() { q "$@" >/dev/null; json 'j.total' "$Q"; }
# expect IDS computed from all.json with a JS predicate over project x
expect() { json "j.projects.filter(x=>($1)).map(x=>x.id).sort((a,b)=>a-b).join(\" \")" "$ALL"; }

# --- pillar --------------------------------------------------------------
p2=$(q --pillar II)
equal "--pillar II gives the 56 projects of pillar II" 56 "$(json 'j.total' "$Q")"
equal "--pillar II ids are those of pillar II" "$(expect 'x.pillar==="II"')" "$p2"
equal "--pillar 2 equals --pillar II" "$p2" "$(q --pillar 2)"
equal "--pillar \"Pillar II\" equals --pillar II" "$p2" "$(q --pillar "Pillar II")"
equal "--pillar ii equals --pillar II" "$p2" "$(q --pillar ii)"
equal "--pillar I gives 120" 120 "$(qt --pillar I)"
equal "--pillar III gives 0 on this data" 0 "$(qt --pillar III)"

# --- entity --------------------------------------------------------------
u=$(q --entity UNESCO)
equal "--entity UNESCO = projects listing UNESCO" "$(expect 'x.entities.some(e=>e.key==="UNESCO")')" "$u"
check "fixture sanity: UNESCO has many projects" -- test "$(json 'j.total' "$Q")" -gt 50
equal "--entity unesco (case) equals --entity UNESCO" "$u" "$(q --entity unesco)"
# UNESCO as it appears in the entity cells of the file, lead or partner
# (the count of rows naming UNESCO among the entities, read from the data)
equal "--entity UNESCO count equals the rows whose entity cell names UNESCO (from the file)" \
	"$(awk -F"\t" '$1 ~ /^[0-9]+$/ && ($2 ~ /<b>([^<]*, )?UNESCO(, [^<]*)?<\/b> *$/ || $2 ~ / UNESCO$/)' "$DATA" | wc -l)" \
	"$(echo "$u" | wc -w)"
h=$(q --entity HCDH)
equal "--entity HCDH (alias) equals --entity OHCHR" "$(q --entity OHCHR)" "$h"
equal "--entity OHCHR finds I 110 and I 111" "$(expect 'x.pillar==="I"&&(x.serial===110||x.serial===111)')" "$h"
equal "--entity \"UN WOMEN\" equals --entity UN-Women" "$(q --entity UN-Women)" "$(q --entity "UN WOMEN")"
equal "--entity PAM equals --entity WFP" "$(q --entity WFP)" "$(q --entity PAM)"
d=$(q --entity DPKO)
ddr=$(q --entity DPKO-DDR)
unmas=$(q --entity DPKO-UNMAS)
check "fixture sanity: DPKO-DDR and DPKO-UNMAS have projects" -- test -n "$ddr" -a -n "$unmas"
check "--entity DPKO includes the DPKO-DDR projects" -- subset "$ddr" "$d"
check "--entity DPKO includes the DPKO-UNMAS projects" -- subset "$unmas" "$d"
check "--entity DPKO includes DPKO-OMA (II 37)" -- subset "$(expect 'x.pillar==="II"&&x.serial===37')" "$d"
check "--entity DPKO includes DPKO itself (II 38)" -- subset "$(expect 'x.pillar==="II"&&x.serial===38')" "$d"
equal "--entity DPKO = projects with a DPKO or DPKO-* entity" \
	"$(expect 'x.entities.some(e=>/^DPKO(-|$)/.test(e.key))')" "$d"
check "--entity DPKO-DDR does not include DPKO-UNMAS-only projects" -- bash -c "! echo ' $ddr ' | grep -q ' $(expect 'x.pillar==="I"&&x.serial===21') '"

# --- country -------------------------------------------------------------
ng=$(q --country NGA)
equal "--country NGA = projects naming Nigeria" "$(expect 'x.places.some(p=>p.key==="NGA")')" "$ng"
check "fixture sanity: Nigeria has projects" -- test -n "$ng"
equal "--country Nigeria equals --country NGA" "$ng" "$(q --country Nigeria)"
equal "--country nga equals --country NGA" "$ng" "$(q --country nga)"
check "--country NGA includes II 26 Aviation Security Training in Nigeria" -- \
	subset "$(expect 'x.pillar==="II"&&x.serial===26&&/Nigeria/.test(x.title)')" "$ng"
ml=$(q --country MLI)
equal "--country MLI = projects naming Mali" "$(expect 'x.places.some(p=>p.key==="MLI")')" "$ml"

# --- region --------------------------------------------------------------
sa=$(q --region Sahel)
check "--region Sahel includes the Mali projects" -- subset "$ml" "$sa"
check "--region Sahel includes the Nigeria projects (Sahel member)" -- subset "$ng" "$sa"
check "--region Sahel includes I 1 (scope: Sahel, Maghreb)" -- subset "$(expect 'x.pillar==="I"&&x.serial===1')" "$sa"
check "--region Sahel includes I 53 (Sahel and Lake Chad)" -- subset "$(expect 'x.pillar==="I"&&x.serial===53')" "$sa"
check "--region Sahel excludes I 2 (Indonesia)" -- bash -c "! echo ' $sa ' | grep -q ' $(expect 'x.pillar==="I"&&x.serial===2') '"
equal "--region sahel (case) equals --region Sahel" "$sa" "$(q --region sahel)"
# I 68 names five Sahel members (BFA, MLI, NER, MRT, SEN): a list read
# off the region's links meets it five times, and shows it once.
check "fixture sanity: I 68 names five Sahel members" -- test \
	"$(json 'j.projects.find(x=>x.pillar==="I"&&x.serial===68).places.filter(p=>["BFA","MLI","NER","MRT","SEN"].includes(p.key)).length' "$ALL")" = 5
for f in "" "--status ongoing" "--status completed"; do
	# shellcheck disable=SC2086
	"$CTM" projects --region Sahel $f --format json >"$WORK/rs.json" 2>/dev/null
	equal "--region Sahel $f: each project once, as many as the total" \
		"$(json 'j.total+" "+j.total' "$WORK/rs.json")" \
		"$(json 'j.projects.length+" "+new Set(j.projects.map(x=>x.id)).size' "$WORK/rs.json")"
	equal "--region Sahel $f: in the default order (pillar, serial, id)" \
		"$(json 'j.projects.map(x=>x.id).join(" ")' "$WORK/rs.json")" \
		"$(json 'j.projects.slice().sort((a,b)=>a.pillar<b.pillar?-1:a.pillar>b.pillar?1:(a.serial-b.serial)||(a.id-b.id)).map(x=>x.id).join(" ")' "$WORK/rs.json")"
	# shellcheck disable=SC2086
	equal "--region Sahel $f: the table has a line a project" \
		"$(json 'j.total' "$WORK/rs.json")" \
		"$("$CTM" projects --region Sahel $f 2>/dev/null | tail -n +2 | wc -l)"
	# shellcheck disable=SC2086
	equal "--region Sahel $f: CSV has a line a project" \
		"$(json 'j.total' "$WORK/rs.json")" \
		"$("$CTM" projects --region Sahel $f --format csv 2>/dev/null | tail -n +2 | grep -c '^[0-9]')"
done
equal "--region Sahel --status ongoing lists I 68" 1 \
	"$(q --region Sahel --status ongoing | tr ' ' '\n' | grep -cx "$(expect 'x.pillar==="I"&&x.serial===68')")"
af=$(q --region Africa)
check "--region Africa includes the Mali projects" -- subset "$ml" "$af"
check "--region Africa includes the Sahel-named project I 1" -- subset "$(expect 'x.pillar==="I"&&x.serial===1')" "$af"
check "--region Africa includes II 28 (scope: Africa)" -- subset "$(expect 'x.pillar==="II"&&x.serial===28')" "$af"
check "--region Africa excludes I 2 (Indonesia)" -- bash -c "! echo ' $af ' | grep -q ' $(expect 'x.pillar==="I"&&x.serial===2') '"
equal "--region 002 (M49 code of Africa) equals --region Africa" "$af" "$(q --region 002)"
ca=$(q --region "Central Asia")
check "--region \"Central Asia\" includes I 62 (Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan)" -- \
	subset "$(expect 'x.pillar==="I"&&x.serial===62')" "$ca"
check "--region \"Central Asia\" includes II 26 Phase III (scope: Central Asia)" -- \
	subset "$(expect 'x.pillar==="II"&&x.serial===26&&/Phase III/.test(x.title)')" "$ca"

# --- status --------------------------------------------------------------
on=$(q --status Ongoing)
equal "--status Ongoing equals --status ongoing" "$(q --status ongoing)" "$on"
equal "--status ongoing = projects with status ongoing" "$(expect 'x.status==="ongoing"')" "$on"
equal "--status \"In development\" equals --status in_development" "$(q --status in_development)" "$(q --status "In development")"
equal "statuses partition the portfolio" 176 $(($(qt --status ongoing) + $(qt --status completed) + $(qt --status in_development)))

# --- combination (AND) ---------------------------------------------------
c=$(q --entity UNESCO --country MLI)
equal "--entity UNESCO --country MLI = both" "$(expect 'x.entities.some(e=>e.key==="UNESCO")&&x.places.some(p=>p.key==="MLI")')" "$c"
check "fixture sanity: the combination is non-empty and narrower than either" -- \
	test -n "$c" -a "$c" != "$ml" -a "$c" != "$u"
c3=$(q --pillar I --status completed --region Africa)
equal "--pillar I --status completed --region Africa = all three" \
	"$(json "(()=>{const a=new Set('$af'.split(' ').map(Number));return j.projects.filter(x=>x.pillar==='I'&&x.status==='completed'&&a.has(x.id)).map(x=>x.id).sort((a,b)=>a-b).join(' ')})()" "$ALL")" "$c3"
equal "--pillar II --entity UNESCO" "$(expect 'x.pillar==="II"&&x.entities.some(e=>e.key==="UNESCO")')" "$(q --pillar II --entity UNESCO)"
equal "filters that exclude each other give nothing" 0 "$(qt --country NGA --country MLI --pillar I --entity WCO)"

# --- stats with filters --------------------------------------------------
# st ARGS...: total of `stats ARGS --format json`
st() { "$CTM" stats "$@" --format json >"$WORK/st.json" 2>/dev/null; json 'j.total' "$WORK/st.json"; }
for f in "--pillar II" "--entity UNESCO" "--entity DPKO" "--country NGA" "--region Sahel" "--status completed" \
	"--entity UNESCO --country MLI" "--pillar I --status completed --region Africa" "--search radicalization"; do
	for by in pillar entity country; do
		# shellcheck disable=SC2086
		equal "stats --by $by $f: total equals projects $f" "$(qt $f)" "$(st --by $by $f)"
	done
done
"$CTM" stats --by status --entity UNESCO --format json >"$WORK/st.json" 2>/dev/null
equal "stats --by status --entity UNESCO: groups add up to the total (one status per project)" \
	"$(json 'j.total' "$WORK/st.json")" "$(json 'j.groups.reduce((s,g)=>s+g.count,0)' "$WORK/st.json")"

# --- stats --by entity: a project counts in each of its groups, once in total
"$CTM" stats --by entity --format json >"$WORK/se.json" 2>/dev/null
equal "stats --by entity total counts projects once (176)" 176 "$(json 'j.total' "$WORK/se.json")"
equal "stats --by entity: sum of groups = number of (project, entity) pairs" \
	"$(json 'j.projects.reduce((s,x)=>s+new Set(x.entities.map(e=>e.key)).size,0)' "$ALL")" \
	"$(json 'j.groups.reduce((s,g)=>s+g.count,0)' "$WORK/se.json")"
check "stats --by entity: the sum of groups exceeds the total (multi-entity projects)" -- \
	test "$(json 'j.groups.reduce((s,g)=>s+g.count,0)' "$WORK/se.json")" -gt 176
equal "stats --by entity: UNESCO group = --entity UNESCO count" "$(echo "$u" | wc -w)" \
	"$(json 'j.groups.find(g=>g.key==="UNESCO").count' "$WORK/se.json")"
equal "stats --by entity: UNDP group counts I 65 (UNDP as third partner)" \
	"$(expect 'x.entities.some(e=>e.key==="UNDP")' | wc -w)" "$(json 'j.groups.find(g=>g.key==="UNDP").count' "$WORK/se.json")"
equal "stats --by entity: I 65 counts in UNESCO, UN-Women and UNDP (UN-Women group)" \
	"$(expect 'x.entities.some(e=>e.key==="UN-Women")' | wc -w)" "$(json '(j.groups.find(g=>g.key==="UN-Women")||{}).count' "$WORK/se.json")"
equal "stats --by entity: no HCDH/PAM/UN WOMEN group (aliases are folded)" 0 \
	"$(json 'j.groups.filter(g=>["HCDH","PAM","UN WOMEN"].includes(g.key)).length' "$WORK/se.json")"
"$CTM" stats --by entity --pillar I --format json >"$WORK/se1.json" 2>/dev/null
equal "stats --by entity --pillar I: total 120" 120 "$(json 'j.total' "$WORK/se1.json")"
"$CTM" stats --by status --format json >"$WORK/ss.json" 2>/dev/null
equal "stats --by status keys" "completed,in_development,ongoing" "$(json 'j.groups.map(g=>g.key).sort().join(",")' "$WORK/ss.json")"
equal "stats --by status ongoing = --status ongoing" "$(echo "$on" | wc -w)" "$(json 'j.groups.find(g=>g.key==="ongoing").count' "$WORK/ss.json")"
"$CTM" stats --by scope --format json >"$WORK/sc.json" 2>/dev/null
equal "stats --by scope keys are global/regional/national" true \
	"$(json 'j.groups.every(g=>["global","regional","national"].includes(g.key))' "$WORK/sc.json")"
equal "stats --by scope global = projects with scope global" "$(expect 'x.scope.includes("global")' | wc -w)" \
	"$(json 'j.groups.find(g=>g.key==="global").count' "$WORK/sc.json")"
"$CTM" stats --by country --format json >"$WORK/sco.json" 2>/dev/null
equal "stats --by country keys are ISO alpha-3" true "$(json 'j.groups.every(g=>/^[A-Z]{3}$/.test(g.key))' "$WORK/sco.json")"
equal "stats --by country NGA = --country NGA" "$(echo "$ng" | wc -w)" "$(json 'j.groups.find(g=>g.key==="NGA").count' "$WORK/sco.json")"

# --- pagination ----------------------------------------------------------
all=$(q)
p1=$(q --limit 10)
equal "--limit 10 lists 10" 10 "$(echo "$p1" | wc -w)"
equal "--limit 10: total still counts every match" 176 "$(json 'j.total' "$Q")"
pg=""
for off in 0 50 100 150; do
	q --limit 50 --offset $off >/dev/null
	pg="$pg $(json 'j.projects.map(x=>x.id).join(" ")' "$Q")"
done
q >/dev/null
equal "--limit 50 --offset 0/50/100/150 pages through everything in order, once" \
	"$(json 'j.projects.map(x=>x.id).join(" ")' "$Q")" "$(echo $pg)"
q --limit 5 --offset 3 >/dev/null
o=$(json 'j.projects.map(x=>x.id).join(" ")' "$Q")
q --limit 8 >/dev/null
equal "--limit 5 --offset 3 = items 4..8 of the full list" "$(json 'j.projects.slice(3,8).map(x=>x.id).join(" ")' "$Q")" "$o"
equal "--offset past the end lists nothing" 0 "$(q --offset 1000 >/dev/null; json 'j.projects.length' "$Q")"
status "--limit 0 is accepted" 0 -- "$CTM" projects --limit 0 --format json
equal "--pillar II --limit 5 lists 5 of 56" "5 56" "$(q --pillar II --limit 5 >/dev/null; json 'j.projects.length+" "+j.total' "$Q")"
equal "--limit applies to csv too" 6 "$("$CTM" projects --limit 5 --format csv 2>/dev/null | wc -l)"

# --- a project met twice by one filter's links ----------------------------
# An entity and its sub-unit on one project (DPKO and DPKO-DDR), a country
# named beside another of the same region: `--entity DPKO` and `--region
# Africa` each meet project 1 by two links, and list it once.
cat >"$WORK/units.md" <<'MD'
#### Pillar I of the UN Global Counter-Terrorism Strategy

2 projects

Serial	Project Title/Duration/CTITF Entities	Status of Implementation	Main Activities	Geographical Scope
1	Demobilisation support in Mali and Niger (2016–2019) <b>DPKO, DPKO-DDR</b>	Ongoing	Supporting demobilisation.	Mali, Niger
2	Mine action in Mali (2016–2019) <b>DPKO-UNMAS</b>	Completed	Clearing mines.	Mali
MD
U=$WORK/units.db
"$CTM" --db "$U" import annex --quiet "$WORK/units.md" >/dev/null 2>&1
equal "units: the two projects imported" 2 \
	"$("$CTM" --db "$U" projects --format json 2>/dev/null | json 'j.total' /dev/stdin)"
for f in "--entity DPKO" "--entity DPKO --status ongoing" "--region Africa" \
	"--region Sahel --status ongoing" "--country MLI"; do
	# shellcheck disable=SC2086
	"$CTM" --db "$U" projects $f --format json >"$WORK/u.json" 2>/dev/null
	# shellcheck disable=SC2086
	equal "units: $f lists each project once (JSON, table, CSV)" \
		"$(json '[...new Set(j.projects.map(x=>x.id))].join(" ")' "$WORK/u.json") $(json 'j.total' "$WORK/u.json") $(json 'j.total' "$WORK/u.json") $(json 'j.total' "$WORK/u.json")" \
		"$(json 'j.projects.map(x=>x.id).join(" ")' "$WORK/u.json") $(json 'j.projects.length' "$WORK/u.json") $("$CTM" --db "$U" projects $f 2>/dev/null | tail -n +2 | wc -l) $("$CTM" --db "$U" projects $f --format csv 2>/dev/null | tail -n +2 | wc -l)"
done
equal "units: --entity DPKO finds both" "1 2" \
	"$("$CTM" --db "$U" projects --entity DPKO --format json 2>/dev/null | json 'j.projects.map(x=>x.id).join(" ")' /dev/stdin)"
equal "units: --region Africa --status ongoing finds project 1 once" "1" \
	"$("$CTM" --db "$U" projects --region Africa --status ongoing --format json 2>/dev/null | json 'j.projects.map(x=>x.id).join(" ")' /dev/stdin)"

# --- stats by year: each year a project's period spans -------------------
# Counted here from the periods of the list, open ends running to the
# date the source speaks for (its "As of"), and compared with the store's
# count from each project's first and last year (migration 17).
"$CTM" projects --format json >"$WORK/years-all.json" 2>/dev/null
open_id=$(json 'j.projects.find(x=>x.period&&x.period.open_ended&&!x.period.end).id' "$WORK/years-all.json")
asof=$("$CTM" project "$open_id" --format json 2>/dev/null | json 'j.as_of' /dev/stdin)
check "years: an open-ended project of the real data has an as_of ($open_id: $asof)" -- test -n "$asof"
# years_of FILTER: "year:count ..." counted from the list of FILTER
years_of() {
	# shellcheck disable=SC2086
	"$CTM" projects $1 --format json >"$WORK/years.json" 2>/dev/null
	json "(() => { const n = {}; for (const x of j.projects) {
		const p = x.period; if (!p || (!p.start && !p.end)) continue;
		const f = parseInt(p.start || p.end); let t = parseInt(p.end || p.start);
		if (p.open_ended && !p.end) t = Math.max(f, parseInt('$asof'));
		if (f < 1900 || t > 2200 || t < f) continue;
		for (let y = f; y <= t; y++) n[y] = (n[y] || 0) + 1; }
		return Object.keys(n).sort().map(y => y + ':' + n[y]).join(' '); })()" "$WORK/years.json"
}
for f in "" "--pillar II" "--status ongoing" "--region Sahel" "--entity UNODC"; do
	want=$(years_of "$f")
	# shellcheck disable=SC2086
	got=$("$CTM" stats --by year $f --format json 2>/dev/null |
		json 'j.groups.map(g => g.key + ":" + g.count).join(" ")' /dev/stdin)
	check "years: the list of '$f' spans some years" -- test -n "$want"
	equal "years: stats --by year $f counts each year a period spans" "$want" "$got"
done
