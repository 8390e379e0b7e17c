/* annalist's own dictionary formats (see annalist_format.h and data/README.md). Each line is
 * classified by its indentation and its "key:" prefix; names and patterns are turned into the
 * TABARI phrase notation that dict_phrase_parse already understands (names become whole words
 * joined by '_'), so the model gets exactly what the other loaders give it. */
#include "dict/annalist_format.h"
#include "dict/codebook.h"
#include "util/buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct reader {
    dict_t *d;
    const char *name;
    int flags;
    char **err;
    uint32_t line;
    int kind;
    int32_t actor;     /* current actor block, -1 before the first */
    int32_t verb;      /* current verb group, -1 before the first */
    const char *actor_id;
    char country[4];
    buf_t scratch;
} reader_t;

#define PROBLEM(r, ...) dict_problem((r)->d, (r)->flags, (r)->err, (r)->name, (r)->line, __VA_ARGS__)

int annalist_dict_kind(const char *buf, size_t len)
{
    static const struct { const char *tag; int kind; } KINDS[] = {
        {"annalist-actors", ANNALIST_DICT_ACTORS}, {"annalist-agents", ANNALIST_DICT_AGENTS},
        {"annalist-verbs", ANNALIST_DICT_VERBS},   {"annalist-places", ANNALIST_DICT_PLACES}};
    size_t scan = len < 4096 ? len : 4096; /* the header is at the top */
    for (size_t i = 0; i < scan; i++) {
        if (i > 0 && buf[i - 1] != '\n') continue;
        if (buf[i] != '#') continue;
        const char *line = buf + i, *end = memchr(line, '\n', len - i);
        size_t n = end ? (size_t)(end - line) : len - i;
        for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
            size_t t = strlen(KINDS[k].tag);
            for (size_t j = 0; j + t <= n; j++)
                if (strncmp(line + j, KINDS[k].tag, t) == 0) return KINDS[k].kind;
        }
    }
    return ANNALIST_DICT_NONE;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) (*s)++, (*n)--;
    while (*n && isspace((unsigned char)(*s)[*n - 1])) (*n)--;
}

/* A name as TABARI notation: words joined by '_', whole words (trailing '_'), so that
 * "Muqtada al-Sadr" -> "Muqtada_al_Sadr_". A trailing '*' keeps the last word a stem
 * ("Iraq*" also matches "Iraqi"), as TABARI's names are by default. */
static const char *name_notation(buf_t *b, const char *s, size_t n)
{
    buf_reset(b);
    int stem = n > 0 && s[n - 1] == '*';
    if (stem) n--;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == ',' || c == '.' || c == '(' ||
            c == ')' || c == '"') {
            gap = b->len > 0;
            continue;
        }
        if (gap && buf_putc(b, '_') != 0) return NULL;
        gap = 0;
        if (buf_putc(b, c) != 0) return NULL;
    }
    if (b->len && !stem && buf_putc(b, '_') != 0) return NULL;
    return buf_cstr(b);
}

/* The next ';' outside braces ("strike {struck; stricken}; hit" has one), or NULL. */
static const char *next_separator(const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{') depth++;
        else if (s[i] == '}' && depth > 0) depth--;
        else if (s[i] == ';' && depth == 0) return s + i;
    }
    return NULL;
}

/* Calls fn on each ';'-separated item of a list, trimmed and non-empty. */
static int each_item(reader_t *r, const char *s, size_t n,
                     int (*fn)(reader_t *r, const char *item, size_t len, void *ctx), void *ctx)
{
    while (n > 0) {
        const char *semi = next_separator(s, n);
        size_t len = semi ? (size_t)(semi - s) : n;
        const char *item = s;
        size_t item_len = len;
        trim(&item, &item_len);
        if (item_len && fn(r, item, item_len, ctx) != 0) return -1;
        if (!semi) break;
        s = semi + 1;
        n -= len + 1;
    }
    return 0;
}

static int parse_name(reader_t *r, const char *s, size_t n, dict_phrase_t *out)
{
    const char *notation = name_notation(&r->scratch, s, n);
    if (!notation) return -2;
    if (!*notation) return -1;
    const char *why = NULL;
    int k = dict_phrase_parse(r->d, notation, strlen(notation), false, out, 1, &why);
    if (k == -2) return -2;
    if (k < 1) return PROBLEM(r, "bad name '%.*s': %s", (int)n, s, why ? why : "empty") ? -2 : -1;
    return 0;
}

/* ---- actors ------------------------------------------------------------------------------ */

static int add_actor_name(reader_t *r, const char *s, size_t n, void *ctx)
{
    int32_t actor = *(int32_t *)ctx;
    dict_phrase_t ph;
    int rc = parse_name(r, s, n, &ph);
    if (rc == -2) return -1;
    if (rc == -1) return 0;
    return dict_actor_add_name(r->d, (uint32_t)actor, &ph);
}

/* "2008-01-01" or "" -> yyyymmdd or the open bound. */
static int parse_day(const char *s, size_t n, int32_t open, int32_t *out)
{
    if (n == 0) {
        *out = open;
        return 0;
    }
    int y, m, d;
    char tail;
    char tmp[16];
    if (n >= sizeof tmp) return -1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    if (sscanf(tmp, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31 || y < 1800 || y > 2200)
        return -1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

static int valid_code(const char *s, size_t n)
{
    if (n < 3 || n > 40) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i])) return 0;
    return 1;
}

static int code_line(reader_t *r, const char *s, size_t n)
{
    size_t code_len = 0;
    while (code_len < n && !isspace((unsigned char)s[code_len])) code_len++;
    /* TABARI's special codes: --- known but codes nothing, ### discard, +++ too complex */
    int null_code = code_len == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "###", 3) == 0 ||
                                      memcmp(s, "+++", 3) == 0);
    if (!null_code && !valid_code(s, code_len))
        return PROBLEM(r, "bad actor code '%.*s' (upper-case letters and digits)", (int)code_len,
                       s);
    const char *range = s + code_len;
    size_t range_len = n - code_len;
    trim(&range, &range_len);
    int32_t from = DICT_DATE_MIN, to = DICT_DATE_MAX;
    bool restricted = range_len > 0;
    if (restricted) {
        const char *dots = NULL;
        for (size_t i = 0; i + 1 < range_len; i++)
            if (range[i] == '.' && range[i + 1] == '.') dots = range + i;
        if (!dots || parse_day(range, (size_t)(dots - range), DICT_DATE_MIN, &from) != 0 ||
            parse_day(dots + 2, range_len - (size_t)(dots + 2 - range), DICT_DATE_MAX, &to) != 0)
            return PROBLEM(r, "bad date range '%.*s' (want YYYY-MM-DD..YYYY-MM-DD, either side "
                              "may be empty)", (int)range_len, range);
        if (from > to) return PROBLEM(r, "date range ends before it starts");
    } else {
        dict_actor_t *a = &r->d->actors[r->actor];
        for (uint32_t i = 0; i < a->ncodes; i++)
            if (!a->codes[i].restricted) {
                if (strlen(a->codes[i].code) == code_len &&
                    memcmp(a->codes[i].code, s, code_len) == 0)
                    return 0; /* the same default again (merged blocks) */
                return PROBLEM(r, "a second code without a date range");
            }
    }
    return dict_actor_add_code(r->d, (uint32_t)r->actor, s, code_len, from, to, restricted);
}

/* A capital is its own actor: the seat of the country's government ("Tehran said..."). */
static int capital_line(reader_t *r, const char *s, size_t n)
{
    if (!r->country[0]) return PROBLEM(r, "capital: needs the block's country: line first");
    int32_t capital = dict_add_actor(r->d, r->line);
    if (capital < 0) return -1;
    r->d->actors[capital].id = r->actor_id;
    r->d->actors[capital].country = r->d->actors[r->actor].country;
    r->d->actors[capital].kind = DICT_KIND_PLACE; /* "Tehran said": the government */
    char code[8];
    snprintf(code, sizeof code, "%.3sGOV", r->country);
    if (dict_actor_add_code(r->d, (uint32_t)capital, code, 6, DICT_DATE_MIN, DICT_DATE_MAX,
                            false) != 0)
        return -1;
    return each_item(r, s, n, add_actor_name, &capital);
}

/* The first actor with this id (a capital shares its country's id but comes later), so that a
 * second block (countries-extra after the generated country list) adds to it; -1 when new. */
static int32_t find_actor(const dict_t *d, const char *id, size_t n)
{
    for (uint32_t i = 0; i < d->nactors; i++)
        if (d->actors[i].id && strlen(d->actors[i].id) == n && !memcmp(d->actors[i].id, id, n))
            return (int32_t)i;
    return -1;
}

static int actor_start(reader_t *r, const char *id, size_t id_len, const char *name,
                       size_t name_len)
{
    for (size_t i = 0; i < id_len; i++)
        if (!isupper((unsigned char)id[i]) && !isdigit((unsigned char)id[i]) && id[i] != '_')
            return PROBLEM(r, "bad actor id '%.*s' (A-Z, 0-9 and _)", (int)id_len, id);
    int32_t existing = find_actor(r->d, id, id_len);
    r->actor = existing >= 0 ? existing : dict_add_actor(r->d, r->line);
    if (r->actor < 0) return -1;
    dict_actor_t *a = &r->d->actors[r->actor];
    if (!a->id && !(a->id = dict_strdup(r->d, id, id_len))) return -1;
    r->actor_id = a->id;
    r->country[0] = '\0';
    if (a->country) snprintf(r->country, sizeof r->country, "%s", a->country);
    return each_item(r, name, name_len, add_actor_name, &r->actor);
}

/* kind: person | organisation | country | group | place-as-actor (what "he" or "it" may
 * stand for in a later sentence). */
static int kind_line(reader_t *r, const char *v, size_t n)
{
    static const struct { const char *name; uint8_t kind; } KINDS[] = {
        {"person", DICT_KIND_PERSON},       {"organisation", DICT_KIND_ORGANISATION},
        {"organization", DICT_KIND_ORGANISATION}, {"country", DICT_KIND_COUNTRY},
        {"group", DICT_KIND_GROUP},         {"place-as-actor", DICT_KIND_PLACE}};
    for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
        if (strlen(KINDS[i].name) == n && strncasecmp(KINDS[i].name, v, n) == 0) {
            r->d->actors[r->actor].kind = KINDS[i].kind;
            return 0;
        }
    return PROBLEM(r, "unknown kind '%.*s' (person, organisation, country, group, "
                      "place-as-actor)", (int)n, v);
}

static int actor_field(reader_t *r, const char *key, size_t key_len, const char *v, size_t n)
{
    if (r->actor < 0) return PROBLEM(r, "field before any 'ID: Name' line");
#define IS(k) (key_len == strlen(k) && strncasecmp(key, k, key_len) == 0)
    if (IS("alias") || IS("adjective")) return each_item(r, v, n, add_actor_name, &r->actor);
    if (IS("code")) return code_line(r, v, n);
    if (IS("capital")) return capital_line(r, v, n);
    if (IS("country")) {
        if (n == 1 && v[0] == '-') return 0;
        if (n != 3 || !valid_code(v, 3)) return PROBLEM(r, "country must be ISO alpha-3 or -");
        memcpy(r->country, v, 3);
        r->country[3] = '\0';
        r->d->actors[r->actor].country = dict_strdup(r->d, v, 3);
        return r->d->actors[r->actor].country ? 0 : -1;
    }
    if (IS("kind")) return kind_line(r, v, n);
    if (IS("note")) return 0;
#undef IS
    return PROBLEM(r, "unknown actor field '%.*s'", (int)key_len, key);
}

/* ---- agents ------------------------------------------------------------------------------ */

static int add_agent_word(reader_t *r, const char *s, size_t n, void *ctx)
{
    const char *code = ctx;
    dict_phrase_t ph;
    int rc = parse_name(r, s, n, &ph);
    if (rc == -2) return -1;
    if (rc == -1) return 0;
    return dict_add_agent(r->d, &ph, code, strlen(code), true, r->line) < 0 ? -1 : 0;
}

static int agent_line(reader_t *r, const char *key, size_t key_len, const char *v, size_t n)
{
    if (!valid_code(key, key_len) || key_len > 12)
        return PROBLEM(r, "bad agent code '%.*s' (e.g. MIL, GOV)", (int)key_len, key);
    char code[16];
    snprintf(code, sizeof code, "%.*s", (int)key_len, key);
    return each_item(r, v, n, add_agent_word, code);
}

/* ---- verbs ------------------------------------------------------------------------------- */

static int add_form(reader_t *r, const char *s, size_t n)
{
    dict_phrase_t ph;
    int rc = parse_name(r, s, n, &ph);
    if (rc == -2) return -1;
    if (rc == -1) return 0;
    return dict_verb_add_form(r->d, (uint32_t)r->verb, &ph);
}

/* "strike {struck; stricken}": the lemma and its irregular forms. */
static int add_lemma(reader_t *r, const char *s, size_t n, void *ctx)
{
    (void)ctx;
    const char *brace = memchr(s, '{', n);
    size_t lemma_len = brace ? (size_t)(brace - s) : n;
    const char *lemma = s;
    trim(&lemma, &lemma_len);
    if (r->verb < 0) {
        dict_event_code_t none = {.flags = DICT_EV_NULL};
        r->verb = dict_add_verb(r->d, lemma, lemma_len, &none, r->line);
        if (r->verb < 0) return -1;
    }
    if (add_form(r, lemma, lemma_len) != 0) return -1;
    if (!brace) return 0;
    const char *close = memchr(brace, '}', n - (size_t)(brace - s));
    if (!close) return PROBLEM(r, "unbalanced '{': missing '}'");
    const char *f = brace + 1;
    size_t left = (size_t)(close - f);
    while (left > 0) {
        size_t len = 0;
        while (len < left && f[len] != ';' && f[len] != ',') len++;
        const char *form = f;
        size_t form_len = len;
        trim(&form, &form_len);
        if (form_len && add_form(r, form, form_len) != 0) return -1;
        if (len == left) break;
        f += len + 1;
        left -= len + 1;
    }
    return 0;
}

static int parse_event_code(reader_t *r, const char *s, size_t n, dict_event_code_t *out)
{
    const char *why = NULL;
    int rc = dict_parse_event_code(r->d, s, n, out, &why);
    if (rc == -2) return -1;
    if (rc != 0) return PROBLEM(r, "bad event code '%.*s': %s", (int)n, s, why) ? -1 : 1;
    if (out->code && codebook_root_of(out->code) < 0)
        return PROBLEM(r, "bad event code '%.*s': not a CAMEO code (root 01-20)", (int)n, s) ? -1
                                                                                            : 1;
    return 0;
}

/* Was the word w of the pattern text written as a stem, with '~' right after it? */
static bool written_as_stem(const char *text, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl < n; i++)
        if (text[i + wl] == '~' && !strncasecmp(text + i, w, wl) &&
            (i == 0 || !isalnum((unsigned char)text[i - 1])))
            return true;
    return false;
}

/* annalist's pattern words match whole words with their regular endings: TABARI's default
 * stem would let "ban" match "Bank". A word written with '~' stays a stem. */
static void inflect_words(dict_phrase_t *ph, const char *text, size_t n)
{
    for (uint32_t i = 0; i < ph->n; i++) {
        dict_elem_t *e = &ph->elems[i];
        if (e->kind == DICT_EL_WORD && e->match == DICT_MATCH_STEM &&
            !written_as_stem(text, n, e->word))
            e->match = DICT_MATCH_INFLECTED;
    }
}

static int pattern_line(reader_t *r, const char *key, size_t key_len, const char *v, size_t n)
{
    if (r->verb < 0) return PROBLEM(r, "pattern before any 'verb:' line");
    dict_event_code_t code;
    int rc = parse_event_code(r, key, key_len, &code);
    if (rc != 0) return rc < 0 ? -1 : 0;
    if (!memchr(v, '*', n)) return PROBLEM(r, "pattern without '*' (where the verb stands)");
    dict_phrase_t ph[DICT_MAX_ALTERNATIVES];
    const char *why = NULL;
    int k = dict_phrase_parse(r->d, v, n, true, ph, DICT_MAX_ALTERNATIVES, &why);
    if (k == -2) return -1;
    if (k < 0) return PROBLEM(r, "bad pattern: %s", why);
    for (int i = 0; i < k; i++) inflect_words(&ph[i], v, n);
    for (int i = 0; i < k; i++)
        if (dict_verb_add_pattern(r->d, (uint32_t)r->verb, &ph[i], &code, v, n, r->line) != 0)
            return -1;
    return 0;
}

/* Set members are pattern words: stems, so "missile" also matches "missiles"; several words of a
 * member are adjacent; a member may name another set (&TIETYPES). */
static int add_set_member(reader_t *r, const char *s, size_t n, void *ctx)
{
    int32_t set = *(int32_t *)ctx;
    buf_reset(&r->scratch);
    for (size_t i = 0; i < n; i++)
        if (buf_putc(&r->scratch, s[i] == ' ' ? '_' : s[i]) != 0) return -1;
    dict_phrase_t ph;
    const char *why = NULL;
    int k = dict_phrase_parse(r->d, r->scratch.data, r->scratch.len, true, &ph, 1, &why);
    if (k == -2) return -1;
    if (k < 1) return PROBLEM(r, "bad set member '%.*s': %s", (int)n, s, why ? why : "empty");
    inflect_words(&ph, s, n);
    return dict_synset_add_member(r->d, (uint32_t)set, &ph);
}

/* "set: WEAPON: missile; rocket; drone" at column 0. */
static int set_line(reader_t *r, const char *v, size_t n)
{
    const char *colon = memchr(v, ':', n);
    if (!colon) return PROBLEM(r, "want 'set: NAME: word; word'");
    const char *name = v;
    size_t name_len = (size_t)(colon - v);
    trim(&name, &name_len);
    if (name_len && name[0] == '&') name++, name_len--;
    if (!name_len) return PROBLEM(r, "word set without a name");
    int32_t set = dict_find_synset(r->d, name, name_len);
    if (set < 0) set = dict_add_synset(r->d, name, name_len);
    if (set < 0) return -1;
    return each_item(r, colon + 1, n - (size_t)(colon + 1 - v), add_set_member, &set);
}

static int verb_field(reader_t *r, const char *key, size_t key_len, const char *v, size_t n)
{
    if (key_len == 7 && strncasecmp(key, "default", 7) == 0) {
        if (r->verb < 0) return PROBLEM(r, "default: before any 'verb:' line");
        dict_event_code_t code;
        int rc = parse_event_code(r, v, n, &code);
        if (rc == 0) r->d->verbs[r->verb].code = code;
        return rc < 0 ? -1 : 0;
    }
    return pattern_line(r, key, key_len, v, n);
}

/* ---- lines ------------------------------------------------------------------------------- */

static int top_line(reader_t *r, const char *key, size_t key_len, const char *v, size_t n)
{
    switch (r->kind) {
    case ANNALIST_DICT_ACTORS:
        return actor_start(r, key, key_len, v, n);
    case ANNALIST_DICT_AGENTS:
        return agent_line(r, key, key_len, v, n);
    default:
        if (key_len == 4 && strncasecmp(key, "verb", 4) == 0) {
            r->verb = -1;
            return each_item(r, v, n, add_lemma, NULL);
        }
        if (key_len == 3 && strncasecmp(key, "set", 3) == 0) return set_line(r, v, n);
        return PROBLEM(r, "want 'verb:' or 'set:' at the start of a line");
    }
}

/* Where a comment starts: the first '#' that is not part of the discard code "###". */
static size_t comment_start(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '#') continue;
        if (i + 2 < n && s[i + 1] == '#' && s[i + 2] == '#') {
            i += 2;
            continue;
        }
        return i;
    }
    return n;
}

static int one_line(reader_t *r, const char *s, size_t n)
{
    n = comment_start(s, n);
    int indented = n > 0 && (s[0] == ' ' || s[0] == '\t');
    trim(&s, &n);
    if (n == 0) return 0;
    const char *colon = memchr(s, ':', n);
    if (!colon) return PROBLEM(r, "want 'key: value'");
    const char *key = s, *v = colon + 1;
    size_t key_len = (size_t)(colon - s), v_len = n - key_len - 1;
    trim(&key, &key_len);
    trim(&v, &v_len);
    if (!indented) return top_line(r, key, key_len, v, v_len);
    if (r->kind == ANNALIST_DICT_ACTORS) return actor_field(r, key, key_len, v, v_len);
    if (r->kind == ANNALIST_DICT_VERBS) return verb_field(r, key, key_len, v, v_len);
    return PROBLEM(r, "unexpected indented line");
}

int dict_load_annalist_mem(dict_t *d, const char *name, const char *buf, size_t len, int flags,
                           char **err)
{
    reader_t r = {.d = d, .name = name, .flags = flags, .err = err, .actor = -1, .verb = -1};
    r.kind = annalist_dict_kind(buf, len);
    if (r.kind == ANNALIST_DICT_NONE || r.kind == ANNALIST_DICT_PLACES) {
        /* Without the header nothing in the file can be trusted: always fatal. */
        dict_problem(d, flags | DICT_STRICT, err, name, 1,
                     "no '# format: annalist-actors|agents|verbs 1' header");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        const char *end = memchr(buf + i, '\n', len - i);
        size_t n = end ? (size_t)(end - (buf + i)) : len - i;
        r.line++;
        rc = one_line(&r, buf + i, n);
        i += n + 1;
    }
    buf_free(&r.scratch);
    return rc;
}

int dict_load_annalist(dict_t *d, const char *path, int flags, char **err)
{
    size_t len;
    char *buf = dict_read_file(path, &len, err);
    if (!buf) return -1;
    int rc = dict_load_annalist_mem(d, path, buf, len, flags, err);
    free(buf);
    return rc;
}
