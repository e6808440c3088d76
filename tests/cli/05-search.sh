#!/bin/bash
# 05-search.sh - --search over titles and activities: case, accents,
# prefixes on the real data; Cyrillic (Ё), Arabic (harakat, hamza) and
# French accents on the synthetic fixture tests/data/search-multilingual.md.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "setup: import of the real matrix" 0 $?
# A load into an empty store writes the index row by row (index_now):
# FTS5's own check of its structure.
if [ "${CTM_BACKEND:-sqlite}" = sqlite ]; then
	sqlite3 "$CTMATRIX_DB" \
	    "INSERT INTO project_fts(project_fts) VALUES('integrity-check')" \
	    >"$WORK/fts.out" 2>&1
	equal "the search index of the bulk load passes FTS5's integrity-check" \
	    "0:" "$?:$(cat "$WORK/fts.out")"
fi
"$CTM" projects --format json >"$WORK/all.json" 2>/dev/null

S=$WORK/s.json
# s TEXT [ARGS...]: ids found by --search TEXT (sorted), "ERROR ..." on failure
s() {
	t=$1; shift
	"$CTM" projects --search "$t" "$@" --format json >"$S" 2>"$WORK/s.err" || { echo "ERROR $(cat "$WORK/s.err")"; return; }
	ids "$S"
}
# pid PILLAR SERIAL: the id of that project in the real data
pid() { json "j.projects.find(x=>x.pillar===\"$1\"&&x.serial===$2).id" "$WORK/all.json"; }

# rows of the real file that mention "radicali" anywhere: title, activities
# (no entity or place cell contains it; read from the data file)
nrad=$(grep -ci 'radicali' "$DATA")
r=$(s radicalization)
equal "--search radicalization finds every row mentioning it ($nrad, counted in the file)" "$nrad" "$(echo "$r" | wc -w)"
equal "--search RADICALIZATION (upper case) = radicalization" "$r" "$(s RADICALIZATION)"
equal "--search Radicalization (mixed case) = radicalization" "$r" "$(s Radicalization)"
equal "--search radical (prefix) finds the radicalization rows" "$r" "$(s radical)"
check "--search radicalization finds I 1 (in the title)" -- subset "$(pid I 1)" "$r"
check "--search radicalization finds I 116 (only in the activities)" -- subset "$(pid I 116)" "$r"
q=$(s quebec)
equal "--search quebec finds Québec (I 97)" "$(pid I 97)" "$q"
equal "--search QUÉBEC = quebec" "$q" "$(s QUÉBEC)"
equal "--search Québec = quebec" "$q" "$(s Québec)"
equal "--search wiesbaden finds II 4 (activities, first part of a split row)" "$(pid II 4)" "$(s wiesbaden)"
equal "--search experiences finds II 4 (a word only in the activities after the page break)" \
	"$(pid II 4)" "$(s experiences)"
w=$(s "radicalization youth")
check "--search with two words: every hit is in the one-word results (AND)" -- subset "$w" "$r"
check "--search with two words is narrower than one word" -- test "$(echo "$w" | wc -w)" -lt "$(echo "$r" | wc -w)"
equal "--search zzqxv finds nothing" "" "$(s zzqxv)"
equal "--search combines with --pillar" "$(s radicalization --pillar II)" "$(pid II 23)"
equal "--search UNESCO does not search entity cells only (II 40 is UNESCO's but does not say it)" \
	"" "$(s UNESCO --pillar II)"
# A word is a prefix, searched for as the index's words that complete it
# when there are few (up to 16), else as a prefix: both give what the
# text says.  The oracle reads titles and activities off the database and
# folds them (NFD, no marks, lower case) as the index does.
dbq_json "SELECT id, title, activities FROM project" >"$WORK/text.json"
# oracle PREFIX: ids of the projects with a word that begins with PREFIX
oracle() {
	node -e '
	const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const fold = t => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
	const re = new RegExp("(^|[^\\p{L}\\p{N}])" + process.argv[2], "u");
	console.log(rows.filter(r => re.test(fold(r.title + " " + r.activities)))
		.map(r => r.id).sort((a, b) => a - b).join(" "));
	' "$WORK/text.json" "$1"
}
# completions PREFIX: how many words of the text begin with PREFIX
completions() {
	node -e '
	const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const fold = t => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
	const w = new Set();
	for (const r of rows)
		for (const x of fold(r.title + " " + r.activities).split(/[^\p{L}\p{N}]+/u))
			if (x.startsWith(process.argv[2])) w.add(x);
	console.log(w.size);
	' "$WORK/text.json" "$1"
}
check "the prefix co has more than 16 completions in the text (searched as a prefix)" -- \
	test "$(completions co)" -gt 16
check "the prefix cooperat has 1 to 16 completions (searched as its words)" -- \
	test "$(completions cooperat)" -ge 1 -a "$(completions cooperat)" -le 16
for w in co cooperat terror radicali "counter terror"; do
	want=
	for x in $w; do
		o=$(oracle "$x")
		if [ -z "$want" ]; then want=$o; else
			want=$(comm -12 <(tr ' ' '\n' <<<"$want" | sort) <(tr ' ' '\n' <<<"$o" | sort) | sort -n | tr '\n' ' ' | sed 's/ $//')
		fi
	done
	got=$(s "$w")
	check "--search '$w' finds some projects" -- test -n "$got"
	equal "--search '$w' finds exactly the projects whose text has a word beginning so" "$want" "$got"
done

# search syntax must not crash or leak SQL errors
for t in '"' "'" 'a*' 'NEAR(' 'OR' 'AND NOT' '(' ':' '-' 'title:x' '%' '_'; do
	"$CTM" projects --search "$t" --format json >"$S" 2>"$WORK/s.err"
	rc=$?
	check "--search '$t' exits 0 or 1 (no crash, no SQL failure)" -- test "$rc" -eq 0 -o "$rc" -eq 1
	lacks "--search '$t' does not leak an FTS syntax error" "fts5" "$(cat "$WORK/s.err")"
done

# --- multilingual fixture -------------------------------------------------
export CTMATRIX_DB=$WORK/ml.db
out=$("$CTM" import annex "$FIX/search-multilingual.md" 2>&1)
equal "multilingual fixture imports" 0 $?
"$CTM" projects --format json >"$WORK/ml.json" 2>/dev/null
equal "multilingual fixture: 2 projects" 2 "$(json 'j.total' "$WORK/ml.json")"
equal "multilingual fixture: pillar III" "III,III" "$(json 'j.projects.map(x=>x.pillar).join(",")' "$WORK/ml.json")"
equal "multilingual fixture: Russian title kept as written" "Ёлка мира для молодёжи" \
	"$(json 'j.projects.find(x=>x.serial===1).title' "$WORK/ml.json")"
ru=$(json 'j.projects.find(x=>x.serial===1).id' "$WORK/ml.json")
fr=$(json 'j.projects.find(x=>x.serial===2).id' "$WORK/ml.json")
ser() { s "$@" >/dev/null; json 'j.projects.map(x=>x.serial).sort().join(",")' "$S"; }
equal "--search елка finds the title with Ёлка" 1 "$(ser елка)"
equal "--search ЕЛКА finds Ёлка" 1 "$(ser ЕЛКА)"
equal "--search ёлка finds Ёлка" 1 "$(ser ёлка)"
equal "--search молодежи finds молодёжи" 1 "$(ser молодежи)"
equal "--search мир (prefix) finds мира" 1 "$(ser мир)"
# Arabic: row 1 activities are written with harakat and hamza on alef,
# row 2 activities without harakat, with hamza below alef (الإرهاب)
equal "--search تدريب (no harakat) finds تَدْرِيبُ (with)" 1 "$(ser تدريب)"
equal "--search امن (bare alef) finds أَمْنِ (hamza on alef, harakat)" 1 "$(ser امن)"
equal "--search مُكَافَحَة (with harakat) finds مكافحة (without)" 2 "$(ser مُكَافَحَة)"
equal "--search الارهاب (bare alef) finds الإرهاب (hamza below alef)" 2 "$(ser الارهاب)"
equal "--search الإرهاب finds الإرهاب" 2 "$(ser الإرهاب)"
equal "--search الشباب (no shadda) finds الشَّبَابِ" 1 "$(ser الشباب)"
equal "--search ecole finds École" 2 "$(ser ecole)"
equal "--search ÉCOLE finds École" 2 "$(ser ÉCOLE)"
equal "--search eleves finds élèves (activities)" 2 "$(ser eleves)"
equal "--search interculturel finds the French title" 2 "$(ser interculturel)"
equal "--search quebec finds Québec in the fixture" 2 "$(ser quebec)"
equal "--search школа finds nothing" "" "$(ser школа)"
equal "--search ارهاب without the article finds nothing or row 2, never row 1" "" \
	"$(ser ارهاب | tr -d 2)"
check "fixture sanity: the Russian and French rows are distinct projects" -- test "$ru" != "$fr"
