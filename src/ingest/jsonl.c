/* JSON Lines articles: one JSON object per line, read through reader.c so memory stays bounded on
 * any file size. Maps the fields annalist knows (id, url, title, outlet/source/publisher, date,
 * byline/author, text/body/content) and keeps every other field in extra_json. A bad line is
 * reported with its number and skipped; it never stops the file. Dates are normalised, never
 * guessed. */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/json_flat.h"
#include "ingest/reader.h"
#include "util/buf.h"

enum { MAX_CONSUMED = 16 };

typedef struct line_ctx {
    const char *path;
    const ingest_sink_t *sink;
    uint64_t number;
    const char *consumed[MAX_CONSUMED]; /* keys mapped to article fields */
    size_t nconsumed;
} line_ctx_t;

/* How a field converter treats a value: not its type (left for extra_json), taken, or no memory. */
typedef enum { FIELD_SKIP = 0, FIELD_TAKEN = 1, FIELD_NOMEM = -1 } field_rc_t;

static void line_problem(line_ctx_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line_problem(line_ctx_t *c, const char *fmt, ...)
{
    if (!c->sink->problem) return;
    char where[48], msg[320];
    snprintf(where, sizeof where, "line %llu", (unsigned long long)c->number);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->sink->problem(c->sink->user, c->path, where, msg);
}

static void consume(line_ctx_t *c, const char *key)
{
    if (c->nconsumed < MAX_CONSUMED) c->consumed[c->nconsumed++] = key;
}

static int is_consumed(const line_ctx_t *c, const char *key)
{
    for (size_t i = 0; i < c->nconsumed; i++)
        if (strcmp(c->consumed[i], key) == 0) return 1;
    return 0;
}

/* ---- field converters ------------------------------------------------------------------------ */

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

/* A copy without surrounding ASCII whitespace; NULL (still taken) when nothing is left. */
static field_rc_t take_trimmed(const char *s, char **out)
{
    size_t len = strlen(s);
    while (len && is_space(*s))
        s++, len--;
    while (len && is_space(s[len - 1]))
        len--;
    *out = NULL;
    if (len == 0) return FIELD_TAKEN;
    *out = str_dup_n(s, len);
    return *out ? FIELD_TAKEN : FIELD_NOMEM;
}

static field_rc_t conv_string(json_t *v, char **out)
{
    if (!json_is_string(v)) return FIELD_SKIP;
    return take_trimmed(json_string_value(v), out);
}

/* A name: "X", or {"name": "X"} as news APIs give sources and authors. */
static field_rc_t conv_name(json_t *v, char **out)
{
    if (json_is_object(v)) v = json_object_get(v, "name");
    return conv_string(v, out);
}

/* One or many names, joined with ", ". */
static field_rc_t conv_names(json_t *v, char **out)
{
    if (!json_is_array(v)) return conv_name(v, out);
    buf_t b = {0};
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item)
    {
        char *name = NULL;
        field_rc_t rc = conv_name(item, &name);
        if (rc == FIELD_NOMEM ||
            (name && ((b.len && buf_puts(&b, ", ") != 0) || buf_puts(&b, name) != 0))) {
            free(name);
            buf_free(&b);
            return FIELD_NOMEM;
        }
        free(name);
    }
    if (b.len == 0) return FIELD_SKIP; /* nothing usable: keep it in extra_json */
    *out = buf_steal(&b);
    return *out ? FIELD_TAKEN : FIELD_NOMEM;
}

static field_rc_t conv_id(json_t *v, char **out)
{
    if (json_is_string(v)) return conv_string(v, out);
    if (!json_is_number(v)) return FIELD_SKIP;
    *out = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    return *out ? FIELD_TAKEN : FIELD_NOMEM;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "YYYY-MM-DD" at the start of s, followed by nothing, 'T', a space or a time zone. */
static int iso_date_prefix(const char *s, size_t len)
{
    static const char pattern[] = "dddd-dd-dd";
    if (len < 10) return 0;
    for (size_t i = 0; i < 10; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if (pattern[i] == 'd' ? !digit : s[i] != '-') return 0;
    }
    if (len > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ' && s[10] != 'Z') return 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = two_digits(s) * 100 + two_digits(s + 2);
    int month = two_digits(s + 5), day = two_digits(s + 8);
    if (year < 1 || month < 1 || month > 12 || day < 1) return 0;
    return day <= days[month - 1] + (month == 2 && is_leap(year));
}

static field_rc_t conv_date(line_ctx_t *c, json_t *v, char **out)
{
    if (!json_is_string(v)) {
        line_problem(c, "date is not a string, ignored");
        return FIELD_TAKEN;
    }
    const char *s = json_string_value(v);
    size_t len = strlen(s);
    while (len && is_space(*s))
        s++, len--;
    while (len && is_space(s[len - 1]))
        len--;
    if (len == 0) return FIELD_TAKEN;
    char iso[11];
    if (iso_date_prefix(s, len)) {
        memcpy(iso, s, 10);
        iso[10] = '\0';
    } else if (!date_parse_line(s, len, iso)) {
        line_problem(c, "unrecognised date \"%.*s\", ignored", (int)(len > 60 ? 60 : len), s);
        return FIELD_TAKEN;
    }
    *out = str_dup(iso);
    return *out ? FIELD_TAKEN : FIELD_NOMEM;
}

/* Fills *out from the first of names whose value has a usable type. Returns -1 on no memory. */
static int pick(line_ctx_t *c, json_t *obj, const char *const *names, char **out,
                field_rc_t (*conv)(json_t *, char **))
{
    for (; *names; names++) {
        json_t *v = json_object_get(obj, *names);
        if (!v) continue;
        if (json_is_null(v)) {
            consume(c, *names);
            continue;
        }
        field_rc_t rc = conv(v, out);
        if (rc == FIELD_NOMEM) return -1;
        if (rc == FIELD_TAKEN) {
            consume(c, *names);
            if (*out) return 0;
        }
    }
    return 0;
}

/* ---- one line -------------------------------------------------------------------------------- */

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_space(s[i])) return 0;
    return 1;
}

/* The text field: a string, NUL characters (\u0000) blanked, trailing boilerplate cut. Returns -1
 * on no memory, 0 when there is no usable text (reported). */
static int take_text(line_ctx_t *c, json_t *obj, ingest_article_t *a)
{
    static const char *const names[] = {"text", "body", "content", NULL};
    json_t *v = NULL;
    const char *name = NULL;
    for (const char *const *n = names; *n && !v; n++) {
        json_t *x = json_object_get(obj, *n);
        if (json_is_string(x)) v = x, name = *n;
    }
    size_t len = v ? json_string_length(v) : 0;
    if (!v || is_blank(json_string_value(v), len)) {
        line_problem(c, "no text field");
        return 0;
    }
    consume(c, name);
    a->text = malloc(len + 1);
    if (!a->text) return -1;
    memcpy(a->text, json_string_value(v), len + 1);
    if (memchr(a->text, '\0', len)) {
        for (size_t i = 0; i < len; i++)
            if (a->text[i] == '\0') a->text[i] = ' ';
        line_problem(c, "NUL characters in text replaced by spaces");
    }
    a->text_len = boilerplate_trim_end(a->text, len);
    a->text[a->text_len] = '\0';
    if (is_blank(a->text, a->text_len)) {
        line_problem(c, "no text field");
        return 0;
    }
    return 1;
}

static int take_fields(line_ctx_t *c, json_t *obj, ingest_article_t *a)
{
    static const char *const id[] = {"id", NULL}, *const url[] = {"url", NULL},
                             *const title[] = {"title", NULL},
                             *const outlet[] = {"outlet", "source", "publisher", NULL},
                             *const byline[] = {"byline", "author", "authors", NULL};
    if (pick(c, obj, id, &a->external_id, conv_id) != 0 ||
        pick(c, obj, url, &a->url, conv_string) != 0 ||
        pick(c, obj, title, &a->title, conv_string) != 0 ||
        pick(c, obj, outlet, &a->outlet, conv_name) != 0 ||
        pick(c, obj, byline, &a->byline, conv_names) != 0)
        return -1;
    json_t *date = json_object_get(obj, "date");
    if (date && !json_is_null(date) && conv_date(c, date, &a->date) == FIELD_NOMEM) return -1;
    if (date) consume(c, "date");
    return 0;
}

static int take_extra(line_ctx_t *c, json_t *obj, ingest_article_t *a)
{
    json_t *extra = json_object();
    if (!extra) return -1;
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        if (!is_consumed(c, key) && json_object_set(extra, key, value) != 0) {
            json_decref(extra);
            return -1;
        }
    }
    int rc = 0;
    if (json_object_size(extra) > 0) {
        a->extra_json = json_dumps(extra, JSON_COMPACT | JSON_SORT_KEYS);
        if (!a->extra_json) rc = -1;
    }
    json_decref(extra);
    return rc;
}

static json_t *parse_line(const char *s, size_t len, json_error_t *err, int *nomem)
{
    json_t *obj = json_flat_parse(s, len); /* the common line, without jansson's lexer */
    if (obj) return obj;
    obj = json_loadb(s, len, JSON_ALLOW_NUL, err);
    if (obj) return obj;
    buf_t fixed = {0};
    int rc = ingest_utf8_repair(s, len, &fixed);
    if (rc < 0) *nomem = 1;
    if (rc > 0) obj = json_loadb(fixed.data, fixed.len, JSON_ALLOW_NUL, err);
    buf_free(&fixed);
    return obj;
}

/* Fills the article from a parsed line and hands it to the sink. Returns 0 (also when the line
 * has no text), a sink's stop value or -1. */
static int deliver(line_ctx_t *c, json_t *obj, ingest_article_t *a)
{
    int has_text = take_text(c, obj, a);
    if (has_text <= 0) return has_text;
    if (take_fields(c, obj, a) != 0 || take_extra(c, obj, a) != 0) return -1;
    if (!(a->path = str_dup(c->path))) return -1;
    return c->sink->article(c->sink->user, a);
}

/* Parses one line and hands its article to the sink. Returns 0, a sink's stop value or -1. */
static int ingest_line(line_ctx_t *c, const reader_line_t *ln)
{
    const char *s = ln->data;
    size_t len = ln->len;
    if (ln->number == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) s += 3, len -= 3;
    if (len && s[len - 1] == '\r') len--;
    if (is_blank(s, len)) return 0;
    const char *nul = memchr(s, '\0', len);
    if (nul) {
        line_problem(c, "NUL byte at column %zu, skipped", (size_t)(nul - s) + 1);
        return 0;
    }
    json_error_t err;
    int nomem = 0;
    json_t *obj = parse_line(s, len, &err, &nomem);
    if (nomem) return -1;
    if (!obj) {
        line_problem(c, "JSON error at column %d: %s", err.column, err.text);
        return 0;
    }
    int rc = 0;
    ingest_article_t a = {.format = "jsonl",
                          .byte_start = ln->byte_start,
                          .byte_end = ln->byte_start + ln->len,
                          .line = ln->number,
                          .text_origin = UINT64_MAX};
    if (!json_is_object(obj))
        line_problem(c, "not a JSON object, skipped");
    else
        rc = deliver(c, obj, &a);
    ingest_article_free(&a);
    json_decref(obj);
    return rc;
}

int jsonl_ingest(reader_t *r, const char *path, const ingest_limits_t *limits,
                 const ingest_sink_t *sink)
{
    ingest_limits_t lim = ingest_limits_resolve(limits);
    char size[32];
    ingest_format_size(lim.max_line, size, sizeof size);
    for (;;) {
        reader_line_t ln;
        reader_status_t st = reader_next_line(r, lim.max_line, &ln);
        if (st == READER_END || st == READER_ERROR) return 0;
        if (st == READER_NOMEM) return -1;
        line_ctx_t c = {.path = path, .sink = sink, .number = ln.number};
        if (st == READER_LONG_LINE) {
            line_problem(&c, "longer than %s, skipped", size);
            continue;
        }
        int rc = ingest_line(&c, &ln);
        if (rc != 0) return rc;
    }
}
