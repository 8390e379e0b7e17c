/* annalist: political event data from news text. This header is the whole library interface;
 * the command-line tool and the server use nothing else.
 *
 * A context (annalist_t) owns one open database and the settings; nothing is global, so several
 * contexts can live in one process (one per thread). Strings handed to callbacks are valid only
 * during the call. Functions return ANNALIST_OK or an error status; annalist_errmsg() then says
 * what went wrong in words. */
#ifndef ANNALIST_H
#define ANNALIST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ANNALIST_VERSION "0.1.0"

typedef enum annalist_status {
    ANNALIST_OK = 0,
    ANNALIST_ERR_ARG = 1,    /* a bad argument (unknown option value, bad query syntax) */
    ANNALIST_ERR_IO = 2,     /* a file could not be read or written */
    ANNALIST_ERR_DB = 3,     /* the database failed (locked, corrupt, disk full) */
    ANNALIST_ERR_SCHEMA = 4, /* the database was made by a newer annalist */
    ANNALIST_ERR_NOMEM = 5,
    ANNALIST_ERR_STOPPED = 6 /* a callback asked to stop */
} annalist_status;

typedef struct annalist annalist_t;

/* Opens (creating when absent) the database at db_path and returns a context in *out.
 * On failure *out is NULL and, when errmsg is not NULL, *errmsg is a malloc'd message. */
annalist_status annalist_open(const char *db_path, annalist_t **out, char **errmsg);
/* Opens an existing database for reading only; fails when it does not exist. */
annalist_status annalist_open_readonly(const char *db_path, annalist_t **out, char **errmsg);
void annalist_close(annalist_t *ctx);
/* The last error of this context in words ("" when none). Valid until the next call. */
const char *annalist_errmsg(const annalist_t *ctx);

/* ---- ingest ------------------------------------------------------------------------------ */

typedef struct annalist_ingest_stats {
    uint64_t files;             /* files read */
    uint64_t articles_seen;     /* articles found in the input */
    uint64_t articles_added;    /* new articles stored */
    uint64_t already_stored;    /* exact duplicates of stored articles (same normalised text) */
    uint64_t near_duplicates;   /* stored, and marked as a near-duplicate of an earlier article */
    uint64_t sentences_added;
    uint64_t events_added;
    uint64_t problems;          /* pieces of input skipped with a message */
    uint64_t invalid_utf8;      /* invalid UTF-8 sequences repaired */
    uint64_t bytes_read;
} annalist_ingest_stats;

typedef struct annalist_ingest_options {
    /* Bad input that was skipped: file, location ("line 12", "byte 4096" or NULL) and what. */
    void (*on_problem)(void *user, const char *path, const char *location, const char *message);
    /* Called now and then while reading; current file and totals so far. */
    void (*on_progress)(void *user, const char *path, uint64_t file_bytes_done,
                        uint64_t file_bytes_total, const annalist_ingest_stats *so_far);
    void *user;
    size_t batch_articles; /* articles per transaction; 0 means the default (500) */
} annalist_ingest_options;

/* Reads every path (file, folder, "-" for stdin) and stores the new articles and their sentences.
 * Each batch is one transaction: an interrupted run keeps every committed batch and a re-run
 * adds only what is missing. stats (may be NULL) receives the totals. Input problems do not make
 * this fail; they are counted and reported through on_problem. */
annalist_status annalist_ingest(annalist_t *ctx, const char *const *paths, size_t npaths,
                                const annalist_ingest_options *opt, annalist_ingest_stats *stats);

/* ---- dictionaries and coding ------------------------------------------------------------- */

/* Dictionaries loaded and compiled once; read-only afterwards, so one annalist_dicts can serve
 * any number of coders in any number of threads. */
typedef struct annalist_dicts annalist_dicts;

typedef struct annalist_dict_options {
    int strict; /* 1: the first dictionary error fails the load; 0: skip the line, warn */
    /* Each problem found while loading (file, line, message); may be NULL. */
    void (*on_warning)(void *user, const char *file, unsigned line, const char *message);
    void *user;
    const char *codebook; /* CAMEO codebook table; NULL for the one installed with annalist */
    const char *places;   /* gazetteer; NULL for the one installed with annalist, "" for none */
    /* With no paths, annalist's own dictionaries are loaded: these files or folders first (the
     * generated country list; NULL for the build's, ANNALIST_GENERATED_DIR/countries.txt, when
     * present), then every annalist-format file of the installed data/dict folder. */
    const char *const *default_paths;
    size_t ndefault_paths;
} annalist_dict_options;

/* Loads dictionaries from files or folders: annalist's own formats, TABARI (.actors, .verbs,
 * .agents, .options, .project) and PETRARCH2 (CAMEO.*.txt verbs, *actors*.txt, *agents*.txt,
 * *discards*.txt); a folder loads every dictionary file in it. npaths 0 loads annalist's own
 * dictionaries (see default_paths). On failure *out is NULL and *errmsg (malloc'd) says which
 * file and line. */
annalist_status annalist_dicts_load(const char *const *paths, size_t npaths,
                                    const annalist_dict_options *opt, annalist_dicts **out,
                                    char **errmsg);
void annalist_dicts_free(annalist_dicts *d);

typedef struct annalist_dict_counts {
    uint64_t actors, actor_names, agents, verbs, verb_forms, patterns, synsets, discards,
        warnings, codebook_codes, places;
    double load_seconds;
} annalist_dict_counts;
void annalist_dicts_counts(const annalist_dicts *d, annalist_dict_counts *out);

typedef struct annalist_convert_counts {
    unsigned long actors, agents, verbs, patterns, sets, skipped;
} annalist_convert_counts;

/* Converts dictionaries (any format annalist reads) into annalist's own formats: writes
 * out_dir/actors.txt, agents.txt and verbs.txt (each replaced atomically). */
annalist_status annalist_dict_convert(const char *const *paths, size_t npaths,
                                      const char *out_dir, const annalist_dict_options *opt,
                                      annalist_convert_counts *counts, char **errmsg);

/* One coded event. Spans are byte offsets into `sentence`. Strings valid during the callback. */
typedef struct annalist_event {
    const char *article_id;  /* the article's id (JSON Lines "id"), NULL when none */
    int32_t sentence_index;  /* sentence number in the article, from 0 */
    const char *sentence;
    const char *date;        /* the article's date (ISO), NULL when unknown */
    const char *event_date;  /* when the sentence says it happened (ISO), NULL when it does not */
    const char *source, *target; /* CAMEO actor codes, "" when not found */
    const char *source_id, *target_id; /* annalist person/organisation ids (SADR_MUQTADA) of
                                        * the actors, NULL when the dictionary gives none */
    const char *code;        /* CAMEO event code */
    int root, quad_class;    /* 0 when the code is not in the codebook */
    double goldstein;
    const char *plover;      /* PLOVER event type, "" when none */
    const char *plover_mode;
    const char *source_text, *target_text, *verb_text;
    int32_t source_start, source_end, target_start, target_end, verb_start, verb_end;
    const char *pattern;     /* the dictionary pattern that fired, "" for a bare verb */
    int passive;             /* source and target came from the passive-voice rule */
    int source_from_previous; /* the source is a pronoun ("He") opening the sentence that stands
                               * for an actor of an earlier sentence of the article */
    const char *place_name, *place_country; /* the place the sentence names, NULL when none */
    double lat, lon;         /* its coordinates (NaN when no place) */
} annalist_event;

/* A coder: one per thread, over shared dictionaries. */
typedef struct annalist_coder annalist_coder;
annalist_coder *annalist_coder_new(const annalist_dicts *d);
void annalist_coder_free(annalist_coder *c);

/* Codes an article's text: normalises it, splits sentences and codes each. fn gets every event
 * in order and returns non-zero to stop. article_id and date_iso may be NULL. */
annalist_status annalist_code_text(annalist_coder *c, const char *text, size_t len,
                                   const char *article_id, const char *date_iso,
                                   int (*fn)(void *user, const annalist_event *e), void *user);

/* The article an event came from, in annalist_code_path. */
typedef struct annalist_code_article {
    const char *id, *date, *title, *url, *outlet; /* NULL when the input gives none */
    const char *extra_json; /* JSON object of the input's other fields, or NULL */
    uint64_t number;        /* 1-based position of the article in the input */
} annalist_code_article;

typedef struct annalist_code_stats {
    uint64_t articles, sentences, events, problems, bytes;
} annalist_code_stats;

typedef struct annalist_code_options {
    unsigned threads; /* coding threads; 0 or 1 codes on the calling thread */
    void (*on_problem)(void *user, const char *path, const char *location, const char *message);
    /* Every event, in input order, on the calling thread; non-zero stops. */
    int (*on_event)(void *user, const annalist_code_article *a, const annalist_event *e);
    void *user;
} annalist_code_options;

/* Reads articles from a path ("-" for stdin; JSON Lines, text or HTML as in annalist_ingest)
 * and codes them without a database: a streaming filter whose memory does not grow with the
 * input. stats (may be NULL) receives the totals. */
annalist_status annalist_code_path(const annalist_dicts *d, const char *path,
                                   const annalist_code_options *opt, annalist_code_stats *stats,
                                   char **errmsg);

/* What the dictionaries recognise in one sentence, for evaluation and discovery. */
typedef enum annalist_mention_kind {
    ANNALIST_MENTION_ACTOR = 0,
    ANNALIST_MENTION_AGENT = 1,
    ANNALIST_MENTION_PLACE = 2
} annalist_mention_kind;

typedef struct annalist_mention {
    annalist_mention_kind kind;
    int32_t start, end; /* byte span in the sentence */
    const char *code;   /* actor code valid at the date (agents: the role code), "" when none;
                         * places: the ISO alpha-3 country */
    const char *id;     /* annalist actor or place id (SADR_MUQTADA, BAGHDAD), NULL when the
                         * dictionary entry has none */
} annalist_mention;

/* Calls fn for each actor, agent and place the coder's dictionaries recognise in one sentence
 * (longest match, as the coder sees them), in text order; fn returns non-zero to stop. */
annalist_status annalist_mentions(annalist_coder *c, const char *sentence, size_t len,
                                  const char *date_iso,
                                  int (*fn)(void *user, const annalist_mention *m), void *user);

/* Makes annalist_ingest code every new article with these dictionaries and store its events
 * (NULL stops coding). The dictionaries must outlive their use by ctx. */
annalist_status annalist_use_dicts(annalist_t *ctx, const annalist_dicts *d);

/* ---- validation suites ------------------------------------------------------------------- */

typedef struct annalist_validation_record {
    const char *id, *text;
    const char *expected, *got; /* "{ SRC / TGT / CODE } ..." ("{}" for no event) */
    int passed;
} annalist_validation_record;

typedef struct annalist_validation_totals {
    uint64_t records, passed, failed;
    uint64_t expected_events, coded_events, matched_events;
    double precision, recall;
    uint64_t dict_warnings;
} annalist_validation_totals;

/* Runs TABARI's validation suite named by a .project file with its own dictionaries. on_fail
 * (may be NULL) gets each failing record. */
annalist_status annalist_validate_tabari(const char *project,
                                         void (*on_fail)(void *user,
                                                         const annalist_validation_record *r),
                                         void *user, annalist_validation_totals *totals,
                                         char **errmsg);
/* Runs PETRARCH2's XML suite (parse trees ignored) with dictionaries given as files or folders
 * (the verbs, actors, agents and discards files are told apart by their names). */
annalist_status annalist_validate_petrarch(const char *xml, const char *const *dicts,
                                           size_t ndicts,
                                           void (*on_fail)(void *user,
                                                           const annalist_validation_record *r),
                                           void *user, annalist_validation_totals *totals,
                                           char **errmsg);

/* ---- discovery: names the dictionaries do not know ---------------------------------------- */

typedef struct annalist_unknown_options {
    int64_t min_count;  /* leave out phrases seen fewer times; 0 means 2 */
    int64_t limit;      /* only the N most frequent; 0 for all */
    size_t max_phrases; /* distinct phrases held while counting; when full the rarest are
                         * dropped, so memory stays bounded; 0 means 100000 */
} annalist_unknown_options;

typedef struct annalist_unknown_example {
    int64_t sentence_id, article_id;
    const char *sentence;
    const char *date, *outlet; /* the article's, NULL when unknown */
} annalist_unknown_example;

typedef struct annalist_unknown_phrase {
    const char *phrase;         /* as first seen ("Qais al-Khazali") */
    int64_t count;              /* occurrences that no dictionary entry matched */
    const char *suggested_id;   /* "KHAZALI_QAIS" (people: family name first) */
    const char *suggested_code; /* from country and agent words near it ("IRQMIL"), or "???" */
    const char *entry;          /* "KHAZALI_QAIS: Qais al-Khazali\n    code: IRQMIL\n" */
    size_t nexamples;           /* 0..3 */
    annalist_unknown_example examples[3];
} annalist_unknown_phrase;

/* The proper-name phrases of the stored sentences (runs of capitalised words, with inner al-,
 * bin, of, el, ad- ...; a word capitalised only because it opens the sentence does not count
 * unless it is capitalised elsewhere) that no actor, agent or place of d matches, most frequent
 * first; near-duplicate articles are skipped. fn returns non-zero to stop. */
annalist_status annalist_unknown(annalist_t *ctx, const annalist_dicts *d,
                                 const annalist_unknown_options *opt,
                                 int (*fn)(void *user, const annalist_unknown_phrase *p),
                                 void *user);

/* ---- queries ----------------------------------------------------------------------------- */

typedef struct annalist_article {
    int64_t id;
    const char *date;    /* ISO date or NULL */
    const char *outlet, *title, *byline, *url, *external_id; /* NULL when unknown */
    const char *path;    /* file it came from */
    const char *format;  /* "text", "html", "jsonl" */
    int64_t byte_start, byte_end;
    const char *content_hash;
    int64_t sentences;
    int64_t duplicate_of; /* id of the article this is a near-duplicate of, 0 when none */
} annalist_article;

typedef struct annalist_article_filter {
    const char *since, *until; /* ISO dates, inclusive; NULL for open */
    const char *outlet;        /* exact outlet name, NULL for all */
    int64_t limit;             /* 0 for no limit */
} annalist_article_filter;

/* Calls fn for each article in date order (undated last). fn returns non-zero to stop. */
annalist_status annalist_articles(annalist_t *ctx, const annalist_article_filter *filter,
                                  int (*fn)(void *user, const annalist_article *a), void *user);

typedef struct annalist_sentence_hit {
    int64_t sentence_id, article_id;
    int32_t index;           /* sentence number in the article, from 0 */
    const char *text;        /* the normalised sentence */
    const char *highlighted; /* text with each match wrapped in \x01 ... \x02 */
    int64_t start, end;      /* byte span in the article's stored text */
    int64_t file_start;      /* byte offset in the source file, -1 when not mappable */
    const char *date, *outlet, *title, *path;
} annalist_sentence_hit;

/* Full-text search over sentences with SQLite FTS5 query syntax ("Qaani OR Khani", "al NEAR
 * sadr", "\"drone strike\""). Diacritics and case are ignored. Results in rank order; limit 0 for
 * no limit. A bad query is ANNALIST_ERR_ARG with the reason in annalist_errmsg. */
annalist_status annalist_search(annalist_t *ctx, const char *query, int64_t limit,
                                int (*fn)(void *user, const annalist_sentence_hit *h),
                                void *user);

typedef struct annalist_event_filter {
    const char *actor;        /* source or target; "IRQ*" matches by prefix, else exact code */
    const char *source, *target; /* same matching, one side each */
    const char *code;         /* CAMEO event code; "19*" by prefix, else exact */
    int root;                 /* 1..20, 0 for any */
    int quad_class;           /* 1..4, 0 for any */
    const char *since, *until; /* ISO dates, inclusive */
    const char *outlet;
    int64_t limit;            /* 0 for no limit */
} annalist_event_filter;

/* A stored event with where it came from. */
typedef struct annalist_stored_event {
    int64_t id, sentence_id, article_id;
    annalist_event e;         /* e.article_id is the input's id, NULL when none */
    const char *event_date;   /* when the sentence says it happened; NULL when not known */
    const char *outlet, *title, *url, *path, *ingested_at;
    int64_t sentence_start, sentence_end; /* span of the sentence in the article text */
    int64_t file_offset;      /* of the sentence in its file, -1 when not mappable */
} annalist_stored_event;

/* Calls fn for each stored event matching the filter, by date then id. */
annalist_status annalist_events(annalist_t *ctx, const annalist_event_filter *filter,
                                int (*fn)(void *user, const annalist_stored_event *e),
                                void *user);

typedef struct annalist_db_stats {
    int64_t articles, near_duplicates, undated_articles, sentences, events, outlets, files;
    const char *first_date, *last_date; /* NULL when no dated article */
    int schema_version;
    int64_t db_bytes;
} annalist_db_stats;

/* Calls fn once with the database's counts. */
annalist_status annalist_stats(annalist_t *ctx,
                               void (*fn)(void *user, const annalist_db_stats *s), void *user);

/* Per-outlet counts for `annalist stats`: fn per outlet ("" for unknown) with articles. */
annalist_status annalist_outlets(annalist_t *ctx,
                                 int (*fn)(void *user, const char *outlet, int64_t articles,
                                           int64_t sentences),
                                 void *user);

/* The schema version this library writes. */
int annalist_schema_version(void);

/* ---- analysis: dyads, the actor network, actors, timelines, event sources ---------------- */

/* An actor argument ("actor spec") names one side of an event: "IRQ" matches the actor code IRQ
 * or the person/organisation id IRQ exactly; "IRQ*" matches every code (or id) that starts with
 * IRQ; "SADR_MUQTADA" matches the events whose source_id/target_id is that id. */

typedef enum annalist_period {
    ANNALIST_BY_DAY = 0,   /* "2020-01-03" */
    ANNALIST_BY_WEEK = 1,  /* the Monday the ISO week starts on: "2019-12-30" */
    ANNALIST_BY_MONTH = 2, /* "2020-01" */
    ANNALIST_BY_YEAR = 3   /* "2020" */
} annalist_period;

/* Parses "day", "week", "month", "year"; returns -1 for anything else. */
int annalist_period_parse(const char *name, annalist_period *out);

/* The period of an event with no date (neither its own nor its article's): dyads count such
 * events in a row of their own, after every dated period. A since or until date leaves them out,
 * since they cannot be shown to fall in the range. */
#define ANNALIST_UNDATED "undated"

typedef struct annalist_dyad_query {
    const char *a, *b;        /* actor specs, both required */
    annalist_period by;
    int directed;             /* 1: a row per direction (A->B, B->A); 0: both directions summed */
    const char *since, *until; /* ISO dates, inclusive; NULL for open */
    const char *period;       /* only this period (as the rows print it, ANNALIST_UNDATED
                               * too), NULL for all */
} annalist_dyad_query;

/* One period of a dyad. An event between A and B counts once: as A->B when its source matches A
 * and its target B, else as B->A. Undated events count in the period ANNALIST_UNDATED, whose
 * rows come after all the others (and never when since or until is given). */
typedef struct annalist_dyad_row {
    const char *period;
    const char *direction;    /* "A->B", "B->A", or "both" when not directed */
    int64_t events;
    int64_t quad[5];          /* [1] verbal cooperation, [2] material cooperation, [3] verbal
                               * conflict, [4] material conflict; [0] codes without a quad class */
    double goldstein_sum, goldstein_mean; /* mean over the events that have a Goldstein score */
    const char *event_ids;    /* the events counted, ids in ascending order, comma-separated */
} annalist_dyad_row;

/* Calls fn for each period (and direction) in order. */
annalist_status annalist_dyad(annalist_t *ctx, const annalist_dyad_query *q,
                              int (*fn)(void *user, const annalist_dyad_row *r), void *user);

/* Which events annalist_timeline returns: those involving `actor`; with `other` too, those
 * between the two (both ways unless one_way). by_key matches actor and other exactly against the
 * network's node keys (the id when the event has one, else the code). */
typedef struct annalist_timeline_query {
    const char *actor, *other;
    int one_way;               /* with other: only actor -> other */
    int by_key;
    annalist_period by;        /* the unit of `period` below and of each event's period */
    const char *period;        /* only events of this period (or ANNALIST_UNDATED), NULL for all */
    const char *since, *until; /* ISO dates, inclusive; either leaves undated events out */
    int64_t limit, offset;     /* limit 0 for no limit */
} annalist_timeline_query;

/* An event with what traces it: the stored event (sentence, article, outlet, file offset), the
 * period it counts in, its direction in a dyad and the actors' person/organisation ids. */
typedef struct annalist_traced_event {
    annalist_stored_event ev;
    const char *period;        /* ANNALIST_UNDATED for an undated event */
    const char *direction;     /* "A->B" or "B->A" with two actors, "" with one */
    const char *source_id, *target_id; /* NULL when none */
} annalist_traced_event;

/* Calls fn for each matching event by date (undated last) then id. */
annalist_status annalist_timeline(annalist_t *ctx, const annalist_timeline_query *q,
                                  int (*fn)(void *user, const annalist_traced_event *e),
                                  void *user);

typedef struct annalist_actor_query {
    const char *actor;         /* an actor spec, NULL for every actor */
    const char *since, *until;
    int64_t min_events, limit; /* 0 for none */
} annalist_actor_query;

/* An actor as events name it: a code, with a person/organisation id when the dictionary gave one
 * (the same code with two ids is two actors). */
typedef struct annalist_actor_row {
    const char *code;
    const char *id;            /* NULL when none */
    const char *name;          /* the text that names it most often */
    int64_t events, as_source, as_target;
    const char *first_date, *last_date; /* NULL when every event is undated */
} annalist_actor_row;

/* Calls fn for each actor, most events first. */
annalist_status annalist_actors(annalist_t *ctx, const annalist_actor_query *q,
                                int (*fn)(void *user, const annalist_actor_row *r), void *user);

/* The actor network of the events a filter selects (filter->actor also matches ids; its limit is
 * ignored). A node is an actor: its id when the event has one, else its code. An edge is the
 * events from one node to another; edges with fewer than min_events events are dropped, and so
 * are nodes without an edge left. Events without a source or a target are not in the network. */
typedef struct annalist_network_node {
    char *key;                 /* the id or the code */
    char *code;                /* the code (the smallest when an id goes with several) */
    int64_t events;            /* events of its edges (a loop counted once) */
    int64_t out_events, in_events;
} annalist_network_node;

typedef struct annalist_network_edge {
    size_t source, target;     /* indexes into nodes */
    int64_t events;
    int64_t quad[5];           /* as in annalist_dyad_row */
    int64_t cooperation, conflict; /* quad 1+2 and 3+4 */
    double goldstein_sum, goldstein_mean;
    char *first_date, *last_date; /* NULL when every event is undated */
    char *event_ids;           /* ascending ids, comma-separated */
} annalist_network_edge;

typedef struct annalist_network {
    annalist_network_node *nodes; /* sorted by key */
    annalist_network_edge *edges; /* sorted by source key, then target key */
    size_t nnodes, nedges;
} annalist_network;

/* Builds the network into *out (free it with annalist_network_free). */
annalist_status annalist_network_build(annalist_t *ctx, const annalist_event_filter *filter,
                                       int64_t min_events, annalist_network **out);
void annalist_network_free(annalist_network *n);

/* One event with the whole text of its article, so that a reader can see the sentence in place:
 * body[ev.sentence_start, ev.sentence_end) is the sentence. */
typedef struct annalist_event_source {
    annalist_traced_event event;
    const char *body;          /* the article text as stored (not NUL-terminated) */
    size_t body_len;
    const char *article_date, *byline;
} annalist_event_source;

/* Calls fn once with event `id`; ANNALIST_ERR_ARG when there is no such event. */
annalist_status annalist_event_source_get(annalist_t *ctx, int64_t id,
                                          void (*fn)(void *user, const annalist_event_source *s),
                                          void *user);

/* One sentence in its article, for a search hit: body[start, end) is the sentence. */
typedef struct annalist_sentence_source {
    int64_t sentence_id, article_id;
    int32_t index;             /* sentence number in the article, from 0 */
    const char *text;          /* the normalised sentence */
    int64_t start, end;        /* its span in body */
    int64_t file_offset;       /* of the sentence in its file, -1 when not mappable */
    const char *body;          /* the article text as stored (not NUL-terminated) */
    size_t body_len;
    const char *title, *outlet, *date, *byline, *url, *path; /* NULL when unknown */
    const char *event_ids;     /* the events coded from it, ascending, comma-separated; "" */
} annalist_sentence_source;

/* Calls fn once with sentence `id`; ANNALIST_ERR_ARG when there is no such sentence. */
annalist_status annalist_sentence_source_get(annalist_t *ctx, int64_t id,
                                             void (*fn)(void *user,
                                                        const annalist_sentence_source *s),
                                             void *user);

/* ---- the web server (annalist serve) ------------------------------------------------------ */

typedef struct annalist_server annalist_server;

typedef struct annalist_server_options {
    const char *db_path;       /* opened read-only, one connection per worker thread */
    const char *bind;          /* address to listen on; NULL for 127.0.0.1 */
    unsigned port;             /* 0 picks a free port (see annalist_server_port) */
    const char *web_dir;       /* the built page (web/dist); NULL serves the API only */
    unsigned threads;          /* worker threads; 0 for 4 */
    /* Each request served (method, path, HTTP status); may be NULL. Called from worker threads. */
    void (*on_request)(void *user, const char *method, const char *path, unsigned status);
    void *user;
} annalist_server_options;

/* Starts serving in background threads; returns at once. On failure *out is NULL and *errmsg
 * (malloc'd) says why. */
annalist_status annalist_server_start(const annalist_server_options *opt, annalist_server **out,
                                      char **errmsg);
unsigned annalist_server_port(const annalist_server *s);
/* Stops serving, waits for the requests under way, frees s. */
void annalist_server_stop(annalist_server *s);

#ifdef __cplusplus
}
#endif
#endif
