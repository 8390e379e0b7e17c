/* Unit tests of what annalist's coding paths add to the coder: the annalist ids of the source
 * and target actors on events (none for agent-composed units), and an opening "He", "She" or
 * "It" that takes the fitting actor of the latest earlier sentence of the article that has one
 * (its first: a person for he/she, an organisation, country or group for it; an actor without
 * kind fits both), marked source_from_previous with the pronoun's span. */
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
    "    code: IRQREL\n"
    "KATAIB_HEZBOLLAH: Kataib Hezbollah\n"
    "    kind: group\n"
    "    code: IRQMIL\n"
    "IRQ: Iraq\n"
    "    kind: country\n"
    "    code: IRQ\n"
    "    adjective: Iraqi\n"
    "USA: United States\n"
    "    kind: country\n"
    "    code: USA\n"
    "NETANYAHU_BENJAMIN: Benjamin Netanyahu\n"
    "    kind: person\n"
    "    alias: Netanyahu\n"
    "    code: ISRGOV\n";
static const char AGENTS[] = "# format: annalist-agents 1\nMIL: army\n";
static const char VERBS[] =
    "# format: annalist-verbs 1\n"
    "verb: condemn\n"
    "    default: 111\n"
    "verb: meet {met}\n"
    "    default: 040\n"
    "verb: attack\n"
    "    default: 190\n";
/* TABARI actors: no kind, so they fit he and it alike */
static const char TABARI[] = "GONDOR [GON]\nARNOR [ARN]\n";

typedef coder_fixture_t fixture_t;

static int setup(void **state)
{
    const fixture_file_t files[] = {{"actors.txt", ACTORS}, {"agents.txt", AGENTS}, {"verbs.txt", VERBS}, {"middle.actors", TABARI}};
    fixture_t *f = coder_fixture_new("story", files, sizeof files / sizeof files[0], NULL, 0, NULL);
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    coder_fixture_free(*state);
    return 0;
}

typedef struct got {
    char lines[8][160];
    int n;
} got_t;

/* "s SRC(ID) TGT(ID) CODE [source text]" plus " prev" when source_from_previous. */
static int keep(void *user, const annalist_event *e)
{
    got_t *g = user;
    if (g->n < 8)
        snprintf(g->lines[g->n], sizeof g->lines[0], "%d %s(%s) %s(%s) %s [%s]%s",
                 e->sentence_index, e->source, e->source_id ? e->source_id : "-", e->target,
                 e->target_id ? e->target_id : "-", e->code, e->source_text,
                 e->source_from_previous ? " prev" : "");
    g->n++;
    return 0;
}

static got_t code(fixture_t *f, const char *text)
{
    got_t g = {0};
    assert_int_equal(annalist_code_text(f->coder, text, strlen(text), "a1", "2022-05-01", keep, &g),
                     ANNALIST_OK);
    return g;
}

static void test_ids_on_events(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Muqtada al-Sadr condemned Kataib Hezbollah.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0],
                        "0 IRQREL(SADR_MUQTADA) IRQMIL(KATAIB_HEZBOLLAH) 111 [Muqtada al-Sadr]");
    /* an agent composed into a country is no longer that country: no id */
    g = code(f, "The Iraqi army attacked the United States.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "0 IRQMIL(-) USA(USA) 190 [Iraqi army]");
    /* TABARI actors have no id */
    g = code(f, "Gondor attacked Arnor.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "0 GON(-) ARN(-) 190 [Gondor]");
}

static void test_opening_pronouns(void **state)
{
    fixture_t *f = *state;
    /* he: the person, though a group came after him */
    got_t g = code(f, "Muqtada al-Sadr spoke about Kataib Hezbollah on Friday. "
                      "He condemned the United States.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "1 IRQREL(SADR_MUQTADA) USA(USA) 111 [He] prev");
    /* it: the organisation, country or group that opened the sentence before as its subject */
    g = code(f, "Kataib Hezbollah spoke about Muqtada al-Sadr on Friday. "
                "It condemned the United States.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "1 IRQMIL(KATAIB_HEZBOLLAH) USA(USA) 111 [It] prev");
    /* one only named further on is no subject: "it" is then most often a thing */
    g = code(f, "Muqtada al-Sadr spoke about Kataib Hezbollah on Friday. "
                "It condemned the United States.");
    assert_int_equal(g.n, 0);
    /* the latest sentence with a person wins, across several sentences */
    g = code(f, "Muqtada al-Sadr spoke on Friday. Benjamin Netanyahu spoke later. "
                "Nothing else happened that day. She condemned Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "3 ISRGOV(NETANYAHU_BENJAMIN) IRQ(IRQ) 111 [She] prev");
    /* within the latest sentence, the first person (the subject), not the last named */
    g = code(f, "Muqtada al-Sadr called Benjamin Netanyahu a pharaoh on Friday. "
                "He condemned Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "1 IRQREL(SADR_MUQTADA) IRQ(IRQ) 111 [He] prev");
    /* a TABARI actor has no kind: it fits "he" */
    g = code(f, "Gondor spoke on Friday. He condemned Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "1 GON(-) IRQ(IRQ) 111 [He] prev");
}

static void test_pronouns_left_alone(void **state)
{
    fixture_t *f = *state;
    /* "It is" has no actor behind it */
    got_t g = code(f, "Kataib Hezbollah spoke on Friday. It is said to have condemned Iraq.");
    assert_int_equal(g.n, 0);
    /* not opening the sentence: no forwarding */
    g = code(f, "Muqtada al-Sadr spoke on Friday. Then he condemned Iraq.");
    assert_int_equal(g.n, 0);
    /* no person before: "He" stays unknown */
    g = code(f, "Kataib Hezbollah spoke on Friday. He condemned Iraq.");
    assert_int_equal(g.n, 0);
    /* a new article forgets the last one */
    g = code(f, "Muqtada al-Sadr spoke on Friday.");
    assert_int_equal(g.n, 0);
    g = code(f, "He condemned Iraq.");
    assert_int_equal(g.n, 0);
    /* a sentence about a person no dictionary knows: "He" then means that person */
    g = code(f, "Muqtada al-Sadr spoke on Friday. Omar Nadawi is a researcher. "
                "He condemned Iraq.");
    assert_int_equal(g.n, 0);
    /* the actor right before the verb is its subject, not the forwarded "He" */
    g = code(f, "Muqtada al-Sadr spoke on Friday. He said Netanyahu condemned Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "1 ISRGOV(NETANYAHU_BENJAMIN) IRQ(IRQ) 111 [Netanyahu]");
    /* with no actor next to the verb, the opening "He" is the subject */
    g = code(f, "Muqtada al-Sadr spoke on Friday. He said on Monday that Netanyahu had "
                "publicly and loudly and often condemned Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "1 IRQREL(SADR_MUQTADA) IRQ(IRQ) 111 [He] prev");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_on_events),
        cmocka_unit_test(test_opening_pronouns),
        cmocka_unit_test(test_pronouns_left_alone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
