/* Splits a plain-text document into its articles and strips what is not article text.
 *
 * Works line by line in linear time: every line is classified once (blank, date-only line, byline,
 * "Source:" line, photo credit, link-list heading, boilerplate, end-of-article marker such as a
 * comment section or paywall, or text with shape flags: headline-like, prose, short, bare name,
 * caption, dateline). An article opens with a headline-like line, maybe one summary line, then a
 * line that is only a date; the lines after it up to the byline/credit/caption are its header.
 * Its body ends before the trailing boilerplate: link lists, disclaimers, site footers, comments.
 * Interior boilerplate lines are overwritten with spaces so body offsets still map to the file.
 * It never invents anything: title, date, byline and outlet are NULL unless the text gives them. */
#include "ingest/ingest.h"
#include "util/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum line_kind {
    LK_BLANK,
    LK_TEXT,    /* anything not recognised below */
    LK_DATE,    /* the line is only a date ("March 21, 2022", "[ Last Update: ... ]") */
    LK_BYLINE,  /* "By Zaher Mousa", "ByNews Desk- ", "Written by - X:" */
    LK_SOURCE,  /* "Source", "Source: SANA" */
    LK_CREDIT,  /* "Photo Credit: The Cradle", "... (Photo credit: AFP)" */
    LK_HEADING, /* link-list heading: "Related Posts", "Read more:", "More on the Topic" */
    LK_BOILER,  /* site boilerplate, share links, footers, disclaimers, tag lines, URLs */
    LK_END,     /* nothing after it is article text: comments, paywall, "Website By" */
};

enum line_flag {
    F_HEADLINE = 1 << 0, /* short, capitalised, no final full stop */
    F_PROSE = 1 << 1,    /* a real paragraph: long, or a long finished sentence */
    F_SHORT = 1 << 2,    /* short and unfinished: headline, link item, caption fragment */
    F_NAME = 1 << 4,     /* 2-4 capitalised words, a bare byline or outlet name */
    F_CAPTION = 1 << 5,  /* photo caption: "... (Reuters)", "REUTERS/Name" */
    F_DATELINE = 1 << 6, /* a date with a few words: "The Cradle 5 March 2022" */
    F_SENTENCE = 1 << 7, /* ends like a sentence */
};

typedef struct line {
    size_t start, end; /* the line without its newline and carriage return */
    size_t ts, te;     /* the same, trimmed of spaces */
    size_t lineno;     /* 1-based */
    uint16_t words;
    uint16_t glued; /* > 0: the last `glued` bytes of the trimmed line are a disclaimer glued to
                       the paragraph ("...allies.The views expressed in this article do not...") */
    uint8_t kind;
    uint8_t flags;
} line_t;

/* The lines of the piece being read. Runs of blank lines are kept as one blank line, and a piece
 * longer than PIECE_LINES is handed on in parts, so memory stays bounded whatever the input. */
typedef struct doc {
    const char *buf;
    size_t len;
    line_t *lines;
    size_t n, cap;
    size_t blank, nonblank; /* raw line counts of the document so far */
} doc_t;

enum { NONE = (size_t)-1 };

/* Longest line that is checked against the boilerplate tables: boilerplate is short, and this
 * keeps the per-line cost bounded on long paragraphs. */
enum { MARKER_MAX = 320, INNER_MARKER_MAX = 200, DATE_LINE_MAX = 120, HEADER_WINDOW = 10 };
enum { PIECE_LINES = 1 << 16, PIECE_KEEP = 8, WORDS_CAP = 32 };

/* ---- bytes ------------------------------------------------------------------------------- */

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Bytes of one space at s[i] (ASCII blanks, NBSP, U+2000..U+200B, U+202F, U+3000, BOM), or 0. */
static size_t space_at(const unsigned char *s, size_t end, size_t i)
{
    unsigned char c = s[i];
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c == 0xC2 && i + 1 < end && s[i + 1] == 0xA0) return 2;
    if (c == 0xE2 && i + 2 < end && s[i + 1] == 0x80 && (s[i + 2] <= 0x8B || s[i + 2] == 0xAF))
        return 3;
    if (c == 0xE3 && i + 2 < end && s[i + 1] == 0x80 && s[i + 2] == 0x80) return 3;
    if (c == 0xEF && i + 2 < end && s[i + 1] == 0xBB && s[i + 2] == 0xBF) return 3;
    return 0;
}

/* Copy of s[0, n) for a title, byline or outlet: spaces (NBSP and the like too) trimmed and each
 * run of them made one ASCII space. "" when nothing is left; NULL only when memory runs out. */
static char *clean_dup(const unsigned char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0, k;
    int pending = 0;
    for (size_t i = 0; i < n;) {
        if ((k = space_at(s, n, i)) > 0) {
            pending = o > 0;
            i += k;
            continue;
        }
        if (pending) out[o++] = ' ';
        pending = 0;
        out[o++] = (char)s[i++];
    }
    out[o] = '\0';
    return out;
}

/* First occurrence of needle in s[0, n), or NULL (memmem is a GNU extension). memchr finds the
 * places that start like the needle; the needles are short and most start with a capital or a
 * mark, so few places are compared in full. */
static const unsigned char *find_bytes(const void *hay, size_t n, const void *needle, size_t m)
{
    const unsigned char *s = hay, *p = needle;
    if (m == 0 || m > n) return NULL;
    const unsigned char *c = s, *last = s + (n - m);
    while (c <= last && (c = memchr(c, p[0], (size_t)(last - c) + 1)) != NULL) {
        if (memcmp(c, p, m) == 0) return c;
        c++;
    }
    return NULL;
}

/* Length in s[0, n) of the pattern p, matched case-insensitively with a space in p matching any
 * run of spaces (NBSP included) in s; 0 when s does not start with p. */
static size_t prefix_len(const unsigned char *s, size_t n, const char *p)
{
    size_t i = 0;
    for (; *p; p++) {
        if (*p == ' ') {
            size_t k, before = i;
            while (i < n && (k = space_at(s, n, i)) > 0)
                i += k;
            if (i == before) return 0;
        } else {
            if (i >= n || lower(s[i]) != lower((unsigned char)*p)) return 0;
            i++;
        }
    }
    return i ? i : 1;
}

static const unsigned char *line_text(const doc_t *d, const line_t *l)
{
    return (const unsigned char *)d->buf + l->ts;
}

static size_t line_len(const line_t *l)
{
    return l->te - l->ts;
}

/* The trimmed line with trailing ":" "-" "–" and spaces also removed (headings, labels). */
static size_t core_len(const unsigned char *s, size_t n)
{
    for (;;) {
        if (n > 0 && (s[n - 1] == ':' || s[n - 1] == '-' || s[n - 1] == ' ')) {
            n--;
        } else if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0) {
            n -= 2;
        } else if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
                   (s[n - 1] == 0x93 || s[n - 1] == 0x94)) {
            n -= 3;
        } else {
            return n;
        }
    }
}

/* Last byte that matters for how a line ends: closing quotes and brackets are skipped. */
static unsigned char last_mark(const unsigned char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
            n--;
        } else if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
                   (c == 0x9D || c == 0x99)) { /* ” ’ */
            n -= 3;
        } else if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 && c == 0xA6) {
            return '.';                                       /* … */
        } else if (n >= 2 && s[n - 2] == 0xC2 && c == 0xBB) { /* » */
            n -= 2;
        } else {
            return c;
        }
    }
    return 0;
}

/* ---- tables: boilerplate of news sites ---------------------------------------------------- */

enum match_how { AT_START, WHOLE };

typedef struct marker {
    const char *text;
    uint8_t how;
    uint8_t kind;
} marker_t;

/* Headings of link lists; compared against the whole line without a trailing colon. */
static const char *const link_headings[] = {
    "related posts",
    "related news",
    "related stories",
    "related videos",
    "related articles",
    "related",
    "related content",
    "related topics",
    "read more",
    "read also",
    "read next",
    "also read",
    "see also",
    "more on the topic",
    "more on this topic",
    "more stories",
    "more news",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "most read",
    "most popular",
    "trending",
    "popular posts",
    "latest news",
    "latest posts",
    "further reading",
    "more from this author",
    "also on",
    "editor's picks",
    "top stories",
};

static const marker_t markers[] = {
    /* links and share bars inside or after an article */
    {"read next:", AT_START, LK_BOILER},
    {"read more:", AT_START, LK_BOILER},
    {"read also:", AT_START, LK_BOILER},
    {"also read:", AT_START, LK_BOILER},
    {"see also:", AT_START, LK_BOILER},
    {"related:", AT_START, LK_BOILER},
    {"video:", AT_START, LK_BOILER},
    {"watch:", AT_START, LK_BOILER},
    {"click here", AT_START, LK_BOILER},
    {"follow us on", AT_START, LK_BOILER},
    {"visit and follow us", AT_START, LK_BOILER},
    {"subscribe to our", AT_START, LK_BOILER},
    {"sign up for", AT_START, LK_BOILER},
    {"share this", AT_START, LK_BOILER},
    {"share on ", AT_START, LK_BOILER},
    {"like this:", AT_START, LK_BOILER},
    {"loading...", WHOLE, LK_BOILER},
    {"tags:", AT_START, LK_BOILER},
    {"filed under", AT_START, LK_BOILER},
    {"www.", AT_START, LK_BOILER},
    {"http://", AT_START, LK_BOILER},
    {"https://", AT_START, LK_BOILER},
    {"advertisement", WHOLE, LK_BOILER},
    {"print", WHOLE, LK_BOILER},
    {"email", WHOLE, LK_BOILER},
    {"author", WHOLE, LK_BOILER},
    {"about the author", WHOLE, LK_BOILER},
    /* photo credits */
    {"photo credit", AT_START, LK_CREDIT},
    {"(photo credit", AT_START, LK_CREDIT},
    {"photo:", AT_START, LK_CREDIT},
    {"(photo:", AT_START, LK_CREDIT},
    {"image credit", AT_START, LK_CREDIT},
    {"image:", AT_START, LK_CREDIT},
    {"photo by ", AT_START, LK_CREDIT},
    /* source lines */
    {"source:", AT_START, LK_SOURCE},
    {"source", WHOLE, LK_SOURCE},
    /* site footers, disclaimers, newsletters */
    {"copyright", AT_START, LK_BOILER},
    {"\xC2\xA9", AT_START, LK_BOILER},
    {"all rights reserved", AT_START, LK_BOILER},
    {"%d bloggers like this", AT_START, LK_BOILER},
    {"[ last update", AT_START, LK_BOILER},
    {"[last update", AT_START, LK_BOILER},
    {"last update:", AT_START, LK_BOILER},
    {"to receive global research", AT_START, LK_BOILER},
    {"all global research articles", AT_START, LK_BOILER},
    {"note to readers:", AT_START, LK_BOILER},
    {"the original source of this article is", AT_START, LK_BOILER},
    {"proofread by", AT_START, LK_BOILER},
    {"edited by", AT_START, LK_BOILER},
    {"the item is being updated", AT_START, LK_BOILER},
    /* comment sections and paywalls: the article is over */
    {"comments are closed", AT_START, LK_END},
    {"leave a reply", AT_START, LK_END},
    {"leave a comment", AT_START, LK_END},
    {"post a comment", AT_START, LK_END},
    {"add a comment", AT_START, LK_END},
    {"add comment", AT_START, LK_END},
    {"monthly subscription", AT_START, LK_END},
    {"subscribe or donate", AT_START, LK_END},
    {"subscribe to get access", AT_START, LK_END},
    {"subscribe to continue reading", AT_START, LK_END},
    {"read more of this content when you subscribe", AT_START, LK_END},
    {"this content is for subscribers", AT_START, LK_END},
    {"website by", AT_START, LK_END},
};

/* Boilerplate recognised anywhere in a short line (case-sensitive, as sites write them). */
static const char *const inner_markers[] = {
    "can also be accessed at the following",
    "bloggers like this",
    "Daily Newsletter",
    "All rights reserved",
};

/* Disclaimers that end an opinion piece; they may stand alone or be glued to the last paragraph. */
static const char *const disclaimers[] = {"not necessarily reflect", "do not reflect the views of",
                                          "do not reflect the opinion"};
static const char *const glued_credits[] = {"Photo Credit:", "Photo credit:", "Image Credit:"};
enum { DISCLAIMER_SPAN = 400, GLUED_CREDIT_SPAN = 80 };

/* Prefixes that make a short line a byline, and the words after which the name starts. */
static const char *const byline_labels[] = {
    "written by", "words by",  "reported by", "report by",
    "story by",   "posted by", "authors:",    "author:",
};

/* ---- line classification ----------------------------------------------------------------- */

static int is_link_heading(const unsigned char *s, size_t n)
{
    n = core_len(s, n);
    if (n == 0 || n > 40) return 0;
    for (size_t k = 0; k < sizeof link_headings / sizeof link_headings[0]; k++) {
        if (lower(s[0]) != (unsigned char)link_headings[k][0]) continue;
        size_t m = prefix_len(s, n, link_headings[k]);
        if (m == n) return 1;
    }
    /* "Related Coverage", "RELATED ARTICLES": a short label starting with Related */
    size_t m = prefix_len(s, n, "related ");
    if (m && m < n) {
        int words = 1;
        for (size_t i = m; i < n; i++)
            if (s[i] == ' ') words++;
        return words <= 2;
    }
    return 0;
}

static int marker_kind(const unsigned char *s, size_t n)
{
    for (size_t k = 0; k < sizeof markers / sizeof markers[0]; k++) {
        const marker_t *mk = &markers[k];
        if (lower(s[0]) != lower((unsigned char)mk->text[0])) continue;
        size_t m = prefix_len(s, n, mk->text);
        if (!m) continue;
        if (mk->how == AT_START || core_len(s, n) == m) return mk->kind;
    }
    /* a caption that credits its photo: "... (Photo credit: AFP)" */
    for (const unsigned char *c = s; (c = memchr(c, '(', n - (size_t)(c - s))) != NULL; c++)
        if (prefix_len(c, n - (size_t)(c - s), "(photo credit")) return LK_CREDIT;
    if (n > INNER_MARKER_MAX) return LK_TEXT;
    for (size_t k = 0; k < sizeof inner_markers / sizeof inner_markers[0]; k++)
        if (find_bytes(s, n, inner_markers[k], strlen(inner_markers[k]))) return LK_BOILER;
    return LK_TEXT;
}

/* Where the name starts in a byline, or 0 when the line is not one. */
static size_t byline_name_at(const unsigned char *s, size_t n)
{
    if (n > 90) return 0;
    for (size_t k = 0; k < sizeof byline_labels / sizeof byline_labels[0]; k++) {
        size_t m = prefix_len(s, n, byline_labels[k]);
        if (m) return m;
    }
    if (n < 4 || s[0] != 'B' || s[1] != 'y') return 0;
    size_t i = 2, k, spaced = 0;
    while (i < n && (k = space_at(s, n, i)) > 0)
        i += k, spaced = 1;
    if (i >= n) return 0;
    /* "By Zaher Mousa", "ByNews Desk", "By Çete": a capital (or non-ASCII) letter follows */
    if (!(is_upper(s[i]) || (spaced && s[i] >= 0x80))) return 0;
    unsigned char end = last_mark(s, n);
    if (end == '.' || end == '!' || end == '?') return 0;
    return i;
}

static int looks_like_tag_line(const unsigned char *s, size_t n)
{
    if (n < 2 || s[0] != '#') return 0;
    size_t hashes = 0;
    for (size_t i = 0; i < n; i++)
        hashes += s[i] == '#';
    return hashes >= 2;
}

/* No letters at all ("*", "0 /200", "---"): decoration or widget residue. */
static int is_noise(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80) return 0; /* non-Latin letters */
    return 1;
}

static int has_clock_time(const unsigned char *s, size_t n)
{
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == ':' && is_digit(s[i - 1]) && is_digit(s[i + 1]) && is_digit(s[i + 2])) return 1;
    return 0;
}

/* Words in s[0, n), counted up to WORDS_CAP: no rule needs to know more, and long paragraphs
 * then cost only their first few hundred bytes. */
static size_t count_words(const unsigned char *s, size_t n)
{
    size_t words = 0, k;
    int in_word = 0;
    for (size_t i = 0; i < n && words < WORDS_CAP;) {
        unsigned char c = s[i];
        if (c > ' ' && c < 0x80) { /* the common case, without the Unicode space tests */
            words += !in_word;
            in_word = 1;
            i++;
        } else if ((k = space_at(s, n, i)) > 0) {
            in_word = 0;
            i += k;
        } else {
            words += !in_word;
            in_word = 1;
            i++;
        }
    }
    return words;
}

/* "darrel snider 19:13 13.10.2021": a commenter's name (at most three words) and a timestamp,
 * no sentence. */
static int is_comment_head(const unsigned char *s, size_t n, size_t words)
{
    char iso[11];
    size_t ms, me;
    if (n > 80 || words > 8 || !has_clock_time(s, n)) return 0;
    if (!date_find((const char *)s, n, iso, &ms, &me)) return 0;
    size_t inside = count_words(s + ms, me - ms) + 1; /* the date and the clock time */
    if (words < inside || words - inside > 3) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.' && (i + 1 == n || s[i + 1] == ' ') && !is_digit(s[i ? i - 1 : 0])) return 0;
    return 1;
}

/* "The Cradle 5 March 2022": a date plus at most four other words, no sentence. */
static int is_dateline(const unsigned char *s, size_t n, size_t words)
{
    char iso[11];
    size_t ms, me;
    if (n > 80 || words > 8) return 0;
    if (!date_find((const char *)s, n, iso, &ms, &me)) return 0;
    size_t inside = count_words(s + ms, me - ms);
    return words - inside <= 4 && last_mark(s, n) != '.';
}

/* A photo caption: ends in "(Reuters)"-like credit after a sentence, or names an agency photo. */
static int is_caption(const unsigned char *s, size_t n)
{
    /* every line is tested: the credits with a '/' are looked for only when there is one */
    if ((memchr(s, '/', n) && (find_bytes(s, n, "REUTERS/", 8) || find_bytes(s, n, "AFP/", 4) ||
                               find_bytes(s, n, "/AFP", 4))) ||
        find_bytes(s, n, "Getty Images", 12) || find_bytes(s, n, "AP Photo", 8))
        return 1;
    if (n < 4 || s[n - 1] != ')') return 0;
    size_t open = n - 1;
    while (open > 0 && s[open] != '(')
        open--;
    if (s[open] != '(' || n - open > 32 || !is_upper(s[open + 1])) return 0;
    size_t before = open;
    while (before > 0 && s[before - 1] == ' ')
        before--;
    return before > 0 && s[before - 1] == '.';
}

/* 2-4 words each starting with a capital (or a name particle), no digits: "Robert Inlakesh". */
static int is_bare_name(const unsigned char *s, size_t n, size_t words)
{
    static const char *const particles[] = {"al",  "el", "bin", "ibn", "de", "van",
                                            "von", "da", "di",  "la",  "le", "abu"};
    if (words < 2 || words > 4 || n > 40) return 0;
    size_t body = (s[n - 1] == ',') ? n - 1 : n;
    for (size_t i = 0; i < body; i++) {
        unsigned char c = s[i];
        if (is_digit(c) || strchr(",;:!?()[]\"/|#@&*", c) != NULL) return 0;
        int word_start = i == 0 || s[i - 1] == ' ' || (i >= 2 && s[i - 2] == 0xC2);
        if (!word_start || c == ' ' || is_upper(c) || c >= 0x80) continue;
        int particle = 0;
        for (size_t k = 0; k < sizeof particles / sizeof particles[0]; k++) {
            size_t m = prefix_len(s + i, body - i, particles[k]);
            if (m && (i + m == body || s[i + m] == ' ' || s[i + m] == '-')) particle = 1;
        }
        if (!particle) return 0;
    }
    return 1;
}

/* Where boilerplate glued to the end of a line starts in s[0, n): the sentence holding a
 * disclaimer, or a photo credit pasted after a caption ("...as 'Shia?'Photo Credit: The Cradle").
 * 0 when the whole line is a disclaimer, NONE when there is nothing glued. Only the end of the
 * line is searched, so the cost per line is bounded. */
static size_t glued_start(const unsigned char *s, size_t n)
{
    size_t from = n > DISCLAIMER_SPAN ? n - DISCLAIMER_SPAN : 0;
    const unsigned char *hit = NULL;
    if (last_mark(s, n) == '.' && find_bytes(s + from, n - from, "reflect", 7)) {
        for (size_t k = 0; k < sizeof disclaimers / sizeof disclaimers[0] && !hit; k++)
            hit = find_bytes(s + from, n - from, disclaimers[k], strlen(disclaimers[k]));
    }
    if (hit) {
        size_t i = (size_t)(hit - s);
        while (i > 0 && !(s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?'))
            i--;
        while (i < n && s[i] == ' ')
            i++;
        return i;
    }
    from = n > GLUED_CREDIT_SPAN ? n - GLUED_CREDIT_SPAN : 0;
    if (!memchr(s + from, ':', n - from) || !find_bytes(s + from, n - from, "redit:", 6))
        return NONE;
    for (size_t k = 0; k < sizeof glued_credits / sizeof glued_credits[0]; k++) {
        hit = find_bytes(s + from, n - from, glued_credits[k], strlen(glued_credits[k]));
        if (hit && hit > s) return (size_t)(hit - s);
    }
    return NONE;
}

static uint8_t shape_flags(const unsigned char *s, size_t n, size_t words)
{
    uint8_t f = 0;
    unsigned char end = last_mark(s, n);
    int sentence = end == '.' || end == '!' || end == '?';
    int unfinished = !(end == '.' || end == ',' || end == ';' || end == ':');
    if (sentence) f |= F_SENTENCE;
    if ((n >= 100 && sentence) || words >= 20) f |= F_PROSE;
    if (unfinished && n <= 220 && words <= 30) f |= F_SHORT;
    if (unfinished && n >= 8 && n <= 220 && words >= 2 && words <= 25 && !is_lower(s[0]) &&
        s[0] != '(' && s[0] != '[' && s[0] != '-')
        f |= F_HEADLINE;
    if (n <= 300 && is_caption(s, n)) f |= F_CAPTION;
    if (is_bare_name(s, n, words)) f |= F_NAME;
    return f;
}

static void classify_line(line_t *l, const char *buf)
{
    const unsigned char *s = (const unsigned char *)buf + l->ts;
    size_t n = l->te - l->ts;
    char iso[11];
    l->kind = LK_BLANK;
    l->flags = 0;
    l->words = 0;
    l->glued = 0;
    if (n == 0) return;
    size_t words = count_words(s, n);
    l->words = words > UINT16_MAX ? UINT16_MAX : (uint16_t)words;
    l->kind = LK_TEXT;
    size_t glued = glued_start(s, n);
    if (glued == 0) {
        l->kind = LK_BOILER;
        return;
    }
    if (glued != NONE) l->glued = (uint16_t)(n - glued);
    int has_digit = 0;
    for (size_t i = 0; i < n && i < MARKER_MAX && !has_digit; i++)
        has_digit = is_digit(s[i]);
    if (n <= MARKER_MAX) {
        if (n <= DATE_LINE_MAX && has_digit && date_parse_line((const char *)s, n, iso)) {
            l->kind = LK_DATE;
        } else if (is_link_heading(s, n)) {
            l->kind = LK_HEADING;
        } else if (has_digit && is_comment_head(s, n, words)) {
            l->kind = LK_END;
            l->flags = F_DATELINE; /* in a header it is a dateline, not a comment */
        } else if ((l->kind = (uint8_t)marker_kind(s, n)) != LK_TEXT) {
            /* kind set by the tables */
        } else if (byline_name_at(s, n)) {
            l->kind = LK_BYLINE;
        } else if (looks_like_tag_line(s, n) || is_noise(s, n)) {
            l->kind = LK_BOILER;
        }
    }
    if (l->kind != LK_TEXT) return;
    l->flags = shape_flags(s, n, words);
    if (has_digit && is_dateline(s, n, words)) {
        l->flags |= F_DATELINE;
        l->flags &= (uint8_t) ~(F_HEADLINE | F_NAME);
    }
}

static void trim_line(line_t *l, const unsigned char *s)
{
    size_t a = l->start, b = l->end, k;
    while (a < b && (k = space_at(s, b, a)) > 0)
        a += k;
    for (;;) {
        if (b > a && (s[b - 1] == ' ' || (s[b - 1] >= '\t' && s[b - 1] <= '\r'))) {
            b--;
        } else if (b >= a + 2 && s[b - 2] == 0xC2 && s[b - 1] == 0xA0) {
            b -= 2;
        } else if (b >= a + 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 &&
                   (s[b - 1] <= 0x8B || s[b - 1] == 0xAF)) {
            b -= 3;
        } else {
            break;
        }
    }
    l->ts = a;
    l->te = b;
}

/* In a document whose paragraphs are separated by blank lines, lines stacked without a blank
 * between them are lists (link lists, tag clouds), not paragraphs. Decided on the lines read so
 * far: blank lines at least two thirds as many as the others. */
static int blank_separated(const doc_t *d)
{
    return d->blank * 3 >= d->nonblank * 2;
}

static int tight(const doc_t *d, size_t i)
{
    if (!blank_separated(d) || d->lines[i].kind == LK_BLANK) return 0;
    return (i > 0 && d->lines[i - 1].kind != LK_BLANK) ||
           (i + 1 < d->n && d->lines[i + 1].kind != LK_BLANK);
}

typedef struct reader {
    const char *buf;
    size_t len, at, lineno;
} reader_t;

/* Reads and classifies the next line; 0 at the end of the buffer. */
static int next_line(reader_t *r, line_t *l)
{
    if (r->at >= r->len) return 0; /* a final newline does not open an empty line */
    const char *nl = memchr(r->buf + r->at, '\n', r->len - r->at);
    size_t end = nl ? (size_t)(nl - r->buf) : r->len;
    l->start = r->at;
    l->end = end;
    if (l->end > l->start && r->buf[l->end - 1] == '\r') l->end--;
    l->lineno = ++r->lineno;
    trim_line(l, (const unsigned char *)r->buf);
    classify_line(l, r->buf);
    r->at = end + 1;
    return 1;
}

/* Appends a line to the piece; a blank line after a blank line is only counted. */
static int doc_push(doc_t *d, const line_t *l)
{
    if (l->kind == LK_BLANK)
        d->blank++;
    else
        d->nonblank++;
    if (l->kind == LK_BLANK && d->n > 0 && d->lines[d->n - 1].kind == LK_BLANK) return 0;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        line_t *g = realloc(d->lines, cap * sizeof *g);
        if (!g) return -1;
        d->lines = g;
        d->cap = cap;
    }
    d->lines[d->n++] = *l;
    return 0;
}

/* Drops the first k lines of the piece (they were handed on). */
static void doc_shift(doc_t *d, size_t k)
{
    memmove(d->lines, d->lines + k, (d->n - k) * sizeof *d->lines);
    d->n -= k;
}

/* ---- where articles start ---------------------------------------------------------------- */

static size_t prev_nonblank(const doc_t *d, size_t i, size_t floor)
{
    while (i > floor) {
        i--;
        if (d->lines[i].kind != LK_BLANK) return i;
    }
    return NONE;
}

/* A headline that sits right under another line is an item of a list or a kicker. */
static int stacked(const doc_t *d, size_t i)
{
    return tight(d, i) && i > 0 && d->lines[i - 1].kind != LK_BLANK;
}

/* The headline for the date line at `date`, or NONE when the date does not open an article.
 * "Headline / date" and "Headline / summary / date" both count. */
static size_t headline_for(const doc_t *d, size_t date, size_t floor)
{
    size_t p1 = prev_nonblank(d, date, floor);
    if (p1 == NONE || d->lines[p1].kind != LK_TEXT) return NONE;
    const line_t *l1 = &d->lines[p1];
    size_t p2 = prev_nonblank(d, p1, floor);
    int p2_headline = p2 != NONE && d->lines[p2].kind == LK_TEXT &&
                      (d->lines[p2].flags & F_HEADLINE) && !stacked(d, p2);
    int summary = line_len(l1) >= 60 && line_len(l1) <= 400 && !tight(d, p1) && p2_headline &&
                  line_len(l1) > line_len(&d->lines[p2]);
    if (summary) return p2;
    if ((l1->flags & F_HEADLINE) && !stacked(d, p1)) return p1;
    return NONE;
}

/* ---- one article --------------------------------------------------------------------------- */

typedef struct piece {
    size_t first, stop; /* lines [first, stop) */
    size_t head, date;  /* NONE when the piece has no headline/date opening */
    size_t title;       /* line of the title or NONE */
    size_t body_first;  /* first body line */
    size_t cut;         /* first line after the body */
    size_t date_line;   /* line the date was read from, or NONE */
    size_t byline_line; /* NONE or the byline line */
    int continued;      /* continues a piece handed on for length: no header */
} piece_t;

/* Name in a byline line: after "By"/"Written by", without dashes, colons and spaces around. */
static char *byline_name(const doc_t *d, const line_t *l)
{
    const unsigned char *s = line_text(d, l);
    size_t n = line_len(l);
    size_t at = byline_name_at(s, n);
    if (l->kind != LK_BYLINE) at = 0;
    size_t k;
    for (;;) {
        if (at < n && (s[at] == '-' || s[at] == ':')) {
            at++;
        } else if (at + 2 < n && s[at] == 0xE2 && s[at + 1] == 0x80 &&
                   (s[at + 2] == 0x93 || s[at + 2] == 0x94)) {
            at += 3;
        } else if (at < n && (k = space_at(s, n, at)) > 0) {
            at += k;
        } else {
            break;
        }
    }
    size_t e = core_len(s + at, n - at);
    if (e > 0 && s[at + e - 1] == ',') e--;
    return clean_dup(s + at, e);
}

/* The title: the first line when it looks like a headline; a short kicker right above a longer
 * headline ("The Iranian Threat" / "Quds Force Commander ...") gives way to the headline. */
static size_t single_title(const doc_t *d, size_t first, size_t stop, size_t *after)
{
    size_t f = first;
    while (f < stop && d->lines[f].kind == LK_BLANK)
        f++;
    *after = f;
    if (f >= stop || d->lines[f].kind != LK_TEXT || !(d->lines[f].flags & F_HEADLINE)) return NONE;
    *after = f + 1;
    if (f + 1 < stop) {
        const line_t *g = &d->lines[f + 1];
        if (g->kind == LK_TEXT && (g->flags & F_HEADLINE) && d->lines[f].words <= 4 &&
            g->words > d->lines[f].words) {
            *after = f + 2;
            return f + 1;
        }
    }
    return f;
}

/* Lines after the opening that still belong to the header: dates, source, byline, photo credit,
 * caption, a site's header boilerplate, and up to two summary lines between them. */
static size_t scan_header(const doc_t *d, piece_t *p, size_t from)
{
    size_t last = NONE, seen = 0;
    int prose = 0, after_meta = 1;
    for (size_t i = from; i < p->stop && seen < HEADER_WINDOW; i++) {
        const line_t *l = &d->lines[i];
        if (l->kind == LK_BLANK) continue;
        seen++;
        int meta = 1;
        switch (l->kind) {
        case LK_DATE:
            if (p->date_line == NONE) p->date_line = i;
            break;
        case LK_BYLINE:
            if (p->byline_line == NONE) p->byline_line = i;
            break;
        case LK_SOURCE:
        case LK_CREDIT:
            break;
        case LK_BOILER:
            if (prose) return last;
            break;
        case LK_END:
            if (prose == 0 && (l->flags & F_DATELINE)) break;
            return last;
        case LK_HEADING:
            return last;
        default:
            if (l->flags & F_CAPTION) break;
            if (prose == 0 && (l->flags & F_DATELINE)) break;
            if (prose == 0 && after_meta && (l->flags & F_NAME)) {
                if (p->byline_line == NONE && d->buf[l->te - 1] != ',') p->byline_line = i;
                break;
            }
            meta = 0;
        }
        if (meta) {
            last = i;
            after_meta = 1;
            continue;
        }
        after_meta = 0;
        if (++prose > 2 || line_len(l) > 400) break;
    }
    return last;
}

/* Is this line a piece of real text (not a label, list item or widget)? */
static int is_text(const line_t *l)
{
    return l->kind == LK_TEXT && !(l->flags & F_CAPTION);
}

/* When line i ends a block of short unfinished lines stacked with no blank between (a link
 * list), the first line of that block; else NONE. Each block is scanned once by the caller. */
static size_t link_block_start(const doc_t *d, size_t i, size_t floor)
{
    const line_t *l = &d->lines[i];
    if (!tight(d, i) || !(l->flags & F_SHORT) || !is_text(l)) return NONE;
    size_t a = i;
    while (a > floor && d->lines[a - 1].kind != LK_BLANK)
        a--;
    for (size_t k = a; k <= i; k++) {
        const line_t *m = &d->lines[k];
        if (m->kind == LK_TEXT && !(m->flags & F_SHORT)) return NONE;
    }
    return a;
}

/* First line after the body in lines [b, e): cut at the first end marker (comments, paywall)
 * and at the first boilerplate after the last paragraph, then walk back over what is left of
 * the tail (blank lines, boilerplate, link lists, captions). */
static size_t find_cut(const doc_t *d, size_t b, size_t e)
{
    size_t last_prose = NONE, last_sentence = NONE, cut = e;
    for (size_t i = b; i < e; i++) {
        const line_t *l = &d->lines[i];
        /* "Leave a comment" above the text is a link; below it, the article is over */
        if (l->kind == LK_END && (last_prose != NONE || last_sentence != NONE)) {
            cut = i;
            break;
        }
        if (!is_text(l)) continue;
        /* a paragraph, or a finished sentence of some length; link titles ending in "?" and
         * one-line reader comments are neither */
        if ((l->flags & F_PROSE) ||
            (l->words >= 8 && last_mark(line_text(d, l), line_len(l)) == '.'))
            last_prose = i;
        if (l->flags & F_SENTENCE) last_sentence = i;
    }
    size_t anchor = last_prose != NONE ? last_prose : last_sentence;
    size_t from = anchor == NONE ? b : anchor + 1;
    for (size_t i = from; i < cut; i++) {
        uint8_t k = d->lines[i].kind;
        if (k != LK_BLANK && k != LK_TEXT && k != LK_BYLINE) {
            cut = i;
            break;
        }
    }
    while (cut > b) {
        size_t i = cut - 1;
        const line_t *l = &d->lines[i];
        if (l->kind == LK_TEXT && !(l->flags & F_CAPTION)) {
            size_t a = link_block_start(d, i, b);
            if (a == NONE) break;
            i = a;
        }
        cut = i;
    }
    return cut;
}

/* End of the article text on its last line: before a glued disclaimer or credit, if any. */
static size_t text_end(const doc_t *d, const line_t *l)
{
    if (!l->glued) return l->end;
    size_t e = l->te - l->glued;
    while (e > l->ts && d->buf[e - 1] == ' ')
        e--;
    return e;
}

/* Lines inside the body that are not article text and are blanked in the copy. */
static int interior_boiler(const line_t *l)
{
    return l->kind != LK_BLANK && !is_text(l);
}

static int fill_body(const doc_t *d, const piece_t *p, segment_t *seg)
{
    size_t last = p->cut;
    while (last > p->body_first && d->lines[last - 1].kind == LK_BLANK)
        last--;
    seg->body_start = d->lines[p->body_first].start;
    seg->body_end = text_end(d, &d->lines[last - 1]);
    size_t n = seg->body_end - seg->body_start;
    seg->body = malloc(n + 1);
    if (!seg->body) return -1;
    memcpy(seg->body, d->buf + seg->body_start, n);
    seg->body[n] = '\0';
    int in_list = 0;
    for (size_t i = p->body_first; i < last; i++) {
        const line_t *l = &d->lines[i];
        if (l->kind == LK_HEADING)
            in_list = 1;
        else if (is_text(l) && !(l->flags & F_SHORT))
            in_list = 0;
        if (interior_boiler(l) || (in_list && l->kind != LK_BLANK)) {
            memset(seg->body + (l->start - seg->body_start), ' ', l->end - l->start);
        } else if (l->glued && l->te <= seg->body_end) {
            memset(seg->body + (l->te - l->glued - seg->body_start), ' ', l->glued);
        }
    }
    return 0;
}

/* ---- outlet -------------------------------------------------------------------------------- */

/* A name of an outlet as sites print it: 1-5 words, capitalised, no digits, not a generic word. */
static int outlet_name_ok(const unsigned char *s, size_t n)
{
    static const char *const generic[] = {"agencies", "news agencies", "agency",  "staff",
                                          "internet", "social media",  "various", "unknown"};
    if (n == 0 || n > 60) return 0;
    size_t words = count_words(s, n);
    if (words > 5) return 0;
    for (size_t k = 0; k < sizeof generic / sizeof generic[0]; k++)
        if (prefix_len(s, n, generic[k]) == n) return 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(s[i]) || s[i] == ',' || s[i] == ';') return 0;
        int word_start = i == 0 || s[i - 1] == ' ';
        if (word_start && is_lower(s[i]) && prefix_len(s + i, n - i, "of ") == 0 &&
            prefix_len(s + i, n - i, "al ") == 0 && prefix_len(s + i, n - i, "the ") == 0)
            return 0;
    }
    return 1;
}

static char *dup_name(const unsigned char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ' '))
        n--;
    return clean_dup(s, n);
}

/* Outlet named after a phrase in the line ("... reflect those of The Cradle."), or NULL. */
static char *outlet_after(const unsigned char *s, size_t n, const char *phrase)
{
    const unsigned char *p = find_bytes(s, n, phrase, strlen(phrase));
    if (!p) return NULL;
    p += strlen(phrase);
    size_t rest = n - (size_t)(p - s), k = 0;
    while (k < rest && p[k] != ',' && p[k] != ';' &&
           !(p[k] == '.' && (k + 1 == rest || p[k + 1] == ' ')))
        k++;
    return outlet_name_ok(p, k) ? dup_name(p, k) : NULL;
}

/* "Press TV’s website can also be accessed ...": the name before the possessive. */
static char *outlet_before_possessive(const unsigned char *s, size_t n)
{
    const unsigned char *p = find_bytes(s, n, "\xE2\x80\x99s website", 11);
    if (!p) p = find_bytes(s, n, "'s website", 10);
    if (!p || p == s) return NULL;
    size_t k = (size_t)(p - s);
    return outlet_name_ok(s, k) ? dup_name(s, k) : NULL;
}

/* Outlet named by a byline: "By The Cradle", "By Al Mayadeen English", "The Cradle’s Iraq
 * Correspondent". Person names and desks ("News Desk", "Staff, Agencies") are not outlets. */
static char *outlet_from_byline(const char *name)
{
    static const char *const org_words[] = {" English", " News",  " TV",      " Agency",
                                            " Press",   " Media", " Network", " Times",
                                            " Post",    " Radio", " Channel", " Online"};
    static const char *const desk_words[] = {"Desk", "Staff", "Agencies", "Editor", "Team"};
    if (!name) return NULL;
    size_t n = strlen(name);
    const unsigned char *s = (const unsigned char *)name;
    for (size_t k = 0; k < sizeof desk_words / sizeof desk_words[0]; k++)
        if (strstr(name, desk_words[k])) return NULL;
    const char *poss = strstr(name, "\xE2\x80\x99s");
    if (!poss) poss = strstr(name, "'s");
    if (poss &&
        (strstr(poss, "Correspondent") || strstr(poss, "Reporter") || strstr(poss, "Bureau")))
        return outlet_name_ok(s, (size_t)(poss - name)) ? dup_name(s, (size_t)(poss - name)) : NULL;
    if (!outlet_name_ok(s, n)) return NULL;
    if (strncmp(name, "The ", 4) == 0) return dup_name(s, n);
    for (size_t k = 0; k < sizeof org_words / sizeof org_words[0]; k++) {
        const char *w = strstr(name, org_words[k]);
        size_t wl = strlen(org_words[k]);
        if (w && (w[wl] == '\0' || w[wl] == ' ')) return dup_name(s, n);
    }
    return NULL;
}

/* Value after "Source:" / "Photo Credit:" (the label and its colon skipped). */
static const unsigned char *label_value(const unsigned char *s, size_t n, size_t *vn)
{
    const unsigned char *c = memchr(s, ':', n);
    if (!c) {
        *vn = 0;
        return s + n;
    }
    size_t at = (size_t)(c - s) + 1, k;
    while (at < n && (k = space_at(s, n, at)) > 0)
        at += k;
    *vn = n - at;
    return s + at;
}

typedef struct outlet_pick {
    char *name;
    int rank; /* lower is stronger */
} outlet_pick_t;

static void offer(outlet_pick_t *o, char *name, int rank)
{
    if (!name) return;
    if (!*name || (o->name && o->rank <= rank)) {
        free(name);
        return;
    }
    free(o->name);
    o->name = name;
    o->rank = rank;
}

/* Outlet from what the piece says about itself, strongest first: "The original source of this
 * article is X", a "Source: X" line in the header or tail, a byline naming an outlet, a
 * disclaimer naming it, a "X's website" footer, a photo credit the body also names. */
static char *find_outlet(const doc_t *d, const piece_t *p, const segment_t *seg)
{
    outlet_pick_t o = {NULL, 100};
    int credits_checked = 0; /* each check reads the body: a few are enough */
    offer(&o, outlet_from_byline(seg->byline), 3);
    for (size_t i = p->first; i < p->stop; i++) {
        const line_t *l = &d->lines[i];
        const unsigned char *s = line_text(d, l);
        size_t n = line_len(l), vn;
        int outside_body = i < p->body_first || i >= p->cut;
        if (l->kind == LK_SOURCE && outside_body) {
            const unsigned char *v = label_value(s, n, &vn);
            if (outlet_name_ok(v, vn)) offer(&o, dup_name(v, vn), 2);
        } else if (l->kind == LK_BOILER || l->glued) {
            offer(&o, outlet_after(s, n, "original source of this article is "), 1);
            offer(&o, outlet_after(s, n, "reflect those of "), 4);
            offer(&o, outlet_after(s, n, "reflect the opinion of "), 4);
            offer(&o, outlet_after(s, n, "reflect the views of "), 4);
            offer(&o, outlet_before_possessive(s, n), 5);
        } else if (l->kind == LK_CREDIT && o.rank > 6 && credits_checked < 3 &&
                   prefix_len(s, n, "photo credit:")) {
            const unsigned char *v = label_value(s, n, &vn);
            credits_checked++;
            if (vn > 0 && vn <= 40 && outlet_name_ok(v, vn) && seg->body &&
                find_bytes(seg->body, seg->body_end - seg->body_start, v, vn))
                offer(&o, dup_name(v, vn), 6);
        }
    }
    return o.name;
}

/* ---- pieces to segments -------------------------------------------------------------------- */

static char *line_dup(const doc_t *d, size_t i)
{
    const line_t *l = &d->lines[i];
    return clean_dup(line_text(d, l), line_len(l));
}

/* Sets *out to the ISO date the line gives (NULL when it gives none); -1 when memory runs out. */
static int date_of_line(const doc_t *d, size_t i, char **out)
{
    char iso[11];
    const line_t *l = &d->lines[i];
    size_t ms, me;
    *out = NULL;
    if (!date_parse_line(d->buf + l->ts, line_len(l), iso) &&
        !date_find(d->buf + l->ts, line_len(l), iso, &ms, &me))
        return 0;
    *out = str_dup(iso);
    return *out ? 0 : -1;
}

/* An empty title or byline is no title or byline. */
static void drop_empty(char **s)
{
    if (*s && **s == '\0') {
        free(*s);
        *s = NULL;
    }
}

/* Fills seg from the piece; returns 1 when it holds article text, 0 when not, -1 on no memory. */
static int build_segment(const doc_t *d, piece_t *p, segment_t *seg)
{
    size_t from;
    memset(seg, 0, sizeof *seg);
    p->date_line = p->byline_line = NONE;
    size_t last_header = NONE;
    if (p->continued) {
        p->title = NONE;
        from = p->first;
    } else if (p->head != NONE) {
        p->title = p->head;
        p->date_line = p->date;
        from = p->date + 1;
    } else {
        p->title = single_title(d, p->first, p->stop, &from);
    }
    if (!p->continued) last_header = scan_header(d, p, from);
    p->body_first = last_header == NONE ? from : last_header + 1;
    /* the body opens with text: boilerplate above it ("Leave a comment", a share bar) is not in it
     */
    while (p->body_first < p->stop && !is_text(&d->lines[p->body_first]))
        p->body_first++;
    p->cut = p->body_first < p->stop ? find_cut(d, p->body_first, p->stop) : p->body_first;
    int has_text = 0;
    for (size_t i = p->body_first; i < p->cut && !has_text; i++)
        has_text = is_text(&d->lines[i]) && (d->lines[i].flags & (F_PROSE | F_SENTENCE));
    if (!has_text) return 0;

    seg->start = d->lines[p->first].start;
    seg->end = p->stop < d->n ? d->lines[p->stop].start : d->len;
    seg->line = d->lines[p->first].lineno;
    if (fill_body(d, p, seg) != 0) return -1;
    if (p->title != NONE && !(seg->title = line_dup(d, p->title))) return -1;
    if (p->date_line != NONE && date_of_line(d, p->date_line, &seg->date) != 0) return -1;
    if (p->byline_line != NONE) {
        const line_t *bl = &d->lines[p->byline_line];
        seg->byline = bl->kind == LK_BYLINE ? byline_name(d, bl) : line_dup(d, p->byline_line);
        if (!seg->byline) return -1;
    }
    drop_empty(&seg->title);
    drop_empty(&seg->byline);
    seg->outlet = find_outlet(d, p, seg); /* NULL also when memory ran out: the outlet is a hint */
    return 1;
}

static void segment_clear(segment_t *s)
{
    free(s->body);
    free(s->title);
    free(s->byline);
    free(s->outlet);
    free(s->date);
    memset(s, 0, sizeof *s);
}

void segment_free(segment_t *segs, size_t n)
{
    if (!segs) return;
    for (size_t i = 0; i < n; i++)
        segment_clear(&segs[i]);
    free(segs);
}

typedef struct splitter {
    doc_t d;
    size_t head, date; /* opening of the current piece (indexes into d.lines), or NONE */
    size_t floor;      /* lines before it belong to the current piece's header */
    int continued;
    segment_t *segs;
    size_t n, cap;
} splitter_t;

/* Turns lines [0, stop) of the current piece into a segment when they hold article text. */
static int emit_piece(splitter_t *sp, size_t stop)
{
    const doc_t *d = &sp->d;
    piece_t p = {0};
    p.stop = stop;
    p.head = sp->head;
    p.date = sp->date;
    p.continued = sp->continued;
    p.first = p.head != NONE ? p.head : 0;
    while (p.first < stop && d->lines[p.first].kind == LK_BLANK)
        p.first++;
    if (p.first >= stop) return 0;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 8;
        segment_t *g = realloc(sp->segs, cap * sizeof *g);
        if (!g) return -1;
        sp->segs = g;
        sp->cap = cap;
    }
    segment_t *seg = &sp->segs[sp->n];
    int r = build_segment(d, &p, seg);
    if (r <= 0) segment_clear(seg);
    if (r < 0) return -1;
    sp->n += (size_t)r;
    return 0;
}

/* Takes the next line: a date line under a headline closes the current piece and opens a new
 * one at the headline; a piece grown past PIECE_LINES is handed on in parts. */
static int feed_line(splitter_t *sp, const line_t *l)
{
    doc_t *d = &sp->d;
    if (d->n >= PIECE_LINES) {
        size_t stop = d->n - PIECE_KEEP;
        if (emit_piece(sp, stop) != 0) return -1;
        doc_shift(d, stop);
        sp->head = sp->date = NONE;
        sp->floor = 0;
        sp->continued = 1;
    }
    if (doc_push(d, l) != 0) return -1;
    if (l->kind != LK_DATE || d->lines[d->n - 1].kind != LK_DATE) return 0;
    size_t date = d->n - 1, head = headline_for(d, date, sp->floor);
    if (head == NONE) return 0;
    if (head > 0) {
        if (emit_piece(sp, head) != 0) return -1;
        doc_shift(d, head);
    }
    sp->head = 0;
    sp->date = date - head;
    sp->floor = sp->date + 1;
    sp->continued = 0;
    return 0;
}

size_t segment_text(const char *buf, size_t len, segment_t **out)
{
    *out = NULL;
    if (!buf || len == 0) return 0;
    splitter_t sp = {.d = {buf, len, NULL, 0, 0, 0, 0}, .head = NONE, .date = NONE};
    reader_t r = {buf, len, 0, 0};
    line_t l;
    int failed = 0;
    while (!failed && next_line(&r, &l))
        failed = feed_line(&sp, &l) != 0;
    if (!failed) failed = emit_piece(&sp, sp.d.n) != 0;
    free(sp.d.lines);
    if (failed) {
        segment_free(sp.segs, sp.n);
        return (size_t)-1;
    }
    if (sp.n == 0) {
        free(sp.segs);
        return 0;
    }
    *out = sp.segs;
    return sp.n;
}

size_t boilerplate_trim_end(const char *text, size_t len)
{
    if (!text || len == 0) return 0;
    doc_t d = {text, len, NULL, 0, 0, 0, 0};
    reader_t r = {text, len, 0, 0};
    line_t l;
    int seen_text = 0;
    while (next_line(&r, &l)) {
        if (d.n >= PIECE_LINES) doc_shift(&d, d.n / 2); /* only the tail matters here */
        if (doc_push(&d, &l) != 0) {
            free(d.lines);
            return len; /* no memory: keep the text rather than lose it */
        }
        seen_text |= is_text(&l) && (l.flags & (F_PROSE | F_SENTENCE));
        if (l.kind == LK_END && seen_text) break; /* after comments or a paywall: no text */
    }
    size_t first = 0;
    while (first < d.n && d.lines[first].kind == LK_BLANK)
        first++;
    size_t cut = first < d.n ? find_cut(&d, first, d.n) : first;
    while (cut > first && d.lines[cut - 1].kind == LK_BLANK)
        cut--;
    size_t end = cut > first ? text_end(&d, &d.lines[cut - 1]) : 0;
    free(d.lines);
    return end;
}
