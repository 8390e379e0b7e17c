/* Compiles a dict_t into the matcher the coder walks: a vocabulary hash of folded words (with
 * prefix hashing so stems cost no extra pass), and a token trie whose edges live in one flat
 * open-addressing table. Built once; read-only afterwards, so coder threads share it.
 * Nothing here allocates after dict_compile returns. */
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "dict/dict_internal.h"
#include "text/translit.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

typedef struct vslot {
    uint64_t hash;
    int32_t id; /* -1 = empty */
} vslot_t;

/* Edge modes: the dict_match values, plus one for whole words of verb forms, whose endings
 * differ from those of names. */
#define MODE_WORD_VERB 3

typedef struct eslot {
    uint64_t key; /* node << 32 | word << 3 | gap << 2 | mode, +1 so that 0 means empty */
    uint32_t child;
} eslot_t;

struct dict_compiled {
    const dict_t *d;
    /* vocabulary */
    const char **words;
    uint32_t *word_len;
    uint8_t *word_stem; /* used as a stem somewhere */
    uint8_t *word_modes; /* bit mode + 4 * gap: some trie edge has this word with that mode */
    uint32_t nwords, cap_words;
    vslot_t *vtab;
    uint32_t vmask;
    uint64_t stem_lens; /* bit L set: some stem has length L (L < 64) */
    /* trie */
    eslot_t *etab;
    uint32_t emask, nedges;
    int32_t (*entry)[DICT_ENT_KINDS];
    uint8_t *node_gap; /* some edge leaves this node after a gap */
    uint16_t *node_chars; /* letters of the dictionary words on the path to the node */
    uint8_t *node_keyed;  /* reached by the transliteration keys of an annalist name */
    uint8_t *node_entry;  /* some entry ends at this node (a cheap test for the walk) */
    uint32_t nnodes, cap_nodes, cap_gap, cap_chars, cap_keyed;
    /* transliteration keys: key words are vocabulary words "\x01" + key */
    char **key_strs;      /* the key words' text, owned here */
    uint32_t nkey_strs, cap_key_strs;
    int32_t (*key_pairs)[2]; /* (word, key word) while compiling */
    uint32_t nkey_pairs, cap_key_pairs;
    int32_t *word_key;    /* per vocabulary word: its key word, -1 when it has none */
    /* patterns: word ids per element, flat */
    uint32_t *verb_pat_off;  /* per verb: first pattern's index in pat_off */
    uint32_t *pat_off;       /* per pattern: first element id in pat_words */
    int32_t *pat_words;
    uint32_t *verb_order;    /* per verb, pattern indices sorted by length (same offsets) */
    int32_t *pat_key;        /* per pattern: its longest word (a cheap "can it match?" test) */
    int32_t *pat_key_syn;    /* per pattern without words: its first synset, else -1 */
    uint32_t *wsyn_off;      /* per word: its slice of wsyn (nwords + 1 entries) */
    uint32_t *wsyn;          /* synsets having a member whose first element is the word */
    uint8_t *syn_unkeyed;    /* per synset: a member does not start with a word */
    uint32_t *syn_mem_off;   /* per synset: first member's index in mem_off */
    uint32_t *mem_off;
    int32_t *syn_words;
};

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

static int32_t vocab_find(const dict_compiled_t *c, uint64_t h, const char *s, size_t n)
{
    for (uint32_t i = (uint32_t)h & c->vmask;; i = (i + 1) & c->vmask) {
        int32_t id = c->vtab[i].id;
        if (id < 0)
            return -1;
        if (c->vtab[i].hash == h && c->word_len[id] == n && !memcmp(c->words[id], s, n))
            return id;
    }
}

static int vocab_rehash(dict_compiled_t *c, uint32_t size)
{
    vslot_t *t = malloc(sizeof(vslot_t) * size);
    if (!t)
        return -1;
    for (uint32_t i = 0; i < size; i++)
        t[i].id = -1;
    for (uint32_t id = 0; id < c->nwords; id++) {
        uint64_t h = fnv(c->words[id], c->word_len[id]);
        uint32_t i = (uint32_t)h & (size - 1);
        while (t[i].id >= 0)
            i = (i + 1) & (size - 1);
        t[i].hash = h;
        t[i].id = (int32_t)id;
    }
    free(c->vtab);
    c->vtab = t;
    c->vmask = size - 1;
    return 0;
}

/* Id of a word, adding it when new; -1 on no memory. */
static int32_t vocab_add(dict_compiled_t *c, const char *w, bool stem)
{
    size_t n = strlen(w);
    uint64_t h = fnv(w, n);
    int32_t id = vocab_find(c, h, w, n);
    if (id < 0) {
        if (dict_grow((void **)&c->words, &c->cap_words, c->nwords, sizeof(char *)))
            return -1;
        uint32_t cap = c->cap_words;
        uint32_t *nl = realloc(c->word_len, sizeof(uint32_t) * cap);
        if (!nl)
            return -1;
        c->word_len = nl;
        uint8_t *ns = realloc(c->word_stem, cap);
        if (!ns)
            return -1;
        c->word_stem = ns;
        uint8_t *nm = realloc(c->word_modes, cap);
        if (!nm)
            return -1;
        c->word_modes = nm;
        id = (int32_t)c->nwords++;
        c->words[id] = w;
        c->word_len[id] = (uint32_t)n;
        c->word_stem[id] = 0;
        c->word_modes[id] = 0;
        if ((c->nwords * 2 > c->vmask + 1) && vocab_rehash(c, (c->vmask + 1) * 2))
            return -1;
        if (c->nwords * 2 <= c->vmask + 1) {
            uint32_t i = (uint32_t)h & c->vmask;
            while (c->vtab[i].id >= 0 && c->vtab[i].id != id)
                i = (i + 1) & c->vmask;
            c->vtab[i].hash = h;
            c->vtab[i].id = id;
        }
    }
    if (stem) {
        c->word_stem[id] = 1;
        if (n < 64)
            c->stem_lens |= 1ULL << n;
    }
    return id;
}

/* ---- trie ------------------------------------------------------------------------------------ */

static uint64_t edge_key(uint32_t node, int32_t word, bool gap, uint8_t mode)
{
    return (((uint64_t)node << 32) | ((uint64_t)(uint32_t)word << 3) | ((uint64_t)gap << 2) |
            mode) + 1;
}

static uint32_t edge_find(const dict_compiled_t *c, uint64_t key)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    for (uint32_t i = (uint32_t)(h >> 32) & c->emask;; i = (i + 1) & c->emask) {
        if (c->etab[i].key == key)
            return c->etab[i].child;
        if (c->etab[i].key == 0)
            return 0;
    }
}

static int edge_rehash(dict_compiled_t *c, uint32_t size)
{
    eslot_t *t = calloc(size, sizeof(eslot_t));
    if (!t)
        return -1;
    for (uint32_t j = 0; c->etab && j <= c->emask; j++) {
        if (!c->etab[j].key)
            continue;
        uint64_t h = c->etab[j].key * 0x9E3779B97F4A7C15ULL;
        uint32_t i = (uint32_t)(h >> 32) & (size - 1);
        while (t[i].key)
            i = (i + 1) & (size - 1);
        t[i] = c->etab[j];
    }
    free(c->etab);
    c->etab = t;
    c->emask = size - 1;
    return 0;
}

static int64_t node_new(dict_compiled_t *c)
{
    if (dict_grow((void **)&c->entry, &c->cap_nodes, c->nnodes, sizeof(*c->entry)) ||
        dict_grow((void **)&c->node_gap, &c->cap_gap, c->nnodes, 1) ||
        dict_grow((void **)&c->node_chars, &c->cap_chars, c->nnodes, sizeof(uint16_t)) ||
        dict_grow((void **)&c->node_keyed, &c->cap_keyed, c->nnodes, 1))
        return -1;
    c->node_gap[c->nnodes] = 0;
    c->node_keyed[c->nnodes] = 0;
    c->node_chars[c->nnodes] = 0;
    for (int k = 0; k < DICT_ENT_KINDS; k++)
        c->entry[c->nnodes][k] = -1;
    return c->nnodes++;
}

static int64_t edge_child(dict_compiled_t *c, uint32_t node, int32_t word, bool gap, uint8_t mode)
{
    uint64_t key = edge_key(node, word, gap, mode);
    uint32_t child = edge_find(c, key);
    if (child)
        return child;
    if ((c->nedges + 1) * 2 > c->emask + 1 && edge_rehash(c, (c->emask + 1) * 2))
        return -1;
    int64_t n = node_new(c);
    if (n < 0)
        return -1;
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    uint32_t i = (uint32_t)(h >> 32) & c->emask;
    while (c->etab[i].key)
        i = (i + 1) & c->emask;
    c->etab[i].key = key;
    c->etab[i].child = (uint32_t)n;
    c->nedges++;
    c->word_modes[word] |= (uint8_t)(1u << (mode + 4 * gap));
    if (gap)
        c->node_gap[node] = 1;
    /* key words add no letters: an exact spelling wins a tie with a key match */
    uint32_t chars = c->node_chars[node] + (c->words[word][0] == '\x01' ? 0 : c->word_len[word]);
    c->node_chars[n] = (uint16_t)(chars > 65535 ? 65535 : chars);
    return n;
}

/* Inserts a name phrase (or a verb form, `verb` true); endings apply to its final word only. */
static int insert_phrase(dict_compiled_t *c, const dict_phrase_t *p, int kind, int32_t index,
                         bool verb)
{
    uint32_t node = 0;
    bool any = false, gap = false;
    for (uint32_t i = 0; i < p->n; i++) {
        const dict_elem_t *e = &p->elems[i];
        if (e->kind != DICT_EL_WORD)
            continue;
        uint8_t mode = e->match;
        if (mode == DICT_MATCH_WORD && (i + 1 < p->n || verb))
            mode = i + 1 < p->n && !verb ? DICT_MATCH_EXACT : MODE_WORD_VERB;
        int32_t w = vocab_add(c, e->word, mode == DICT_MATCH_STEM);
        if (w < 0)
            return -1;
        int64_t child = edge_child(c, node, w, any && gap, mode);
        if (child < 0)
            return -1;
        node = (uint32_t)child;
        any = true;
        gap = !e->adjacent;
    }
    if (any && c->entry[node][kind] < 0)
        c->entry[node][kind] = index;
    return 0;
}

/* ---- transliteration keys -------------------------------------------------------------------- */

/* Vocabulary id of the key word of `key` (adding it when new); -1 on no memory. */
static int32_t key_word(dict_compiled_t *c, const char *key, size_t n)
{
    char buf[72];
    if (n + 2 > sizeof buf)
        return -2;
    buf[0] = '\x01';
    memcpy(buf + 1, key, n);
    buf[n + 1] = '\0';
    int32_t id = vocab_find(c, fnv(buf, n + 1), buf, n + 1);
    if (id >= 0)
        return id;
    if (dict_grow((void **)&c->key_strs, &c->cap_key_strs, c->nkey_strs, sizeof(char *)))
        return -1;
    char *copy = strdup(buf);
    if (!copy)
        return -1;
    c->key_strs[c->nkey_strs++] = copy;
    return vocab_add(c, copy, false);
}

static int remember_key(dict_compiled_t *c, const char *word, int32_t key)
{
    int32_t w = dict_word_id(c, word, strlen(word));
    if (w < 0)
        return 0;
    if (dict_grow((void **)&c->key_pairs, &c->cap_key_pairs, c->nkey_pairs, sizeof *c->key_pairs))
        return -1;
    c->key_pairs[c->nkey_pairs][0] = w;
    c->key_pairs[c->nkey_pairs][1] = key;
    c->nkey_pairs++;
    return 0;
}

/* Is word i of the name one that the key path leaves out: an Arabic article, or an honorific
 * at the start of the name? */
static bool key_skips(const dict_phrase_t *p, uint32_t i, uint32_t first)
{
    const char *w = p->elems[i].word;
    const char *next = i + 1 < p->n ? p->elems[i + 1].word : NULL;
    if (next && translit_is_article(w, strlen(w), next, strlen(next)))
        return true;
    return i == first && next && translit_is_honorific(w, strlen(w));
}

/* An annalist actor's name entered a second time by the transliteration keys of its words
 * (articles and leading honorifics left out), so that other spellings of it meet it. Names with
 * stems or non-word elements are left to exact matching. */
static int insert_keyed(dict_compiled_t *c, const dict_phrase_t *p, int32_t actor)
{
    uint32_t first = 0, kept = 0;
    for (uint32_t i = 0; i < p->n; i++)
        if (p->elems[i].kind != DICT_EL_WORD || p->elems[i].match == DICT_MATCH_STEM)
            return 0;
    while (first < p->n && key_skips(p, first, first))
        first++;
    uint32_t words = 0, lead = first;
    for (uint32_t i = first; i < p->n; i++)
        words += !key_skips(p, i, first);
    /* "Al-Monitor" keeps its article: "Monitor" alone is another name */
    while (words < 2 && lead > 0 && translit_is_article(p->elems[lead - 1].word,
                                                        strlen(p->elems[lead - 1].word), "", 0))
        lead--, words++;
    uint32_t node = 0;
    for (uint32_t i = lead; i < p->n; i++) {
        if (i >= first && key_skips(p, i, first))
            continue;
        char key[64];
        const char *w = p->elems[i].word;
        size_t wn = strlen(w);
        int32_t kw;
        if (p->elems[i].acronym || wn < DICT_KEY_MIN_LEN) {
            /* short words ("of", "UN") and acronyms ("ASEAN") are their own key: the exact
             * word, so that "the" never meets "Thai" and adds no candidate to the text */
            if ((kw = dict_word_id(c, w, wn)) < 0)
                return 0;
        } else {
            size_t n = translit_word_key(w, wn, 0, key, sizeof key);
            if (n == 0)
                return 0;
            kw = key_word(c, key, n);
            if (kw == -2)
                return 0;
            if (kw < 0 || remember_key(c, w, kw))
                return -1;
        }
        bool last = true;
        for (uint32_t j = i + 1; j < p->n && last; j++)
            last = j >= first && key_skips(p, j, first);
        int64_t child = edge_child(c, node, kw, false, last ? DICT_MATCH_WORD : DICT_MATCH_EXACT);
        if (child < 0)
            return -1;
        node = (uint32_t)child;
        c->node_keyed[node] = 1;
        kept++;
    }
    if (kept && c->entry[node][DICT_ENT_ACTOR] < 0)
        c->entry[node][DICT_ENT_ACTOR] = actor;
    return 0;
}

static int insert_keys(dict_compiled_t *c)
{
    const dict_t *d = c->d;
    for (uint32_t a = 0; a < d->nactors; a++)
        for (uint32_t k = 0; d->actors[a].id && k < d->actors[a].nnames; k++)
            if (insert_keyed(c, &d->actors[a].names[k], (int32_t)a))
                return -1;
    return 0;
}

/* Per node, whether an entry ends there; built when the trie is complete. */
static int index_entries(dict_compiled_t *c)
{
    c->node_entry = calloc(c->nnodes + 1, 1);
    if (!c->node_entry)
        return -1;
    for (uint32_t n = 0; n < c->nnodes; n++)
        for (int k = 0; k < DICT_ENT_KINDS; k++)
            c->node_entry[n] |= c->entry[n][k] >= 0;
    return 0;
}

/* Per vocabulary word, its key word; built when the vocabulary is complete. */
static int index_keys(dict_compiled_t *c)
{
    c->word_key = malloc(sizeof(int32_t) * (c->nwords + 1));
    if (!c->word_key)
        return -1;
    for (uint32_t w = 0; w < c->nwords; w++)
        c->word_key[w] = -1;
    for (uint32_t i = 0; i < c->nkey_pairs; i++)
        c->word_key[c->key_pairs[i][0]] = c->key_pairs[i][1];
    free(c->key_pairs);
    c->key_pairs = NULL;
    return 0;
}

static int insert_all(dict_compiled_t *c)
{
    const dict_t *d = c->d;
    for (uint32_t a = 0; a < d->nactors; a++)
        for (uint32_t k = 0; k < d->actors[a].nnames; k++)
            if (insert_phrase(c, &d->actors[a].names[k], DICT_ENT_ACTOR, (int32_t)a, false))
                return -1;
    for (uint32_t a = 0; a < d->nagents; a++)
        if (insert_phrase(c, &d->agents[a].name, DICT_ENT_AGENT, (int32_t)a, false))
            return -1;
    for (uint32_t v = 0; v < d->nverbs; v++)
        for (uint32_t k = 0; k < d->verbs[v].nforms; k++)
            if (insert_phrase(c, &d->verbs[v].forms[k], DICT_ENT_VERB, (int32_t)v, true))
                return -1;
    for (uint32_t i = 0; i < d->nnouns; i++)
        if (insert_phrase(c, &d->nouns[i], DICT_ENT_NOUN, (int32_t)i, false))
            return -1;
    for (uint32_t i = 0; i < d->nadjectives; i++)
        if (insert_phrase(c, &d->adjectives[i], DICT_ENT_ADJECTIVE, (int32_t)i, false))
            return -1;
    for (uint32_t i = 0; i < d->ndiscards; i++)
        if (insert_phrase(c, &d->discards[i].phrase, DICT_ENT_DISCARD, (int32_t)i, false))
            return -1;
    for (uint32_t i = 0; i < d->ntimes; i++)
        if (insert_phrase(c, &d->times[i].phrase, DICT_ENT_TIME, (int32_t)i, false))
            return -1;
    return insert_keys(c);
}

/* ---- patterns -------------------------------------------------------------------------------- */

static int phrase_ids(dict_compiled_t *c, const dict_phrase_t *p, int32_t *out)
{
    for (uint32_t i = 0; i < p->n; i++) {
        out[i] = -1;
        if (p->elems[i].kind == DICT_EL_WORD) {
            out[i] = vocab_add(c, p->elems[i].word, p->elems[i].match == DICT_MATCH_STEM);
            if (out[i] < 0)
                return -1;
        }
    }
    return 0;
}

/* Sort keys pack the order into one integer, (65535 - length) << 32 | index, so the sort is
 * stable and needs no context. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int compile_patterns(dict_compiled_t *c)
{
    const dict_t *d = c->d;
    uint32_t npat = 0, nel = 0;
    for (uint32_t v = 0; v < d->nverbs; v++)
        for (uint32_t p = 0; p < d->verbs[v].npatterns; p++, npat++)
            nel += d->verbs[v].patterns[p].phrase.n;
    c->verb_pat_off = malloc(sizeof(uint32_t) * (d->nverbs + 1));
    c->pat_off = malloc(sizeof(uint32_t) * (npat + 1));
    c->pat_words = malloc(sizeof(int32_t) * (nel + 1));
    c->verb_order = malloc(sizeof(uint32_t) * (npat + 1));
    c->pat_key = malloc(sizeof(int32_t) * (npat + 1));
    c->pat_key_syn = malloc(sizeof(int32_t) * (npat + 1));
    uint64_t *keys = malloc(sizeof(uint64_t) * (npat + 1));
    if (!c->verb_pat_off || !c->pat_off || !c->pat_words || !c->verb_order || !keys ||
        !c->pat_key || !c->pat_key_syn) {
        free(keys);
        return -1;
    }
    uint32_t pi = 0, ei = 0;
    for (uint32_t v = 0; v < d->nverbs; v++) {
        const dict_verb_t *vb = &d->verbs[v];
        c->verb_pat_off[v] = pi;
        for (uint32_t p = 0; p < vb->npatterns; p++) {
            c->pat_off[pi + p] = ei;
            if (phrase_ids(c, &vb->patterns[p].phrase, c->pat_words + ei)) {
                free(keys);
                return -1;
            }
            const dict_phrase_t *ph = &vb->patterns[p].phrase;
            int32_t key = -1, syn = -1;
            size_t best = 0;
            for (uint32_t e = 0; e < ph->n; e++) {
                if (ph->elems[e].kind == DICT_EL_WORD && strlen(ph->elems[e].word) > best) {
                    best = strlen(ph->elems[e].word);
                    key = c->pat_words[ei + e];
                }
                if (ph->elems[e].kind == DICT_EL_SYNSET && syn < 0)
                    syn = (int32_t)ph->elems[e].synset;
            }
            c->pat_key[pi + p] = key;
            c->pat_key_syn[pi + p] = key >= 0 ? -1 : syn;
            ei += vb->patterns[p].phrase.n;
            uint32_t len = vb->patterns[p].length > 65535 ? 65535 : vb->patterns[p].length;
            keys[p] = ((uint64_t)(65535 - len) << 32) | p;
        }
        qsort(keys, vb->npatterns, sizeof(uint64_t), cmp_u64);
        for (uint32_t p = 0; p < vb->npatterns; p++)
            c->verb_order[pi + p] = (uint32_t)(keys[p] & 0xffffffffu);
        pi += vb->npatterns;
    }
    c->verb_pat_off[d->nverbs] = pi;
    c->pat_off[pi] = ei;
    free(keys);
    return 0;
}

static int compile_synsets(dict_compiled_t *c)
{
    const dict_t *d = c->d;
    uint32_t nm = 0, nel = 0;
    for (uint32_t s = 0; s < d->nsynsets; s++)
        for (uint32_t m = 0; m < d->synsets[s].nmembers; m++, nm++)
            nel += d->synsets[s].members[m].n;
    c->syn_mem_off = malloc(sizeof(uint32_t) * (d->nsynsets + 1));
    c->mem_off = malloc(sizeof(uint32_t) * (nm + 1));
    c->syn_words = malloc(sizeof(int32_t) * (nel + 1));
    if (!c->syn_mem_off || !c->mem_off || !c->syn_words)
        return -1;
    uint32_t mi = 0, ei = 0;
    for (uint32_t s = 0; s < d->nsynsets; s++) {
        c->syn_mem_off[s] = mi;
        for (uint32_t m = 0; m < d->synsets[s].nmembers; m++, mi++) {
            c->mem_off[mi] = ei;
            if (phrase_ids(c, &d->synsets[s].members[m], c->syn_words + ei))
                return -1;
            ei += d->synsets[s].members[m].n;
        }
    }
    c->syn_mem_off[d->nsynsets] = mi;
    c->mem_off[mi] = ei;
    return 0;
}

/* Word -> synsets whose members start with it, so a coder can tell cheaply which synsets may
 * match a sentence. Built last, when the vocabulary is complete. */
static int index_synset_keys(dict_compiled_t *c)
{
    const dict_t *d = c->d;
    c->wsyn_off = calloc(c->nwords + 2, sizeof(uint32_t));
    c->syn_unkeyed = calloc(d->nsynsets + 1, 1);
    if (!c->wsyn_off || !c->syn_unkeyed)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t sy = 0; sy < d->nsynsets; sy++)
            for (uint32_t m = 0; m < d->synsets[sy].nmembers; m++) {
                const dict_phrase_t *ph = &d->synsets[sy].members[m];
                int32_t w = ph->n && ph->elems[0].kind == DICT_EL_WORD
                                ? c->syn_words[c->mem_off[c->syn_mem_off[sy] + m]]
                                : -1;
                if (w < 0)
                    c->syn_unkeyed[sy] = 1;
                else if (pass == 0)
                    c->wsyn_off[w + 1]++;
                else
                    c->wsyn[c->wsyn_off[w]++] = sy; /* offsets shifted back below */
            }
        if (pass == 0) {
            for (uint32_t w = 0; w < c->nwords; w++)
                c->wsyn_off[w + 1] += c->wsyn_off[w];
            c->wsyn = malloc(sizeof(uint32_t) * (c->wsyn_off[c->nwords] + 1));
            if (!c->wsyn)
                return -1;
        }
    }
    for (uint32_t w = c->nwords; w > 0; w--) /* filling advanced each start to the next one */
        c->wsyn_off[w] = c->wsyn_off[w - 1];
    c->wsyn_off[0] = 0;
    return 0;
}

/* ---- public ---------------------------------------------------------------------------------- */

void dict_compiled_free(dict_compiled_t *c)
{
    if (!c)
        return;
    free(c->words);
    free(c->word_len);
    free(c->word_stem);
    free(c->word_modes);
    free(c->vtab);
    free(c->etab);
    free(c->entry);
    free(c->node_gap);
    free(c->node_chars);
    free(c->node_keyed);
    free(c->node_entry);
    for (uint32_t i = 0; i < c->nkey_strs; i++)
        free(c->key_strs[i]);
    free(c->key_strs);
    free(c->key_pairs);
    free(c->word_key);
    free(c->verb_pat_off);
    free(c->pat_off);
    free(c->pat_words);
    free(c->verb_order);
    free(c->pat_key);
    free(c->pat_key_syn);
    free(c->syn_mem_off);
    free(c->wsyn_off);
    free(c->wsyn);
    free(c->syn_unkeyed);
    free(c->mem_off);
    free(c->syn_words);
    free(c);
}

dict_compiled_t *dict_compile(const dict_t *d, char **err)
{
    dict_compiled_t *c = calloc(1, sizeof *c);
    if (c)
        c->d = d;
    if (!c || vocab_rehash(c, 1024) || edge_rehash(c, 1024) || node_new(c) < 0 ||
        insert_all(c) || compile_synsets(c) || compile_patterns(c) || index_synset_keys(c) ||
        index_keys(c) || index_entries(c)) {
        dict_compiled_free(c);
        if (err)
            *err = strdup("out of memory compiling the dictionary");
        return NULL;
    }
    return c;
}

const dict_t *dict_compiled_model(const dict_compiled_t *c)
{
    return c->d;
}

uint32_t dict_vocab_size(const dict_compiled_t *c)
{
    return c->nwords;
}

int32_t dict_word_id(const dict_compiled_t *c, const char *folded, size_t len)
{
    return vocab_find(c, fnv(folded, len), folded, len);
}

/* Strength of a hit when one word is reached in two ways: the more endings it allows, the
 * better. */
static int hit_rank(uint8_t hit)
{
    return hit == DICT_HIT_WHOLE ? 5 : hit == DICT_HIT_PREFIX ? 0 : 3;
}

static size_t add_cand(dict_cand_t *out, size_t n, size_t max, int32_t id, uint8_t hit)
{
    for (size_t i = 0; i < n; i++)
        if (out[i].word == id) {
            if (hit_rank(hit) > hit_rank(out[i].hit))
                out[i].hit = hit;
            return n;
        }
    if (n < max) {
        out[n].word = id;
        out[n].hit = hit;
        n++;
    }
    return n;
}

/* The regular ending t[base..len) is, or 0xff when it is none. */
static uint8_t ending_kind(const char *t, size_t len, size_t base)
{
    size_t k = len - base;
    const char *e = t + base;
    switch (k) {
    case 1:
        return e[0] == 's' ? DICT_HIT_ENDING : e[0] == 'd' ? DICT_HIT_ENDING_VERB
               : e[0] == '\'' ? DICT_HIT_ENDING_NOUN : 0xff;
    case 2:
        if (e[0] == '\'' && e[1] == 's')
            return DICT_HIT_ENDING_NOUN;
        if (e[0] == 'e' && e[1] == 's')
            return DICT_HIT_ENDING;
        if (e[0] == 'e' && (e[1] == 'd' || e[1] == 'n'))
            return DICT_HIT_ENDING_VERB;
        return 0xff;
    case 3: return e[0] == 'i' && e[1] == 'n' && e[2] == 'g' ? DICT_HIT_ENDING_VERB : 0xff;
    default: return 0xff;
    }
}

size_t dict_lookup_token(const dict_compiled_t *c, const char *t, size_t len, dict_cand_t *out,
                         size_t max)
{
    size_t n = 0;
    if (len == 0 || max == 0)
        return 0;
    uint64_t h = FNV_OFFSET;
    for (size_t l = 1; l <= len; l++) {
        h = (h ^ (unsigned char)t[l - 1]) * FNV_PRIME;
        bool stem = l < 64 && (c->stem_lens >> l & 1);
        uint8_t ending = l < len && l >= 2 && len - l <= 3 ? ending_kind(t, len, l) : 0xff;
        if (l < len && !stem && ending == 0xff)
            continue;
        int32_t id = vocab_find(c, h, t, l);
        if (id < 0)
            continue;
        if (l == len)
            n = add_cand(out, n, max, id, DICT_HIT_WHOLE);
        else if (ending != 0xff)
            n = add_cand(out, n, max, id, ending);
        else if (stem && c->word_stem[id])
            n = add_cand(out, n, max, id, DICT_HIT_PREFIX);
    }
    /* endings that change the stem: restor(e)+ing/ed, sto(p)+ped */
    char buf[64];
    if (len > 4 && len < sizeof buf) {
        size_t bases[2];
        int nb = 0;
        if (len > 5 && !memcmp(t + len - 3, "ing", 3))
            bases[nb++] = len - 3;
        if (!memcmp(t + len - 2, "ed", 2) || !memcmp(t + len - 2, "es", 2))
            bases[nb++] = len - 2;
        for (int i = 0; i < nb; i++) {
            size_t b = bases[i];
            memcpy(buf, t, b);
            buf[b] = 'e';
            int32_t id = dict_word_id(c, buf, b + 1);
            if (id >= 0)
                n = add_cand(out, n, max, id, DICT_HIT_ENDING_E);
            if (b >= 3 && t[b - 1] == t[b - 2] && !strchr("aeiouls", t[b - 1])) {
                id = dict_word_id(c, t, b - 1);
                if (id >= 0)
                    n = add_cand(out, n, max, id, DICT_HIT_ENDING_E);
            }
        }
    }
    return n;
}

bool dict_cand_accepts(const dict_cand_t *cand, int32_t word, uint8_t match)
{
    if (cand->word != word)
        return false;
    return match == DICT_MATCH_STEM || cand->hit == DICT_HIT_WHOLE ||
           (match == DICT_MATCH_INFLECTED && cand->hit != DICT_HIT_PREFIX);
}

/* Which edge modes a hit may follow. */
static bool mode_accepts(uint8_t mode, uint8_t hit)
{
    switch (mode) {
    case DICT_MATCH_STEM: return true;
    case DICT_MATCH_WORD:
        return hit == DICT_HIT_WHOLE || hit == DICT_HIT_ENDING || hit == DICT_HIT_ENDING_NOUN;
    case MODE_WORD_VERB:
        return hit == DICT_HIT_WHOLE || hit == DICT_HIT_ENDING || hit == DICT_HIT_ENDING_VERB ||
               hit == DICT_HIT_ENDING_E;
    default: return hit == DICT_HIT_WHOLE;
    }
}

size_t dict_trie_next(const dict_compiled_t *c, uint32_t node, const dict_cand_t *cands,
                      size_t ncands, bool gap, uint32_t *out, size_t max)
{
    static const uint8_t order[4] = {DICT_MATCH_EXACT, DICT_MATCH_WORD, MODE_WORD_VERB,
                                     DICT_MATCH_STEM};
    size_t n = 0;
    if (gap && (node >= c->nnodes || !c->node_gap[node]))
        return 0;
    for (int m = 0; m < 4; m++)
        for (size_t i = 0; i < ncands && n < max; i++) {
            if (!mode_accepts(order[m], cands[i].hit) || cands[i].word < 0 ||
                (uint32_t)cands[i].word >= c->nwords ||
                !(c->word_modes[cands[i].word] >> (order[m] + 4 * gap) & 1))
                continue; /* no edge of this word has this mode */
            uint32_t child = edge_find(c, edge_key(node, cands[i].word, gap, order[m]));
            if (child)
                out[n++] = child;
        }
    return n;
}

uint32_t dict_trie_chars(const dict_compiled_t *c, uint32_t node)
{
    return node < c->nnodes ? c->node_chars[node] : 0;
}

bool dict_trie_has_gap(const dict_compiled_t *c, uint32_t node)
{
    return node < c->nnodes && c->node_gap[node];
}

int32_t dict_trie_entry(const dict_compiled_t *c, uint32_t node, int kind)
{
    if (node >= c->nnodes || kind < 0 || kind >= DICT_ENT_KINDS)
        return -1;
    return c->entry[node][kind];
}

int32_t dict_pattern_word(const dict_compiled_t *c, uint32_t verb, uint32_t pattern, uint32_t elem)
{
    return c->pat_words[c->pat_off[c->verb_pat_off[verb] + pattern] + elem];
}

int32_t dict_pattern_key(const dict_compiled_t *c, uint32_t verb, uint32_t pattern,
                         int32_t *synset)
{
    uint32_t i = c->verb_pat_off[verb] + pattern;
    *synset = c->pat_key_syn[i];
    return c->pat_key[i];
}

const uint32_t *dict_verb_order(const dict_compiled_t *c, uint32_t verb, uint32_t *n)
{
    *n = c->verb_pat_off[verb + 1] - c->verb_pat_off[verb];
    return c->verb_order + c->verb_pat_off[verb];
}

const uint32_t *dict_word_synsets(const dict_compiled_t *c, int32_t word, uint32_t *n)
{
    if (word < 0 || (uint32_t)word >= c->nwords) {
        *n = 0;
        return NULL;
    }
    *n = c->wsyn_off[word + 1] - c->wsyn_off[word];
    return c->wsyn + c->wsyn_off[word];
}

bool dict_synset_unkeyed(const dict_compiled_t *c, uint32_t synset)
{
    return c->syn_unkeyed[synset] != 0;
}

int32_t dict_synset_word(const dict_compiled_t *c, uint32_t synset, uint32_t member, uint32_t elem)
{
    return c->syn_words[c->mem_off[c->syn_mem_off[synset] + member] + elem];
}

int32_t dict_word_key(const dict_compiled_t *c, int32_t word)
{
    return word >= 0 && (uint32_t)word < c->nwords ? c->word_key[word] : -1;
}

int32_t dict_key_word(const dict_compiled_t *c, const char *key, size_t len)
{
    char buf[72];
    if (len == 0 || len + 2 > sizeof buf || c->nkey_strs == 0)
        return -1;
    buf[0] = '\x01';
    memcpy(buf + 1, key, len);
    return vocab_find(c, fnv(buf, len + 1), buf, len + 1);
}

bool dict_has_keys(const dict_compiled_t *c)
{
    return c->nkey_strs > 0;
}

bool dict_trie_keyed(const dict_compiled_t *c, uint32_t node)
{
    return node < c->nnodes && c->node_keyed[node];
}

bool dict_trie_has_entry(const dict_compiled_t *c, uint32_t node)
{
    return node < c->nnodes && c->node_entry[node];
}
