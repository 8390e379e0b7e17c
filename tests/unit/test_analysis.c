/* Unit tests of the analysis queries (src/query/dyad.c, network.c, actors.c, timeline.c through
 * the public functions of annalist.h): a database holding a handful of events written here row by
 * row, so that every count, sum, period, direction, id match and trace can be checked exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annalist.h"
#include "serve/serve.h"

typedef struct fixture {
    char dir[64];
    char path[96];
    annalist_t *ctx;
} fixture;

/* Two articles, four sentences and nine events:
 *  id source(id)          target(id)           date        code quad gold
 *  1  IRN                 IRQ                  2021-01-05  111  3   -2.0
 *  2  IRQ                 IRN                  2021-01-06  112  3   -2.0
 *  3  IRN                 IRQ                  2021-01-20  040  1    1.0
 *  4  IRNGOV              IRQ                  2021-02-03  190  4  -10.0
 *  5  USA                 IRN                  2021-03-01  163  4   -8.0
 *  6  IRN                 IRQ (SADR_MUQTADA)   2021-03-15  050  1    3.5
 *  7  IRN                 IRQ                  (undated)   111  3   -2.0
 *  8  (none)              IRQ                  2021-01-07  111  3   -2.0
 *  9  IRN                 IRQ                  2021-01-05  999  NULL NULL (not in the codebook) */
static const char FIXTURE_SQL[] =
    "INSERT INTO articles(id, content_hash, words, path, format, byte_start, byte_end, line,"
    " text_origin, title, outlet, date, body) VALUES"
    " (1, 'h1', 6, 'wire.txt', 'text', 0, 140, 1, 100, 'Iran and Iraq', 'Wire', '2021-01-05',"
    "  'Iran condemned Iraq. Iraq accused Iran.'),"
    " (2, 'h2', 6, 'post.jsonl', 'jsonl', 0, 90, 3, -1, 'Later', 'Post', NULL,"
    "  'Iran met Iraq. Washington sanctioned Iran.');"
    "INSERT INTO sentences(id, article_id, idx, start, end, text) VALUES"
    " (1, 1, 0, 0, 20, 'Iran condemned Iraq.'), (2, 1, 1, 21, 39, 'Iraq accused Iran.'),"
    " (3, 2, 0, 0, 14, 'Iran met Iraq.'), (4, 2, 1, 15, 41, 'Washington sanctioned Iran.');"
    "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences;"
    "INSERT INTO events(id, sentence_id, article_id, date, source, target, source_id, target_id,"
    " code, root, quad_class, goldstein, source_start, source_end, target_start, target_end,"
    " verb_start, verb_end) VALUES"
    " (1, 1, 1, '2021-01-05', 'IRN', 'IRQ', NULL, NULL, '111', 11, 3, -2.0, 0, 4, 15, 19, 5, 14),"
    " (2, 2, 1, '2021-01-06', 'IRQ', 'IRN', NULL, '', '112', 11, 3, -2.0, 0, 4, 13, 17, 5, 12),"
    " (3, 3, 2, '2021-01-20', 'IRN', 'IRQ', NULL, NULL, '040', 4, 1, 1.0, 0, 4, 9, 13, 5, 8),"
    " (4, 3, 2, '2021-02-03', 'IRNGOV', 'IRQ', NULL, NULL, '190', 19, 4, -10.0, 0,4,9,13,5,8),"
    " (5, 4, 2, '2021-03-01', 'USA', 'IRN', NULL, NULL, '163', 16, 4, -8.0, 0, 10, 22, 26, 11, 21),"
    " (6, 3, 2, '2021-03-15', 'IRN', 'IRQ', NULL, 'SADR_MUQTADA', '050', 5, 1, 3.5, 0,4,9,13,5,8),"
    " (7, 3, 2, NULL, 'IRN', 'IRQ', NULL, NULL, '111', 11, 3, -2.0, 0, 4, 9, 13, 5, 8),"
    " (8, 1, 1, '2021-01-07', '', 'IRQ', NULL, NULL, '111', 11, 3, -2.0, -1, -1, 15, 19, 5, 14),"
    " (9, 1, 1, '2021-01-05', 'IRN', 'IRQ', NULL, NULL, '999', NULL, NULL, NULL, 0,4,15,19,5,14);";

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    strcpy(f->dir, "/tmp/annalist-analysis-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    char *err = NULL;
    annalist_t *ctx = NULL;
    assert_int_equal(annalist_open(f->path, &ctx, &err), ANNALIST_OK);
    annalist_close(ctx);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, FIXTURE_SQL, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fprintf(stderr, "fixture: %s\n", msg);
    assert_int_equal(rc, SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(annalist_open_readonly(f->path, &f->ctx, &err), ANNALIST_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    annalist_close(f->ctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* ---- dyads -------------------------------------------------------------------------------- */

typedef struct dyad_rows {
    int n;
    char line[16][160]; /* "period dir events q0 q1 q2 q3 q4 sum mean ids" */
} dyad_rows;

static int keep_dyad(void *user, const annalist_dyad_row *r)
{
    dyad_rows *d = user;
    assert_true(d->n < 16);
    snprintf(d->line[d->n++], 160, "%s %s %lld %lld/%lld/%lld/%lld/%lld %.2f %.2f [%s]", r->period,
             r->direction, (long long)r->events, (long long)r->quad[0], (long long)r->quad[1],
             (long long)r->quad[2], (long long)r->quad[3], (long long)r->quad[4], r->goldstein_sum,
             r->goldstein_mean, r->event_ids);
    return 0;
}

static dyad_rows run_dyad(fixture *f, annalist_dyad_query q)
{
    dyad_rows d = {0};
    assert_int_equal(annalist_dyad(f->ctx, &q, keep_dyad, &d), ANNALIST_OK);
    return d;
}

static void test_dyad_by_month_both_ways(void **state)
{
    dyad_rows d =
        run_dyad(*state, (annalist_dyad_query){.a = "IRN", .b = "IRQ", .by = ANNALIST_BY_MONTH});
    assert_int_equal(d.n, 3);
    /* 1, 2 (reverse), 3 and 9 (no quad class, no Goldstein: not in the mean); 7 is undated and
     * counts in a last row of its own */
    assert_string_equal(d.line[0], "2021-01 both 4 1/1/0/2/0 -3.00 -1.00 [1,2,3,9]");
    assert_string_equal(d.line[1], "2021-03 both 1 0/1/0/0/0 3.50 3.50 [6]");
    assert_string_equal(d.line[2], "undated both 1 0/0/0/1/0 -2.00 -2.00 [7]");
}

static void test_dyad_directed_and_prefix(void **state)
{
    dyad_rows d = run_dyad(
        *state,
        (annalist_dyad_query){.a = "IRN*", .b = "IRQ", .by = ANNALIST_BY_MONTH, .directed = 1});
    assert_int_equal(d.n, 5);
    assert_string_equal(d.line[0], "2021-01 A->B 3 1/1/0/1/0 -1.00 -0.50 [1,3,9]");
    assert_string_equal(d.line[1], "2021-01 B->A 1 0/0/0/1/0 -2.00 -2.00 [2]");
    assert_string_equal(d.line[2], "2021-02 A->B 1 0/0/0/0/1 -10.00 -10.00 [4]");
    assert_string_equal(d.line[3], "2021-03 A->B 1 0/1/0/0/0 3.50 3.50 [6]");
    assert_string_equal(d.line[4], "undated A->B 1 0/0/0/1/0 -2.00 -2.00 [7]");
    /* the other way round, 7 is B->A, still last */
    d = run_dyad(*state, (annalist_dyad_query){
                             .a = "IRQ", .b = "IRN*", .by = ANNALIST_BY_YEAR, .directed = 1});
    assert_int_equal(d.n, 3);
    assert_string_equal(d.line[0], "2021 A->B 1 0/0/0/1/0 -2.00 -2.00 [2]");
    assert_string_equal(d.line[1], "2021 B->A 5 1/2/0/1/1 -7.50 -1.88 [1,3,4,6,9]");
    assert_string_equal(d.line[2], "undated B->A 1 0/0/0/1/0 -2.00 -2.00 [7]");
}

static void test_dyad_periods(void **state)
{
    fixture *f = *state;
    dyad_rows d =
        run_dyad(f, (annalist_dyad_query){.a = "IRQ", .b = "IRN", .by = ANNALIST_BY_WEEK});
    assert_int_equal(d.n, 4); /* weeks start on Monday: 5 and 6 January 2021 are in the 4th's */
    assert_string_equal(d.line[0], "2021-01-04 both 3 1/0/0/2/0 -4.00 -2.00 [1,2,9]");
    assert_string_equal(d.line[1], "2021-01-18 both 1 0/1/0/0/0 1.00 1.00 [3]");
    assert_string_equal(d.line[2], "2021-03-15 both 1 0/1/0/0/0 3.50 3.50 [6]");
    assert_string_equal(d.line[3], "undated both 1 0/0/0/1/0 -2.00 -2.00 [7]");
    d = run_dyad(f, (annalist_dyad_query){.a = "IRQ", .b = "IRN", .by = ANNALIST_BY_YEAR});
    assert_int_equal(d.n, 2);
    assert_string_equal(d.line[0], "2021 both 5 1/2/0/2/0 0.50 0.12 [1,2,3,6,9]");
    assert_string_equal(d.line[1], "undated both 1 0/0/0/1/0 -2.00 -2.00 [7]");
    d = run_dyad(f, (annalist_dyad_query){.a = "IRQ",
                                          .b = "IRN",
                                          .by = ANNALIST_BY_DAY,
                                          .since = "2021-01-06",
                                          .until = "2021-01-20"});
    assert_int_equal(d.n, 2); /* a date range leaves the undated event out */
    assert_string_equal(d.line[0], "2021-01-06 both 1 0/0/0/1/0 -2.00 -2.00 [2]");
    assert_string_equal(d.line[1], "2021-01-20 both 1 0/1/0/0/0 1.00 1.00 [3]");
    d = run_dyad(f, (annalist_dyad_query){
                        .a = "IRQ", .b = "IRN", .by = ANNALIST_BY_YEAR, .since = "2021-01-01"});
    assert_int_equal(d.n, 1);
    assert_string_equal(d.line[0], "2021 both 5 1/2/0/2/0 0.50 0.12 [1,2,3,6,9]");
    d = run_dyad(f, (annalist_dyad_query){
                        .a = "IRQ", .b = "IRN", .by = ANNALIST_BY_YEAR, .until = "2099-12-31"});
    assert_int_equal(d.n, 1);
    assert_string_equal(d.line[0], "2021 both 5 1/2/0/2/0 0.50 0.12 [1,2,3,6,9]");
    d = run_dyad(f, (annalist_dyad_query){
                        .a = "IRQ", .b = "IRN", .by = ANNALIST_BY_MONTH, .period = "2021-03"});
    assert_int_equal(d.n, 1);
    assert_string_equal(d.line[0], "2021-03 both 1 0/1/0/0/0 3.50 3.50 [6]");
    d = run_dyad(f, (annalist_dyad_query){
                        .a = "IRQ", .b = "IRN", .by = ANNALIST_BY_DAY, .period = ANNALIST_UNDATED});
    assert_int_equal(d.n, 1);
    assert_string_equal(d.line[0], "undated both 1 0/0/0/1/0 -2.00 -2.00 [7]");
}

static void test_dyad_person_id(void **state)
{
    dyad_rows d = run_dyad(
        *state, (annalist_dyad_query){
                    .a = "SADR_MUQTADA", .b = "IRN", .by = ANNALIST_BY_MONTH, .directed = 1});
    assert_int_equal(d.n, 1);
    assert_string_equal(d.line[0], "2021-03 B->A 1 0/1/0/0/0 3.50 3.50 [6]");
}

static void test_dyad_bad_arguments(void **state)
{
    fixture *f = *state;
    dyad_rows d = {0};
    annalist_dyad_query q = {.a = "IRN"};
    assert_int_equal(annalist_dyad(f->ctx, &q, keep_dyad, &d), ANNALIST_ERR_ARG);
    char long_actor[400];
    memset(long_actor, 'A', sizeof long_actor - 1);
    long_actor[sizeof long_actor - 1] = '\0';
    q.b = long_actor;
    assert_int_equal(annalist_dyad(f->ctx, &q, keep_dyad, &d), ANNALIST_ERR_ARG);
    q.b = "I?Q"; /* GLOB characters are literal: no actor is called that */
    assert_int_equal(annalist_dyad(f->ctx, &q, keep_dyad, &d), ANNALIST_OK);
    assert_int_equal(d.n, 0);
    annalist_period p;
    assert_int_equal(annalist_period_parse("week", &p), 0);
    assert_int_equal(p, ANNALIST_BY_WEEK);
    assert_int_equal(annalist_period_parse("decade", &p), -1);
    assert_int_equal(annalist_period_parse(NULL, &p), -1);
}

/* ---- timelines ---------------------------------------------------------------------------- */

typedef struct id_list {
    int n;
    char ids[128];
    annalist_traced_event first;
    char first_sentence[64], first_outlet[16], first_period[16], first_dir[8];
} id_list;

static int keep_id(void *user, const annalist_traced_event *e)
{
    id_list *l = user;
    size_t len = strlen(l->ids);
    snprintf(l->ids + len, sizeof l->ids - len, "%s%lld", l->n ? "," : "", (long long)e->ev.id);
    if (l->n++ == 0) {
        l->first = *e;
        snprintf(l->first_sentence, sizeof l->first_sentence, "%s", e->ev.e.sentence);
        snprintf(l->first_outlet, sizeof l->first_outlet, "%s", e->ev.outlet ? e->ev.outlet : "");
        snprintf(l->first_period, sizeof l->first_period, "%s", e->period ? e->period : "");
        snprintf(l->first_dir, sizeof l->first_dir, "%s", e->direction);
    }
    return 0;
}

static id_list run_timeline(fixture *f, annalist_timeline_query q)
{
    id_list l = {0};
    assert_int_equal(annalist_timeline(f->ctx, &q, keep_id, &l), ANNALIST_OK);
    return l;
}

static void test_timeline_of_an_actor(void **state)
{
    fixture *f = *state;
    id_list l = run_timeline(f, (annalist_timeline_query){.actor = "IRN"});
    assert_string_equal(l.ids, "1,9,2,3,5,6,7"); /* by date, undated last, then id */
    assert_string_equal(l.first_sentence, "Iran condemned Iraq.");
    assert_string_equal(l.first_outlet, "Wire");
    assert_string_equal(l.first_period, "2021-01-05");
    assert_string_equal(l.first_dir, "");
    assert_int_equal(l.first.ev.file_offset, 100); /* text_origin + sentence start */
    assert_int_equal(l.first.ev.article_id, 1);
    assert_string_equal(run_timeline(f, (annalist_timeline_query){.actor = "IRN*"}).ids,
                        "1,9,2,3,4,5,6,7");
    assert_string_equal(run_timeline(f, (annalist_timeline_query){.actor = "SADR_MUQTADA"}).ids,
                        "6");
    l = run_timeline(f, (annalist_timeline_query){.actor = "IRN", .limit = 2, .offset = 1});
    assert_string_equal(l.ids, "9,2");
    l = run_timeline(
        f, (annalist_timeline_query){.actor = "IRN", .since = "2021-01-06", .until = "2021-03-01"});
    assert_string_equal(l.ids, "2,3,5");
    assert_string_equal(
        run_timeline(f, (annalist_timeline_query){.actor = "IRN", .since = "2021-01-06"}).ids,
        "2,3,5,6"); /* a date range leaves undated events out */
    l = run_timeline(f, (annalist_timeline_query){.actor = "IRN", .period = ANNALIST_UNDATED});
    assert_string_equal(l.ids, "7"); /* the undated events: the dyad's "undated" row */
    assert_string_equal(l.first_period, "undated");
    assert_int_equal(run_timeline(f, (annalist_timeline_query){.actor = "IR"}).n, 0);
}

static void test_timeline_of_a_dyad(void **state)
{
    fixture *f = *state;
    id_list l = run_timeline(f, (annalist_timeline_query){.actor = "IRQ", .other = "IRN"});
    assert_string_equal(l.ids, "1,9,2,3,6,7");
    assert_string_equal(l.first_dir, "B->A");
    l = run_timeline(f, (annalist_timeline_query){.actor = "IRQ", .other = "IRN", .one_way = 1});
    assert_string_equal(l.ids, "2");
    l = run_timeline(
        f, (annalist_timeline_query){
               .actor = "IRN", .other = "IRQ", .by = ANNALIST_BY_MONTH, .period = "2021-01"});
    assert_string_equal(l.ids, "1,9,2,3");
    /* network node keys: the id when there is one, so event 6 is not IRN -> IRQ */
    l = run_timeline(
        f, (annalist_timeline_query){.actor = "IRN", .other = "IRQ", .one_way = 1, .by_key = 1});
    assert_string_equal(l.ids, "1,9,3,7");
    l = run_timeline(f, (annalist_timeline_query){
                            .actor = "IRN", .other = "SADR_MUQTADA", .one_way = 1, .by_key = 1});
    assert_string_equal(l.ids, "6");
    annalist_timeline_query none = {0};
    assert_int_equal(annalist_timeline(f->ctx, &none, keep_id, &l), ANNALIST_ERR_ARG);
}

/* ---- actors ------------------------------------------------------------------------------- */

typedef struct actor_rows {
    int n;
    char line[16][128];
} actor_rows;

static int keep_actor(void *user, const annalist_actor_row *r)
{
    actor_rows *a = user;
    assert_true(a->n < 16);
    snprintf(a->line[a->n++], 128, "%s %s %lld %lld %lld %s %s", r->code, r->id ? r->id : "-",
             (long long)r->events, (long long)r->as_source, (long long)r->as_target,
             r->first_date ? r->first_date : "-", r->last_date ? r->last_date : "-");
    return 0;
}

static void test_actors(void **state)
{
    fixture *f = *state;
    actor_rows a = {0};
    annalist_actor_query q = {0};
    assert_int_equal(annalist_actors(f->ctx, &q, keep_actor, &a), ANNALIST_OK);
    assert_int_equal(a.n, 5);
    /* IRN and IRQ both have seven events: by code then */
    assert_string_equal(a.line[0], "IRN - 7 5 2 2021-01-05 2021-03-15");
    assert_string_equal(a.line[1], "IRQ - 7 1 6 2021-01-05 2021-02-03");
    assert_string_equal(a.line[2], "IRNGOV - 1 1 0 2021-02-03 2021-02-03");
    assert_string_equal(a.line[3], "IRQ SADR_MUQTADA 1 0 1 2021-03-15 2021-03-15");
    assert_string_equal(a.line[4], "USA - 1 1 0 2021-03-01 2021-03-01");
    memset(&a, 0, sizeof a);
    q = (annalist_actor_query){.actor = "SADR_MUQTADA"};
    assert_int_equal(annalist_actors(f->ctx, &q, keep_actor, &a), ANNALIST_OK);
    assert_int_equal(a.n, 1);
    memset(&a, 0, sizeof a);
    q = (annalist_actor_query){.min_events = 2, .limit = 1};
    assert_int_equal(annalist_actors(f->ctx, &q, keep_actor, &a), ANNALIST_OK);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.line[0], "IRN - 7 5 2 2021-01-05 2021-03-15");
}

/* ---- the network -------------------------------------------------------------------------- */

static void test_network(void **state)
{
    fixture *f = *state;
    annalist_network *n = NULL;
    assert_int_equal(annalist_network_build(f->ctx, NULL, 1, &n), ANNALIST_OK);
    assert_int_equal(n->nnodes, 5);
    const char *keys[] = {"IRN", "IRNGOV", "IRQ", "SADR_MUQTADA", "USA"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(n->nodes[i].key, keys[i]);
    assert_string_equal(n->nodes[3].code, "IRQ");
    assert_int_equal(n->nodes[0].events, 7); /* 1,9,3,7 out; 6 out; 2, 5 in */
    assert_int_equal(n->nodes[0].out_events, 5);
    assert_int_equal(n->nodes[0].in_events, 2);
    assert_int_equal(n->nedges, 5);
    const annalist_network_edge *e = &n->edges[0]; /* IRN -> IRQ */
    assert_string_equal(n->nodes[e->source].key, "IRN");
    assert_string_equal(n->nodes[e->target].key, "IRQ");
    assert_int_equal(e->events, 4);
    assert_int_equal(e->quad[0], 1);
    assert_int_equal(e->cooperation, 1);
    assert_int_equal(e->conflict, 2);
    assert_true(fabs(e->goldstein_sum - -3.0) < 1e-9);
    assert_true(fabs(e->goldstein_mean - -1.0) < 1e-9);
    assert_string_equal(e->event_ids, "1,3,7,9");
    assert_string_equal(e->first_date, "2021-01-05");
    assert_string_equal(e->last_date, "2021-01-20");
    assert_string_equal(n->nodes[n->edges[1].target].key, "SADR_MUQTADA");
    annalist_network_free(n);

    annalist_event_filter since = {.since = "2021-02-01"};
    assert_int_equal(annalist_network_build(f->ctx, &since, 1, &n), ANNALIST_OK);
    assert_int_equal(n->nedges, 3);
    assert_int_equal(n->nnodes, 5); /* IRNGOV -> IRQ, USA -> IRN, IRN -> SADR_MUQTADA */
    annalist_network_free(n);

    assert_int_equal(annalist_network_build(f->ctx, NULL, 2, &n), ANNALIST_OK);
    assert_int_equal(n->nedges, 1);
    assert_int_equal(n->nnodes, 2);
    assert_int_equal(n->nodes[1].events, 4);
    annalist_network_free(n);

    annalist_event_filter by_id = {.actor = "SADR_MUQTADA"};
    assert_int_equal(annalist_network_build(f->ctx, &by_id, 1, &n), ANNALIST_OK);
    assert_int_equal(n->nedges, 1);
    annalist_network_free(n);
    annalist_event_filter nothing = {.code = "777"};
    assert_int_equal(annalist_network_build(f->ctx, &nothing, 1, &n), ANNALIST_OK);
    assert_int_equal(n->nnodes, 0);
    assert_int_equal(n->nedges, 0);
    annalist_network_free(n);
}

/* ---- an event's source -------------------------------------------------------------------- */

typedef struct source_seen {
    int calls;
    char before[64], sentence[64], after[64], outlet[16];
    int64_t offset;
} source_seen;

static void keep_source(void *user, const annalist_event_source *s)
{
    source_seen *x = user;
    const annalist_stored_event *r = &s->event.ev;
    x->calls++;
    snprintf(x->before, sizeof x->before, "%.*s", (int)r->sentence_start, s->body);
    snprintf(x->sentence, sizeof x->sentence, "%.*s", (int)(r->sentence_end - r->sentence_start),
             s->body + r->sentence_start);
    snprintf(x->after, sizeof x->after, "%.*s", (int)(s->body_len - (size_t)r->sentence_end),
             s->body + r->sentence_end);
    snprintf(x->outlet, sizeof x->outlet, "%s", r->outlet);
    x->offset = r->file_offset;
}

static void test_event_source(void **state)
{
    fixture *f = *state;
    source_seen x = {0};
    assert_int_equal(annalist_event_source_get(f->ctx, 2, keep_source, &x), ANNALIST_OK);
    assert_int_equal(x.calls, 1);
    assert_string_equal(x.before, "Iran condemned Iraq. ");
    assert_string_equal(x.sentence, "Iraq accused Iran.");
    assert_string_equal(x.after, "");
    assert_string_equal(x.outlet, "Wire");
    assert_int_equal(x.offset, 121);
    assert_int_equal(annalist_event_source_get(f->ctx, 999, keep_source, &x), ANNALIST_ERR_ARG);
    assert_int_equal(x.calls, 1);
}

/* ---- the web API (src/serve/api.c, params.c) without HTTP ------------------------------- */

/* Calls endpoint `name` with "k=v" pairs; returns the status and the reply as compact JSON. */
static unsigned call_api(fixture *f, const char *name, char *json, size_t size, int n, ...)
{
    serve_params p = {0};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        p.name[p.n] = va_arg(ap, const char *);
        p.value[p.n++] = va_arg(ap, const char *);
    }
    va_end(ap);
    serve_reply r = {0};
    if (serve_api(f->ctx, name, &p, &r) != 0) return 0;
    char *text = json_dumps(r.body, JSON_COMPACT | JSON_SORT_KEYS);
    assert_non_null(text);
    snprintf(json, size, "%s", text);
    free(text);
    json_decref(r.body);
    return r.status;
}

static void test_api_answers(void **state)
{
    fixture *f = *state;
    char j[8192];
    assert_int_equal(call_api(f, "dyad", j, sizeof j, 3, "a", "IRN", "b", "IRQ", "by", "year"),
                     200);
    assert_non_null(strstr(j, "\"rows\":[{\"direction\":\"both\",\"event_ids\":[1,2,3,6,9],"
                              "\"events\":5,\"goldstein_mean\":0.125,\"goldstein_sum\":0.5,"
                              "\"period\":\"2021\",\"quad\":[1,2,0,2,0]},"
                              "{\"direction\":\"both\",\"event_ids\":[7],\"events\":1,"
                              "\"goldstein_mean\":-2.0,\"goldstein_sum\":-2.0,"
                              "\"period\":\"undated\",\"quad\":[0,0,0,1,0]}]"));
    assert_int_equal(call_api(f, "dyad", j, sizeof j, 4, "a", "IRN", "b", "IRQ", "by", "year",
                              "since", "2021-01-01"),
                     200);
    assert_null(strstr(j, "undated")); /* a date range leaves it out */
    /* the events of the undated row, as the page lists them when its bar is clicked */
    assert_int_equal(
        call_api(f, "events", j, sizeof j, 3, "actor", "IRN", "other", "IRQ", "period", "undated"),
        200);
    assert_non_null(strstr(j, "\"events\":[{"));
    assert_non_null(strstr(j, "\"id\":7,"));
    assert_null(strstr(j, "\"id\":1,"));
    assert_int_equal(call_api(f, "events", j, sizeof j, 4, "actor", "IRN", "other", "IRQ",
                              "one_way", "1", "by_key", "1"),
                     200);
    assert_non_null(strstr(j, "\"id\":1,"));
    assert_null(strstr(j, "\"id\":6,"));
    assert_int_equal(call_api(f, "event", j, sizeof j, 1, "id", "2"), 200);
    assert_non_null(strstr(j, "\"before\":\"Iran condemned Iraq. \""));
    assert_non_null(strstr(j, "\"in_article\":\"Iraq accused Iran.\""));
    assert_non_null(strstr(j, "\"sentence_parts\":[{\"role\":\"source\",\"text\":\"Iraq\"},"
                              "{\"role\":null,\"text\":\" \"},{\"role\":\"verb\",\"text\":"
                              "\"accused\"},{\"role\":null,\"text\":\" \"},{\"role\":\"target\","
                              "\"text\":\"Iran\"},{\"role\":null,\"text\":\".\"}]"));
    assert_int_equal(call_api(f, "network", j, sizeof j, 1, "max_nodes", "2"), 200);
    assert_non_null(strstr(j, "\"total_nodes\":5"));
    assert_non_null(strstr(j, "{\"code\":\"IRN\",\"events\":7,\"id\":\"IRN\""));
    assert_non_null(strstr(j, "{\"code\":\"IRQ\",\"events\":6,\"id\":\"IRQ\""));
    assert_int_equal(call_api(f, "actors", j, sizeof j, 1, "actor", "SADR_MUQTADA"), 200);
    assert_non_null(strstr(j, "\"id\":\"SADR_MUQTADA\""));
    assert_int_equal(call_api(f, "search", j, sizeof j, 1, "q", "accused"), 200);
    assert_non_null(strstr(j, "{\"match\":true,\"text\":\"accused\"}"));
    assert_int_equal(call_api(f, "stats", j, sizeof j, 0), 200);
    assert_non_null(strstr(j, "\"events\":9"));
    assert_int_equal(call_api(f, "sentence", j, sizeof j, 1, "id", "1"), 200);
    assert_non_null(strstr(j, "\"event_ids\":[1,8,9]"));
    assert_non_null(strstr(j, "\"in_article\":\"Iran condemned Iraq.\""));
    assert_non_null(strstr(j, "\"after\":\" Iraq accused Iran.\""));
    assert_non_null(strstr(j, "\"file_offset\":100"));
    assert_int_equal(call_api(f, "sentence", j, sizeof j, 1, "id", "77"), 404);
    assert_int_equal(call_api(f, "nothing", j, sizeof j, 0), 0);
}

static void test_api_refuses_bad_parameters(void **state)
{
    fixture *f = *state;
    char j[1024];
    struct {
        const char *endpoint, *name, *value;
    } bad[] = {
        {"dyad", "a", "IRN"}, /* b missing */
        {"event", "id", "0"},
        {"event", "id", "-3"},
        {"event", "id", "12abc"},
        {"event", "id", "99999999999999999999"},
        {"events", "since", "2021-02-29"},
        {"events", "until", "2021-13-01"},
        {"events", "since", "21-01-01"},
        {"events", "actor", "IRQ'"},
        {"events", "actor", "I*Q"},
        {"events", "actor", "*"},
        {"events", "limit", "0"},
        {"events", "limit", "1001"},
        {"events", "by", "decade"},
        {"events", "period", "2021-1"},
        {"events", "period", "Undated"},
        {"events", "period", "undated2"},
        {"events", "other", "IRQ"}, /* other without actor */
        {"network", "min_events", "0"},
        {"network", "max_nodes", "x"},
        {"search", "q", ""},
        {"search", "q", "\"open"},
        {"actors", "nonsense", "1"},
        {"stats", "x", "1"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned status =
            strcmp(bad[i].endpoint, "dyad") == 0
                ? call_api(f, "dyad", j, sizeof j, 1, bad[i].name, bad[i].value)
                : call_api(f, bad[i].endpoint, j, sizeof j, 1, bad[i].name, bad[i].value);
        if (status != 400)
            fprintf(stderr, "%s %s=%s: %u %s\n", bad[i].endpoint, bad[i].name, bad[i].value, status,
                    j);
        assert_int_equal(status, 400);
        assert_non_null(strstr(j, "{\"error\":\""));
    }
    assert_int_equal(call_api(f, "events", j, sizeof j, 1, "since", "2020-02-29"), 200);
    assert_int_equal(call_api(f, "events", j, sizeof j, 1, "actor", "SADR_MUQTADA"), 200);
    assert_int_equal(call_api(f, "event", j, sizeof j, 1, "id", "404"), 404);
    assert_int_equal(call_api(f, "dyad", j, sizeof j, 3, "a", "IRN", "b", "IRQ", "a", "USA"), 400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dyad_by_month_both_ways, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dyad_directed_and_prefix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dyad_periods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dyad_person_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dyad_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_of_an_actor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_of_a_dyad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_actors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_network, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_api_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_api_refuses_bad_parameters, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
