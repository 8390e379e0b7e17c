/* Who did it to whom: the source and target of a coded verb (coder_find_actors). TABARI's
 * searches (the pattern's slots, passive voice, the first actor before and after the verb,
 * DEFAULT: codes) and, for actors of annalist's dictionaries, the readings of news English:
 * event nouns and their authors, possessors, who ordered an event, subjects next to a verb or
 * of a relative clause, places of attacks, victims of event nouns, one-sided events. Pure
 * functions of the coder's parse; no allocation. */
#include <string.h>

#include "code/coder_internal.h"

#define CARRY_WINDOW 3 /* words after a conjunction where a new subject may start */

/* ---- slots ----------------------------------------------------------------------------------- */

static const char *unit_code(const coder_t *c, int32_t u)
{
    return c->unit[u].ncodes ? c->unit[u].codes[0] : "";
}

/* The unit a slot search should report: a member of a compound stands for the whole compound. */
static slot_t slot_of(int32_t u)
{
    return (slot_t){u, true};
}

static bool same_actor(const coder_t *c, slot_t a, int32_t u)
{
    if (a.unit < 0)
        return false;
    /* TABARI compares codes only: a compound is represented by the unit the search found */
    return !strcmp(unit_code(c, a.unit), unit_code(c, u));
}

static int32_t unit_at(coder_t *c, uint32_t l)
{
    return live_tok(c, l)->unit;
}

static bool excluded(const pmatch_t *m, int32_t u)
{
    for (uint32_t k = 0; m && k < m->nskipped; k++)
        if (m->skipped[k] == u)
            return true;
    return false;
}

/* First unit in live [a, b) whose code differs from `not` (any unit when not.unit < 0) and that
 * a '^' of the pattern did not skip. */
static int32_t first_unit_x(coder_t *c, uint32_t a, uint32_t b, slot_t not, const pmatch_t *m)
{
    for (uint32_t l = a; l < b; l++) {
        int32_t u = unit_at(c, l);
        if (u >= 0 && !same_actor(c, not, u) && !excluded(m, u))
            return u;
    }
    return -1;
}

int32_t coder_first_unit(coder_t *c, uint32_t a, uint32_t b, slot_t not)
{
    return first_unit_x(c, a, b, not, NULL);
}

static bool is_word(coder_t *c, uint32_t l, uint8_t special)
{
    const tok_t *t = live_tok(c, l);
    return t->kind == TK_WORD && !t->covered && t->special == special;
}

static bool passive(coder_t *c, uint32_t cl0, uint32_t vs, uint32_t ve, uint32_t cl1)
{
    if (ve >= cl1 || !(is_word(c, ve, SP_BY) || (ve + 1 < cl1 && is_word(c, ve + 1, SP_BY))))
        return false;
    return (vs >= cl0 + 1 && is_word(c, vs - 1, SP_AUX)) ||
           (vs >= cl0 + 2 && is_word(c, vs - 2, SP_AUX));
}

static bool word_is(coder_t *c, uint32_t l, const char *w)
{
    const tok_t *t = live_tok(c, l);
    size_t n = strlen(w);
    return t->kind == TK_WORD && t->fold_len == n && !memcmp(c->fold + t->fold_off, w, n);
}

/* An event noun ("raid", "strike", "bombing"): a verb phrase, or a verb read as a noun. */
static bool event_noun_at(coder_t *c, uint32_t l)
{
    const tok_t *t = live_tok(c, l);
    return t->head && (t->type == TT_VERB || t->noun_verb);
}

#define AGENT_NOUN_REACH 10/* words between a passive verb and "in a US drone strike" */
#define AGENT_NOUN_GAP 2   /* words between that actor and its event noun ("drone", "air") */

/* A passive verb whose agent is an event named after an actor: "X was killed in a US drone
 * strike (ordered by Y)": the actor modifying the attack noun is the source, not the actor
 * after a later "by". Returns that actor's unit, or -1. */
static int32_t event_noun_agent(coder_t *c, uint32_t cl0, uint32_t vs, uint32_t ve, uint32_t cl1)
{
    if (!((vs >= cl0 + 1 && is_word(c, vs - 1, SP_AUX)) ||
          (vs >= cl0 + 2 && is_word(c, vs - 2, SP_AUX))))
        return -1;
    for (uint32_t l = ve; l < cl1 && l < ve + AGENT_NOUN_REACH; l++) {
        if (live_tok(c, l)->kind == TK_COMMA) /* "killed on May 3, 2020, in a ..." */
            continue;
        if (live_tok(c, l)->kind != TK_WORD)
            return -1;
        int32_t u = unit_at(c, l);
        if (u < 0) {
            if (event_noun_at(c, l))
                return -1; /* another verb or event first */
            continue;
        }
        uint32_t p = l; /* the word before the actor: "in"/"by", or a determiner after one */
        if (p > ve && is_word(c, p - 1, SP_DET))
            p--;
        if (p == ve || !(word_is(c, p - 1, "in") || is_word(c, p - 1, SP_BY)))
            return -1;
        uint32_t q = l;
        while (q < cl1 && unit_at(c, q) == u)
            q++;
        for (uint32_t k = 0; k <= AGENT_NOUN_GAP && q + k < cl1; k++) {
            if (live_tok(c, q + k)->kind != TK_WORD || unit_at(c, q + k) >= 0)
                break;
            if (event_noun_at(c, q + k))
                return u;
        }
        return -1;
    }
    return -1;
}

#define MODIFIER_GAP 2 /* words between a modifying actor and its event noun, or its determiner */

static bool plain_word(coder_t *c, uint32_t l)
{
    const tok_t *t = live_tok(c, l);
    return t->kind == TK_WORD && t->unit < 0 && !event_noun_at(c, l);
}

static bool possessive(coder_t *c, uint32_t l)
{
    const tok_t *t = live_tok(c, l);
    const char *f = c->fold + t->fold_off;
    return t->fold_len > 2 && f[t->fold_len - 2] == '\'' && f[t->fold_len - 1] == 's';
}

/* Is there a dash between words, an en or em dash, or a closing bracket in text [from, to)? */
static bool aside_mark_between(const coder_t *c, uint32_t from, uint32_t to)
{
    for (uint32_t b = from; b < to && b < c->len; b++) {
        unsigned char ch = (unsigned char)c->text[b];
        if (ch == ')' || ch == ']' || (ch == '-' && b > 0 && c->text[b - 1] == ' ') ||
            (ch == 0xE2 && b + 2 < c->len && (unsigned char)c->text[b + 1] == 0x80 &&
             ((unsigned char)c->text[b + 2] == 0x93 || (unsigned char)c->text[b + 2] == 0x94)))
            return true;
    }
    return false;
}

/* Is unit u inside an aside that a dash or bracket closes before the verb at live vs, opened
 * after an earlier actor ("Haeri, ... among supporters of Sadr - announced")? Then it does not
 * act. A list between dashes with no actor before it ("The six states - Bahrain, ..., Qatar -
 * agreed") is the subject itself. */
static bool closed_off(coder_t *c, int32_t u, uint32_t vs)
{
    const unit_t *un = &c->unit[u];
    if (!aside_mark_between(c, c->tok[un->t1 - 1].end, live_tok(c, vs)->start))
        return false;
    for (uint32_t k = 0; k < c->nunit; k++) {
        const unit_t *earlier = &c->unit[k];
        uint32_t from = c->tok[earlier->t1 - 1].end, to = c->tok[un->t0].start;
        if (earlier->t1 <= un->t0 && !c->tok[earlier->t0].deleted && earlier->ref < 0 &&
            (aside_mark_between(c, from, to) || memchr(c->text + from, ',', to - from)))
            return true; /* opened by a dash, a bracket or a comma after that actor */
    }
    return false;
}

/* Is unit u, before the verb at live vs, the end of an aside rather than the verb's subject:
 * the object of a preposition ("supporters of cleric Sadr"), or closed off from the verb? */
static bool inside_aside(coder_t *c, int32_t u, uint32_t vs)
{
    const unit_t *un = &c->unit[u];
    if (un->t0 > 0) {
        const tok_t *before = &c->tok[un->t0 - 1];
        if (before->kind == TK_WORD && (before->special == SP_PREP || before->special == SP_BY))
            return true;
    }
    return closed_off(c, u, vs);
}

/* An event noun named after its author: "a US air raid", "Iran's missile strikes", "the
 * recent Israeli airstrike": an actor right before the event word (a few weapon words
 * apart) that is itself no subject: it follows a determiner or a preposition, or is a
 * possessive. That actor is the source, whatever actor opened the clause. Returns its unit or
 * -1. */
static int32_t modifier_source(coder_t *c, uint32_t cl0, uint32_t vs)
{
    uint32_t l = vs, k = 0;
    /* "Washington to discuss" is no event noun */
    while (l > cl0 && k < MODIFIER_GAP && plain_word(c, l - 1) && !word_is(c, l - 1, "to"))
        l--, k++;
    if (l == cl0)
        return -1;
    int32_t u = unit_at(c, l - 1);
    /* TABARI's and PETRARCH's dictionaries code verbs, not event nouns: the rule is for
     * actors of annalist's own dictionaries (those with ids) */
    if (u < 0 || c->unit[u].ref >= 0 || !c->unit[u].id || closed_off(c, u, vs))
        return -1;
    if (possessive(c, l - 1))
        return u;
    uint32_t p = l - 1;
    while (p > cl0 && unit_at(c, p - 1) == u)
        p--;
    for (k = 0; p > cl0 && k <= MODIFIER_GAP; k++, p--) {
        if (is_word(c, p - 1, SP_DET) || is_word(c, p - 1, SP_PREP) || word_is(c, p - 1, "on") ||
            word_is(c, p - 1, "that") || word_is(c, p - 1, "for") || word_is(c, p - 1, "after"))
            return u;
        if (!plain_word(c, p - 1))
            return -1;
    }
    return -1;
}

/* "Iraq's Popular Mobilization Forces": an actor named as the possessor of the actor right
 * after it stands for that actor, which is the one the event is about. Only for actors of
 * annalist's dictionaries (with ids); others compose possessors TABARI's way. */
static slot_t possessed(coder_t *c, slot_t s, uint32_t cl1)
{
    if (s.unit < 0 || !c->unit[s.unit].id || c->unit[s.unit].group >= 0 ||
        c->unit[s.unit].ref >= 0)
        return s;
    const unit_t *un = &c->unit[s.unit];
    int32_t last = c->tok[un->t1 - 1].lpos;
    if (last < 0 || (uint32_t)last + 1 >= cl1 || !possessive(c, (uint32_t)last))
        return s;
    int32_t next = unit_at(c, (uint32_t)last + 1);
    if (next < 0 || next == s.unit || !c->unit[next].id || c->unit[next].ref >= 0)
        return s;
    return slot_of(next);
}

bool coder_negated(coder_t *c, uint32_t cl0, uint32_t vs)
{
    for (uint32_t k = 1; k <= 2 && vs >= cl0 + k; k++)
        if (is_word(c, vs - k, SP_NEG))
            return true;
    return false;
}

#define SUBJECT_GAP 2 /* words between a subject and its verb ("has regularly bombed") */

/* The actor of annalist's dictionaries whose name alone stands between a comma (or the
 * clause's start) and the comma at live position comma; -1 when none. */
static int32_t named_between_commas(coder_t *c, uint32_t cl0, uint32_t comma)
{
    int32_t u = unit_at(c, comma - 1);
    if (u < 0 || !c->unit[u].id || c->unit[u].ref >= 0)
        return -1;
    uint32_t l = comma - 1;
    while (l > cl0 && unit_at(c, l - 1) == u)
        l--;
    if (l == cl0 || live_tok(c, l - 1)->kind == TK_COMMA)
        return u;
    for (uint32_t k = cl0; k < l; k++) /* or the first actor of the clause: the asides before */
        if (unit_at(c, k) >= 0)        /* it were dropped ("Most recently, the leader ..., X,") */
            return -1;
    return u;
}

/* "Hours before the delegation reached Washington, Lavrov visited Baghdad": an actor of
 * annalist's dictionaries right before the verb (an auxiliary or adverb or two apart, no
 * comma) is its subject, rather than the first actor of the clause. -1 when none. */
int32_t coder_subject_next_to(coder_t *c, uint32_t cl0, uint32_t vs)
{
    uint32_t l = vs, k = 0;
    while (l > cl0 && k < SUBJECT_GAP && plain_word(c, l - 1) && live_tok(c, l - 1)->cap == 0 &&
           !word_is(c, l - 1, "to") && !is_word(c, l - 1, SP_PREP) && !is_word(c, l - 1, SP_BY))
        l--, k++;
    if (l == cl0)
        return -1;
    if (l >= cl0 + 2 && live_tok(c, l - 1)->kind == TK_COMMA)
        return named_between_commas(c, cl0, l - 1); /* "The head of ..., Kadkhodaei, says" */
    int32_t u = unit_at(c, l - 1);
    if (u < 0 || !(c->unit[u].id || c->unit[u].anaphor) || c->unit[u].ref >= 0 ||
        possessive(c, l - 1) ||
        live_tok(c, l - 1)->head_of >= 0 || inside_aside(c, u, vs))
        return -1;
    return u;
}

#define RELATIVE_GAP 2 /* words between an actor and "that" ("Treasury measures that") */

/* "the US Treasury measures that have restricted ...": the subject of a verb of a relative
 * clause is the actor before "that", "which" or "who" (an auxiliary or two and a noun or two
 * apart). Only for actors of annalist's dictionaries; -1 when none. */
int32_t coder_relative_subject(coder_t *c, uint32_t cl0, uint32_t vs)
{
    uint32_t l = vs, k = 0;
    while (l > cl0 && k < SUBJECT_GAP && plain_word(c, l - 1) && !word_is(c, l - 1, "that") &&
           !word_is(c, l - 1, "which") && !word_is(c, l - 1, "who"))
        l--, k++;
    if (l == cl0 || !(word_is(c, l - 1, "that") || word_is(c, l - 1, "which") ||
                      word_is(c, l - 1, "who")))
        return -1;
    l--;
    for (k = 0; l > cl0 && k <= RELATIVE_GAP; k++, l--) {
        int32_t u = unit_at(c, l - 1);
        if (u >= 0)
            return c->unit[u].id && c->unit[u].ref < 0 && !possessive(c, l - 1) ? u : -1;
        if (!plain_word(c, l - 1) || live_tok(c, l - 1)->cap)
            return -1;
    }
    return -1;
}

/* The source a verb gets when no pattern names one: the first actor of the clause before the
 * verb, else the source carried over from earlier clauses. */
static slot_t default_source(coder_t *c, const clause_t *cl, uint32_t vs, const clause_state_t *st)
{
    /* after a conjunction the subject carries on, unless an actor opens the new clause */
    uint32_t end = vs;
    int32_t relative = coder_relative_subject(c, cl->l0, vs);
    if (relative >= 0)
        return slot_of(relative);
    int32_t next_to = coder_subject_next_to(c, cl->l0, vs);
    if (next_to >= 0)
        return slot_of(next_to);
    if (st->index > 0 && st->carry.unit >= 0 && cl->l0 + CARRY_WINDOW < vs)
        end = cl->l0 + CARRY_WINDOW;
    for (uint32_t l = cl->l0; l < end; l++) {
        /* the far end of a phrase matched across a gap ("Durthang and an Orc") is no subject */
        int32_t u = unit_at(c, l);
        if (u >= 0 && live_tok(c, l)->head_of < 0)
            return slot_of(u);
    }
    return st->index > 0 ? st->carry : (slot_t){-1, false};
}

/* Is the actor at live l the one who ordered an event rather than its target: "a drone strike
 * authorized by Trump", "under Trump's order", "on the orders of Trump"? */
static bool authoriser_at(coder_t *c, uint32_t cl0, uint32_t l, uint32_t cl1)
{
    uint32_t p = l;
    while (p > cl0 && (is_word(c, p - 1, SP_DET) || is_word(c, p - 1, SP_FORMER) ||
                       word_is(c, p - 1, "then")))
        p--;
    if (p > cl0 && is_word(c, p - 1, SP_BY))
        return true;
    if (p >= cl0 + 2 && word_is(c, p - 1, "of") &&
        (word_is(c, p - 2, "order") || word_is(c, p - 2, "orders")))
        return true;
    int32_t u = unit_at(c, l);
    uint32_t q = l;
    while (q + 1 < cl1 && unit_at(c, q + 1) == u)
        q++;
    return possessive(c, q) && q + 1 < cl1 &&
           (word_is(c, q + 1, "order") || word_is(c, q + 1, "orders"));
}

/* The live position of the unit an attack is aimed at, named after the place it happened:
 * "attacks in Iraq targeting the PMF", "strikes in Syria against ISIS". -1 when none. */
static int32_t aimed_at_after(coder_t *c, const clause_t *cl, uint32_t l)
{
    static const char *const AIM[] = {"targeting", "targetting", "against", "on", "at"};
    for (uint32_t p = l + 1; p + 1 < cl->l1; p++) {
        if (live_tok(c, p)->kind != TK_WORD)
            return -1;
        for (size_t k = 0; k < sizeof AIM / sizeof AIM[0]; k++) {
            if (!word_is(c, p, AIM[k]))
                continue;
            uint32_t q = p + 1;
            if (q < cl->l1 && is_word(c, q, SP_DET))
                q++;
            return q < cl->l1 && unit_at(c, q) >= 0 && unit_at(c, q) != unit_at(c, l)
                       ? (int32_t)q : -1;
        }
    }
    return -1;
}

/* Is the actor at live l named as the place of an attack ("in Iraq") that a later word aims
 * at another actor? Returns that actor's live position, or -1. */
static int32_t place_of_attack(coder_t *c, const clause_t *cl, uint32_t l, bool attack)
{
    if (!attack || !c->unit[unit_at(c, l)].id || l == cl->l0 || !word_is(c, l - 1, "in"))
        return -1;
    return aimed_at_after(c, cl, l);
}

/* First unit after an active verb that is a target: actors who ordered the event are passed
 * over, and so is the place of an attack aimed at someone named later. Only for actors of
 * annalist's dictionaries (TABARI reads "by" its own way). */
static int32_t first_target_after(coder_t *c, const clause_t *cl, uint32_t ve, slot_t source,
                                  const pmatch_t *m, bool attack)
{
    for (uint32_t l = ve; l < cl->l1; l++) {
        int32_t u = unit_at(c, l);
        if (u < 0 || same_actor(c, source, u) || excluded(m, u))
            continue;
        int32_t aimed = place_of_attack(c, cl, l, attack);
        if (aimed >= 0) {
            l = (uint32_t)aimed - 1;
            continue;
        }
        if (c->unit[u].id && authoriser_at(c, cl->l0, l, cl->l1)) {
            while (l + 1 < cl->l1 && unit_at(c, l + 1) == u)
                l++;
            continue;
        }
        return u;
    }
    return -1;
}

static slot_t default_target(coder_t *c, const clause_t *cl, uint32_t vs, uint32_t ve,
                             slot_t source, const pmatch_t *m, bool attack)
{
    int32_t u = first_target_after(c, cl, ve, source, m, attack);
    int32_t group = source.unit >= 0 ? c->unit[source.unit].group : -1;
    for (uint32_t l = cl->l0; u < 0 && l < vs; l++) {
        int32_t k = unit_at(c, l);
        if (k >= 0 && !same_actor(c, source, k) && !excluded(m, k) &&
            (group < 0 || c->unit[k].group != group))
            u = k;
    }
    if (u >= 0)
        return slot_of(u);
    /* a compound source with nothing else around: its first other member is the target */
    for (int32_t k = group; k >= 0; k = c->unit[k].group_next)
        if (!same_actor(c, source, k))
            return (slot_t){k, false};
    return (slot_t){-1, false};
}


/* "The killing of Soleimani by a drone strike ...": an actor of annalist's dictionaries right
 * after "of" that follows an event noun is what the event was done to, not who did it. */
static bool victim_of_event_noun(coder_t *c, int32_t u)
{
    if (u < 0 || !c->unit[u].id || c->unit[u].ref >= 0)
        return false;
    int32_t l = c->tok[c->unit[u].t0].lpos;
    return l >= 2 && word_is(c, (uint32_t)l - 1, "of") && event_noun_at(c, (uint32_t)l - 2) &&
           live_tok(c, (uint32_t)l - 2)->noun_verb;
}

/* The actor of the clause who ordered its event ("on the direct orders of Trump"), or none. */
static slot_t ordering_actor(coder_t *c, const clause_t *cl)
{
    for (uint32_t l = cl->l0; l < cl->l1; l++) {
        int32_t u = unit_at(c, l);
        if (u >= 0 && c->unit[u].id && authoriser_at(c, cl->l0, l, cl->l1))
            return slot_of(u);
    }
    return (slot_t){-1, false};
}

/* Is unit u a possessive pronoun before a noun ("his supporters", "their fighters")? It names
 * people of the actor it stands for, not that actor. */
static bool own_people(const coder_t *c, int32_t u)
{
    const unit_t *un = &c->unit[u];
    if (un->ref < 0 || un->t0 + 1 >= c->ntok)
        return false;
    const tok_t *t = &c->tok[un->t0], *next = &c->tok[un->t0 + 1];
    bool possessive = t->special == SP_PRON_PRIOR ||
                      (t->special == SP_PRON_PLURAL && t->fold_len == 5); /* "their" */
    return possessive && next->kind == TK_WORD && next->unit < 0;
}

/* Codes of roots 18-20: assaults, fights, mass violence. */
static bool is_attack(const dict_event_code_t *code)
{
    return code && code->code && (!strncmp(code->code, "18", 2) || !strncmp(code->code, "19", 2) ||
                                  !strncmp(code->code, "20", 2));
}

/* Does a pattern name a word besides its slots and sets ("roadside *", "* on convoy")? */
static bool pattern_has_word(const char *text)
{
    for (const char *p = text; p && *p; p++) {
        if (*p == '&')
            while (p[1] && p[1] != ' ')
                p++;
        else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            return true;
    }
    return false;
}

/* Events with one actor, of annalist's dictionaries (with an id), when a pattern coded the verb:
 * news names one side of many events, and GDELT-style data keeps them with the other side
 * empty. A source may act alone when it is a person or an organisation right before a pattern
 * that is the whole event ("Khani attended a meeting", "the PMF sent aid"; on Reuters, lone
 * countries and patterns that name a missing side were right only one time in four); a target
 * only of an attack a specific pattern names, with no actor before the verb ("a dozen ballistic
 * missiles hit Mossad bases", "Roadside bombs targeted US forces"). */
#define LONE_TARGET_REACH 4 /* words between an attack and the only actor it names */

/* Does a pattern name a side of the event ("* +", "* with +", "* from $")? */
static bool pattern_names_side(const char *text)
{
    return text && (strchr(text, '+') || strchr(text, '$') || strchr(text, '%'));
}

static bool one_named_actor(coder_t *c, const clause_t *cl, uint32_t vs, uint32_t ve, slot_t src,
                            slot_t tgt, const pmatch_t *m, const coded_t *k, bool own_side)
{
    if (!m || (src.unit < 0) == (tgt.unit < 0))
        return false;
    int32_t u = src.unit >= 0 ? src.unit : tgt.unit;
    if (c->unit[u].ref >= 0 || !(src.unit >= 0 ? c->unit[u].id != NULL : c->unit[u].named))
        return false; /* a target may be "the US embassy": the US with an agent */
    if (src.unit >= 0) /* the subject next to a pattern that is the whole event ("* meeting") */
        return (c->unit[u].kind != DICT_KIND_COUNTRY || is_attack(k->code)) &&
               pattern_has_word(k->pattern) && !coder_negated(c, cl->l0, vs) &&
               (own_side || (!pattern_names_side(k->pattern) &&
                             coder_subject_next_to(c, cl->l0, vs) == src.unit));
    if (!is_attack(k->code) || !pattern_has_word(k->pattern))
        return false;
    for (uint32_t l = cl->l0; l < vs; l++)
        if (unit_at(c, l) >= 0)
            return false;
    int32_t at = c->tok[c->unit[u].t0].lpos; /* close after the attack, and no place ("in") */
    if (at < (int32_t)ve || (uint32_t)at > ve + LONE_TARGET_REACH)
        return false;
    uint32_t before = (uint32_t)at - 1; /* nor the subject of a clause ("... that the US is") */
    if (before > ve && is_word(c, before, SP_DET))
        before--;
    return !(word_is(c, before, "in") || word_is(c, before, "from") ||
             word_is(c, before, "that") || word_is(c, before, "which") ||
             word_is(c, before, "who") || word_is(c, before, "and"));
}

/* Source and target of a verb at live [vs, ve): the pattern's $ + %, else passive voice, else
 * the default searches and DEFAULT: codes. Returns VR_EVENT, VR_NONE (no dyad) or VR_STOP
 * (COMPLEX: NOACTPRIOR). */
int coder_find_actors(coder_t *c, const clause_t *cl, uint32_t vs, uint32_t ve,
                      const clause_state_t *st, const pmatch_t *m, coded_t *out)
{
    const dict_options_t *o = &c->d->options;
    slot_t none = {-1, false};
    slot_t src = m ? m->source : none, tgt = m ? m->target : none;
    bool own_side = false; /* the pattern's target was the source's own people */
    if (tgt.unit >= 0 && !m->compound && c->unit[tgt.unit].id &&
        c->tok[c->unit[tgt.unit].t0].lpos >= 0 &&
        authoriser_at(c, cl->l0, (uint32_t)c->tok[c->unit[tgt.unit].t0].lpos, cl->l1))
        tgt = none; /* "+" met the actor who ordered the event: look for the real target */
    int32_t agent = src.unit < 0 ? event_noun_agent(c, cl->l0, vs, ve, cl->l1) : -1;
    if (agent >= 0 && (tgt.unit < 0 || tgt.unit == agent)) {
        slot_t subject = default_source(c, cl, vs, st);
        if (subject.unit >= 0 && subject.unit != agent) {
            src = slot_of(agent);
            tgt = subject;
            out->flags |= CODE_EV_PASSIVE;
        }
    }
    if (src.unit < 0 && tgt.unit < 0 && passive(c, cl->l0, vs, ve, cl->l1)) {
        int32_t s = coder_first_unit(c, ve, cl->l1, none);
        if (s >= 0) {
            src = slot_of(s);
            tgt = default_source(c, cl, vs, st);
            out->flags |= CODE_EV_PASSIVE;
        }
    }
    if (src.unit < 0 && !(out->flags & CODE_EV_PASSIVE)) {
        int32_t u = modifier_source(c, cl->l0, vs);
        if (u >= 0 && u != tgt.unit)
            src = slot_of(u);
    }
    if (src.unit < 0 && tgt.unit >= 0) {
        /* the pattern named the target: the source is the subject next to the verb, else the
         * first other actor of the clause */
        int32_t u = coder_relative_subject(c, cl->l0, vs);
        if (u < 0)
            u = coder_subject_next_to(c, cl->l0, vs);
        if ((u < 0 || same_actor(c, tgt, u)) && c->unit[tgt.unit].id) {
            /* "... and called for punishing Trump, who ordered ...": the subject carried on */
            slot_t d = default_source(c, cl, vs, st);
            if (d.unit >= 0 && same_actor(c, tgt, d.unit) && own_people(c, tgt.unit)) {
                src = d; /* "Sadr demanded that his supporters ...": his own side, no target */
                tgt = none;
                own_side = true;
            }
            u = d.unit >= 0 && !same_actor(c, tgt, d.unit) ? d.unit : -1;
        }
        if (u < 0 || same_actor(c, tgt, u))
            u = coder_first_unit(c, cl->l0, cl->l1, tgt);
        if (u >= 0)
            src = slot_of(u);
    }
    if (src.unit < 0) {
        src = default_source(c, cl, vs, st);
        if (src.unit < 0 && o->default_source && !o->default_source_prior) {
            int32_t u = coder_first_unit(c, ve, cl->l1, none);
            if (u >= 0)
                src = (slot_t){u, false}; /* DEFAULT without PRIOR: an actor after the verb */
        } else if (src.unit < 0 && o->noactprior && !o->default_source) {
            c->status = CODE_COMPLEX; /* COMPLEX: NOACTPRIOR */
            return VR_STOP;
        }
    }
    if (tgt.unit < 0 && victim_of_event_noun(c, src.unit)) {
        tgt = src;
        src = ordering_actor(c, cl);
    }
    if (tgt.unit < 0 && o->default_target && o->default_target_after) {
        int32_t u = first_unit_x(c, ve, cl->l1, src, m);
        if (u >= 0)
            tgt = slot_of(u);
    } else if (tgt.unit < 0 && !own_side) {
        tgt = default_target(c, cl, vs, ve, src, m, is_attack(out->code));
    }
    if (o->require_dyad && !one_named_actor(c, cl, vs, ve, src, tgt, m, out, own_side) &&
        ((src.unit < 0 && !o->default_source) || (tgt.unit < 0 && !o->default_target)))
        return VR_NONE; /* an event needs both actors */
    if (src.unit < 0 && tgt.unit < 0 && !o->default_source && !o->default_target)
        return VR_NONE; /* not even one actor */
    slot_t psrc = possessed(c, src, cl->l1), ptgt = possessed(c, tgt, cl->l1);
    if (psrc.unit != ptgt.unit) {
        src = psrc;
        tgt = ptgt;
    }
    out->source = src;
    out->target = tgt;
    return VR_EVENT;
}

