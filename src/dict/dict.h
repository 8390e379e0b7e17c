/* The dictionary stage: the in-memory model every dictionary loader fills, and the compiled matcher
 * the coder walks.
 *
 * Two layers:
 *   1. dict_t, a plain model (actors, agents, verbs with forms and patterns, synsets, nouns,
 *      adjectives, discards, time phrases, options). Loaders (tabari_*.c, petrarch_*.c) append to
 *      it through the dict_add_* builders below; everything it holds is owned by the dict_t and
 *      released by dict_free. Loading may allocate freely.
 *   2. dict_compiled_t, built once from a dict_t by dict_compile: a vocabulary hash of folded
 *      words and a token trie in flat arrays. Matching a sentence allocates nothing; a compiled
 *      dictionary is immutable and may be shared by any number of coder threads.
 *
 * Words are stored folded: ASCII lower case, '-' in dictionaries turned into a word break
 * (TABARI's rule: "AL-ASSAD" == "AL_ASSAD"), the TABARI markers '_', '=', '~' removed and kept as
 * flags. Non-ASCII bytes are kept as they are. */
#ifndef ANNALIST_DICT_H
#define ANNALIST_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- phrases --------------------------------------------------------------------------------- */

/* How a dictionary word matches a word of the text. */
enum dict_match {
    DICT_MATCH_STEM = 0,  /* the dictionary word is a prefix of the text word ("SYRI" ~ "Syrians") */
    DICT_MATCH_WORD = 1,  /* whole word, regular endings allowed: -s 's -es -ed -d -en -ing
                           * (TABARI's trailing "_") */
    DICT_MATCH_EXACT = 2, /* whole word only (TABARI's trailing "=") */
    DICT_MATCH_INFLECTED = 4 /* in patterns: the whole word or it with a regular ending, never a
                              * longer word ("ban" matches "bans", "banned", not "bank"); the
                              * default of annalist's own patterns, where '~' asks for a stem */
};

/* One element of a phrase or pattern. */
enum dict_elem_kind {
    DICT_EL_WORD = 0,     /* a word (text, match) */
    DICT_EL_VERB = 1,     /* '*': where the verb itself stands in a pattern */
    DICT_EL_SOURCE = 2,   /* '$': the first actor here is the source */
    DICT_EL_TARGET = 3,   /* '+': the first actor here is the target */
    DICT_EL_COMPOUND = 4, /* '%': a compound actor here is both source and target */
    DICT_EL_SKIP = 5,     /* '^': skip one actor (or one compound actor) */
    DICT_EL_SYNSET = 6,   /* '&NAME': any member phrase of synset `synset` */
    DICT_EL_GROUP_OPEN = 7, /* PETRARCH "(" / "{" grouping; the coder treats groups as */
    DICT_EL_GROUP_CLOSE = 8 /* plain sequences, so loaders may also simply omit them    */
};

typedef struct dict_elem {
    uint8_t kind;     /* enum dict_elem_kind */
    uint8_t match;    /* enum dict_match, for DICT_EL_WORD */
    uint8_t adjacent; /* 1: the next element must follow immediately (TABARI "_" or "~"
                       * connector); 0: words may come between (a blank in a TABARI pattern) */
    uint8_t acronym;  /* the word was written in capitals ("UN", "ASEAN"): transliteration
                       * keys leave it as it is */
    uint32_t synset;  /* index into dict_t.synsets, for DICT_EL_SYNSET */
    const char *word; /* folded word, for DICT_EL_WORD; owned by the dict_t */
} dict_elem_t;

typedef struct dict_phrase {
    dict_elem_t *elems; /* owned by the dict_t */
    uint32_t n;
} dict_phrase_t;

/* ---- codes ----------------------------------------------------------------------------------- */

/* Dates are integers yyyymmdd. DICT_DATE_MIN / DICT_DATE_MAX stand for "no bound". */
#define DICT_DATE_MIN 0
#define DICT_DATE_MAX 99991231

/* One actor code, possibly date restricted. `code` may be a coded compound "GME/GMW" (one actor
 * per '/'-separated part) or one of the special codes "---" (null), "###" (discard),
 * "+++" (complex). */
typedef struct dict_actor_code {
    const char *code;
    int32_t from, to; /* inclusive validity; DICT_DATE_MIN..DICT_DATE_MAX when unrestricted */
    bool restricted;  /* false for the default (unrestricted) code */
} dict_actor_code_t;

/* Flags of an event code. */
enum dict_event_flag {
    DICT_EV_NULL = 1,        /* "---": recognised, codes nothing */
    DICT_EV_DISCARD = 2,     /* "###": discard the sentence */
    DICT_EV_COMPLEX = 4,     /* "+++": sentence too complex, code nothing */
    DICT_EV_SUBORDINATE = 8, /* "023?": used only when the sentence has no other event */
    DICT_EV_DOMINANT = 16    /* "111!": when present, only dominant events are kept */
};

/* An event code of a verb or pattern: "064", paired "032:033", "023?", "031!", "---". */
typedef struct dict_event_code {
    const char *code; /* first event code (NULL for null/discard/complex) */
    const char *pair; /* code of the reversed event of a paired code, or NULL */
    uint32_t flags;   /* enum dict_event_flag */
} dict_event_code_t;

/* ---- entries --------------------------------------------------------------------------------- */

/* What an annalist actor is (its "kind:" line); TABARI and PETRARCH actors have no kind. */
enum dict_actor_kind {
    DICT_KIND_UNKNOWN = 0,
    DICT_KIND_PERSON = 1,
    DICT_KIND_ORGANISATION = 2,
    DICT_KIND_COUNTRY = 3,
    DICT_KIND_GROUP = 4,
    DICT_KIND_PLACE = 5      /* place-as-actor; a capital standing for its government */
};

typedef struct dict_actor {
    dict_phrase_t *names; /* primary name first, then the "+" synonyms */
    uint32_t nnames;
    dict_actor_code_t *codes; /* in file order; restricted ones are tried first, in order */
    uint32_t ncodes;
    uint32_t line;          /* line of the primary name */
    const char *id;         /* annalist format: stable person/organisation id (SADR_MUQTADA),
                             * NULL for TABARI/PETRARCH entries; owned by the dict_t */
    const char *country;    /* annalist format: ISO alpha-3 home country, or NULL */
    uint8_t kind;           /* enum dict_actor_kind */
} dict_actor_t;

/* An agent: "PRESIDENT [~GOVPRS]" -> code "GOVPRS", suffix true (actor code + agent code);
 * "HUMAN_RIGHTS_BODY [NGO~]" -> code "NGO", suffix false (agent code + actor code). */
typedef struct dict_agent {
    dict_phrase_t name;
    const char *code;
    bool suffix;
    uint32_t line;
} dict_agent_t;

/* A pattern of a verb: elements with exactly one DICT_EL_VERB, e.g. "- + * FROM $ [066]". */
typedef struct dict_pattern {
    dict_phrase_t phrase;
    dict_event_code_t code;
    const char *text;  /* the pattern as written (for reports), owned by the dict_t */
    uint32_t length;   /* TABARI ordering length: letters of fixed words (+ longest alternative) */
    uint32_t line;
} dict_pattern_t;

/* A verb block: its forms (the root, irregular forms from "{...}", PETRARCH synonyms) share one
 * default code and one pattern list. A form may be a multi-word phrase ("BURN DOWN"). */
typedef struct dict_verb {
    dict_phrase_t *forms;
    uint32_t nforms;
    dict_event_code_t code; /* default code of the bare verb */
    dict_pattern_t *patterns;
    uint32_t npatterns;
    const char *text; /* the root as written */
    uint32_t line;
} dict_verb_t;

typedef struct dict_synset {
    const char *name; /* without '&', folded */
    dict_phrase_t *members;
    uint32_t nmembers;
} dict_synset_t;

/* A discard phrase: the sentence (story false) or the whole story (story true) is not coded. */
typedef struct dict_discard {
    dict_phrase_t phrase;
    bool story;
} dict_discard_t;

/* A <TIME> phrase of a TABARI .verbs file with its day shift ("LAST_WEEK [-7]"); `null` marks
 * "[---]"/"[###]"/"[+++]" entries, which shift nothing ("###" discards the sentence, "+++" makes
 * it too complex to code, as in the actors and verbs). */
typedef struct dict_time {
    dict_phrase_t phrase;
    int32_t shift;
    bool null;
    uint32_t flags; /* DICT_EV_NULL / DICT_EV_DISCARD / DICT_EV_COMPLEX for [---] [###] [+++] */
} dict_time_t;

/* ---- options --------------------------------------------------------------------------------- */

enum dict_code_by { DICT_CODE_BY_CLAUSE = 0, DICT_CODE_BY_SENTENCE = 1, DICT_CODE_ALL = 2 };

typedef struct dict_options {
    int code_by;           /* enum dict_code_by (TABARI "SET: CODE BY ...") */
    bool comma_on;         /* drop comma-delimited clauses of comma_min..comma_max words */
    uint32_t comma_min;    /* default 2 (TABARI: more than 2 words) */
    uint32_t comma_max;    /* default 10 */
    uint32_t comma_emin, comma_emax; /* clause between a comma and the sentence end: 2, 10 */
    uint32_t comma_bmin, comma_bmax; /* clause before the first comma: 128, 0 (never) */
    uint32_t complex_verbs; /* COMPLEX: VERBS[n]: more verbs than n -> not coded; 0 = off */
    uint32_t complex_conj;  /* COMPLEX: CONJ[n] */
    uint32_t complex_actors; /* COMPLEX: ACTORS[n] */
    bool noactprior;       /* COMPLEX: NOACTPRIOR: skip a sentence with no actor before its verb */
    bool require_dyad;     /* keep only events with both a source and a target (default true;
                            * false codes a missing actor as "---") */
    uint32_t new_actor_length; /* PETRARCH: 0 = off */
    bool convert_agents;   /* SET: CONVERT AGENTS: a lone agent becomes an actor "~GOV" */
    bool agents_as_unknown; /* PETRARCH: a lone agent becomes an actor "---GOV" (an actor of
                             * unknown country); wins over convert_agents */
    bool distribute_agents; /* PETRARCH: "ambassadors of A, B and C" gives AGOV, BGOV, CGOV;
                             * TABARI gives the agent to A only */
    bool time_shift;       /* SET: TIME SHIFT: apply <TIME> phrases to event dates */
    const char *default_source; /* DEFAULT: SOURCE [code]; NULL when absent */
    const char *default_target; /* DEFAULT: TARGET [code]; NULL when absent */
    bool default_source_prior;  /* "SOURCE [x] PRIOR": x whenever no actor precedes the verb
                                 * (otherwise an actor after the verb is tried first) */
    bool default_target_after;  /* "TARGET [y] AFTER": y whenever no actor follows the verb
                                 * (otherwise actors before the verb are tried first) */
    uint32_t min_words;         /* SET: MINIMUM WORDS: shorter sentences are not coded; 0 off.
                                 * dict_load_tabari_project sets TABARI's default, 8 */
} dict_options_t;

/* ---- diagnostics ----------------------------------------------------------------------------- */

/* A problem found while loading: always names the file and the 1-based line. */
typedef struct dict_diag {
    const char *file;
    uint32_t line;
    const char *msg;
} dict_diag_t;

/* Loader flags. */
enum dict_load_flag {
    DICT_STRICT = 1 /* the first error fails the load; otherwise the line is skipped with a
                     * warning added to dict_t.warnings */
};

/* ---- the model ------------------------------------------------------------------------------- */

typedef struct dict_arena dict_arena_t; /* private: bump allocator for strings and elements */

typedef struct dict {
    dict_actor_t *actors;     uint32_t nactors, cap_actors;
    dict_agent_t *agents;     uint32_t nagents, cap_agents;
    dict_verb_t *verbs;       uint32_t nverbs, cap_verbs;
    dict_synset_t *synsets;   uint32_t nsynsets, cap_synsets;
    dict_phrase_t *nouns;     uint32_t nnouns, cap_nouns;
    dict_phrase_t *adjectives; uint32_t nadjectives, cap_adjectives;
    dict_discard_t *discards; uint32_t ndiscards, cap_discards;
    dict_time_t *times;       uint32_t ntimes, cap_times;
    dict_options_t options;
    dict_diag_t *warnings;    uint32_t nwarnings, cap_warnings;
    dict_arena_t *arena;
} dict_t;

/* Returns an empty dictionary with default options, or NULL when memory runs out. */
dict_t *dict_new(void);
void dict_free(dict_t *d);

/* Copies s[0..n) into the dictionary's arena (NUL-terminated). NULL when memory runs out. */
const char *dict_strdup(dict_t *d, const char *s, size_t n);

/* Records a problem at file:line. In strict mode (flags & DICT_STRICT) it sets *err to a malloc'd
 * "file:line: message" and returns -1; otherwise it appends a warning and returns 0. The caller
 * returns -1 up the stack or skips the line accordingly. Also returns -1 on no memory. */
int dict_problem(dict_t *d, int flags, char **err, const char *file, uint32_t line,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ---- builders used by every loader. All return 0 / an index >= 0, or -1 on no memory (or an
 * index that no dict_add_* returned). ------------------------------------------------------- */

/* Phrase parsing in TABARI notation: words separated by blanks (gap allowed in patterns) or '_'
 * (adjacent), '-' inside a word = '_', a trailing '_' makes a whole word (DICT_MATCH_WORD), '='
 * DICT_MATCH_EXACT, '~' a stem that must be followed immediately; tokens * $ + % ^ and &SYNSET;
 * alternatives "{ a | b }" are expanded into several phrases (at most DICT_MAX_ALTERNATIVES).
 * `pattern` false refuses the pattern tokens (names hold words only); in names too a blank
 * allows words in between ("AL GORE" matches 'Al "The Weasel" Gore'), '_' does not.
 * On success returns the number of phrases written to out[0..max) (elements owned by d); on a
 * syntax error returns -1 with a static message in *why; -2 on no memory. */
#define DICT_MAX_ALTERNATIVES 64
int dict_phrase_parse(dict_t *d, const char *text, size_t len, bool pattern, dict_phrase_t *out,
                      int max, const char **why);

/* Event code text as in a TABARI/PETRARCH bracket (without the brackets): "064", "032:033",
 * "023?", "031!", "---", "###", "+++". Returns 0, -1 on a malformed code (*why set), -2 on no
 * memory. */
int dict_parse_event_code(dict_t *d, const char *s, size_t n, dict_event_code_t *out,
                          const char **why);

/* TABARI yymmdd (00-30 -> 20xx, else 19xx) or yyyymmdd -> yyyymmdd; -1 when malformed (month and
 * day are range checked). */
int32_t dict_parse_date(const char *s, size_t n);

int32_t dict_add_actor(dict_t *d, uint32_t line);
int dict_actor_add_name(dict_t *d, uint32_t actor, const dict_phrase_t *name);
int dict_actor_add_code(dict_t *d, uint32_t actor, const char *code, size_t n, int32_t from,
                        int32_t to, bool restricted);
int32_t dict_add_agent(dict_t *d, const dict_phrase_t *name, const char *code, size_t n,
                       bool suffix, uint32_t line);
int32_t dict_add_verb(dict_t *d, const char *text, size_t n, const dict_event_code_t *code,
                      uint32_t line);
int dict_verb_add_form(dict_t *d, uint32_t verb, const dict_phrase_t *form);
int dict_verb_add_pattern(dict_t *d, uint32_t verb, const dict_phrase_t *pattern,
                          const dict_event_code_t *code, const char *text, size_t n,
                          uint32_t line);
/* Finds a synset by folded name (without '&'); -1 when absent. */
int32_t dict_find_synset(const dict_t *d, const char *name, size_t n);
int32_t dict_add_synset(dict_t *d, const char *name, size_t n);
int dict_synset_add_member(dict_t *d, uint32_t synset, const dict_phrase_t *member);
int dict_add_noun(dict_t *d, const dict_phrase_t *p);
int dict_add_adjective(dict_t *d, const dict_phrase_t *p);
int dict_add_discard(dict_t *d, const dict_phrase_t *p, bool story);
int dict_add_time(dict_t *d, const dict_phrase_t *p, int32_t shift, uint32_t flags);

/* ---- loaders ---------------------------------------------------------------------------------
 * Each appends to d. `name` is used in messages. Return 0, or -1 with *err set (malloc'd,
 * "file:line: message"; caller frees) on a fatal error: unreadable file, no memory, a structural
 * error (unterminated <NOUN> section), or any error in strict mode. */

/* TABARI .actors: PHRASE [CODE] [CODE yymmdd-yymmdd] [CODE <yymmdd] [CODE >yymmdd] ; comment,
 * "+SYNONYM" lines, indented code-only lines, <NOUN> and <ADJECTIVE> sections. */
int dict_load_tabari_actors(dict_t *d, const char *path, int flags, char **err);
int dict_load_tabari_actors_mem(dict_t *d, const char *name, const char *buf, size_t len,
                                int flags, char **err);
/* TABARI .verbs: <SYNSETS> (&NAME, +member), <TIME>, verb blocks "VERB [code]" with optional
 * "{ FORM FORM }" line and "- PATTERN [code]" lines. */
int dict_load_tabari_verbs(dict_t *d, const char *path, int flags, char **err);
int dict_load_tabari_verbs_mem(dict_t *d, const char *name, const char *buf, size_t len,
                               int flags, char **err);
/* TABARI .agents: "NAME [~CODE]" or "NAME [CODE~]". */
int dict_load_tabari_agents(dict_t *d, const char *path, int flags, char **err);
int dict_load_tabari_agents_mem(dict_t *d, const char *name, const char *buf, size_t len,
                                int flags, char **err);
/* TABARI .options: SET:, COMPLEX:, COMMA:, DEFAULT: lines into d->options; LABEL:, OUTPUT:,
 * FORWARD: and other presentation lines are accepted and ignored. */
int dict_load_tabari_options(dict_t *d, const char *path, int flags, char **err);
int dict_load_tabari_options_mem(dict_t *d, const char *name, const char *buf, size_t len,
                                 int flags, char **err);

/* A TABARI .project file: the paths it names, resolved against the project's directory.
 * Any of them may be NULL when absent; actors may list several files. */
typedef struct dict_tabari_project {
    char **actors;
    size_t nactors;
    char *verbs, *agents, *options, *text;
} dict_tabari_project_t;
int dict_read_tabari_project(const char *path, dict_tabari_project_t *out, char **err);
void dict_tabari_project_free(dict_tabari_project_t *p);
/* Reads the project and loads every dictionary it names (not the text). */
int dict_load_tabari_project(dict_t *d, const char *path, int flags, char **err);

/* Reads a whole file (malloc'd, NUL-terminated; *len without the NUL). NULL with *err set. */
char *dict_read_file(const char *path, size_t *len, char **err);

/* ---- the compiled matcher ---------------------------------------------------------------------
 * Vocabulary: every distinct folded dictionary word gets an id (>= 0). A text token is looked
 * up once per sentence into a small set of "candidates" (word id + how it matched); phrases are
 * then walked through a trie whose edges are keyed by (node, word id, match mode). */

typedef struct dict_compiled dict_compiled_t;

/* How a text token matched a vocabulary word. */
enum dict_hit {
    DICT_HIT_WHOLE = 0,       /* token == word */
    DICT_HIT_ENDING = 1,      /* token == word + "s" or "es" (a noun or a verb ending) */
    DICT_HIT_PREFIX = 2,      /* word is a proper prefix of the token, not a regular ending */
    DICT_HIT_ENDING_E = 3,    /* verb ending that changes the stem: "restoring" -> "restore",
                               * "stopped" -> "stop" (the word is not a prefix of the token) */
    DICT_HIT_ENDING_VERB = 4, /* token == word + "ed", "d", "en", "ing" */
    DICT_HIT_ENDING_NOUN = 5  /* token == word + "'s" or "'" (possessive) */
};

typedef struct dict_cand {
    int32_t word;   /* vocabulary id */
    uint8_t hit;    /* enum dict_hit */
} dict_cand_t;

/* Kinds of entries that end at a trie node. */
enum dict_entry_kind {
    DICT_ENT_ACTOR = 0,
    DICT_ENT_AGENT = 1,
    DICT_ENT_VERB = 2, /* index of the verb; the form is a phrase in the trie */
    DICT_ENT_NOUN = 3,
    DICT_ENT_ADJECTIVE = 4,
    DICT_ENT_DISCARD = 5,
    DICT_ENT_TIME = 6,
    DICT_ENT_KINDS = 7
};

/* Builds the matcher. Keeps a pointer to d (d must outlive the compiled form and not change).
 * Returns NULL with *err set (malloc'd) on no memory. */
dict_compiled_t *dict_compile(const dict_t *d, char **err);
void dict_compiled_free(dict_compiled_t *c);
const dict_t *dict_compiled_model(const dict_compiled_t *c);

/* Candidates of one folded token (lower-case ASCII, len bytes): writes at most max entries to
 * out and returns how many were written. Allocates nothing. */
size_t dict_lookup_token(const dict_compiled_t *c, const char *folded, size_t len,
                         dict_cand_t *out, size_t max);

/* Transliteration keys (text/translit.h). The names of annalist actors (those with an id) are
 * also entered in the trie by the keys of their words, Arabic articles and leading honorifics
 * left out; a key is the vocabulary word "\x01" + key. A token reaches that path through the
 * key word of an exact candidate (dict_word_key) or, when it has none, through its own key
 * (dict_key_word). Words of the text that are Arabic articles may be passed over at keyed
 * nodes (dict_trie_keyed). TABARI and PETRARCH entries have no keys. */
#define DICT_KEY_MIN_LEN 4 /* shorter name words, and acronyms, are their own key */
#define DICT_KEY_MIN_TOKEN 5 /* a word opening a sentence, quotation or clause is looked up by
                              * its key from this length ("Here" must not meet "Haeri");
                              * others from DICT_KEY_MIN_LEN */
int32_t dict_word_key(const dict_compiled_t *c, int32_t word);
int32_t dict_key_word(const dict_compiled_t *c, const char *key, size_t len);
bool dict_has_keys(const dict_compiled_t *c);
bool dict_trie_keyed(const dict_compiled_t *c, uint32_t node);

/* Number of vocabulary words (ids are 0 .. size-1). */
uint32_t dict_vocab_size(const dict_compiled_t *c);

/* Vocabulary id of a folded word, or -1. */
int32_t dict_word_id(const dict_compiled_t *c, const char *folded, size_t len);

/* Does a candidate satisfy a pattern or synset word with id `word` and mode `match`? In
 * patterns TABARI's "_" means the whole word: DICT_MATCH_WORD and DICT_MATCH_EXACT accept only
 * DICT_HIT_WHOLE; DICT_MATCH_STEM accepts any hit; DICT_MATCH_INFLECTED any but a prefix. */
bool dict_cand_accepts(const dict_cand_t *cand, int32_t word, uint8_t match);

/* Trie: node 0 is the root. Writes the children reached from `node` by a token whose candidates
 * are cands[0..ncands) and returns how many (at most max). `gap` false follows the edges of words
 * that must come right after the previous word; true follows the edges of words that may come
 * after a gap (a blank in TABARI phrase notation: "DURTHANG ORC" matches "Durthang and an Orc").
 * Endings: names (actors, agents, nouns) accept -s/-es/'s on their final word, verb forms accept
 * -s/-es/-ed/-d/-en/-ing; "=" words take no ending. */
size_t dict_trie_next(const dict_compiled_t *c, uint32_t node, const dict_cand_t *cands,
                      size_t ncands, bool gap, uint32_t *out, size_t max);

/* Letters of the dictionary words on the path from the root to `node`: among phrases of equal
 * length in words the more specific one wins ("ATTACKED" before "ATTACK", as TABARI orders). */
uint32_t dict_trie_chars(const dict_compiled_t *c, uint32_t node);

/* Whether some phrase continues from `node` after a gap (so the caller must look further on). */
bool dict_trie_has_gap(const dict_compiled_t *c, uint32_t node);

/* Whether any entry ends at `node`. */
bool dict_trie_has_entry(const dict_compiled_t *c, uint32_t node);

/* Entries ending at a node: the index of the entry of kind `kind` (-1 when none). A node holds
 * at most one entry per kind: when a phrase is entered twice, the first entry wins. */
int32_t dict_trie_entry(const dict_compiled_t *c, uint32_t node, int kind);

/* Pattern words compiled to vocabulary ids: element i of pattern p of verb v has id
 * dict_pattern_word(c, v, p, i) (-1 for non-word elements). */
int32_t dict_pattern_word(const dict_compiled_t *c, uint32_t verb, uint32_t pattern, uint32_t elem);
/* A quick test word of pattern p of verb v: its longest word id, which must occur in a sentence
 * for the pattern to match; -1 when the pattern has no word, and then *synset is its first
 * synset (or -1). */
int32_t dict_pattern_key(const dict_compiled_t *c, uint32_t verb, uint32_t pattern,
                         int32_t *synset);
/* Patterns of verb v in the order they must be tried (longest first), as indices. */
const uint32_t *dict_verb_order(const dict_compiled_t *c, uint32_t verb, uint32_t *n);
/* Synsets with a member that starts with `word` (*n of them), for a cheap "may this synset
 * match?" test; dict_synset_unkeyed tells whether some member starts with no word at all (a
 * synset or an actor token), in which case the test cannot rule the synset out. */
const uint32_t *dict_word_synsets(const dict_compiled_t *c, int32_t word, uint32_t *n);
bool dict_synset_unkeyed(const dict_compiled_t *c, uint32_t synset);
/* Word ids of synset member element i of member m of synset s (-1 for non-words). */
int32_t dict_synset_word(const dict_compiled_t *c, uint32_t synset, uint32_t member, uint32_t elem);

#endif
