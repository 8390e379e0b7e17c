/* Dyad timelines: for two actors, per period (and per direction when asked), the events between
 * them by quad class and their summed and mean Goldstein score, with the ids of the events each
 * row counts so that every number can be traced; undated events in a last row of their own.
 * Read-only; values are bound, never pasted. */
#include "query/analysis.h"

#include <stdio.h>
#include <string.h>

static const char DYAD_SQL[] = ANALYSIS_SELECTION_CTE
    "SELECT period, CASE WHEN ?11 THEN dir ELSE 'both' END AS direction, count(*),"
    " sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3), sum(e.quad_class = 4),"
    " total(e.goldstein), avg(e.goldstein), group_concat(e.id, ',')"
    " FROM (SELECT * FROM sel ORDER BY id) s JOIN events e ON e.id = s.id"
    " WHERE (?8 IS NULL OR period = ?8)"
    " GROUP BY period, direction ORDER BY period = '" ANNALIST_UNDATED "', period, direction";

static int fail(sqlite3 *db, query_error_t *err)
{
    snprintf(err->text, sizeof err->text, "dyad: %s", sqlite3_errmsg(db));
    return -1;
}

static int bad_argument(query_error_t *err, const char *what)
{
    snprintf(err->text, sizeof err->text, "%s", what);
    err->bad_argument = 1;
    return -1;
}

static void read_row(sqlite3_stmt *st, annalist_dyad_row *r)
{
    memset(r, 0, sizeof *r);
    r->period = (const char *)sqlite3_column_text(st, 0);
    r->direction = (const char *)sqlite3_column_text(st, 1);
    r->events = sqlite3_column_int64(st, 2);
    int64_t classed = 0;
    for (int k = 1; k <= 4; k++) {
        r->quad[k] = sqlite3_column_int64(st, 2 + k);
        classed += r->quad[k];
    }
    r->quad[0] = r->events - classed;
    r->goldstein_sum = sqlite3_column_double(st, 7);
    r->goldstein_mean = sqlite3_column_double(st, 8);
    r->event_ids = (const char *)sqlite3_column_text(st, 9);
    if (!r->event_ids) r->event_ids = "";
}

int query_dyad(sqlite3 *db, const annalist_dyad_query *q,
               int (*fn)(void *user, const annalist_dyad_row *r), void *user, query_error_t *err)
{
    if (!q || !q->a || !q->b || !*q->a || !*q->b)
        return bad_argument(err, "a dyad needs two actors");
    char a[256], b[256];
    if (analysis_glob(q->a, a, sizeof a) != 0 || analysis_glob(q->b, b, sizeof b) != 0)
        return bad_argument(err, "an actor is too long");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, DYAD_SQL, -1, &st, NULL) != SQLITE_OK) return fail(db, err);
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, 0);
    sqlite3_bind_int(st, 4, 0);
    sqlite3_bind_text(st, 5, q->since, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, q->until, -1, SQLITE_STATIC);
    analysis_bind_period(st, 7, q->by);
    sqlite3_bind_text(st, 8, q->period, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 11, q->directed != 0);
    int rc, stopped = 0;
    while (!stopped && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        annalist_dyad_row r;
        read_row(st, &r);
        stopped = fn(user, &r) != 0;
    }
    int result = stopped;
    if (!stopped && rc != SQLITE_DONE) result = fail(db, err);
    sqlite3_finalize(st);
    return result;
}
