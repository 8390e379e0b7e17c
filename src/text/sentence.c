/* Sentence splitting of normalised news text (text.h). Works paragraph by paragraph (a blank line
 * always ends a sentence); inside a paragraph a sentence ends at . ? ! or an ellipsis, plus any
 * closing quotes and brackets, when the words around the stop say so (abbreviations, initials,
 * numbers), or at a line break that is not mere wrapping (see line_is_deliberate).
 * Pure function of its input: no dictionaries, no allocation beyond the result array. */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Longest word before a full stop worth comparing with the abbreviation lists. */
#define TOKEN_MAX 64
/* Lines longer than this (in characters) were not wrapped by a tool: their breaks are meant. */
#define LONG_LINE 100

/* Titles before a name: a capitalised word after them never starts a new sentence. */
static const char *const TITLES[] = {
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr",  "Cmdr",  "Col",  "Cpl",  "Det",
    "Dr",  "Fr",  "Ft",   "Gen",  "Gov",  "Hon",  "Insp",  "Lt",   "Maj",  "Messrs",
    "Mr",  "Mrs", "Ms",   "Mt",   "Pres", "Prof", "Pvt",   "Rep",  "Rev",  "Sen",
    "Sgt", "Sra", "St",   "Ste",  "Supt", "Gens", "Lieut", "Sens", "Reps", "Mme",
};

/* Abbreviations usually followed by a number ("No. 2", "Jan. 6"): no split before a digit. */
static const char *const BEFORE_NUMBER[] = {
    "No",  "Nos",  "Vol", "Vols", "Art", "Arts",   "p",   "pp",  "Fig", "Figs", "Sec",
    "Ch",  "Para", "Op",  "Ref",  "Jan", "Feb",    "Mar", "Apr", "Jun", "Jul",  "Aug",
    "Sep", "Sept", "Oct", "Nov",  "Dec", "approx", "ca",  "Tel", "Pt",  "Ex",
};

/* Abbreviations that often end a sentence too ("... Apple Inc. The"): like dotted acronyms
 * (U.S., a.m.) they end one only before a common sentence starter (STARTERS). */
static const char *const SOFT[] = {
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "etc", "vs", "Dept", "Univ", "Assn", "est",
};

/* Words that commonly open a sentence in news text. After an abbreviation that may also end a
 * sentence (U.S., Inc., Jan.), only these mean a new sentence: "the U.S. The next day" splits,
 * "U.S. President Biden" and "U.S. officials" do not. */
static const char *const STARTERS[] = {
    "A",    "According", "After",  "Also", "Although", "An",      "And",       "Another", "As",
    "At",   "Before",    "Both",   "But",  "By",       "Despite", "During",    "Earlier", "Even",
    "For",  "From",      "He",     "Her",  "His",      "How",     "However",   "I",       "If",
    "In",   "It",        "Its",    "Last", "Later",    "Many",    "Meanwhile", "More",    "Most",
    "No",   "Now",       "On",     "One",  "Only",     "Our",     "She",       "Since",   "So",
    "Some", "Still",     "That",   "The",  "Their",    "Then",    "There",     "These",   "They",
    "This", "Those",     "Though", "To",   "Today",    "Under",   "Until",     "We",      "What",
    "When", "Where",     "While",  "Who",  "Why",      "With",    "Yesterday", "Yet",     "You",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct span_list {
    text_span_t *v;
    size_t n, cap;
} span_list_t;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Adds text[start, end) with surrounding whitespace trimmed, unless nothing is left. */
static int push_span(span_list_t *l, const char *text, size_t start, size_t end)
{
    while (start < end && is_space((unsigned char)text[start]))
        start++;
    while (end > start && is_space((unsigned char)text[end - 1]))
        end--;
    if (start == end) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap * 2;
        text_span_t *v = realloc(l->v, cap * sizeof *v);
        if (!v) return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n].start = (uint32_t)start;
    l->v[l->n].end = (uint32_t)end;
    l->n++;
    return 0;
}

/* Length of a stop character at text[i..end): . ? ! (1) or U+2026 (3), else 0. */
static size_t stop_length(const char *text, size_t i, size_t end)
{
    unsigned char c = (unsigned char)text[i];
    if (c == '.' || c == '?' || c == '!') return 1;
    if (c == 0xE2 && end - i >= 3 && memcmp(text + i, "\xE2\x80\xA6", 3) == 0) return 3;
    return 0;
}

/* Length of a closing quote or bracket at text[i..end), else 0. */
static size_t closer_length(const char *text, size_t i, size_t end)
{
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return 1;
    if (c < 0xC2) return 0;
    if (end - i >= 2 && memcmp(text + i, "\xC2\xBB", 2) == 0) return 2; /* » */
    if (end - i >= 3 && (memcmp(text + i, "\xE2\x80\x99", 3) == 0 ||    /* ’ */
                         memcmp(text + i, "\xE2\x80\x9D", 3) == 0))     /* ” */
        return 3;
    return 0;
}

/* Length of an opening quote or bracket at text[i..end), else 0. */
static size_t opener_length(const char *text, size_t i, size_t end)
{
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{') return 1;
    if (c < 0xC2) return 0;
    if (end - i >= 2 && memcmp(text + i, "\xC2\xAB", 2) == 0) return 2; /* « */
    if (end - i >= 3 && (memcmp(text + i, "\xE2\x80\x98", 3) == 0 ||    /* ‘ */
                         memcmp(text + i, "\xE2\x80\x9C", 3) == 0))     /* “ */
        return 3;
    return 0;
}

/* Characters in text[a, b), counting UTF-8 lead bytes only. */
static size_t char_count(const char *text, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static int equals_ignore_case(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if ((s[i] | 0x20) != (word[i] | 0x20) || !is_ascii_alnum((unsigned char)s[i])) return 0;
    return i == n && word[i] == '\0';
}

static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (equals_ignore_case(s, n, list[i])) return 1;
    return 0;
}

static int is_upper_ascii(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* "U.S", "a.m", "Ph.D": letters in groups of at most three, joined by single dots. */
static int is_dotted_acronym(const char *s, size_t n)
{
    size_t group = 0, dots = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (group == 0) return 0;
            dots++;
            group = 0;
        } else if (is_ascii_alnum((unsigned char)s[i]) && !(s[i] >= '0' && s[i] <= '9')) {
            if (++group > 3) return 0;
        } else {
            return 0;
        }
    }
    return dots > 0 && group > 0;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return n > 0;
}

/* One upper-case letter ("J", "F", "Á"): an initial. */
static int is_initial(const char *s, size_t n)
{
    int32_t cp;
    if (n == 0 || text_utf8_decode(s, n, &cp) != n || cp < 0) return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* What starts the text after a stop, once whitespace and opening quotes are skipped. */
enum next_kind { NEXT_END, NEXT_LOWER, NEXT_UPPER, NEXT_DIGIT, NEXT_CONTINUES, NEXT_OTHER };

static enum next_kind next_kind_at(const char *text, size_t *q, size_t end)
{
    size_t i = *q;
    while (i < end && is_space((unsigned char)text[i]))
        i++;
    /* A spaced ellipsis ". . ." or ". , ;" is punctuation going on, not a new sentence. */
    if (i < end && text[i] != '\0' && strchr(".,;:", text[i])) return NEXT_CONTINUES;
    for (size_t l; i < end && (l = opener_length(text, i, end)) > 0;)
        i += l;
    *q = i;
    if (i >= end) return NEXT_END;
    int32_t cp;
    text_utf8_decode(text + i, end - i, &cp);
    if (cp < 0) return NEXT_OTHER;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_LL) return NEXT_LOWER;
    if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) return NEXT_UPPER;
    if (cat == UTF8PROC_CATEGORY_ND) return NEXT_DIGIT;
    return NEXT_OTHER;
}

static int next_is_starter(const char *text, size_t q, size_t end)
{
    size_t e = q;
    while (e < end && ((text[e] | 0x20) >= 'a' && (text[e] | 0x20) <= 'z'))
        e++;
    for (size_t i = 0; i < COUNT(STARTERS); i++)
        if (strlen(STARTERS[i]) == e - q && memcmp(STARTERS[i], text + q, e - q) == 0) return 1;
    return 0;
}

/* Where the word that ends at text[stop] begins (not before floor); leading quotes and
 * brackets are not part of it. */
static size_t word_before(const char *text, size_t floor, size_t stop)
{
    size_t b = stop;
    while (b > floor && stop - b < TOKEN_MAX && !is_space((unsigned char)text[b - 1]))
        b--;
    while (b < stop) {
        size_t l = opener_length(text, b, stop);
        if (l == 0 && (unsigned char)text[b] < 0x80 && !is_ascii_alnum((unsigned char)text[b]))
            l = 1;
        if (l == 0) break;
        b += l;
    }
    return b;
}

/* Whether a single full stop at text[stop] ends the sentence begun at sent, given what follows. */
static int full_stop_ends(const char *text, size_t sent, size_t stop, enum next_kind next, size_t q,
                          size_t end)
{
    size_t b = word_before(text, sent, stop);
    const char *w = text + b;
    size_t n = stop - b;
    if (n == 0) return 1;
    /* "1. The first point": a list number alone is no sentence. */
    if (b == sent && all_digits(w, n) && n <= 3) return 0;
    if (next == NEXT_DIGIT) return !in_list(w, n, BEFORE_NUMBER, COUNT(BEFORE_NUMBER));
    if (is_initial(w, n)) return 0;
    if (is_upper_ascii(w[0]) && in_list(w, n, TITLES, COUNT(TITLES))) return 0;
    if (is_dotted_acronym(w, n) || in_list(w, n, SOFT, COUNT(SOFT)) ||
        in_list(w, n, BEFORE_NUMBER, COUNT(BEFORE_NUMBER)))
        return next_is_starter(text, q, end);
    return 1;
}

/* Whether the run of stops text[stop, stop_end) followed by closers up to after ends the
 * sentence begun at sent. after is followed by whitespace or the paragraph end. */
static int stop_ends_sentence(const char *text, size_t sent, size_t stop, size_t stop_end,
                              size_t after, size_t end)
{
    size_t q = after;
    enum next_kind next = next_kind_at(text, &q, end);
    if (next == NEXT_END) return 1;
    if (next == NEXT_LOWER || next == NEXT_CONTINUES) return 0;
    if (stop_end - stop > 1 || text[stop] != '.') return 1; /* ? ! ?! ... */
    if (after > stop_end) return 1;                         /* ." .) */
    return full_stop_ends(text, sent, stop, next, q, end);
}

/* Longest line of the paragraph text[start, end) in characters, trailing blanks excluded. */
static size_t longest_line(const char *text, size_t start, size_t end)
{
    size_t longest = 0;
    for (size_t a = start; a < end;) {
        const char *nl = memchr(text + a, '\n', end - a);
        size_t b = nl ? (size_t)(nl - text) : end;
        size_t e = b;
        while (e > a && is_space((unsigned char)text[e - 1]))
            e--;
        size_t n = char_count(text, a, e);
        if (n > longest) longest = n;
        a = b + 1;
    }
    return longest;
}

/* A single line break at text[nl] ends a sentence when the line before it is not closed by a
 * stop (stops have had their say already) and it is not wrapping: the line is longer than any
 * wrapping tool makes them, or the first word of the next line would have fitted on it within
 * the paragraph's longest line. Greedily wrapped text never passes that test; lists of
 * headlines, bylines and menu items mostly do (the longest line of such a list does not). */
static int line_is_deliberate(const char *text, size_t start, size_t end, size_t nl, size_t width)
{
    size_t a = nl;
    while (a > start && text[a - 1] != '\n')
        a--;
    size_t e = nl;
    while (e > a && is_space((unsigned char)text[e - 1]))
        e--;
    if (e == a) return 0;
    size_t k = e;
    for (size_t c = 0; k > a && c < 4;) {
        unsigned char ch = (unsigned char)text[k - 1];
        if (ch == '"' || ch == '\'' || ch == ')' || ch == ']' || ch == '}') {
            k--;
            c++;
        } else {
            break;
        }
    }
    if (k > a && stop_length(text, k - 1, end)) return 0;
    if (k >= a + 3 && memcmp(text + k - 3, "\xE2\x80\xA6", 3) == 0) return 0;
    size_t w = nl + 1;
    while (w < end && (text[w] == ' ' || text[w] == '\t'))
        w++;
    size_t we = w;
    while (we < end && !is_space((unsigned char)text[we]))
        we++;
    size_t line = char_count(text, a, e);
    return line > LONG_LINE || line + 1 + char_count(text, w, we) <= width;
}

/* Splits one paragraph text[start, end) (no blank line inside). */
static int split_paragraph(const char *text, size_t start, size_t end, span_list_t *l)
{
    size_t width = memchr(text + start, '\n', end - start) ? longest_line(text, start, end) : 0;
    size_t sent = SIZE_MAX; /* start of the current sentence, if any */
    for (size_t i = start; i < end;) {
        unsigned char c = (unsigned char)text[i];
        if (c > ' ' && c != '.' && c != '?' && c != '!' && c != 0xE2) { /* most bytes */
            if (sent == SIZE_MAX) sent = i;
            i++;
            continue;
        }
        if (is_space(c)) {
            if (c == '\n' && sent != SIZE_MAX && line_is_deliberate(text, start, end, i, width)) {
                if (push_span(l, text, sent, i) != 0) return -1;
                sent = SIZE_MAX;
            }
            i++;
            continue;
        }
        if (sent == SIZE_MAX) sent = i;
        size_t sl = stop_length(text, i, end);
        if (sl == 0) {
            i++;
            continue;
        }
        size_t stop = i, k = i;
        while (k < end && (sl = stop_length(text, k, end)) > 0)
            k += sl;
        size_t after = k;
        for (size_t cl; after < end && (cl = closer_length(text, after, end)) > 0;)
            after += cl;
        if (after < end && !is_space((unsigned char)text[after])) {
            i = k; /* "3.5", "U.S.-backed", "example.com" */
            continue;
        }
        if (stop_ends_sentence(text, sent, stop, k, after, end)) {
            if (push_span(l, text, sent, after) != 0) return -1;
            sent = SIZE_MAX;
        }
        i = after;
    }
    return sent == SIZE_MAX ? 0 : push_span(l, text, sent, end);
}

/* End of the paragraph that starts at p: the line break before the next blank line, or len.
 * *next is where the following paragraph may start. */
static size_t paragraph_end(const char *text, size_t p, size_t len, size_t *next)
{
    for (size_t i = p; i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl) break;
        size_t k = (size_t)(nl - text), j = k + 1;
        while (j < len && text[j] != '\n' && is_space((unsigned char)text[j]))
            j++;
        if (j < len && text[j] == '\n') {
            *next = j + 1;
            return k;
        }
        i = k + 1;
    }
    *next = len;
    return len;
}

size_t text_sentences(const char *text, size_t len, text_span_t **out)
{
    *out = NULL;
    span_list_t l = {.v = malloc(16 * sizeof(text_span_t)), .n = 0, .cap = 16};
    if (!l.v || len >= UINT32_MAX) {
        free(l.v);
        return (size_t)-1;
    }
    for (size_t p = 0, next; p < len; p = next) {
        size_t pe = paragraph_end(text, p, len, &next);
        if (split_paragraph(text, p, pe, &l) != 0) {
            free(l.v);
            return (size_t)-1;
        }
    }
    *out = l.v;
    return l.n;
}
