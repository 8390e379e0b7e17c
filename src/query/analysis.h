/* The analysis part of the query stage: dyad timelines, the actor network, the actors seen and
 * the events of one actor or dyad, each traceable to its events. Read-only SQL with bound
 * parameters only. Functions return 0, 1 when the callback stopped, or -1 with err filled in. */
#ifndef ANNALIST_QUERY_ANALYSIS_H
#define ANNALIST_QUERY_ANALYSIS_H

#include "query/query.h"

/* An actor spec as a GLOB pattern: a trailing '*' stays a wildcard, GLOB's other special
 * characters are taken literally. Returns 0, or -1 when out is too small. */
int analysis_glob(const char *spec, char *out, size_t size);

/* Binds a period unit's SQL form to parameter i (see ANALYSIS_PERIOD_SQL). */
void analysis_bind_period(sqlite3_stmt *st, int i, annalist_period by);

/* The SQL of the period an ISO date `d` falls in, by the unit bound to ?7 (0 day .. 3 year). */
#define ANALYSIS_PERIOD_SQL(d)                                                                     \
    "CASE ?7 WHEN 0 THEN date(" d ") WHEN 1 THEN date(" d ", '-6 days', 'weekday 1')"              \
    " WHEN 2 THEN strftime('%Y-%m', " d ") ELSE strftime('%Y', " d ") END"

/* Whether an event side (source or target) matches the spec bound at parameter p; ?4 non-zero
 * compares the node key (id, else code) exactly instead. NULL p matches nothing. */
#define ANALYSIS_MATCH_SQL(side, p)                                                                \
    "coalesce(CASE WHEN ?4 THEN coalesce(nullif(e." side "_id, ''), e." side ") = " p              \
    " ELSE (e." side " GLOB " p " OR e." side "_id GLOB " p ") END, 0)"

/* The events of one actor (?1), or of a dyad (?1, ?2; ?3 non-zero for ?1 -> ?2 only), dated
 * within ?5..?6, as the common table `sel(id, d, period, dir)`; ?4 and ?7 as above. An event
 * with no date (or one that makes no period) is in the period ANNALIST_UNDATED; a bound ?5 or
 * ?6 leaves it out (a NULL date is neither inside nor outside the range). */
// clang-format off
#define ANALYSIS_SELECTION_CTE                                                                   \
    "WITH m AS (SELECT e.id AS id, coalesce(e.event_date, e.date) AS d, "                        \
    ANALYSIS_MATCH_SQL("source", "?1") " AS sa, "                                                \
    ANALYSIS_MATCH_SQL("target", "?1") " AS ta, "                                                \
    ANALYSIS_MATCH_SQL("source", "?2") " AS sb, "                                                \
    ANALYSIS_MATCH_SQL("target", "?2") " AS tb FROM events e),"                                  \
    " sel AS (SELECT id, d,"                                                                     \
    " coalesce(" ANALYSIS_PERIOD_SQL("d") ", '" ANNALIST_UNDATED "') AS period,"                 \
    " CASE WHEN ?2 IS NULL THEN '' WHEN sa AND tb THEN 'A->B' ELSE 'B->A' END AS dir FROM m"     \
    " WHERE (CASE WHEN ?2 IS NULL THEN sa OR ta ELSE (sa AND tb) OR (?3 = 0 AND sb AND ta) END)" \
    " AND (?5 IS NULL OR d >= ?5) AND (?6 IS NULL OR d <= ?6)) "
// clang-format on

int query_dyad(sqlite3 *db, const annalist_dyad_query *q,
               int (*fn)(void *user, const annalist_dyad_row *r), void *user, query_error_t *err);
int query_timeline(sqlite3 *db, const annalist_timeline_query *q,
                   int (*fn)(void *user, const annalist_traced_event *e), void *user,
                   query_error_t *err);
int query_actors(sqlite3 *db, const annalist_actor_query *q,
                 int (*fn)(void *user, const annalist_actor_row *r), void *user,
                 query_error_t *err);
/* *out is a malloc'd network (annalist_network_free) on success. */
int query_network(sqlite3 *db, const annalist_event_filter *filter, int64_t min_events,
                  annalist_network **out, query_error_t *err);
void query_network_free(annalist_network *n);
/* 0 and fn called once; 1 when there is no such event; -1 on failure. */
int query_event_source(sqlite3 *db, int64_t id,
                       void (*fn)(void *user, const annalist_event_source *s), void *user,
                       query_error_t *err);

/* 0 and fn called once; 1 when there is no such sentence; -1 on failure. */
int query_sentence_source(sqlite3 *db, int64_t id,
                          void (*fn)(void *user, const annalist_sentence_source *s), void *user,
                          query_error_t *err);

#endif
