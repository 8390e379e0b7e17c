/* Matches one verb pattern ("- + * FROM $ [066]") around a verb occurrence in a clause: words
 * and synsets after the '*' are matched forward, those before it backward from the verb; a
 * blank allows words in between, '_' does not; $ + % ^ take the first actor (or compound) found
 * where they stand. Matching never crosses the clause, a comma or other stop punctuation, and a
 * step budget bounds the work per sentence. Pure function of the coder's parse: no allocation. */
#include <string.h>

#include "code/coder_internal.h"

typedef struct mctx {
    coder_t *c;
    const dict_elem_t *el;
    uint32_t verb, pattern;
    uint32_t cl0, cl1; /* clause live range */
    uint32_t lo, hi;   /* live range touched by the match */
    pmatch_t *m;
} mctx_t;

static bool barrier(coder_t *c, uint32_t l)
{
    return live_tok(c, l)->kind != TK_WORD;
}

#define NAME_REACH 8 /* tokens back to the head of a name that may cover a word */

/* Is token i a word of an actor's name ("Force" of "Quds Force")? */
static bool in_actor_name(const coder_t *c, uint32_t i)
{
    for (uint32_t k = 0; k <= NAME_REACH && k <= i; k++) {
        const tok_t *h = &c->tok[i - k];
        if (h->head)
            return h->type == TT_ACTOR && h->span_end > i;
    }
    return false;
}

static bool tok_has_word(coder_t *c, uint32_t l, int32_t word, uint8_t match)
{
    const tok_t *t = live_tok(c, l);
    if (t->kind != TK_WORD || word < 0)
        return false;
    /* annalist's pattern words are words of the sentence, not of the names in it: "raise
     * forces" is no match for "raised a picture of the Quds Force commander" */
    if (match == DICT_MATCH_INFLECTED && in_actor_name(c, c->live[l]))
        return false;
    for (uint32_t k = 0; k < t->ncand; k++)
        if (dict_cand_accepts(&c->cand[t->cand_off + k], word, match))
            return true;
    return false;
}

static bool spend(coder_t *c)
{
    if (c->budget == 0)
        return false;
    c->budget--;
    return true;
}

/* ---- actors ---------------------------------------------------------------------------------- */

/* Live range [a, b) of a unit or of its whole compound. */
static void slot_range(coder_t *c, int32_t u, bool group, uint32_t *a, uint32_t *b)
{
    const unit_t *un = &c->unit[u];
    int32_t first = group && un->group >= 0 ? un->group : u, last = first;
    if (group && un->group >= 0)
        while (c->unit[last].group_next >= 0)
            last = c->unit[last].group_next;
    else
        last = u;
    /* first/last live positions of the tokens of those units */
    *a = UINT32_MAX;
    *b = 0;
    for (uint32_t t = c->unit[first].t0; t < c->unit[last].t1 && t < c->ntok; t++)
        if (c->tok[t].lpos >= 0) {
            if ((uint32_t)c->tok[t].lpos < *a)
                *a = (uint32_t)c->tok[t].lpos;
            if ((uint32_t)c->tok[t].lpos + 1 > *b)
                *b = (uint32_t)c->tok[t].lpos + 1;
        }
}

static bool assign_slot(mctx_t *x, uint8_t kind, int32_t u)
{
    const unit_t *un = &x->c->unit[u];
    bool compound = un->group >= 0 || (un->ref >= 0 && un->plural_ref);
    slot_t s = {u, true};
    switch (kind) {
    case DICT_EL_SOURCE: x->m->source = s; return true;
    case DICT_EL_TARGET: x->m->target = s; return true;
    case DICT_EL_COMPOUND:
        if (!compound)
            return false;
        x->m->source = s;
        x->m->target = s;
        x->m->compound = true;
        return true;
    default: /* '^' skips */
        if (x->m->nskipped < 4)
            x->m->skipped[x->m->nskipped++] = u;
        return true;
    }
}

static void touch(mctx_t *x, uint32_t a, uint32_t b)
{
    if (a < x->lo)
        x->lo = a;
    if (b > x->hi)
        x->hi = b;
}

/* ---- synsets ---------------------------------------------------------------------------------
 * A member is matched greedily: each element at the first place it fits (right after the previous
 * one, or further on after a blank); no backtracking inside a member. */

static int64_t synset_fwd(mctx_t *x, uint32_t s, uint32_t l, int depth);
static int64_t synset_bwd(mctx_t *x, uint32_t s, int64_t l, int depth);

/* One element of member m of synset s at live position p, forward: the position after it or -1. */
static int64_t elem_fwd(mctx_t *x, uint32_t s, uint32_t m, uint32_t e, uint32_t p, int depth)
{
    coder_t *c = x->c;
    const dict_elem_t *el = &c->d->synsets[s].members[m].elems[e];
    if (el->kind == DICT_EL_WORD)
        return !barrier(c, p) && tok_has_word(c, p, dict_synset_word(c->dc, s, m, e), el->match)
                   ? (int64_t)p + 1 : -1;
    if (el->kind == DICT_EL_SYNSET)
        return barrier(c, p) ? -1 : synset_fwd(x, el->synset, p, depth + 1);
    if (el->kind >= DICT_EL_SOURCE && el->kind <= DICT_EL_SKIP) {
        int32_t u = live_tok(c, p)->unit;
        uint32_t a, b;
        if (u < 0)
            return -1;
        slot_range(c, u, true, &a, &b);
        return assign_slot(x, el->kind, u) ? (int64_t)b : -1;
    }
    return -1;
}

static int64_t member_fwd(mctx_t *x, uint32_t s, uint32_t m, uint32_t l, int depth)
{
    coder_t *c = x->c;
    const dict_phrase_t *ph = &c->d->synsets[s].members[m];
    bool gap = false;
    for (uint32_t e = 0; e < ph->n; e++) {
        int64_t q = -1;
        for (uint32_t p = l; p < x->cl1 && spend(c); p++) {
            if (live_tok(c, p)->kind == TK_STOP)
                break;
            q = elem_fwd(x, s, m, e, p, depth);
            if (q >= 0 || !gap || barrier(c, p))
                break;
        }
        if (q < 0)
            return -1;
        l = (uint32_t)q;
        gap = !ph->elems[e].adjacent;
    }
    return l;
}

static int64_t synset_fwd(mctx_t *x, uint32_t s, uint32_t l, int depth)
{
    if (depth > 3)
        return -1;
    const dict_synset_t *sy = &x->c->d->synsets[s];
    for (uint32_t m = 0; m < sy->nmembers; m++) {
        int64_t q = member_fwd(x, s, m, l, depth);
        if (q >= 0)
            return q;
    }
    return -1;
}

/* One element ending at live position p, backward: the position of its first word or -1. */
static int64_t elem_bwd(mctx_t *x, uint32_t s, uint32_t m, uint32_t e, uint32_t p, int depth)
{
    coder_t *c = x->c;
    const dict_elem_t *el = &c->d->synsets[s].members[m].elems[e];
    if (el->kind == DICT_EL_WORD)
        return !barrier(c, p) && tok_has_word(c, p, dict_synset_word(c->dc, s, m, e), el->match)
                   ? (int64_t)p : -1;
    if (el->kind == DICT_EL_SYNSET)
        return barrier(c, p) ? -1 : synset_bwd(x, el->synset, p, depth + 1);
    if (el->kind >= DICT_EL_SOURCE && el->kind <= DICT_EL_SKIP) {
        int32_t u = live_tok(c, p)->unit;
        uint32_t a, b;
        if (u < 0)
            return -1;
        slot_range(c, u, true, &a, &b);
        return assign_slot(x, el->kind, u) ? (int64_t)a : -1;
    }
    return -1;
}

static int64_t member_bwd(mctx_t *x, uint32_t s, uint32_t m, int64_t l, int depth)
{
    coder_t *c = x->c;
    const dict_phrase_t *ph = &c->d->synsets[s].members[m];
    int64_t first = l;
    for (int64_t e = (int64_t)ph->n - 1; e >= 0; e--) {
        bool gap = !ph->elems[e].adjacent && e + 1 < (int64_t)ph->n;
        int64_t q = -1;
        for (int64_t p = l; p >= (int64_t)x->cl0 && spend(c); p--) {
            if (live_tok(c, (uint32_t)p)->kind == TK_STOP)
                break;
            q = elem_bwd(x, s, m, (uint32_t)e, (uint32_t)p, depth);
            if (q >= 0 || !gap || barrier(c, (uint32_t)p))
                break;
        }
        if (q < 0)
            return -1;
        first = q;
        l = q - 1;
    }
    return first;
}

static int64_t synset_bwd(mctx_t *x, uint32_t s, int64_t l, int depth)
{
    if (depth > 3 || l < 0)
        return -1;
    const dict_synset_t *sy = &x->c->d->synsets[s];
    for (uint32_t m = 0; m < sy->nmembers; m++) {
        int64_t q = member_bwd(x, s, m, l, depth);
        if (q >= 0)
            return q;
    }
    return -1;
}

/* ---- forward and backward -------------------------------------------------------------------- */

static bool fwd(mctx_t *x, uint32_t e, uint32_t n, uint32_t l, bool gap)
{
    coder_t *c = x->c;
    if (e == n)
        return true;
    const dict_elem_t *el = &x->el[e];
    bool next_gap = !el->adjacent;
    for (uint32_t p = l; p < x->cl1; p++) {
        if (!spend(c))
            return false;
        if (el->kind == DICT_EL_WORD) {
            if (barrier(c, p))
                return false;
            if (tok_has_word(c, p, dict_pattern_word(c->dc, x->verb, x->pattern, e), el->match) &&
                fwd(x, e + 1, n, p + 1, next_gap)) {
                touch(x, p, p + 1);
                return true;
            }
        } else if (el->kind == DICT_EL_SYNSET) {
            if (barrier(c, p))
                return false;
            int64_t q = synset_fwd(x, el->synset, p, 0);
            if (q >= 0 && fwd(x, e + 1, n, (uint32_t)q, next_gap)) {
                touch(x, p, (uint32_t)q);
                return true;
            }
        } else if (el->kind >= DICT_EL_SOURCE && el->kind <= DICT_EL_SKIP) {
            if (live_tok(c, p)->kind == TK_STOP)
                return false;
            int32_t u = live_tok(c, p)->unit;
            if (u >= 0) { /* the first actor met is the one: no backtracking over actors */
                uint32_t a, b;
                slot_range(c, u, true, &a, &b);
                if (!assign_slot(x, el->kind, u))
                    return false;
                if (!fwd(x, e + 1, n, b, next_gap))
                    return false;
                touch(x, p, b);
                return true;
            }
        } else if (el->kind == DICT_EL_GROUP_OPEN || el->kind == DICT_EL_GROUP_CLOSE) {
            return fwd(x, e + 1, n, p, gap);
        } else {
            return false;
        }
        if (!gap)
            return false;
    }
    return false;
}

/* Element e (counting down) must end at or before live position l; `gap` allows words between. */
static bool bwd(mctx_t *x, int64_t e, int64_t l, bool gap)
{
    coder_t *c = x->c;
    if (e < 0)
        return true;
    const dict_elem_t *el = &x->el[e];
    bool prev_gap = e > 0 ? !x->el[e - 1].adjacent : true;
    for (int64_t p = l; p >= (int64_t)x->cl0; p--) {
        if (!spend(c))
            return false;
        uint32_t up = (uint32_t)p;
        if (el->kind == DICT_EL_WORD) {
            if (barrier(c, up))
                return false;
            if (tok_has_word(c, up, dict_pattern_word(c->dc, x->verb, x->pattern, (uint32_t)e),
                             el->match) &&
                bwd(x, e - 1, p - 1, prev_gap)) {
                touch(x, up, up + 1);
                return true;
            }
        } else if (el->kind == DICT_EL_SYNSET) {
            if (barrier(c, up))
                return false;
            int64_t q = synset_bwd(x, el->synset, p, 0);
            if (q >= 0 && bwd(x, e - 1, q - 1, prev_gap)) {
                touch(x, (uint32_t)q, up + 1);
                return true;
            }
        } else if (el->kind >= DICT_EL_SOURCE && el->kind <= DICT_EL_SKIP) {
            if (live_tok(c, up)->kind == TK_STOP)
                return false;
            int32_t u = live_tok(c, up)->unit;
            if (u >= 0) {
                uint32_t a, b;
                slot_range(c, u, true, &a, &b);
                if (!assign_slot(x, el->kind, u))
                    return false;
                if (!bwd(x, e - 1, (int64_t)a - 1, prev_gap))
                    return false;
                touch(x, a, up + 1);
                return true;
            }
        } else if (el->kind == DICT_EL_GROUP_OPEN || el->kind == DICT_EL_GROUP_CLOSE) {
            return bwd(x, e - 1, p, gap);
        } else {
            return false;
        }
        if (!gap)
            return false;
    }
    return false;
}

/* ---- prefilter ------------------------------------------------------------------------------- */

static bool word_seen(const coder_t *c, int32_t w)
{
    return w >= 0 && (uint32_t)w < c->nseen && c->seen[w] == c->gen;
}

static bool synset_possible(coder_t *c, uint32_t s, int depth)
{
    if (depth > 3)
        return false;
    if (c->syn_gen[s] == c->gen)
        return c->syn_ok[s];
    if (c->syn_key[s] != c->gen && !dict_synset_unkeyed(c->dc, s)) {
        c->syn_gen[s] = c->gen; /* no member's first word occurs: nothing to look at */
        c->syn_ok[s] = 0;
        return false;
    }
    const dict_synset_t *sy = &c->d->synsets[s];
    bool any = false;
    for (uint32_t m = 0; m < sy->nmembers && !any; m++) {
        bool ok = true;
        const dict_phrase_t *ph = &sy->members[m];
        for (uint32_t e = 0; e < ph->n && ok; e++) {
            if (ph->elems[e].kind == DICT_EL_WORD)
                ok = word_seen(c, dict_synset_word(c->dc, s, m, e));
            else if (ph->elems[e].kind == DICT_EL_SYNSET)
                ok = synset_possible(c, ph->elems[e].synset, depth + 1);
        }
        any = ok;
    }
    c->syn_gen[s] = c->gen;
    c->syn_ok[s] = any;
    return any;
}

/* False when some word or synset of the pattern occurs nowhere in the sentence. */
bool coder_pattern_possible(coder_t *c, uint32_t verb, uint32_t pattern)
{
    int32_t syn;
    int32_t key = dict_pattern_key(c->dc, verb, pattern, &syn);
    if ((key >= 0 && !word_seen(c, key)) || (syn >= 0 && !synset_possible(c, (uint32_t)syn, 0)))
        return false; /* the usual case, decided without looking at the pattern */
    const dict_phrase_t *ph = &c->d->verbs[verb].patterns[pattern].phrase;
    for (uint32_t e = 0; e < ph->n; e++) {
        const dict_elem_t *el = &ph->elems[e];
        if (el->kind == DICT_EL_WORD && !word_seen(c, dict_pattern_word(c->dc, verb, pattern, e)))
            return false;
        if (el->kind == DICT_EL_SYNSET && !synset_possible(c, el->synset, 0))
            return false;
    }
    return true;
}

bool coder_match_pattern(coder_t *c, uint32_t verb, uint32_t pattern, uint32_t cl0, uint32_t cl1,
                         uint32_t vs, uint32_t ve, pmatch_t *m)
{
    const dict_pattern_t *p = &c->d->verbs[verb].patterns[pattern];
    memset(m, 0, sizeof *m);
    m->source.unit = -1;
    m->target.unit = -1;
    uint32_t star = UINT32_MAX;
    for (uint32_t e = 0; e < p->phrase.n; e++)
        if (p->phrase.elems[e].kind == DICT_EL_VERB)
            star = e;
    if (star == UINT32_MAX)
        return false;
    mctx_t x = {c, p->phrase.elems, verb, pattern, cl0, cl1, vs, ve, m};
    bool before_gap = star > 0 ? !p->phrase.elems[star - 1].adjacent : true;
    bool after_gap = !p->phrase.elems[star].adjacent;
    if (!fwd(&x, star + 1, p->phrase.n, ve, after_gap))
        return false;
    if (!bwd(&x, (int64_t)star - 1, (int64_t)vs - 1, before_gap))
        return false;
    m->l0 = x.lo;
    m->l1 = x.hi;
    return true;
}
