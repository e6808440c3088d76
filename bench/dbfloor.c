/*
 * dbfloor.c - the least a process can do with a database (bench/iati):
 * load the client library, open the database, ask "SELECT 1", close.
 * Timed as a whole process beside ctmatrix's queries, it is the floor
 * under their figures on each backend, which no query can go below.
 *
 * Built twice, each linked with its one library: dbfloor-sqlite (the
 * default) and, with -DDBFLOOR_PG, dbfloor-pg (ctmatrix loads libpq
 * when it opens a PostgreSQL database, which costs the same).
 *
 * usage: dbfloor-sqlite PATH | dbfloor-pg URL
 *
 * Exits 0 on success, 1 with the library's message otherwise.
 *
 * C11.
 */
#include <stdio.h>

#ifdef DBFLOOR_PG
#include <libpq-fe.h>

static int
dbfloor(const char *url)
{
	PGconn *c = PQconnectdb(url);
	PGresult *r = NULL;
	int ok = PQstatus(c) == CONNECTION_OK &&
	    PQresultStatus(r = PQexec(c, "SELECT 1")) == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "dbfloor: %s", PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : 1;
}
#else
#include <sqlite3.h>

static int
dbfloor(const char *path)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "dbfloor: %s: %s\n", path, sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : 1;
}
#endif

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(
		    stderr, "usage: dbfloor-sqlite PATH | dbfloor-pg URL\n");
		return 2;
	}
	return dbfloor(argv[1]);
}
