/* Growable byte buffers (see buf.h). Growth doubles so appends are amortised O(1). */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_grow(buf_t *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) return -1;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int buf_puts(buf_t *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0 || buf_reserve(b, (size_t)n) != 0) {
        va_end(ap);
        return -1;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

const char *buf_cstr(buf_t *b)
{
    if (buf_reserve(b, 0) != 0) return NULL;
    b->data[b->len] = '\0';
    return b->data;
}

char *buf_steal(buf_t *b)
{
    if (!buf_cstr(b)) return NULL;
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_reset(buf_t *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_free(buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *str_dup_n(const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *str_dup(const char *s)
{
    return s ? str_dup_n(s, strlen(s)) : NULL;
}

/* Bytes of the UTF-8 space characters news pages use around text: NBSP, thin and zero-width spaces. */
static size_t space_len(const unsigned char *p, size_t n)
{
    if (n >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r'))) return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF)) return 3;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3;
    return 0;
}

char *str_trim_dup(const char *s, size_t n)
{
    if (!s) return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t start = 0, end = n, k;
    while (start < end && (k = space_len(p + start, end - start)) > 0) start += k;
    while (end > start) {
        size_t back = 0;
        for (size_t w = 1; w <= 3 && w <= end - start; w++)
            if (space_len(p + end - w, w) == w) back = w;
        if (!back) break;
        end -= back;
    }
    return end > start ? str_dup_n(s + start, end - start) : NULL;
}
