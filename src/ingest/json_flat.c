/* json_flat_parse (see json_flat.h): reads the common JSON Lines line without jansson's
 * byte-at-a-time lexer. It must accept only what jansson accepts and decode it exactly as
 * jansson does (duplicate keys: the last value wins, in the first key's place, since both go
 * through json_object_setn_new_nocheck); anything it is unsure of it declines. */
#include "ingest/json_flat.h"

#include <stdlib.h>
#include <string.h>

typedef struct cursor {
    const unsigned char *s;
    size_t len, i;
    char *out; /* decoded string, room for len bytes */
} cursor_t;

static void skip_ws(cursor_t *c)
{
    while (c->i < c->len && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' ||
                             c->s[c->i] == '\r'))
        c->i++;
}

static int expect(cursor_t *c, unsigned char ch)
{
    skip_ws(c);
    if (c->i >= c->len || c->s[c->i] != ch) return 0;
    c->i++;
    return 1;
}

/* Length of the valid UTF-8 sequence at p (2..4 bytes), 0 when invalid (as jansson judges). */
static size_t utf8_length(const unsigned char *p, size_t n)
{
    size_t len = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
               : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n) return 0;
    for (size_t k = 1; k < len; k++)
        if ((p[k] & 0xC0) != 0x80) return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0; /* overlong, a surrogate, or beyond U+10FFFF */
    return len;
}

static int hex_value(unsigned char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* "\uXXXX" at p (the 'u' and 4 digits): writes its UTF-8 to out; 0 bytes when declined. */
static size_t unicode_escape(const unsigned char *p, size_t n, char *out)
{
    if (n < 5) return 0;
    unsigned v = 0;
    for (int k = 1; k <= 4; k++) {
        int h = hex_value(p[k]);
        if (h < 0) return 0;
        v = v * 16 + (unsigned)h;
    }
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return 0; /* NUL and surrogate pairs: jansson's */
    if (v < 0x80) {
        out[0] = (char)v;
        return 1;
    }
    if (v < 0x800) {
        out[0] = (char)(0xC0 | (v >> 6));
        out[1] = (char)(0x80 | (v & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (v >> 12));
    out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
    out[2] = (char)(0x80 | (v & 0x3F));
    return 3;
}

/* One escape after a backslash at s[i]: the bytes it decodes to; 0 when declined. */
static size_t escape(cursor_t *c, char *out, size_t *consumed)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const unsigned char *p = c->s + c->i + 1;
    size_t n = c->len - c->i - 1;
    if (n == 0) return 0;
    if (p[0] == 'u') {
        *consumed = 6;
        return unicode_escape(p, n, out);
    }
    const char *hit = p[0] ? strchr(from, p[0]) : NULL;
    if (!hit) return 0;
    *out = to[hit - from];
    *consumed = 2;
    return 1;
}

/* The string starting at the opening quote at c->i, decoded into c->out; its length, or -1 when
 * declined. */
static long read_string(cursor_t *c)
{
    if (!expect(c, '"')) return -1;
    char *out = c->out;
    while (c->i < c->len) {
        unsigned char ch = c->s[c->i];
        if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\') {
            *out++ = (char)ch;
            c->i++;
        } else if (ch == '"') {
            c->i++;
            return (long)(out - c->out);
        } else if (ch == '\\') {
            size_t consumed = 0, n = escape(c, out, &consumed);
            if (n == 0) return -1;
            out += n;
            c->i += consumed;
        } else if (ch >= 0x80) {
            size_t n = utf8_length(c->s + c->i, c->len - c->i);
            if (n == 0) return -1;
            memcpy(out, c->s + c->i, n);
            out += n;
            c->i += n;
        } else {
            return -1; /* a control character: jansson's error to report */
        }
    }
    return -1;
}

/* One "key": "value" member into obj; 0, or -1 when declined or out of memory. */
static int read_member(cursor_t *c, json_t *obj)
{
    long klen = read_string(c);
    if (klen < 0) return -1;
    char *key = malloc((size_t)klen + 1);
    if (!key) return -1;
    memcpy(key, c->out, (size_t)klen);
    key[klen] = '\0';
    long vlen = expect(c, ':') ? read_string(c) : -1;
    json_t *value = vlen >= 0 ? json_stringn_nocheck(c->out, (size_t)vlen) : NULL;
    int rc = value && json_object_setn_new_nocheck(obj, key, (size_t)klen, value) == 0 ? 0 : -1;
    free(key);
    return rc;
}

json_t *json_flat_parse(const char *s, size_t len)
{
    cursor_t c = {(const unsigned char *)s, len, 0, malloc(len + 1)};
    json_t *obj = c.out && expect(&c, '{') ? json_object() : NULL;
    int ok = obj != NULL;
    skip_ws(&c);
    if (ok && c.i < len && s[c.i] == '}') {
        c.i++;
    } else {
        while (ok) {
            ok = read_member(&c, obj) == 0;
            skip_ws(&c);
            if (!ok || c.i >= len || (s[c.i] != ',' && s[c.i] != '}')) {
                ok = 0;
                break;
            }
            if (s[c.i++] == '}') break;
        }
    }
    skip_ws(&c);
    free(c.out);
    if (!ok || c.i != len) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}
