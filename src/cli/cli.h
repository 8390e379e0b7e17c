/* Shared pieces of the annalist command-line tool: exit codes, the subcommand table and helpers
 * every subcommand uses (opening the database, reporting errors). The CLI talks to the library
 * only through include/annalist.h. */
#ifndef ANNALIST_CLI_H
#define ANNALIST_CLI_H

#include "annalist.h"
#include "cli/output.h"

#include <stdio.h>

/* Exit codes, documented in README.md and `annalist --help`. */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_RUN = 1, /* the command failed: database, memory or I/O error */
    EXIT_USAGE = 2,       /* bad command line or query */
    EXIT_SKIPPED = 3,     /* ran to the end, but some input was skipped (see messages) */
    EXIT_SCHEMA = 4       /* the database was written by a newer annalist */
};

/* Options most subcommands share. */
typedef struct cli_common {
    const char *db;
    out_format format;
    int format_given;
} cli_common;

#define CLI_DEFAULT_DB "annalist.db"

/* Opens the database for the command; prints the reason and returns NULL on failure, with
 * *exit_code set. */
annalist_t *cli_open(const char *db, int readonly, int *exit_code);
/* Maps a library status to an exit code, printing the context's message for errors. */
int cli_status_exit(annalist_t *ctx, annalist_status st, const char *command);
/* Parses --format's value; prints an error and returns -1 when unknown. */
int cli_format(const char *value, cli_common *common);

/* Loads --dict paths; prints warnings (unless quiet_warnings) and errors. NULL on failure with
 * *exit_code set. */
annalist_dicts *cli_load_dicts(const char *const *paths, size_t n, int strict,
                               const char *codebook, int quiet_warnings, int *exit_code);

int cmd_ingest(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_articles(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_stats(int argc, char **argv);

/* Traced events (event, sentence, article, offsets) as rows; shared by timeline, dyad --explain
 * and network --explain (cmd_timeline.c). */
typedef struct cli_traced {
    out_t *out;
    int full; /* every column (CSV/TSV/JSONL) rather than the terminal table's few */
} cli_traced;
cli_traced *cli_traced_begin(out_format fmt);
int cli_traced_row(cli_traced *t, const annalist_traced_event *e, const char *direction);
int cli_traced_end(cli_traced *t);

int cmd_dyad(int argc, char **argv);
int cmd_network(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_mentions(int argc, char **argv);
int cmd_eval_mentions(int argc, char **argv);
int cmd_unknown(int argc, char **argv);

#endif
