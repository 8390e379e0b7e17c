/* Tests for the flat JSON Lines reader (src/ingest/json_flat.c): every line it accepts must give
 * exactly the object jansson's json_loadb gives (same keys in the same order, same decoded bytes),
 * and it must decline what it does not handle: numbers, nesting, \u0000, surrogates, invalid
 * UTF-8, control characters, trailing text. Checked on listed edge cases and on 200,000 random
 * lines built from the pieces that matter. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ingest/json_flat.h"

/* 1 when json_flat_parse accepted s (and then jansson gave the same object), 0 when it declined. */
static int same_as_jansson(const char *s, size_t len)
{
    json_error_t err;
    json_t *flat = json_flat_parse(s, len);
    json_t *ref = json_loadb(s, len, JSON_ALLOW_NUL, &err);
    int accepted = flat != NULL;
    if (flat) {
        assert_non_null(ref);
        assert_true(json_equal(flat, ref));
        char *a = json_dumps(flat, JSON_COMPACT), *b = json_dumps(ref, JSON_COMPACT);
        assert_string_equal(a, b); /* key order too */
        free(a);
        free(b);
    }
    json_decref(flat);
    json_decref(ref);
    return accepted;
}

static int accepts(const char *s)
{
    return same_as_jansson(s, strlen(s));
}

static void test_plain_lines(void **state)
{
    (void)state;
    assert_int_equal(accepts("{\"id\":\"a1\",\"date\":\"2023-01-02\",\"text\":\"Iraq said.\"}"), 1);
    assert_int_equal(accepts(" {\t\"a\" : \"b\" ,\r\n\"c\":\"\"}  "), 1);
    assert_int_equal(accepts("{}"), 1);
    assert_int_equal(accepts("{ }"), 1);
    assert_int_equal(accepts("{\"k\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}"), 1);
    assert_int_equal(accepts("{\"k\":\"caf\\u00e9 \\u20AC \\u0041\"}"), 1);
    assert_int_equal(accepts("{\"k\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}"), 1);
    assert_int_equal(accepts("{\"k\":\"\x7f\"}"), 1);
    json_t *o = json_flat_parse("{\"k\":\"1\",\"j\":\"x\",\"k\":\"2\"}", 25);
    assert_non_null(o); /* the last value wins, in the first key's place */
    char *d = json_dumps(o, JSON_COMPACT);
    assert_string_equal(d, "{\"k\":\"2\",\"j\":\"x\"}");
    free(d);
    json_decref(o);
    assert_int_equal(accepts("{\"k\":\"1\",\"j\":\"x\",\"k\":\"2\"}"), 1);
}

static void test_declined_lines(void **state)
{
    (void)state;
    const char *declined[] = {
        "",  "   ", "[]", "\"s\"", "{\"id\":1}", "{\"a\":null}", "{\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}", "{\"a\":true}", "{\"a\":\"b\"} x", "{\"a\":\"b\"}}",
        "{\"a\":\"b\",}", "{\"a\" \"b\"}", "{\"a\":\"b\"", "{\"a\":\"b", "{a:\"b\"}",
        "{\"a\":\"\\u0000\"}", "{\"\\u0000\":\"b\"}", "{\"a\":\"\\ud83d\\ude00\"}",
        "{\"a\":\"\\udc00\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\\"}",
        "{\"a\":\"\x01\"}", "{\"a\":\"\t\"}", "{\"a\":\"\xc3\"}", "{\"a\":\"\xc0\xaf\"}",
        "{\"a\":\"\xe0\x80\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}",
        "{\"a\":\"\xff\"}", "{\"a\":\"b\"}\v", "\xef\xbb\xbf{\"a\":\"b\"}",
    };
    for (size_t i = 0; i < sizeof declined / sizeof declined[0]; i++)
        assert_int_equal(accepts(declined[i]), 0);
}

/* Random lines from the pieces the reader treats differently; whatever it accepts must match. */
static void test_random_lines_agree(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "{", "}", "\"", "\\\"", "\\\\", "\\/", "\\b", "\\n", "\\t", "\\u0041", "\\u00e9",
        "\\u20ac", "\\u0000", "\\ud83d\\ude00", "\\uZZZZ", "\\x", "\\", ":", ",", " ", "\t",
        "\n", "\x01", "a", "id", "\xc3\xa9", "\xc3", "\xe2\x82\xac", "\xed\xa0\x80",
        "\xf0\x9f\x98\x80", "\xc0\xaf", "1", "null", "[", "]", "\xff"};
    enum { NPIECES = sizeof pieces / sizeof pieces[0] };
    unsigned seed = 7, accepted = 0;
    char line[600];
    for (int it = 0; it < 200000; it++) {
        size_t len = 0;
        line[len++] = '{';
        int members = (int)(rand_r(&seed) % 4);
        for (int m = 0; m < members; m++) {
            if (m) line[len++] = ',';
            for (int part = 0; part < 2; part++) {
                if (part) line[len++] = ':';
                line[len++] = '"';
                int n = (int)(rand_r(&seed) % 5);
                for (int q = 0; q < n; q++) {
                    const char *p = pieces[rand_r(&seed) % NPIECES];
                    memcpy(line + len, p, strlen(p));
                    len += strlen(p);
                }
                line[len++] = '"';
            }
        }
        line[len++] = '}';
        accepted += (unsigned)same_as_jansson(line, len);
    }
    assert_true(accepted > 10000); /* the reader is exercised, not just declining */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lines),
        cmocka_unit_test(test_declined_lines),
        cmocka_unit_test(test_random_lines_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
