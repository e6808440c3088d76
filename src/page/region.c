/*
 * region.c - the public regional pages: /regions, the M49 regions and
 * the groupings with their numbers of projects, and /regions/KEY, a
 * region's counter-terrorism activities (io/region_report.h: counts by
 * member country and pillar, then the projects), with the same report
 * downloaded as /regions/KEY.csv, .json, .html, .xlsx and .pdf.
 *
 * KEY is the region's key in the reference data (143 for the M49
 * sub-region Central Asia, sahel, central-asia-5), or any name the
 * --region filter takes (central-asia, "Central Asia").  The pages are
 * the same for everyone in a language: no login, nothing about who asks,
 * cacheable by shared caches (page.c's public_page), with an ETag of the
 * data's generation.  They show only what the public matrix shows.
 */
#include <inttypes.h>
#include <string.h>

#include "../io/annex_render.h"
#include "../io/region_render.h"
#include "page_int.h"

/* Whether the request has no parameter but lang: others are refused. */
static int
only_lang(const Page *p)
{
	for (size_t i = 0; i < p->rq->nparam; i++)
		if (strcmp(p->rq->param[i].name, "lang") != 0)
			return 0;
	return 1;
}

/*
 * The ETag of a public page: the data's generation, the path and the
 * language (the only things the answer depends on).  1 when the client
 * holds it already (If-None-Match): the answer is a 304, made here.
 */
static int
region_etag(Page *p)
{
	uint64_t h = 14695981039346656037ULL;
	const char *inm = http_header(p->rq, "If-None-Match");
	Buf tag = BUF_INIT;
	int fresh;

	for (const char *c = p->rq->path; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211ULL;
	buf_printf(&tag, "W/\"%" PRId64 "-%s-%016" PRIx64 "\"",
	    store_data_generation(p->s), p->lang, h);
	http_reply_header(p->rp, "ETag", buf_str(&tag));
	fresh = inm != NULL && strcmp(inm, buf_str(&tag)) == 0;
	if (fresh) {
		p->rp->status = 304;
		buf_reset(&p->rp->body);
	}
	buf_free(&tag);
	return fresh;
}

typedef struct Index {
	Page *p;
	int groupings; /* list the groupings (else the M49 regions) */
	int n;
} Index;

static int
index_row(void *ctx, const RegionItem *r)
{
	Index *ix = ctx;
	Buf n = BUF_INIT;

	if ((strcmp(r->kind, "grouping") == 0) != ix->groupings)
		return 0;
	lang_int(&n, ix->p->lang, r->projects);
	html(&ix->p->out,
	    "<tr><th scope=\"row\" dir=\"auto\"><a href=\"/regions/%u\">%s"
	    "</a></th><td class=\"num\">%s</td></tr>\n",
	    r->key, r->name, buf_str(&n));
	ix->n++;
	buf_free(&n);
	return 0;
}

static void
index_table(Page *p, int groupings, const char *caption)
{
	Index ix = { p, groupings, 0 };
	Buf err = BUF_INIT;

	html(&p->out,
	    "<table class=\"list regions\">\n<caption>%s</caption>\n"
	    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th></tr></thead>\n<tbody>\n",
	    caption, PT(p, "Region"), PT(p, "Projects"));
	store_regions(p->s, p->lang, index_row, &ix, &err);
	html(&p->out, "</tbody>\n</table>\n");
	buf_free(&err);
}

static int
regions_index(Page *p)
{
	if (region_etag(p))
		return 1;
	page_begin(p, PT(p, "Regions and groupings"));
	html(&p->out, "<p class=\"lead\">%s</p>\n",
	    PT(p,
		"The counter-terrorism projects of each region and grouping, "
		"counted by country and pillar: a project is in a region when "
		"it names a place within it."));
	index_table(p, 0, PT(p, "Regions (UN M49)"));
	index_table(p, 1, PT(p, "Groupings used in project documents"));
	return page_end(p, 200);
}

/* "Download: CSV · XLSX · PDF · HTML · JSON", in the page's language. */
static void
downloads(Page *p, const RegionReport *r)
{
	static const char *const fmts[][2] = { { "csv", "CSV" },
		{ "xlsx", "XLSX" }, { "pdf", "PDF" }, { "html", "HTML" },
		{ "json", "JSON" } };

	html(&p->out, "<p class=\"alt downloads\">%s ",
	    PT(p, "Download this page:"));
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		html(&p->out, "%S<a href=\"/regions/%u.%s?lang=%s\"%S>%s</a>",
		    i ? " · " : "", r->key, fmts[i][0], p->lang,
		    strcmp(fmts[i][0], "html") ? " download" : "", fmts[i][1]);
	html(&p->out,
	    ".</p>\n<p><a href=\"/regions\">%s</a> · "
	    "<a href=\"/?region=%u\">%s</a></p>\n",
	    PT(p, "All regions and groupings"), r->key,
	    PT(p, "These projects in the matrix"));
}

/* The report in format fmt as the reply (a download). */
static int
region_download(Page *p, const RegionReport *r, const AnnexFormat *fmt)
{
	Buf err = BUF_INIT, name = BUF_INIT;

	buf_reset(&p->rp->body);
	if (region_render(r, fmt->name, &p->rp->body, &err) != 0) {
		buf_free(&err);
		return page_error(
		    p, 500, PT(p, "The report could not be made."));
	}
	p->rp->status = 200;
	p->rp->type = fmt->type;
	buf_printf(
	    &name, "attachment; filename=\"region-%s.%s\"", r->key, fmt->name);
	if (fmt->attachment)
		http_reply_header(p->rp, "Content-Disposition", buf_str(&name));
	if (strcmp(fmt->name, "html") == 0)
		http_reply_header(p->rp, "Content-Security-Policy",
		    "default-src 'none'; style-src 'unsafe-inline'; "
		    "frame-ancestors 'none'; base-uri 'none'; "
		    "form-action 'none'");
	buf_free(&err);
	buf_free(&name);
	return 1;
}

int
page_regions(Page *p, const char *rest)
{
	const AnnexFormat *fmt = NULL;
	const char *dot = strrchr(rest, '.');
	RegionReport r;
	Buf key = BUF_INIT, err = BUF_INIT;
	int rc;

	p->public_page = 1;
	p->nav = "regions";
	if (!only_lang(p))
		return page_error(p, 400, PT(p, "This page takes only lang."));
	if (*rest == '\0')
		return regions_index(p);
	if (dot != NULL && (fmt = annex_format(dot + 1)) != NULL)
		buf_append(&key, rest, (size_t)(dot - rest));
	else
		buf_set(&key, rest);
	rc = region_report_load(p->s, buf_str(&key), p->lang, &r, &err);
	if (rc == 0)
		rc = page_error(
		    p, 404, PT(p, "There is no such region or grouping."));
	else if (rc < 0)
		rc = page_error(p, 500, PT(p, "The report could not be made."));
	else if (region_etag(p))
		rc = 1;
	else if (fmt != NULL)
		rc = region_download(p, &r, fmt);
	else {
		page_begin(p, r.title);
		region_html_body(&r, 1, &p->out);
		downloads(p, &r);
		rc = page_end(p, 200);
	}
	region_report_free(&r);
	buf_free(&key);
	buf_free(&err);
	return rc;
}
