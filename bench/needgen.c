/*
 * needgen.c - a synthetic portfolio and the needs of Member States for
 * the benchmark of issue 5 (bench/need).
 *
 * Writes two CSV files: NP projects in the columns of doc/csv-format.md,
 * and NN needs in the columns `ctmatrix needs import` reads.
 *
 * Places: the 193 Member States, by ISO alpha-3 code, drawn with Zipf-like
 * weights (the weight of rank r is 1 / r^Z, Z 1 unless told): the
 * countries where counter-terrorism projects gather (Mali, Niger,
 * Nigeria, ...) take the first ranks, the others follow in an order fixed
 * by the seed.  A project names one to three countries, a need one.
 *
 * Projects: each is about one thematic area of data/framework.json, now
 * and then two, and its title and activities use that area's vocabulary,
 * words its keywords recognise ("border", "prison", "financing",
 * "victims", ...), so that the duplication report sees the areas as a
 * reader would.  The lead is a UN entity that works in the area most of
 * the time (data/organisations.json keys), with up to two partners; the
 * pillar is one of the area's; periods run from 2010 to 2026 in the
 * shapes of the published matrix, a few open-ended or not given.
 *
 * Needs: refs NEED-000001 on; the body is CTED mostly; the pillar and the
 * thematic area are those of the recommendation; priority, status and
 * confidentiality spread as an assessment table spreads them.  About
 * half are linked to one or two projects (ids 1..NP, the order of import
 * into an empty database), projects of the same country and, when there
 * is one, of the same area.
 *
 * The output depends only on NP, NN, the seed, Z and the M49 file (the
 * countries' names in titles).
 *
 * usage: needgen [-p NP] [-n NN] [-s SEED] [-z Z] [-m unsd-m49.csv]
 *                -P projects.csv -N needs.csv
 *
 * C11 and libc only.
 */
#include <errno.h>
#include <math.h>
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

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		perror("needgen");
		exit(1);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		perror("needgen");
		exit(1);
	}
	return p;
}

/* --- places ---------------------------------------------------------- */

/* The countries where projects gather: the first ranks, in this order. */
static const char *const hot_iso3[] = { "MLI", "NER", "NGA", "IRQ", "SOM",
	"AFG", "BFA", "TCD", "SYR", "KEN", "TUN", "JOR", "LBY", "PAK", "CMR",
	"MRT", "EGY", "LBN", "MAR", "ETH", "YEM", "IDN", "PHL", "KAZ", "KGZ",
	"TJK", "UZB", "TKM", "BGD", "DZA", "SEN", "CAF", "COD", "GIN" };

/* The 193 Member States of the United Nations. */
static const char *const member_iso3[] = { "AFG", "ALB", "DZA", "AND", "AGO",
	"ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB",
	"BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN",
	"BGR", "BFA", "BDI", "CPV", "KHM", "CMR", "CAN", "CAF", "TCD", "CHL",
	"CHN", "COL", "COM", "COG", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE",
	"PRK", "COD", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ",
	"ERI", "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO",
	"DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND",
	"HUN", "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM",
	"JPN", "JOR", "KAZ", "KEN", "KIR", "KWT", "KGZ", "LAO", "LVA", "LBN",
	"LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV",
	"MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MCO", "MNG", "MNE",
	"MAR", "MOZ", "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER",
	"NGA", "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY", "PER",
	"PHL", "POL", "PRT", "QAT", "KOR", "MDA", "ROU", "RUS", "RWA", "KNA",
	"LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC", "SLE",
	"SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN",
	"SUR", "SWE", "CHE", "SYR", "TJK", "THA", "TLS", "TGO", "TON", "TTO",
	"TUN", "TUR", "TKM", "TUV", "UGA", "UKR", "ARE", "GBR", "TZA", "USA",
	"URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE" };

#define NCOUNTRY NELEM(member_iso3)

static const char *rank_iso3[NCOUNTRY]; /* by rank */
static const char *rank_name[NCOUNTRY]; /* UN name, or the code */
static double rank_cum[NCOUNTRY];       /* cumulative weights */

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

/*
 * The UN names of the countries, from the M49 table (column 8 country or
 * area, 11 ISO alpha-3), for titles ("... in Mali").  A name with a comma
 * or parentheses is left out of titles; its code is used.
 */
static void
load_names(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[8192], *fld[64];

	if (f == NULL) {
		fprintf(stderr, "needgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = csv_split(line, fld, NELEM(fld));

		if (n < 12 || strlen(fld[11]) != 3 || strchr(fld[8], ',') ||
		    strchr(fld[8], '('))
			continue;
		for (size_t r = 0; r < NCOUNTRY; r++)
			if (strcmp(rank_iso3[r], fld[11]) == 0) {
				size_t len = strlen(fld[8]) + 1;
				char *d = xmalloc(len);

				rank_name[r] = memcpy(d, fld[8], len);
			}
	}
	fclose(f);
}

/* Ranks: the hot countries first, then the others shuffled. */
static void
rank_countries(double z)
{
	size_t n = 0, rest0;
	double sum = 0;

	for (size_t i = 0; i < NELEM(hot_iso3); i++)
		rank_iso3[n++] = hot_iso3[i];
	rest0 = n;
	for (size_t i = 0; i < NCOUNTRY; i++) {
		size_t k;

		for (k = 0; k < NELEM(hot_iso3); k++)
			if (strcmp(member_iso3[i], hot_iso3[k]) == 0)
				break;
		if (k == NELEM(hot_iso3))
			rank_iso3[n++] = member_iso3[i];
	}
	if (n != NCOUNTRY) {
		fprintf(stderr, "needgen: a hot country is no Member State\n");
		exit(1);
	}
	for (size_t i = n - 1; i > rest0; i--) {
		size_t j = rest0 + rnd((unsigned)(i - rest0 + 1));
		const char *t = rank_iso3[i];

		rank_iso3[i] = rank_iso3[j];
		rank_iso3[j] = t;
	}
	for (size_t r = 0; r < n; r++) {
		sum += 1.0 / pow((double)(r + 1), z);
		rank_cum[r] = sum;
		rank_name[r] = rank_iso3[r];
	}
	for (size_t r = 0; r < n; r++)
		rank_cum[r] /= sum;
}

/* A country's rank, by the Zipf weights. */
static unsigned
pick_rank(void)
{
	double u = (double)(rng_next() >> 11) / 9007199254740992.0;
	size_t lo = 0, hi = NCOUNTRY - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (rank_cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (unsigned)lo;
}

/* --- thematic areas and their vocabulary ----------------------------- */

/*
 * One thematic area of data/framework.json: its key, its pillars, the UN
 * entities that lead most of its projects, topics for titles, sentences
 * of activities, and recommendations of assessments.  Every topic and
 * sentence holds one of the area's keywords.
 */
typedef struct Area {
	const char *key;
	const char *pillars[4];
	const char *leads[6];
	const char *topics[5];
	const char *acts[4];
	const char *needs[3];
} Area;

static const Area areas[] = {
	{ "preventing-violent-extremism", { "I" },
	    { "UNDP", "UNOCT", "UNESCO", "UNICRI" },
	    { "Preventing Violent Extremism Conducive to Terrorism",
		"Countering Radicalization to Violence",
		"Community Resilience against Violent Extremism",
		"Local Approaches to Preventing Extremism" },
	    { "Supporting community-led initiatives that prevent the "
	      "radicalization of young people.",
		"Training local officials to recognise the early signs of "
		"violent extremism.",
		"Mapping the drivers of violent extremism in the most "
		"affected districts." },
	    { "Adopt a whole-of-society approach to preventing violent "
	      "extremism that involves civil society.",
		"Address the conditions conducive to radicalization in "
		"marginalised communities." } },
	{ "conflict-prevention-and-dialogue", { "I" },
	    { "UNAOC", "DPA", "PBSO", "UNESCO", "UNDP" },
	    { "Interfaith Dialogue with Religious Leaders",
		"Intercultural Dialogue and a Culture of Peace",
		"Peacebuilding and Reconciliation in Affected Communities",
		"Mediation Capacities of Local Leaders" },
	    { "Convening interfaith dialogue between religious leaders and "
	      "local authorities.",
		"Supporting reconciliation committees in districts affected "
		"by conflict.",
		"Training community mediators in conflict prevention." },
	    { "Promote interfaith and intercultural dialogue as a means of "
	      "preventing conflict.",
		"Support local peacebuilding and reconciliation "
		"mechanisms." } },
	{ "education-youth-and-inclusion", { "I" },
	    { "UNESCO", "UNICEF", "ILO", "UNDP" },
	    { "Youth Engagement and Empowerment",
		"Education for the Prevention of Violent Extremism",
		"Livelihoods and Employment for Young People at Risk",
		"Teacher Training on Global Citizenship" },
	    { "Training teachers to discuss violent extremism in schools.",
		"Providing vocational training and employment opportunities "
		"to youth at risk.",
		"Supporting youth networks that run their own prevention "
		"projects." },
	    { "Integrate prevention into school curricula and teacher "
	      "training.",
		"Create employment and livelihood opportunities for youth in "
		"affected regions." } },
	{ "strategic-communications", { "I", "II" },
	    { "UNOCT", "UNESCO", "DPI", "UNICRI" },
	    { "Strategic Communications and Counter-Narratives",
		"Media and Information Literacy",
		"Responsible Reporting by Journalists on Terrorism" },
	    { "Training journalists to report on terrorism responsibly.",
		"Developing counter-narratives with credible local "
		"messengers.",
		"Supporting media literacy campaigns for the general "
		"public." },
	    { "Develop a communication strategy to counter terrorist "
	      "narratives.",
		"Train media professionals on reporting on terrorist "
		"attacks." } },
	{ "support-for-victims", { "I", "IV" }, { "UNOCT", "UNODC", "OHCHR" },
	    { "Support to Victims of Terrorism",
		"Assistance to Survivors of Terrorist Attacks",
		"The Rights and Needs of Victims" },
	    { "Assisting victims of terrorism and their families, and "
	      "giving them a voice.",
		"Training first responders to assist survivors of attacks.",
		"Drafting model legal provisions on the rights of victims." },
	    { "Establish a national mechanism to assist and compensate "
	      "victims of terrorism.",
		"Ensure that survivors receive medical, psychological and "
		"legal assistance." } },
	{ "rehabilitation-and-reintegration", { "I", "III" },
	    { "UNODC", "UNICRI", "UNOCT", "DPKO-DDR", "IOM" },
	    { "Management of Violent Extremist Prisoners",
		"Rehabilitation and Reintegration of Returnees",
		"Disengagement of Former Combatants",
		"Prison Reform and the Prevention of Radicalization in "
		"Prisons" },
	    { "Building the capacity of prison administrations to manage "
	      "violent extremist prisoners.",
		"Designing rehabilitation and reintegration programmes for "
		"returnees and their families.",
		"Supporting the disengagement of former members of armed "
		"groups." },
	    { "Develop rehabilitation and reintegration programmes for "
	      "persons in detention.",
		"Strengthen prison management to prevent radicalization in "
		"prisons." } },
	{ "foreign-terrorist-fighters", { "II", "III" },
	    { "CTED", "UNOCT", "UNODC", "UNCCT" },
	    { "Responses to Foreign Terrorist Fighters (FTFs)",
		"Addressing the Threat Posed by Returning FTFs",
		"Foreign Terrorist Fighters and Their Families" },
	    { "Assisting Member States to implement resolution 2178 (2014) "
	      "on foreign terrorist fighters.",
		"Developing screening and risk assessment tools for "
		"returning FTFs." },
	    { "Develop a comprehensive strategy for returning foreign "
	      "terrorist fighters.",
		"Criminalise the travel of foreign terrorist fighters as "
		"resolution 2178 (2014) requires." } },
	{ "border-management-and-law-enforcement", { "II", "III" },
	    { "IOM", "UNOCT", "UNODC", "UNCCT", "DPKO-OROLSI" },
	    { "Border Security and Management", "Advance Passenger Information",
		"Police Cooperation and Information Sharing",
		"Customs Enforcement at Land Borders" },
	    { "Training border and customs officers in risk analysis.",
		"Setting up passenger information units at international "
		"crossings.",
		"Equipping police services with access to INTERPOL "
		"databases.",
		"Supporting cooperation between border police of "
		"neighbouring States." },
	    { "Strengthen border controls and the exchange of information "
	      "between border agencies.",
		"Establish a system of advance passenger information.",
		"Give frontline police officers access to international "
		"databases." } },
	{ "countering-financing-of-terrorism", { "II", "III" },
	    { "UNODC", "UNOCT", "CTED", "UNICRI" },
	    { "Countering the Financing of Terrorism",
		"Financial Intelligence Units",
		"Anti-Money Laundering Supervision",
		"Kidnapping for Ransom and Terrorist Financing" },
	    { "Training financial intelligence analysts and "
	      "investigators.",
		"Supporting the supervision of money laundering risks in "
		"the financial sector.",
		"Advising on the freezing of terrorist assets." },
	    { "Strengthen the financial intelligence unit and its "
	      "analysis of suspicious transactions.",
		"Criminalise the financing of terrorism in line with "
		"international standards." } },
	{ "cbrn-and-wmd", { "II", "III" },
	    { "UNODA", "IAEA", "OPCW", "UNICRI", "1540-Committee", "BWC-ISU" },
	    { "Export Controls of WMD-related Materials", "Nuclear Security",
		"Chemical and Biological Threats Preparedness",
		"CBRN Risk Mitigation" },
	    { "Raising awareness of resolution 1540 (2004) and its "
	      "implementation.",
		"Training first responders to chemical, biological and "
		"radiological incidents.",
		"Securing nuclear and radiological material." },
	    { "Adopt export controls on materials related to weapons of "
	      "mass destruction (WMD).",
		"Prepare a national plan for responding to chemical and "
		"biological attacks." } },
	{ "arms-ammunition-and-explosives", { "II" },
	    { "UNODA", "UNODC", "DPKO-UNMAS", "UNIDIR" },
	    { "Small Arms and Light Weapons Control",
		"Countering Improvised Explosive Devices",
		"Firearms Trafficking and Ammunition Management" },
	    { "Marking, tracing and destroying illicit firearms.",
		"Training security forces to counter improvised explosive "
		"devices (IEDs).",
		"Securing stockpiles of weapons and ammunition." },
	    { "Strengthen the control of small arms and light weapons "
	      "(SALW).",
		"Secure stockpiles of ammunition and explosives against "
		"diversion to terrorists." } },
	{ "critical-infrastructure-and-vulnerable-targets", { "II", "III" },
	    { "UNOCT", "UNICRI", "UNWTO" },
	    { "Protection of Critical Infrastructure",
		"Protection of Soft Targets",
		"Security of Major Sporting Events", "Tourism Security" },
	    { "Assessing the vulnerability of critical infrastructure to "
	      "attacks.",
		"Preparing security plans for major sporting events.",
		"Training the private sector to protect tourist sites." },
	    { "Develop a national policy to protect critical infrastructure.",
		"Protect soft targets and tourist sites against terrorist "
		"attacks." } },
	{ "ict-and-internet", { "II" }, { "UNOCT", "UNODC", "ITU", "CTED" },
	    { "Countering the Terrorist Use of the Internet",
		"Cybersecurity of Public Institutions",
		"Digital Evidence in Terrorism Cases" },
	    { "Training investigators to obtain digital evidence from "
	      "online service providers.",
		"Supporting the response to cyber attacks on public "
		"institutions.",
		"Working with technology companies on terrorist content "
		"online." },
	    { "Build the capacity to collect and use digital evidence.",
		"Counter the use of the internet and social media for "
		"terrorist purposes." } },
	{ "aviation-and-maritime-security", { "II", "III" },
	    { "ICAO", "IMO", "UNODC", "UNOCT" },
	    { "Aviation Security", "Maritime Security and Port Facilities",
		"Airport Screening and Cargo Security" },
	    { "Training airport security staff in screening.",
		"Assessing the security of port facilities.",
		"Supporting maritime law enforcement against piracy." },
	    { "Implement the aviation security standards of ICAO at every "
	      "international airport.",
		"Strengthen maritime security and the protection of ports." } },
	{ "legal-and-criminal-justice", { "III", "IV" },
	    { "UNODC", "CTED", "UNDP", "OHCHR" },
	    { "Counter-Terrorism Legislation",
		"Criminal Justice Responses to Terrorism",
		"Training Judges and Prosecutors",
		"Judicial Cooperation and Extradition" },
	    { "Providing legislative assistance on the international legal "
	      "instruments against terrorism.",
		"Mentoring prosecutors and judges on complex terrorism "
		"cases.",
		"Supporting mutual legal assistance and extradition between "
		"States." },
	    { "Bring counter-terrorism legislation in line with the "
	      "international legal instruments.",
		"Specialise prosecutors and judges in terrorism cases." } },
	{ "national-and-regional-strategies", { "III" },
	    { "UNOCT", "UNDP", "UNRCCA", "UNOWAS" },
	    { "National Counter-Terrorism Strategies",
		"Regional Plans of Action against Terrorism",
		"National Action Plans to Prevent Terrorism" },
	    { "Assisting governments to draft a national counter-terrorism "
	      "strategy.",
		"Supporting the implementation of regional plans of "
		"action." },
	    { "Adopt a comprehensive national counter-terrorism strategy.",
		"Develop a national action plan with all ministries "
		"concerned." } },
	{ "human-rights-and-rule-of-law", { "IV" },
	    { "OHCHR", "UNDP", "UNODC", "UNOCT" },
	    { "Human Rights in Counter-Terrorism",
		"The Rule of Law and Security Institutions",
		"Rights Based Counter-Terrorism" },
	    { "Training security forces on human rights in counter-terrorism "
	      "operations.",
		"Supporting oversight of security institutions under the "
		"rule of law." },
	    { "Ensure that counter-terrorism measures respect human rights.",
		"Strengthen the rule of law and the oversight of security "
		"forces." } },
	{ "gender", { "I", "II", "III", "IV" },
	    { "UN-Women", "UNFPA", "UNDP", "UNOCT" },
	    { "Gender Mainstreaming in Counter-Terrorism",
		"Women in Peacebuilding and Prevention",
		"Protection of Girls Associated with Armed Groups" },
	    { "Supporting the participation of women in prevention "
	      "programmes.",
		"Training officials on the gender dimensions of "
		"counter-terrorism." },
	    { "Integrate a gender perspective in counter-terrorism policies.",
		"Support the role of women in preventing terrorism." } },
};

#define NAREA NELEM(areas)

static size_t
count(const char *const *a, size_t max)
{
	size_t n = 0;

	while (n < max && a[n] != NULL)
		n++;
	return n;
}

#define PICKN(a) ((a)[rnd((unsigned)count((a), NELEM(a)))])

/* UN entities that join projects as partners, any area. */
static const char *const partners[] = { "UNODC", "UNOCT", "UNCCT", "CTED",
	"UNDP", "UNESCO", "UNICRI", "IOM", "OHCHR", "UNICEF", "UN-Women",
	"UNODA", "ICAO", "IMO", "INTERPOL", "UNITAR", "UNIDIR", "ILO", "UNHCR",
	"DPKO", "MINUSMA", "UNSOM", "EU", "AU", "OSCE" };

/* Any UN entity may lead a project outside its usual areas. */
static const char *const leads_any[] = { "UNODC", "UNOCT", "UNCCT", "CTED",
	"UNDP", "UNESCO", "UNICRI", "IOM", "OHCHR", "UNICEF", "UN-Women",
	"UNODA", "UNAOC", "UNITAR", "UNIDIR", "ILO", "UNHCR", "DPKO", "DPA",
	"PBSO", "MINUSMA", "UNSOM", "UNFPA", "WFP", "UN-Habitat", "ITU",
	"UNWTO", "IAEA", "OPCW", "ICAO", "IMO", "UNRCCA", "UNOWAS" };

static const char *const heads[] = { "Strengthening", "Enhancing", "Promoting",
	"Supporting", "Building Capacity for", "Capacity-Building Workshop on",
	"Technical Assistance on", "Regional Conference on", "Pilot Project on",
	"Training Course on", "Integrated Programme on", "Handbook on",
	"National Workshop on", "Expert Meeting on", "Joint Initiative on",
	"Assessment of", "Good Practices on", "Mentoring Programme on",
	"Toolkit on", "Study on" };

static const char *const tails[] = { "", "", "", "", "", "", " (Phase II)",
	" (Phase III)", ": a Pilot", " for Practitioners", " for Policymakers",
	" and Partners" };

static const char *const generic_acts[] = {
	"Organising a regional workshop to share good practices.",
	"Deploying a national expert to advise the ministry concerned.",
	"Publishing a handbook and translating it into local languages.",
	"Holding a follow-up meeting one year after the training.",
	"Conducting a needs assessment with national counterparts.",
};

static const char *const months_abbr[] = { "Jan.", "Feb.", "Mar.", "Apr.",
	"May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec." };

static const char *const en_dash = "\xe2\x80\x93";

/* --- projects -------------------------------------------------------- */

/* What a need looks for among the projects. */
typedef struct Proj {
	uint32_t areas;  /* bits of areas[] */
	uint8_t rank[3]; /* countries by rank */
	uint8_t nc;
} Proj;

static Proj *proj;
static uint32_t **by_rank; /* projects of each country */
static size_t *nby_rank, *capby_rank;

/* A CSV value: quoted, as every value may be. */
static void
put_csv(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void
period(char *buf, size_t n)
{
	unsigned y = 2010 + rnd(15), y2 = y + rnd(5), r = rnd(1000);

	if (r < 80)
		buf[0] = '\0';
	else if (r < 450)
		snprintf(buf, n, "%u%s%u", y, en_dash, y2 > y ? y2 : y + 1);
	else if (r < 700)
		snprintf(buf, n, "%s %u%s%s %u", PICK(months_abbr), y, en_dash,
		    PICK(months_abbr), y2 > y ? y2 : y + 1);
	else if (r < 880)
		snprintf(buf, n, "%u", y);
	else if (r < 940)
		snprintf(buf, n, "%s %u", PICK(months_abbr), y);
	else if (r < 970)
		snprintf(buf, n, "since %u", y);
	else
		snprintf(buf, n, "%u-ongoing", y);
}

static void
write_projects(FILE *f, unsigned long np)
{
	static const char *const statuses[] = { "Ongoing", "Ongoing", "Ongoing",
		"Ongoing", "Completed", "Completed", "Completed",
		"In development" };
	static const char *const roman[] = { "I", "II", "III", "IV" };
	unsigned long serial[4] = { 0, 0, 0, 0 };
	char per[64], title[512];

	proj = xmalloc(np * sizeof(*proj));
	fputs(
	    "pillar,serial,title,period,entities,status,activities,scope\n", f);
	for (unsigned long i = 0; i < np; i++) {
		Proj *p = &proj[i];
		unsigned a = rnd(NAREA), b = NAREA, nc, pi;
		const Area *ar = &areas[a];
		const char *pillar = PICKN(ar->pillars), *lead, *seen[3];
		unsigned npart;

		if (chance(200)) /* a second area */
			b = (a + 1 + rnd(NAREA - 1)) % NAREA;
		p->areas = 1u << a | (b < NAREA ? 1u << b : 0);
		nc = chance(500) ? 1 : chance(700) ? 2 : 3;
		p->nc = 0;
		for (unsigned k = 0; k < nc; k++) {
			unsigned r = pick_rank(), dup = 0;

			for (unsigned m = 0; m < p->nc; m++)
				dup |= p->rank[m] == r;
			if (dup)
				continue;
			p->rank[p->nc++] = (uint8_t)r;
			if (nby_rank[r] == capby_rank[r]) {
				capby_rank[r] =
				    capby_rank[r] ? 2 * capby_rank[r] : 64;
				by_rank[r] = xrealloc(by_rank[r],
				    capby_rank[r] * sizeof(**by_rank));
			}
			by_rank[r][nby_rank[r]++] = (uint32_t)i;
		}
		for (pi = 0; pi < 4; pi++)
			if (strcmp(roman[pi], pillar) == 0)
				break;
		lead = chance(750) ? PICKN(ar->leads) : PICK(leads_any);
		/* The title. */
		snprintf(title, sizeof(title), "%s %s%s", PICK(heads),
		    PICKN(ar->topics), PICK(tails));
		if (b < NAREA)
			snprintf(title + strlen(title),
			    sizeof(title) - strlen(title), " and %s",
			    PICKN(areas[b].topics));
		if (p->nc == 1 &&
		    rank_name[p->rank[0]] != rank_iso3[p->rank[0]] &&
		    chance(400))
			snprintf(title + strlen(title),
			    sizeof(title) - strlen(title), " in %s",
			    rank_name[p->rank[0]]);
		period(per, sizeof(per));
		fprintf(f, "%s,%lu,", pillar, ++serial[pi]);
		put_csv(f, title);
		fputc(',', f);
		put_csv(f, per);
		fputc(',', f);
		/* Entities: the lead, then partners. */
		fputc('"', f);
		fputs(lead, f);
		seen[0] = lead;
		npart = chance(500) ? 0 : 1 + rnd(2);
		for (unsigned k = 0, n = 1; k < npart; k++) {
			const char *e = PICK(partners);
			unsigned dup = 0;

			for (unsigned m = 0; m < n; m++)
				dup |= strcmp(seen[m], e) == 0;
			if (dup)
				continue;
			seen[n++] = e;
			fprintf(f, "; %s", e);
		}
		fputs("\",", f);
		fputs(PICK(statuses), f);
		fputs(",\"", f);
		/* Activities: one or two of the area's, now and then a
		 * general one. */
		{
			unsigned na =
			    (unsigned)count(ar->acts, NELEM(ar->acts));
			unsigned first = rnd(na);

			fputs(ar->acts[first], f);
			if (chance(450))
				fprintf(f, " %s",
				    ar->acts[(first + 1 + rnd(na - 1)) % na]);
			if (b < NAREA)
				fprintf(f, " %s", PICKN(areas[b].acts));
			if (chance(300))
				fprintf(f, " %s", PICK(generic_acts));
		}
		fputs("\",\"", f);
		for (unsigned k = 0; k < p->nc; k++)
			fprintf(
			    f, "%s%s", k ? ", " : "", rank_iso3[p->rank[k]]);
		fputs("\"\n", f);
	}
}

/* --- needs ----------------------------------------------------------- */

/* A project of country rank r on area a, else of r, else any; 0: none. */
static unsigned long
match(unsigned r, unsigned a, unsigned long np, const unsigned long *avoid)
{
	size_t n = nby_rank[r];

	for (unsigned t = 0; n > 0 && t < 24; t++) {
		uint32_t j = by_rank[r][rnd((unsigned)n)];

		if ((proj[j].areas >> a & 1) && j + 1 != *avoid)
			return j + 1;
	}
	if (n > 0 && chance(500)) {
		uint32_t j = by_rank[r][rnd((unsigned)n)];

		return j + 1 != *avoid ? j + 1 : 0;
	}
	return np > 0 ? 1 + rnd((unsigned)np) : 0;
}

static void
write_needs(FILE *f, unsigned long nn, unsigned long np)
{
	static const char *const bodies[] = { "CTED", "CTED", "CTED", "CTED",
		"CTED", "CTED", "CTED", "UNOCT", "UNODC", "1540-Committee" };
	static const char *const priorities[] = { "high", "high", "high",
		"medium", "medium", "medium", "medium", "medium", "low",
		"low" };
	static const char *const statuses[] = { "open", "open", "open", "open",
		"open", "being_addressed", "being_addressed", "being_addressed",
		"addressed", "addressed" };
	static const char *const conf[] = { "public", "public", "public",
		"compact", "compact", "compact", "compact", "restricted",
		"restricted", "restricted" };

	fputs("ref,country,body,assessed,text,pillar,area,priority,status,"
	      "confidentiality,projects\n",
	    f);
	for (unsigned long i = 0; i < nn; i++) {
		unsigned r = pick_rank(), a = rnd(NAREA);
		const Area *ar = &areas[a];
		unsigned long p1 = 0, p2 = 0;

		fprintf(f, "NEED-%06lu,%s,%s,%u-%02u,", i + 1, rank_iso3[r],
		    PICK(bodies), 2015 + rnd(11), 1 + rnd(12));
		put_csv(f, PICKN(ar->needs));
		fprintf(f, ",%s,%s,%s,%s,%s,", PICKN(ar->pillars), ar->key,
		    PICK(priorities), PICK(statuses), PICK(conf));
		if (chance(500)) {
			p1 = match(r, a, np, &p2);
			if (chance(300))
				p2 = match(r, a, np, &p1);
		}
		if (p1 && p2 && p1 != p2)
			fprintf(f, "%lu;%lu", p1, p2);
		else if (p1)
			fprintf(f, "%lu", p1);
		fputc('\n', f);
	}
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: needgen [-p NP] [-n NN] [-s SEED] [-z Z] [-m unsd-m49.csv] "
	    "-P projects.csv -N needs.csv\n");
	exit(2);
}

static FILE *
open_out(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		fprintf(stderr, "needgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void
close_out(FILE *f, const char *path)
{
	if (fflush(f) != 0 || ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "needgen: %s: write error\n", path);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	unsigned long np = 100000, nn = 50000, seed = 2018;
	double z = 1.0;
	const char *m49 = "data/unsd-m49.csv", *ppath = NULL, *npath = NULL;
	FILE *f;

	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-p") == 0)
			np = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-n") == 0)
			nn = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-s") == 0)
			seed = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-z") == 0)
			z = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "-m") == 0)
			m49 = argv[++i];
		else if (strcmp(argv[i], "-P") == 0)
			ppath = argv[++i];
		else if (strcmp(argv[i], "-N") == 0)
			npath = argv[++i];
		else
			usage();
	}
	if (ppath == NULL || npath == NULL || np < 1 || np > 10000000 ||
	    nn > 10000000 || !(z >= 0 && z <= 4))
		usage();
	rng_state = seed;
	rank_countries(z);
	load_names(m49);
	by_rank = xmalloc(NCOUNTRY * sizeof(*by_rank));
	nby_rank = xmalloc(NCOUNTRY * sizeof(*nby_rank));
	capby_rank = xmalloc(NCOUNTRY * sizeof(*capby_rank));
	for (size_t r = 0; r < NCOUNTRY; r++) {
		by_rank[r] = NULL;
		nby_rank[r] = capby_rank[r] = 0;
	}
	f = open_out(ppath);
	write_projects(f, np);
	close_out(f, ppath);
	f = open_out(npath);
	write_needs(f, nn, np);
	close_out(f, npath);
	return 0;
}
