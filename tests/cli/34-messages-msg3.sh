#!/bin/bash
# 34-messages-msg3.sh - what `ctmatrix check` finds, the importer's notes,
# the tables' keys, the usage lines and the plan reader's places in the
# command's (or the page's) language: composed at display time from each
# finding's kind and fields (the numbers read back from the English kept
# with it), while JSON, CSV and English keep every byte they had.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
"$CTM" import annex --quiet "$FIX/edge-pillar3.md" >/dev/null 2>&1
equal "the edge cases of pillar III import" 0 $?

# --- check: English as ever, twice (the second read from the cache) ---------
for n in 1 2; do
	out=$("$CTM" check 2>&1)
	contains "en check ($n): a count mismatch" \
		"pillar II declares 55 projects but 56 were found" "$out"
	contains "en check ($n): an unknown entity, the kind a key" \
		'pillar III, serial 8: unknown entity "Zyzzogeton Institute"' \
		"$(printf '%s\n' "$out" | grep '^unknown-entity ')"
	contains "en check ($n): a note of the reader, without serial" \
		'line 24 inside a table is not a row and was ignored' "$out"
done

# --- check in Russian, Arabic, Chinese, French ---------------------------------
out=$("$CTM" --lang ru check 2>&1)
contains "ru check: the count mismatch, numbers and all" \
	"в компоненте II заявлено проектов: 55, найдено: 56" "$out"
contains "ru check: the duplicate serial" \
	"номер 26 компонента II присвоен нескольким проектам: 2" "$out"
contains "ru check: a missing serial, its kind named" \
	"пропущенный номер" "$out"
contains "ru check: the serial's defect in the source row" \
	": строка 26: номер «12a» не является числом" \
	"$(printf '%s\n' "$out" | grep '^неверный номер .*компонент III, проект ')"
lacks "  not in English" "declares 55 projects" "$out"
lacks "  no kind as a key" "count-mismatch" "$out"
out=$("$CTM" --lang ar check 2>&1)
contains "ar check: an unknown entity" \
	"الركيزة III، الرقم التسلسلي 8: كيان غير معروف «Zyzzogeton Institute»" "$out"
contains "ar check: an organisation as a place" \
	"«APG» في النطاق الجغرافي منظمة وليس مكانًا" "$out"
out=$("$CTM" --lang zh check 2>&1)
contains "zh check: the reader's note on a stray line" \
	"表格中的第24行不是一行，已忽略：“Source: synthetic stray note" "$out"
out=$("$CTM" --lang fr check --format csv 2>&1)
contains "fr check CSV: the same bytes as in English (a key, English)" \
	'unknown-place,III,10,"pillar III, serial 10: unknown place ""Atlantis"""' "$out"
out=$("$CTM" --lang fr check 2>&1)
contains "fr check: an unknown place in French" \
	"pilier III, numéro 10 : lieu inconnu « Atlantis »" "$out"
"$CTM" --lang ru check --format json >"$WORK/f.json" 2>&1
equal "ru check JSON: the message stays English" \
	"pillar II declares 55 projects but 56 were found" \
	"$(json 'j.findings.find(f=>f.kind==="count-mismatch").message' "$WORK/f.json")"

# --- project ID and projects: the keys as labels, in a table only ------------
ID=$("$CTM" projects --format json --limit 500 |
	json 'j.projects.find(p=>p.status==="ongoing"&&p.scope.length===1&&p.scope[0]==="regional").id' /dev/stdin)
check "fixture: an ongoing regional project" -- test -n "$ID"
out=$("$CTM" --lang ar project "$ID" 2>&1)
contains "ar project: the status as a label" "جارٍ التنفيذ" "$out"
contains "ar project: the scope as a label" "إقليمي" "$out"
lacks "  not the key" "ongoing" "$out"
out=$("$CTM" project "$ID" 2>&1)
contains "en project: the status a key, as ever" "status            ongoing" "$out"
contains "en project: the scope a key, as ever" "scope             regional" "$out"
out=$("$CTM" --lang ru project "$ID" --format csv 2>&1)
contains "ru project CSV: keys" ",ongoing," "$out"
out=$("$CTM" --lang ru projects --pillar I --limit 3 2>&1)
contains "ru projects: the statuses as labels" "осуществляется" "$out"
out=$("$CTM" --lang es stats --by scope 2>&1)
contains "es stats by scope: the names as labels" "regional  regional" "$("$CTM" stats --by scope)"
contains "  in Spanish" "mundial" "$out"

# --- the usage lines -----------------------------------------------------------
out=$("$CTM" --lang fr plan stats 2>&1)
equal "fr: plan stats without a file says its usage in French" \
	"ctmatrix: usage : ctmatrix plan stats FILE" "$out"
out=$("$CTM" --lang ru needs show 2>&1)
equal "ru: needs show without an id" \
	"ctmatrix: использование: ctmatrix needs show ID" "$out"
out=$("$CTM" plan stats 2>&1)
equal "en: the same usage" "ctmatrix: usage: ctmatrix plan stats FILE" "$out"

# --- the plan reader's warnings: where, in the command's language ------------
printf 'Measure 1. [text (+RUS)\n\n2. more words (+RUS)\n' >"$WORK/p.txt"
out=$("$CTM" --lang fr plan stats "$WORK/p.txt" 2>&1 >/dev/null)
contains "fr plan stats: the unclosed bracket's place in French" "(mesure 2)" "$out"
out=$("$CTM" plan stats "$WORK/p.txt" 2>&1 >/dev/null)
contains "en plan stats: in English" "read as closed before line 3 (measure 2)" "$out"

# --- the findings page in Russian --------------------------------------------
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null 2>&1
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
signin sec "$PW" "$WORK/jar" >/dev/null
get "/?lang=ru" "$WORK/jar" >/dev/null
equal "ru: the findings page" 200 "$(get /findings "$WORK/jar")"
contains "  the count mismatch in Russian" \
	"в компоненте II заявлено проектов: 55, найдено: 56" "$(body)"
lacks "  not in English" "declares 55 projects" "$(body)"
get "/?lang=en" "$WORK/jar" >/dev/null
get /findings "$WORK/jar" >/dev/null
contains "en: the findings page in English" \
	"pillar II declares 55 projects but 56 were found" "$(body)"
kill -TERM "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
lacks "the server reported no memory error (under the sanitizers)" "Sanitizer" \
	"$(cat "$WORK/serve.log")"
exit 0
