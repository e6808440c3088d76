/*
 * iatigen.c - synthetic IATI 2.03 activity files for the benchmark of
 * issue 7 (bench/iati).
 *
 * Writes N activities shaped as publishers' are: an identifier, the
 * reporting organisation, two titles (English and French), a
 * description, three participating organisations (funding, extending,
 * implementing: a UN entity of data/organisations.json's names), the
 * status and four dates, one to three recipient countries whose
 * percentages add up to 100, two DAC sectors (half the time one of the
 * counter-terrorism rule's), the DAC gender marker, two yearly budgets in
 * US dollars and five transactions.  The output depends only on N and
 * the seed.
 *
 * usage: iatigen [-n N] [-s SEED] [-o FILE]
 *
 * C11 and libc only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
rng(unsigned n)
{
	return (unsigned)(rng_next() % n);
}

static const char *const country[] = { "AF", "DZ", "BD", "BF", "BI", "CM", "TD",
	"CO", "CD", "EG", "ET", "GN", "HT", "IN", "ID", "IQ", "JO", "KE", "KG",
	"KZ", "LB", "LY", "ML", "MR", "MA", "MZ", "MM", "NP", "NE", "NG", "PK",
	"PS", "PH", "SN", "SO", "SS", "SD", "SY", "TJ", "TZ", "TN", "TR", "TM",
	"UG", "UZ", "YE", "ZM", "ZW", "LK", "KH" };
static const char *const entity[] = { "UNODC", "UNDP", "UNESCO", "UNICEF",
	"UN-Women", "IOM", "OHCHR", "UNICRI", "UNOCT", "CTED", "INTERPOL",
	"WFP", "UNHCR", "ILO", "UNFPA" };
static const char *const donor[] = { "GB-GOV-1", "SE-0", "DE-1", "NL-1",
	"US-GOV-1", "NO-01", "XM-DAC-918-3", "CA-3", "JP-8", "XI-IATI-EC" };
static const char *const sector[] = { "15210", "15220", "15130", "15113",
	"11220", "12220", "14030", "16010", "31120", "72010", "15150", "15160",
	"43010", "23210" };
static const char *const topic[] = { "water and sanitation",
	"primary education", "maternal health", "rural roads", "food security",
	"community policing", "border management", "judicial reform",
	"prevention of violent extremism",
	"countering the financing of terrorism", "youth employment",
	"disaster risk reduction", "civil registration", "prison reform" };
static const char *const topic_fr[] = { "eau et assainissement",
	"enseignement primaire", "santé maternelle", "routes rurales",
	"sécurité alimentaire", "police de proximité", "gestion des frontières",
	"réforme judiciaire", "prévention de l'extrémisme violent",
	"lutte contre le financement du terrorisme", "emploi des jeunes",
	"réduction des risques de catastrophe", "état civil",
	"réforme pénitentiaire" };

static void
activity(FILE *f, long i)
{
	unsigned t = rng(NELEM(topic)), nc = 1 + rng(3), y = 2012 + rng(10);
	unsigned d = rng(NELEM(donor)), status = 1 + rng(4);
	const char *c[3];
	unsigned pct[3] = { 100, 0, 0 }, s0, s1;
	long budget = 100000 + (long)rng(5000000);

	for (unsigned k = 0; k < nc; k++) {
		c[k] = country[rng(NELEM(country))];
		for (unsigned m = 0; m < k; m++)
			if (c[m] == c[k])
				c[k] =
				    country[(rng(NELEM(country) - 1) + 1 +
						(unsigned)(c[m] - country[0])) %
					NELEM(country)];
	}
	if (nc == 2) {
		pct[0] = 60;
		pct[1] = 40;
	} else if (nc == 3) {
		pct[0] = 50;
		pct[1] = 30;
		pct[2] = 20;
	}
	s0 = rng(2) ? rng(4) : 4 + rng(NELEM(sector) - 4);
	s1 = 4 + rng(NELEM(sector) - 4);
	if (s1 == s0)
		s1 = 4 + (s1 - 3) % (unsigned)(NELEM(sector) - 4);
	fprintf(f,
	    " <iati-activity xml:lang=\"en\" default-currency=\"USD\" "
	    "last-updated-datetime=\"2024-01-01T00:00:00Z\" hierarchy=\"1\">\n"
	    "  <iati-identifier>%s-%06ld</iati-identifier>\n"
	    "  <reporting-org ref=\"%s\" type=\"10\">\n"
	    "   <narrative>Publisher %u</narrative>\n  </reporting-org>\n"
	    "  <title>\n   <narrative>Support to %s, phase %ld</narrative>\n"
	    "   <narrative xml:lang=\"fr\">Appui : %s, phase %ld</narrative>\n"
	    "  </title>\n"
	    "  <description type=\"1\">\n   <narrative>The activity supports "
	    "%s through training, equipment and technical advice to national "
	    "authorities and civil society, in partnership with local "
	    "organisations.</narrative>\n  </description>\n",
	    donor[d], i, donor[d], d, topic[t], i % 7 + 1, topic_fr[t],
	    i % 7 + 1, topic[t]);
	fprintf(f,
	    "  <participating-org ref=\"%s\" role=\"1\" type=\"10\">\n"
	    "   <narrative>Donor %u</narrative>\n  </participating-org>\n"
	    "  <participating-org ref=\"%s\" role=\"3\" type=\"10\">\n"
	    "   <narrative>Agency %u</narrative>\n  </participating-org>\n"
	    "  <participating-org role=\"4\" type=\"40\">\n"
	    "   <narrative>%s</narrative>\n  </participating-org>\n"
	    "  <activity-status code=\"%u\"/>\n"
	    "  <activity-date iso-date=\"%u-01-01\" type=\"1\"/>\n"
	    "  <activity-date iso-date=\"%u-02-15\" type=\"2\"/>\n"
	    "  <activity-date iso-date=\"%u-12-31\" type=\"3\"/>\n"
	    "  <activity-date iso-date=\"%u-12-31\" type=\"4\"/>\n",
	    donor[d], d, donor[d], d, entity[rng(NELEM(entity))], status, y, y,
	    y + 1, y + 1);
	for (unsigned k = 0; k < nc; k++)
		fprintf(f,
		    "  <recipient-country code=\"%s\" percentage=\"%u\"/>\n",
		    c[k], pct[k]);
	fprintf(f,
	    "  <sector vocabulary=\"1\" code=\"%s\" percentage=\"60\"/>\n"
	    "  <sector vocabulary=\"1\" code=\"%s\" percentage=\"40\"/>\n"
	    "  <policy-marker vocabulary=\"1\" code=\"1\" "
	    "significance=\"%u\"/>\n",
	    sector[s0], sector[s1], rng(3));
	for (unsigned k = 0; k < 2; k++)
		fprintf(f,
		    "  <budget type=\"1\" status=\"2\">\n"
		    "   <period-start iso-date=\"%u-01-01\"/>\n"
		    "   <period-end iso-date=\"%u-12-31\"/>\n"
		    "   <value currency=\"USD\" "
		    "value-date=\"%u-01-01\">%ld.%02u"
		    "</value>\n  </budget>\n",
		    y + k, y + k, y + k, budget / 2 + k * 1000, rng(100));
	for (unsigned k = 0; k < 5; k++)
		fprintf(f,
		    "  <transaction>\n   <transaction-type code=\"%u\"/>\n"
		    "   <transaction-date iso-date=\"%u-%02u-15\"/>\n"
		    "   <value currency=\"USD\" value-date=\"%u-%02u-15\">%ld"
		    "</value>\n  </transaction>\n",
		    k == 0      ? 2
			: k < 4 ? 3
				: 4,
		    y + k / 3, 1 + 2 * k, y + k / 3, 1 + 2 * k, budget / 5);
	fputs(" </iati-activity>\n", f);
}

int
main(int argc, char **argv)
{
	long n = 1000;
	const char *out = NULL;
	FILE *f = stdout;
	int c;

	rng_state = 2024;
	while ((c = getopt(argc, argv, "n:s:o:")) != -1) {
		switch (c) {
		case 'n':
			n = atol(optarg);
			break;
		case 's':
			rng_state = strtoull(optarg, NULL, 10);
			break;
		case 'o':
			out = optarg;
			break;
		default:
			fprintf(stderr,
			    "usage: iatigen [-n N] [-s SEED] [-o FILE]\n");
			return 2;
		}
	}
	if (out && (f = fopen(out, "w")) == NULL) {
		perror(out);
		return 1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities "
	      "version=\"2.03\" generated-datetime=\"2024-01-01T00:00:00Z\">\n",
	    f);
	for (long i = 1; i <= n; i++)
		activity(f, i);
	fputs("</iati-activities>\n", f);
	if (out && fclose(f) != 0) {
		perror(out);
		return 1;
	}
	return 0;
}
