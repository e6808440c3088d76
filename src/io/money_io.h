/*
 * money_io.h - money in and out: JSON of sums, budgets, contributions,
 * funding tables and appeals; every change stored in one transaction with
 * its entry in the audit trail (subjects "rate", "budget", "contribution",
 * "appeal", "gender"), under the rules of portfolio/money.h:
 *
 *   rates, contributions, appeals   admin and secretariat;
 *   a project's budget and gender   who may change the project (a focal
 *   marker                          point its entity's projects only).
 *
 * Money is read by everyone: requirements, contributions and shortfalls
 * are what donors and Member States are shown, and the Trust Fund's
 * contributors are published.
 *
 * Sums in JSON are decimal strings ("1084.30") beside integers of minor
 * units: never a floating-point number.
 */
#ifndef CTM_IO_MONEY_IO_H
#define CTM_IO_MONEY_IO_H

#include <jansson.h>

#include "../store/store.h"
#include "project_commit.h"

/* {"amount", "amount_minor", "currency", "usd", "usd_cents", "rate",
 * "rate_date"} (a new reference). */
json_t *money_json(const Money *m);
/* US cents as {"usd": "1084.30", "usd_cents": 108430} members of o. */
void usd_members(json_t *o, const char *name, int64_t cents);

json_t *contribution_json(const Contribution *c);

/*
 * A project's money: {"project", "budget" (or null), "received",
 * "shortfall", "gender_marker", "gender_definition"}; *status 200, 404
 * when there is no such project, 500 (err says why) when the store failed.
 */
json_t *project_money_json(Store *s, int64_t id, int *status, Buf *err);

/*
 * One row of store_funding: {"key", "name", "projects", "budgeted",
 * "budget", "budget_cents", "received", ..., "shortfall", ...,
 * "demo_projects", "demo_received_projects"} (a new reference).
 */
json_t *fund_row_json(const FundRow *r);

/* The rows of store_funding(f) as {"by", "groups": [...], "total"}, or
 * NULL with a message in err. */
json_t *funding_json(Store *s, const FundFilter *f, Buf *err);

/* The Trust Fund's donors, greatest first: {"donors": [...], "total"}. */
json_t *trust_fund_json(Store *s, Buf *err);

/* An appeal with its projects and their money: {"key", ..., "projects":
 * [...], "total"}; NULL with err when it failed; *found 0 when none. */
json_t *appeal_json(Store *s, const char *key, int *found, Buf *err);

/* Record the rate of currency from date on: "1.0843" USD a unit. */
int rate_commit(Store *s, const Account *who, const char *currency,
    const char *rate, const char *date, const char *source, Buf *msg);

/* Set (amount != NULL) or remove a project's budget. */
int budget_commit(Store *s, const Account *who, int64_t project_id,
    const char *amount, const char *currency, const char *as_of, int demo,
    Buf *msg);

/* What a person gives of a contribution, as text. */
typedef struct ContributionInput {
	const char *donor;   /* an organisation, a Member State, a name */
	const char *project; /* project id; NULL: the Trust Fund */
	const char *amount, *currency, *received;
	int trust_fund; /* through the Trust Fund (with project) */
	int in_kind;
	const char *note;
	int demo;
} ContributionInput;

/* Record a contribution; its id in *id. */
int contribution_commit(Store *s, const Account *who,
    const ContributionInput *in, int64_t *id, Buf *msg);
int contribution_delete_commit(
    Store *s, const Account *who, int64_t id, Buf *msg);

/* Create or change the appeal key with its projects (ids, in order). */
int appeal_commit(Store *s, const Account *who, const Appeal *a, Buf *msg);
int appeal_delete_commit(
    Store *s, const Account *who, const char *key, Buf *msg);

/* Set the gender marker of a project ("0".."3", "GEN2", "none"). */
int gender_commit(Store *s, const Account *who, int64_t project_id, int demo,
    const char *marker, Buf *msg);

#endif
