/*
 * test_iati.c - the pure mappings of the IATI exchange (src/io/iati.h):
 * 1.0x codes to 2.03 ones, dates as publishers write them, statuses, the
 * gender marker, DAC regions, decimals in minor units, the relevance
 * rule and the codelists built in; and the reader on a file in memory.
 */
#include <stdlib.h>

#include "../../src/io/iati.h"
#include "test.h"

static void
date_is(const char *text, int want_rc, const char *want)
{
	Buf out = BUF_INIT;
	int rc = iati_date_clean(text, &out);

	CHECK(rc == want_rc && strcmp(buf_str(&out), want) == 0,
	    "date \"%s\" -> %d \"%s\" (got %d \"%s\")", text, want_rc, want, rc,
	    buf_str(&out));
	buf_free(&out);
}

static void
decimal_is(const char *text, int minor, int want_rc, int64_t want)
{
	int64_t v = -7;
	int rc = iati_decimal(text, minor, &v);

	CHECK(rc == want_rc && (rc < 0 || v == want),
	    "decimal \"%s\" (%d digits) -> %d %lld (got %d %lld)", text, minor,
	    want_rc, (long long)want, rc, (long long)v);
}

static void
test_codes(void)
{
	const char *status, *text;

	CHECK_STR(iati_role_code("Funding"), "1", "role Funding is 1");
	CHECK_STR(
	    iati_role_code("implementing"), "4", "role implementing is 4");
	CHECK_STR(iati_role_code("3"), "3", "role 3 stays");
	CHECK(iati_role_code("Sponsoring") == NULL, "role Sponsoring is none");
	CHECK(iati_date_type("start-planned") == 1, "start-planned is 1");
	CHECK(iati_date_type("end-actual") == 4, "end-actual is 4");
	CHECK(iati_date_type("2") == 2, "date type 2 stays");
	CHECK(iati_date_type("5") == 0 && iati_date_type(NULL) == 0,
	    "date types 5 and none are not");
	CHECK_STR(iati_transaction_code("D"), "3", "transaction D is 3");
	CHECK_STR(iati_transaction_code("IF"), "1", "transaction IF is 1");
	CHECK_STR(iati_transaction_code("11"), "11", "transaction 11 stays");
	CHECK(iati_transaction_code("ZZ") == NULL, "transaction ZZ is none");
	CHECK_STR(iati_budget_type("Revised"), "2", "budget Revised is 2");
	CHECK_STR(iati_budget_type(NULL), "1", "no budget type is original");
	CHECK(iati_budget_type("3") == NULL, "budget type 3 is none");
	CHECK_STR(iati_sector_vocabulary("DAC"), "1", "sector vocabulary DAC");
	CHECK_STR(iati_sector_vocabulary("DAC-3"), "2", "DAC-3 is 2");
	CHECK_STR(iati_sector_vocabulary(NULL), "1", "none is 1");
	CHECK_STR(iati_sector_vocabulary("RO"), "99", "RO is the publisher's");
	CHECK(iati_status_map("2", &status, &text) &&
		strcmp(status, "ongoing") == 0,
	    "status 2 is ongoing");
	CHECK(iati_status_map("3", &status, &text) &&
		strcmp(status, "completed") == 0,
	    "status 3 (finalisation) is completed");
	CHECK(iati_status_map("5", &status, &text) && status == NULL &&
		strcmp(text, "Cancelled") == 0,
	    "status 5 is no status of ours, said Cancelled");
	CHECK(!iati_status_map("9", &status, &text), "status 9 is unknown");
	CHECK_STR(iati_status_code("completed"), "4", "completed is 4");
	CHECK_STR(iati_status_code(NULL), "1", "no status is 1");
	CHECK(iati_gender_from_dac("0") == 0 &&
		iati_gender_from_dac("1") == 2 &&
		iati_gender_from_dac("2") == 3 &&
		iati_gender_from_dac("4") == 3,
	    "DAC significance 0, 1, 2, 4 are GEN0, GEN2, GEN3, GEN3");
	CHECK(
	    iati_gender_from_dac("x") == -1 && iati_gender_from_dac("12") == -1,
	    "significance x and 12 are none");
	CHECK(iati_gender_to_dac(3) == 2 && iati_gender_to_dac(2) == 1 &&
		iati_gender_to_dac(0) == 0,
	    "GEN3, GEN2, GEN0 are significance 2, 1, 0");
	CHECK_STR(iati_dac_region_m49("289"), "202", "DAC 289 is M49 202");
	CHECK(iati_dac_region_m49("998") == NULL, "DAC 998 is no M49 region");
	CHECK(iati_month_days("2016-02") == 29 &&
		iati_month_days("2015-02") == 28 &&
		iati_month_days("1900-02") == 28 &&
		iati_month_days("2019-13") == 0,
	    "days of February and of no month");
}

static void
test_values(void)
{
	date_is("2012-04-15", 0, "2012-04-15");
	date_is(" 2014-09-10T07:15:37Z", 0, "2014-09-10");
	date_is("2014-02", 1, "2014-02");
	date_is("2014-13-45", 1, "2014");
	date_is("2015-02-29", 1, "2015-02");
	date_is("2016-02-29", 0, "2016-02-29");
	/* xs:date with its time zone: the day, no finding. */
	date_is("2015-01-01Z", 0, "2015-01-01");
	date_is("2015-01-01+02:00", 0, "2015-01-01");
	date_is("2015-01-01-05:30", 0, "2015-01-01");
	date_is("2015-01-01+2", 1, "2015-01-01");
	date_is("2015-01-01Zulu", 1, "2015-01-01");
	date_is("soon", -1, "");
	date_is("0000-01-01", -1, "");
	date_is(NULL, -1, "");
	decimal_is("3000", 2, 0, 300000);
	decimal_is("-12.5", 2, 0, -1250);
	decimal_is("1000.505", 2, 1, 100051);
	decimal_is("7.4", 0, 1, 7);
	decimal_is("  56915942 ", 3, 0, 56915942000);
	decimal_is("3e5", 2, -1, 0);
	decimal_is("", 2, -1, 0);
	decimal_is("99999999999999999999", 2, -1, 0);
}

/* Read one file in memory into a (its first activity). */
static int
first(void *ctx, IatiActivity *a, Buf *err)
{
	IatiActivity *out = ctx;

	(void)err;
	if (out->identifier == NULL) {
		*out = *a;
		memset(a, 0, sizeof(*a));
	}
	return 0;
}

static void
test_rule(void)
{
	static const char xml[] =
	    "<iati-activities version=\"1.03\">"
	    "<iati-activity xml:lang=\"fr\"><iati-identifier>X-1"
	    "</iati-identifier><title>Prévenir l'EXTRÉMISME violent</title>"
	    "<sector code=\"11220\" vocabulary=\"DAC\"/></iati-activity>"
	    "<iati-activity><iati-identifier>X-2</iati-identifier>"
	    "</iati-activity></iati-activities>";
	IatiActivity a;
	IatiRule r;
	Buf why = BUF_INIT, err = BUF_INIT;
	size_t n;
	const char *def = iati_rule_default(&n);
	long got;

	memset(&a, 0, sizeof(a));
	got = iati_read(NULL, xml, sizeof(xml) - 1, "mem", first, &a, &err);
	CHECK(got == 2, "the reader reads two activities (got %ld: %s)", got,
	    buf_str(&err));
	CHECK_STR(a.identifier, "X-1", "the first's identifier");
	CHECK(a.ntitles == 1 && strcmp(a.titles[0].lang, "fr") == 0,
	    "a 1.x title, in the activity's language");
	CHECK(a.nsectors == 1 && strcmp(a.sectors[0].vocabulary, "1") == 0,
	    "a DAC sector, vocabulary 1");
	CHECK(iati_rule_load(&r, def, n, &err) == 0,
	    "the default rule loads (%s)", buf_str(&err));
	CHECK(iati_rule_match(&r, &a, &why),
	    "a French keyword, accents and case folded, matches (%s)",
	    buf_str(&why));
	free(a.titles[0].text);
	a.titles[0].text = strdup("Éducation primaire, apprentissage");
	buf_reset(&why);
	CHECK(!iati_rule_match(&r, &a, &why),
	    "primary education is not relevant (%s)", buf_str(&why));
	free(a.sectors[0].code);
	a.sectors[0].code = strdup("15210");
	CHECK(iati_rule_match(&r, &a, &why), "sector 15210 is relevant");
	free(a.titles[0].text);
	a.titles[0].text = strdup("Lutte contre le terrorisme");
	free(a.sectors[0].code);
	a.sectors[0].code = strdup("11220");
	CHECK(iati_rule_match(&r, &a, &why), "terrorisme begins a word");
	free(a.titles[0].text);
	a.titles[0].text = strdup("apve unit");
	CHECK(!iati_rule_match(&r, &a, &why), "pve inside a word is not PVE");
	free(a.titles[0].text);
	a.titles[0].text = strdup("مكافحة الإرهاب");
	CHECK(iati_rule_match(&r, &a, &why), "an Arabic keyword matches");
	iati_rule_free(&r);
	CHECK(iati_rule_load(&r, "{\"sectors\": 5}", 14, &err) != 0,
	    "a rule whose sectors are no list is refused");
	iati_rule_free(&r);
	iati_activity_clear(&a);
	buf_reset(&err);
	CHECK(iati_read(NULL, "<x/>", 4, "mem", first, &a, &err) < 0 &&
		strstr(buf_str(&err), "mem:1:") != NULL,
	    "another root is refused with its line (%s)", buf_str(&err));
	buf_reset(&err);
	CHECK(iati_read(NULL, "<iati-activities><iati-activity>", 32, "mem",
		  first, &a, &err) < 0,
	    "a file cut short is refused (%s)", buf_str(&err));
	iati_activity_clear(&a);
	CHECK_STR(iati_code_name("Sector", "15210"),
	    "Security system management and reform", "the DAC sector's name");
	CHECK(iati_code_name("Sector", "99999") == NULL, "no sector 99999");
	buf_free(&why);
	buf_free(&err);
}

void
test_iati(void)
{
	test_codes();
	test_values();
	test_rule();
}
