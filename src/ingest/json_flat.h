/* A fast reader for the JSON Lines most corpora are made of: one flat object whose values are
 * all strings. It builds the same jansson object json_loadb would, and declines (returns NULL)
 * anything else, which is then left to jansson itself. */
#ifndef ANNALIST_INGEST_JSON_FLAT_H
#define ANNALIST_INGEST_JSON_FLAT_H

#include <jansson.h>
#include <stddef.h>

/* The object of s[0..len) when it is a flat object of string values written with plain escapes
 * ("\u" only for code points other than U+0000 and the surrogates) in valid UTF-8, with nothing
 * but JSON whitespace around it; NULL otherwise or when memory runs out. */
json_t *json_flat_parse(const char *s, size_t len);

#endif
