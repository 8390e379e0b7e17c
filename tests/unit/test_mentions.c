/* Unit tests of annalist_mentions (src/api/mentions.c over coder_mentions): actors with their
 * date-valid code and annalist id, agents with their role code, places with country and id, in
 * text order with exact byte spans; longest match; stopping; odd input never crashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annalist.h"
#include "coder_fixture.h"

static const char ACTORS[] =
    "# format: annalist-actors 1\n"
    "SADR_MUQTADA: Muqtada al-Sadr\n"
    "    kind: person\n"
    "    country: IRQ\n"
    "    alias: Moqtada al-Sadr; Sadr\n"
    "    code: IRQREL\n"
    "    code: IRQPTY 2008-01-01..\n"
    "SADR_MOHAMMED_SADIQ: Mohammed Sadiq al-Sadr\n"
    "    kind: person\n"
    "    country: IRQ\n"
    "    code: IRQREL\n"
    "SADR_CITY: Sadr City\n"
    "    kind: place-as-actor\n"
    "    code: IRQ\n"
    "QAANI_ISMAIL: Ismail Qaani\n"
    "    kind: person\n"
    "    alias: Qaani\n"
    "    code: IRNMIL\n"
    "SOLEIMANI_QASSEM: Qassem Soleimani\n"
    "    kind: person\n"
    "    alias: Soleimani\n"
    "    code: IRNMIL\n"
    "MUHANDIS_ABU_MAHDI: Abu Mahdi al-Muhandis\n"
    "    kind: person\n"
    "    code: IRQMIL\n"
    "PMF: Popular Mobilization Forces\n"
    "    kind: group\n"
    "    alias: Hashd al-Shaabi\n"
    "    code: IRQMIL\n"
    "ASSAD_BASHAR: Bashar al-Assad\n"
    "    kind: person\n"
    "    alias: Assad\n"
    "    code: SYRGOV\n"
    "THA: Thailand\n"
    "    kind: country\n"
    "    code: THA\n"
    "    adjective: Thai\n"
    "ASEAN: ASEAN\n"
    "    kind: organisation\n"
    "    code: IGOSEA\n"
    "IRQ: Iraq\n"
    "    kind: country\n"
    "    country: IRQ\n"
    "    code: IRQ\n"
    "    adjective: Iraqi\n";
static const char AGENTS[] = "# format: annalist-agents 1\nMIL: army; armed forces\n";
static const char PLACES[] =
    "# format: annalist-places 1\n"
    "SADR_CITY\tSadr City\tIRQ\t33.3900\t44.4600\tdistrict\n"
    "NAJAF\tNajaf\tIRQ\t32.0000\t44.3300\tcity\n";

typedef coder_fixture_t fixture_t;

static int setup(void **state)
{
    const fixture_file_t files[] = {{"actors.txt", ACTORS}, {"agents.txt", AGENTS}, {"places.tsv", PLACES}};
    static const char *const dicts[] = {"actors.txt", "agents.txt"};
    fixture_t *f = coder_fixture_new("mentions", files, sizeof files / sizeof files[0], dicts, 2, "places.tsv");
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    coder_fixture_free(*state);
    return 0;
}

typedef struct seen {
    char lines[16][96];
    int n, stop_after;
} seen_t;

static int keep(void *user, const annalist_mention *m)
{
    seen_t *s = user;
    static const char *const KIND[] = {"actor", "agent", "place"};
    if (s->n < 16)
        snprintf(s->lines[s->n], sizeof s->lines[0], "%s %d-%d %s %s", KIND[m->kind], m->start,
                 m->end, m->code, m->id ? m->id : "-");
    s->n++;
    return s->stop_after && s->n >= s->stop_after;
}

static seen_t mentions(fixture_t *f, const char *s, const char *date)
{
    seen_t seen = {0};
    assert_int_equal(annalist_mentions(f->coder, s, strlen(s), date, keep, &seen), ANNALIST_OK);
    return seen;
}

static void test_actor_agent_place(void **state)
{
    fixture_t *f = *state;
    /* 0         1         2         3         4         5         6
     * 0123456789012345678901234567890123456789012345678901234567890123 */
    const char *s = "Moqtada al-Sadr met the Iraqi army in Najaf.";
    seen_t m = mentions(f, s, "2020-01-03");
    assert_int_equal(m.n, 4);
    assert_string_equal(m.lines[0], "actor 0-15 IRQPTY SADR_MUQTADA");
    assert_string_equal(m.lines[1], "actor 24-29 IRQ IRQ");
    assert_string_equal(m.lines[2], "agent 30-34 MIL -");
    assert_string_equal(m.lines[3], "place 38-43 IRQ NAJAF");
}

static void test_date_and_longest_match(void **state)
{
    fixture_t *f = *state;
    seen_t m = mentions(f, "Muqtada al-Sadr spoke in 2004.", "2004-05-01");
    assert_int_equal(m.n, 1);
    assert_string_equal(m.lines[0], "actor 0-15 IRQREL SADR_MUQTADA");
    m = mentions(f, "Mohammed Sadiq al-Sadr was killed.", NULL);
    assert_int_equal(m.n, 1);
    assert_string_equal(m.lines[0], "actor 0-22 IRQREL SADR_MOHAMMED_SADIQ");
    /* Sadr City: the longer actor wins over Sadr; the place is reported too */
    m = mentions(f, "Crowds gathered in Sadr City.", NULL);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.lines[0], "actor 19-28 IRQ SADR_CITY");
    assert_string_equal(m.lines[1], "place 19-28 IRQ SADR_CITY");
}

typedef struct first {
    const char *s;
    char *out;
    size_t cap;
    int done;
} first_t;

static int keep_first(void *user, const annalist_mention *m)
{
    first_t *one = user;
    if (one->done || m->kind != ANNALIST_MENTION_ACTOR) return 0;
    snprintf(one->out, one->cap, "%s [%.*s]", m->id ? m->id : "-", m->end - m->start,
             one->s + m->start);
    one->done = 1;
    return 0;
}

/* The first actor mention of a sentence as "ID [text]", or "none". */
static const char *first_actor(fixture_t *f, const char *s, char *out, size_t cap)
{
    first_t one = {s, out, cap, 0};
    snprintf(out, cap, "none");
    assert_int_equal(annalist_mentions(f->coder, s, strlen(s), NULL, keep_first, &one),
                     ANNALIST_OK);
    return out;
}

static void test_spellings_meet(void **state)
{
    fixture_t *f = *state;
    static const char *const CASES[][2] = {
        {"Moktada al-Sadr spoke.", "SADR_MUQTADA [Moktada al-Sadr]"},
        {"Muqtada Sadr spoke.", "SADR_MUQTADA [Muqtada Sadr]"},
        {"Then Sayyed Moqtada al-Sadr spoke.", "SADR_MUQTADA [Moqtada al-Sadr]"},
        {"Muqtada Al Sadr spoke.", "SADR_MUQTADA [Muqtada Al Sadr]"},
        {"Esmail Ghaani arrived.", "QAANI_ISMAIL [Esmail Ghaani]"},
        {"Then Ghaani arrived.", "QAANI_ISMAIL [Ghaani]"},
        {"Abu Mahdi al-Muhandes was killed.", "MUHANDIS_ABU_MAHDI [Abu Mahdi al-Muhandes]"},
        {"Abu Mahdi Muhandes was killed.", "MUHANDIS_ABU_MAHDI [Abu Mahdi Muhandes]"},
        {"Qasem Suleimani was killed.", "SOLEIMANI_QASSEM [Qasem Suleimani]"},
        {"Then Sulaimani's men left.", "SOLEIMANI_QASSEM [Sulaimani's]"},
        {"The Hashd al-Sha'bi moved.", "PMF [Hashd al-Sha'bi]"},
        {"The Hashd ash-Shaabi moved.", "PMF [Hashd ash-Shaabi]"},
        /* longest match: another person, and a place */
        {"Mohammed Sadiq al-Sadr was killed.", "SADR_MOHAMMED_SADIQ [Mohammed Sadiq al-Sadr]"},
        {"Then Sadr City voted.", "SADR_CITY [Sadr City]"},
        /* no key for lower-case or short English words, nor for acronyms */
        {"The talks on trade went on.", "none"},
        {"Later Asian markets fell.", "none"},
        {"Then Bashar al-Asad spoke.", "ASSAD_BASHAR [Bashar al-Asad]"},
        {"Then Asad spoke.", "ASSAD_BASHAR [Asad]"},
        /* a one-word key match inside a name the dictionaries lack is no match */
        {"Missiles hit Ain al-Asad on Monday.", "none"},
        {"Then Ashraf Ghani spoke.", "none"},
        {"Troops near Kani Masi left.", "none"},
        /* "kh" is not "q": Khani needs an alias */
        {"Then Ismail Khani arrived.", "none"},
    };
    char got[128];
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
        if (strcmp(first_actor(f, CASES[i][0], got, sizeof got), CASES[i][1]))
            fail_msg("'%s': got %s, want %s", CASES[i][0], got, CASES[i][1]);
}

static void test_stop_and_odd_input(void **state)
{
    fixture_t *f = *state;
    seen_t m = {.stop_after = 1};
    const char *s = "Sadr and the army in Najaf.";
    assert_int_equal(annalist_mentions(f->coder, s, strlen(s), NULL, keep, &m),
                     ANNALIST_ERR_STOPPED);
    assert_int_equal(m.n, 1);
    m = mentions(f, "", NULL);
    assert_int_equal(m.n, 0);
    seen_t z = {0};
    assert_int_equal(annalist_mentions(f->coder, NULL, 5, NULL, keep, &z), ANNALIST_OK);
    assert_int_equal(z.n, 0);
    const char bad[] = "Sadr \xff\xfe\0 Najaf \xc3";
    assert_int_equal(annalist_mentions(f->coder, bad, sizeof bad - 1, "garbage", keep, &z),
                     ANNALIST_OK);
    assert_int_equal(z.n, 2);
    size_t big = 1 << 20;
    char *huge = malloc(big + 1);
    assert_non_null(huge);
    for (size_t i = 0; i < big; i++) huge[i] = "Sadr Najaf "[i % 11];
    huge[big] = '\0';
    z.n = 0;
    assert_int_equal(annalist_mentions(f->coder, huge, big, NULL, keep, &z), ANNALIST_OK);
    assert_true(z.n > 0);
    free(huge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actor_agent_place),
        cmocka_unit_test(test_date_and_longest_match),
        cmocka_unit_test(test_spellings_meet),
        cmocka_unit_test(test_stop_and_odd_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
