/* Event dates (see event_date.h). Explicit dates come from the ingest stage's date finder; the
 * relative words are looked for as whole words, case-insensitively. Dates are computed in days
 * since the epoch with the civil-calendar formulas, so no time zone or locale is involved. */
#include "code/event_date.h"
#include "ingest/ingest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    unsigned year = (unsigned)(y + (m <= 2)) % 10000u, month = (unsigned)m % 13u,
             day = (unsigned)d % 32u;
    /* "%04u-%02u-%02u" by hand: each part is already below its width */
    unsigned parts[3] = {year, month, day}, at[3] = {0, 5, 8}, width[3] = {4, 2, 2};
    for (int p = 0; p < 3; p++)
        for (unsigned k = width[p], v = parts[p]; k > 0; k--, v /= 10)
            out[at[p] + k - 1] = (char)('0' + v % 10);
    out[4] = out[7] = '-';
    out[10] = '\0';
}

/* Are the first 10 bytes of s (which has at least 10) "dddd-dd-dd"? */
static int is_plain_iso(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* "YYYY-MM-DD" read the way sscanf("%4d-%2d-%2d") reads it; the plain form (every article
 * date the ingest stage writes) without sscanf, which costs more than the rest per sentence. */
static int parse_iso(const char *s, long *days)
{
    int y, m, d;
    if (!s) return 0;
    if (strlen(s) >= 10 && is_plain_iso(s)) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[5] - '0') * 10 + (s[6] - '0');
        d = (s[8] - '0') * 10 + (s[9] - '0');
    } else if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        return 0;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    *days = days_from_civil(y, m, d);
    return 1;
}

/* Weekday 0 = Monday of a day count (1970-01-01 was a Thursday). */
static int weekday(long days)
{
    return (int)(((days % 7) + 10) % 7);
}

/* The day shift of a relative word (lower case, n bytes): 1 when it is one. */
static int relative_word(const char *word, size_t n, int after_last, long article, long *shift)
{
    static const struct { const char *word; unsigned char len; int shift; } RELATIVE[] = {
        {"yesterday", 9, -1}, {"today", 5, 0}, {"tonight", 7, 0}, {"tomorrow", 8, 1}};
    static const struct { const char *name; unsigned char len; } DAYS[] = {
        {"monday", 6}, {"tuesday", 7}, {"wednesday", 9}, {"thursday", 8}, {"friday", 6},
        {"saturday", 8}, {"sunday", 6}};
    if (n == 5 && after_last && memcmp(word, "night", 5) == 0) {
        *shift = -1;
        return 1;
    }
    for (size_t k = 0; k < sizeof RELATIVE / sizeof RELATIVE[0]; k++)
        if (RELATIVE[k].len == n && memcmp(word, RELATIVE[k].word, n) == 0) {
            *shift = RELATIVE[k].shift;
            return 1;
        }
    for (int d = 0; d < 7; d++)
        if (DAYS[d].len == n && memcmp(word, DAYS[d].name, n) == 0) {
            /* The most recent such day on or before the article's date: wire copy dated
             * Friday that says "on Friday" means that very day. */
            *shift = -((weekday(article) - d + 7) % 7);
            return 1;
        }
    return 0;
}

/* Is s[0..n) the word w (lower case, n bytes), in any case? */
static int word_equals(const char *s, size_t n, const char *w)
{
    for (size_t k = 0; k < n; k++)
        if (tolower((unsigned char)s[k]) != w[k]) return 0;
    return 1;
}

/* The day shift a relative word gives (1 when found), looking at each word once: "yesterday",
 * "last night", "today", "tonight", "tomorrow", or a weekday name (the last such day on or before
 * the article's date: news reports look back). The first such word of the sentence wins. Only
 * words of 5 to 9 letters can be one, so only those are lower-cased. */
static int relative_shift(const char *s, size_t len, long article, long *shift)
{
    int after_last = 0; /* the word before was "last" */
    for (size_t i = 0; i < len;) {
        while (i < len && !isalpha((unsigned char)s[i])) i++;
        size_t b = i;
        while (i < len && isalpha((unsigned char)s[i])) i++;
        size_t n = i - b;
        if (n >= 5 && n <= 9) {
            char word[9];
            for (size_t k = 0; k < n; k++) word[k] = (char)tolower((unsigned char)s[b + k]);
            if (relative_word(word, n, after_last, article, shift)) return 1;
        }
        after_last = n == 4 && word_equals(s + b, 4, "last");
    }
    return 0;
}

static int relative_date(const char *s, size_t len, long article, char out[11])
{
    long shift;
    if (!relative_shift(s, len, article, &shift)) return 0;
    civil_from_days(article + shift, out);
    return 1;
}

/* A day number 1..31 written as a whole word at s[i..]: its value and end, else 0. */
static int day_number(const char *s, size_t len, size_t i, size_t *end)
{
    int v = 0;
    size_t j = i;
    while (j < len && j < i + 2 && isdigit((unsigned char)s[j])) v = v * 10 + (s[j++] - '0');
    if (j == i || (j < len && isalnum((unsigned char)s[j])) || v < 1 || v > 31) return 0;
    /* "13th": an ordinal suffix is part of the day */
    *end = j;
    return v;
}

/* "on 9 May", "March 13": a capitalised month name next to a day number and no year (a date
 * with its year is date_find's). The year is the article's, or the one before when that would
 * put the day after the article: news reports look back. */
static int day_month_date(const char *s, size_t len, long article, char out[11])
{
    static const struct { const char *name; unsigned char len; } MONTHS[] = {
        {"January", 7}, {"February", 8}, {"March", 5},     {"April", 5},   {"May", 3},
        {"June", 4},    {"July", 4},     {"August", 6},    {"September", 9}, {"October", 7},
        {"November", 8}, {"December", 8}};
    for (size_t i = 0; i < len; i++) {
        if (!isupper((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1])))
            continue;
        size_t n = 0;
        while (i + n < len && isalpha((unsigned char)s[i + n])) n++;
        int month = 0;
        for (int m = 0; m < 12 && !month; m++)
            if (MONTHS[m].len == n && memcmp(MONTHS[m].name, s + i, n) == 0) month = m + 1;
        if (!month) {
            i += n;
            continue;
        }
        int day = 0;
        size_t end;
        if (i + n + 1 < len && s[i + n] == ' ') /* "March 13" */
            day = day_number(s, len, i + n + 1, &end);
        if (!day && i >= 2 && s[i - 1] == ' ' && isdigit((unsigned char)s[i - 2])) {
            size_t b = i - 2; /* "13 March" */
            while (b > 0 && isdigit((unsigned char)s[b - 1])) b--;
            if (b == 0 || !isalnum((unsigned char)s[b - 1])) day = day_number(s, len, b, &end);
        }
        if (!day) {
            i += n;
            continue;
        }
        char a[11];
        civil_from_days(article, a);
        int year = (a[0] - '0') * 1000 + (a[1] - '0') * 100 + (a[2] - '0') * 10 + (a[3] - '0');
        long days = days_from_civil(year, month, day);
        if (days > article) days = days_from_civil(year - 1, month, day);
        civil_from_days(days, out);
        return 1;
    }
    return 0;
}

/* The longest run of ASCII digits in s[0..len) (counted up to 4): a full date has a 4-digit
 * year, a day and month without one a day number. */
static int digit_run(const char *s, size_t len)
{
    int run = 0, best = 0;
    for (size_t i = 0; i < len && best < 4; i++) {
        run = isdigit((unsigned char)s[i]) ? run + 1 : 0;
        if (run > best) best = run;
    }
    return best;
}

int event_date_resolve(const char *sentence, size_t len, const char *article_date, char out[11])
{
    size_t start, end;
    int digits = digit_run(sentence, len);
    if (digits >= 4 && date_find(sentence, len, out, &start, &end)) return 1;
    long article;
    if (!parse_iso(article_date, &article)) return 0;
    return (digits > 0 && day_month_date(sentence, len, article, out)) ||
           relative_date(sentence, len, article, out);
}
