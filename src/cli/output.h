/* Output of command results in the field's formats: an aligned table for people (on a terminal),
 * CSV and TSV with a header row, and JSON Lines (one object per row) for scripts. A command
 * declares its columns once, then hands rows of strings. */
#ifndef ANNALIST_CLI_OUTPUT_H
#define ANNALIST_CLI_OUTPUT_H

#include <stdio.h>

#include "util/buf.h"

typedef enum { OUT_TABLE, OUT_CSV, OUT_TSV, OUT_JSONL } out_format;

/* A column: its header name, JSON type ('s' string, 'i' integer, 'f' number) and, for tables,
 * the widest it may be on a terminal (0 for no limit). */
typedef struct out_column {
    const char *name;
    char type;
    int max_width;
} out_column;

typedef struct out out_t;

/* Parses "table", "csv", "tsv", "jsonl" (or "json"); returns -1 for anything else. */
int out_parse_format(const char *name, out_format *fmt);
/* Starts output to fp. Tables are held until out_end so that columns can be aligned. */
out_t *out_begin(FILE *fp, out_format fmt, const out_column *cols, int ncols);
/* One row: ncols values, NULL for unknown (empty in CSV, null in JSON). Returns 0 or -1. */
int out_row(out_t *o, const char *const *values);
/* Prints what is held and frees o. Returns 0, or -1 when writing failed (e.g. a closed pipe). */
int out_end(out_t *o);

/* Writes s as a JSON string literal (with quotes), repairing invalid UTF-8 to U+FFFD. */
void out_json_string(FILE *fp, const char *s);
/* The same for s[0..n), appended to b. Returns 0, or -1 when memory runs out. */
int out_json_string_buf(buf_t *b, const char *s, size_t n);

#endif
