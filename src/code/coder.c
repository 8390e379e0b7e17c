/* The coder's driver: parses a sentence (tokens.c, classify.c), then codes clause by clause:
 * verbs left to right, patterns longest first (pattern.c), default source/target rules, passive
 * voice, compound expansion, paired/subordinate/dominant codes, negation; for actors of
 * annalist's dictionaries also the news-English rules (event nouns and their authors, passive
 * agents named by an event, possessors, who ordered an event). Holds no global state; one
 * coder_t per thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/coder_internal.h"

#define PATTERN_BUDGET 20000 /* pattern-matching steps per sentence */
#define CARRY_WINDOW 3       /* words after a conjunction where a new subject may start */

coder_t *coder_new(const dict_compiled_t *dict, char **err)
{
    coder_t *c = calloc(1, sizeof *c);
    if (!c) {
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    c->dc = dict;
    c->d = dict_compiled_model(dict);
    c->opt.negation = true;
    c->opt.pronouns = true;
    c->nseen = dict_vocab_size(dict);
    c->seen = calloc(c->nseen + 1, sizeof(uint32_t));
    c->syn_gen = calloc(c->d->nsynsets + 1, sizeof(uint32_t));
    c->syn_ok = calloc(c->d->nsynsets + 1, 1);
    c->tcache = calloc(CODE_TCACHE, sizeof(token_cache_t));
    c->syn_key = calloc(c->d->nsynsets + 1, sizeof(uint32_t));
    if (!c->seen || !c->syn_gen || !c->syn_ok || !c->tcache || !c->syn_key) {
        coder_free(c);
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    return c;
}

void coder_free(coder_t *c)
{
    if (!c)
        return;
    free(c->tok);
    free(c->fold);
    free(c->cand);
    free(c->unit);
    free(c->unit_tmp);
    free(c->live);
    free(c->clause);
    free(c->ev);
    free(c->seen);
    free(c->syn_gen);
    free(c->syn_ok);
    free(c->tcache);
    free(c->syn_key);
    free(c->roots);
    free(c->ment);
    free(c);
}

void coder_set_options(coder_t *c, const coder_options_t *o)
{
    c->opt = *o;
}

void coder_begin_story(coder_t *c)
{
    c->forward[0] = '\0';
    c->forward_id = NULL;
    c->last_person[0] = c->last_thing[0] = '\0';
    c->last_person_id = c->last_thing_id = NULL;
}

/* forward_opening: the actor of this sentence that a later "he"/"she" may stand for, and the
 * one "it" may (an actor of unknown kind may be either): the first that fits, which is most
 * often the subject, of the latest sentence that has one. (Taking the last actor named instead
 * was measured on the seeds: right for 5 of 19 forwarded events, against 9 of 19.) Actors in
 * dropped comma clauses count: a reader has seen them. A sentence about an unknown person
 * clears the person. */
/* Does the sentence open with two or more capitalised words that no dictionary knows ("Omar
 * Al-Nadawi is a researcher")? Then it is most likely about a person the dictionaries lack,
 * and a "He" that follows means that person, not an earlier one. */
static bool opens_with_unknown_name(const coder_t *c)
{
    static const char *const OPENERS[] = {"after", "before", "in", "on", "at", "for", "with",
                                          "during", "since", "as", "when", "while", "although",
                                          "but", "and", "the", "a", "an", "this", "that", "however",
                                          "meanwhile", "following", "according", "by", "from"};
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->ntok; i++, n++) {
        const tok_t *t = &c->tok[i];
        if (t->kind != TK_WORD || !t->cap || t->covered || t->special != SP_NONE)
            break;
    }
    if (n < 2)
        return false;
    for (size_t k = 0; k < sizeof OPENERS / sizeof OPENERS[0]; k++)
        if (!strcmp(c->fold + c->tok[0].fold_off, OPENERS[k]))
            return false; /* "After Operation Al-Aqsa Storm": no person's name */
    return true;
}

#define SUBJECT_START 3 /* tokens before an organisation that opens its sentence as subject */

static void remember_story(coder_t *c)
{
    bool took_person = false, took_thing = false, first = true;
    for (uint32_t k = 0; k < c->nunit; k++) {
        const unit_t *u = &c->unit[k];
        if (u->forwarded) { /* "he" went on about the story's person: that one stays */
            took_person |= u->id && u->id == c->last_person_id;
            took_thing |= u->id && u->id == c->last_thing_id;
            continue;
        }
        if (u->ref >= 0 || !u->base[0] || !u->ncodes || !strcmp(u->base, "---") ||
            !u->codes[0][0])
            continue;
        bool person = u->kind == DICT_KIND_PERSON || u->kind == DICT_KIND_UNKNOWN;
        /* "it" stands for an organisation only when it opened the sentence as its subject: an
         * "it" after a sentence that merely names one is most often a thing no dictionary
         * holds (on the seeds, all three such "it"s were) */
        bool thing = u->kind != DICT_KIND_PERSON && first && u->t0 <= SUBJECT_START;
        first = false;
        person = person && !took_person; /* the first, most often the subject */
        thing = thing && !took_thing;
        took_person |= person;
        took_thing |= thing;
        if (person) {
            memcpy(c->last_person, u->codes[0], CODE_MAX_CODE);
            c->last_person_id = u->id;
        }
        if (thing) {
            memcpy(c->last_thing, u->codes[0], CODE_MAX_CODE);
            c->last_thing_id = u->id;
        }
    }
    if (!took_thing) {
        c->last_thing[0] = '\0';
        c->last_thing_id = NULL;
    }
    if (opens_with_unknown_name(c)) { /* the sentence is about that person */
        c->last_person[0] = '\0';
        c->last_person_id = NULL;
    }
}

/* Remembers the first actor of this sentence for the pronouns of the next one. */
static void remember_forward(coder_t *c)
{
    for (uint32_t k = 0; k < c->nunit; k++)
        if (c->unit[k].ref < 0 && c->unit[k].base[0] && !c->tok[c->unit[k].t0].deleted &&
            strcmp(c->unit[k].base, "---")) {
            memcpy(c->forward, c->unit[k].base, CODE_MAX_CODE);
            c->forward_id = c->unit[k].id;
            return;
        }
}

int coder_status(const coder_t *c)
{
    return c->status;
}

static int32_t digits(const char *s, int n)
{
    int32_t v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int32_t code_parse_date(const char *s)
{
    if (!s)
        return -1;
    size_t n = strlen(s);
    int32_t v = -1;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        int32_t y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        if (y >= 0 && m >= 0 && d >= 0)
            v = y * 10000 + m * 100 + d;
    } else if (n == 8 || n == 6) {
        v = dict_parse_date(s, n);
    }
    if (v < 0 || v / 100 % 100 < 1 || v / 100 % 100 > 12 || v % 100 < 1 || v % 100 > 31)
        return -1;
    return v;
}

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

static int32_t first_unit(coder_t *c, uint32_t a, uint32_t b, slot_t not)
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

static bool negated(coder_t *c, uint32_t cl0, uint32_t vs)
{
    for (uint32_t k = 1; k <= 2 && vs >= cl0 + k; k++)
        if (is_word(c, vs - k, SP_NEG))
            return true;
    return false;
}

/* ---- events ---------------------------------------------------------------------------------- */

typedef struct actor_ref {
    const char *code;
    const char *id;
    code_span_t span;
    bool forwarded;
} actor_ref_t;

static code_span_t unit_span(const coder_t *c, int32_t u)
{
    const unit_t *un = &c->unit[u];
    uint32_t last = un->t1 > un->t0 ? un->t1 - 1 : un->t0;
    return (code_span_t){c->tok[un->t0].start, c->tok[last].end};
}

/* Expands a slot into actor codes: a compound gives each member, a coded compound each part. */
static size_t expand(const coder_t *c, slot_t s, actor_ref_t *out, size_t max)
{
    size_t n = 0;
    if (s.unit < 0)
        return 0;
    int32_t u = s.unit;
    const unit_t *un = &c->unit[u];
    if (un->ref >= 0 && un->plural_ref)
        u = un->ref; /* THEY -> the referent's compound */
    int32_t first = c->unit[u].group >= 0 && s.whole_group ? c->unit[u].group : u;
    for (int32_t m = first; m >= 0 && n < max; m = c->unit[m].group >= 0 && s.whole_group
                                                       ? c->unit[m].group_next
                                                       : -1) {
        const unit_t *mu = &c->unit[m];
        for (uint32_t k = 0; k < mu->ncodes && n < max; k++) {
            bool dup = false;
            for (size_t q = 0; q < n; q++)
                dup |= !strcmp(out[q].code, mu->codes[k]);
            if (dup)
                continue;
            out[n].code = mu->codes[k];
            out[n].id = mu->id;
            out[n].forwarded = mu->forwarded;
            out[n].span = unit_span(c, s.unit == u || !(un->ref >= 0) ? m : s.unit);
            n++;
        }
    }
    return n;
}

static int push_event(coder_t *c, const actor_ref_t *s, const actor_ref_t *t, const char *code,
                      code_span_t vspan, const char *pattern, uint32_t verb, uint32_t flags)
{
    const char *src = s->code, *tgt = t->code;
    for (uint32_t i = 0; i < c->nev; i++) { /* the same event twice adds nothing */
        code_event_t *e = &c->ev[i];
        if (!strcmp(e->source, src) && !strcmp(e->target, tgt) && !strcmp(e->code, code))
            return 0;
    }
    if (coder_grow((void **)&c->ev, &c->cap_ev, c->nev + 1, sizeof(code_event_t)))
        return -1;
    code_event_t *e = &c->ev[c->nev++];
    memset(e, 0, sizeof *e);
    code_join(e->source, sizeof e->source, src, "");
    code_join(e->target, sizeof e->target, tgt, "");
    code_join(e->code, sizeof e->code, code, "");
    e->source_id = s->id;
    e->target_id = t->id;
    e->source_span = s->span;
    e->target_span = t->span;
    e->verb_span = vspan;
    e->pattern = pattern;
    e->verb = verb;
    e->flags = flags | (s->forwarded ? CODE_EV_FROM_PREVIOUS : 0);
    return 0;
}

typedef struct coded {
    const dict_event_code_t *code;
    const char *pattern;
    slot_t source, target;
    uint32_t verb;
    code_span_t vspan;
    uint32_t flags;
    bool compound; /* '%': pairs within one compound */
} coded_t;

static int emit(coder_t *c, const coded_t *k)
{
    actor_ref_t src[16], tgt[16];
    size_t ns = expand(c, k->source, src, 16), nt = expand(c, k->target, tgt, 16);
    const dict_options_t *o = &c->d->options;
    actor_ref_t none = {o->require_dyad ? "" : "---", NULL, {0, 0}, false};
    if (ns == 0) {
        src[0] = none;
        if (o->default_source)
            src[0].code = o->default_source;
        ns = 1;
    }
    if (nt == 0) {
        tgt[0] = none;
        if (o->default_target)
            tgt[0].code = o->default_target;
        nt = 1;
    }
    uint32_t flags = k->flags;
    if (k->code->flags & DICT_EV_SUBORDINATE)
        flags |= CODE_EV_SUBORDINATE;
    if (k->code->flags & DICT_EV_DOMINANT)
        flags |= CODE_EV_DOMINANT;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < nt; j++) {
            if (src[i].code[0] && !strcmp(src[i].code, tgt[j].code))
                continue;
            if (k->compound) { /* each pair once: code one way, pair code (or code) back */
                if (j <= i)
                    continue;
                const char *back = k->code->pair ? k->code->pair : k->code->code;
                if (push_event(c, &src[i], &tgt[j], k->code->code, k->vspan, k->pattern, k->verb,
                               flags) ||
                    push_event(c, &tgt[j], &src[i], back, k->vspan, k->pattern, k->verb,
                               flags | CODE_EV_PAIRED))
                    return -1;
                continue;
            }
            if (push_event(c, &src[i], &tgt[j], k->code->code, k->vspan, k->pattern, k->verb,
                           flags))
                return -1;
            if (k->code->pair && push_event(c, &tgt[j], &src[i], k->code->pair, k->vspan,
                                            k->pattern, k->verb, flags | CODE_EV_PAIRED))
                return -1;
        }
    return 0;
}

/* ---- coding a verb --------------------------------------------------------------------------- */

enum verb_result { VR_NONE, VR_EVENT, VR_STOP };

typedef struct clause_state {
    slot_t carry;       /* source carried over from earlier clauses */
    uint32_t index;     /* clause number */
} clause_state_t;

static code_span_t live_span(coder_t *c, uint32_t a, uint32_t b)
{
    return (code_span_t){live_tok(c, a)->start, live_tok(c, b - 1)->end};
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
static int32_t subject_next_to(coder_t *c, uint32_t cl0, uint32_t vs)
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
static int32_t relative_subject(coder_t *c, uint32_t cl0, uint32_t vs)
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
    int32_t relative = relative_subject(c, cl->l0, vs);
    if (relative >= 0)
        return slot_of(relative);
    int32_t next_to = subject_next_to(c, cl->l0, vs);
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

/* The first pattern of the verb (longest first) that matches here, or NULL. */
static const dict_pattern_t *fire_pattern(coder_t *c, const clause_t *cl, uint32_t verb,
                                          uint32_t vs, uint32_t ve, pmatch_t *m)
{
    uint32_t npat;
    const uint32_t *order = dict_verb_order(c->dc, verb, &npat);
    for (uint32_t k = 0; k < npat; k++)
        if (coder_pattern_possible(c, verb, order[k]) &&
            coder_match_pattern(c, verb, order[k], cl->l0, cl->l1, vs, ve, m))
            return &c->d->verbs[verb].patterns[order[k]];
    return NULL;
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
               pattern_has_word(k->pattern) && !negated(c, cl->l0, vs) &&
               (own_side || (!pattern_names_side(k->pattern) &&
                             subject_next_to(c, cl->l0, vs) == src.unit));
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
static int find_actors(coder_t *c, const clause_t *cl, uint32_t vs, uint32_t ve,
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
        int32_t s = first_unit(c, ve, cl->l1, none);
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
        int32_t u = relative_subject(c, cl->l0, vs);
        if (u < 0)
            u = subject_next_to(c, cl->l0, vs);
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
            u = first_unit(c, cl->l0, cl->l1, tgt);
        if (u >= 0)
            src = slot_of(u);
    }
    if (src.unit < 0) {
        src = default_source(c, cl, vs, st);
        if (src.unit < 0 && o->default_source && !o->default_source_prior) {
            int32_t u = first_unit(c, ve, cl->l1, none);
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

/* Codes the verb whose phrase starts at live position vs. */
static int code_verb(coder_t *c, const clause_t *cl, uint32_t vs, clause_state_t *st,
                     coded_t *out)
{
    tok_t *vt = live_tok(c, vs);
    uint32_t verb = (uint32_t)vt->entry;
    uint32_t ve = vs + (vt->span_end - c->live[vs]);
    if (ve > cl->l1)
        ve = cl->l1;
    pmatch_t m;
    const dict_pattern_t *fired = fire_pattern(c, cl, verb, vs, ve, &m);
    const dict_event_code_t *code = fired ? &fired->code : &c->d->verbs[verb].code;
    if (code->flags & (DICT_EV_DISCARD | DICT_EV_COMPLEX)) {
        c->status = code->flags & DICT_EV_DISCARD ? CODE_DISCARDED : CODE_COMPLEX;
        return VR_STOP;
    }
    if ((code->flags & DICT_EV_NULL) || !code->code)
        return VR_NONE;
    if (!fired && c->opt.negation && negated(c, cl->l0, vs))
        return VR_NONE;
    memset(out, 0, sizeof *out);
    out->code = code;
    out->pattern = fired ? fired->text : NULL;
    out->verb = verb;
    uint32_t a = vs, b = ve;
    if (fired) {
        a = m.l0 < a ? m.l0 : a;
        b = m.l1 > b ? m.l1 : b;
    }
    out->vspan = live_span(c, a, b);
    out->compound = fired && m.compound;
    return find_actors(c, cl, vs, ve, st, fired ? &m : NULL, out);
}

/* A verb of saying coded by its bare default as a plain statement (010: "underscored that
 * ...", "saying ..."): what was said is the event when the clause codes one, so such a
 * statement waits like a subordinate code. */
static bool bare_statement(const coded_t *k)
{
    return !k->pattern && k->code->code && !strcmp(k->code->code, "010");
}

/* The actor next to the clause's first verb ("..., Iranian President Raisi raised a picture"),
 * who carries on as the subject of the next clause when this one coded nothing; -1 when none. */
static int32_t subject_of_first_verb(coder_t *c, const clause_t *cl)
{
    for (uint32_t l = cl->l0; l < cl->l1; l++)
        if (live_tok(c, l)->head && live_tok(c, l)->type == TT_VERB)
            return subject_next_to(c, cl->l0, l);
    return -1;
}

/* Codes one clause; returns -1 on no memory, 1 to stop the sentence, 0 otherwise. */
static int code_clause(coder_t *c, const clause_t *cl, clause_state_t *st, bool *found)
{
    int by = c->d->options.code_by;
    coded_t sub;
    bool have_sub = false;
    *found = false;
    for (uint32_t l = cl->l0; l < cl->l1; l++) {
        tok_t *t = live_tok(c, l);
        if (!t->head || t->type != TT_VERB)
            continue;
        if (*found && by != DICT_CODE_ALL && relative_subject(c, cl->l0, l) < 0)
            continue; /* one event a clause, and one for each relative clause in it */
        coded_t k;
        int r = code_verb(c, cl, l, st, &k);
        if (r == VR_STOP)
            return 1;
        if (r != VR_EVENT)
            continue;
        if ((k.code->flags & DICT_EV_SUBORDINATE || bare_statement(&k)) && by != DICT_CODE_ALL) {
            if (!have_sub)
                sub = k, have_sub = true;
            continue;
        }
        if (emit(c, &k))
            return -1;
        *found = true;
        st->carry = k.source;
    }
    if (!*found && have_sub) {
        if (emit(c, &sub))
            return -1;
        *found = true;
        st->carry = sub.source;
    }
    if (!*found && st->carry.unit < 0) {
        int32_t u = subject_of_first_verb(c, cl);
        if (u < 0)
            u = first_unit(c, cl->l0, cl->l1, (slot_t){-1, false});
        if (u >= 0)
            st->carry = slot_of(u);
    }
    return 0;
}

/* COMPLEX: VERBS[n] CONJ[n] ACTORS[n]: a sentence with n or more verbs, clause-splitting
 * conjunctions or actors is too complex to code. */
static bool too_complex(coder_t *c)
{
    const dict_options_t *o = &c->d->options;
    uint32_t verbs = 0, conj = 0;
    for (uint32_t l = 0; l < c->nlive; l++)
        verbs += live_tok(c, l)->head && live_tok(c, l)->type == TT_VERB;
    for (uint32_t i = 0; i < c->ntok; i++) {
        const tok_t *t = &c->tok[i];
        conj += t->kind == TK_WORD && !t->covered && !t->deleted && t->special == SP_CONJ &&
                !t->conj_kept && t->unit < 0;
    }
    return (o->complex_verbs && verbs >= o->complex_verbs) ||
           (o->complex_conj && conj >= o->complex_conj) ||
           (o->complex_actors && c->nunit >= o->complex_actors);
}

/* Subordinate events go when any other event exists; dominant events push out the rest. */
static void filter_events(coder_t *c)
{
    bool plain = false, dominant = false;
    for (uint32_t i = 0; i < c->nev; i++) {
        plain |= !(c->ev[i].flags & CODE_EV_SUBORDINATE);
        dominant |= (c->ev[i].flags & CODE_EV_DOMINANT) != 0;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->nev; i++) {
        uint32_t f = c->ev[i].flags;
        if ((plain && (f & CODE_EV_SUBORDINATE)) || (dominant && !(f & CODE_EV_DOMINANT)))
            continue;
        c->ev[n++] = c->ev[i];
    }
    c->nev = n;
}

int coder_parse(coder_t *c, const char *text, size_t len, const char *date_iso)
{
    c->nev = 0;
    c->nunit = 0;
    c->nlive = 0;
    c->nclause = 0;
    c->status = CODE_OK;
    c->date = code_parse_date(date_iso);
    if (++c->gen == 0) { /* the stamps wrapped: start them over */
        memset(c->seen, 0, sizeof(uint32_t) * c->nseen);
        memset(c->syn_gen, 0, sizeof(uint32_t) * c->d->nsynsets);
        memset(c->syn_key, 0, sizeof(uint32_t) * c->d->nsynsets);
        c->gen = 1;
    }
    c->budget = PATTERN_BUDGET;
    if (!text)
        len = 0;
    if (len > UINT32_MAX - 1)
        len = UINT32_MAX - 1;
    c->text = text;
    c->len = len;
    return coder_tokenise(c, text, len) || coder_classify(c) ? -1 : 0;
}

/* Codes the parsed sentence's units into c->ev; -1 when memory runs out. */
static int code_units(coder_t *c)
{
    uint32_t words = 0;
    for (uint32_t i = 0; i < c->ntok; i++)
        words += c->tok[i].kind == TK_WORD;
    if (words < c->d->options.min_words)
        return 0;
    if (too_complex(c)) {
        c->status = CODE_COMPLEX;
        return 0;
    }
    clause_state_t st = {{-1, false}, 0};
    for (uint32_t k = 0; k < c->nclause; k++) {
        bool found;
        st.index = k;
        int r = code_clause(c, &c->clause[k], &st, &found);
        if (r < 0)
            return -1;
        if (r > 0) {
            c->nev = 0;
            return 0;
        }
        if (found && c->d->options.code_by == DICT_CODE_BY_SENTENCE)
            break;
    }
    filter_events(c);
    if (c->opt.forward && !c->opt.forward_opening)
        remember_forward(c);
    return 0;
}

int coder_sentence(coder_t *c, const char *text, size_t len, const char *date_iso,
                   const code_event_t **events, size_t *n)
{
    *events = c->ev;
    *n = 0;
    if (coder_parse(c, text, len, date_iso))
        return -1;
    c->budget = PATTERN_BUDGET;
    if (c->status != CODE_OK)
        return 0;
    if (coder_build_units(c) || coder_clauses(c) || code_units(c))
        return -1;
    if (c->opt.forward && c->opt.forward_opening)
        remember_story(c); /* whether or not the sentence was coded */
    *events = c->ev;
    *n = c->nev;
    return 0;
}
