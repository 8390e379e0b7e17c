/* Gazetteer (see places.h). Every name and alias of a place is folded (text_fold: case and
 * accents) with its words joined by single spaces and put in an open-addressing hash table;
 * a sentence is scanned word by word and each run of up to PLACE_MAX_WORDS words looked up. */
#include "dict/places.h"
#include "text/text.h"
#include "util/buf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define PLACE_MAX_WORDS 5

typedef struct slot {
    char *key;     /* folded name; NULL when empty */
    uint32_t place;
} slot_t;

struct places {
    place_t *items;
    size_t count, cap;
    slot_t *table;
    size_t table_size; /* power of two */
    /* Per hash of a name's first word, the most words a name starting with it has (0: none):
     * most capitalised words of a sentence start no place name, and one test saves their five
     * table lookups; the others need only as many lookups as their longest name has words. */
    uint8_t first_word_max[65536];
    char **owned;      /* every string the places point at */
    size_t nowned, capowned;
};

static char *own(places_t *p, const char *s, size_t n)
{
    if (p->nowned == p->capowned) {
        size_t cap = p->capowned ? p->capowned * 2 : 256;
        char **grown = realloc(p->owned, cap * sizeof *grown);
        if (!grown) return NULL;
        p->owned = grown;
        p->capowned = cap;
    }
    char *copy = str_trim_dup(s, n);
    if (copy) p->owned[p->nowned++] = copy;
    return copy;
}

/* The lookup form of a name: folded, punctuation other than inner hyphens and apostrophes turned
 * to spaces, runs of spaces single. */
static char *name_key(const char *s, size_t n)
{
    char *folded = text_fold(s, n);
    if (!folded) return NULL;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; folded[i]; i++) {
        unsigned char c = (unsigned char)folded[i];
        int word = c >= 0x80 || isalnum(c) || c == '-' || c == '\'';
        if (!word) {
            space = o > 0;
            continue;
        }
        if (space) folded[o++] = ' ';
        space = 0;
        folded[o++] = (char)c;
    }
    folded[o] = '\0';
    return folded;
}

static int table_put(places_t *p, char *key, uint32_t place)
{
    size_t mask = p->table_size - 1;
    size_t i = XXH3_64bits(key, strlen(key)) & mask;
    while (p->table[i].key) {
        if (strcmp(p->table[i].key, key) == 0) { /* the first place keeps a shared name */
            free(key);
            return 0;
        }
        i = (i + 1) & mask;
    }
    p->table[i].key = key;
    p->table[i].place = place;
    return 0;
}

static const place_t *table_get(const places_t *p, const char *key, size_t n)
{
    if (!p->table_size) return NULL;
    size_t mask = p->table_size - 1;
    size_t i = XXH3_64bits(key, n) & mask;
    while (p->table[i].key) {
        if (strlen(p->table[i].key) == n && memcmp(p->table[i].key, key, n) == 0)
            return &p->items[p->table[i].place];
        i = (i + 1) & mask;
    }
    return NULL;
}

static char *line_error(const char *path, size_t line, const char *what)
{
    size_t n = strlen(path) + strlen(what) + 32;
    char *msg = malloc(n);
    if (msg) snprintf(msg, n, "%s:%zu: %s", path, line, what);
    return msg;
}

/* Splits a line at TABs into at most 6 fields; returns the count. */
static int split_tabs(char *line, char *fields[6])
{
    int n = 0;
    fields[n++] = line;
    for (char *c = line; *c && n < 6; c++)
        if (*c == '\t') {
            *c = '\0';
            fields[n++] = c + 1;
        }
    return n;
}

static int parse_coordinate(const char *s, double min, double max, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    while (*end == ' ') end++;
    return errno == 0 && end != s && *end == '\0' && *out >= min && *out <= max ? 0 : -1;
}

static const char *add_line(places_t *p, char *line)
{
    char *f[6];
    if (split_tabs(line, f) != 6) return "want 6 TAB-separated columns: id, names, country, "
                                        "latitude, longitude, kind";
    place_t pl = {0};
    if (parse_coordinate(f[3], -90, 90, &pl.lat) != 0) return "latitude not in -90..90";
    if (parse_coordinate(f[4], -180, 180, &pl.lon) != 0) return "longitude not in -180..180";
    if (strlen(f[2]) != 3 && strcmp(f[2], "-") != 0)
        return "country must be an ISO 3166 alpha-3 code or - (seas, regions across borders)";
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        place_t *grown = realloc(p->items, cap * sizeof *grown);
        if (!grown) return "out of memory";
        p->items = grown;
        p->cap = cap;
    }
    const char *names = f[1];
    size_t first = strcspn(names, ";");
    pl.id = own(p, f[0], strlen(f[0]));
    pl.name = own(p, names, first);
    pl.country = own(p, f[2], strlen(f[2]));
    pl.kind = own(p, f[5], strlen(f[5]));
    if (!pl.id || !pl.name || !pl.country || !pl.kind) return "empty id, name or kind";
    p->items[p->count++] = pl;
    return NULL;
}

static int build_table(places_t *p, char *data)
{
    size_t names = 0;
    for (char *c = data; *c; c++) names += *c == ';' || *c == '\n';
    p->table_size = 64;
    while (p->table_size < 2 * (names + p->count) + 64) p->table_size *= 2;
    p->table = calloc(p->table_size, sizeof *p->table);
    return p->table ? 0 : -1;
}

static size_t first_word_bit(const char *key, size_t n)
{
    return (size_t)(XXH3_64bits(key, n) & 65535);
}

static int index_names(places_t *p, uint32_t place, const char *names)
{
    for (const char *s = names; *s;) {
        size_t n = strcspn(s, ";");
        char *key = name_key(s, n);
        if (!key) return -1;
        size_t bit = first_word_bit(key, strcspn(key, " ")), words = 1;
        for (const char *c = key; *c; c++) words += *c == ' ';
        if (words > 255) words = 255;
        if (p->first_word_max[bit] < words) p->first_word_max[bit] = (uint8_t)words;
        if (*key)
            table_put(p, key, place);
        else
            free(key);
        s += n + (s[n] == ';');
    }
    return 0;
}

places_t *places_load(const char *path, char **err)
{
    *err = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        *err = line_error(path, 0, strerror(errno));
        return NULL;
    }
    buf_t all = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) buf_append(&all, chunk, got);
    fclose(fp);
    places_t *p = calloc(1, sizeof *p);
    if (!p || !buf_cstr(&all) || build_table(p, all.data) != 0) {
        buf_free(&all);
        places_free(p);
        *err = strdup("out of memory");
        return NULL;
    }
    size_t line_no = 0;
    for (char *line = all.data; line && *line;) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        line_no++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        size_t n = strlen(line);
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\r' || line[n - 1] == '\t')) n--;
        line[n] = '\0';
        if (n) {
            char *names_copy = NULL;
            char *tab = strchr(line, '\t');
            if (tab) names_copy = strdup(tab + 1);
            if (names_copy) names_copy[strcspn(names_copy, "\t")] = '\0';
            const char *why = add_line(p, line);
            if (!why && (!names_copy || index_names(p, (uint32_t)(p->count - 1), names_copy)))
                why = "out of memory";
            free(names_copy);
            if (why) {
                *err = line_error(path, line_no, why);
                buf_free(&all);
                places_free(p);
                return NULL;
            }
        }
        line = next;
    }
    buf_free(&all);
    return p;
}

void places_free(places_t *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->table_size; i++) free(p->table[i].key);
    for (size_t i = 0; i < p->nowned; i++) free(p->owned[i]);
    free(p->owned);
    free(p->table);
    free(p->items);
    free(p);
}

size_t places_count(const places_t *p)
{
    return p ? p->count : 0;
}

static int is_locative(const char *w, size_t n)
{
    static const char *const WORDS[] = {"in", "near", "at", "outside", "from", "inside",
                                        "across", "around", "into", "to"};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
        if (strlen(WORDS[i]) == n && strncasecmp(WORDS[i], w, n) == 0) return 1;
    return 0;
}

typedef struct word_span {
    size_t start, end;
    size_t key, key_len; /* the folded word in the scratch buffer */
} word_span_t;

/* Folds one word of a sentence for lookup: ASCII is lower-cased in place (no allocation, the
 * common case); a word with other bytes goes through the full fold. Appends to key. */
static int fold_word(buf_t *key, const char *s, size_t n)
{
    int ascii = 1;
    for (size_t i = 0; i < n; i++) ascii &= (unsigned char)s[i] < 0x80;
    if (ascii) {
        if (buf_reserve(key, n) != 0) return -1;
        for (size_t i = 0; i < n; i++) /* tolower of the C locale, without a call per byte */
            key->data[key->len++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        key->data[key->len] = '\0';
        return 0;
    }
    char *folded = name_key(s, n);
    if (!folded) return -1;
    int rc = buf_puts(key, folded);
    free(folded);
    return rc;
}

#define NOT_FOLDED ((size_t)-1)

/* Folds words w..w+k-1 that are not folded yet: most words of a sentence are never looked at
 * (no capital, or a first word no place name starts with), so they are folded only when
 * needed. Returns 0, or -1 when memory runs out. */
static int fold_words(buf_t *folded, word_span_t *words, size_t w, size_t k, const char *s)
{
    for (size_t i = w; i < w + k; i++) {
        if (words[i].key != NOT_FOLDED) continue;
        size_t at = folded->len;
        if (fold_word(folded, s + words[i].start, words[i].end - words[i].start) != 0) return -1;
        words[i].key = at;
        words[i].key_len = folded->len - at;
    }
    return 0;
}

/* The place named by words w..w+k-1 (their folded forms joined by spaces), or NULL. */
static const place_t *lookup_words(const places_t *p, const word_span_t *words, size_t w,
                                   size_t k, const buf_t *folded, char *joined, size_t cap)
{
    size_t o = 0;
    for (size_t i = w; i < w + k; i++) {
        if (o + words[i].key_len + 1 >= cap) return NULL;
        if (i > w) joined[o++] = ' ';
        memcpy(joined + o, folded->data + words[i].key, words[i].key_len);
        o += words[i].key_len;
    }
    return table_get(p, joined, o);
}

/* The words of a sentence (letters, digits, UTF-8, inner - and '), not folded yet. */
static size_t split_words(const char *s, size_t len, word_span_t *words, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        while (i < len && !(isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) i++;
        size_t b = i;
        while (i < len && (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80 ||
                           ((s[i] == '-' || s[i] == '\'') && i + 1 < len &&
                            isalnum((unsigned char)s[i + 1]))))
            i++;
        if (i > b) words[n++] = (word_span_t){b, i, NOT_FOLDED, 0};
    }
    return n;
}

const place_t *places_find(const places_t *p, const char *s, size_t len, size_t *start,
                           size_t *end)
{
    if (!p || !p->count) return NULL;
    word_span_t words[256];
    size_t n = split_words(s, len, words, 256);
    buf_t folded = {0};
    const place_t *best = NULL;
    int best_locative = 0;
    char joined[512];
    for (size_t w = 0; w < n; w++) {
        if (!isupper((unsigned char)s[words[w].start]) && (unsigned char)s[words[w].start] < 0x80)
            continue; /* place names are capitalised in news text */
        if (fold_words(&folded, words, w, 1, s) != 0) goto out_of_memory;
        size_t bit = first_word_bit(folded.data + words[w].key, words[w].key_len);
        /* each of k words folds to one word or more (or to nothing, and then no name has
         * that key): no name of at most `most` words is missed */
        size_t most = n - w < PLACE_MAX_WORDS ? n - w : PLACE_MAX_WORDS;
        if (most > p->first_word_max[bit]) most = p->first_word_max[bit];
        if (most == 0) continue;
        if (fold_words(&folded, words, w, most, s) != 0) goto out_of_memory;
        for (size_t k = most; k > 0; k--) {
            const place_t *hit = lookup_words(p, words, w, k, &folded, joined, sizeof joined);
            if (!hit) continue;
            int locative = w > 0 && is_locative(s + words[w - 1].start,
                                                words[w - 1].end - words[w - 1].start);
            if (!best || (locative && !best_locative)) {
                best = hit;
                best_locative = locative;
                *start = words[w].start;
                *end = words[w + k - 1].end;
            }
            w += k - 1;
            break;
        }
        if (best_locative) break;
    }
    buf_free(&folded);
    return best;
out_of_memory:
    buf_free(&folded);
    return NULL;
}
