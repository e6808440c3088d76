#!/bin/bash
# 38-messages-msg4.sh - what was still English in the other languages:
# plan diff's text, the keys the tables and pages showed raw (the Board's
# decisions, the lifecycle's steps, results' levels and reports' states,
# the demo column, accounts' roles and states, contributions' way and
# kind, the gender marker unassessed, the pillars of funding), the kinds
# of the importer's notes; and English names in English's collation.
# English, CSV and JSON keep every byte they had.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null 2>&1
echo "$PW" | "$CTM" user add fp --role focal_point --entity UNICRI >/dev/null 2>&1
echo "$PW" | "$CTM" user add board --role viewer >/dev/null 2>&1
equal "three accounts" 3 "$("$CTM" user list --format csv | sed 1d | wc -l)"

# --- stats: the groups' names in the table's language ------------------------
out=$("$CTM" --lang ru stats --by pillar 2>/dev/null)
contains "ru stats --by pillar: the pillar's Russian short name" "Условия, способствующие терроризму" "$out"
lacks "  not the English one" "Conditions conducive" "$out"
out=$("$CTM" --lang zh stats --by country 2>/dev/null)
contains "zh stats --by country: Mali as the UN writes it in Chinese" "MLI  马里" "$out"
out=$("$CTM" --lang fr stats --by region 2>/dev/null)
contains "fr stats --by region: Africa in French" "002  Afrique" "$out"
out=$("$CTM" --lang ar stats --by entity 2>/dev/null)
lacks "ar stats --by entity: UNESCO's name not in English" \
	"United Nations Educational, Scientific and Cultural Organization" "$out"
equal "en stats --by country: English as before" "MLI  Mali" \
	"$("$CTM" stats --by country | grep '^MLI' | cut -c1-9)"
equal "ru stats --by country --format json: the same bytes as English" \
	"$("$CTM" stats --by country --format json)" "$("$CTM" --lang ru stats --by country --format json)"
equal "ru stats --by country --format csv: the same bytes as English" \
	"$("$CTM" stats --by country --format csv)" "$("$CTM" --lang ru stats --by country --format csv)"

# --- plan diff ------------------------------------------------------------------
OLD=$TOP/data/plans/agreement-23-oct-2015.md
NEW=$TOP/data/plans/agreement-4-dec-2015.md
out=$("$CTM" --lang ru plan diff "$OLD" "$NEW" 2>/dev/null)
contains "ru plan diff: the counts in Russian" \
	"изменено частей: 134, добавлено: 90, удалено: 126, перенумеровано мер: 17" "$out"
contains "  the brackets too" "квадратные скобки: открыто новых — 716" "$out"
contains "  a new block so named" "(новый)  [скобки: открыто новых — 0" "$out"
lacks "  not in English" "blocks changed" "$out"
out=$("$CTM" --lang zh plan diff "$OLD" "$NEW" 2>/dev/null)
contains "zh plan diff: a block removed" "（已删除）" "$out"
out=$("$CTM" plan diff "$OLD" "$NEW" 2>/dev/null)
equal "en plan diff: the first line as ever" \
	"134 blocks changed, 90 added, 126 removed, 17 measures renumbered" \
	"$(printf '%s\n' "$out" | head -1)"
contains "  the brackets as ever" \
	"brackets: 716 opened, 19 agreed, 705 dropped, 299 still open" "$out"
contains "  a block's brackets as ever" \
	"(new)  [brackets: 0 opened, 0 agreed, 0 dropped, 0 open]" "$out"

# --- the Board and the lifecycle ----------------------------------------------
"$CTM" stage place --from-status >/dev/null 2>&1
"$CTM" board member add board >/dev/null 2>&1
P=$("$CTM" projects --status in_development --format csv --limit 2 | sed -n '2s/,.*//p')
P2=$("$CTM" projects --status in_development --format csv --limit 2 | sed -n '3s/,.*//p')
"$CTM" board decide "$P" --decision approve --seed 1000 --meeting 2018-06-12 \
	--demo --as board --reason "a test" >/dev/null 2>&1
equal "a decision recorded" 0 $?
"$CTM" board decide "$P2" --decision revise --meeting 2018-06-12 \
	--demo --as board --reason "a test" >/dev/null 2>&1
out=$("$CTM" --lang ru board decisions 2>&1)
contains "ru board decisions: approved, in Russian" "одобрен " "$out"
contains "  returned for revision" "возвращен на доработку" "$out"
contains "  the demo column" "демо  board" "$out"
lacks "  no key" " approve " "$out"
out=$("$CTM" board decisions 2>&1)
contains "en board decisions: the key, as ever" " approve  " "$out"
contains "  and revise" " revise " "$out"
equal "fr board decisions CSV: the same bytes as English" \
	"$("$CTM" board decisions --format csv | md5sum)" \
	"$("$CTM" --lang fr board decisions --format csv | md5sum)"
out=$("$CTM" --lang ru stage "$P" 2>&1)
contains "ru stage: the step the project is at" "проект $P: Начало" "$out"
contains "  the steps of its history" "не определен  Планирование" "$out"
out=$("$CTM" stage "$P" 2>&1)
contains "en stage: as ever" "project $P: Initiation" "$out"
contains "  its history too" "not placed  Planning" "$out"
out=$("$CTM" --lang ar board members 2>&1)
contains "ar board members: the role" "قارئ" "$out"
lacks "  not the key" "viewer" "$out"

# --- accounts -------------------------------------------------------------------
out=$("$CTM" --lang ar user list 2>&1)
contains "ar user list: the focal point's role" "جهة التنسيق" "$out"
contains "  an account's state" "نشط" "$out"
lacks "  no role as a key" "focal_point" "$out"
out=$("$CTM" user list 2>&1)
contains "en user list: the key, as ever" "fp     focal_point  UNICRI  active" "$out"
equal "ru user list CSV: the same bytes as English" \
	"$("$CTM" user list --format csv | md5sum)" \
	"$("$CTM" --lang ru user list --format csv | md5sum)"

# --- results and progress -------------------------------------------------------
R=$("$CTM" projects --status ongoing --format csv --limit 1 | sed -n '2s/,.*//p')
"$CTM" areas "$R" countering-financing-of-terrorism >/dev/null 2>&1
O=$("$CTM" results add "$R" --level outcome --demo --statement "A statement" 2>/dev/null)
I=$("$CTM" indicators add "$O" --name "States" --unit "States" --aggregate last \
	--target 8 --demo 2>/dev/null)
"$CTM" report "$R" 2019-Q1 --demo --value "$I=3" >/dev/null 2>&1
"$CTM" report submit "$R" 2019-Q1 >/dev/null 2>&1
equal "a report submitted" submitted \
	"$("$CTM" results show "$R" --format json | json 'j.reports[0].status' /dev/stdin)"
out=$("$CTM" --lang fr results show "$R" 2>&1)
contains "fr results show: the level" "réalisation" "$out"
contains "  the aggregation" "dernière valeur" "$out"
contains "  the report's state" "soumis" "$out"
contains "  demo" "démo" "$(printf '%s\n' "$out" | grep 2019-Q1)"
out=$("$CTM" results show "$R" 2>&1)
contains "en results show: the level a key, as ever" " outcome " "$(printf '%s\n' "$out" | grep "^$O ")"
contains "  the state" "2019-Q1  submitted  demo" "$out"
out=$("$CTM" --lang ru progress --period 2019 2>&1)
contains "ru progress: the kind of report" "отчёт о ходе работы годовой" "$out"
contains "  a period's report and its state" "2019-Q1 представлен" "$out"
out=$("$CTM" progress --period 2019 2>&1)
contains "en progress: as ever" "end-of-year progress report, 2019" "$out"
contains "  the state" "2019-Q1 submitted" "$out"

# --- needs: the demo column -------------------------------------------------------
"$CTM" needs import "$TOP/data/demo/needs.csv" --demo >/dev/null 2>&1
out=$("$CTM" --lang zh needs list --limit 3 2>&1)
contains "zh needs list: the demo column" "演示" "$out"
out=$("$CTM" needs list 2>&1)
contains "en needs list: demo, as ever" " demo " "$out"
# the places and areas of needs and gaps in the table's language
out=$("$CTM" --lang ru gaps 2>&1)
contains "ru gaps: Chad in Russian" "TCD   Чад" "$out"
lacks "  not in English" "Chad" "$out"
out=$("$CTM" --lang fr gaps --by area 2>&1)
contains "fr gaps --by area: the thematic area in French" "Lutte contre le financement du terrorisme" "$out"
out=$("$CTM" --lang zh gaps --by region 2>&1)
contains "zh gaps --by region: Africa in Chinese" "非洲" "$out"
equal "ru gaps --format json: the same bytes as English" \
	"$("$CTM" gaps --format json)" "$("$CTM" --lang ru gaps --format json)"
equal "en gaps: Chad in English, as ever" "TCD  Chad" "$("$CTM" gaps | grep '^TCD' | cut -c1-9)"
# the thematic areas in the table's language
contains "es needs areas: the area in Spanish" "Prevención del extremismo violento" "$("$CTM" --lang es needs areas 2>&1)"
contains "en needs areas: as ever" "Preventing violent extremism" "$("$CTM" needs areas 2>&1)"
equal "es needs areas --format csv: the same bytes as English" \
	"$("$CTM" needs areas --format csv)" "$("$CTM" --lang es needs areas --format csv)"
# duplicates: why a pair is flagged, in the table's language
out=$("$CTM" --lang ru duplicates --limit 1 2>&1)
contains "ru duplicates: why, in Russian" "общие слова:" "$out"
lacks "  not in English" "words in common" "$out"
contains "  the area named in Russian" "Образование, расширение прав" "$out"
contains "en duplicates: why, as ever" "words in common:" "$("$CTM" duplicates --limit 1 2>&1)"
equal "ru duplicates --format csv: the same bytes as English" \
	"$("$CTM" duplicates --format csv)" "$("$CTM" --lang ru duplicates --format csv)"
# currencies by CLDR's names in each language, the data's in English
contains "zh rates currencies: the euro in Chinese" "欧元" "$("$CTM" --lang zh rates currencies 2>&1)"
contains "ar rates currencies: the US dollar in Arabic" "دولار أمريكي" "$("$CTM" --lang ar rates currencies 2>&1)"
equal "fr rates currencies --format csv: the same bytes as English" \
	"$("$CTM" rates currencies --format csv)" "$("$CTM" --lang fr rates currencies --format csv)"
# a need under no pillar and no area: groups the store names in English
printf '%s\n%s\n' "ref,country,body,assessed,pillar,area,priority,status,confidentiality,organisations,projects,text" \
	'X-1,MLI,CTED,2017-03,,,high,open,public,,,"A need with no pillar and no area."' >"$WORK/np.csv"
"$CTM" needs import "$WORK/np.csv" >/dev/null 2>&1
contains "ru gaps --by pillar: the group of no pillar in Russian" "без компонента" "$("$CTM" --lang ru gaps --by pillar 2>&1)"
out=$("$CTM" --lang fr gaps --by pillar 2>&1)
contains "fr gaps --by pillar: the pillars by their French names" "Renforcement des capacités" "$out"
lacks "  not their keys alone" "III  III" "$out"
contains "ru gaps --by pillar --format json: pillars by their English names" '"name": "Capacity building"' \
	"$("$CTM" --lang ru gaps --by pillar --format json 2>&1)"
contains "fr gaps --by area: the group of no area in French" "sans domaine thématique" "$("$CTM" --lang fr gaps --by area 2>&1)"
contains "en gaps --by pillar: no pillar, as ever" "no pillar" "$("$CTM" gaps --by pillar 2>&1)"
contains "ru gaps --by pillar --format json: English" '"name": "no pillar"' "$("$CTM" --lang ru gaps --by pillar --format json 2>&1)"
contains "ru needs list: the column is the status (статус), not the sort's dative" \
	" статус " "$("$CTM" --lang ru needs list --limit 1 2>&1 | head -1)"

# --- money -------------------------------------------------------------------------
"$CTM" rates add EUR 1.1 --date 2018-01-01 --source test >/dev/null 2>&1
"$CTM" budget set "$R" 1000 --date 2018-06-01 --demo >/dev/null 2>&1
"$CTM" contributions add --donor "A donor" --amount 900 --currency EUR \
	--date 2018-05-01 --project "$R" --trust-fund --in-kind --demo >/dev/null 2>&1
equal "a contribution recorded" 2 "$("$CTM" contributions list --format csv | wc -l)"
out=$("$CTM" --lang ru contributions list 2>&1)
contains "ru contributions: its way" "Целевой фонд, целевой" "$out"
contains "  its kind" "натуральный" "$out"
out=$("$CTM" contributions list 2>&1)
contains "en contributions: as ever" "trust fund, earmarked  in kind" "$out"
equal "es contributions CSV: the same bytes as English" \
	"$("$CTM" contributions list --format csv | md5sum)" \
	"$("$CTM" --lang es contributions list --format csv | md5sum)"
out=$("$CTM" --lang ru funding --by gender 2>&1)
contains "ru funding by gender: the unassessed" "не оценивался" "$out"
out=$("$CTM" --lang ru funding 2>&1)
contains "ru funding: the pillar's short name" "Условия, способствующие терроризму" "$out"
lacks "  not English's" "Conditions conducive" "$out"
out=$("$CTM" funding --by gender 2>&1)
contains "en funding by gender: as ever" "not assessed" "$out"
out=$("$CTM" --lang es budget show "$R" 2>&1)
contains "es budget show: the marker's definition" "sin evaluar: " "$out"
lacks "  not English's" "has not been assessed" "$out"

# --- the importer's notes ----------------------------------------------------------
out=$("$CTM" --lang ar import --format csv --entity UNODC --dry-run \
	"$FIX/projects-quoted.csv" 2>&1)
contains "ar import: the kind of a refused row's note" ":2: ليس من كيانك: " "$out"
contains "  a row's outcome" "مرفوض" "$(printf '%s\n' "$out" | grep 'quoted.csv:2  ')"
lacks "  no kind as a key" "not-your-entity" "$out"
out=$("$CTM" import --format csv --entity UNODC --dry-run "$FIX/projects-quoted.csv" 2>&1)
contains "en import: the kind, as ever" "projects-quoted.csv:2: not-your-entity: the row does not name UNODC" "$out"
contains "  the outcome" "refused   " "$out"

# --- pages -------------------------------------------------------------------------
serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
equal "the focal point signs in" 303 "$(signin fp "$PW" "$WORK/jf")"
equal "the secretariat signs in" 303 "$(signin sec "$PW" "$WORK/js")"
get "/account?lang=ru" "$WORK/jf" >/dev/null
contains "ru /account: the role" "<dt>Роль</dt><dd>координатор</dd>" "$(body)"
contains "  in the header too" "fp <small>(координатор, UNICRI)</small>" "$(body)"
get "/account?lang=en" "$WORK/jf" >/dev/null
contains "en /account: the key, as ever" "<dt>Role</dt><dd>focal_point</dd>" "$(body)"
get "/board?lang=ar" "$WORK/js" >/dev/null
contains "ar /board: a member's role" "(قارئ، " "$(body)"
# a need's own page and the lists name its country in the page's language
nid=$("$CTM" needs list --country BGD --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).needs[0].id))')
get "/needs/$nid?lang=ru" "$WORK/js" >/dev/null
contains "ru /needs/$nid: Bangladesh in Russian" "Бангладеш" "$(body)"
get "/needs?lang=zh" "$WORK/js" >/dev/null
contains "zh /needs: Bangladesh in Chinese" "孟加拉国" "$(body)"
contains "  the areas of the filter in Chinese" "防止暴力极端主义" "$(body)"
get "/gaps?lang=ar" "$WORK/js" >/dev/null
contains "ar /gaps: Bangladesh in Arabic" "بنغلاديش" "$(body)"
get "/needs/$nid?lang=en" "$WORK/js" >/dev/null
contains "en /needs/$nid: Bangladesh, as ever" "Bangladesh" "$(body)"
get "/funding?by=gender&lang=fr" "$WORK/js" >/dev/null
contains "fr /funding by gender: the unassessed" "non évalué" "$(body)"
lacks "  not in English" "not assessed" "$(body)"
get "/funding?by=pillar&lang=zh" "$WORK/js" >/dev/null
contains "zh /funding by pillar: the short name" ">I: 助长恐怖主义的条件</a>" "$(body)"
sahel=$("$CTM" projects --search "Sahel-Maghreb" --format csv --limit 1 2>/dev/null | sed -n '2s/,.*//p')
get "/projects/$sahel?lang=ar" "$WORK/js" >/dev/null
contains "ar /projects/$sahel: its places by their Arabic names" \
	'<li><bdi>الساحل</bdi></li><li><bdi>المغرب العربي</bdi></li>' "$(body)"
lacks "  not the English the matrix wrote before them" "<bdi>Sahel, Maghreb</bdi>" "$(body)"
global=$("$CTM" projects --pillar I --format json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.projects.find(p=>p.scope.join()==="global"&&!p.places.length).id)})')
get "/projects/$global?lang=zh" "$WORK/js" >/dev/null
contains "zh /projects/$global: a global scope in Chinese" "<dd>全球" "$(body)"
get "/projects/$sahel?lang=en" "$WORK/js" >/dev/null
contains "en /projects/$sahel: as written" '<li><bdi>Sahel</bdi></li><li><bdi>Maghreb</bdi></li>' "$(body)"
get "/rates?lang=ru" "$WORK/js" >/dev/null
contains "ru /rates: the currencies of the form by their Russian names" \
	'<option value="EUR" selected>EUR: евро</option>' "$(body)"
get "/rates?lang=en" "$WORK/js" >/dev/null
contains "en /rates: by the reference data's names" '>EUR: Euro</option>' "$(body)"
get "/funding?by=pillar&lang=en" "$WORK/js" >/dev/null
contains "en /funding by pillar: as ever" ">I: Conditions conducive</a>" "$(body)"
H=$(head -1 "$TOP/data/project-template.csv" | tr -d '\r')
printf '%s\nII,,A project of UNODC only,2025,UNODC,Ongoing,Training.,Global\n' "$H" >"$WORK/theirs.csv"
get "/upload?lang=ru" "$WORK/jf" >/dev/null
post /upload "$WORK/jf" -F "csrf=$(csrf)" -F format=auto \
	-F "file=@$WORK/theirs.csv;type=text/csv" >/dev/null
contains "ru upload: the refused row's kind of note" "(не ваша структура)" "$(body)"
lacks "  not the key" "(not-your-entity)" "$(body)"
get "/upload?lang=en" "$WORK/jf" >/dev/null
post /upload "$WORK/jf" -F "csrf=$(csrf)" -F format=auto \
	-F "file=@$WORK/theirs.csv;type=text/csv" >/dev/null
contains "en upload: the key, as ever" "(not-your-entity)" "$(body)"

# --- English in English's collation (of the countries no project names; the
# bytes' order had each accented name after all the others of its letter,
# Åland after Zimbabwe) -------------------------------------------------------
get "/countries?lang=en" >/dev/null
body | grep -o 'Åland Islands\|American Samoa\|Réunion\|Romania\|Türkiye\|Tuvalu' >"$WORK/order"
equal "en /countries: Réunion before Romania" "Réunion Romania" \
	"$(grep -x 'Réunion\|Romania' "$WORK/order" | tr '\n' ' ' | sed 's/ $//')"
equal "  Åland among the A's" "Åland Islands American Samoa" \
	"$(grep -x 'Åland Islands\|American Samoa' "$WORK/order" | tr '\n' ' ' | sed 's/ $//')"
equal "  Türkiye before Tuvalu (both named by no project)" "Türkiye Tuvalu" \
	"$(grep -x 'Türkiye\|Tuvalu' "$WORK/order" | tr '\n' ' ' | sed 's/ $//')"
kill -TERM "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
lacks "the server reported no memory error (under the sanitizers)" "Sanitizer" \
	"$(cat "$WORK/serve.log")"
exit 0
