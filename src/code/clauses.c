/* The coder's clause stage, after classify.c: drops comma-delimited asides (TABARI's comma
 * rules, and for annalist's named actors the readings of news English: opening phrases, bare
 * names, appositives, the main clause between commas), adds pronoun units, points tokens at
 * their units and splits the sentence into clauses at conjunctions and subordinators. Writes
 * only to the coder's scratch arrays. */
#include <string.h>

#include "code/coder_internal.h"

/* Points every token at the unit covering it, words matched after a gap included. */
static void map_units(coder_t *c)
{
    for (uint32_t i = 0; i < c->ntok; i++)
        c->tok[i].unit = -1;
    for (uint32_t k = 0; k < c->nunit; k++)
        for (uint32_t i = c->unit[k].t0; i < c->unit[k].t1 && i < c->ntok; i++)
            c->tok[i].unit = (int32_t)k;
    for (uint32_t i = 0; i < c->ntok; i++)
        if (c->tok[i].head_of >= 0 && c->tok[c->tok[i].head_of].unit >= 0)
            c->tok[i].unit = c->tok[c->tok[i].head_of].unit;
}

/* ---- commas and clauses ---------------------------------------------------------------------- */

static uint32_t words_between(const coder_t *c, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t i = a; i < b; i++)
        n += c->tok[i].kind == TK_WORD;
    return n;
}

static void drop(coder_t *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < c->ntok; i++)
        c->tok[i].deleted = 1;
}

/* ", while the army attacked ...": a clause of its own, not an aside to drop (tokens.c reads
 * "while" and "whereas" after a comma as conjunctions). */
static bool opens_contrast(const coder_t *c, uint32_t i)
{
    if (i >= c->ntok || c->tok[i].special != SP_CONJ)
        return false;
    const char *f = c->fold + c->tok[i].fold_off;
    return (c->tok[i].fold_len == 5 && !memcmp(f, "while", 5)) ||
           (c->tok[i].fold_len == 7 && !memcmp(f, "whereas", 7));
}

/* Is an actor of annalist's dictionaries (with an id) in tokens [a, b)? The rules that read
 * news English apply to them; TABARI's and PETRARCH's dictionaries keep their coders' ways. */
static bool named_actor_in(const coder_t *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = 0; k < c->nunit; k++)
        if (c->unit[k].t0 >= a && c->unit[k].t0 < b && c->unit[k].id)
            return true;
    return false;
}

/* Is a verb left in tokens [a, b) that no comma rule dropped? */
static bool live_verb_in(const coder_t *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < c->ntok; i++)
        if (!c->tok[i].deleted && c->tok[i].head && c->tok[i].type == TT_VERB)
            return true;
    return false;
}

/* Are a verb and an actor left in tokens [a, b) that no comma rule dropped? */
static bool live_event_in(const coder_t *c, uint32_t a, uint32_t b)
{
    bool actor = false;
    for (uint32_t k = 0; k < c->nunit; k++)
        actor |= c->unit[k].t0 >= a && c->unit[k].t0 < b && !c->tok[c->unit[k].t0].deleted;
    return actor && live_verb_in(c, a, b);
}

/* "For example, on November 7, he published a post, calling ...": a part between commas that
 * holds the sentence's first verb, and does not open with a relative word ("who met ..."), is
 * the main clause rather than an aside. Read so for sentences with annalist's actors only. */
static bool main_clause_between(const coder_t *c, uint32_t a, uint32_t b, bool named)
{
    static const char *const RELATIVE[] = {"who", "whom", "whose", "which", "where", "when",
                                           "while", "after", "before", "since", "as", "if"};
    if (!named || live_verb_in(c, 0, a) || !live_verb_in(c, a, b))
        return false;
    for (uint32_t i = a + 1; i < b; i++) {
        if (c->tok[i].kind != TK_WORD)
            continue;
        for (size_t k = 0; k < sizeof RELATIVE / sizeof RELATIVE[0]; k++)
            if (!strcmp(c->fold + c->tok[i].fold_off, RELATIVE[k]))
                return false;
        return true;
    }
    return false;
}

/* Does token i open a relative clause ("which had vowed ...")? */
static bool opens_relative(const coder_t *c, uint32_t i)
{
    return i < c->ntok && (coder_fold_is(c, i, "which") || coder_fold_is(c, i, "who") ||
                           coder_fold_is(c, i, "whose") || coder_fold_is(c, i, "whom") ||
                           coder_fold_is(c, i, "where") || coder_fold_is(c, i, "that"));
}

/* Does the part between commas a and b end an opening run of asides with the subject's name,
 * its verb right after comma b ("Most recently, the leader of the coalition, Shia cleric
 * Muqtada al-Sadr, has been meeting ...")? Then it is the subject, not an aside. Read so for
 * actors of annalist's dictionaries only. */
static bool subject_before_verb(const coder_t *c, uint32_t a, uint32_t b)
{
    static const char *const AUX[] = {"has", "have", "had", "is", "are", "was", "were", "will",
                                      "would", "also", "then"};
    uint32_t v = b + 1;
    if (v >= c->ntok || c->tok[v].kind != TK_WORD || !named_actor_in(c, a, b) ||
        live_verb_in(c, 0, b) || opens_relative(c, a + 1))
        return false;
    if (c->tok[v].head && c->tok[v].type == TT_VERB && !c->tok[v].noun_verb)
        return true;
    for (size_t k = 0; k < sizeof AUX / sizeof AUX[0]; k++)
        if (coder_fold_is(c, v, AUX[k]))
            return true;
    return c->tok[v].special == SP_AUX;
}

/* Is the part between commas a and b only the name of an actor of annalist's dictionaries
 * ("At noon, Kazem al-Haeri, a prominent cleric, announced ...")? A bare name is no aside. */
static bool bare_name(const coder_t *c, uint32_t a, uint32_t b)
{
    bool any = false;
    for (uint32_t i = a + 1; i < b; i++) {
        if (c->tok[i].kind != TK_WORD)
            continue;
        bool named = false;
        for (uint32_t k = 0; k < c->nunit && !named; k++)
            named = c->unit[k].id && i >= c->unit[k].t0 && i < c->unit[k].t1;
        if (!named)
            return false;
        any = true;
    }
    return any;
}

#define APPOSITIVE_MAX 40 /* words of an aside that describes the actor before it */

/* "Ali Sistani, the Shia cleric whose famous fatwa led to ... after ISIS invaded Iraq, urged
 * Sadr": an aside of any length that opens with "the", "a" or a relative word right after the
 * name of an actor of annalist's dictionaries, with the verb right after it, describes that
 * actor. */
static bool long_appositive(const coder_t *c, uint32_t a, uint32_t b)
{
    uint32_t v = b + 1;
    if (a == 0 || v >= c->ntok || words_between(c, a + 1, b) > APPOSITIVE_MAX ||
        c->tok[a - 1].kind != TK_WORD || !(coder_fold_is(c, a + 1, "the") || coder_fold_is(c, a + 1, "a") ||
                                           coder_fold_is(c, a + 1, "an") || opens_relative(c, a + 1)))
        return false;
    bool after_name = false;
    for (uint32_t k = 0; k < c->nunit && !after_name; k++)
        after_name = c->unit[k].t1 == a && c->unit[k].id && !c->tok[c->unit[k].t0].deleted;
    return after_name && c->tok[v].kind == TK_WORD && c->tok[v].head &&
           c->tok[v].type == TT_VERB && !c->tok[v].noun_verb;
}

static void eliminate_commas(coder_t *c)
{
    const dict_options_t *o = &c->d->options;
    if (!o->comma_on)
        return;
    uint32_t commas[CODE_MAX_TOKENS];
    uint32_t nc = 0;
    for (uint32_t i = 0; i < c->ntok; i++)
        if (c->tok[i].kind == TK_COMMA && !c->tok[i].conj_kept)
            commas[nc++] = i;
    if (nc == 0)
        return;
    /* actors with ids after agents composed ("Iraqi army" has none): the rules below read
     * news English for annalist's named actors only */
    bool named = named_actor_in(c, 0, c->ntok);
    uint32_t n = words_between(c, 0, commas[0]);
    if (n > o->comma_bmin && n <= o->comma_bmax)
        drop(c, 0, commas[0] + 1);
    bool last_used = false; /* the last comma closed a dropped clause */
    for (uint32_t k = 0; k + 1 < nc; k++) {
        n = words_between(c, commas[k] + 1, commas[k + 1]);
        last_used = false;
        if ((n > o->comma_min && n <= o->comma_max &&
             !main_clause_between(c, commas[k], commas[k + 1], named) &&
             !subject_before_verb(c, commas[k], commas[k + 1]) &&
             !bare_name(c, commas[k], commas[k + 1])) ||
            long_appositive(c, commas[k], commas[k + 1])) {
            drop(c, commas[k], commas[k + 1] + 1);
            last_used = k + 2 == nc;
        }
    }
    /* the closing clause counts only when the sentence ends with a full stop */
    size_t e = c->len;
    while (e > 0 && (c->text[e - 1] == ' ' || c->text[e - 1] == '\t' || c->text[e - 1] == '\n' ||
                     c->text[e - 1] == '\r' || c->text[e - 1] == '"' || c->text[e - 1] == '\''))
        e--;
    bool stop = e > 0 && (c->text[e - 1] == '.' || c->text[e - 1] == '!' || c->text[e - 1] == '?');
    n = words_between(c, commas[nc - 1] + 1, c->ntok);
    /* "According to sources, Qaani met Sadr.": a closing clause is no aside when nothing before
     * it could be an event */
    if (stop && !last_used && n > o->comma_emin && n <= o->comma_emax &&
        !opens_contrast(c, commas[nc - 1] + 1) && (live_event_in(c, 0, commas[nc - 1]) ||
         !named))
        drop(c, commas[nc - 1], c->ntok);
}

#define SUBORDINATE_VERB_GAP 3 /* words between the new subject and its verb */

/* "Baghdad fell into chaos when Sadrists stormed the Green Zone": "when", "after", "because",
 * "before", "until" or "once" followed by an actor of annalist's dictionaries and, soon after,
 * a verb open a clause of their own, with its own subject and event. */
static bool opens_subordinate(const coder_t *c, uint32_t i)
{
    static const char *const WORDS[] = {"when", "after", "because", "before", "until", "once"};
    const tok_t *t = &c->tok[i];
    if (i == 0 || t->kind != TK_WORD || t->covered || t->deleted)
        return false;
    bool word = false;
    for (size_t k = 0; k < sizeof WORDS / sizeof WORDS[0] && !word; k++)
        word = coder_fold_is(c, i, WORDS[k]);
    uint32_t j = i + 1;
    if (!word || j >= c->ntok)
        return false;
    if (c->tok[j].kind == TK_WORD && c->tok[j].special == SP_DET)
        j++;
    if (j >= c->ntok || c->tok[j].unit < 0 || !c->unit[c->tok[j].unit].named)
        return false;
    int32_t u = c->tok[j].unit;
    while (j < c->ntok && c->tok[j].unit == u)
        j++;
    for (uint32_t k = 0; k <= SUBORDINATE_VERB_GAP && j + k < c->ntok; k++)
        if (c->tok[j + k].head && c->tok[j + k].type == TT_VERB && !c->tok[j + k].noun_verb)
            return true;
    return false;
}

int coder_clauses(coder_t *c)
{
    eliminate_commas(c);
    if (c->opt.pronouns && coder_add_pronouns(c))
        return -1;
    map_units(c);
    c->nlive = 0;
    c->nclause = 0;
    if (coder_grow((void **)&c->live, &c->cap_live, c->ntok + 1, sizeof(uint32_t)) ||
        coder_grow((void **)&c->clause, &c->cap_clause, c->ntok + 1, sizeof(clause_t)))
        return -1;
    uint32_t start = 0;
    for (uint32_t i = 0; i < c->ntok; i++) {
        tok_t *t = &c->tok[i];
        t->lpos = -1;
        if (t->deleted)
            continue;
        if ((t->kind == TK_WORD && !t->covered && t->special == SP_CONJ && !t->conj_kept &&
             t->unit < 0) || opens_subordinate(c, i)) {
            if (c->nlive > start)
                c->clause[c->nclause++] = (clause_t){start, c->nlive};
            start = c->nlive;
            continue; /* the conjunction itself is not part of either clause */
        }
        t->lpos = (int32_t)c->nlive;
        c->live[c->nlive++] = i;
    }
    if (c->nlive > start)
        c->clause[c->nclause++] = (clause_t){start, c->nlive};
    return 0;
}
