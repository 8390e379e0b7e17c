/* Unit tests of the coder's rules for news English with annalist's own dictionaries: "US" in
 * capitals as the country, a passive verb whose agent is an event named after an actor ("killed
 * in a US drone strike ordered by X"), an event noun named after its author ("the Iraqi
 * airstrike on X"), statements that give way to the event they report, a possessor standing
 * for the actor it owns ("Iraq's Kataib Hezbollah"), actors who ordered an event passed over as
 * targets, the actor right before a verb as its subject, a country inside a longer name
 * ("Baghdad International Airport"), ", while" opening a clause, day-month event dates
 * without a year, whole-word pattern words, events with one named actor, opening phrases, a
 * "he" after an opening phrase, "these groups" for an earlier actor, the place of an attack
 * passed over for the actor it targets, the subjects of relative clauses, the victim of an
 * event noun ("the killing of X"), attacks that name only their target, "a meeting between X
 * and Y", pattern words that are no words of a name, a subject carried into the next clause,
 * objects joined by "and", and clauses opened by "when" and its kin. */
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
#include "code/event_date.h"

static const char ACTORS[] =
    "# format: annalist-actors 1\n"
    "SADR_MUQTADA: Muqtada al-Sadr\n"
    "    kind: person\n"
    "    alias: Sadr\n"
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
    "    alias: USA; the US\n"
    "    code: USA\n"
    "QUDS_FORCE: Quds Force\n"
    "    kind: organisation\n"
    "    code: IRNMIL\n"
    "NETANYAHU_BENJAMIN: Benjamin Netanyahu\n"
    "    kind: person\n"
    "    alias: Netanyahu\n"
    "    code: ISRGOV\n";
static const char AGENTS[] = "# format: annalist-agents 1\nMIL: army\nREB: militia\nGOV: minister\n";
static const char VERBS[] =
    "# format: annalist-verbs 1\n"
    "verb: condemn\n"
    "    default: 111\n"
    "verb: state\n"
    "    default: 010\n"
    "verb: kill\n"
    "    default: 180\n"
    "verb: strike; airstrike\n"
    "    default: 190\n"
    "verb: attack\n"
    "    default: 190\n"
    "verb: bomb\n"
    "    default: 190\n"
    "    195: * +\n"
    "verb: impose\n"
    "    default: 172\n"
    "    163: * sanction on +\n"
    "    1722: * ban\n"
    "verb: attend\n"
    "    default: ---\n"
    "    040: * meeting\n"
    "verb: call\n"
    "    default: ---\n"
    "    111: * + pharaoh\n"
    "    111: * for punishing +\n"
    "verb: meet {met}\n"
    "    default: 040\n"
    "    040: * between %\n"
    "verb: send {sent}\n"
    "    default: ---\n"
    "    070: * aid\n"
    "    070: * aid to +\n"
    "verb: raise\n"
    "    default: ---\n"
    "    154: * force\n"
    "verb: demand\n"
    "    default: 100\n"
    "    100: * that +\n"
    "verb: publish\n"
    "    default: 010\n"
    "verb: missile\n"
    "    default: 190\n"
    "    1951: ballistic *\n"
    "verb: visit\n"
    "    default: 042\n"
    "    042: * +\n";

typedef coder_fixture_t fixture_t;

static int setup(void **state)
{
    const fixture_file_t files[] = {{"actors.txt", ACTORS}, {"agents.txt", AGENTS}, {"verbs.txt", VERBS}};
    fixture_t *f = coder_fixture_new("nominal", files, sizeof files / sizeof files[0], NULL, 0, NULL);
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

/* "SRC_ID TGT_ID CODE @DATE" (the code when an actor has no id, "-" for no date). */
static int keep(void *user, const annalist_event *e)
{
    got_t *g = user;
    if (g->n < 8)
        snprintf(g->lines[g->n], sizeof g->lines[0], "%s %s %s @%s",
                 e->source_id ? e->source_id : e->source, e->target_id ? e->target_id : e->target,
                 e->code, e->event_date ? e->event_date : "-");
    g->n++;
    return 0;
}

static got_t code(fixture_t *f, const char *text)
{
    got_t g = {0};
    assert_int_equal(annalist_code_text(f->coder, text, strlen(text), "a1", "2022-05-12", keep, &g),
                     ANNALIST_OK);
    return g;
}

static void test_us_in_capitals(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "US planners attacked Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 190 @-");
    g = code(f, "The U.S. attacked Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 190 @-");
    g = code(f, "Iraq attacked us."); /* the pronoun is no country */
    assert_int_equal(g.n, 0);
    g = code(f, "IRAQ ATTACKED US"); /* nor in a headline in capitals */
    assert_int_equal(g.n, 0);
}

static void test_passive_event_noun_agent(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Sadr was killed in a US drone strike ordered by Netanyahu.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA SADR_MUQTADA 180 @-");
    g = code(f, "Sadr was killed on 3 May in a US air strike.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA SADR_MUQTADA 180 @2022-05-03");
    /* an actor of the place, not of the event, is no agent */
    g = code(f, "Sadr was killed in Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA IRQ 180 @-");
}

static void test_event_noun_author(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Netanyahu welcomed the Iraqi airstrike on Kataib Hezbollah.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "IRQ KATAIB_HEZBOLLAH 190 @-");
    /* an actor opening the clause is its subject: no change */
    g = code(f, "Netanyahu attacked Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN IRQ 190 @-");
}

static void test_statement_gives_way(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Netanyahu stated that Iraq attacked Kataib Hezbollah.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "IRQ KATAIB_HEZBOLLAH 190 @-");
    g = code(f, "Netanyahu stated Iraq's position."); /* nothing else: the statement stays */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN IRQ 010 @-");
}

static void test_possessor_and_authoriser(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Netanyahu condemned Iraq's Kataib Hezbollah.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN KATAIB_HEZBOLLAH 111 @-");
    g = code(f, "The US attacked a convoy authorized by Netanyahu near Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 190 @-");
    g = code(f, "The US bombed a convoy on the orders of Netanyahu near Iraq.");
    assert_int_equal(g.n, 1); /* the pattern's + passes over him too */
    assert_string_equal(g.lines[0], "USA IRQ 195 @-");
    g = code(f, "The US attacked Iraq under Netanyahu's orders.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 190 @-");
}

static void test_subject_next_to_verb(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "In Iraq Netanyahu has strongly condemned Sadr.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN SADR_MUQTADA 111 @-");
    g = code(f, "In Iraq the army condemned Sadr."); /* no actor next to it: the first */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "IRQ SADR_MUQTADA 111 @-");
}

static void test_country_inside_a_name(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Sadr condemned the Iraq Institute report on Netanyahu.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 111 @-");
    g = code(f, "Sadr condemned the US Institute."); /* an acronym keeps its actor */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA USA 111 @-");
    g = code(f, "Sadr condemned Iraq's Green Zone."); /* and so does a possessive */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA IRQ 111 @-");
    g = code(f, "Sadr condemned the anti-US campaign of Kataib Hezbollah."); /* opposed, no actor */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA KATAIB_HEZBOLLAH 111 @-");
}

static void test_while_clause(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Netanyahu condemned Iraq on Monday, while the US army attacked Sadr.");
    assert_int_equal(g.n, 2);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN IRQ 111 @2022-05-09");
    assert_string_equal(g.lines[1], "USAMIL SADR_MUQTADA 190 @2022-05-09");
    g = code(f, "Netanyahu condemned Iraq on Monday while the US army attacked Sadr.");
    assert_int_equal(g.n, 1); /* "while" without a comma opens no clause */
}

static void test_day_month_dates(void **state)
{
    (void)state;
    char out[11];
    const char *s = "Troops opened fire on 9 May in Erbil.";
    assert_int_equal(event_date_resolve(s, strlen(s), "2022-05-12", out), 1);
    assert_string_equal(out, "2022-05-09");
    s = "In the early hours of March 13, missiles hit Erbil.";
    assert_int_equal(event_date_resolve(s, strlen(s), "2022-02-01", out), 1);
    assert_string_equal(out, "2021-03-13"); /* after the article: the year before */
    s = "It was launched on 24 February.";
    assert_int_equal(event_date_resolve(s, strlen(s), "2022-03-01", out), 1);
    assert_string_equal(out, "2022-02-24");
    s = "They may 9 times say so in March 2021 or 2022 May"; /* no day and month together */
    assert_int_equal(event_date_resolve(s, strlen(s), "2022-03-01", out), 0);
    s = "On 9 May";
    assert_int_equal(event_date_resolve(s, strlen(s), NULL, out), 0);
}

static void test_pattern_words_are_whole(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "The US imposed sanctions on Kataib Hezbollah.");
    assert_int_equal(g.n, 1); /* a plural meets its pattern word */
    assert_string_equal(g.lines[0], "USA KATAIB_HEZBOLLAH 163 @-");
    g = code(f, "The US imposed bans on Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 1722 @-");
    g = code(f, "The US imposed banking rules on Iraq."); /* "ban" is no stem of "banking" */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 172 @-");
}

static void test_one_named_actor(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Sadr attended a meeting.");
    assert_int_equal(g.n, 1); /* a pattern coded it: the target stays empty */
    assert_string_equal(g.lines[0], "SADR_MUQTADA  040 @-");
    g = code(f, "Minister Sadr attended a meeting.");
    assert_int_equal(g.n, 1); /* a title before a person's name leaves the person */
    assert_string_equal(g.lines[0], "SADR_MUQTADA  040 @-");
    g = code(f, "Iraq attended a meeting."); /* a country alone: too often a word of place */
    assert_int_equal(g.n, 0);
    g = code(f, "Sadr, in a long and winding speech, attended a meeting.");
    assert_int_equal(g.n, 1); /* the aside is dropped: Sadr is next to the verb again */
    g = code(f, "Sadr stated that in the end the army attended a meeting.");
    assert_int_equal(g.n, 0); /* not next to the verb, and a bare statement needs a target */
    g = code(f, "Sadr condemned."); /* the bare verb needs two actors */
    assert_int_equal(g.n, 0);
}

static void test_opening_phrase(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "According to reports, Sadr condemned Netanyahu.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 111 @-");
    /* a closing aside after an event is still dropped */
    g = code(f, "Sadr condemned Netanyahu, the Iraqi army said in a statement.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 111 @-");
    /* "he" after an opening phrase is the story's person; the part between commas with the
     * first verb is the main clause */
    g = code(f, "Sadr attended a meeting. For example, on 7 May, he published a post, calling "
                "Netanyahu the pharaoh of the time.");
    assert_int_equal(g.n, 2);
    assert_string_equal(g.lines[1], "SADR_MUQTADA NETANYAHU_BENJAMIN 111 @2022-05-07");
    /* an aside that opens with "who" is still an aside */
    g = code(f, "Sadr, who attended a meeting in Iraq, condemned Netanyahu.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 111 @-");
}

static void test_these_groups(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Sadr spoke of Iraqi militias, and the US is worried as these militias "
                      "keep attacking Netanyahu.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "IRQREB NETANYAHU_BENJAMIN 190 @-");
    g = code(f, "The US is worried as these units keep attacking Netanyahu."); /* none before */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA NETANYAHU_BENJAMIN 190 @-");
}

static void test_place_of_attack(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "The US attacks in Iraq targeting Kataib Hezbollah went on.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA KATAIB_HEZBOLLAH 190 @-");
    g = code(f, "The US condemned Sadr in Iraq on Monday."); /* not an attack: no change */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA SADR_MUQTADA 111 @2022-05-09");
    g = code(f, "The US attacked Iraq."); /* no "in": the country is the target */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "USA IRQ 190 @-");
}

static void test_relative_clause(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Sadr condemned the US measures that have attacked Iraq and imposed "
                      "sanctions on Kataib Hezbollah.");
    assert_int_equal(g.n, 3);
    assert_string_equal(g.lines[0], "SADR_MUQTADA USA 111 @-");
    assert_string_equal(g.lines[1], "USA IRQ 190 @-");
    assert_string_equal(g.lines[2], "USA KATAIB_HEZBOLLAH 163 @-");
}

static void test_victim_of_event_noun(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "The killing of Sadr by a US strike was carried out on the orders of "
                      "Netanyahu.");
    assert_int_equal(g.n, 1); /* the "US strike" names its author */
    assert_string_equal(g.lines[0], "USA SADR_MUQTADA 190 @-");
    g = code(f, "The killing of Sadr by a drone strike was carried out on the orders of "
                "Netanyahu.");
    assert_int_equal(g.n, 1); /* else the one who ordered it */
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN SADR_MUQTADA 190 @-");
}

static void test_lone_target_of_attack(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "A dozen ballistic missiles hit Kataib Hezbollah on Monday.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], " KATAIB_HEZBOLLAH 1951 @2022-05-09");
    g = code(f, "A dozen missiles hit Kataib Hezbollah."); /* no pattern named the attack */
    assert_int_equal(g.n, 0);
    g = code(f, "A dozen ballistic missiles were seen in the long and dusty streets of Iraq.");
    assert_int_equal(g.n, 0); /* the actor is a place, far from the attack */
}

static void test_subject_of_a_pattern_with_a_target(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Hours before the army headed to Iraq, Netanyahu visited Iraq.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN IRQ 042 @-");
}

static void test_meeting_between(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "The talks began with a meeting between Sadr and Netanyahu.");
    assert_int_equal(g.n, 2);
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 040 @-");
    assert_string_equal(g.lines[1], "NETANYAHU_BENJAMIN SADR_MUQTADA 040 @-");
}

static void test_pattern_words_outside_names(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Sadr raised a picture of the Quds Force.");
    assert_int_equal(g.n, 0);
    g = code(f, "Sadr raised a force against Netanyahu.");
    assert_int_equal(g.n, 1);
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 154 @-");
}

static void test_subject_carried_to_a_named_target(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "In Iraq, Netanyahu raised a picture and called for punishing Sadr, who "
                      "attacked Kataib Hezbollah.");
    assert_true(g.n >= 1);
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN SADR_MUQTADA 111 @-");
}

static void test_objects_joined(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Kataib Hezbollah sent aid and food to Iraq.");
    assert_int_equal(g.n, 1); /* "and food" opens no clause: the target stays in reach */
    assert_string_equal(g.lines[0], "KATAIB_HEZBOLLAH IRQ 070 @-");
    g = code(f, "Kataib Hezbollah sent aid and food to Iraq was burned.");
    assert_int_equal(g.n, 1); /* an auxiliary after: a clause of its own */
    assert_string_equal(g.lines[0], "KATAIB_HEZBOLLAH  070 @-");
}

static void test_subject_after_asides(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Most recently, the leader of the big coalition, cleric Muqtada al-Sadr, "
                      "has condemned Netanyahu.");
    assert_int_equal(g.n, 1); /* the last part before the verb is the subject, not an aside */
    assert_string_equal(g.lines[0], "SADR_MUQTADA NETANYAHU_BENJAMIN 111 @-");
    g = code(f, "Five days later, the US, which had vowed to avenge Sadr, attacked Iraq.");
    assert_int_equal(g.n, 1); /* a relative clause stays an aside */
    assert_string_equal(g.lines[0], "USA IRQ 190 @-");
}

static void test_long_appositive_and_own_people(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "In a meeting, Netanyahu, the old and long serving leader whose many "
                      "critics say that the US attacked Iraq in the past, condemned Sadr.");
    assert_int_equal(g.n, 1); /* the long aside about Netanyahu is dropped */
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN SADR_MUQTADA 111 @-");
    g = code(f, "Sadr aired a long statement demanding that his supporters leave Iraq.");
    assert_int_equal(g.n, 1); /* "his supporters" are his own side: no target */
    assert_string_equal(g.lines[0], "SADR_MUQTADA  100 @-");
}

static void test_names_and_asides(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "At noon, Muqtada al-Sadr, a prominent cleric, condemned Iraq.");
    assert_int_equal(g.n, 1); /* a bare name between commas is no aside */
    assert_string_equal(g.lines[0], "SADR_MUQTADA IRQ 111 @-");
    g = code(f, "The head of the army in charge of the case, Muqtada al-Sadr, condemned Iraq.");
    assert_int_equal(g.n, 1); /* the name before the verb's comma is its subject */
    assert_string_equal(g.lines[0], "SADR_MUQTADA IRQ 111 @-");
    g = code(f, "Netanyahu, a leader among the friends of Sadr - condemned Iraq.");
    assert_int_equal(g.n, 1); /* a name closed off by a dash does not act */
    assert_string_equal(g.lines[0], "NETANYAHU_BENJAMIN IRQ 111 @-");
}

static void test_subordinate_clause(void **state)
{
    fixture_t *f = *state;
    got_t g = code(f, "Iraq condemned Sadr when Netanyahu attacked Kataib Hezbollah.");
    assert_int_equal(g.n, 2); /* "when" + an actor + a verb: a clause and an event of its own */
    assert_string_equal(g.lines[0], "IRQ SADR_MUQTADA 111 @-");
    assert_string_equal(g.lines[1], "NETANYAHU_BENJAMIN KATAIB_HEZBOLLAH 190 @-");
    g = code(f, "Iraq condemned Sadr when the talks with Netanyahu ended.");
    assert_int_equal(g.n, 1); /* no actor right after "when": one clause */
    assert_string_equal(g.lines[0], "IRQ SADR_MUQTADA 111 @-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_us_in_capitals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_passive_event_noun_agent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_noun_author, setup, teardown),
        cmocka_unit_test_setup_teardown(test_statement_gives_way, setup, teardown),
        cmocka_unit_test_setup_teardown(test_possessor_and_authoriser, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subject_next_to_verb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_country_inside_a_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_while_clause, setup, teardown),
        cmocka_unit_test(test_day_month_dates),
        cmocka_unit_test_setup_teardown(test_pattern_words_are_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_named_actor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opening_phrase, setup, teardown),
        cmocka_unit_test_setup_teardown(test_these_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_place_of_attack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relative_clause, setup, teardown),
        cmocka_unit_test_setup_teardown(test_victim_of_event_noun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lone_target_of_attack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subject_of_a_pattern_with_a_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meeting_between, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_words_outside_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subject_carried_to_a_named_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_objects_joined, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subordinate_clause, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subject_after_asides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_and_asides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_appositive_and_own_people, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
