#!/bin/bash
# 40-working-groups.sh - the 21 working groups named in the reader's
# language: the list of `progress` and its report's heading in a table, the
# progress page's choice of group and its summary; English in CSV, JSON
# and the API, the same bytes in every language.  A database made before
# the names were translated (an earlier release's reference data, which
# recorded no stamp) gets them the next time a command opens it; one whose
# data are this binary's is not loaded again.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

# One Compact group and one CTITF group, in each language.
FTF=ctitf-foreign-terrorist-fighters
CFT=criminal-justice-legal-responses-and-cft
name_of() { # name_of LANG KEY: the name data/framework.json gives
	node -e 'const f=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
console.log(f.working_groups.find(w=>w.key===process.argv[3]).name[process.argv[2]]);' \
		"$TOP/data/framework.json" "$1" "$2"
}
declare -A want=(
	[ar:$FTF]="الفريق العامل المعني بالمقاتلين الإرهابيين الأجانب التابع لفرقة العمل المعنية بالتنفيذ في مجال مكافحة الإرهاب"
	[es:$FTF]="Grupo de Trabajo sobre combatientes terroristas extranjeros del Equipo Especial sobre la Ejecución de la Lucha contra el Terrorismo"
	[fr:$FTF]="Groupe de travail de l'Équipe spéciale de lutte contre le terrorisme sur les combattants terroristes étrangers"
	[ru:$FTF]="Рабочая группа по иностранным боевикам-террористам Целевой группы по осуществлению контртеррористических мероприятий"
	[zh:$FTF]="反恐执行工作队外国恐怖主义战斗人员工作组"
	[ar:$CFT]="العدالة الجنائية والتدابير القانونية ومكافحة تمويل الإرهاب"
	[es:$CFT]="Justicia penal, respuestas jurídicas y lucha contra la financiación del terrorismo"
	[fr:$CFT]="Justice pénale, réponses juridiques et lutte contre le financement du terrorisme"
	[ru:$CFT]="Уголовное правосудие, правовые меры и борьба с финансированием терроризма"
	[zh:$CFT]="刑事司法、法律对策和打击资助恐怖主义"
)
EN_FTF="CTITF Working Group on Foreign Terrorist Fighters"
EN_CFT="Criminal Justice, Legal Responses and Countering the Financing of Terrorism"

# --- the reference data --------------------------------------------------------
n=$(node -e 'const f=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
let n=0;for(const w of f.working_groups)for(const l of ["ar","en","es","fr","ru","zh"])if(w.name[l])n++;
console.log(f.working_groups.length+" "+n);' "$TOP/data/framework.json")
equal "framework.json: 21 working groups, each named in the six languages" "21 126" "$n"
for k in "${!want[@]}"; do
	equal "framework.json: ${k%%:*} name of ${k#*:}" "${want[$k]}" "$(name_of "${k%%:*}" "${k#*:}")"
done

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
equal "the database has the 105 names in other languages" 105 \
	"$(dbq "SELECT count(*) FROM working_group_name WHERE lang <> 'en'")"

# --- the command line ------------------------------------------------------------
for l in ar es fr ru zh; do
	out=$("$CTM" --lang "$l" progress 2>&1)
	contains "$l progress: the CTITF group on FTFs in $l" "${want[$l:$FTF]}" "$out"
	contains "  the Compact's group on criminal justice" "${want[$l:$CFT]}" "$out"
	lacks "  not in English" "$EN_CFT" "$out"
	equal "  21 groups" 22 "$(printf '%s\n' "$out" | wc -l)"
done
out=$("$CTM" progress 2>&1)
contains "en progress: the English names, as ever" "$EN_FTF" "$out"
contains "  both" "$EN_CFT" "$out"
for l in ar ru zh; do
	equal "$l progress --format csv: the same bytes as English" \
		"$("$CTM" progress --format csv | md5sum)" \
		"$("$CTM" --lang "$l" progress --format csv | md5sum)"
done
contains "  English names in the CSV" "$EN_FTF" "$("$CTM" --lang zh progress --format csv)"

out=$("$CTM" --lang zh progress --period 2019 --wg "$FTF" 2>&1)
contains "zh progress --wg: the report's heading names the group in Chinese" \
	"${want[zh:$FTF]}" "$out"
out=$("$CTM" --lang ar progress --period 2019 --wg "$CFT" 2>&1)
contains "ar progress --wg: in Arabic" "${want[ar:$CFT]}" "$out"
out=$("$CTM" progress --period 2019 --wg "$FTF" 2>&1)
contains "en progress --wg: in English, as ever" ": $EN_FTF" "$out"
"$CTM" progress --period 2019 --wg "$FTF" --format json >"$WORK/en.json"
"$CTM" --lang ru progress --period 2019 --wg "$FTF" --format json >"$WORK/ru.json"
equal "ru progress --wg --format json: the same bytes as English" \
	"$(md5sum <"$WORK/en.json")" "$(md5sum <"$WORK/ru.json")"
equal "  the group's name in English" "$EN_FTF" "$(json 'j.working_group.name' "$WORK/ru.json")"
equal "ru progress --wg --format csv: the same bytes as English" \
	"$("$CTM" progress --period 2019 --wg "$FTF" --format csv | md5sum)" \
	"$("$CTM" --lang ru progress --period 2019 --wg "$FTF" --format csv | md5sum)"

# --- the pages and the API ---------------------------------------------------------
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
for l in ar es fr ru zh; do
	equal "/progress?lang=$l: 200" 200 "$(get "/progress?lang=$l")"
	html=$(body)
	contains "  the choice of group in $l" \
		"<option value=\"$CFT\">$(printf '%s' "${want[$l:$CFT]}" | sed "s/'/\&#39;/g")</option>" "$html"
	lacks "  not in English" "$EN_CFT" "$html"
	equal "  21 groups to choose from" 21 "$(grep -c '<option value="[a-z]' <<<"$html")"
done
equal "/progress?lang=en: 200" 200 "$(get "/progress?lang=en")"
contains "  in English, as ever" "<option value=\"$CFT\">$EN_CFT</option>" "$(body)"
equal "/progress of the FTF group, in Chinese: 200" 200 \
	"$(get "/progress?period=2019&wg=$FTF&lang=zh")"
contains "  selected, in Chinese" "<option value=\"$FTF\" selected>${want[zh:$FTF]}</option>" "$(body)"
contains "  the summary names it in Chinese" "${want[zh:$FTF]}。" "$(body)"
equal "/progress of the criminal justice group, in Arabic: 200" 200 \
	"$(get "/progress?period=2019&wg=$CFT&lang=ar")"
contains "  right to left" '<html lang="ar" dir="rtl">' "$(body)"
contains "  the summary names it in Arabic" ": ${want[ar:$CFT]}" "$(body)"
equal "GET /api/v1/working-groups: 200" 200 "$(get /api/v1/working-groups)"
equal "  21 groups, named in English (the API takes no language)" "21 $EN_FTF" \
	"$(json 'j.working_groups.length+" "+j.working_groups.find(w=>w.key==="'$FTF'").name' "$WORK/b")"
equal "GET /api/v1/progress?period=2019&wg=$FTF: the name in English" "$EN_FTF" \
	"$(get "/api/v1/progress?period=2019&wg=$FTF" >/dev/null; json 'j.working_group.name' "$WORK/b")"
serve_stop

# --- a database made before the names were translated --------------------------------
# An earlier release loaded the English names only and recorded no stamp
# of the data: that is the state made here.
projects=$(dbq "SELECT count(*) FROM project")
dbq "DELETE FROM working_group_name WHERE lang <> 'en';
DELETE FROM store_state WHERE key = 'reference'"
equal "fixture: an earlier release's database, English names only" "0 0" \
	"$(dbq "SELECT count(*) FROM working_group_name WHERE lang <> 'en'") $(dbq "SELECT count(*) FROM store_state WHERE key = 'reference'")"
out=$("$CTM" --lang fr progress 2>&1)
contains "fr progress on it: the names in French, loaded again" "${want[fr:$FTF]}" "$out"
equal "  every name there" 105 \
	"$(dbq "SELECT count(*) FROM working_group_name WHERE lang <> 'en'")"
equal "  the stamp recorded" 1 \
	"$(dbq "SELECT count(*) FROM store_state WHERE key = 'reference' AND value > 0")"
equal "  the projects untouched" "$projects" "$(dbq "SELECT count(*) FROM project")"

# Loaded from this binary's data: not again, on every command.
dbq "UPDATE working_group_name SET name = 'Zz groupe' WHERE lang = 'fr'
AND working_group_id = (SELECT id FROM working_group WHERE key = '$FTF')"
contains "the stamp this binary's: not loaded again (a name changed stays)" \
	"Zz groupe" "$("$CTM" --lang fr progress 2>&1)"
dbq "UPDATE store_state SET value = value + 1 WHERE key = 'reference'"
out=$("$CTM" --lang fr progress 2>&1)
contains "another binary's data: loaded again" "${want[fr:$FTF]}" "$out"
lacks "  the name changed gone" "Zz groupe" "$out"

# `init` on a database records the stamp too, which a command then keeps.
dbq "DELETE FROM store_state WHERE key = 'reference'"
"$CTM" init >/dev/null 2>&1
equal "init: the stamp recorded" 1 \
	"$(dbq "SELECT count(*) FROM store_state WHERE key = 'reference'")"
before=$(dbq "SELECT value FROM store_state WHERE key = 'generation'")
"$CTM" progress >/dev/null 2>&1
equal "  a command after it writes nothing (the generation unchanged)" "$before" \
	"$(dbq "SELECT value FROM store_state WHERE key = 'generation'")"
