/*
 * gen.c - a synthetic CTITF matrix for the benchmark (issue 2, section 7).
 *
 * Writes N projects in the format of the matrix the Secretary-General's
 * report publishes (data/ctitf-matrix-2018-pillars-1-2.md): pillar
 * headings, a declared count, a header row repeated every few rows,
 * tab-separated rows, entities in <b> tags or plain, periods in
 * parentheses, rows split across page breaks, blank lines.  Its
 * vocabulary is the real one: entity keys and the aliases documents use,
 * the UN names of countries and M49 regions (read from data/unsd-m49.csv),
 * the groupings of data/groupings.json, the period shapes, statuses and
 * activity sentences of the 2018 matrix.  A few rows carry what a real
 * matrix carries too: unknown entities and places, an empty scope,
 * organisations in the scope column, a repeated serial and a declared
 * count that differs, so that `ctmatrix check` has findings to report.
 *
 * The projects are spread over the four pillars as the 2018 report
 * counts them (120, 55, 128 and 17 of 320); serials run 1..n per pillar.
 * The output depends only on N, the seed and the M49 file.
 *
 * usage: gen [-n N] [-s SEED] [-m unsd-m49.csv] [-o FILE]
 *
 * C11 and libc only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* --- a deterministic generator (splitmix64) ------------------------- */

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned
rnd(unsigned n)
{
	return n ? (unsigned)(rng_next() % n) : 0;
}

/* True with probability per/1000. */
static int
chance(unsigned per_mille)
{
	return rnd(1000) < per_mille;
}

#define PICK(a) ((a)[rnd(NELEM(a))])

/* --- a growing string ------------------------------------------------ */

typedef struct Str {
	char *p;
	size_t len, cap;
} Str;

static void
str_add(Str *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = s->cap - s->len;

		va_start(ap, fmt);
		n = vsnprintf(s->p ? s->p + s->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if ((size_t)n < room) {
			s->len += (size_t)n;
			return;
		}
		s->cap = (s->cap + (size_t)n + 1) * 2;
		s->p = realloc(s->p, s->cap);
		if (s->p == NULL) {
			perror("gen");
			exit(1);
		}
	}
}

static void
str_clear(Str *s)
{
	s->len = 0;
	if (s->p)
		s->p[0] = '\0';
}

/* --- vocabulary: entities -------------------------------------------- */

/*
 * Implementing entities as matrices write them: canonical keys of
 * data/organisations.json and the aliases real documents use (HCDH for
 * OHCHR, PAM for WFP, "UN WOMEN" for UN-Women, ...).  The weight is how
 * often one leads or joins a project, after the 2018 matrix.
 */
static const struct {
	const char *name;
	unsigned weight;
} entities[] = {
	{ "UNESCO", 40 },
	{ "UNCCT", 30 },
	{ "UNODC", 30 },
	{ "CTED", 22 },
	{ "UNICRI", 14 },
	{ "UNDP", 12 },
	{ "IOM", 10 },
	{ "INTERPOL", 10 },
	{ "UNAOC", 8 },
	{ "1540 Committee", 8 },
	{ "UNODA", 8 },
	{ "WCO", 6 },
	{ "ICAO", 6 },
	{ "IMO", 4 },
	{ "DPKO-UNMAS", 4 },
	{ "UNMAS", 2 },
	{ "DPKO-DDR", 4 },
	{ "DPKO-OMA", 2 },
	{ "DPKO-OROLSI", 3 },
	{ "OROLSI", 1 },
	{ "DPKO", 2 },
	{ "MINUSMA", 4 },
	{ "MINUSCA", 2 },
	{ "MONUSCO", 2 },
	{ "UNSOM", 2 },
	{ "UNICEF", 6 },
	{ "UNFPA", 3 },
	{ "UNV", 2 },
	{ "ILO", 3 },
	{ "UN WOMEN", 4 },
	{ "UN Women", 3 },
	{ "UN-Women", 2 },
	{ "OHCHR", 6 },
	{ "HCDH", 2 },
	{ "PAM", 1 },
	{ "WFP", 2 },
	{ "UNHCR", 3 },
	{ "UNOCT", 4 },
	{ "CTITF", 4 },
	{ "UNRCCA", 2 },
	{ "UNOWAS", 2 },
	{ "UNITAR", 2 },
	{ "UNIDIR", 2 },
	{ "BWC-ISU", 2 },
	{ "IAEA", 3 },
	{ "OPCW", 2 },
	{ "ITU", 1 },
	{ "UNWTO", 1 },
	{ "UN-Habitat", 1 },
	{ "DPA", 2 },
	{ "PBSO", 1 },
	{ "DSS", 1 },
	{ "OCHA", 1 },
	{ "EU", 3 },
	{ "AU", 3 },
	{ "LAS", 2 },
	{ "IGAD", 2 },
	{ "SADC", 1 },
	{ "ECOWAS", 1 },
	{ "GCTF", 2 },
	{ "OSCE", 2 },
	{ "OIC", 1 },
	{ "ASEAN", 1 },
	{ "IATA", 1 },
	{ "FATF", 1 },
	{ "Lake Chad Basin Commission", 1 },
	{ "UN Counter-Terrorism Centre", 1 },
	{ "United Nations Development Programme", 1 },
	{ "International Organization for Migration", 1 },
};

/* Names no reference list knows: each makes an unknown-entity finding. */
static const char *const unknown_entities[] = {
	"Sahel Peace Initiative Network",
	"Coalition for Safer Borders",
	"Regional Centre for Youth Dialogue",
	"National Prevention Council of Atlantis",
	"Friends of the Rule of Law Foundation",
	"Institute for Resilient Communities",
	"CTPN",
	"GRCM",
};

static unsigned entity_weight_total;

static const char *
pick_entity(void)
{
	unsigned r;
	size_t i;

	if (entity_weight_total == 0)
		for (i = 0; i < NELEM(entities); i++)
			entity_weight_total += entities[i].weight;
	r = rnd(entity_weight_total);
	for (i = 0; i < NELEM(entities); i++) {
		if (r < entities[i].weight)
			return entities[i].name;
		r -= entities[i].weight;
	}
	return entities[0].name;
}

/* --- vocabulary: places ---------------------------------------------- */

typedef struct Country {
	char *name; /* UN English name, as in the M49 table */
	char iso3[4];
} Country;

static Country *countries;
static size_t ncountries;
static char **regions; /* M49 region, sub-region and intermediate names */
static size_t nregions;

/*
 * Countries where counter-terrorism projects gather; one place in two is
 * drawn from them, so that `projects --country MLI` finds a realistic
 * share.
 */
static const char *const hot_iso3[] = { "MLI", "NER", "NGA", "BFA", "TCD",
	"MRT", "CMR", "SEN", "SOM", "KEN", "ETH", "IRQ", "SYR", "JOR", "LBN",
	"LBY", "TUN", "MAR", "DZA", "EGY", "AFG", "PAK", "BGD", "IDN", "PHL",
	"KAZ", "KGZ", "TJK", "UZB", "TKM", "YEM", "GIN", "CAF", "COD" };

/* How documents also write some countries (data/place-aliases.json). */
static const char *const country_variants[] = { "Syria", "Cameroun",
	"Timor Leste", "the Gambia", "Democratic Republic of Congo",
	"Côte d'Ivoire", "Surinam", "Iran", "Tanzania", "Russia", "Bolivia",
	"Venezuela", "Viet Nam", "Lao PDR", "Republic of Korea" };

/*
 * Regions and groupings as the scope column writes them: the groupings
 * of data/groupings.json (names and aliases) and the names of the 2018
 * matrix.
 */
static const char *const groupings[] = { "Sahel", "Maghreb", "Lake Chad Basin",
	"Lake Chad region", "Sahel G5 Member States", "G5 Sahel member States",
	"West Africa", "East Africa", "Southern Africa", "Eastern Africa",
	"Central Asia", "South East Asia", "Asia and Pacific", "Asia-Pacific",
	"Arab States", "Middle East and North Africa", "MENA", "Middle East",
	"Horn of Africa", "Great Lakes region", "Gulf of Guinea",
	"Western Indian Ocean coastal States", "Western Balkans", "Balkans",
	"Mediterranean", "Eastern and Western Mediterranean Sea Basin",
	"ECOWAS member States", "IGAD member States", "ASEAN member States",
	"EU member States", "SADC member States", "RACVIAC Member countries",
	"Caribbean", "Central America", "South America", "Africa",
	"Gulf States", "Pacific Island countries", "CARICOM member States",
	"Central Asian States" };

/* Places no reference list knows: unknown-place findings. */
static const char *const unknown_places[] = { "Northern Corridor", "Atlantis",
	"Trans-Saharan belt", "Upper Guinea Forest", "Lower Basin States",
	"Sahelo-Saharan strip" };

/* Organisations written where places belong (place-is-organisation). */
static const char *const scope_orgs[] = { "APG", "ARF", "BWC-ISU", "FATF",
	"GICNT", "IAEA", "OAS", "OPCW", "OSCE", "PIF", "UNODC" };

/* Split a CSV line in place; fields may be quoted with "" inside. */
static size_t
csv_split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line, *w;

	while (n < max) {
		if (*p == '"') {
			f[n++] = w = ++p;
			for (;;) {
				if (*p == '\0')
					break;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
			*w = '\0';
			while (*p && *p != ',')
				p++;
		} else {
			f[n++] = p;
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				p++;
		}
		if (*p != ',') {
			*p = '\0';
			break;
		}
		*p++ = '\0';
	}
	return n;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d == NULL) {
		perror("gen");
		exit(1);
	}
	return memcpy(d, s, n);
}

static void
add_region(const char *name)
{
	if (name[0] == '\0')
		return;
	for (size_t i = 0; i < nregions; i++)
		if (strcmp(regions[i], name) == 0)
			return;
	regions = realloc(regions, (nregions + 1) * sizeof(*regions));
	if (regions == NULL) {
		perror("gen");
		exit(1);
	}
	regions[nregions++] = xstrdup(name);
}

/*
 * Reads the UNSD M49 table: column 3 region, 5 sub-region, 7
 * intermediate region, 8 country or area, 11 ISO alpha-3.
 */
static void
load_m49(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[8192], *fld[64];
	int first = 1;

	if (f == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = csv_split(line, fld, NELEM(fld));

		if (first) {
			first = 0;
			continue;
		}
		/* "Bonaire, Sint Eustatius and Saba" would be three places
		 * in a list: no document writes it in one. */
		if (n < 12 || fld[8][0] == '\0' || strlen(fld[11]) != 3 ||
		    strchr(fld[8], ','))
			continue;
		countries =
		    realloc(countries, (ncountries + 1) * sizeof(*countries));
		if (countries == NULL) {
			perror("gen");
			exit(1);
		}
		countries[ncountries].name = xstrdup(fld[8]);
		memcpy(countries[ncountries].iso3, fld[11], 4);
		ncountries++;
		add_region(fld[3]);
		add_region(fld[5]);
		add_region(fld[7]);
	}
	fclose(f);
	if (ncountries < 100) {
		fprintf(stderr, "gen: %s: only %zu countries read\n", path,
		    ncountries);
		exit(1);
	}
}

static const Country *
country_by_iso3(const char *iso3)
{
	for (size_t i = 0; i < ncountries; i++)
		if (strcmp(countries[i].iso3, iso3) == 0)
			return &countries[i];
	return NULL;
}

/* A country name, mostly from the places where projects gather. */
static const char *
pick_country(void)
{
	if (chance(40))
		return PICK(country_variants);
	if (chance(500)) {
		const Country *c = country_by_iso3(PICK(hot_iso3));

		if (c)
			return c->name;
	}
	return countries[rnd((unsigned)ncountries)].name;
}

static const char *
pick_region(void)
{
	if (chance(250))
		return regions[rnd((unsigned)nregions)];
	return PICK(groupings);
}

/* --- vocabulary: titles, activities, statuses ------------------------ */

static const char *const title_heads[] = { "Strengthening", "Enhancing",
	"Promoting", "Supporting", "Building Capacity for",
	"Capacity-Building Workshop on", "Technical Assistance on",
	"Preventing Violent Extremism (PVE) through", "Facilitating",
	"Seminar on", "Regional Conference on", "Pilot Project on",
	"Policy Guide on", "Training Course on", "Developing",
	"Mainstreaming Gender in",
	"Youth Empowerment:", "International Good Practices on",
	"Raising Awareness of", "Towards a Comprehensive Approach to",
	"Integrated Programme on", "Study on", "Handbook on" };

static const char *const title_topics[] = {
	"the Financing of Terrorism",
	"Border Security and Management",
	"Rehabilitation and Reintegration of Foreign Terrorist Fighters (FTFs)",
	"Media and Information Literacy",
	"Aviation Security (AVSEC)",
	"Global Citizenship Education",
	"Intercultural Dialogue and a Culture of Peace",
	"Maritime Security in the Maritime Domain",
	"Criminal Justice Responses to Terrorism",
	"Advance Passenger Information (API)",
	"the Management of Violent Extremist Offenders in Prisons",
	"the Protection of Critical Infrastructure against Cyber Attacks",
	"Export Controls of WMD-related Materials",
	"Community Violence Reduction (CVR)",
	"Human Rights Compliant Investigations and Prosecutions",
	"Women's Participation in Peacebuilding",
	"Youth Engagement and Volunteering",
	"the Prevention of Radicalization to Violence",
	"Strategic Communications and Counter-Narratives",
	"Kidnapping for Ransom (KFR)",
	"Small Arms and Light Weapons Control",
	"Biosecurity and the Mitigation of Biological Threats",
	"Victims of Terrorism and their Rights",
	"the Protection of Cultural Heritage",
	"Hate Speech Online",
	"Counter-Terrorism Legislation",
	"Judicial Cooperation in Criminal Matters",
	"Disengagement of Former Combatants",
	"Mine Action and Improvised Explosive Devices (IED)",
	"Digital Citizenship Education",
	"Interreligious Dialogue with Religious Leaders",
	"Sport as a Tool for Preventing Violent Extremism",
	"National and Regional PVE Action Plans",
	"Information Sharing on Terrorist Travel",
	"the Use of Biometrics in Counter-Terrorism",
	"Customs Enforcement of Strategic Trade Controls",
	"Social Media and the Internet",
	"Technical and Vocational Education and Training (TVET)",
	"Children Associated with Violent Extremist Groups",
	"the Rule of Law and Security Institutions",
};

static const char *const title_tails[] = { "", "", "", "", " for Member States",
	" among Member States", " — Phase II", " — Phase III", " Phase I",
	" (pilot)", ": a Policy Guide", " in Prison Settings", " at City Level",
	" for Young Women and Men", " in the Maritime Domain" };

/* Sentences of the "Main Activities" column of the 2018 matrix. */
static const char *const activities[] = {
	"Preventing and countering radicalization, terrorist recruitment and "
	"violent extremism.",
	"Providing technical assistance to strengthen the capacity to deal "
	"with returning Foreign Terrorist Fighters with a focus on "
	"rehabilitation in prison settings.",
	"Enhancing understanding and awareness of strategic communications for "
	"PVE.",
	"Building capacity through workshops and technical trainings.",
	"Providing support to Member States and regional organizations in "
	"developing national/ regional PVE Plans of Action.",
	"Enhancing cooperation and increasing quality and quantity of "
	"available information about FTFs.",
	"Providing a conference and three workshops.",
	"Empowering youth to become key actors in PVE by tools/modules; media "
	"training materials; PVE strategies; organizing campaigns, regional "
	"forums and workshops.",
	"Enhancing the capacity of youth and media professionals to use the "
	"media to counter the spread of terrorist narratives.",
	"Improving access to jobs and job retention skills for youth.",
	"Building the capacity of prison administrations in selected Member "
	"States to effectively manage violent extremist prisoners and prevent "
	"radicalization and violence in prisons.",
	"Preventing the recruitment of youth at-risk by armed groups via "
	"inclusive community violence reduction projects.",
	"Reducing incentives to join violent extremist groups and providing "
	"sustainable alternatives through mine action activities.",
	"Supporting conflict prevention and peace education and strengthening "
	"social inclusion of vulnerable communities.",
	"Raising awareness among religious leaders about their role to promote "
	"peace and dialogue among youth.",
	"Raising awareness of UNSCR 1540 (2004); analyzing implementation; gap "
	"analysis; identification of assistance needs.",
	"Raising awareness of UNSCR <a href=\"#\">1540 (2004)</a> ; analyzing "
	"implementation; exchange of national best practices and lessons "
	"learned.",
	"Strengthening multi-sector engagement and coordination at the "
	"national level to prevent, detect and respond to the release of "
	"dangerous pathogens.",
	"Curbing the ability of terrorist organizations to raise funds through "
	"KFR.",
	"Providing needs assessment conferences; training modules; and "
	"workshops.",
	"Enhancing the understanding, skills and experience of financial "
	"regulatory officials, ministries and private sector entities in "
	"countering the financing of terrorism.",
	"Providing workshops.",
	"Enhancing border security capacities and management, including "
	"through support for API implementation, cross-border cooperation, "
	"strategies and action plans, training and equipment.",
	"Supporting the reinsertion of disengaged members into targeted "
	"communities by promoting on the job training.",
	"Providing a consultation; a Joint Planning Mission; and a High-Level "
	"interagency conference on criminal justice responses to terrorism.",
	"Providing joint technical assistance, training, awareness-raising and "
	"private sector outreach.",
	"Updating guidance materials and making them available for Member "
	"States.",
	"Sharing challenges, lessons and opinions with respect to the role of "
	"the military in collecting and sharing evidence in various (post-) "
	"conflict settings.",
	"Countering hate speech through global citizenship education.",
	"Training administrators, teachers, and students to identify risks of "
	"radicalization.",
	"Developing a teacher program to improve the curricula on "
	"intercultural and interreligious understanding.",
	"Engaging youth to celebrate cultural heritage and diversity to "
	"strengthen resilience to radicalization and violent extremism",
	"Promoting sensitive and responsible coverage of violent extremism, "
	"forming the basis of capacity-building exercises globally.",
	"Providing a platform for constructive dialogue, discussions, analysis "
	"and a media campaign on digital literacy among youth.",
	"Assisting Member States in strengthening their legal and judicial "
	"framework.",
	"Organizing five regional activities.",
	"Providing a forum on terrorism financing and preventive "
	"investigations and prosecutions.",
	"Strengthening Customs security activities through delivery of "
	"equipment and training.",
	"Promoting peaceful joint community management of shared transboundary "
	"water resources, and participation of women in decisions.",
	"Implementing pilot activities reinforcing the capacities of learners, "
	"education and media professionals to counter hate speech.",
	"Gathering information on terrorist groups operating in the region.",
	"Supporting grassroots projects that encourage intercultural dialogue "
	"and cooperation.",
	"Providing policy guidelines to develop essential skills and "
	"value-based digital citizenship among children and youth.",
	"Assisting victims of terrorism and their families, and giving them a "
	"voice.",
	"Providing legislative assistance on the ratification and "
	"implementation of the international legal instruments against "
	"terrorism.",
	"Mentoring prosecutors and judges on complex terrorism cases, with "
	"full respect for human rights.",
};

static const char *const statuses[] = { "Ongoing", "Ongoing", "Ongoing",
	"Ongoing", "Ongoing", "Completed", "Completed", "Completed",
	"In development", "In development" };

static const char *const months_abbr[] = { "Jan.", "Feb.", "Mar.", "Apr.",
	"May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec." };
static const char *const months_full[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

static const char *const resolutions[] = { "2178 (2014)", "2396 (2017)",
	"1540 (2004)", "1373 (2001)", "2253 (2015)", "2349 (2017)",
	"2341 (2017)", "2370 (2017)" };

static const char *const en_dash = "\xe2\x80\x93"; /* – */

static const char *
dash(void)
{
	return chance(800) ? en_dash : "-";
}

static const char *
month(void)
{
	return chance(850) ? PICK(months_abbr) : PICK(months_full);
}

/*
 * Every period shape of the 2018 matrix, weighted after it.  Returns 0
 * when the row has no period (about one in four).
 */
static int
period(Str *s)
{
	unsigned y = 2004 + rnd(16), r = rnd(1000);
	unsigned y2 = y + 1 + rnd(4), d = 1 + rnd(26);
	const char *m;

	if (r < 250)
		return 0;
	if (r < 430) /* (Jul. 2015–Jun. 2019) */
		str_add(s, "(%s %u%s%s %u)", PICK(months_abbr), y, dash(),
		    PICK(months_abbr), y2);
	else if (r < 650) /* (2016–2019) */
		str_add(s, "(%u%s%u)", y, dash(), y2);
	else if (r < 780) /* (2018) */
		str_add(s, "(%u)", y);
	else if (r < 830) /* (May 2017), (April 2016) */
		str_add(s, "(%s %u)", month(), y);
	else if (r < 860) { /* (25-27 Sep. 2017) */
		str_add(
		    s, "(%u%s%u %s %u)", d, dash(), d + 1 + rnd(3), month(), y);
	} else if (r < 875) /* (6 Nov. 2015) */
		str_add(s, "(%u %s %u)", d, month(), y);
	else if (r < 895) { /* (28 Apr.–5 May 2016) */
		unsigned mo = rnd(11);

		m = chance(500) ? months_abbr[mo] : months_full[mo];
		str_add(s, "(%u %s%s%u %s %u)", d, m, dash(), 1 + rnd(5),
		    chance(500) ? months_abbr[mo + 1] : months_full[mo + 1], y);
	} else if (r < 925) /* (since 2000), (since Apr. 2017) */
		if (chance(600))
			str_add(s, "(since %u)", y);
		else
			str_add(s, "(since %s %u)", PICK(months_abbr), y);
	else if (r < 945) /* (2016-ongoing) */
		str_add(s, "(%u-ongoing)", y);
	else if (r < 975) /* (Annual event) */
		str_add(s,
		    chance(250) ? "<b>(Annual event)</b>" : "(Annual event)");
	else if (r < 985) /* (Annual event. 2016, 2017 and 2018) */
		str_add(s, "(Annual event. %u, %u and %u)", y, y + 1, y + 2);
	else /* (2016, 2017) */
		str_add(s, "(%u, %u)", y, y + 1);
	return 1;
}

/* --- one row --------------------------------------------------------- */

static void
title(Str *s, const char *place)
{
	unsigned r = rnd(1000);

	str_add(s, "%s %s%s", PICK(title_heads), PICK(title_topics),
	    PICK(title_tails));
	if (r < 400) {
		if (place)
			str_add(s, " in %s", place);
	} else if (r < 450)
		str_add(s, " in %s", pick_region());
	else if (r < 480)
		str_add(s,
		    " and Security Council resolution <a href=\"#\">%s</a>",
		    PICK(resolutions));
	else if (r < 490)
		str_add(s,
		    ", in line with resolutions <a href=\"#\">%s</a> "
		    ", <a href=\"#\">%s</a> and <a href=\"#\">%s</a>",
		    resolutions[0], resolutions[5], resolutions[1]);
}

static void
entity_list(Str *s, unsigned n)
{
	const char *seen[8];

	for (unsigned i = 0; i < n; i++) {
		const char *e;
		unsigned tries = 0;

		do {
			e = pick_entity();
			for (unsigned j = 0; e && j < i; j++)
				if (strcmp(seen[j], e) == 0)
					e = NULL;
		} while (e == NULL && ++tries < 20);
		if (e == NULL)
			e = "UNDP";
		seen[i] = e;
		if (i == 0)
			str_add(s, "%s", e);
		else if (i == n - 1 && n > 2 && chance(150))
			str_add(s, " and %s", e);
		else
			str_add(s, ", %s", e);
	}
}

/* The entities at the end of the title cell, in any of the real forms. */
static void
entities_cell(Str *s)
{
	unsigned r = rnd(1000), n;

	n = r < 560 ? 1 : r < 810 ? 2 : r < 900 ? 3 : 4 + rnd(4);
	r = rnd(1000);
	if (r < 4) { /* an unknown partner */
		str_add(s, "<b>");
		entity_list(s, 1);
		str_add(s, ", %s</b>", PICK(unknown_entities));
	} else if (r < 6) { /* an unknown lead */
		str_add(s, "<b>%s, ", PICK(unknown_entities));
		entity_list(s, 1);
		str_add(s, "</b>");
	} else if (r < 70) { /* plain text, as "#SpreadNoHate ... UNAOC" */
		entity_list(s, n > 2 ? 2 : n);
	} else if (r < 80) { /* "UNODA, <b>1540 Committee</b>" */
		entity_list(s, 1);
		str_add(s, ", <b>");
		entity_list(s, 1);
		str_add(s, "</b>");
	} else {
		str_add(s, "<b>");
		entity_list(s, n);
		str_add(s, "</b>");
	}
}

static void
country_list(Str *s, unsigned n)
{
	const char *seen[8];

	for (unsigned i = 0; i < n; i++) {
		const char *c;
		unsigned tries = 0;

		do {
			c = pick_country();
			for (unsigned j = 0; c && j < i; j++)
				if (strcmp(seen[j], c) == 0)
					c = NULL;
		} while (c == NULL && ++tries < 20);
		if (c == NULL)
			c = countries[i].name;
		seen[i] = c;
		if (i == 0)
			str_add(s, "%s", c);
		else if (i == n - 1 && chance(600))
			str_add(s, chance(300) ? ", and %s" : " and %s", c);
		else
			str_add(s, ", %s", c);
	}
}

/*
 * The geographical scope column.  *place is set to a country the title
 * may name.
 */
static void
scope_cell(Str *s, const char **place)
{
	unsigned r = rnd(1000);

	*place = NULL;
	if (r < 330)
		str_add(s, "Global");
	else if (r < 590) {
		*place = pick_country();
		str_add(s, "%s", *place);
	} else if (r < 720)
		country_list(s, 2 + rnd(5));
	else if (r < 820)
		str_add(s, "%s", pick_region());
	else if (r < 860) {
		const char *a = pick_region(), *b = pick_region();
		int and =
		    !strstr(a, " and ") && !strstr(b, " and ") && chance(500);

		str_add(s, "%s%s%s", a, and? " and " : ", ", b);
	} else if (r < 920)
		str_add(s, "Regional");
	else if (r < 940)
		str_add(s, "Regional (%s)", PICK(groupings));
	else if (r < 960)
		str_add(s, "National");
	else if (r < 975)
		str_add(s,
		    chance(500) ? "Global, regional" : "Global and regional");
	else if (r < 985) {
		str_add(s, "%s, ", pick_country());
		str_add(s, "%s", PICK(unknown_places));
	} else if (r < 992)
		str_add(s, "%s", PICK(unknown_places));
	else if (r < 996)
		; /* empty: missing-scope */
	else {
		unsigned n = 2 + rnd(4), first = rnd(NELEM(scope_orgs));

		for (unsigned i = 0; i < n; i++)
			str_add(s, "%s%s", i ? ", " : "",
			    scope_orgs[(first + i) % NELEM(scope_orgs)]);
	}
}

/* One to three different sentences, mostly one or two. */
static void
activities_cell(Str *s)
{
	unsigned r = rnd(100), n = r < 55 ? 1 : r < 90 ? 2 : 3;
	unsigned first = rnd(NELEM(activities)), step;

	/* Distinct sentences: first, first + step, first + 2 step with
	 * 2 step < the count. */
	step = 1 + rnd(NELEM(activities) / 2 - 1);
	for (unsigned i = 0; i < n; i++)
		str_add(s, "%s%s", i ? " " : "",
		    activities[(first + i * step) % NELEM(activities)]);
}

typedef struct Row {
	Str title, status, act, scope;
} Row;

static void
make_row(Row *row)
{
	const char *place;
	Str tmp = { 0 };

	str_clear(&row->title);
	str_clear(&row->status);
	str_clear(&row->act);
	str_clear(&row->scope);
	scope_cell(&row->scope, &place);
	title(&row->title, place);
	if (period(&tmp)) {
		/* "... Nations.”(2015–2018)": now and then no space. */
		str_add(&row->title, "%s%s", chance(10) ? "" : " ", tmp.p);
	}
	str_add(&row->title, " ");
	entities_cell(&row->title);
	str_add(&row->status, "%s", PICK(statuses));
	activities_cell(&row->act);
	free(tmp.p);
}

/* --- the document ---------------------------------------------------- */

static const char header[] =
    "Serial\tProject Title/Duration/CTITF Entities\tStatus of "
    "Implementation\tMain Activities\tGeographical Scope\n";

static const char *const pillar_roman[] = { "I", "II", "III", "IV" };

/* Projects per pillar in the 2018 report: 120, 55, 128 and 17 of 320. */
static const unsigned pillar_share[] = { 120, 55, 128, 17 };

static void
write_pillar(FILE *out, int p, unsigned rows, Row *row)
{
	/* Pillar II repeats a serial and declares one project less, as in
	 * the 2018 matrix. */
	unsigned dup = (p == 1 && rows > 2) ? rows / 2 : 0;
	unsigned declared = dup ? rows - 1 : rows, serial = 0;
	unsigned on_page = 0, page_len = 5 + rnd(3);

	fprintf(out,
	    "### CTITF Matrix of UN Counter-Terrorism Projects and "
	    "Activities\n\n");
	fprintf(out,
	    "#### Pillar %s of the UN Global Counter-Terrorism "
	    "Strategy\n\n",
	    pillar_roman[p]);
	fprintf(
	    out, p == 1 ? "#### %u projects\n\n" : "%u projects\n\n", declared);
	fputs(header, out);
	for (unsigned i = 0; i < rows; i++) {
		int last_on_page, split;
		size_t cut = 0;

		if (!(dup && i == dup))
			serial++;
		make_row(row);
		last_on_page = (++on_page == page_len) && i + 1 < rows;
		/* A row split by a page break: the activities go on after
		 * the next page's header, in a row of empty cells. */
		split = last_on_page && chance(80) && row->act.len > 60;
		if (split) {
			cut = row->act.len / 2;
			while (cut < row->act.len && row->act.p[cut] != ' ')
				cut++;
			if (cut >= row->act.len)
				split = 0;
		}
		fprintf(out, "%u\t%s\t%s\t%.*s\t%s\n", serial, row->title.p,
		    row->status.p, split ? (int)cut : (int)row->act.len,
		    row->act.p, row->scope.p);
		if (last_on_page) {
			fputs(chance(150) ? "\n\n\n" : "\n", out);
			fputs(header, out);
			if (split)
				fprintf(
				    out, "\t\t\t%s\t\n", row->act.p + cut + 1);
			on_page = 0;
			page_len = 5 + rnd(3);
		}
	}
	fputs("\n", out);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: gen [-n N] [-s SEED] [-m unsd-m49.csv] [-o FILE]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	unsigned long n = 100000, seed = 2018;
	const char *m49 = "data/unsd-m49.csv", *outpath = NULL;
	unsigned rows[4], sum = 0;
	FILE *out = stdout;
	Row row = { { 0 }, { 0 }, { 0 }, { 0 } };

	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-n") == 0)
			n = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-s") == 0)
			seed = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-m") == 0)
			m49 = argv[++i];
		else if (strcmp(argv[i], "-o") == 0)
			outpath = argv[++i];
		else
			usage();
	}
	if (n < 4 || n > 100000000)
		usage();
	rng_state = seed;
	load_m49(m49);
	for (int p = 1; p < 4; p++)
		sum += rows[p] = (unsigned)(n * pillar_share[p] / 320);
	rows[0] = (unsigned)n - sum;
	if (outpath && (out = fopen(outpath, "w")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", outpath, strerror(errno));
		return 1;
	}
	fprintf(out,
	    "##### **Supplementary Information: Matrix of UN "
	    "Counter-Terrorism Projects and Activities**\n\n"
	    "This summary matrix of counter-terrorism projects, which United "
	    "Nations entities under the CTITF framework are carrying out "
	    "provides an overview of the range and breadth of "
	    "counter-terrorism-related assistance of the United Nations.\n\n"
	    "This synthetic matrix (bench/gen, seed %lu) holds %lu projects: "
	    "%u under Pillar I; %u under Pillar II; %u under Pillar III; and "
	    "%u under Pillar IV.\n\n",
	    seed, n, rows[0], rows[1], rows[2], rows[3]);
	for (int p = 0; p < 4; p++)
		write_pillar(out, p, rows[p], &row);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "gen: write error\n");
		return 1;
	}
	if (out != stdout)
		fclose(out);
	free(row.title.p);
	free(row.status.p);
	free(row.act.p);
	free(row.scope.p);
	return 0;
}
