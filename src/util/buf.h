/* Growable byte buffers and small string helpers shared by every stage.
 * A buf_t owns its memory; buf_free releases it. Nothing here allocates behind the caller's back
 * except to grow a buffer it was handed. */
#ifndef ANNALIST_UTIL_BUF_H
#define ANNALIST_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct buf {
    char *data; /* NUL-terminated when len > 0 or after buf_cstr */
    size_t len;
    size_t cap;
} buf_t;

/* All return 0 on success, -1 when memory runs out (the buffer is left as it was). */
/* Room for extra more bytes and a NUL: the common case (room enough) is inline, since every
 * stage appends a few bytes at a time. */
int buf_grow(buf_t *b, size_t extra);
static inline int buf_reserve(buf_t *b, size_t extra)
{
    return b->len + extra + 1 <= b->cap ? 0 : buf_grow(b, extra);
}

static inline int buf_append(buf_t *b, const void *data, size_t len)
{
    if (buf_reserve(b, len) != 0) return -1;
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

static inline int buf_putc(buf_t *b, char c)
{
    return buf_append(b, &c, 1);
}
int buf_puts(buf_t *b, const char *s);
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns a NUL-terminated string (never NULL unless memory runs out); the buffer still owns it. */
const char *buf_cstr(buf_t *b);
/* Hands the memory to the caller (free() it) and resets the buffer. */
char *buf_steal(buf_t *b);
void buf_reset(buf_t *b);
void buf_free(buf_t *b);

/* strndup that returns NULL for a NULL input; the result is the caller's to free(). */
char *str_dup_n(const char *s, size_t n);
char *str_dup(const char *s);
/* Copy of s[0..n) with leading and trailing ASCII/Unicode spaces removed, or NULL if empty. */
char *str_trim_dup(const char *s, size_t n);

#endif
