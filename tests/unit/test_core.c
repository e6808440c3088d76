/*
 * test_core.c - Buf, UTF-8, CSV, the string map and the arena.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/csv.h"
#include "../../src/core/fpset.h"
#include "../../src/core/mem.h"
#include "../../src/core/netaddr.h"
#include "../../src/core/strmap.h"
#include "../../src/core/utf8.h"
#include "test.h"

static void
test_buf(void)
{
	Buf b = BUF_INIT;

	CHECK_STR(buf_str(&b), "", "an empty Buf reads as \"\"");
	buf_printf(&b, "%d-%s", 42, "x");
	buf_puts(&b, "  ");
	CHECK_STR(buf_str(&b), "42-x  ", "buf_printf and buf_puts append");
	buf_set(&b, "  \t trimmed \n");
	buf_trim(&b);
	CHECK_STR(buf_str(&b), "trimmed", "buf_trim trims both ends");
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, 'a');
	CHECK(b.len == 10007 && b.s[b.len] == '\0',
	    "a Buf grows and stays NUL-terminated");
	buf_reset(&b);
	buf_put_int(&b, 0);
	buf_putc(&b, ' ');
	buf_put_int(&b, 1234567);
	buf_putc(&b, ' ');
	buf_put_int(&b, -42);
	buf_putc(&b, ' ');
	buf_put_int(&b, INT64_MAX);
	buf_putc(&b, ' ');
	buf_put_int(&b, INT64_MIN);
	CHECK_STR(buf_str(&b),
	    "0 1234567 -42 9223372036854775807 -9223372036854775808",
	    "buf_put_int writes integers in decimal, signed");
	buf_reset(&b);
	buf_puts(&b, "ab");
	memcpy(buf_extend(&b, 3), "cde", 3);
	for (int i = 0; i < 100; i++)
		memset(buf_extend(&b, 100), 'x', 100);
	CHECK(b.len == 10005 && strncmp(b.s, "abcdex", 6) == 0 &&
		b.s[10004] == 'x' && b.s[10005] == '\0',
	    "buf_extend makes room at the end, counted and NUL-terminated");
	buf_reset(&b);
	buf_put_hex64(&b, 0);
	buf_putc(&b, ' ');
	buf_put_hex64(&b, 0xabcdef0123ULL);
	buf_putc(&b, ' ');
	buf_put_hex64(&b, UINT64_MAX);
	CHECK_STR(buf_str(&b),
	    "0000000000000000 000000abcdef0123 ffffffffffffffff",
	    "buf_put_hex64 writes sixteen digits, as %%016llx");
	buf_free(&b);
}

static void
test_utf8(void)
{
	const char *good = "Côte d’Ivoire Ёлка الساحل 中国";
	const char bad[] = "ok \xc3\x28 no";
	const char overlong[] = "\xc0\xaf";
	const char surrogate[] = "\xed\xa0\x80";

	CHECK(utf8_check(good, strlen(good)) == strlen(good),
	    "valid UTF-8 passes utf8_check");
	CHECK(utf8_check(bad, strlen(bad)) == 3,
	    "utf8_check finds the offset of a bad sequence");
	CHECK(utf8_check(overlong, 2) == 0, "overlong forms are rejected");
	CHECK(utf8_check(surrogate, 3) == 0, "surrogates are rejected");
	CHECK(utf8_check("\xf0\x9f\x98", 3) == 0,
	    "a sequence cut short is rejected");
	CHECK(utf8_len("Ёлка") == 4, "utf8_len counts code points");
	CHECK(utf8_width("中国") == 4, "wide characters take two columns");
	{
		/* Eight bytes at a time while ASCII: each length to 24. */
		const char *const w[] = { "", "abcdefgh", "abcdefg中",
			"abcdefgh中国", "abcdefghijklmnopq", good,
			"UNODC, OHCHR, UN-Women",
			"ab\xcc\x81"
			"cdefghij" };
		size_t differ = 0;

		for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
			differ += utf8_width_n(w[i], strlen(w[i])) !=
			    utf8_width(w[i]);
		CHECK(differ == 0 && utf8_width_n("abcdefgh中国", 14) == 12,
		    "utf8_width_n measures as utf8_width does (%zu differ)",
		    differ);
	}
	CHECK(utf8_column("ab\xc3\xa9xy", 4) == 4,
	    "utf8_column counts columns in code points");
}

/*
 * An arena gives blocks aligned for any type, each its own room (one
 * written over would show in another), however many and however large,
 * and frees them all at once (the sanitizers' build finds a leak).
 */
static void
test_arena(void)
{
	Arena a = ARENA_INIT;
	char *p[3000];
	size_t bad = 0, misaligned = 0;

	for (size_t i = 0; i < 3000; i++) {
		size_t n = i % 7 == 0 ? 0 : i % 100 == 0 ? 100000 : i % 61;

		p[i] = arena_alloc(&a, n);
		misaligned += (uintptr_t)p[i] % _Alignof(max_align_t) != 0;
		memset(p[i], (int)(i % 251), n);
		if (n > 0)
			p[i][n - 1] = (char)(i % 251);
	}
	for (size_t i = 0; i < 3000; i++) {
		size_t n = i % 7 == 0 ? 0 : i % 100 == 0 ? 100000 : i % 61;

		bad += n > 0 &&
		    (p[i][0] != (char)(i % 251) ||
			p[i][n - 1] != (char)(i % 251));
	}
	CHECK(bad == 0 && misaligned == 0,
	    "arena: 3,000 blocks of 0 to 100,000 bytes, aligned (%zu not), "
	    "each its own (%zu overwritten)",
	    misaligned, bad);
	arena_free(&a);
	CHECK(a.head == NULL && a.at == NULL,
	    "arena: freed at once, empty again");
	p[0] = arena_alloc(&a, 10);
	CHECK(p[0] != NULL && a.head != NULL, "arena: used again after");
	arena_free(&a);
	/* 16 KB, then 3 MB of a block of its own, then a block of 32 KB. */
	arena_alloc(&a, 16);
	arena_alloc(&a, (size_t)3 << 20);
	arena_alloc(&a, 16);
	CHECK((size_t)(a.end - a.at) + 16 == 32768,
	    "arena: a large request takes a block of its own, the next "
	    "block is twice the first (%zu bytes left)",
	    (size_t)(a.end - a.at));
	arena_free(&a);
}

static void
test_csv(void)
{
	const char *text = "\xef\xbb\xbf"
			   "a,\"b, \"\"c\"\"\",\r\n\"multi\nline\",x\n";
	CsvReader r;
	Buf err = BUF_INIT, out = BUF_INIT;

	csv_init(&r, text, strlen(text));
	CHECK(csv_next(&r, &err) == 1 && r.nfield == 3,
	    "first record has three fields (BOM skipped)");
	CHECK_STR(csv_field(&r, 0), "a", "plain field");
	CHECK_STR(csv_field(&r, 1), "b, \"c\"",
	    "quoted field with comma "
	    "and doubled quotes");
	CHECK_STR(csv_field(&r, 2), "", "empty last field");
	CHECK(csv_next(&r, &err) == 1 && r.nfield == 2 && r.record_line == 2,
	    "second record starts on line 2");
	CHECK_STR(csv_field(&r, 0), "multi\nline", "line break in a field");
	CHECK(csv_next(&r, &err) == 0, "end of text");
	csv_free(&r);

	csv_init(&r, "a,\"open\n", 8);
	CHECK(csv_next(&r, &err) == -1 && strstr(buf_str(&err), "line 1"),
	    "an unclosed quote is an error naming its line");
	csv_free(&r);

	csv_put_field(&out, "plain");
	buf_putc(&out, ',');
	csv_put_field(&out, "say \"hi\", then");
	CHECK_STR(buf_str(&out), "plain,\"say \"\"hi\"\", then\"",
	    "csv_put_field quotes only when it must");
	buf_free(&out);
	buf_free(&err);
}

static void
test_strmap(void)
{
	StrMap m = STRMAP_INIT;
	int64_t v = 0;
	int all = 1;
	char key[32];

	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		strmap_put(&m, key, i * 3);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		all &= strmap_get(&m, key, &v) && v == i * 3;
	}
	CHECK(all && m.count == 5000, "a map of 5000 keys finds them all");
	CHECK(!strmap_get(&m, "absent", &v), "an absent key is absent");
	strmap_put(&m, "key-7", -1);
	CHECK(strmap_get(&m, "key-7", &v) && v == -1 && m.count == 5000,
	    "putting a key again replaces its value");
	strmap_free(&m);
}

static void
test_fpset(void)
{
	FpSet set = FPSET_INIT;
	Buf err = BUF_INIT;
	int first = 0, again = 0;
	char key[48];

	/* Identifiers as IATI's: a publisher's prefix and a number. */
	for (int i = 0; i < 200000; i++) {
		snprintf(key, sizeof(key), "XM-DAC-41114-PROJECT-%d", i);
		first += fpset_add(&set, key, &err);
	}
	for (int i = 0; i < 200000; i += 7) {
		snprintf(key, sizeof(key), "XM-DAC-41114-PROJECT-%d", i);
		again += fpset_add(&set, key, &err);
	}
	CHECK(first == 0 && set.count == 200000,
	    "200000 identifiers, each new when first added");
	CHECK(again == (200000 + 6) / 7 && set.count == 200000,
	    "each met again when added again, and counted once");
	CHECK(fpset_add(&set, "", &err) == 0 && fpset_add(&set, "", &err) == 1,
	    "the empty string too");
	CHECK(set.nrun == 3 * FPSET_LIMIT &&
		set.nmem == 200000 - 3 * FPSET_LIMIT + 1,
	    "past FPSET_LIMIT, the older fingerprints in the run");
	CHECK(set.cap * sizeof(*set.slot) <= 16 * FPSET_LIMIT,
	    "the table in memory no larger than 16 bytes of the limit");
	CHECK(err.len == 0, "no error");
	fpset_free(&set);
	buf_free(&err);
}

/*
 * A set of a small limit, against the strings themselves: many runs
 * merged, answers the same as a map of the strings whatever the order
 * (new, repeated in memory, repeated in the run), and memory that does
 * not grow with the strings.
 */
static void
test_fpset_spill(void)
{
	FpSet set = FPSET_INIT;
	StrMap all = STRMAP_INIT;
	Buf err = BUF_INIT;
	uint64_t x = 88172645463325252ULL;
	size_t cap = 0, wrong = 0, repeats = 0;
	int64_t v;
	char key[48];

	set.limit = 1000;
	for (int i = 0; i < 150000; i++) {
		int met, known;

		/* xorshift64: a third of the draws repeat an earlier key. */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		snprintf(key, sizeof(key), "GB-CHC-%llu",
		    (unsigned long long)(x % 100000));
		known = strmap_get(&all, key, &v);
		met = fpset_add(&set, key, &err);
		wrong += met != known;
		repeats += known;
		strmap_put(&all, key, 1);
		if (i == 5000)
			cap = set.cap;
	}
	CHECK(wrong == 0 && repeats > 40000,
	    "150000 draws of 100000 keys: each repeat found, no new key "
	    "taken for one");
	CHECK(set.count == all.count && set.nrun + set.nmem == all.count &&
		set.nmem <= 1000,
	    "each key counted once; the older ones in the run");
	CHECK(set.cap == cap && set.cap <= 2048,
	    "the table stays the size of its limit");
	CHECK(set.reads < 150000 / 10 + repeats,
	    "the filter spares a read of the run for most new keys");
	CHECK(err.len == 0, "no error");
	fpset_free(&set);
	strmap_free(&all);
	buf_free(&err);
}

/* A run that cannot be made: -1, a message, and no answer after. */
static void
test_fpset_fail(void)
{
	FpSet set = FPSET_INIT;
	Buf err = BUF_INIT;
	char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	int rc = 0;
	char key[32];

	setenv("TMPDIR", "/nonexistent/ctmatrix-test", 1);
	set.limit = 10;
	for (int i = 0; i < 20 && rc == 0; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		rc = fpset_add(&set, key, &err);
	}
	CHECK(rc == -1 && strstr(buf_str(&err), "cannot create") &&
		strstr(buf_str(&err), "No such file"),
	    "a temporary file that cannot be made is said");
	buf_reset(&err);
	CHECK(fpset_add(&set, "key-0", &err) == -1 && err.len > 0,
	    "the set answers no more after");
	if (old) {
		setenv("TMPDIR", old, 1);
		free(old);
	} else {
		unsetenv("TMPDIR");
	}
	fpset_free(&set);
	buf_free(&err);
}

/* The load balancers' list of serve --proxy: addresses and networks. */
static void
test_netaddr(void)
{
	static const struct {
		const char *list, *addr;
		int in;
	} t[] = {
		{ "10.0.0.2", "10.0.0.2", 1 },
		{ "10.0.0.2", "10.0.0.3", 0 },
		{ "10.0.0.2", "10.0.0.20", 0 },
		{ "10.1.0.0/16", "10.1.255.7", 1 },
		{ "10.1.0.0/16", "10.2.0.7", 0 },
		{ "192.168.4.0/22", "192.168.7.255", 1 },
		{ "192.168.4.0/22", "192.168.8.0", 0 },
		{ "10.0.0.1/0", "203.0.113.9", 1 },
		{ "172.16.0.0/12,10.0.0.2", "10.0.0.2", 1 },
		{ "172.16.0.0/12,10.0.0.2", "172.31.0.1", 1 },
		{ "172.16.0.0/12,10.0.0.2", "172.32.0.1", 0 },
		{ "2001:db8::/32", "2001:db8:ffff::1", 1 },
		{ "2001:db8::/32", "2001:db9::1", 0 },
		{ "::1", "::1", 1 },
		{ "10.0.0.0/8", "::ffff:10.0.0.1", 0 },
		{ "::/0", "10.0.0.1", 0 },
		{ "10.0.0.2", "not an address", 0 },
	};
	static const char *const bad[] = { "10.0.0.1/33", "2001:db8::/129",
		"10.0.0.1/", "10.0.0.1/x", "10.0.0.256", "host.example",
		"10.0.0.1,,10.0.0.2", "", "10.0.0.1/8/8" };
	Buf b = BUF_INIT;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK(netaddr_listed(t[i].list, t[i].addr) == t[i].in,
		    "netaddr: %s %s in %s", t[i].addr,
		    t[i].in ? "is" : "is not", t[i].list);
	CHECK(netaddr_list_check("10.0.0.2,10.1.0.0/16,2001:db8::/32", &b) == 0,
	    "netaddr: a list of addresses and networks is good");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&b);
		CHECK(netaddr_list_check(bad[i], &b) != 0,
		    "netaddr: \"%s\" is refused (\"%s\" named)", bad[i],
		    buf_str(&b));
	}
	buf_reset(&b);
	netaddr_list_check("10.0.0.1,300.1.1.1,10.0.0.2", &b);
	CHECK_STR(buf_str(&b), "300.1.1.1", "netaddr: the item refused named");
	buf_free(&b);
}

void
test_core(void)
{
	test_netaddr();
	{
		Buf j = BUF_INIT;

		buf_json_string(&j, "a\"b\\c\n\t\x01é");
		buf_putc(&j, ' ');
		buf_json_string(&j, NULL);
		CHECK_STR(buf_str(&j), "\"a\\\"b\\\\c\\n\\t\\u0001é\" null",
		    "buf_json_string escapes quotes, backslashes, controls");
		buf_free(&j);
	}
	test_buf();
	test_utf8();
	test_arena();
	test_csv();
	test_strmap();
	test_fpset();
	test_fpset_spill();
	test_fpset_fail();
}
