/* `annalist code`: a Unix filter from articles to events. Reads JSON Lines articles (or plain
 * text, HTML) from stdin or files, writes one JSON object per event on stdout. No database, so it
 * runs under Spark's pipe, Hadoop Streaming or xargs -P over partitions of a corpus. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char CODE_HELP[] =
    "usage: annalist code [--dict FILE|DIR ...] [--threads N] [--strict]\n"
    "                     [--codebook FILE] [--quiet] [PATH...]\n\n"
    "Codes articles into CAMEO events. Input: PATHs or standard input (default), JSON Lines\n"
    "articles (id, date, text; other fields kept under \"fields\") or plain text or HTML, also\n"
    "gzip/zstd compressed. Output: one JSON object per event on stdout, in input order:\n"
    "  article_id, sentence_index, sentence, date, source, target, source_id, target_id\n"
    "  (annalist person/organisation ids), code, root, quad_class,\n"
    "  goldstein, plover, plover_mode, source_text, target_text, verb_text, spans, pattern,\n"
    "  title, url, outlet, fields\n"
    "Memory stays bounded whatever the input size.\n\n"
    "options:\n"
    "  --dict P       dictionary file or folder (annalist, TABARI or PETRARCH2 formats);\n"
    "                 repeatable. Without --dict, annalist's own dictionaries (countries,\n"
    "                 actors with ids, agents, verbs) are used\n"
    "  --threads N    coding threads (default 1; output order is kept)\n"
    "  --strict       a dictionary error is fatal (default: warn and skip the line)\n"
    "  --codebook F   CAMEO codebook table (default: the one installed with annalist)\n"
    "  --quiet        no dictionary warnings and no summary on stderr\n\n"
    "exit codes: 0 done; 1 failed; 2 usage or dictionary error; 3 some input was unreadable\n";

/* The filter writes millions of fields from one thread: each event is built in one reusable
 * buffer, keys as literals of known length, values escaped in one pass, then written with one
 * unlocked call. */
typedef struct event_out {
    FILE *fp;
    buf_t line;
    int nomem;          /* the line could not be built */
    double lat, lon;    /* the last place's coordinates, formatted in coords */
    char coords[96];
    size_t ncoords;     /* 0 until a place was written */
} event_out_t;

#define KEY(name) ",\"" name "\":"
#define PUT_FIELD(b, name, value) put_field(b, KEY(name), sizeof KEY(name) - 1, value)
#define PUT_INT(b, name, value) put_int(b, KEY(name), sizeof KEY(name) - 1, value)
#define PUT_SPAN(b, name, s, e) put_span(b, KEY(name), sizeof KEY(name) - 1, s, e)
#define PUT_LIT(b, lit) buf_append(b, lit, sizeof lit - 1)

static int put_field(buf_t *b, const char *key, size_t key_len, const char *value)
{
    size_t n = value ? strlen(value) : 0;
    if (n > ((size_t)-1 - 64) / 6 || buf_reserve(b, key_len + 6 * n + 8) != 0) return -1;
    memcpy(b->data + b->len, key, key_len); /* room for key and value in one reservation */
    b->len += key_len;
    return value ? out_json_string_buf(b, value, n) : PUT_LIT(b, "null");
}

static int put_long(buf_t *b, long value)
{
    char digits[24];
    int n = (int)sizeof digits;
    unsigned long v = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do digits[--n] = (char)('0' + v % 10); while ((v /= 10) > 0);
    if (value < 0) digits[--n] = '-';
    return buf_append(b, digits + n, sizeof digits - (size_t)n);
}

static int put_int(buf_t *b, const char *key, size_t key_len, long value)
{
    return buf_append(b, key, key_len) || put_long(b, value) ? -1 : 0;
}

/* Goldstein weights have one decimal: written from tenths so no float formatting is needed. */
static int put_tenths(buf_t *b, double value)
{
    long tenths = (long)(value * 10.0 + (value < 0 ? -0.5 : 0.5));
    char last[2] = {'.', 0};
    if (PUT_LIT(b, KEY("goldstein")) != 0) return -1;
    if (tenths < 0 && buf_putc(b, '-') != 0) return -1;
    if (tenths < 0) tenths = -tenths;
    last[1] = (char)('0' + tenths % 10);
    return put_long(b, tenths / 10) || buf_append(b, last, 2) ? -1 : 0;
}

static int put_span(buf_t *b, const char *key, size_t key_len, int32_t start, int32_t end)
{
    return buf_append(b, key, key_len) || buf_putc(b, '[') || put_long(b, start) ||
                   buf_putc(b, ',') || put_long(b, end) || buf_putc(b, ']')
               ? -1
               : 0;
}

/* Events of one sentence share its place: its coordinates are formatted once (compared bit
 * for bit, so that -0.0 is not taken for 0.0). */
static int put_place(event_out_t *out, const annalist_event *e)
{
    buf_t *b = &out->line;
    if (PUT_FIELD(b, "place", e->place_name) || PUT_FIELD(b, "place_country", e->place_country))
        return -1;
    if (!e->place_name) return PUT_LIT(b, ",\"lat\":null,\"lon\":null");
    if (!out->ncoords || memcmp(&out->lat, &e->lat, sizeof e->lat) ||
        memcmp(&out->lon, &e->lon, sizeof e->lon)) {
        int n = snprintf(out->coords, sizeof out->coords, ",\"lat\":%.4f,\"lon\":%.4f", e->lat,
                         e->lon);
        if (n <= 0 || (size_t)n >= sizeof out->coords) return -1;
        out->ncoords = (size_t)n;
        out->lat = e->lat;
        out->lon = e->lon;
    }
    return buf_append(b, out->coords, out->ncoords);
}

/* The fields of e up to the place, in the order the help text lists. */
static int put_coding(buf_t *b, const annalist_event *e)
{
    int rc = PUT_LIT(b, "\"article_id\":");
    rc |= e->article_id ? out_json_string_buf(b, e->article_id, strlen(e->article_id))
                        : PUT_LIT(b, "null");
    rc |= PUT_INT(b, "sentence_index", e->sentence_index);
    rc |= PUT_FIELD(b, "sentence", e->sentence);
    rc |= PUT_FIELD(b, "date", e->date);
    rc |= PUT_FIELD(b, "event_date", e->event_date);
    rc |= PUT_FIELD(b, "source", e->source);
    rc |= PUT_FIELD(b, "target", e->target);
    rc |= PUT_FIELD(b, "source_id", e->source_id);
    rc |= PUT_FIELD(b, "target_id", e->target_id);
    rc |= PUT_FIELD(b, "code", e->code);
    rc |= PUT_INT(b, "root", e->root);
    rc |= PUT_INT(b, "quad_class", e->quad_class);
    rc |= put_tenths(b, e->goldstein);
    rc |= PUT_FIELD(b, "plover", e->plover);
    rc |= PUT_FIELD(b, "plover_mode", e->plover_mode);
    rc |= PUT_FIELD(b, "source_text", e->source_text);
    rc |= PUT_FIELD(b, "target_text", e->target_text);
    rc |= PUT_FIELD(b, "verb_text", e->verb_text);
    rc |= PUT_SPAN(b, "source_span", e->source_start, e->source_end);
    rc |= PUT_SPAN(b, "target_span", e->target_start, e->target_end);
    rc |= PUT_SPAN(b, "verb_span", e->verb_start, e->verb_end);
    return rc;
}

static int put_event(event_out_t *out, const annalist_event *e)
{
    buf_t *b = &out->line;
    int rc = put_coding(b, e);
    rc |= PUT_FIELD(b, "pattern", e->pattern);
    rc |= e->passive ? PUT_LIT(b, ",\"passive\":true") : PUT_LIT(b, ",\"passive\":false");
    if (e->source_from_previous) rc |= PUT_LIT(b, ",\"source_from_previous\":true");
    rc |= put_place(out, e);
    return rc ? -1 : 0;
}

static int print_event(void *user, const annalist_code_article *a, const annalist_event *e)
{
    event_out_t *out = user;
    buf_t *b = &out->line;
    buf_reset(b);
    int rc = buf_putc(b, '{') || put_event(out, e);
    rc |= PUT_FIELD(b, "title", a->title);
    rc |= PUT_FIELD(b, "url", a->url);
    rc |= PUT_FIELD(b, "outlet", a->outlet);
    rc |= PUT_LIT(b, ",\"fields\":");
    rc |= a->extra_json ? buf_append(b, a->extra_json, strlen(a->extra_json)) : PUT_LIT(b, "{}");
    rc |= PUT_LIT(b, "}\n");
    if (rc) {
        out->nomem = 1;
        return 1;
    }
    fwrite_unlocked(b->data, 1, b->len, out->fp);
    return ferror(out->fp) ? 1 : 0;
}

static void print_problem(void *user, const char *path, const char *location, const char *msg)
{
    (void)user;
    if (location)
        fprintf(stderr, "annalist: %s: %s: %s\n", path, location, msg);
    else
        fprintf(stderr, "annalist: %s: %s\n", path, msg);
}

typedef struct code_args {
    const char *dicts[64];
    size_t ndicts;
    unsigned threads;
    int strict, quiet;
    const char *codebook;
} code_args;

static int parse_args(int argc, char **argv, code_args *a)
{
    static const struct option opts[] = {
        {"dict", required_argument, NULL, 'd'},     {"threads", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, 's'},         {"codebook", required_argument, NULL, 'c'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:t:sc:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (a->ndicts == sizeof a->dicts / sizeof a->dicts[0]) return EXIT_USAGE;
            a->dicts[a->ndicts++] = optarg;
            break;
        case 't': {
            long n = strtol(optarg, NULL, 10);
            if (n < 1 || n > 256) {
                fprintf(stderr, "annalist code: --threads needs 1..256\n");
                return EXIT_USAGE;
            }
            a->threads = (unsigned)n;
            break;
        }
        case 's': a->strict = 1; break;
        case 'c': a->codebook = optarg; break;
        case 'q': a->quiet = 1; break;
        case 'h': fputs(CODE_HELP, stdout); return -1;
        default: fputs(CODE_HELP, stderr); return EXIT_USAGE;
        }
    }
    return 0;
}

int cmd_code(int argc, char **argv)
{
    code_args a = {.threads = 1};
    int rc = parse_args(argc, argv, &a);
    if (rc) return rc < 0 ? EXIT_OK : rc;
    int exit_code = EXIT_OK;
    annalist_dicts *d = cli_load_dicts(a.dicts, a.ndicts, a.strict, a.codebook,
                                       a.quiet || !a.ndicts,
                                       &exit_code);
    if (!d) return exit_code;
    static char out_buffer[1 << 16]; /* the filter writes a lot: fewer, larger writes */
    setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    event_out_t out = {.fp = stdout};
    annalist_code_options opt = {.threads = a.threads, .on_problem = print_problem,
                                 .on_event = print_event, .user = &out};
    annalist_code_stats total = {0};
    const char *stdin_only[] = {"-"};
    char **paths = optind < argc ? argv + optind : (char **)stdin_only;
    int npaths = optind < argc ? argc - optind : 1;
    for (int i = 0; i < npaths && exit_code == EXIT_OK; i++) {
        annalist_code_stats st;
        char *err = NULL;
        annalist_status s = annalist_code_path(d, paths[i], &opt, &st, &err);
        if ((s != ANNALIST_OK && s != ANNALIST_ERR_STOPPED) || out.nomem) {
            fprintf(stderr, "annalist code: %s\n", out.nomem ? "out of memory" : err ? err : "failed");
            exit_code = EXIT_FAILURE_RUN;
        }
        free(err);
        total.articles += st.articles;
        total.sentences += st.sentences;
        total.events += st.events;
        total.problems += st.problems;
    }
    buf_free(&out.line);
    if (fflush(stdout) != 0) exit_code = EXIT_FAILURE_RUN;
    if (!a.quiet)
        fprintf(stderr, "code: %llu articles, %llu sentences, %llu events, %llu problems\n",
                (unsigned long long)total.articles, (unsigned long long)total.sentences,
                (unsigned long long)total.events, (unsigned long long)total.problems);
    if (exit_code == EXIT_OK && total.problems) exit_code = EXIT_SKIPPED;
    annalist_dicts_free(d);
    return exit_code;
}
