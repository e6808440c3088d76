#!/bin/bash
# 23-review.sh - defects found in review of results, money pages and the
# annex, each proved by a check that failed before its fix: the command
# line's moves of a report (--as) saying no more of a draft than the API
# does; the table of `results show` keeping each row's result and report
# ids however many indicators and values come after; the thematic areas
# refusing a key that names no area and keeping the areas before a change
# in the audit trail.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

DB=$CTMATRIX_DB
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
PW="a long enough password"
for u in "sec --role secretariat" "fp --role focal_point --entity UNICRI" \
	"fp2 --role focal_point --entity UNODC" "view --role viewer"; do
	# shellcheck disable=SC2086
	echo "$PW" | "$CTM" user add $u >/dev/null 2>&1 ||
		echo "not ok - user add $u"
done
q() { dbq --db "$DB" "$1"; }
MINE=$(q "SELECT min(p.id) FROM project p JOIN project_org o ON
	o.project_id = p.id JOIN organisation g ON g.id = o.organisation_id
	WHERE g.key = 'UNICRI' AND NOT EXISTS (SELECT 1 FROM project_org x
	JOIN organisation y ON y.id = x.organisation_id WHERE x.project_id = p.id
	AND y.key = 'UNODC')")
check "fixture: a project of UNICRI's, not UNODC's" -- test -n "$MINE"

# --- the command line's moves say nothing of a draft to who may not see it --
O=$("$CTM" results add "$MINE" --level outcome --statement "Zzoutcome")
I=$("$CTM" indicators add "$O" --name "Zzone" --unit people --target 100)
"$CTM" report "$MINE" 2025-Q1 --value "$I=5" >/dev/null
for who in fp2 view; do
	for verb in submit withdraw approve delete; do
		draft=$("$CTM" report "$verb" "$MINE" 2025-Q1 --as "$who" 2>&1)
		rc1=$?
		none=$("$CTM" report "$verb" "$MINE" 2025-Q3 --as "$who" 2>&1)
		rc2=$?
		equal "moves --as $who: $verb of a draft answers as of no report" \
			"$rc2 ${none//2025-Q3/P}" "$rc1 ${draft//2025-Q1/P}"
	done
done
"$CTM" report submit "$MINE" 2025-Q1 >/dev/null
out=$("$CTM" report submit "$MINE" 2025-Q1 --as fp2 2>&1)
contains "moves --as fp2: a submitted one neither" "has no report of 2025-Q1" "$out"
"$CTM" report approve "$MINE" 2025-Q1 >/dev/null
out=$("$CTM" report withdraw "$MINE" 2025-Q1 --as fp2 2>&1)
contains "moves --as fp2: an approved one is public: not its to move" \
	"its entity's projects" "$out"
out=$("$CTM" report withdraw "$MINE" 2025-Q1 --as fp 2>&1)
contains "moves --as fp: its own project's approved report is locked" "locked" "$out"
check "moves --as fp: its own project's reports move" -- \
	"$CTM" report "$MINE" 2025-Q2 --value "$I=1" --as fp
check "moves --as fp: and submits" -- "$CTM" report submit "$MINE" 2025-Q2 --as fp
check "moves --as sec: the secretariat approves" -- "$CTM" report approve "$MINE" 2025-Q2 --as sec

# --- results show: every row keeps its own ids ---------------------------------
for n in 2 3 4 5 6 7 8 9; do
	"$CTM" indicators add "$O" --name "Zzind$n" --unit people --target 100 >/dev/null
done
args=()
for i in $(q "SELECT i.id FROM indicator i JOIN result r ON r.id = i.result_id
	WHERE r.project_id = $MINE ORDER BY i.id"); do
	args+=(--value "$i=5")
done
"$CTM" report "$MINE" 2025-Q3 "${args[@]}" >/dev/null
"$CTM" report submit "$MINE" 2025-Q3 >/dev/null
"$CTM" report approve "$MINE" 2025-Q3 >/dev/null
R3=$(q "SELECT id FROM result_report WHERE project_id = $MINE AND period = '2025-Q3'")
"$CTM" results show "$MINE" >"$WORK/show.txt"
# Rows: result, level, (outcome: none here), indicator, name, ...
equal "results show: each indicator's row names its result, no outcome" \
	"$O outcome" \
	"$(awk '$4 ~ /^Zz/ { print $1, $2 }' "$WORK/show.txt" | sort -u | paste -sd' ')"
equal "results show: nine indicator rows" 9 "$(awk '$4 ~ /^Zz/' "$WORK/show.txt" | wc -l)"
equal "results show: the report of nine values keeps its id" "$R3" \
	"$(awk '$2 == "2025-Q3" { print $1 }' "$WORK/show.txt")"

# --- thematic areas ---------------------------------------------------------------
read -r A1 A2 <<<"$("$CTM" areas --format csv | sed -n '2,3p' | cut -d, -f1 | paste -sd' ')"
check "areas: two areas set" -- "$CTM" areas "$MINE" "$A1" "$A2"
n=$(q "SELECT count(*) FROM audit")
out=$("$CTM" areas "$MINE" "$A1,$A2" 2>&1)
equal "areas: a key with a comma names no area (exit 1)" 1 $?
contains "  and says so" "no thematic area" "$out"
equal "  the project keeps its areas" "$(printf '%s\n' "$A1" "$A2" | sort | paste -sd' ')" \
	"$("$CTM" areas "$MINE" --format csv | sed 1d | cut -d, -f1 | sort | paste -sd' ')"
equal "  nothing in the audit trail" "$n" "$(q "SELECT count(*) FROM audit")"
check "areas: one area" -- "$CTM" areas "$MINE" "$A1"
equal "audit: the areas before the change are in the trail" \
	"$(printf '%s\n' "$A1" "$A2" | sort | paste -sd' ')" \
	"$(q "SELECT old FROM audit WHERE subject = 'project' AND action = 'areas'
		ORDER BY id DESC LIMIT 1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).sort().join(" "))}catch(e){console.log("unreadable: "+s.trim())}})')"

# --- a total made of its categories is held to the limit of a typed one ------
BIG=$("$CTM" indicators add "$O" --name "Zzbig" --unit tonnes --categories a,b)
before=$(q "SELECT count(*) FROM result_report")
out=$("$CTM" report "$MINE" 2025-Q4 --value "$BIG:a=1,000,000,000,000" \
	--value "$BIG:b=1,000,000,000,000" 2>&1)
equal "values: categories adding up past the limit are refused (exit 1)" 1 $?
contains "  saying the total is too big" "too big" "$out"
equal "  nothing stored" "$before" "$(q "SELECT count(*) FROM result_report")"
out=$("$CTM" report "$MINE" 2025-Q4 --value "$BIG=2,000,000,000,000" \
	--value "$BIG:a=1,000,000,000,000" --value "$BIG:b=1,000,000,000,000" 2>&1)
equal "  as the same total typed is (exit 1)" 1 $?
check "values: categories up to the limit are taken" -- \
	"$CTM" report "$MINE" 2025-Q4 --value "$BIG:a=999,999,999,999" --value "$BIG:b=1"
equal "  with their total" 1000000000000000 \
	"$(q "SELECT value FROM result_value v JOIN result_report r ON r.id = v.report_id
		WHERE r.project_id = $MINE AND r.period = '2025-Q4' AND v.indicator_id = $BIG AND v.category = ''")"

# --- a report is submitted only with values that fit its indicators now -----
SH=$("$CTM" indicators add "$O" --name "Zzshare" --unit "%" --aggregate last --categories a,b)
"$CTM" report "$MINE" 2026-Q1 --value "$SH=10" --value "$SH:a=3" --value "$SH:b=3" >/dev/null
check "submit: a draft's indicator may still change (to sum)" -- \
	"$CTM" indicators set "$SH" --aggregate sum
before=$(q "SELECT status FROM result_report WHERE project_id = $MINE AND period = '2026-Q1'")
out=$("$CTM" report submit "$MINE" 2026-Q1 --as fp 2>&1)
equal "submit: categories that no longer add up are refused (exit 1)" 1 $?
contains "  saying why" "add up to 6, not to its total 10" "$out"
equal "  the report stays a draft" "$before" \
	"$(q "SELECT status FROM result_report WHERE project_id = $MINE AND period = '2026-Q1'")"
check "submit: written again, it goes" -- \
	"$CTM" report "$MINE" 2026-Q1 --value "$SH:a=3" --value "$SH:b=3" --as fp
check "  and is submitted" -- "$CTM" report submit "$MINE" 2026-Q1 --as fp
"$CTM" report withdraw "$MINE" 2026-Q1 >/dev/null
check "submit: categories changed under a draft" -- \
	"$CTM" indicators set "$SH" --categories c,d
status "  refuse its submission" 1 -- "$CTM" report submit "$MINE" 2026-Q1
