/* The coder's shallow parse of one tokenised sentence: longest-match classification of phrases
 * (actors, agents, verbs, nouns, adjectives, discards), actor units with agents composed in,
 * compound actors and pronoun references (clauses.c then drops asides and splits clauses).
 * Writes only to the coder's scratch arrays. */
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "code/coder_internal.h"

int coder_grow(void **v, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    uint32_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *nv = realloc(*v, (size_t)ncap * size);
    if (!nv)
        return -1;
    *v = nv;
    *cap = ncap;
    return 0;
}

/* ---- classification -------------------------------------------------------------------------- */

/* Among phrases of equal length, which kind wins. */
static const uint8_t kind_rank[DICT_ENT_KINDS] = {
    [DICT_ENT_DISCARD] = 7, [DICT_ENT_ACTOR] = 6, [DICT_ENT_AGENT] = 5, [DICT_ENT_NOUN] = 4,
    [DICT_ENT_ADJECTIVE] = 3, [DICT_ENT_VERB] = 2, [DICT_ENT_TIME] = 1,
};

static const uint8_t kind_type[DICT_ENT_KINDS] = {
    [DICT_ENT_ACTOR] = TT_ACTOR, [DICT_ENT_AGENT] = TT_AGENT, [DICT_ENT_VERB] = TT_VERB,
    [DICT_ENT_NOUN] = TT_NOUN, [DICT_ENT_ADJECTIVE] = TT_ADJ, [DICT_ENT_DISCARD] = TT_DISCARD,
    [DICT_ENT_TIME] = TT_TIME,
};

#define MAX_NODES 16
#define MAX_PATH 16

/* Best phrase found so far by the trie walk. */
typedef struct best {
    uint32_t words, span; /* matched words; tokens from the first to the last */
    uint32_t chars;       /* letters of the dictionary words matched */
    int kind;
    int32_t entry;
    uint32_t node;        /* where the phrase ends in the trie */
    uint32_t path[MAX_PATH];
} best_t;

typedef struct walk {
    coder_t *c;
    uint32_t start;
    uint32_t path[MAX_PATH];
    best_t *best;
} walk_t;

static bool better(const best_t *b, uint32_t words, uint32_t span, uint32_t chars, int kind)
{
    if (b->kind < 0 || words != b->words)
        return b->kind < 0 || words > b->words;
    if (span != b->span)
        return span < b->span;
    if (kind_rank[kind] != kind_rank[b->kind])
        return kind_rank[kind] > kind_rank[b->kind];
    return chars > b->chars;
}

static void record(walk_t *w, uint32_t node, uint32_t depth, uint32_t last)
{
    if (!dict_trie_has_entry(w->c->dc, node))
        return;
    for (int kd = 0; kd < DICT_ENT_KINDS; kd++) {
        int32_t e = dict_trie_entry(w->c->dc, node, kd);
        uint32_t span = last - w->start + 1;
        uint32_t chars = dict_trie_chars(w->c->dc, node);
        if (e < 0 || !better(w->best, depth, span, chars, kd))
            continue;
        w->best->words = depth;
        w->best->span = span;
        w->best->chars = chars;
        w->best->kind = kd;
        w->best->entry = e;
        w->best->node = node;
        memcpy(w->best->path, w->path, sizeof(uint32_t) * depth);
    }
}

static bool usable(const coder_t *c, uint32_t j)
{
    return j < c->ntok && c->tok[j].kind == TK_WORD && !c->tok[j].covered;
}

/* Depth-first walk: words right after the previous one, or after a gap for blank-joined words
 * (the gap stops at stop punctuation). */
static void walk_from(walk_t *w, uint32_t node, uint32_t depth, uint32_t pos)
{
    coder_t *c = w->c;
    uint32_t next[MAX_NODES];
    if (depth >= MAX_PATH)
        return;
    for (int gap = 0; gap < 2; gap++) {
        if (gap && (depth == 0 || !dict_trie_has_gap(c->dc, node)))
            break;
        for (uint32_t j = pos; j < c->ntok && c->tok[j].kind == TK_WORD; j++) {
            if (!c->budget)
                return;
            c->budget--;
            if (!gap && depth > 0 && usable(c, j) && c->tok[j].article &&
                dict_trie_keyed(c->dc, node)) {
                /* "Muqtada al-Sadr" meets the keyed name "Muqtada Sadr": the article is passed
                 * over, but kept in the path so that the phrase stays one span */
                w->path[depth] = j;
                walk_from(w, node, depth + 1, j + 1);
            }
            if (usable(c, j)) {
                const tok_t *t = &c->tok[j];
                size_t nx;
                if (depth == 0) { /* the root's children were looked up with the token */
                    nx = t->nroot;
                    memcpy(next, c->roots + t->root_off, sizeof(uint32_t) * nx);
                } else {
                    nx = dict_trie_next(c->dc, node, c->cand + t->cand_off, t->ncand, gap, next,
                                        MAX_NODES);
                }
                for (size_t k = 0; k < nx; k++) {
                    w->path[depth] = j;
                    record(w, next[k], depth + 1, j);
                    walk_from(w, next[k], depth + 1, j + 1);
                }
            }
            if (!gap)
                break;
        }
    }
}

static void longest_match(coder_t *c, uint32_t i, best_t *b)
{
    b->words = 0;
    b->kind = -1;
    walk_t w = {c, i, {0}, b};
    walk_from(&w, 0, 0, i);
}

/* The code an actor has on the sentence date: the first restriction satisfied, else the
 * default, else the null code. */
const char *coder_actor_code(const coder_t *c, int32_t actor)
{
    const dict_actor_t *a = &c->d->actors[actor];
    const char *dflt = NULL;
    for (uint32_t k = 0; k < a->ncodes; k++) {
        const dict_actor_code_t *ac = &a->codes[k];
        if (!ac->restricted) {
            if (!dflt)
                dflt = ac->code;
            continue;
        }
        if (c->date >= 0 && c->date >= ac->from && c->date <= ac->to)
            return ac->code;
    }
    return dflt ? dflt : "---";
}

/* A capitalised word no dictionary phrase takes: part of a name the dictionaries lack. */
static bool unknown_name_word(const coder_t *c, uint32_t j)
{
    const tok_t *t = &c->tok[j];
    return t->kind == TK_WORD && t->cap && !t->covered && t->special == SP_NONE &&
           t->nroot == 0;
}

/* A name met only through its transliteration key, of one word, next to a capitalised word no
 * dictionary knows, is most likely part of another name: "Ain al-Asad" is no spelling of
 * al-Assad, "Kani Masi" none of Qaani, "Ashraf Ghani" none of Qaani. */
static bool key_match_inside_name(const coder_t *c, uint32_t i, const best_t *b)
{
    if (b->kind != DICT_ENT_ACTOR || !dict_trie_keyed(c->dc, b->node))
        return false;
    uint32_t words = 0;
    for (uint32_t k = 0; k < b->words; k++)
        words += !c->tok[b->path[k]].article;
    if (words != 1)
        return false;
    uint32_t before = i;
    while (before > 0 && c->tok[before - 1].kind == TK_WORD && c->tok[before - 1].article)
        before--;
    /* the sentence's first word is capitalised anyway: it says nothing */
    if (before >= 2 && unknown_name_word(c, before - 1))
        return true;
    uint32_t after = b->path[b->words - 1] + 1;
    return after < c->ntok && unknown_name_word(c, after);
}

static void set_status(coder_t *c, int st)
{
    if (st > c->status)
        c->status = st;
}

/* "Baghdad International Airport", "the Washington Institute": a one-word country or capital
 * followed by a capitalised word no phrase took names something else (annalist actors only:
 * those have a kind). The actor is read as a plain noun. Acronyms ("US Treasury") and
 * possessives keep theirs. */
static void unname_places_in_names(coder_t *c)
{
    for (uint32_t i = 0; i + 1 < c->ntok; i++) {
        tok_t *t = &c->tok[i], *next = &c->tok[i + 1];
        if (!t->head || t->type != TT_ACTOR || t->span_end != i + 1 || t->entry < 0)
            continue;
        uint8_t kind = c->d->actors[t->entry].kind;
        if (kind != DICT_KIND_COUNTRY && kind != DICT_KIND_PLACE)
            continue;
        bool lower = false; /* a possessive ("Baghdad's Green Zone") stays the actor */
        for (uint32_t b = t->start; b < t->end && !lower; b++)
            lower = c->text[b] >= 'a' && c->text[b] <= 'z';
        if (t->fold_len > 2 && c->fold[t->fold_off + t->fold_len - 1] == 's' &&
            c->fold[t->fold_off + t->fold_len - 2] == '\'')
            continue;
        if (lower && next->kind == TK_WORD && next->cap && !next->covered &&
            next->special == SP_NONE && next->start == t->end + 1 && !c->caps_text)
            t->type = TT_NOUN;
    }
}

/* "the anti-American fight", "anti-Iran protests": an actor after "anti-" names what is opposed,
 * not who acts, and is read as a plain word. */
static void unname_opposed(coder_t *c)
{
    for (uint32_t i = 0; i < c->ntok; i++) {
        tok_t *t = &c->tok[i];
        if (!t->head || t->type != TT_ACTOR || t->start < 5)
            continue;
        const char *p = c->text + t->start - 5;
        if ((p[0] == 'a' || p[0] == 'A') && !strncasecmp(p, "anti-", 5) &&
            (t->start == 5 || !isalpha((unsigned char)p[-1])))
            t->type = TT_NOUN;
    }
}

/* "in charge of", "in control of", "in response to", "in power": a verb's word right after
 * "in", not in its -ing form, is a noun. Read so in sentences that name an actor of annalist's
 * dictionaries (TABARI's and PETRARCH's read their verbs their way). */
static void nouns_after_in(coder_t *c)
{
    for (uint32_t i = 1; c->named_text && i < c->ntok; i++) {
        tok_t *t = &c->tok[i];
        const tok_t *prev = &c->tok[i - 1];
        if (!t->head || t->type != TT_VERB || prev->kind != TK_WORD || prev->fold_len != 2 ||
            memcmp(c->fold + prev->fold_off, "in", 2))
            continue;
        const char *f = c->fold + t->fold_off;
        if (t->fold_len > 4 && !memcmp(f + t->fold_len - 3, "ing", 3))
            continue; /* "in attacking the base": still the event */
        t->type = TT_NOUN;
        t->noun_verb = 1;
    }
}

int coder_classify(coder_t *c)
{
    bool caps = c->caps_text; /* set by coder_tokenise */
    bool first_word = true;
    for (uint32_t i = 0; i < c->ntok;) {
        tok_t *t = &c->tok[i];
        if (t->kind != TK_WORD || t->covered) {
            i++;
            continue;
        }
        best_t b;
        longest_match(c, i, &b);
        bool was_first = first_word;
        first_word = false;
        if (b.kind < 0 || key_match_inside_name(c, i, &b)) {
            i++;
            continue;
        }
        int kind = b.kind;
        int32_t entry = b.entry;
        uint32_t len = 1;
        while (len < b.words && b.path[len] == i + len)
            len++;
        t->head = 1;
        t->span_end = i + len;
        for (uint32_t k = 0; k < b.words; k++) {
            c->tok[b.path[k]].covered = 1;
            if (k >= len)
                c->tok[b.path[k]].head_of = (int32_t)i;
        }
        t->entry = entry;
        t->type = kind_type[kind];
        t->ekind = (uint8_t)(kind + 1);
        if (kind == DICT_ENT_ACTOR) {
            const char *code = coder_actor_code(c, entry);
            if (!strcmp(code, "---"))
                t->type = TT_NOUN;
            else if (!strcmp(code, "###"))
                set_status(c, CODE_DISCARDED);
            else if (!strcmp(code, "+++"))
                set_status(c, CODE_COMPLEX);
        } else if (kind == DICT_ENT_DISCARD) {
            set_status(c, c->d->discards[entry].story ? CODE_DISCARDED_STORY : CODE_DISCARDED);
        } else if (kind == DICT_ENT_TIME) {
            uint32_t f = c->d->times[entry].flags;
            if (f & DICT_EV_DISCARD)
                set_status(c, CODE_DISCARDED);
            else if (f & DICT_EV_COMPLEX)
                set_status(c, CODE_COMPLEX);
        } else if (kind == DICT_ENT_VERB) {
            const dict_verb_t *v = &c->d->verbs[entry];
            bool after_det = i > 0 && c->tok[i - 1].kind == TK_WORD &&
                             !c->tok[i - 1].head && c->tok[i - 1].special == SP_DET;
            /* "a meeting between X and Y" is still the event: its pattern names both sides */
            bool between = i + len < c->ntok && c->tok[i + len].kind == TK_WORD &&
                           c->tok[i + len].fold_len == 7 &&
                           !memcmp(c->fold + c->tok[i + len].fold_off, "between", 7);
            if ((after_det && !between) || (t->cap && !was_first && !caps)) {
                t->type = TT_NOUN;
                t->noun_verb = 1;
            } else if (v->code.flags & DICT_EV_DISCARD) {
                set_status(c, CODE_DISCARDED);
            } else if (v->code.flags & DICT_EV_COMPLEX) {
                set_status(c, CODE_COMPLEX);
            } else if ((v->code.flags & DICT_EV_NULL) && v->npatterns == 0) {
                t->type = TT_NONE; /* a null-coded verb is just a known non-verb */
            }
        }
        i += len;
        while (i < c->ntok && c->tok[i].covered)
            i++;
    }
    c->named_text = false;
    for (uint32_t i = 0; i < c->ntok && !c->named_text; i++)
        c->named_text = c->tok[i].head && c->tok[i].type == TT_ACTOR && c->tok[i].entry >= 0 &&
                        c->d->actors[c->tok[i].entry].id;
    unname_places_in_names(c);
    unname_opposed(c);
    nouns_after_in(c);
    return 0;
}

/* ---- actor units ----------------------------------------------------------------------------- */

/* Agent code composed with an actor code, unless already there on a 3-character boundary. */
static void compose(char *dst, const char *actor, const char *agent, bool suffix)
{
    size_t na = strlen(actor), ng = strlen(agent);
    for (size_t p = 0; p + ng <= na; p += 3)
        if (ng && !memcmp(actor + p, agent, ng)) {
            code_join(dst, CODE_MAX_CODE, actor, "");
            return;
        }
    if (suffix)
        code_join(dst, CODE_MAX_CODE, actor, agent);
    else
        code_join(dst, CODE_MAX_CODE, agent, actor);
}

static bool is_head(const coder_t *c, uint32_t i, uint8_t type)
{
    return i < c->ntok && c->tok[i].head && c->tok[i].type == type;
}

static unit_t *new_unit(coder_t *c)
{
    if (coder_grow((void **)&c->unit, &c->cap_unit, c->nunit + 1, sizeof(unit_t)))
        return NULL;
    unit_t *u = &c->unit[c->nunit++];
    memset(u, 0, sizeof *u);
    u->group = -1;
    u->group_next = -1;
    u->ref = -1;
    u->agent_before = -1;
    return u;
}

static void unit_codes(coder_t *c, unit_t *u, int32_t actor)
{
    const char *code = coder_actor_code(c, actor);
    u->id = c->d->actors[actor].id;
    u->named = u->id != NULL;
    u->kind = c->d->actors[actor].kind;
    size_t nb = strcspn(code, "/");
    if (nb >= CODE_MAX_CODE)
        nb = CODE_MAX_CODE - 1;
    memcpy(u->base, code, nb);
    u->base[nb] = '\0';
    u->ncodes = 0;
    while (*code && u->ncodes < CODE_MAX_PARTS) {
        const char *slash = strchr(code, '/');
        size_t n = slash ? (size_t)(slash - code) : strlen(code);
        if (n >= CODE_MAX_CODE)
            n = CODE_MAX_CODE - 1;
        memcpy(u->codes[u->ncodes], code, n);
        u->codes[u->ncodes][n] = '\0';
        u->ncodes++;
        code = slash ? slash + 1 : code + strlen(code);
    }
}

static void apply_agent(coder_t *c, unit_t *u, uint32_t agent_tok, bool former)
{
    const dict_agent_t *ag = &c->d->agents[c->tok[agent_tok].entry];
    const char *code = former ? "ELI" : ag->code;
    for (uint32_t k = 0; k < u->ncodes; k++) {
        char tmp[CODE_MAX_CODE];
        compose(tmp, u->codes[k], code, former ? true : ag->suffix);
        if (strcmp(tmp, u->codes[k]) && u->kind != DICT_KIND_PERSON) {
            /* "Iraqi army" is not the actor Iraq: the id no longer fits; but "Shia cleric
             * Muqtada al-Sadr" is still that person */
            u->id = NULL;
            u->kind = DICT_KIND_UNKNOWN; /* the army or the minister: either */
        }
        memcpy(u->codes[k], tmp, CODE_MAX_CODE);
    }
}

static bool former_before(const coder_t *c, uint32_t i)
{
    return i > 0 && c->tok[i - 1].kind == TK_WORD && !c->tok[i - 1].covered &&
           c->tok[i - 1].special == SP_FORMER;
}

/* Agent (OF|IN) (THE)? actor: returns the actor token or UINT32_MAX. */
static uint32_t actor_after_agent(const coder_t *c, uint32_t j)
{
    if (is_head(c, j, TT_ACTOR))
        return j;
    if (j < c->ntok && c->tok[j].kind == TK_WORD && !c->tok[j].covered &&
        c->tok[j].special == SP_PREP) {
        uint32_t k = j + 1;
        if (k < c->ntok && c->tok[k].kind == TK_WORD && !c->tok[k].covered &&
            c->tok[k].special == SP_DET)
            k++;
        if (is_head(c, k, TT_ACTOR))
            return k;
    }
    return UINT32_MAX;
}

/* SET: CONVERT AGENTS: an agent with no actor stands for an actor coded "~GOV" (or "NGO~"). */
static uint32_t lone_agent(coder_t *c, uint32_t i)
{
    unit_t *u = new_unit(c);
    if (!u)
        return UINT32_MAX;
    const dict_agent_t *ag = &c->d->agents[c->tok[i].entry];
    if (c->d->options.agents_as_unknown)
        snprintf(u->codes[0], CODE_MAX_CODE, ag->suffix ? "---%s" : "%s---", ag->code);
    else
        snprintf(u->codes[0], CODE_MAX_CODE, ag->suffix ? "~%s" : "%s~", ag->code);
    u->ncodes = 1;
    u->t0 = i;
    u->t1 = c->tok[i].span_end;
    return u->t1;
}

/* Builds one actor unit starting at token i (an actor or an agent before its actor); returns
 * the token after it, or i when no unit starts here. */
static uint32_t build_unit(coder_t *c, uint32_t i)
{
    uint32_t agent = UINT32_MAX, actor = i;
    bool former = false;
    if (is_head(c, i, TT_AGENT)) {
        actor = actor_after_agent(c, c->tok[i].span_end);
        if (actor == UINT32_MAX)
            return c->d->options.convert_agents || c->d->options.agents_as_unknown
                       ? lone_agent(c, i)
                       : i;
        agent = i;
        former = former_before(c, i);
    } else if (!is_head(c, i, TT_ACTOR)) {
        return i;
    }
    unit_t *u = new_unit(c);
    if (!u)
        return UINT32_MAX;
    u->t0 = (agent != UINT32_MAX && former) ? i - 1 : i;
    unit_codes(c, u, c->tok[actor].entry);
    uint32_t end = c->tok[actor].span_end;
    if (agent == UINT32_MAX && former_before(c, i) && is_head(c, end, TT_AGENT))
        former = true, u->t0 = i - 1;
    if (agent == UINT32_MAX && end < c->ntok && c->tok[end].kind == TK_WORD &&
        !c->tok[end].covered && c->tok[end].special == SP_FORMER && is_head(c, end + 1, TT_AGENT))
        former = true, end++;
    if (agent != UINT32_MAX) {
        apply_agent(c, u, agent, former);
        u->agent_before = (int32_t)agent;
        u->former = former;
    } else if (is_head(c, end, TT_AGENT)) {
        apply_agent(c, u, end, former);
        end = c->tok[end].span_end;
        /* "Bree Prime Minister Romendacil": a name after the agent belongs to the same actor,
         * and when it is a known person, the unit is that person */
        if (is_head(c, end, TT_ACTOR)) {
            const dict_actor_t *named = &c->d->actors[c->tok[end].entry];
            if (named->kind == DICT_KIND_PERSON) {
                u->kind = DICT_KIND_PERSON;
                u->id = named->id;
            }
            end = c->tok[end].span_end;
        }
    }
    u->t1 = end;
    return end;
}

/* ---- compounds ------------------------------------------------------------------------------- */

static bool is_modifier(const coder_t *c, uint32_t i)
{
    const tok_t *t = &c->tok[i];
    if (t->kind != TK_WORD)
        return false;
    if (!t->covered) /* a determiner, or a word no dictionary knows: likely an adjective */
        return t->special == SP_DET || (t->special == SP_NONE && !t->cap);
    return t->head && t->type == TT_ADJ;
}

/* Gap between two units: 1 list comma, 2 final "and", 3 adjectives only, 0 not a compound
 * separator. */
static int gap_kind(const coder_t *c, uint32_t from, uint32_t to)
{
    uint32_t i = from;
    bool comma = false, conj = false;
    if (i < to && c->tok[i].kind == TK_COMMA)
        comma = true, i++;
    if (i < to && c->tok[i].kind == TK_WORD && !c->tok[i].covered && c->tok[i].special == SP_CONJ &&
        (c->fold[c->tok[i].fold_off] == 'a' || c->fold[c->tok[i].fold_off] == 'n'))
        conj = true, i++;
    if (!comma && !conj) {
        /* "Arnor's Elrond": a possessive actor right before another actor */
        if (from == to && from > 0 && c->tok[from - 1].fold_len > 2 &&
            !memcmp(c->fold + c->tok[from - 1].fold_off + c->tok[from - 1].fold_len - 2, "'s", 2))
            return 3;
        /* "the evil Arnor awful Gondor": actors joined by adjectives only */
        bool adj = false;
        for (; i < to; i++) {
            if (!c->tok[i].head || c->tok[i].type != TT_ADJ)
                return 0;
            adj = true;
            i = c->tok[i].span_end - 1;
        }
        return adj ? 3 : 0;
    }
    while (i < to) {
        if (!is_modifier(c, i))
            return 0;
        i += c->tok[i].head ? c->tok[i].span_end - i : 1;
    }
    return conj ? 2 : 1;
}

static void mark_gap(coder_t *c, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++)
        if (c->tok[i].kind == TK_COMMA || c->tok[i].special == SP_CONJ)
            c->tok[i].conj_kept = 1;
}

static void find_compounds(coder_t *c)
{
    for (uint32_t k = 0; k + 1 < c->nunit;) {
        uint32_t last = k, final = UINT32_MAX;
        for (uint32_t m = k; m + 1 < c->nunit; m++) {
            int g = gap_kind(c, c->unit[m].t1, c->unit[m + 1].t0);
            if (!g || (final != UINT32_MAX && g != 3))
                break;
            last = m + 1;
            if (g == 2 || (g == 3 && final != UINT32_MAX))
                final = m + 1;
        }
        if (final == UINT32_MAX) {
            k = last > k ? last : k + 1;
            continue;
        }
        for (uint32_t m = k; m <= final; m++) {
            unit_t *u = &c->unit[m];
            if (m > k && c->d->options.distribute_agents && c->unit[k].agent_before >= 0 &&
                u->agent_before < 0)
                apply_agent(c, u, (uint32_t)c->unit[k].agent_before, c->unit[k].former);
            c->unit[m].group = (int32_t)k;
            c->unit[m].group_next = m < final ? (int32_t)(m + 1) : -1;
            if (m < final)
                mark_gap(c, c->unit[m].t1, c->unit[m + 1].t0);
        }
        k = final + 1;
    }
}

#define JOIN_REACH 8 /* words after a joined object where an auxiliary would open a clause */

static bool plain_lower(const coder_t *c, uint32_t i)
{
    const tok_t *t = &c->tok[i];
    return t->kind == TK_WORD && !t->cap && t->special == SP_NONE &&
           (!t->head || t->type == TT_NOUN || t->type == TT_VERB || t->type == TT_AGENT);
}

/* "sent aid and delegations to Syria": two objects of one verb, the second followed by a
 * preposition, share the verb and its target; the conjunction opens no clause. Only in
 * sentences that name an actor of annalist's dictionaries (TABARI's rules keep theirs). */
static bool joins_objects(const coder_t *c, uint32_t i)
{
    if (i < 2 || i + 2 >= c->ntok || !plain_lower(c, i - 1) || !plain_lower(c, i + 1) ||
        (c->tok[i + 1].head && c->tok[i + 1].type == TT_VERB && !c->tok[i + 1].noun_verb))
        return false;
    const tok_t *after = &c->tok[i + 2];
    bool prep = after->kind == TK_WORD && (after->special == SP_PREP ||
                                           (after->fold_len == 2 && !memcmp(c->fold + after->fold_off, "to", 2)));
    for (uint32_t k = i + 2; k < c->ntok && k <= i + JOIN_REACH; k++)
        if (c->tok[k].kind == TK_WORD && c->tok[k].special == SP_AUX)
            return false; /* "and pictures of leaders were burned": a clause of its own */
    if (!prep || !c->named_text)
        return false;
    for (uint32_t k = 0; k + 1 < i; k++)
        if (c->tok[k].head && c->tok[k].type == TT_VERB)
            return true; /* a verb before: the two are its objects */
    return false;
}

/* "<noun> and <adj>* <noun>" and "<adj> and <adj>" keep their conjunction. */
static void compound_nouns(coder_t *c)
{
    for (uint32_t i = 1; i + 1 < c->ntok; i++) {
        tok_t *t = &c->tok[i];
        if (t->kind != TK_WORD || t->covered || t->special != SP_CONJ)
            continue;
        if (joins_objects(c, i)) {
            t->conj_kept = 1;
            continue;
        }
        int32_t p = -1;
        for (int32_t k = (int32_t)i - 1; k >= 0; k--)
            if (c->tok[k].head) {
                p = c->tok[k].span_end == i ? k : -1;
                break;
            }
        if (p < 0)
            continue;
        uint8_t pt = c->tok[p].type;
        uint32_t j = i + 1;
        if (pt == TT_ADJ && is_head(c, j, TT_ADJ)) {
            t->conj_kept = 1;
            continue;
        }
        if (pt != TT_NOUN)
            continue;
        while (j < c->ntok && is_head(c, j, TT_ADJ))
            j = c->tok[j].span_end;
        if (is_head(c, j, TT_NOUN))
            t->conj_kept = 1;
    }
}

/* ---- pronouns -------------------------------------------------------------------------------- */

static bool unit_live(const coder_t *c, uint32_t k)
{
    return !c->tok[c->unit[k].t0].deleted;
}

/* The unit a pronoun at token tokn refers to (TABARI's rules): HE/SHE/IT the first actor of the
 * sentence, ITS/HIS/HER the first actor before the pronoun, THEY/THEM/THEIR the first compound,
 * else the first actor. Actors in eliminated comma clauses do not count. */
static int32_t pronoun_ref(const coder_t *c, uint32_t tokn, uint8_t sp, uint32_t nactors,
                           bool *plural)
{
    *plural = false;
    int32_t first = -1;
    for (uint32_t k = 0; k < nactors && first < 0; k++)
        if (unit_live(c, k))
            first = (int32_t)k;
    if (first < 0)
        return -1;
    if (sp == SP_PRON_PRIOR)
        return c->unit[first].t1 <= tokn ? first : -1;
    if (sp == SP_PRON_PLURAL)
        for (uint32_t k = 0; k < nactors; k++)
            if (c->unit[k].group >= 0 && c->unit[k].t0 < tokn && unit_live(c, k)) {
                *plural = true;
                return c->unit[k].group;
            }
    return c->unit[first].t0 < tokn ? first : -1;
}

/* Does token i open the sentence: the first token, or the first after an opening phrase with
 * no verb and no actor ("For example, on November 7, he published ...")? */
static bool opens_sentence(const coder_t *c, uint32_t i)
{
    if (i == 0)
        return true;
    if (c->tok[i - 1].kind != TK_COMMA)
        return false;
    for (uint32_t k = 0; k < i; k++)
        if (c->tok[k].head && c->tok[k].type == TT_VERB)
            return false;
    for (uint32_t k = 0; k < c->nunit; k++)
        if (c->unit[k].t0 < i)
            return false;
    return true;
}

/* "He", "She" or "It" opening the sentence as its subject (not "It is", "It was"...): the last
 * actor of the story's earlier sentences that fits it, into *code and *id; false when none. */
static bool opening_pronoun(const coder_t *c, uint32_t i, const char **code, const char **id)
{
    static const char *const DUMMY_IT[] = {"is", "was", "'s", "seems", "appears", "remains",
                                           "would", "will", "has", "had", "may", "might"};
    if (!opens_sentence(c, i) || c->tok[i].special != SP_PRON_FIRST || c->tok[i].fold_len > 3 ||
        !memcmp(c->fold + c->tok[i].fold_off, "him", 3))
        return false;
    bool it = !strcmp(c->fold + c->tok[i].fold_off, "it");
    if (it && i + 1 < c->ntok && c->tok[i + 1].kind == TK_WORD) {
        const char *next = c->fold + c->tok[i + 1].fold_off;
        for (size_t k = 0; k < sizeof DUMMY_IT / sizeof DUMMY_IT[0]; k++)
            if (!strcmp(next, DUMMY_IT[k]))
                return false; /* "It is not binding": no actor */
    }
    *code = it ? c->last_thing : c->last_person;
    *id = it ? c->last_thing_id : c->last_person_id;
    return (*code)[0] != '\0';
}

/* Adds pronoun units and re-sorts all units by position (references are remapped). */
int coder_add_pronouns(coder_t *c)
{
    uint32_t nactors = c->nunit;
    for (uint32_t i = 0; i < c->ntok; i++) {
        tok_t *t = &c->tok[i];
        if (t->kind != TK_WORD || t->covered || t->deleted || t->special < SP_PRON_FIRST ||
            t->special > SP_PRON_PLURAL)
            continue;
        bool plural;
        int32_t ref = pronoun_ref(c, i, t->special, nactors, &plural);
        if (c->opt.forward && c->opt.forward_opening) {
            const char *code, *id;
            if (ref < 0 && opening_pronoun(c, i, &code, &id)) {
                unit_t *u = new_unit(c);
                if (!u)
                    return -1;
                u->t0 = i;
                u->t1 = i + 1;
                code_join(u->codes[0], CODE_MAX_CODE, code, "");
                u->ncodes = 1;
                u->id = id;
                u->forwarded = true;
                continue;
            }
            if (ref < 0)
                continue;
        } else if (ref < 0 && !(c->opt.forward && c->forward[0])) {
            continue;
        }
        unit_t *u = new_unit(c);
        if (!u)
            return -1;
        u->t0 = i;
        u->t1 = i + 1;
        u->ref = ref;
        u->plural_ref = plural;
        if (ref < 0) { /* forwarded from the previous sentence of the story */
            memcpy(u->codes[0], c->forward, CODE_MAX_CODE);
            u->id = c->forward_id;
            u->ncodes = 1;
            continue;
        }
        memcpy(u->codes, c->unit[ref].codes, sizeof u->codes);
        u->ncodes = c->unit[ref].ncodes;
        u->id = c->unit[ref].id;
    }
    if (c->nunit == nactors)
        return 0;
    /* insertion sort by t0, tracking where each old index went */
    uint32_t where[CODE_MAX_TOKENS + 1];
    uint32_t n = c->nunit;
    if (n > CODE_MAX_TOKENS)
        n = CODE_MAX_TOKENS;
    uint32_t order[CODE_MAX_TOKENS];
    for (uint32_t k = 0; k < n; k++)
        order[k] = k;
    for (uint32_t k = 1; k < n; k++) {
        uint32_t v = order[k], m = k;
        while (m > 0 && c->unit[order[m - 1]].t0 > c->unit[v].t0) {
            order[m] = order[m - 1];
            m--;
        }
        order[m] = v;
    }
    if (coder_grow((void **)&c->unit_tmp, &c->cap_unit_tmp, n, sizeof(unit_t)))
        return -1;
    unit_t *copy = c->unit_tmp;
    memcpy(copy, c->unit, sizeof(unit_t) * n);
    for (uint32_t k = 0; k < n; k++)
        where[order[k]] = k;
    for (uint32_t k = 0; k < n; k++) {
        unit_t *u = &c->unit[k];
        *u = copy[order[k]];
        if (u->group >= 0)
            u->group = (int32_t)where[u->group];
        if (u->group_next >= 0)
            u->group_next = (int32_t)where[u->group_next];
        if (u->ref >= 0)
            u->ref = (int32_t)where[u->ref];
    }
    c->nunit = n;
    return 0;
}

bool coder_fold_is(const coder_t *c, uint32_t i, const char *w)
{
    size_t n = strlen(w);
    return c->tok[i].kind == TK_WORD && c->tok[i].fold_len == n &&
           !memcmp(c->fold + c->tok[i].fold_off, w, n);
}

/* "Iraqi resistance groups ... as these groups keep striking": "these" or "those" before a
 * plain word that ended an earlier actor's name stands for that actor. Returns the token after
 * the new unit, or i when there is none here. */
static uint32_t demonstrative_unit(coder_t *c, uint32_t i)
{
    uint32_t j = i + 1;
    if (j >= c->ntok || !(coder_fold_is(c, i, "these") || coder_fold_is(c, i, "those")) ||
        c->tok[j].kind != TK_WORD ||
        (c->tok[j].covered && !(is_head(c, j, TT_AGENT) && c->tok[j].span_end == j + 1)))
        return i;
    for (uint32_t k = c->nunit; k-- > 0;) {
        const unit_t *earlier = &c->unit[k];
        uint32_t last = earlier->t1 - 1;
        if (earlier->t1 == 0 || earlier->ref >= 0 || c->tok[last].fold_len != c->tok[j].fold_len ||
            memcmp(c->fold + c->tok[last].fold_off, c->fold + c->tok[j].fold_off,
                   c->tok[j].fold_len))
            continue;
        unit_t copy = *earlier;
        unit_t *u = new_unit(c);
        if (!u)
            return UINT32_MAX;
        *u = copy;
        u->t0 = i;
        u->t1 = j + 1;
        u->group = u->group_next = -1;
        u->agent_before = -1;
        u->anaphor = true;
        return j + 1;
    }
    return i;
}

int coder_build_units(coder_t *c)
{
    c->nunit = 0;
    for (uint32_t i = 0; i < c->ntok;) {
        uint32_t next = demonstrative_unit(c, i);
        if (next == i)
            next = build_unit(c, i);
        if (next == UINT32_MAX)
            return -1;
        i = next > i ? next : i + 1;
    }
    find_compounds(c);
    compound_nouns(c);
    return 0;
}
