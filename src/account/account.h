/*
 * account.h - who may sign in, and with what: roles, logins, passwords
 * (argon2id through libsodium) and tokens.
 *
 * A password is kept only as libsodium's argon2id string, which carries
 * its own salt and cost; a token (a web session's or an API client's) is
 * 32 random bytes shown once, and only its BLAKE2b hash is kept.  This is
 * the only module that includes sodium.h.
 */
#ifndef CTM_ACCOUNT_ACCOUNT_H
#define CTM_ACCOUNT_ACCOUNT_H

#include "../core/buf.h"

/* The roles, most powerful first, and a comma list of them for messages. */
extern const char *const account_roles[];
extern const char account_role_list[];

/* Start libsodium; 0, or -1 when it cannot (no randomness). */
int account_init(void);

/* Is role one of account_roles? */
int account_role_valid(const char *role);

/*
 * role as people read it in lang ("focal point", "координатор"); the key
 * itself in English (whose pages and tables show keys, as ever), when
 * lang is NULL and when role is none of account_roles.  Static text.
 */
const char *account_role_label(const char *lang, const char *role);

/*
 * Is login acceptable: 1 to 64 characters of letters, digits and ". _ @ -",
 * starting with a letter or a digit?  0, or -1 with a message in err.
 */
int account_login_check(const char *login, Buf *err);

/* Is pw acceptable: 10 to 1024 bytes?  0, or -1 with a message in err. */
int account_password_check(const char *pw, Buf *err);

/* Hash pw (argon2id) into out.  0, or -1 with a message in err. */
int account_password_hash(const char *pw, Buf *out, Buf *err);

/* Does pw match hash?  1 or 0 (a malformed hash matches nothing). */
int account_password_verify(const char *hash, const char *pw);

/* A new random token (hex) into token, and its hash into hash. */
void account_token_new(Buf *token, Buf *hash);

/* The hash under which token is kept. */
void account_token_hash(const char *token, Buf *hash);

#endif
