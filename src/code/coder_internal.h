/* Internal state of the coder shared by its files (tokens.c, classify.c, pattern.c, coder.c).
 * Not part of the public API (code.h). Everything lives in the coder's scratch arrays, which are
 * grown when a sentence needs more room and reused afterwards. */
#ifndef ANNALIST_CODE_INTERNAL_H
#define ANNALIST_CODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "code/code.h"
#include "dict/dict.h"

#define CODE_MAX_TOKENS 400  /* longer sentences are coded on their first CODE_MAX_TOKENS tokens */
#define CODE_MAX_CANDS 12    /* vocabulary candidates kept per token */
#define CODE_MAX_PARTS 8     /* coded-compound parts kept per actor ("GME/GMW") */
#define CODE_MAX_ROOTS 8     /* trie children of the root kept per token */
#define CODE_TCACHE 2048     /* entries of the per-coder token cache (a power of two) */
#define CODE_TCACHE_LEN 23   /* longest token the cache keeps */

/* A token's dictionary lookups, kept across sentences: frequent words cost one probe. */
typedef struct token_cache {
    uint64_t hash;
    uint8_t len;  /* 0 = empty */
    uint8_t ncand, nroot, special;
    uint8_t cap;  /* capitalised: only such tokens are looked up by their own key */
    char text[CODE_TCACHE_LEN];
    dict_cand_t cand[CODE_MAX_CANDS];
    uint32_t root[CODE_MAX_ROOTS];
} token_cache_t;

enum tok_kind { TK_WORD = 1, TK_COMMA = 2, TK_STOP = 3 /* ; : ( ) and the like */ };

/* Closed-class words the parser needs, recognised on unclassified tokens. */
enum tok_special {
    SP_NONE = 0,
    SP_CONJ,      /* and but or nor */
    SP_DET,       /* the a an */
    SP_PRON_FIRST,  /* he she it: the first actor of the sentence */
    SP_PRON_PRIOR,  /* its his her: the first actor before the pronoun */
    SP_PRON_PLURAL, /* they them their: the first compound actor, else the first actor */
    SP_PREP,      /* of in: agent OF actor */
    SP_AUX,       /* was were been: passive voice */
    SP_BY,
    SP_FORMER,
    SP_NEG        /* not never n't: optional negation rule */
};

enum tok_type { TT_NONE = 0, TT_ACTOR, TT_AGENT, TT_VERB, TT_NOUN, TT_ADJ, TT_DISCARD, TT_TIME };

typedef struct tok {
    uint32_t start, end;     /* bytes of the sentence */
    uint32_t fold_off, fold_len;
    uint32_t cand_off, ncand;
    uint8_t kind;            /* enum tok_kind */
    uint8_t cap;             /* starts with an upper-case letter */
    uint8_t special;         /* enum tok_special */
    uint8_t type;            /* enum tok_type of the phrase that starts here (head only) */
    uint8_t head;            /* 1 when a classified phrase starts here */
    uint8_t deleted;         /* inside an eliminated comma clause */
    uint8_t conj_kept;       /* a conjunction or comma absorbed by a compound phrase */
    uint8_t noun_verb;       /* a verb turned into a noun (determiner or capital) */
    uint8_t covered;         /* inside a classified phrase (head included) */
    uint8_t ekind;           /* enum dict_entry_kind + 1 of the phrase that starts here, 0 none */
    uint8_t article;         /* an Arabic article ("al", "el", "ash-"...) a keyed name may pass */
    int32_t lpos;            /* live position, -1 when deleted */
    uint32_t span_end;       /* end token of the phrase that starts here (head only) */
    int32_t entry;           /* dictionary index of that phrase (head only) */
    int32_t unit;            /* actor unit covering this token, -1 */
    int32_t head_of;         /* for a word matched after a gap ("Durthang ... Orc"): the head */
    uint32_t root_off, nroot; /* trie children of the root for this token, in coder.roots */
} tok_t;

/* An actor as the parser sees it: an actor phrase with the agents composed into it, or a
 * pronoun that refers to another unit. */
typedef struct unit {
    uint32_t t0, t1;         /* token range [t0, t1) */
    char codes[CODE_MAX_PARTS][CODE_MAX_CODE];
    uint32_t ncodes;
    char base[CODE_MAX_CODE]; /* the actor's own code, before agents were composed in */
    const char *id;           /* the actor's annalist id (dict_actor_t.id), NULL when none */
    uint8_t kind;             /* enum dict_actor_kind; unknown when an agent made it ambiguous */
    bool forwarded;           /* a pronoun standing for an actor of an earlier sentence */
    bool anaphor;             /* "these groups": stands for an earlier actor of the sentence */
    bool named;               /* made from an actor with an id, agents composed in or not */
    int32_t agent_before;     /* agent token of "AGENT of ACTOR", or -1 */
    bool former;              /* that agent came with "former" */
    int32_t group;           /* first unit of its compound, or -1 */
    int32_t group_next;      /* next unit of the compound, or -1 */
    int32_t ref;             /* pronoun: the unit referred to; -1 otherwise */
    bool plural_ref;         /* pronoun THEY: take the referent's whole compound */
} unit_t;

/* A resolved slot: one actor unit, or a whole compound. */
typedef struct slot {
    int32_t unit;            /* -1 when empty */
    bool whole_group;
} slot_t;

typedef struct clause {
    uint32_t l0, l1;         /* live-position range */
} clause_t;

struct coder {
    const dict_compiled_t *dc;
    const dict_t *d;
    coder_options_t opt;
    int32_t date;
    int status;
    const char *text;
    size_t len;
    bool caps_text;          /* the sentence has no lower-case letter (a headline in capitals) */
    bool named_text;         /* the sentence names an actor of annalist's dictionaries (with an
                              * id): the rules for news English apply (set by coder_classify) */
    tok_t *tok;
    uint32_t ntok, cap_tok;
    char *fold;
    uint32_t nfold, cap_fold;
    dict_cand_t *cand;
    uint32_t ncand, cap_cand;
    unit_t *unit;
    uint32_t nunit, cap_unit;
    unit_t *unit_tmp;        /* scratch for re-sorting units */
    uint32_t cap_unit_tmp;
    uint32_t *live;          /* token indices of the text left after comma elimination */
    uint32_t nlive, cap_live;
    clause_t *clause;
    uint32_t nclause, cap_clause;
    code_event_t *ev;
    uint32_t nev, cap_ev;
    uint32_t budget;         /* pattern-matching steps left for this sentence */
    char forward[CODE_MAX_CODE]; /* first actor of the previous sentence of the story */
    const char *forward_id;  /* its annalist id, NULL when none */
    /* forward_opening: the last actor of the story so far that "he"/"she" (person) and "it"
     * (thing) may stand for; code "" when none */
    char last_person[CODE_MAX_CODE], last_thing[CODE_MAX_CODE];
    const char *last_person_id, *last_thing_id;
    uint32_t *roots;         /* per-sentence root children of the tokens */
    uint32_t nroots, cap_roots;
    struct token_cache *tcache; /* folded token -> candidates and root children, CODE_TCACHE */
    /* per-sentence prefilter: a pattern can only match when all its words occur */
    uint32_t gen;            /* sentence generation stamp */
    uint32_t *seen;          /* per vocabulary word: gen of the last sentence that has it */
    uint32_t nseen;
    uint32_t *syn_gen;       /* per synset: gen when syn_ok was computed */
    uint8_t *syn_ok;         /* per synset: some member can match in this sentence */
    uint32_t *syn_key;       /* per synset: gen when a word some member starts with occurred */
    code_mention_t *ment;    /* coder_mentions' answer */
    uint32_t nment, cap_ment;
};

/* roles.c: who did it to whom */
enum verb_result { VR_NONE, VR_EVENT, VR_STOP };

typedef struct clause_state {
    slot_t carry;       /* source carried over from earlier clauses */
    uint32_t index;     /* clause number */
} clause_state_t;

/* A verb coded with its pattern, before its actors are expanded into events. */
typedef struct coded {
    const dict_event_code_t *code;
    const char *pattern;
    slot_t source, target;
    uint32_t verb;
    code_span_t vspan;
    uint32_t flags;
    bool compound; /* '%': pairs within one compound */
} coded_t;

/* tokens.c */
int coder_tokenise(coder_t *c, const char *text, size_t len);
/* coder.c: resets the per-sentence state and tokenises and classifies text */
int coder_parse(coder_t *c, const char *text, size_t len, const char *date_iso);
/* classify.c */
int coder_classify(coder_t *c);
/* The code actor `actor` has on the sentence date ("---" when it has none). */
const char *coder_actor_code(const coder_t *c, int32_t actor);
int coder_build_units(coder_t *c);
/* Adds a unit for each pronoun that stands for an actor (in the sentence or, forwarded, from
 * the story's earlier sentences) and sorts the units by position. */
int coder_add_pronouns(coder_t *c);
/* Is token i the word w (folded)? */
bool coder_fold_is(const coder_t *c, uint32_t i, const char *w);
/* clauses.c: asides dropped, pronouns added, live tokens and clauses built */
int coder_clauses(coder_t *c);
int coder_grow(void **v, uint32_t *cap, uint32_t need, size_t size);
/* pattern.c */
typedef struct pmatch {
    slot_t source, target;
    bool compound;            /* '%' matched: source and target are the same compound */
    int32_t skipped[4];       /* units passed over by '^' */
    uint32_t nskipped;
    uint32_t l0, l1;          /* live range the pattern covered */
} pmatch_t;
bool coder_pattern_possible(coder_t *c, uint32_t verb, uint32_t pattern);
bool coder_match_pattern(coder_t *c, uint32_t verb, uint32_t pattern, uint32_t cl0,
                         uint32_t cl1, uint32_t vs, uint32_t ve, pmatch_t *m);
/* dst = a then b, cut to cap - 1 bytes and NUL-terminated: what snprintf(dst, cap, "%s%s", a, b)
 * keeps, without parsing a format for every code of every sentence. */
static inline void code_join(char *dst, size_t cap, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > cap - 1)
        na = cap - 1;
    if (nb > cap - 1 - na)
        nb = cap - 1 - na;
    memmove(dst, a, na);
    memmove(dst + na, b, nb);
    dst[na + nb] = '\0';
}

/* roles.c. The source and target of the verb at live [vs, ve) coded as out->code (with the
 * pattern m that fired, or NULL) into out; VR_EVENT, VR_NONE (no actors) or VR_STOP. */
int coder_find_actors(coder_t *c, const clause_t *cl, uint32_t vs, uint32_t ve,
                      const clause_state_t *st, const pmatch_t *m, coded_t *out);
/* Is the verb at live vs negated ("did not attack")? */
bool coder_negated(coder_t *c, uint32_t cl0, uint32_t vs);
/* The actor of annalist's dictionaries right before the verb at live vs, or -1. */
int32_t coder_subject_next_to(coder_t *c, uint32_t cl0, uint32_t vs);
/* The actor before "that"/"which"/"who" whose relative clause the verb at live vs is in, or -1. */
int32_t coder_relative_subject(coder_t *c, uint32_t cl0, uint32_t vs);
/* The first unit in live [a, b) that is not the actor `not`, or -1. */
int32_t coder_first_unit(coder_t *c, uint32_t a, uint32_t b, slot_t not);

/* live position -> token */
static inline tok_t *live_tok(coder_t *c, uint32_t l)
{
    return &c->tok[c->live[l]];
}

#endif
