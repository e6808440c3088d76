/*
 * account.c - roles, logins, passwords and tokens (see account.h).
 */
#include <string.h>

#include <sodium.h>

#include "../text/lang.h"
#include "account.h"

const char *const account_roles[] = { "admin", "secretariat", "focal_point",
	"analyst", "viewer", NULL };
const char account_role_list[] =
    "admin, secretariat, focal_point, analyst, viewer";

/* The roles as people read them, in the order of account_roles. */
static const char *const role_labels[] = { N_("administrator"),
	N_("secretariat"), N_("focal point"), N_("analyst"), N_("viewer") };

/*
 * The cost of a password hash: two passes over 19 MiB, the minimum OWASP
 * recommends for argon2id; a server signing in several people at once
 * stays well under its memory budget.
 */
#define ACCOUNT_PW_OPS 2
#define ACCOUNT_PW_MEM (19u << 20)

#define ACCOUNT_PW_MIN      10
#define ACCOUNT_PW_MAX      1024
#define ACCOUNT_LOGIN_MAX   64
#define ACCOUNT_TOKEN_BYTES 32

int
account_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int
account_role_valid(const char *role)
{
	for (int i = 0; account_roles[i] != NULL; i++)
		if (strcmp(account_roles[i], role) == 0)
			return 1;
	return 0;
}

const char *
account_role_label(const char *lang, const char *role)
{
	if (lang == NULL || strcmp(lang, "en") == 0)
		return role;
	for (int i = 0; account_roles[i] != NULL; i++)
		if (strcmp(account_roles[i], role) == 0)
			return tr(lang, role_labels[i]);
	return role;
}

int
account_login_check(const char *login, Buf *err)
{
	size_t n = strlen(login);

	if (n == 0 || n > ACCOUNT_LOGIN_MAX) {
		buf_printf(err, TC("a login has 1 to %d characters"),
		    ACCOUNT_LOGIN_MAX);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)login[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || strchr("._@-", c) == NULL)) {
			buf_puts(err,
			    TC("a login is letters, digits and . _ @ -, "
			       "starting with a letter or a digit"));
			return -1;
		}
	}
	return 0;
}

int
account_password_check(const char *pw, Buf *err)
{
	size_t n = strlen(pw);

	if (n < ACCOUNT_PW_MIN || n > ACCOUNT_PW_MAX) {
		buf_printf(err, TC("a password has %d to %d characters"),
		    ACCOUNT_PW_MIN, ACCOUNT_PW_MAX);
		return -1;
	}
	return 0;
}

int
account_password_hash(const char *pw, Buf *out, Buf *err)
{
	char h[crypto_pwhash_STRBYTES];

	if (crypto_pwhash_str_alg(h, pw, strlen(pw), ACCOUNT_PW_OPS,
		ACCOUNT_PW_MEM, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		buf_puts(err, TC("cannot hash the password (out of memory)"));
		return -1;
	}
	buf_set(out, h);
	sodium_memzero(h, sizeof(h));
	return 0;
}

int
account_password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || strncmp(hash, "$argon2id$", 10) != 0)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static void
hex(const unsigned char *b, size_t n, Buf *out)
{
	char h[2 * 64 + 1];

	sodium_bin2hex(h, sizeof(h), b, n);
	buf_set(out, h);
}

void
account_token_hash(const char *token, Buf *hash)
{
	unsigned char h[crypto_generichash_BYTES];

	crypto_generichash(
	    h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	hex(h, sizeof(h), hash);
}

void
account_token_new(Buf *token, Buf *hash)
{
	unsigned char b[ACCOUNT_TOKEN_BYTES];

	randombytes_buf(b, sizeof(b));
	hex(b, sizeof(b), token);
	sodium_memzero(b, sizeof(b));
	account_token_hash(buf_str(token), hash);
}
