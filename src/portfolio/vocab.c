/*
 * vocab.c - mapping written vocabulary to canonical keys (see vocab.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/buf.h"
#include "../text/fold.h"
#include "../text/lang.h"
#include "vocab.h"

static const struct {
	const char *written; /* name key of what documents write */
	const char *status;
} status_words[] = {
	{ "ongoing", "ongoing" },
	{ "on going", "ongoing" },
	{ "in progress", "ongoing" },
	{ "active", "ongoing" },
	{ "being implemented", "ongoing" },
	{ "implementation", "ongoing" },
	{ "under implementation", "ongoing" },
	{ "in implementation", "ongoing" },
	{ "continuing", "ongoing" },
	{ "continuous", "ongoing" },
	{ "recurring", "ongoing" },
	{ "annual", "ongoing" },
	{ "en cours", "ongoing" },
	{ "en curso", "ongoing" },
	{ "completed", "completed" },
	{ "complete", "completed" },
	{ "finished", "completed" },
	{ "closed", "completed" },
	{ "concluded", "completed" },
	{ "implemented", "completed" },
	{ "ended", "completed" },
	{ "termine", "completed" },
	{ "acheve", "completed" },
	{ "finalizado", "completed" },
	{ "completado", "completed" },
	{ "in development", "in_development" },
	{ "in_development", "in_development" },
	{ "under development", "in_development" },
	{ "development", "in_development" },
	{ "planned", "in_development" },
	{ "pipeline", "in_development" },
	{ "in the pipeline", "in_development" },
	{ "in pipeline", "in_development" },
	{ "in preparation", "in_development" },
	{ "under preparation", "in_development" },
	{ "in planning", "in_development" },
	{ "planning", "in_development" },
	{ "not started", "in_development" },
	{ "upcoming", "in_development" },
	{ "concept", "in_development" },
	{ "under discussion", "in_development" },
	{ "proposed", "in_development" },
	{ "new", "in_development" },
	{ "en preparation", "in_development" },
	{ "en elaboration", "in_development" },
	{ "en desarrollo", "in_development" },
};

/* The status the words k (a name key) are, or NULL. */
static const char *
status_exact(const char *k)
{
	for (size_t i = 0; i < sizeof(status_words) / sizeof(status_words[0]);
	     i++)
		if (strcmp(k, status_words[i].written) == 0)
			return status_words[i].status;
	/* "in_development" loses its underscore in the name key. */
	if (strcmp(k, "in development") == 0)
		return "in_development";
	return NULL;
}

/*
 * The status that k begins with ("completed in 2017", "ongoing phase
 * ii"), the longest, when nothing after it names another; or NULL.
 */
static const char *
status_prefix(const char *k)
{
	const char *st = NULL;
	size_t best = 0;

	for (size_t i = 0; i < sizeof(status_words) / sizeof(status_words[0]);
	     i++) {
		size_t n = strlen(status_words[i].written);

		if (n > best && strncmp(k, status_words[i].written, n) == 0 &&
		    k[n] == ' ') {
			best = n;
			st = status_words[i].status;
		}
	}
	if (st == NULL)
		return NULL;
	/* "ongoing completed": two statuses, none of them. */
	for (const char *w = k + best; *w;) {
		size_t n;

		while (*w == ' ')
			w++;
		n = strcspn(w, " ");
		for (size_t i = 0; n > 0 &&
		     i < sizeof(status_words) / sizeof(status_words[0]);
		     i++)
			if (strlen(status_words[i].written) == n &&
			    strncmp(w, status_words[i].written, n) == 0 &&
			    strcmp(status_words[i].status, st) != 0)
				return NULL;
		w += n;
	}
	return st;
}

/* The status of text: its words exactly, or (loose) the words it begins. */
static const char *
status_of(const char *text, int loose)
{
	Buf k = BUF_INIT;
	const char *st;

	text_name_key(text, &k);
	if ((st = status_exact(buf_str(&k))) == NULL && loose)
		st = status_prefix(buf_str(&k));
	buf_free(&k);
	return st;
}

const char *
vocab_status(const char *text)
{
	return status_of(text, 0);
}

const char *
vocab_status_written(const char *text)
{
	return status_of(text, 1);
}

static const char *const romans[] = { NULL, "I", "II", "III", "IV", "V", "VI",
	"VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
	"XVII", "XVIII", "XIX", "XX" };

const char *
vocab_roman(int n)
{
	return (n >= 1 && n <= 20) ? romans[n] : NULL;
}

const char *
vocab_pillar(const char *text)
{
	const char *p = text;
	char *end;
	long n;

	while (*p == ' ')
		p++;
	if (strncasecmp(p, "pillar", 6) == 0)
		p += 6;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p >= '0' && *p <= '9') {
		n = strtol(p, &end, 10);
		while (*end == ' ')
			end++;
		return *end == '\0' ? vocab_roman((int)n) : NULL;
	}
	for (int i = 20; i >= 1; i--) {
		size_t len = strlen(romans[i]);

		if (strncasecmp(p, romans[i], len) == 0) {
			const char *q = p + len;

			while (*q == ' ')
				q++;
			if (*q == '\0')
				return romans[i];
		}
	}
	return NULL;
}

const char vocab_stat_dimensions[] =
    "pillar|status|entity|scope|country|region|year";

static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p += len + (bar != NULL);
	}
	return 0;
}

int
vocab_stat_dimension(const char *name)
{
	return *name && in_list(vocab_stat_dimensions, name);
}

const char vocab_sorts[] = "pillar|serial|title|status|start|id";

int
vocab_sort(const char *name)
{
	return *name && in_list(vocab_sorts, name);
}

int
vocab_scope_words(Buf *b, const char *lang, const Project *p)
{
	static const char *const word[] = { NP_("scope", "Global"),
		NP_("scope", "Regional"), NP_("scope", "National") };
	int n = 0;

	if (strcmp(lang, "en") == 0 || (p->nplaces == 0 && p->scopes == 0)) {
		buf_puts(b, p->scope_text ? p->scope_text : "");
		return 0;
	}
	for (int i = 0; i < 3; i++)
		if ((p->scopes & (1 << i)) && (i == 0 || p->nplaces == 0))
			buf_printf(b, "%s%s", n++ ? tr(lang, ", ") : "",
			    trp(lang, "scope", word[i]));
	return 1;
}
