/* Validation of the web API's query parameters: every value is checked against the form it must
 * have (ISO date, actor spec, bounded integer, period name) before it reaches the library, and
 * every failure is a 400 reply that says which parameter and why. Never trusts input length. */
#include "serve/serve.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int serve_error(serve_reply *r, unsigned status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_decref(r->body);
    r->status = status;
    r->body = json_pack("{s:o}", "error", serve_json_string(msg));
    return -1;
}

const char *serve_param(const serve_params *p, const char *name)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->name[i], name) == 0) return p->value[i];
    return NULL;
}

int serve_check_names(const serve_params *p, const char *const *allowed, serve_reply *r)
{
    if (p->too_many) return serve_error(r, 400, "too many parameters");
    if (p->duplicate) return serve_error(r, 400, "a parameter is given twice");
    for (int i = 0; i < p->n; i++) {
        for (int k = 0; k < i; k++)
            if (strcmp(p->name[k], p->name[i]) == 0)
                return serve_error(r, 400, "parameter '%.40s' is given twice", p->name[i]);
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, p->name[i]) == 0;
        if (!known) return serve_error(r, 400, "unknown parameter '%.40s'", p->name[i]);
    }
    return 0;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* YYYY, YYYY-MM or YYYY-MM-DD with a month and day that exist (the 29th of February only in a
 * leap year); `parts` says how many of the three there must be (0: any). */
static int valid_date(const char *s, int parts)
{
    size_t n = strlen(s);
    int got = n == 4 ? 1 : n == 7 ? 2 : n == 10 ? 3 : 0;
    if (!got || (parts && got != parts) || !all_digits(s, 4)) return 0;
    if (got == 1) return 1;
    if (s[4] != '-' || !all_digits(s + 5, 2)) return 0;
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) return 0;
    if (got == 2) return 1;
    if (s[7] != '-' || !all_digits(s + 8, 2)) return 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

int serve_get_date(const serve_params *p, const char *name, const char **out, serve_reply *r)
{
    const char *v = serve_param(p, name);
    *out = NULL;
    if (!v) return 0;
    if (!valid_date(v, 3)) return serve_error(r, 400, "%s must be a date YYYY-MM-DD", name);
    *out = v;
    return 0;
}

int serve_get_period(const serve_params *p, const char *name, const char **out, serve_reply *r)
{
    const char *v = serve_param(p, name);
    *out = NULL;
    if (!v) return 0;
    if (!valid_date(v, 0) && strcmp(v, ANNALIST_UNDATED) != 0)
        return serve_error(r, 400, "%s must be YYYY, YYYY-MM, YYYY-MM-DD or " ANNALIST_UNDATED,
                           name);
    *out = v;
    return 0;
}

/* Letters, digits, '_', '-' and '.', 1 to 64 of them, and an optional final '*'. */
static int valid_actor(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 65) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-' || c == '.' || (c == '*' && i == n - 1 && n > 1);
        if (!ok) return 0;
    }
    return n <= 64 || s[n - 1] == '*';
}

int serve_get_actor(const serve_params *p, const char *name, int required, const char **out,
                    serve_reply *r)
{
    const char *v = serve_param(p, name);
    *out = NULL;
    if (!v) return required ? serve_error(r, 400, "%s is required", name) : 0;
    if (!valid_actor(v))
        return serve_error(r, 400, "%s must be an actor code, code prefix (IRQ*) or id", name);
    *out = v;
    return 0;
}

int serve_get_int(const serve_params *p, const char *name, int64_t lo, int64_t hi, int64_t dflt,
                  int64_t *out, serve_reply *r)
{
    const char *v = serve_param(p, name);
    *out = dflt;
    if (!v) return 0;
    size_t n = strlen(v);
    int neg = v[0] == '-';
    if (n == 0 || n > 18 || !all_digits(v + neg, n - (size_t)neg) || n == (size_t)neg)
        return serve_error(r, 400, "%s must be a whole number", name);
    long long x = strtoll(v, NULL, 10);
    if (x < lo || x > hi)
        return serve_error(r, 400, "%s must be between %lld and %lld", name, (long long)lo,
                           (long long)hi);
    *out = x;
    return 0;
}

int serve_get_period_unit(const serve_params *p, const char *name, annalist_period dflt,
                          annalist_period *out, serve_reply *r)
{
    const char *v = serve_param(p, name);
    *out = dflt;
    if (!v) return 0;
    if (annalist_period_parse(v, out) != 0)
        return serve_error(r, 400, "%s must be day, week, month or year", name);
    return 0;
}

int serve_get_text(const serve_params *p, const char *name, size_t max, int required,
                   const char **out, serve_reply *r)
{
    const char *v = serve_param(p, name);
    *out = NULL;
    if (!v || !*v) return required ? serve_error(r, 400, "%s is required", name) : 0;
    if (strlen(v) > max) return serve_error(r, 400, "%s is longer than %zu bytes", name, max);
    *out = v;
    return 0;
}

json_t *serve_json_stringn(const char *s, size_t n)
{
    if (!s) return json_null();
    json_t *j = json_stringn(s, n);
    if (j) return j;
    /* Invalid UTF-8 (or a NUL byte): repair byte by byte rather than fail the reply. */
    char *fixed = malloc(n * 3 + 1);
    if (!fixed) return json_null();
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        json_t *probe = len && c && i + len <= n ? json_stringn(s + i, len) : NULL;
        if (probe) {
            memcpy(fixed + o, s + i, len);
            o += len;
            i += len;
            json_decref(probe);
        } else {
            memcpy(fixed + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    j = json_stringn(fixed, o);
    free(fixed);
    return j ? j : json_null();
}

json_t *serve_json_string(const char *s)
{
    return s ? serve_json_stringn(s, strlen(s)) : json_null();
}
