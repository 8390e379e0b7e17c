/* `annalist dyad A B`: per period, the events between two actors by quad class with their summed
 * and mean Goldstein score; --explain lists the events each row counts, --plot draws the dyad
 * as an SVG chart (stacked cooperation/conflict bars, mean Goldstein line). Undated events
 * are a last row and a last chart column of their own, never part of the time axis. Public
 * header only. */
#include "cli/cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char DYAD_HELP[] =
    "usage: annalist dyad A B [--by day|week|month|year] [--directed] [--since DATE]\n"
    "                     [--until DATE] [--db FILE] [--format table|csv|tsv|jsonl]\n"
    "                     [--explain] [--plot FILE.svg]\n\n"
    "Counts the events between actors A and B per period (default: month), by quad class\n"
    "(verbal/material cooperation, verbal/material conflict), with the sum and mean of their\n"
    "Goldstein scores. A and B: a code (IRQ), a prefix (IRN*) or a person/organisation id\n"
    "(SADR_MUQTADA). An event is between A and B when its source matches A and its target B,\n"
    "or its source B and its target A. Without --directed both directions are summed in one row\n"
    "per period (direction A<->B); with it each period has a row per direction (A->B, B->A; an\n"
    "event that matches both ways counts as A->B). Weeks are named by their Monday. Events\n"
    "with no date (neither their own nor their article's) count in a last row, period\n"
    "\"undated\"; --since or --until leaves them out, as they cannot be shown to fall in the\n"
    "range. CSV/TSV/JSONL rows carry the ids of the events they count; --explain lists those\n"
    "events instead (sentence, article, outlet, file offset). --plot FILE.svg also draws the\n"
    "rows as a chart, the undated ones in a column of their own after the time axis.\n\n"
    "exit codes: 0 done; 1 failed; 2 usage; 4 database newer than this annalist\n";

static const out_column COLUMNS[] = {
    {"period", 's', 0},
    {"direction", 's', 0},
    {"events", 'i', 0},
    {"verbal_coop", 'i', 0},
    {"material_coop", 'i', 0},
    {"verbal_conflict", 'i', 0},
    {"material_conflict", 'i', 0},
    {"unclassed", 'i', 0},
    {"goldstein_sum", 'f', 0},
    {"goldstein_mean", 'f', 0},
    {"event_ids", 's', 0},
};

/* A row kept for the plot. */
typedef struct dyad_point {
    char period[16];
    int reverse; /* 1 for B->A */
    int64_t quad[5];
    double mean;
    int64_t scored;
} dyad_point;

typedef struct dyad_run {
    const char *a, *b;
    out_t *out;
    int with_ids;
    dyad_point *points;
    size_t n, cap;
    int oom;
} dyad_run;

static void direction_label(const dyad_run *d, const char *dir, char *out, size_t size)
{
    if (strcmp(dir, "A->B") == 0)
        snprintf(out, size, "%s->%s", d->a, d->b);
    else if (strcmp(dir, "B->A") == 0)
        snprintf(out, size, "%s->%s", d->b, d->a);
    else
        snprintf(out, size, "%s<->%s", d->a, d->b);
}

static void keep_point(dyad_run *d, const annalist_dyad_row *r)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        dyad_point *p = realloc(d->points, cap * sizeof *p);
        if (!p) {
            d->oom = 1;
            return;
        }
        d->points = p;
        d->cap = cap;
    }
    dyad_point *p = &d->points[d->n++];
    memset(p, 0, sizeof *p);
    snprintf(p->period, sizeof p->period, "%s", r->period ? r->period : "");
    p->reverse = strcmp(r->direction, "B->A") == 0;
    memcpy(p->quad, r->quad, sizeof p->quad);
    p->mean = r->goldstein_mean;
    p->scored = r->events;
}

static int on_row(void *user, const annalist_dyad_row *r)
{
    dyad_run *d = user;
    keep_point(d, r);
    if (!d->out) return d->oom;
    char dir[300], n[8][32];
    direction_label(d, r->direction, dir, sizeof dir);
    snprintf(n[0], sizeof n[0], "%" PRId64, r->events);
    for (int k = 1; k <= 4; k++)
        snprintf(n[k], sizeof n[k], "%" PRId64, r->quad[k]);
    snprintf(n[5], sizeof n[5], "%" PRId64, r->quad[0]);
    snprintf(n[6], sizeof n[6], "%.1f", r->goldstein_sum);
    snprintf(n[7], sizeof n[7], "%.2f", r->goldstein_mean);
    const char *row[] = {r->period, dir,  n[0], n[1], n[2],        n[3],
                         n[4],      n[5], n[6], n[7], r->event_ids};
    return out_row(d->out, row) != 0 || d->oom;
}

typedef struct explain_run {
    const dyad_run *d;
    cli_traced *t;
    int directed;
} explain_run;

static int on_explained(void *user, const annalist_traced_event *e)
{
    explain_run *x = user;
    char dir[300];
    direction_label(x->d, x->directed ? e->direction : "both", dir, sizeof dir);
    return cli_traced_row(x->t, e, dir);
}

/* ---- the SVG chart ------------------------------------------------------------------------ */

/* The period after p (same unit); 0, or -1 when p does not parse. */
static int next_period(const char *p, annalist_period by, char *out, size_t size)
{
    int y = 0, m = 1, d = 1;
    if (by == ANNALIST_BY_YEAR) {
        if (sscanf(p, "%4d", &y) != 1 || y < 0 || y > 9998) return -1;
        snprintf(out, size, "%04u", (unsigned)(y + 1) % 10000u);
        return 0;
    }
    if (by == ANNALIST_BY_MONTH) {
        if (sscanf(p, "%4d-%2d", &y, &m) != 2 || y < 0 || y > 9998 || m < 1 || m > 12) return -1;
        snprintf(out, size, "%04u-%02u", (unsigned)(m == 12 ? y + 1 : y) % 10000u,
                 (unsigned)(m % 12 + 1));
        return 0;
    }
    if (sscanf(p, "%4d-%2d-%2d", &y, &m, &d) != 3) return -1;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = m - 1,
                    .tm_mday = d + (by == ANNALIST_BY_WEEK ? 7 : 1),
                    .tm_hour = 12};
    time_t t = timegm(&tm);
    struct tm out_tm;
    gmtime_r(&t, &out_tm);
    strftime(out, size, "%Y-%m-%d", &out_tm);
    return 0;
}

static int is_undated(const char *period)
{
    return strcmp(period, ANNALIST_UNDATED) == 0;
}

/* Every dated period from the first to the last, so gaps show; at most `cap`. Rows come in
 * period order with the undated ones last. Returns the count, or 0 when there is no dated row or
 * the periods could not be filled (then only the periods with data are drawn). */
static size_t fill_periods(const dyad_run *d, annalist_period by, char (*out)[16], size_t cap)
{
    if (d->n == 0 || is_undated(d->points[0].period) || cap == 0) return 0;
    const char *last = d->points[0].period;
    for (size_t i = 1; i < d->n; i++)
        if (!is_undated(d->points[i].period) && strcmp(d->points[i].period, last) > 0)
            last = d->points[i].period;
    size_t n = 0;
    snprintf(out[n++], 16, "%s", d->points[0].period);
    while (strcmp(out[n - 1], last) < 0) {
        if (n == cap || next_period(out[n - 1], by, out[n], 16) != 0) return 0;
        n++;
    }
    return n;
}

/* The chart's columns: the dated periods (filled when they can be), then, when some events are
 * undated, an empty column that keeps them apart and "undated", so that the time axis runs
 * unbroken and the undated bar is never read as a period. Returns the count. */
static size_t chart_columns(const dyad_run *d, annalist_period by, char (*out)[16], size_t cap)
{
    int undated = d->n > 0 && is_undated(d->points[d->n - 1].period);
    size_t room = undated ? cap - 2 : cap;
    size_t n = fill_periods(d, by, out, room);
    if (n == 0) /* only the periods with data */
        for (size_t i = 0; i < d->n && n < room; i++)
            if (!is_undated(d->points[i].period) &&
                (n == 0 || strcmp(out[n - 1], d->points[i].period) != 0)) /* rows are in order */
                snprintf(out[n++], 16, "%s", d->points[i].period);
    if (undated) {
        if (n > 0) out[n++][0] = '\0';
        snprintf(out[n++], 16, "%s", ANNALIST_UNDATED);
    }
    return n;
}

static void svg_text_escaped(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", fp);
        else if (*s == '>')
            fputs("&gt;", fp);
        else if (*s == '&')
            fputs("&amp;", fp);
        else if (*s == '"')
            fputs("&quot;", fp);
        else
            fputc(*s, fp);
    }
}

typedef struct chart {
    double left, right, top, bottom; /* plot area */
    double max_count;
    size_t nperiods;
} chart;

static double y_count(const chart *c, double v)
{
    double mid = (c->top + c->bottom) / 2;
    return mid - v / c->max_count * (c->bottom - c->top) / 2;
}

static double y_gold(const chart *c, double g)
{
    return c->top + (10 - g) / 20 * (c->bottom - c->top);
}

static double x_center(const chart *c, size_t i)
{
    return c->left + ((double)i + 0.5) * (c->right - c->left) / (double)c->nperiods;
}

static size_t period_index(char (*periods)[16], size_t n, const char *p)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(periods[i], p) == 0) return i;
    return n;
}

static const char *const QUAD_COLOURS[5] = {"#999999", "#9ecf8f", "#2e8b3e", "#f4a259", "#c0392b"};
static const char *const QUAD_NAMES[5] = {"unclassed", "verbal cooperation", "material cooperation",
                                          "verbal conflict", "material conflict"};

static void draw_period_label(FILE *fp, const chart *c, size_t i, const char *period)
{
    double x = x_center(c, i);
    fprintf(fp,
            "<text x='%.1f' y='%.1f' font-size='11' text-anchor='end' "
            "transform='rotate(-60 %.1f %.1f)'>%s</text>\n",
            x, c->bottom + 14, x, c->bottom + 14, period);
}

static void draw_axes(FILE *fp, const chart *c, char (*periods)[16])
{
    double mid = y_count(c, 0);
    fprintf(fp, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#333'/>\n", c->left, mid,
            c->right, mid);
    fprintf(fp, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#333'/>\n", c->left, c->top,
            c->left, c->bottom);
    fprintf(fp,
            "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#336' "
            "stroke-dasharray='3,3'/>\n",
            c->right, c->top, c->right, c->bottom);
    for (int k = -2; k <= 2; k++) { /* event counts, conflict below the line */
        double v = c->max_count * k / 2.0, y = y_count(c, v);
        fprintf(fp, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#ddd'/>\n", c->left, y,
                c->right, y);
        fprintf(fp, "<text x='%.1f' y='%.1f' text-anchor='end' font-size='11'>%.0f</text>\n",
                c->left - 6, y + 4, fabs(v));
    }
    for (int g = -10; g <= 10; g += 5)
        fprintf(fp, "<text x='%.1f' y='%.1f' font-size='11' fill='#336'>%+d</text>\n", c->right + 6,
                y_gold(c, g) + 4, g);
    fprintf(fp,
            "<text x='16' y='%.1f' font-size='12' transform='rotate(-90 16 %.1f)' "
            "text-anchor='middle'>events (cooperation up, conflict down)</text>\n",
            (c->top + c->bottom) / 2, (c->top + c->bottom) / 2);
    fprintf(fp,
            "<text x='%.1f' y='%.1f' font-size='12' fill='#336' transform='rotate(90 %.1f "
            "%.1f)' text-anchor='middle'>mean Goldstein</text>\n",
            c->right + 40, (c->top + c->bottom) / 2, c->right + 40, (c->top + c->bottom) / 2);
    /* Period labels, thinned so that they never overlap; "undated" always shows, set off from
     * the time axis by a dashed line through the empty column before it. */
    double slot = (c->right - c->left) / (double)c->nperiods;
    size_t every = (size_t)ceil(16.0 / slot);
    if (every < 1) every = 1;
    size_t undated = is_undated(periods[c->nperiods - 1]) ? c->nperiods - 1 : c->nperiods;
    for (size_t i = 0; i < undated; i += every)
        if (periods[i][0] && (undated == c->nperiods || i + every <= undated))
            draw_period_label(fp, c, i, periods[i]);
    if (undated < c->nperiods) {
        if (undated > 0) {
            double x = x_center(c, undated - 1);
            fprintf(fp,
                    "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#999' "
                    "stroke-dasharray='4,4'/>\n",
                    x, c->top, x, c->bottom + 8);
        }
        draw_period_label(fp, c, undated, periods[undated]);
    }
}

/* One bar per period: both directions summed, cooperation stacked up and conflict down, material
 * nearest the axis. */
static void draw_bars(FILE *fp, const chart *c, const dyad_run *d, char (*periods)[16])
{
    double width = (c->right - c->left) / (double)c->nperiods * 0.7;
    int64_t(*sums)[5] = calloc(c->nperiods, sizeof *sums);
    if (!sums) return;
    for (size_t i = 0; i < d->n; i++) {
        size_t at = period_index(periods, c->nperiods, d->points[i].period);
        for (int q = 0; at < c->nperiods && q < 5; q++)
            sums[at][q] += d->points[i].quad[q];
    }
    static const int ORDER[4] = {2, 1, 4, 3};
    for (size_t at = 0; at < c->nperiods; at++) {
        double up = 0, down = 0;
        for (int k = 0; k < 4; k++) {
            int q = ORDER[k];
            if (sums[at][q] == 0) continue;
            double *stack = q <= 2 ? &up : &down;
            double from = *stack, to = *stack + (double)sums[at][q];
            *stack = to;
            double ya = y_count(c, q <= 2 ? to : -to), yb = y_count(c, q <= 2 ? from : -from);
            double y1 = fmin(ya, yb), y2 = fmax(ya, yb);
            fprintf(fp,
                    "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'>"
                    "<title>%s %s: %" PRId64 "</title></rect>\n",
                    x_center(c, at) - width / 2, y1, width, y2 - y1, QUAD_COLOURS[q], periods[at],
                    QUAD_NAMES[q], sums[at][q]);
        }
    }
    free(sums);
}

static void draw_goldstein(FILE *fp, const chart *c, const dyad_run *d, char (*periods)[16],
                           int reverse)
{
    /* A line joins neighbouring periods only: a period without events has no mean, and a line
     * across it would draw one. Rows come in period order. */
    int started = 0;
    size_t last = 0;
    for (size_t i = 0; i < d->n; i++) {
        const dyad_point *p = &d->points[i];
        size_t at = period_index(periods, c->nperiods, p->period);
        if (p->reverse != reverse || at == c->nperiods) continue;
        if (started && at != last + 1) {
            fputs("'/>\n", fp);
            started = 0;
        }
        if (!started)
            fprintf(fp, "<polyline fill='none' stroke='#1f4e9c' stroke-width='2'%s points='",
                    reverse ? " stroke-dasharray='6,4'" : "");
        fprintf(fp, "%.1f,%.1f ", x_center(c, at), y_gold(c, p->mean));
        started = 1;
        last = at;
    }
    if (started) fputs("'/>\n", fp);
    for (size_t i = 0; i < d->n; i++) {
        const dyad_point *p = &d->points[i];
        size_t at = period_index(periods, c->nperiods, p->period);
        if (p->reverse != reverse || at == c->nperiods) continue;
        fprintf(fp,
                "<circle cx='%.1f' cy='%.1f' r='3' fill='#1f4e9c'><title>%s mean "
                "Goldstein %.2f</title></circle>\n",
                x_center(c, at), y_gold(c, p->mean), p->period, p->mean);
    }
}

static void draw_legend(FILE *fp, const dyad_run *d, int directed, double x, double y)
{
    for (int q = 1; q <= 4; q++) {
        fprintf(fp,
                "<rect x='%.1f' y='%.1f' width='12' height='12' fill='%s'/>"
                "<text x='%.1f' y='%.1f' font-size='12'>%s</text>\n",
                x, y - 10, QUAD_COLOURS[q], x + 16, y, QUAD_NAMES[q]);
        x += 30 + 6.5 * (double)strlen(QUAD_NAMES[q]);
    }
    fprintf(fp,
            "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#1f4e9c' "
            "stroke-width='2'/><text x='%.1f' y='%.1f' font-size='12'>mean Goldstein",
            x, y - 4, x + 24, y - 4, x + 28, y);
    if (directed) {
        fputs(" ", fp);
        svg_text_escaped(fp, d->a);
        fputs("-&gt;", fp);
        svg_text_escaped(fp, d->b);
        fputs(", dashed: reverse", fp);
    }
    fputs("</text>\n", fp);
}

static int write_plot(const char *path, const dyad_run *d, annalist_period by, int directed)
{
    enum { MAX_PERIODS = 2000 };
    char(*periods)[16] = calloc(MAX_PERIODS, sizeof *periods);
    if (!periods) return -1;
    size_t n = chart_columns(d, by, periods, MAX_PERIODS);
    FILE *fp = fopen(path, "w");
    if (!fp) {
        free(periods);
        return -1;
    }
    double width = n > 60 ? 200 + 12.0 * (double)n : 960;
    chart c = {.left = 70,
               .right = width - 70,
               .top = 60,
               .bottom = 400,
               .max_count = 1,
               .nperiods = n ? n : 1};
    for (size_t i = 0; i < d->n; i++) { /* both directions stack in one bar */
        size_t at = period_index(periods, n, d->points[i].period);
        double up = 0, down = 0;
        for (size_t j = 0; j < d->n; j++)
            if (period_index(periods, n, d->points[j].period) == at) {
                up += (double)(d->points[j].quad[1] + d->points[j].quad[2]);
                down += (double)(d->points[j].quad[3] + d->points[j].quad[4]);
            }
        if (up > c.max_count) c.max_count = up;
        if (down > c.max_count) c.max_count = down;
    }
    c.max_count = ceil(c.max_count / 2) * 2;
    fprintf(fp,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' height='500' "
            "viewBox='0 0 %.0f 500' font-family='sans-serif'>\n"
            "<rect width='100%%' height='100%%' fill='white'/>\n"
            "<text x='%.1f' y='24' font-size='16' font-weight='bold'>",
            width, width, c.left);
    svg_text_escaped(fp, d->a);
    fputs(" \xE2\x80\x93 ", fp);
    svg_text_escaped(fp, d->b);
    static const char *const UNIT[] = {"day", "week", "month", "year"};
    fprintf(fp, ": events per %s</text>\n", UNIT[by]);
    draw_legend(fp, d, directed, c.left, 46);
    if (d->n == 0)
        fprintf(fp,
                "<text x='%.1f' y='230' font-size='14'>no events between these actors"
                "</text>\n",
                c.left + 20);
    else {
        draw_axes(fp, &c, periods);
        draw_bars(fp, &c, d, periods);
        draw_goldstein(fp, &c, d, periods, 0);
        if (directed) draw_goldstein(fp, &c, d, periods, 1);
    }
    fputs("</svg>\n", fp);
    free(periods);
    return fclose(fp) == 0 ? 0 : -1;
}

/* ---- the command -------------------------------------------------------------------------- */

typedef struct dyad_args {
    cli_common common;
    annalist_dyad_query q;
    int explain;
    const char *plot;
} dyad_args;

static int parse_args(int argc, char **argv, dyad_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"by", required_argument, NULL, 'b'},
        {"directed", no_argument, NULL, 'D'},    {"since", required_argument, NULL, 'S'},
        {"until", required_argument, NULL, 'U'}, {"format", required_argument, NULL, 'f'},
        {"explain", no_argument, NULL, 'e'},     {"plot", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    int c, bad = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:b:DS:U:f:ep:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->common.db = optarg;
            break;
        case 'b':
            bad |= annalist_period_parse(optarg, &a->q.by) != 0;
            break;
        case 'D':
            a->q.directed = 1;
            break;
        case 'S':
            a->q.since = optarg;
            break;
        case 'U':
            a->q.until = optarg;
            break;
        case 'f':
            bad |= cli_format(optarg, &a->common) != 0;
            break;
        case 'e':
            a->explain = 1;
            break;
        case 'p':
            a->plot = optarg;
            break;
        case 'h':
            fputs(DYAD_HELP, stdout);
            return 1;
        default:
            bad = 1;
        }
    }
    if (bad || optind != argc - 2 || !*argv[optind] || !*argv[optind + 1]) {
        fprintf(stderr, "annalist dyad: give two actors and valid options (see --help)\n");
        return -1;
    }
    a->q.a = argv[optind];
    a->q.b = argv[optind + 1];
    return 0;
}

static annalist_status explain(annalist_t *ctx, const dyad_args *a, const dyad_run *d)
{
    cli_traced *t = cli_traced_begin(a->common.format);
    if (!t) return ANNALIST_ERR_NOMEM;
    annalist_timeline_query tq = {
        .actor = a->q.a, .other = a->q.b, .by = a->q.by, .since = a->q.since, .until = a->q.until};
    explain_run x = {.d = d, .t = t, .directed = a->q.directed};
    annalist_status st = annalist_timeline(ctx, &tq, on_explained, &x);
    if (cli_traced_end(t) != 0 && st == ANNALIST_OK) st = ANNALIST_ERR_IO;
    return st;
}

int cmd_dyad(int argc, char **argv)
{
    dyad_args a = {.common = {.db = CLI_DEFAULT_DB, .format = OUT_TABLE},
                   .q = {.by = ANNALIST_BY_MONTH}};
    int rc = parse_args(argc, argv, &a);
    if (rc != 0) return rc > 0 ? EXIT_OK : EXIT_USAGE;
    int exit_code = EXIT_OK;
    annalist_t *ctx = cli_open(a.common.db, 1, &exit_code);
    if (!ctx) return exit_code;
    dyad_run d = {.a = a.q.a, .b = a.q.b};
    if (!a.explain)
        d.out = out_begin(stdout, a.common.format, COLUMNS, a.common.format == OUT_TABLE ? 10 : 11);
    annalist_status st =
        (a.explain || d.out) ? annalist_dyad(ctx, &a.q, on_row, &d) : ANNALIST_ERR_NOMEM;
    if (d.oom && st == ANNALIST_ERR_STOPPED) st = ANNALIST_ERR_NOMEM;
    if (st == ANNALIST_OK && a.explain) st = explain(ctx, &a, &d);
    exit_code = cli_status_exit(ctx, st, "dyad");
    if (d.out && out_end(d.out) != 0 && exit_code == EXIT_OK) exit_code = EXIT_FAILURE_RUN;
    if (exit_code == EXIT_OK && a.plot && write_plot(a.plot, &d, a.q.by, a.q.directed) != 0) {
        fprintf(stderr, "annalist dyad: cannot write %s\n", a.plot);
        exit_code = EXIT_FAILURE_RUN;
    }
    free(d.points);
    annalist_close(ctx);
    return exit_code;
}
