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
	{ "en cours", "ongoing" },
	{ "en curso", "ongoing" },
	{ "completed", "completed" },
	{ "complete", "completed" },
	{ "finished", "completed" },
	{ "closed", "completed" },
	{ "concluded", "completed" },
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
	{ "proposed", "in_development" },
	{ "new", "in_development" },
	{ "en preparation", "in_development" },
	{ "en elaboration", "in_development" },
	{ "en desarrollo", "in_development" },
};

const char *
vocab_status(const char *text)
{
	Buf k = BUF_INIT;
	const char *st = NULL;

	text_name_key(text, &k);
	for (size_t i = 0; i < sizeof(status_words) / sizeof(status_words[0]);
	     i++) {
		if (strcmp(buf_str(&k), status_words[i].written) == 0) {
			st = status_words[i].status;
			break;
		}
	}
	/* "in_development" loses its underscore in the name key. */
	if (st == NULL && strcmp(buf_str(&k), "in development") == 0)
		st = "in_development";
	buf_free(&k);
	return st;
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
