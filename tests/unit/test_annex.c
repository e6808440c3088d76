/*
 * test_annex.c - taking matrix cells apart, and the line reader, on rows
 * copied from the real 2018 matrix (data/ctitf-matrix-2018-pillars-1-2.md);
 * and the importer's notes read back (store_note_match, store_finding_text).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/io/annex.h"
#include "../../src/store/model.h"
#include "../../src/store/store.h"
#include "test.h"

static int
known(void *ctx, const char *name)
{
	static const char *const names[] = { "UNODC", "UNESCO", "UNAOC", "IOM",
		"UN WOMEN", "1540 Committee", "UNODA", "CTED", "UNCCT", "ASEAN",
		"AU", "Lake Chad Basin Commission", "UNDP", "OHCHR", "IAEA",
		"INTERPOL", "UNICRI", "IMF", "World Bank" };

	(void)ctx;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* Parse cell; check title, period text and the entities joined by "|". */
static void
title_is(const char *cell, const char *title, const char *period,
    const char *entities)
{
	AnnexTitle t;
	AnnexNotes n = { NULL, 0, 0 };
	Buf e = BUF_INIT;

	annex_title_parse(cell, known, NULL, &t, &n, 1);
	for (size_t i = 0; i < t.nentity; i++) {
		if (i)
			buf_putc(&e, '|');
		buf_puts(&e, t.entity[i]);
	}
	CHECK_STR(buf_str(&t.title), title, "title of %.50s", cell);
	CHECK_STR(t.has_period ? buf_str(&t.period_text) : NULL, period,
	    "period of %.50s", cell);
	CHECK_STR(buf_str(&e), entities, "entities of %.50s", cell);
	annex_title_free(&t);
	annex_notes_free(&n);
	buf_free(&e);
}

static void
test_titles(void)
{
	title_is("Pilot Project on Countering Radicalization and Violent "
		 "Extremism in the Sahel-Maghreb (Jul. 2015–Jun. 2019) "
		 "<b>UNICRI</b>",
	    "Pilot Project on Countering Radicalization and Violent "
	    "Extremism in the Sahel-Maghreb",
	    "Jul. 2015–Jun. 2019", "UNICRI");
	title_is("World Heritage Education Programme (\"World Heritage in "
		 "young hands kit\".) <b>(Annual event)</b> <b>UNESCO</b>",
	    "World Heritage Education Programme (\"World Heritage in young "
	    "hands kit\".)",
	    "Annual event", "UNESCO");
	title_is("Seminar on Resolution 1540 (2004) in Rakitje, Croatia "
		 "(Sep. 2017) UNODA, <b>1540 Committee</b>",
	    "Seminar on Resolution 1540 (2004) in Rakitje, Croatia",
	    "Sep. 2017", "UNODA|1540 Committee");
	title_is("Youth Video Festival PLURAL+ UNAOC, IOM",
	    "Youth Video Festival PLURAL+", NULL, "UNAOC|IOM");
	title_is("Security Council resolution <a href=\"#\">2178 (2017)</a> "
		 "<b>UNCCT, CTED</b>",
	    "Security Council resolution 2178 (2017)", NULL, "UNCCT|CTED");
	title_is("Seminar for UN Security Council Resolution 1540 (2004) "
		 "(2016) <b>1540 Committee</b>",
	    "Seminar for UN Security Council Resolution 1540 (2004)", "2016",
	    "1540 Committee");
	title_is("Strengthening the capacity of ASEAN",
	    "Strengthening the capacity of ASEAN", NULL, "");
	title_is("persons associated to Boko Haram <b>CTED, UNODC, UNDP, "
		 "IOM, AU and Lake Chad Basin Commission</b>",
	    "persons associated to Boko Haram", NULL,
	    "CTED|UNODC|UNDP|IOM|AU|Lake Chad Basin Commission");
	title_is("Improving Women’s Participation <b>UNESCO, UN WOMEN, "
		 "UNDP</b>",
	    "Improving Women’s Participation", NULL, "UNESCO|UN WOMEN|UNDP");
	title_is("Terrorist Designations and Freezing of Assets — Phase II "
		 "(2012–2018) <b>UNCCT</b>",
	    "Terrorist Designations and Freezing of Assets — Phase II",
	    "2012–2018", "UNCCT");
	title_is("Global Traveler Assessment System. (since Apr. 2017) "
		 "<b>WCO</b>",
	    "Global Traveler Assessment System.", "since Apr. 2017", "WCO");
	title_is("<b>UNODC</b>", "UNODC", NULL, "");
	title_is("Youth resilience in Pakistan (Jun. 2016–Dec. 2019) UNODC",
	    "Youth resilience in Pakistan", "Jun. 2016–Dec. 2019", "UNODC");
	title_is("Women and peace (2019) UN WOMEN, UNDP", "Women and peace",
	    "2019", "UN WOMEN|UNDP");
	title_is("Export controls (2016) 1540 Committee", "Export controls",
	    "2016", "1540 Committee");
	title_is("A &amp; B &#8211; C (2016) <b>UNODC</b>", "A & B – C", "2016",
	    "UNODC");
	/* Plain lists as reports of other pillars write them. */
	title_is("Prison reform (2018) OHCHR and UNODC", "Prison reform",
	    "2018", "OHCHR|UNODC");
	title_is("Nuclear security (2017) IAEA, INTERPOL and UNICRI",
	    "Nuclear security", "2017", "IAEA|INTERPOL|UNICRI");
	title_is("Export controls (2016) UNODA, 1540 Committee",
	    "Export controls", "2016", "UNODA|1540 Committee");
	title_is("AML/CFT (2018) IMF and World Bank", "AML/CFT", "2018",
	    "IMF|World Bank");
	title_is("Courts (2018) UNODC & UNDP", "Courts", "2018", "UNODC|UNDP");
	title_is("Courts (2018) <b>UNODC &amp; UNDP</b>", "Courts", "2018",
	    "UNODC|UNDP");
	title_is("Prisons (2018) UNODC (lead), UNDP", "Prisons", "2018",
	    "UNODC (lead)|UNDP");
	title_is("Prisons (2018) UNDP, OHCHR (co-lead)", "Prisons", "2018",
	    "UNDP|OHCHR (co-lead)");
	/* A title's own words are not a list of entities. */
	title_is("Cooperation with UNODC and UNDP",
	    "Cooperation with UNODC and UNDP", NULL, "");
}

static void
test_roles(void)
{
	int lead = -1;
	const char *n = "UNODC (lead)";

	CHECK(annex_role_marker(n, strlen(n), &lead) == 5 && lead == 1,
	    "\"(lead)\" marks the lead");
	n = "OHCHR  (Co-Lead) ";
	CHECK(annex_role_marker(n, strlen(n), &lead) == 5 && lead == 0,
	    "\"(Co-Lead)\" marks a co-lead");
	n = "UNODC (Vienna)";
	CHECK(annex_role_marker(n, strlen(n), NULL) == strlen(n),
	    "another aside is no role");
}

static void
scope_is(const char *cell, int scopes, const char *names)
{
	AnnexScope sc;
	Buf b = BUF_INIT;

	annex_scope_parse(cell, &sc);
	for (size_t i = 0; i < sc.nname; i++) {
		if (i)
			buf_putc(&b, '|');
		buf_puts(&b, sc.name[i]);
	}
	CHECK(sc.scopes == scopes, "scope bits of \"%s\" (got %d)", cell,
	    sc.scopes);
	CHECK_STR(buf_str(&b), names, "places of \"%s\"", cell);
	annex_scope_free(&sc);
	buf_free(&b);
}

static void
test_scopes(void)
{
	scope_is("Global", SCOPE_GLOBAL, "");
	scope_is("Global, regional", SCOPE_GLOBAL | SCOPE_REGIONAL, "");
	scope_is("Global and regional", SCOPE_GLOBAL | SCOPE_REGIONAL, "");
	scope_is("Regional (Arab States)", SCOPE_REGIONAL, "Arab States");
	scope_is("Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan.", 0,
	    "Kazakhstan|Kyrgyzstan|Tajikistan and Uzbekistan");
	scope_is("Mauritania, Morocco, and Tunisia", 0,
	    "Mauritania|Morocco|Tunisia");
	scope_is("Côte d'Ivoire, Mali, Niger, the Gambia and Senegal", 0,
	    "Côte d'Ivoire|Mali|Niger|the Gambia and Senegal");
}

/* Run the reader over text; return the events as a compact string. */
static void
read_all(const char *text, Buf *out)
{
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	AnnexReader r;
	AnnexEvent ev;
	Buf err = BUF_INIT;
	int got;

	annex_reader_init(&r, fp, "t");
	while ((got = annex_next(&r, &ev, &err)) == 1) {
		if (ev.type == ANNEX_PILLAR && ev.declared >= 0)
			buf_printf(out, "[P%s/%ld]", ev.pillar, ev.declared);
		else if (ev.type == ANNEX_PILLAR)
			buf_printf(out, "[P%s]", ev.pillar);
		else if (ev.type == ANNEX_AS_OF)
			buf_printf(out, "[A%s]", ev.as_of);
		else if (ev.type == ANNEX_DECLARED)
			buf_printf(out, "[D%ld]", ev.declared);
		else
			buf_printf(out, "[R%ld:%s/%s/%s%s]", ev.row->serial,
			    buf_str(&ev.row->cell[1]),
			    buf_str(&ev.row->cell[3]),
			    buf_str(&ev.row->cell[4]),
			    ev.row->joined ? "+" : "");
	}
	if (got < 0)
		buf_printf(out, "[E %s]", buf_str(&err));
	for (size_t i = 0; i < r.notes.n; i++)
		buf_printf(out, "[N%s]", r.notes.note[i].kind);
	annex_reader_free(&r);
	fclose(fp);
	buf_free(&err);
}

static void
test_reader(void)
{
	Buf b = BUF_INIT;

	read_all("# Intro\nAs of February 2018, there are 320 projects.\n"
		 "Pillar I projects grew.\n"
		 "#### Pillar II of the UN Global Counter-Terrorism Strategy\n"
		 "#### 55 projects\n\n"
		 "Serial\tProject\tStatus\tMain Activities\tScope\n"
		 "4\tT4\tCompleted\tpromote cooperation;\tGlobal\n\n"
		 "Serial\tProject\tStatus\tMain Activities\tScope\n"
		 "\t\t\tsharing experiences.\t\n"
		 "5\tT5\tOngoing\tA\tAfrica\n",
	    &b);
	CHECK_STR(buf_str(&b),
	    "[A2018-02][PII][D55][R4:T4/promote cooperation; sharing "
	    "experiences./"
	    "Global+][R5:T5/A/Africa]",
	    "reader: heading, count, a row joined over a page break");
	buf_reset(&b);
	read_all("\xef\xbb\xbf#### Pillar III\r\n**17 projects**\r\n"
		 "12.\tT\tNew\tA\tB\r\nstray words\r\n",
	    &b);
	CHECK_STR(buf_str(&b), "[PIII][D17][R12:T/A/B][Nstray-text]",
	    "reader: BOM, CRLF, bold count, serial with a dot, stray text");
	buf_reset(&b);
	read_all(
	    "#### Pillar I\n1\tok\tOngoing\tA\tB\n2\tbad \xff\tX\tY\tZ\n", &b);
	CHECK(strstr(buf_str(&b), "[E t:3:7: invalid UTF-8]") != NULL,
	    "reader: invalid UTF-8 is an error with line and column (%s)",
	    buf_str(&b));
	buf_reset(&b);
	read_all(
	    "#### Pillar\xc2\xa0III of the Strategy\n(30\xc2\xa0projects)\n"
	    "1\tT\tOngoing\tA\tB\n18-06440\t23/30\n"
	    "#### Pillar IV (12 projects)\n"
	    "Total: 45 projects/activities.\n"
	    "#### 8 projects and activities\n",
	    &b);
	CHECK_STR(buf_str(&b),
	    "[PIII][D30][R1:T/A/B][PIV/12][D45][D8][Nstray-text]",
	    "reader: no-break spaces, counts in parentheses, in a heading, "
	    "with \"Total:\" and \"activities\", a page's footer");
	buf_reset(&b);
	read_all("#### Pillar IV (12 projects)\n", &b);
	CHECK_STR(buf_str(&b), "[PIV/12]", "reader: a heading's count");
	buf_free(&b);
}

/* The importer's sentences read back through their patterns. */
static void
test_notes(void)
{
	Buf h[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT }, out = BUF_INIT;
	Finding f = { "count-mismatch", "II", -1, 0, NULL,
		"pillar II declares 55 projects but 56 were found" };

	CHECK(store_note_match("line 26: serial \"12a\" is not a number",
		  "line %s: serial \"%s\" is not a number", h) == 2,
	    "two holes read");
	CHECK_STR(buf_str(&h[0]), "26", "the first hole");
	CHECK_STR(buf_str(&h[1]), "12a", "the second hole");
	CHECK(store_note_match("line 7: the title is empty",
		  "line %s: the status is empty", h) < 0,
	    "another sentence does not read");
	CHECK(store_note_match("line : x", "line %s: x", h) < 0,
	    "an empty hole does not read");
	CHECK(store_note_match("f.md:3: a: b", "%s: a: %s", h) == 2 &&
		strcmp(buf_str(&h[0]), "f.md:3") == 0 &&
		strcmp(buf_str(&h[1]), "b") == 0,
	    "a hole runs to the first place the next words follow");
	store_finding_text(&out, "en", &f);
	CHECK_STR(buf_str(&out), f.message, "English: the message as kept");
	buf_reset(&out);
	f.kind = "no-such-kind";
	store_finding_text(&out, "ru", &f);
	CHECK_STR(buf_str(&out), f.message, "a kind not known: English");
	buf_reset(&out);
	f.kind = "count-mismatch";
	f.message = "pillar II says something else";
	store_finding_text(&out, "fr", &f);
	CHECK_STR(buf_str(&out), f.message, "numbers not read: English");
	for (int i = 0; i < 4; i++)
		buf_free(&h[i]);
	buf_free(&out);
}

void
test_annex(void)
{
	test_notes();
	test_titles();
	test_roles();
	test_scopes();
	test_reader();
}
