/*
 * cmd_plan.c - `ctmatrix plan`: negotiation drafts in bracket notation.
 *
 *   plan stats FILE       counts of brackets, measures and tags
 *   plan positions FILE   each delegation's proposals; measures x
 *                         delegations
 *   plan text FILE        --delivered, --agreed, --all or --as XXX
 *   plan diff OLD NEW     what changed between two revisions
 *   plan akn FILE         Akoma Ntoso 3.0 XML
 *
 * The draft is read by src/plan (plan.h); its defects go to standard
 * error as "FILE:LINE:COL: message" and do not stop the command.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../io/plan_akn.h"
#include "../io/plan_commit.h"
#include "../io/plan_impl.h"
#include "../io/refdata.h"
#include "../plan/diff.h"
#include "../plan/plan.h"
#include "../portfolio/money.h"
#include "cli.h"

typedef struct Draft {
	const char *file;
	char *text;
	size_t len;
	Plan plan;
} Draft;

static CountryList countries;
static int countries_loaded;

static int
draft_open(Draft *d, const char *file, const Cli *c)
{
	Buf err = BUF_INIT;
	int flags;

	memset(d, 0, sizeof(*d));
	d->file = file;
	if (!countries_loaded) {
		if (refdata_countries(&countries, &err) != 0) {
			cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
			buf_free(&err);
			return -1;
		}
		countries_loaded = 1;
	}
	if (buf_read_file(file, &d->text, &d->len, &err) != 0) {
		cli_error(EXIT_FAIL, "%s", buf_str(&err));
		buf_free(&err);
		return -1;
	}
	flags = plan_flags_for(file);
	if (cli_opt(c, "markdown") != NULL)
		flags = PLAN_MARKDOWN;
	plan_read(&d->plan, d->text, d->len, flags, refdata_country_known,
	    &countries);
	for (size_t i = 0; i < d->plan.ndiag; i++)
		fprintf(stderr, "%s:%d:%d: %s\n", file, d->plan.diag[i].line,
		    d->plan.diag[i].col, d->plan.diag[i].msg);
	return 0;
}

static void
draft_close(Draft *d)
{
	plan_free(&d->plan);
	free(d->text);
}

/*
 * The counts of `plan stats` in text form, one a line, each after its
 * label in lang, the numbers in one column two spaces after the widest
 * label (as wide as a Chinese character's two columns).
 */
static void
stats_print(const char *lang, const PlanStats *st)
{
	const char *label[] = { tr(lang, "brackets"), tr(lang, "unclosed"),
		tr(lang, "nested"), tr(lang, "unsponsored"),
		tr(lang, "measures"), tr(lang, "inserted measures"),
		tr(lang, "stray ']'"), tr(lang, "unknown tags") };
	long count[] = { st->brackets, st->unclosed, st->nested,
		st->unsponsored, st->measures, st->inserted_measures,
		st->stray_closers, st->unknown_tags };
	size_t n = sizeof(label) / sizeof(label[0]), w = 0;

	for (size_t i = 0; i < n; i++)
		if (utf8_width(label[i]) > w)
			w = utf8_width(label[i]);
	for (size_t i = 0; i < n; i++)
		printf("%s%*s%ld\n", label[i],
		    (int)(w + 2 - utf8_width(label[i])), "", count[i]);
	putchar('\n');
}

static int
plan_stats_cmd(Cli *c, Draft *d)
{
	PlanStats st;
	const char **codes;
	size_t n = plan_delegations(&d->plan, &codes);
	long *add = calloc(n + 1, sizeof(long)),
	     *del = calloc(n + 1, sizeof(long));

	plan_stats(&d->plan, &st);
	plan_count_tags(&d->plan, 0, d->plan.nbr, codes, n, add, del);
	if (strcmp(c->format, "json") == 0) {
		json_t *o = json_object(), *dl = json_object();

		json_object_set_new(o, "brackets", json_integer(st.brackets));
		json_object_set_new(o, "unclosed", json_integer(st.unclosed));
		json_object_set_new(o, "nested", json_integer(st.nested));
		json_object_set_new(
		    o, "unsponsored", json_integer(st.unsponsored));
		json_object_set_new(o, "measures", json_integer(st.measures));
		json_object_set_new(
		    o, "inserted_measures", json_integer(st.inserted_measures));
		for (size_t k = 0; k < n; k++)
			json_object_set_new(dl, codes[k],
			    json_pack("{s:I,s:I}", "add", (json_int_t)add[k],
				"delete", (json_int_t)del[k]));
		json_object_set_new(o, "delegations", dl);
		cli_print_json(o);
	} else {
		static const char *head[] = { N_("delegation"), N_("name"),
			N_("add"), N_("delete") };
		CliTable t;
		char a[24], b[24];

		stats_print(c->lang, &st);
		cli_table_init(&t, 4, head);
		for (size_t k = 0; k < n; k++) {
			const char *row[4];

			snprintf(a, sizeof(a), "%ld", add[k]);
			snprintf(b, sizeof(b), "%ld", del[k]);
			row[0] = codes[k];
			row[1] = refdata_country_name(&countries, codes[k]);
			row[2] = a;
			row[3] = b;
			cli_table_add(&t, row);
		}
		cli_table_print(&t, c->format, c->lang);
		cli_table_free(&t);
	}
	free(codes);
	free(add);
	free(del);
	return EXIT_OK;
}

static int
plan_positions_cmd(Cli *c, Draft *d)
{
	const Plan *p = &d->plan;
	const char **codes;
	size_t n = plan_delegations(p, &codes);
	Buf where = BUF_INIT, text = BUF_INIT, raw = BUF_INIT;
	json_t *jd = json_array(), *jt = json_array();
	int json = strcmp(c->format, "json") == 0;
	/* The table says where in the command's language, JSON and CSV not. */
	const char *lang = strcmp(c->format, "table") == 0 ? c->lang : NULL;

	/* Per delegation, each proposal. */
	for (size_t k = 0; k < n; k++) {
		json_t *props = json_array();

		if (!json && strcmp(c->format, "table") == 0)
			printf("%s%s (%s)\n", k ? "\n" : "", codes[k],
			    refdata_country_name(&countries, codes[k]));
		for (size_t i = 0; i < p->nbr; i++) {
			const PlanBracket *b = &p->br[i];

			for (int t = 0; t < b->ntag; t++) {
				const PlanTag *tg = &p->tag[b->tag0 + t];

				if (!tg->known || strcmp(tg->code, codes[k]))
					continue;
				buf_reset(&where);
				buf_reset(&text);
				buf_reset(&raw);
				plan_block_label_in(
				    p, (size_t)b->block, lang, &where);
				plan_bracket_text(p, i, &raw);
				buf_append_spaced(
				    &text, buf_str(&raw), raw.len);
				if (json)
					json_array_append_new(props,
					    json_pack("{s:s,s:s,s:i,s:i,s:s%}",
						"proposes",
						tg->sign == '+' ? "add"
								: "delete",
						"where", buf_str(&where),
						"line", b->line, "column",
						b->col, "text", buf_str(&text),
						text.len));
				else if (strcmp(c->format, "table") == 0)
					printf("  %c %-24s %s\n", tg->sign,
					    buf_str(&where), buf_str(&text));
			}
		}
		if (json)
			json_array_append_new(jd,
			    json_pack("{s:s,s:s?,s:o}", "delegation", codes[k],
				"name",
				refdata_country_name(&countries, codes[k]),
				"proposals", props));
		else
			json_decref(props);
	}
	/* Measures x delegations. */
	{
		const char **head = calloc(n + 2, sizeof(char *));
		char **cell = calloc(n + 2, sizeof(char *));
		CliTable t;

		head[0] = N_("where");
		head[1] = N_("brackets");
		for (size_t k = 0; k < n; k++)
			head[k + 2] = codes[k];
		cli_table_init(&t, (int)n + 2, head);
		for (size_t i = 0, j; i < p->nbr; i = j) {
			long *add = calloc(n + 1, sizeof(long));
			long *del = calloc(n + 1, sizeof(long));
			long nbr;
			json_t *cells = json_object();

			j = plan_block_run(p, i);
			nbr = (long)(j - i);
			plan_count_tags(p, i, j, codes, n, add, del);
			buf_reset(&where);
			plan_block_label_in(
			    p, (size_t)p->br[i].block, lang, &where);
			cell[0] = xstrdup(buf_str(&where));
			cell[1] = malloc(24);
			snprintf(cell[1], 24, "%ld", nbr);
			for (size_t k = 0; k < n; k++) {
				cell[k + 2] = malloc(48);
				if (add[k] && del[k])
					snprintf(cell[k + 2], 48, "+%ld -%ld",
					    add[k], del[k]);
				else if (add[k] || del[k])
					snprintf(cell[k + 2], 48, "%c%ld",
					    add[k] ? '+' : '-',
					    add[k] ? add[k] : del[k]);
				else
					cell[k + 2][0] = '\0';
				if (add[k] || del[k])
					json_object_set_new(cells, codes[k],
					    json_pack("{s:I,s:I}", "add",
						(json_int_t)add[k], "delete",
						(json_int_t)del[k]));
			}
			cli_table_add(&t, (const char *const *)cell);
			if (json)
				json_array_append_new(jt,
				    json_pack("{s:s,s:I,s:o}", "where", cell[0],
					"brackets", (json_int_t)nbr,
					"delegations", cells));
			else
				json_decref(cells);
			for (size_t k = 0; k < n + 2; k++)
				free(cell[k]);
			free(add);
			free(del);
		}
		if (json) {
			json_t *o = json_object();

			json_object_set_new(o, "delegations", jd);
			json_object_set_new(o, "measures", jt);
			cli_print_json(o);
			jd = jt = NULL;
		} else {
			if (strcmp(c->format, "table") == 0)
				printf("\n");
			cli_table_print(&t, c->format, c->lang);
		}
		cli_table_free(&t);
		free(head);
		free(cell);
	}
	json_decref(jd);
	json_decref(jt);
	free(codes);
	buf_free(&where);
	buf_free(&text);
	buf_free(&raw);
	return EXIT_OK;
}

static int
plan_text_cmd(Cli *c, Draft *d)
{
	const char *as = cli_opt(c, "as");
	int nview = (cli_opt(c, "delivered") != NULL) +
	    (cli_opt(c, "agreed") != NULL) + (cli_opt(c, "all") != NULL) +
	    (as != NULL);
	PlanView v = PLAN_DELIVERED;
	Buf out = BUF_INIT;

	if (nview > 1)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"plan text: one of --delivered, --agreed, --all, "
			"--as"));
	if (cli_opt(c, "agreed"))
		v = PLAN_AGREED;
	else if (cli_opt(c, "all"))
		v = PLAN_ALL;
	else if (as != NULL) {
		v = PLAN_AS;
		if (!refdata_country_known(&countries, as))
			return cli_error(EXIT_USAGE,
			    tr(c->lang,
				"plan text --as: \"%s\" is not an ISO 3166-1 "
				"alpha-3 code of the country list"),
			    as);
	}
	plan_render(&d->plan, v, as, 0, d->plan.nblock, &out);
	fwrite(buf_str(&out), 1, out.len, stdout);
	buf_free(&out);
	return EXIT_OK;
}

static int
plan_akn_cmd(Cli *c, Draft *d)
{
	Buf out = BUF_INIT;
	PlanAknOptions o;

	memset(&o, 0, sizeof(o));
	o.name = cli_opt(c, "name");
	o.date = cli_opt(c, "date");
	o.country_name = refdata_country_name;
	o.countries = &countries;
	plan_akn(&d->plan, &o, &out);
	fwrite(buf_str(&out), 1, out.len, stdout);
	buf_free(&out);
	return EXIT_OK;
}

static int
plan_diff_cmd(Cli *c, Draft *a, Draft *b)
{
	PlanDiff df;
	Buf out = BUF_INIT;

	plan_diff(&a->plan, &b->plan, &df);
	if (strcmp(c->format, "json") == 0)
		plan_diff_json(&a->plan, &b->plan, &df, &out);
	else
		plan_diff_text(&a->plan, &b->plan, &df, c->lang, &out);
	fwrite(buf_str(&out), 1, out.len, stdout);
	plan_diff_free(&df);
	buf_free(&out);
	return EXIT_OK;
}

/* Print a COMMIT_* failure; EXIT_OK on success. */

static int
plan_add_cmd(Cli *c)
{
	const char *key = c->arg[1], *file = c->arg[2], *base;
	const char *label = cli_opt(c, "label");
	char *text;
	size_t n;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int seq = 0, rc, md;

	if (buf_read_file(file, &text, &n, &err) != 0) {
		rc = cli_error(EXIT_FAIL, "%s", buf_str(&err));
		buf_free(&err);
		return rc;
	}
	base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	md = cli_opt(c, "markdown") ? PLAN_MARKDOWN : plan_flags_for(file);
	if (cli_store(c) == NULL) {
		free(text);
		return EXIT_SYSTEM;
	}
	rc = plan_commit_revision(c->store, NULL, key, cli_opt(c, "title"),
	    label ? label : base, base, md == PLAN_MARKDOWN, text, n, &seq,
	    &msg);
	if (rc < 300) {
		printf(tr(c->lang, "plan %s: revision %d added (%zu bytes)\n"),
		    key, seq, n);
		rc = EXIT_OK;
	} else if (rc == 400) {
		rc = cli_error(EXIT_FAIL, "%s: %s", file, buf_str(&msg));
	} else {
		rc = cli_commit_status(rc, &msg);
	}
	free(text);
	buf_free(&msg);
	return rc;
}

static int
plan_list_cb(void *ctx, const PlanInfo *p)
{
	CliTable *t = ctx;
	char nrev[16], adopted[16];
	const char *row[5];

	snprintf(nrev, sizeof(nrev), "%d", p->nrev);
	snprintf(adopted, sizeof(adopted), "%d", p->adopted_seq);
	row[0] = buf_str(&p->key);
	row[1] = nrev;
	row[2] = p->adopted_seq ? adopted : "";
	row[3] = buf_str(&p->last_label);
	row[4] = buf_str(&p->title);
	cli_table_add(t, row);
	return 0;
}

static int
plan_rev_cb(void *ctx, const PlanRevInfo *r)
{
	CliTable *t = ctx;
	char seq[16], size[24];
	const char *row[5];

	snprintf(seq, sizeof(seq), "%d", r->seq);
	snprintf(size, sizeof(size), "%zu", r->size);
	row[0] = seq;
	row[1] = buf_str(&r->label);
	row[2] = buf_str(&r->filename);
	row[3] = size;
	row[4] = buf_str(&r->created_at);
	cli_table_add(t, row);
	return 0;
}

static int
plan_list_cmd(Cli *c)
{
	static const char *head[] = { N_("key"), N_("revisions"), N_("adopted"),
		N_("latest"), N_("title") };
	static const char *rhead[] = { N_("revision"), N_("label"), N_("file"),
		N_("bytes"), N_("added") };
	CliTable t;
	Buf err = BUF_INIT;
	PlanInfo pi;
	int rc = 0;

	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	memset(&pi, 0, sizeof(pi));
	if (c->narg == 1) {
		cli_table_init(&t, 5, head);
		t.last_wraps = 1;
		rc = store_plans(c->store, plan_list_cb, &t, &err);
	} else {
		cli_table_init(&t, 5, rhead);
		if ((rc = store_plan_get(c->store, c->arg[1], &pi, &err)) ==
		    0) {
			cli_table_free(&t);
			return cli_error(
			    EXIT_FAIL, tr(c->lang, "no plan %s"), c->arg[1]);
		}
		if (rc > 0)
			rc = store_plan_revisions(
			    c->store, pi.id, plan_rev_cb, &t, &err);
	}
	if (rc >= 0)
		cli_table_print(&t, c->format, c->lang);
	else
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	cli_table_free(&t);
	plan_info_clear(&pi);
	buf_free(&err);
	return rc < 0 ? EXIT_SYSTEM : EXIT_OK;
}

static int
plan_measures_cmd(Cli *c)
{
	static const char *head[] = { N_("measure"), N_("projects"),
		N_("entities"), N_("countries"), N_("budget_usd"),
		N_("budgeted"), N_("text") };
	PlanImpl im;
	CliTable t;
	Buf err = BUF_INIT, a = BUF_INIT, b = BUF_INIT, d = BUF_INIT;
	Buf usd = BUF_INIT, nb = BUF_INIT;
	int got;

	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	got = plan_implementation(c->store, c->arg[1], &im, &err);
	if (got <= 0) {
		got = got < 0
		    ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
		    : cli_error(EXIT_FAIL,
			  tr(c->lang, "plan %s: no such adopted plan"),
			  c->arg[1]);
		buf_free(&err);
		return got;
	}
	cli_table_init(&t, 7, head);
	t.last_wraps = 1;
	for (size_t i = 0; i < im.n; i++) {
		const PlanImplMeasure *m = &im.m[i];
		const char *row[7];

		buf_reset(&a);
		buf_reset(&b);
		buf_reset(&d);
		for (size_t k = 0; k < m->nproject; k++)
			buf_printf(&a, "%s%lld", k ? " " : "",
			    (long long)m->project[k]);
		for (size_t k = 0; k < m->nentity; k++)
			buf_printf(&b, "%s%s", k ? " " : "", m->entity[k]);
		for (size_t k = 0; k < m->ncountry; k++)
			buf_printf(&d, "%s%s", k ? " " : "", m->country[k]);
		row[0] = m->number;
		row[1] = m->nproject ? buf_str(&a) : "(none)";
		row[2] = buf_str(&b);
		row[3] = buf_str(&d);
		buf_reset(&usd);
		buf_reset(&nb);
		money_decimal(m->budget_usd, 2, &usd);
		buf_printf(&nb, "%zu%s", m->budgeted, m->demo ? " (demo)" : "");
		row[4] = buf_str(&usd);
		row[5] = buf_str(&nb);
		row[6] = m->text;
		cli_table_add(&t, row);
	}
	cli_table_print(&t, c->format, c->lang);
	if (strcmp(c->format, "table") == 0)
		printf(tr(c->lang,
			   "\n%zu measures, %zu with no project behind them\n"),
		    im.n, im.uncovered);
	cli_table_free(&t);
	plan_impl_free(&im);
	buf_free(&a);
	buf_free(&b);
	buf_free(&d);
	buf_free(&usd);
	buf_free(&nb);
	buf_free(&err);
	return EXIT_OK;
}

/* The verbs on stored plans: add, list, adopt, link, unlink, measures. */
static int
plan_store_cmd(Cli *c, const char *verb)
{
	Buf msg = BUF_INIT;
	int rc;

	if (strcmp(verb, "add") == 0)
		return c->narg == 3 ? plan_add_cmd(c)
				    : cli_usage(c,
					  "plan add KEY FILE [--title T] "
					  "[--label L]");
	if (strcmp(verb, "list") == 0)
		return c->narg <= 2 ? plan_list_cmd(c)
				    : cli_usage(c, "plan list [KEY]");
	if (strcmp(verb, "measures") == 0)
		return c->narg == 2 ? plan_measures_cmd(c)
				    : cli_usage(c, "plan measures KEY");
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "adopt") == 0) {
		const char *r = cli_opt(c, "revision");

		if (c->narg != 2 || r == NULL)
			return cli_error(EXIT_USAGE,
			    tr(c->lang,
				"plan adopt KEY --revision N (0: a draft "
				"again)"));
		rc =
		    plan_commit_adopt(c->store, NULL, c->arg[1], atoi(r), &msg);
		if (rc < 300)
			printf(tr(c->lang, "plan %s: revision %d adopted\n"),
			    c->arg[1], atoi(r));
	} else {
		int on = strcmp(verb, "link") == 0;

		if (c->narg != 4 || atoll(c->arg[3]) <= 0)
			return cli_error(
			    EXIT_USAGE, "plan %s KEY MEASURE PROJECT_ID", verb);
		rc = plan_commit_link(c->store, NULL, c->arg[1], c->arg[2],
		    atoll(c->arg[3]), on, &msg);
		if (rc < 300)
			printf(on ? tr(c->lang,
					"plan %s: measure %s linked to project "
					"%s\n")
				  : tr(c->lang,
					"plan %s: measure %s unlinked from "
					"project %s\n"),
			    c->arg[1], c->arg[2], c->arg[3]);
	}
	rc = cli_commit_status(rc, &msg);
	buf_free(&msg);
	return rc;
}

int
cmd_plan(Cli *c)
{
	const char *verb = c->arg[0];
	Draft a, b;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (strcmp(verb, "diff") == 0) {
		if (c->narg != 3)
			return cli_usage(c, "plan diff OLD NEW");
		if (draft_open(&a, c->arg[1], c) != 0)
			return EXIT_FAIL;
		if (draft_open(&b, c->arg[2], c) != 0) {
			draft_close(&a);
			return EXIT_FAIL;
		}
		rc = plan_diff_cmd(c, &a, &b);
		draft_close(&a);
		draft_close(&b);
		return rc;
	}
	if (!strcmp(verb, "add") || !strcmp(verb, "list") ||
	    !strcmp(verb, "adopt") || !strcmp(verb, "link") ||
	    !strcmp(verb, "unlink") || !strcmp(verb, "measures"))
		return plan_store_cmd(c, verb);
	if (strcmp(verb, "stats") && strcmp(verb, "positions") &&
	    strcmp(verb, "text") && strcmp(verb, "akn"))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"plan: no \"%s\" (stats, positions, text, diff, akn, "
			"add, list, adopt, link, unlink, measures)"),
		    verb);
	if (c->narg != 2)
		return cli_usage(c, "plan %s FILE", verb);
	if (draft_open(&a, c->arg[1], c) != 0)
		return EXIT_FAIL;
	if (strcmp(verb, "stats") == 0)
		rc = plan_stats_cmd(c, &a);
	else if (strcmp(verb, "positions") == 0)
		rc = plan_positions_cmd(c, &a);
	else if (strcmp(verb, "text") == 0)
		rc = plan_text_cmd(c, &a);
	else
		rc = plan_akn_cmd(c, &a);
	draft_close(&a);
	if (countries_loaded) {
		refdata_countries_free(&countries);
		countries_loaded = 0;
	}
	return rc;
}
