/* Table, CSV, TSV and JSON Lines writers for the CLI (see output.h). Tables measure width in
 * characters, not bytes, so Arabic names and accents line up; over-long cells are cut with "…"
 * on a terminal only, never in machine formats. */
#include "cli/output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct out {
    FILE *fp;
    out_format fmt;
    const out_column *cols;
    int ncols;
    int *width;      /* table: widest cell per column, in characters */
    char **cells;    /* table: rows * ncols held cells (NULL for unknown) */
    size_t rows, cap;
    int terminal;
};

int out_parse_format(const char *name, out_format *fmt)
{
    static const struct { const char *name; out_format fmt; } known[] = {
        {"table", OUT_TABLE}, {"csv", OUT_CSV}, {"tsv", OUT_TSV},
        {"jsonl", OUT_JSONL}, {"json", OUT_JSONL}, {"ndjson", OUT_JSONL},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i].name) == 0) {
            *fmt = known[i].fmt;
            return 0;
        }
    return -1;
}

/* Length of a valid UTF-8 sequence at p (1..4), or 0 when it is not valid. */
static int utf8_valid_length(const unsigned char *p, size_t n)
{
    if (p[0] < 0x80) return 1;
    int len = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || (size_t)len > n) return 0;
    for (int i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80) return 0;
    if (len == 3 && p[0] == 0xE0 && p[1] < 0xA0) return 0;
    if (len == 3 && p[0] == 0xED && p[1] >= 0xA0) return 0;
    if (len == 4 && p[0] == 0xF0 && p[1] < 0x90) return 0;
    if (len == 4 && p[0] == 0xF4 && p[1] >= 0x90) return 0;
    return len;
}

/* Does any of the 8 bytes of v need escape_one: a control character, '"', '\\' or a byte of
 * UTF-8 (to be checked)? Exact, from the bit tricks for "has a zero byte" and "has a byte
 * less than n". */
static int word_needs_escape(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    uint64_t control = (v - ones * 0x20) & ~v;
    uint64_t zero_quote = (quote - ones) & ~quote, zero_backslash = (backslash - ones) & ~backslash;
    return ((v | control | zero_quote | zero_backslash) & high) != 0;
}

/* The length of the prefix of p that needs no escaping, found 8 bytes at a time (a multiple of
 * 8: the rest is left to escape_one). */
static size_t plain_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (uint64_t v; i + 8 <= n; i += 8) {
        memcpy(&v, p + i, 8);
        if (word_needs_escape(v)) break;
    }
    return i;
}

/* Writes the character at p[*i] escaped as needed and moves *i past it. */
static char *escape_one(char *out, const unsigned char *p, size_t n, size_t *i)
{
    static const char hex[] = "0123456789abcdef";
    static const char short_escapes[] = "btn\0fr";
    unsigned char c = p[*i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        *out++ = (char)c;
    } else if (c >= 0x80) {
        int len = utf8_valid_length(p + *i, n - *i);
        if (len > 0) {
            memcpy(out, p + *i, (size_t)len);
            *i += (size_t)len;
            return out + len;
        }
        memcpy(out, "\xEF\xBF\xBD", 3); /* an invalid byte */
        out += 3;
    } else if (c == '"' || c == '\\') {
        *out++ = '\\';
        *out++ = (char)c;
    } else if (c >= 8 && c <= 13 && short_escapes[c - 8] != '\0') {
        *out++ = '\\';
        *out++ = short_escapes[c - 8];
    } else {
        memcpy(out, "\\u00", 4);
        out[4] = hex[c >> 4];
        out[5] = hex[c & 15];
        out += 6;
    }
    (*i)++;
    return out;
}

/* Escapes s[0..n) into out, whose room the caller reserved (at most 6 bytes per input byte):
 * runs that need nothing are copied whole, the bytes after them one by one. This runs for every
 * field of every event `annalist code` writes. Returns the end of what was written. */
static char *json_escape(char *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t plain = plain_prefix(p + i, n - i);
        memcpy(out, p + i, plain);
        out += plain;
        i += plain;
        for (size_t stop = i + 8 < n ? i + 8 : n; i < stop;) out = escape_one(out, p, n, &i);
    }
    return out;
}

int out_json_string_buf(buf_t *b, const char *s, size_t n)
{
    if (n > ((size_t)-1 - 8) / 6 || buf_reserve(b, 6 * n + 2) != 0) return -1;
    char *out = b->data + b->len;
    *out++ = '"';
    out = json_escape(out, (const unsigned char *)s, n);
    *out++ = '"';
    b->len = (size_t)(out - b->data);
    b->data[b->len] = '\0';
    return 0;
}

void out_json_string(FILE *fp, const char *s)
{
    buf_t b = {0};
    if (out_json_string_buf(&b, s, strlen(s)) == 0)
        fwrite_unlocked(b.data, 1, b.len, fp);
    else
        fputs("\"\"", fp); /* out of memory */
    buf_free(&b);
}

static void csv_field(FILE *fp, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"') fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

/* TSV cannot quote, so tabs and line breaks inside a value become spaces. */
static void tsv_field(FILE *fp, const char *s)
{
    for (; s && *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

static void write_header(out_t *o)
{
    if (o->fmt != OUT_CSV && o->fmt != OUT_TSV) return;
    for (int i = 0; i < o->ncols; i++) {
        if (i) fputc(o->fmt == OUT_CSV ? ',' : '\t', o->fp);
        fputs(o->cols[i].name, o->fp);
    }
    fputc('\n', o->fp);
}

out_t *out_begin(FILE *fp, out_format fmt, const out_column *cols, int ncols)
{
    out_t *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->fp = fp;
    o->fmt = fmt;
    o->cols = cols;
    o->ncols = ncols;
    o->terminal = isatty(fileno(fp));
    o->width = calloc((size_t)ncols, sizeof *o->width);
    if (!o->width) {
        free(o);
        return NULL;
    }
    for (int i = 0; i < ncols; i++) o->width[i] = (int)strlen(cols[i].name);
    write_header(o);
    return o;
}

static int char_count(const char *s)
{
    int n = 0;
    for (; s && *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int hold_row(out_t *o, const char *const *values)
{
    if (o->rows == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        char **cells = realloc(o->cells, cap * (size_t)o->ncols * sizeof *cells);
        if (!cells) return -1;
        o->cells = cells;
        o->cap = cap;
    }
    char **row = o->cells + o->rows * (size_t)o->ncols;
    for (int i = 0; i < o->ncols; i++) {
        row[i] = values[i] ? strdup(values[i]) : NULL;
        if (values[i] && !row[i]) {
            for (int j = 0; j < i; j++) free(row[j]);
            return -1;
        }
        for (char *c = row[i]; c && *c; c++)
            if (*c == '\n' || *c == '\t' || *c == '\r') *c = ' ';
        int w = char_count(row[i]);
        if (w > o->width[i]) o->width[i] = w;
    }
    o->rows++;
    return 0;
}

static void write_json_row(out_t *o, const char *const *values)
{
    fputc('{', o->fp);
    for (int i = 0; i < o->ncols; i++) {
        if (i) fputc(',', o->fp);
        out_json_string(o->fp, o->cols[i].name);
        fputc(':', o->fp);
        if (!values[i])
            fputs("null", o->fp);
        else if (o->cols[i].type == 's')
            out_json_string(o->fp, values[i]);
        else
            fputs(values[i], o->fp);
    }
    fputs("}\n", o->fp);
}

int out_row(out_t *o, const char *const *values)
{
    switch (o->fmt) {
    case OUT_TABLE:
        return hold_row(o, values);
    case OUT_JSONL:
        write_json_row(o, values);
        break;
    case OUT_CSV:
    case OUT_TSV:
        for (int i = 0; i < o->ncols; i++) {
            if (i) fputc(o->fmt == OUT_CSV ? ',' : '\t', o->fp);
            if (o->fmt == OUT_CSV)
                csv_field(o->fp, values[i]);
            else
                tsv_field(o->fp, values[i]);
        }
        fputc('\n', o->fp);
        break;
    }
    return ferror(o->fp) ? -1 : 0;
}

/* Writes s padded or cut to exactly width characters. */
static void table_cell(FILE *fp, const char *s, int width, int numeric, int last)
{
    int n = char_count(s);
    if (numeric && n <= width) {
        fprintf(fp, "%*s%s", width - n, "", s ? s : "");
        return;
    }
    int shown = 0;
    for (const char *c = s; c && *c; c++) {
        int starts_char = ((unsigned char)*c & 0xC0) != 0x80;
        if (starts_char && shown == width - 1 && n > width) {
            fputs("…", fp);
            shown++;
            break;
        }
        if (starts_char) shown++;
        fputc(*c, fp);
    }
    if (!last)
        for (; shown < width; shown++) fputc(' ', fp);
}

static void write_table(out_t *o)
{
    for (int i = 0; i < o->ncols; i++)
        if (o->terminal && o->cols[i].max_width && o->width[i] > o->cols[i].max_width)
            o->width[i] = o->cols[i].max_width;
    for (int i = 0; i < o->ncols; i++) {
        table_cell(o->fp, o->cols[i].name, o->width[i], 0, i == o->ncols - 1);
        fputs(i == o->ncols - 1 ? "\n" : "  ", o->fp);
    }
    for (size_t r = 0; r < o->rows; r++) {
        char **row = o->cells + r * (size_t)o->ncols;
        for (int i = 0; i < o->ncols; i++) {
            table_cell(o->fp, row[i] ? row[i] : "", o->width[i], o->cols[i].type != 's',
                       i == o->ncols - 1);
            fputs(i == o->ncols - 1 ? "\n" : "  ", o->fp);
        }
    }
}

int out_end(out_t *o)
{
    if (o->fmt == OUT_TABLE) write_table(o);
    for (size_t i = 0; i < o->rows * (size_t)o->ncols; i++) free(o->cells[i]);
    free(o->cells);
    free(o->width);
    int rc = fflush(o->fp) == 0 && !ferror(o->fp) ? 0 : -1;
    free(o);
    return rc;
}
