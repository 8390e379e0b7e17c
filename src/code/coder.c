/* The coder's driver: parses a sentence (tokens.c, classify.c, clauses.c), then codes clause by
 * clause: verbs left to right, patterns longest first (pattern.c), their actors (roles.c),
 * compound expansion into events, paired/subordinate/dominant codes, negation, COMPLEX
 * sentences; and what a story remembers for the pronouns of its next sentence. Holds no global
 * state; one coder_t per thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/coder_internal.h"

#define PATTERN_BUDGET 20000 /* pattern-matching steps per sentence */

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

static code_span_t live_span(coder_t *c, uint32_t a, uint32_t b)
{
    return (code_span_t){live_tok(c, a)->start, live_tok(c, b - 1)->end};
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
    if (!fired && c->opt.negation && coder_negated(c, cl->l0, vs))
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
    return coder_find_actors(c, cl, vs, ve, st, fired ? &m : NULL, out);
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
            return coder_subject_next_to(c, cl->l0, l);
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
        if (*found && by != DICT_CODE_ALL && coder_relative_subject(c, cl->l0, l) < 0)
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
            u = coder_first_unit(c, cl->l0, cl->l1, (slot_t){-1, false});
        if (u >= 0)
            st->carry = (slot_t){u, true};
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
