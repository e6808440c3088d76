#!/bin/bash
# 33-cli-help.sh - `ctmatrix help COMMAND` in the five languages besides
# English, for every command of the table (as `ctmatrix help` lists
# them): each help differs from the English, keeps every option name the
# English help names (each --xyz of the usage and of the text), and has
# no line wider than 80 columns (a Chinese, Japanese or Korean character
# counted as two, as a terminal shows it).  Then the row labels of `plan
# stats` and the field names of `project ID` in Russian, with nothing of
# the English labels left; their English unchanged.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

# The display width of the widest line of standard input, and the line
# (widest each: the width of every line): code points in the wide ranges
# of East Asian scripts and full-width forms count two.
cat >"$WORK/width.js" <<'EOF'
const t = require("fs").readFileSync(0, "utf8");
const wide = (c) => (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	(c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	(c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	(c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
const each = process.argv[2] === "each";
let max = 0, at = "";
for (const line of t.replace(/\n$/, "").split("\n")) {
	let w = 0;
	for (const ch of line) w += wide(ch.codePointAt(0)) ? 2 : 1;
	if (each) console.log(w);
	if (w > max) { max = w; at = line; }
}
if (!each) console.log(max + "\t" + at);
EOF
widest() { node "$WORK/width.js" "$@"; }

# The commands: the names of the table of src/cli/main.c ("report annex"
# is two words), each of which `ctmatrix help` lists.
cmds=$(sed -n 's/^\t{ "\([a-z][a-z -]*\)",.*/\1/p' "$TOP/src/cli/main.c")
ncmd=$(printf '%s\n' "$cmds" | grep -c .)
check "the table has the commands (34 or more, found $ncmd)" -- \
	test "$ncmd" -ge 34
"$CTM" help >"$WORK/help-en.txt"
missing=""
while IFS= read -r cmd; do
	grep -q "^  $cmd " "$WORK/help-en.txt" || missing="$missing [$cmd]"
done <<<"$cmds"
equal "ctmatrix help lists every command of the table" "" "$missing"
contains "report annex is among them" "report annex" "$cmds"

# part FILE: the description of a help (the lines between its usage and
# its exit status, each after a blank line).
part() {
	awk '{ l[NR] = $0 } $0 == "" { if (!f) f = NR; k = NR }
		END { for (i = f + 1; i < k; i++) print l[i] }' "$1"
}
# A letter of the language's own script, where it has one.
declare -A SCRIPT=([ar]='\p{Arabic}' [ru]='\p{Cyrillic}' [zh]='\p{Han}')

while IFS= read -r cmd; do
	# shellcheck disable=SC2086 # "report annex" is two words
	"$CTM" help $cmd >"$WORK/en.txt" 2>&1
	equal "help $cmd: English exits 0" 0 $?
	part "$WORK/en.txt" >"$WORK/en.part"
	opts=$(grep -o -- '--[a-z][a-z-]*' "$WORK/en.txt" | sort -u)
	for l in ar ru zh fr es; do
		# shellcheck disable=SC2086
		"$CTM" --lang "$l" help $cmd >"$WORK/$l.txt" 2>&1
		equal "help $cmd in $l exits 0" 0 $?
		part "$WORK/$l.txt" >"$WORK/$l.part"
		check "  help $cmd in $l: the description differs from the English" -- \
			test -s "$WORK/$l.part" -a -n "$(diff "$WORK/en.part" "$WORK/$l.part")"
		# Translated whole: no line of the English prose (four words
		# or more besides options; not a JSON sample nor a list of
		# values) is left.
		left=$(grep -x -F -f "$WORK/en.part" "$WORK/$l.part" |
			grep -v '[][{}|]' |
			sed -E 's/--[a-z-]+( [A-Z]+)?//g; s/[a-z]+(-[a-z]+)+//g' |
			grep -E '([a-z]{2,}[^a-z]+){3}[a-z]{2,}')
		equal "  help $cmd in $l: no English sentence left" "" "$left"
		if [ -n "${SCRIPT[$l]:-}" ]; then
			check "  help $cmd in $l: written in its script" -- \
				grep -q -P "${SCRIPT[$l]}" "$WORK/$l.part"
		fi
		missing=""
		for o in $opts; do
			grep -q -e "$o\\b" "$WORK/$l.txt" || missing="$missing $o"
		done
		equal "  help $cmd in $l keeps the options of the English" \
			"" "$missing"
		# Every line but the first: the usage line is the English
		# usage after the language's word for "usage:", as wide as
		# the command's arguments make it.
		w=$(sed 1d "$WORK/$l.txt" | widest)
		check "  help $cmd in $l: no line wider than 80 columns (${w%%	*})" -- \
			test "${w%%	*}" -le 80
		[ "${w%%	*}" -le 80 ] || printf '#   %s\n' "${w#*	}"
	done
done <<<"$cmds"

# --- `plan stats`: the labels of its rows
PLAN=$FIX/plans/cases.txt
"$CTM" plan stats "$PLAN" >"$WORK/ps-en.txt" 2>/dev/null
"$CTM" --lang ru plan stats "$PLAN" >"$WORK/ps-ru.txt" 2>/dev/null
en=$(sed -n '1,8p' "$WORK/ps-en.txt")
contains "plan stats in English: brackets" "brackets           " "$en"
contains "plan stats in English: stray ']'" "stray ']'          " "$en"
contains "plan stats in English: inserted measures, two spaces, a count" \
	"inserted measures  " "$en"
ru=$(sed -n '1,8p' "$WORK/ps-ru.txt")
contains "plan stats in ru: скобки" "скобки" "$ru"
contains "plan stats in ru: незакрытые" "незакрытые" "$ru"
contains "plan stats in ru: вставленные меры" "вставленные меры" "$ru"
contains "plan stats in ru: неизвестные метки" "неизвестные метки" "$ru"
for w in brackets unclosed nested unsponsored measures stray unknown; do
	lacks "  plan stats in ru: no \"$w\"" "$w" "$ru"
done
# The same counts in the same order, in one column.
equal "plan stats in ru: the counts of the English" \
	"$(awk '{ print $NF }' <<<"$en")" "$(awk '{ print $NF }' <<<"$ru")"
cols=$(sed 's/[0-9]*$//' <<<"$ru" | widest each | sort -u | wc -l)
equal "plan stats in ru: the counts in one column" 1 "$cols"

# --- `project ID`: its field names and yes/no
"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
"$CTM" project 1 >"$WORK/p-en.txt" 2>&1
"$CTM" --lang ru project 1 >"$WORK/p-ru.txt" 2>&1
equal "project 1 in ru exits 0" 0 $?
en=$(cut -c1-18 "$WORK/p-en.txt")
contains "project 1 in English: the field title" "title" "$en"
contains "project 1 in English: annual no" "annual" "$en"
grep -q '^annual  *no$' "$WORK/p-en.txt"
equal "project 1 in English: annual is no" 0 $?
ru=$(cat "$WORK/p-ru.txt")
for w in "ПОЛЕ" "компонент" "название" "период" "статус" "структуры" \
	"охват" "мероприятия" "источник" "ежегодный"; do
	contains "project 1 in ru: $w" "$w" "$ru"
done
grep -q '^ежегодный  *нет$' "$WORK/p-ru.txt"
equal "project 1 in ru: ежегодный нет" 0 $?
names=$(awk '{ print $1 }' "$WORK/p-ru.txt")
for w in pillar serial title period start end annual status entities \
	scope places activities source updated; do
	lacks "  project 1 in ru: no field \"$w\"" "$w" "$names"
done
# JSON is a contract: its keys stay English in every language.
"$CTM" project 1 --format json >"$WORK/p-en.json"
"$CTM" --lang ru project 1 --format json >"$WORK/p-ru.json"
check "project 1 --format json: the same bytes in ru" -- \
	cmp "$WORK/p-en.json" "$WORK/p-ru.json"
