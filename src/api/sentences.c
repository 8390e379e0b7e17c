/* article_sentences (see sentences.h): text_normalise, text_sentences, then whitespace runs
 * collapsed so a sentence reads and searches as one line. Spans map back through the
 * normaliser's offset table to the bytes of the article as read. */
#include "api/sentences.h"
#include "text/text.h"
#include "util/buf.h"

#include <stdlib.h>

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static const char *collapse_spaces(buf_t *out, const char *s, size_t len)
{
    buf_reset(out);
    if (buf_reserve(out, len) != 0) return NULL; /* the line is never longer than s */
    char *d = out->data;
    size_t n = 0;
    int pending_space = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space) d[n++] = ' ';
        pending_space = 0;
        d[n++] = s[i];
    }
    d[n] = '\0';
    out->len = n;
    return d;
}

int article_sentences(const text_norm_t *norm,
                      int (*fn)(void *user, const article_sentence_t *s), void *user)
{
    text_span_t *spans = NULL;
    size_t n = text_sentences(norm->text, norm->len, &spans);
    int rc = n == (size_t)-1 ? -1 : 0;
    buf_t line = {0};
    int index = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *s = collapse_spaces(&line, norm->text + spans[i].start,
                                        spans[i].end - spans[i].start);
        if (!s) {
            rc = -1;
            break;
        }
        if (line.len == 0) continue;
        article_sentence_t sentence = {.index = index++, .text = s, .len = line.len,
                                       .start = norm->orig[spans[i].start],
                                       .end = norm->orig[spans[i].end]};
        rc = fn(user, &sentence);
    }
    buf_free(&line);
    free(spans);
    return rc;
}
