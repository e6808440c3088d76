#!/bin/bash
# 13-plans.sh - negotiation drafts in bracket notation (ctmatrix plan):
# the figures of the real CICA draft; every case of the brief on a
# synthetic draft (nesting, no tag, a bracket over a blank line, one never
# closed with its line and column and the recovery at the next measure, an
# inserted measure (its number in the bracket or not), punctuation-only
# proposals, several tags, an unknown
# code, a stray ']'); Markdown links that are not brackets; the round trip
# of every file; the four versions of the text; positions; the comparison
# of two revisions; Akoma Ntoso valid against the OASIS schema.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

CICA=$TOP/data/plans/cica-plan-of-action-draft-rev2-preamble-pillar-1.txt
OCT=$TOP/data/plans/agreement-23-oct-2015.md
DEC=$TOP/data/plans/agreement-4-dec-2015.md
CASES=$FIX/plans/cases.txt
LINKS=$FIX/plans/links.md
XSD=$FIX/akn/akomantoso30.xsd

flat() { tr -d ' \n' <"$1"; }

# --- the real CICA draft: the figures of the issue
"$CTM" plan stats "$CICA" --format json >"$WORK/cica.json" 2>"$WORK/cica.err"
equal "CICA: brackets, unclosed, nested, unsponsored, measures" \
	'28 0 0 0 7 0' \
	"$(json '[j.brackets,j.unclosed,j.nested,j.unsponsored,j.measures,j.inserted_measures].join(" ")' "$WORK/cica.json")"
equal "CICA: tags per delegation" \
	'BHR +2/-1 IND +11/-7 ISR +1/-1 RUS +1/-1 TUR +3/-1' \
	"$(json 'Object.keys(j.delegations).sort().map(k=>k+" +"+j.delegations[k].add+"/-"+j.delegations[k].delete).join(" ")' "$WORK/cica.json")"
equal "CICA: the stats object has exactly the keys of the contract" \
	'brackets,unclosed,nested,unsponsored,measures,inserted_measures,delegations' \
	"$(json 'Object.keys(j).join(",")' "$WORK/cica.json")"
equal "CICA: no defect reported" "" "$(cat "$WORK/cica.err")"

# --- no text is lost: the delivered text is the input, byte for byte
for f in "$CICA" "$OCT" "$DEC" "$CASES" "$LINKS"; do
	"$CTM" plan text "$f" --delivered >"$WORK/rt" 2>/dev/null
	check "round trip: $(basename "$f")" -- cmp "$f" "$WORK/rt"
done
printf 'no newline at the end [x] (+IND)' >"$WORK/nonl.txt"
"$CTM" plan text "$WORK/nonl.txt" >"$WORK/rt" 2>/dev/null
check "round trip: a file without a final newline" -- cmp "$WORK/nonl.txt" "$WORK/rt"

# --- every case of the brief
"$CTM" plan stats "$CASES" --format json >"$WORK/cases.json" 2>"$WORK/cases.err"
equal "cases: brackets unclosed nested unsponsored measures inserted" \
	'11 1 1 1 7 2' \
	"$(json '[j.brackets,j.unclosed,j.nested,j.unsponsored,j.measures,j.inserted_measures].join(" ")' "$WORK/cases.json")"
equal "cases: tags per delegation (an unknown code is not counted)" \
	'DEU +0/-1 FRA +2/-0 IND +2/-1 RUS +0/-1 TUR +3/-0' \
	"$(json 'Object.keys(j.delegations).sort().map(k=>k+" +"+j.delegations[k].add+"/-"+j.delegations[k].delete).join(" ")' "$WORK/cases.json")"
contains "cases: the unclosed bracket is reported where it opened, and where it was recovered" \
	"cases.txt:16:13: '[' is never closed; read as closed before line 17 (measure 4)" \
	"$(cat "$WORK/cases.err")"
contains "cases: an unknown delegation code is reported with its place" \
	"cases.txt:17:44: (+XYZ): XYZ is not an ISO 3166-1 alpha-3 code" \
	"$(cat "$WORK/cases.err")"
contains "cases: a ']' with nothing open is reported and kept" \
	"cases.txt:21:25: ']' closes no bracket" "$(cat "$WORK/cases.err")"
status "plan stats succeeds on a draft with defects" 0 -- \
	"$CTM" plan stats "$CASES"

"$CTM" plan text "$CASES" --agreed >"$WORK/agreed" 2>/dev/null
contains "agreed: every bracketed span out, seams tidied" \
	"1. To promote among peoples." "$(cat "$WORK/agreed")"
contains "agreed: a nested bracket goes with its parent" \
	"Recalling;" "$(cat "$WORK/agreed")"
contains "agreed: a bracket over a blank line goes whole" \
	"2. To support victims in every State." "$(cat "$WORK/agreed")"
lacks "agreed: the inserted measure is out, line and all" "2a." \
	"$(cat "$WORK/agreed")"
contains "agreed: the text of an unclosed bracket is kept, marked" \
	"3. To share [good practices (+KAZ) and data." "$(cat "$WORK/agreed")"
contains "agreed: a stray ']' is kept" "border ] controls" \
	"$(cat "$WORK/agreed")"

"$CTM" plan text "$CASES" --all >"$WORK/all" 2>/dev/null
contains "all: every proposal in, markup removed" \
	"1. To promote dialogue and tolerance among peoples,." \
	"$(cat "$WORK/all")"
contains "all: nested proposals in" "Recalling our earlier firm commitments;" \
	"$(cat "$WORK/all")"
contains "all: the inserted measure in" \
	"2a. To establish a regional network of focal points." \
	"$(cat "$WORK/all")"

"$CTM" plan text "$CASES" --as IND >"$WORK/ind" 2>/dev/null
contains "as IND: its additions in, its deletions out, an untagged span marked, others' additions out" \
	"1. To promote dialogue [and] among peoples." "$(cat "$WORK/ind")"
contains "as IND: what only others delete stays, what only others add goes" \
	"Recalling our earlier commitments;" "$(cat "$WORK/ind")"
"$CTM" plan text "$CASES" --as FRA >"$WORK/fra" 2>/dev/null
contains "as FRA: its addition in though IND deletes it" \
	"1. To promote [and] tolerance among peoples." "$(cat "$WORK/fra")"
"$CTM" plan text "$CASES" --as DEU >"$WORK/deu" 2>/dev/null
contains "as DEU: a span others both add and delete stays marked" \
	"[tolerance] (-IND, +FRA)" "$(cat "$WORK/deu")"
contains "as DEU: its deletion takes the nested bracket with it" \
	"Recalling;" "$(cat "$WORK/deu")"
status "plan text --as with an unknown code is a usage error" 2 -- \
	"$CTM" plan text "$CASES" --as XYZ
status "plan text with two views is a usage error" 2 -- \
	"$CTM" plan text "$CASES" --agreed --all

"$CTM" plan text "$CICA" --agreed >"$WORK/cica-agreed" 2>/dev/null
contains "CICA agreed: measure 1 without any proposal" \
	"1. To take measures international law and while ensuring national ownership, to address conducive to terrorism, in a balanced manner," \
	"$(cat "$WORK/cica-agreed")"
"$CTM" plan text "$CICA" --as ISR >"$WORK/cica-isr" 2>/dev/null
contains "CICA as ISR: 'encourage' in, 'undertake' out" \
	"Resolve to encourage the following measures" "$(cat "$WORK/cica-isr")"
lacks "no markup left in the agreed text of CICA" "(+" \
	"$(cat "$WORK/cica-agreed")"

# --- Markdown: links, images, footnotes and definitions are not brackets
"$CTM" plan stats "$LINKS" --format json >"$WORK/links.json" 2>/dev/null
equal "Markdown: only the five real brackets are counted" '5 0 0 5 1' \
	"$(json '[j.brackets,j.unclosed,j.nested,j.unsponsored,j.measures].join(" ")' "$WORK/links.json")"
"$CTM" plan stats "$LINKS" --markdown --format json >"$WORK/links2.json" 2>/dev/null
"$CTM" plan stats "$CASES" --markdown --format json >"$WORK/cases-md.json" 2>/dev/null
equal "--markdown on a plain draft changes nothing there" \
	"$(flat "$WORK/cases.json")" "$(flat "$WORK/cases-md.json")"

# --- the Paris Agreement drafts: deep nesting, no tags
for f in "$OCT" "$DEC"; do
	b=$(basename "$f" .md)
	"$CTM" plan stats "$f" --format json >"$WORK/$b.json" 2>"$WORK/$b.err"
	check "$b: read, with brackets nested several deep" -- node -e '
		const j=JSON.parse(require("fs").readFileSync(process.argv[1]));
		if (!(j.brackets > 900 && j.nested > 400 && j.measures > 100 &&
		      Object.keys(j.delegations).length === 0)) process.exit(1)' \
		"$WORK/$b.json"
	n=$(grep -c "never closed\|closes no bracket" "$WORK/$b.err")
	check "$b: the transcription's stray brackets are reported with line and column ($n)" -- \
		test "$n" -gt 0 -a "$n" -lt 40
	"$CTM" plan text "$f" --agreed >"$WORK/$b.agreed" 2>/dev/null
	check "$b: the agreed text is shorter and keeps the articles" -- \
		bash -c "[ \$(wc -c <'$WORK/$b.agreed') -lt \$(wc -c <'$f') ] && grep -q '^## Article 26' '$WORK/$b.agreed'"
done

# --- positions
"$CTM" plan positions "$CICA" --format json >"$WORK/pos.json" 2>/dev/null
equal "positions: IND's proposals, in order, with their place" \
	'add preamble paragraph 3 and denial|delete measure 6 our' \
	"$(json '(()=>{const d=j.delegations.find(x=>x.delegation=="IND").proposals; return [d[0],d[d.length-1]].map(p=>p.proposes+" "+p.where+" "+p.text).join("|")})()' "$WORK/pos.json")"
equal "positions: the measures x delegations table" \
	'measure 1 7 BHR+1-1 IND+2-2 TUR+1-0' \
	"$(json '(()=>{const m=j.measures.find(x=>x.where=="measure 1"); return m.where+" "+m.brackets+" "+Object.keys(m.delegations).sort().map(k=>k+"+"+m.delegations[k].add+"-"+m.delegations[k].delete).join(" ")})()' "$WORK/pos.json")"
"$CTM" plan positions "$CICA" >"$WORK/pos.txt" 2>/dev/null
contains "positions as a table names the delegation" "IND (India)" \
	"$(cat "$WORK/pos.txt")"
"$CTM" plan positions "$CICA" --format csv >"$WORK/pos.csv" 2>/dev/null
equal "positions as CSV: header" "where,brackets,BHR,IND,ISR,RUS,TUR" \
	"$(head -1 "$WORK/pos.csv" | tr -d '\r')"
# As many columns as delegations: 35 of them, a bracket each (a bound of
# 32 columns once stopped the command).
{
	printf '**Draft plan**\n\n'
	n=0
	for iso in $(grep -o ',[A-Z][A-Z],[A-Z][A-Z][A-Z],' "$TOP/data/unsd-m49.csv" |
		cut -d, -f3 | head -35); do
		n=$((n + 1))
		printf '%d. Measure %d [to be agreed] (+%s).\n\n' $n $n "$iso"
	done
} >"$WORK/wide.txt"
for f in table csv json; do
	"$CTM" plan positions "$WORK/wide.txt" --format $f >"$WORK/wide.$f" 2>"$WORK/wide.err"
	equal "positions of 35 delegations as $f: exit 0" "0 " "$? $(head -1 "$WORK/wide.err")"
done
equal "  as CSV: where, brackets and a column a delegation" 37 \
	"$(head -1 "$WORK/wide.csv" | tr -d '\r' | tr ',' '\n' | wc -l | tr -d ' ')"

# --- comparing two revisions: a measure inserted, one renumbered
cat >"$WORK/rev1.txt" <<'EOF'
**Draft plan**

Pillar I: Measures

1. To promote [dialogue] (+IND) among peoples.
2. To protect [the rights of] (+TUR) victims.
3. To share good practices [and data] (-RUS) across the region.
EOF
cat >"$WORK/rev2.txt" <<'EOF'
**Draft plan**

Pillar I: Measures

1. To promote dialogue among peoples.
2. To build [regional] (+KAZ) capacity for border management.
3. To protect victims.
4. To share good practices [and data] (-RUS) across the whole region.
EOF
"$CTM" plan diff "$WORK/rev1.txt" "$WORK/rev2.txt" --format json >"$WORK/diff.json" 2>/dev/null
equal "diff: opened, agreed, dropped, still open" '1 1 1 1' \
	"$(json '[j.brackets.opened,j.brackets.agreed,j.brackets.dropped,j.brackets.open].join(" ")' "$WORK/diff.json")"
equal "diff: the renumbered measure is aligned with its old self" \
	'measure 3>measure 4' \
	"$(json 'j.blocks.filter(b=>b.old=="measure 3").map(b=>b.old+">"+b.new).join()' "$WORK/diff.json")"
equal "diff: the new measure is new" 'measure 2' \
	"$(json 'j.blocks.filter(b=>b.change=="added").map(b=>b.new).join()' "$WORK/diff.json")"
"$CTM" plan diff "$WORK/rev1.txt" "$WORK/rev2.txt" >"$WORK/diff.txt" 2>/dev/null
contains "diff as text: a dropped proposal is marked as removed words" \
	"To protect {-[the rights of] (+TUR)-} victims." "$(cat "$WORK/diff.txt")"
contains "diff as text: the changed words of measure 4" "{+whole+}" \
	"$(cat "$WORK/diff.txt")"
"$CTM" plan diff "$OCT" "$DEC" --format json >"$WORK/paris.json" 2>/dev/null
check "diff of the two Paris drafts: most blocks aligned, brackets counted" -- node -e '
	const j=JSON.parse(require("fs").readFileSync(process.argv[1]));
	const paired=j.blocks.filter(b=>b.old&&b.new).length;
	if (!(paired > 250 && j.brackets.open > 250)) process.exit(1)' \
	"$WORK/paris.json"

# --- Akoma Ntoso
for f in "$CICA" "$OCT" "$DEC" "$CASES" "$LINKS"; do
	b=$(basename "$f")
	"$CTM" plan akn "$f" --name test --date 2021-06-01 >"$WORK/$b.xml" 2>/dev/null
	check "akn: $b validates against the OASIS schema" -- \
		xmllint --noout --schema "$XSD" "$WORK/$b.xml"
done
A=$(cat "$WORK/$(basename "$CICA").xml")
contains "akn: delegations are TLCOrganization" \
	'<TLCOrganization eId="IND" href="/ontology/organization/iso3166/IND" showAs="India"/>' "$A"
contains "akn: a proposal to add is an ins that refers to its delegations" \
	'<ins eId="br_11" refersTo="#ISR #BHR">encourage</ins>' "$A"
contains "akn: a proposal to delete is a del" \
	'<del eId="br_10" refersTo="#ISR">undertake</del>' "$A"
contains "akn: the positions table is in proprietary" \
	'<ctm:measure where="measure 6" brackets="6">' "$A"
B=$(cat "$WORK/cases.txt.xml")
contains "akn: an unsponsored bracket is marked" \
	'<inline name="unsponsored" eId="br_4" refersTo="#unsponsored">and</inline>' "$B"
contains "akn: an unclosed bracket is marked" '<inline name="unclosed"' "$B"
contains "akn: a bracket over a blank line is one element" \
	'refersTo="#RUS">of terrorism and' "$B"
