/* Splits one sentence into the coder's tokens and folds them for dictionary lookup, TABARI style:
 * hyphens separate words ("al-Assad" == "al Assad"), inner apostrophes and abbreviation periods
 * stay ("didn't", "U.S."), commas are tokens, other punctuation stops phrases. Folding is ASCII
 * lower-casing; other bytes (UTF-8) are kept as they are. Allocation only grows scratch arrays. */
#include <string.h>

#include "code/coder_internal.h"
#include "text/translit.h"

static bool is_word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80;
}

typedef struct special_word {
    const char *w;
    uint8_t sp;
} special_word_t;

static const special_word_t specials[] = {
    {"and", SP_CONJ}, {"but", SP_CONJ}, {"or", SP_CONJ}, {"nor", SP_CONJ},
    {"the", SP_DET}, {"a", SP_DET}, {"an", SP_DET},
    {"he", SP_PRON_FIRST}, {"she", SP_PRON_FIRST}, {"it", SP_PRON_FIRST}, {"him", SP_PRON_FIRST},
    {"its", SP_PRON_PRIOR}, {"his", SP_PRON_PRIOR}, {"her", SP_PRON_PRIOR},
    {"they", SP_PRON_PLURAL}, {"them", SP_PRON_PLURAL}, {"their", SP_PRON_PLURAL},
    {"of", SP_PREP}, {"in", SP_PREP}, {"from", SP_PREP},
    {"was", SP_AUX}, {"were", SP_AUX}, {"been", SP_AUX},
    {"by", SP_BY}, {"former", SP_FORMER},
    {"not", SP_NEG}, {"never", SP_NEG}, {"didn't", SP_NEG}, {"don't", SP_NEG},
    {"doesn't", SP_NEG}, {"won't", SP_NEG}, {"wouldn't", SP_NEG}, {"can't", SP_NEG},
    {"cannot", SP_NEG}, {"hasn't", SP_NEG}, {"haven't", SP_NEG}, {"isn't", SP_NEG},
    {"wasn't", SP_NEG}, {"weren't", SP_NEG},
};

static uint8_t special_of(const char *w, size_t n)
{
    if (n > 8 || n == 0)
        return SP_NONE;
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
        if (specials[i].w[0] == w[0] && !strncmp(specials[i].w, w, n) &&
            specials[i].w[n] == '\0')
            return specials[i].sp;
    return SP_NONE;
}

static int push_tok(coder_t *c, uint32_t start, uint32_t end, uint8_t kind)
{
    if (c->ntok >= CODE_MAX_TOKENS)
        return 1;
    if (coder_grow((void **)&c->tok, &c->cap_tok, c->ntok + 1, sizeof(tok_t)))
        return -1;
    tok_t *t = &c->tok[c->ntok++];
    memset(t, 0, sizeof *t);
    t->start = start;
    t->end = end;
    t->kind = kind;
    t->entry = -1;
    t->unit = -1;
    t->head_of = -1;
    return 0;
}

/* Typographic punctuation in UTF-8 (text normally arrives normalised, but the coder also takes
 * raw text): 1 for a curly apostrophe U+2018/2019, 2 for a dash U+2010..2015 or curly double
 * quote U+201C/201D, 0 otherwise. Each is 3 bytes long. */
static inline int utf8_punct(const char *s, size_t len, size_t j)
{
    if (j >= len || (unsigned char)s[j] != 0xE2) /* the common case, for every byte: inline */
        return 0;
    if (j + 2 >= len || (unsigned char)s[j + 1] != 0x80)
        return 0;
    unsigned char c = (unsigned char)s[j + 2];
    if (c == 0x98 || c == 0x99)
        return 1;
    return (c >= 0x90 && c <= 0x95) || c == 0x9C || c == 0x9D ? 2 : 0;
}

static uint32_t add_cand(dict_cand_t *cand, uint32_t n, int32_t word, uint8_t hit)
{
    for (uint32_t i = 0; i < n; i++)
        if (cand[i].word == word)
            return n;
    if (n < CODE_MAX_CANDS)
        cand[n++] = (dict_cand_t){word, hit};
    return n;
}

/* Adds the transliteration key words of a name-like token (see dict.h): those of its exact
 * candidates, or, when the vocabulary does not know it, its own key ("Moktada" -> "muktada").
 * A trailing possessive is kept out of the key and counted as an ending. */
static uint32_t key_cands(const coder_t *c, const char *f, uint32_t n, bool name_like,
                          dict_cand_t *cand, uint32_t ncand)
{
    /* a lower-case word ("policy", "emirate") takes no name spelling's key */
    if (!name_like || c->opt.exact_names || !dict_has_keys(c->dc))
        return ncand;
    uint32_t exact = ncand;
    for (uint32_t k = 0; k < exact; k++) {
        int32_t kw = dict_word_key(c->dc, cand[k].word);
        if (kw >= 0)
            ncand = add_cand(cand, ncand, kw, cand[k].hit);
    }
    /* a word the dictionaries know in another use ("said", "the") is not read as a name */
    if (exact > 0 || n < DICT_KEY_MIN_LEN || special_of(f, n))
        return ncand;
    uint8_t hit = DICT_HIT_WHOLE;
    if (n > 3 && f[n - 2] == '\'' && f[n - 1] == 's')
        n -= 2, hit = DICT_HIT_ENDING_NOUN;
    else if (f[n - 1] == '\'')
        n -= 1, hit = DICT_HIT_ENDING_NOUN;
    char key[64];
    size_t kn = n < DICT_KEY_MIN_LEN ? 0 : translit_word_key(f, n, 0, key, sizeof key);
    int32_t kw = kn ? dict_key_word(c->dc, key, kn) : -1;
    return kw >= 0 ? add_cand(cand, ncand, kw, hit) : ncand;
}

/* Vocabulary candidates and root trie children of a folded token, through the token cache. */
static void lookup(coder_t *c, tok_t *t, const char *f, uint32_t n, uint8_t name_like)
{
    dict_cand_t *cand = c->cand + c->ncand;
    uint32_t *root = c->roots + c->nroots;
    uint64_t h = 1469598103934665603ULL;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)f[i]) * 1099511628211ULL;
    h ^= name_like;
    token_cache_t *e = n <= CODE_TCACHE_LEN ? &c->tcache[h & (CODE_TCACHE - 1)] : NULL;
    if (e && e->len == n && e->hash == h && e->cap == name_like && !memcmp(e->text, f, n)) {
        memcpy(cand, e->cand, sizeof(dict_cand_t) * e->ncand);
        memcpy(root, e->root, sizeof(uint32_t) * e->nroot);
        t->ncand = e->ncand;
        t->nroot = e->nroot;
        t->special = e->special;
        return;
    }
    t->special = special_of(f, n);
    t->ncand = (uint32_t)dict_lookup_token(c->dc, f, n, cand, CODE_MAX_CANDS);
    t->ncand = key_cands(c, f, n, name_like, cand, t->ncand);
    t->nroot = (uint32_t)dict_trie_next(c->dc, 0, cand, t->ncand, false, root, CODE_MAX_ROOTS);
    if (!e)
        return;
    e->hash = h;
    e->len = (uint8_t)n;
    e->cap = name_like;
    memcpy(e->text, f, n);
    e->ncand = (uint8_t)t->ncand;
    e->nroot = (uint8_t)t->nroot;
    e->special = t->special;
    memcpy(e->cand, cand, sizeof(dict_cand_t) * t->ncand);
    memcpy(e->root, root, sizeof(uint32_t) * t->nroot);
}

/* A capitalised abbreviation the vocabulary does not know as written: "U.K." is looked up
 * without its periods ("uk"); "US" and "U.S." also as "usa" (the bare "us" is a pronoun, so
 * dictionaries list the country as "USA"). "US" is read so only in a sentence with lower-case
 * letters: the pronoun is capitalised whole only in a headline in capitals. */
static void abbreviation_lookup(coder_t *c, tok_t *t, const char *s, uint32_t n)
{
    char f[16];
    uint32_t m = 0;
    bool dots = false;
    if (n >= sizeof f)
        return;
    for (uint32_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            dots = true;
            continue;
        }
        if (s[i] < 'A' || s[i] > 'Z')
            return;
        f[m++] = (char)(s[i] + 32);
    }
    bool us = m == 2 && f[0] == 'u' && f[1] == 's' && (dots || !c->caps_text);
    if (dots && m >= 2 && t->nroot == 0)
        lookup(c, t, f, m, 1);
    if (!us)
        return;
    /* keep what "us" is in longer names ("the US", "US military") and add what "usa" is */
    dict_cand_t *cand = c->cand + c->ncand, kept[CODE_MAX_CANDS];
    uint32_t *root = c->roots + c->nroots, kept_root[CODE_MAX_ROOTS];
    uint32_t nkept = t->ncand, nkept_root = t->nroot;
    memcpy(kept, cand, sizeof(dict_cand_t) * nkept);
    memcpy(kept_root, root, sizeof(uint32_t) * nkept_root);
    lookup(c, t, "usa", 3, 1);
    for (uint32_t k = 0; k < nkept; k++)
        t->ncand = add_cand(cand, t->ncand, kept[k].word, kept[k].hit);
    for (uint32_t k = 0; k < nkept_root && t->nroot < CODE_MAX_ROOTS; k++)
        root[t->nroot++] = kept_root[k];
}

/* Folds a word token and looks up its vocabulary candidates. */
static int fold_word(coder_t *c, tok_t *t)
{
    uint32_t n = t->end - t->start;
    if (coder_grow((void **)&c->fold, &c->cap_fold, c->nfold + n + 3, 1) ||
        coder_grow((void **)&c->cand, &c->cap_cand, c->ncand + CODE_MAX_CANDS, sizeof(dict_cand_t)))
        return -1;
    char *f = c->fold + c->nfold;
    const char *s = c->text + t->start;
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        char ch = s[i];
        if (utf8_punct(s, n, i) == 1) { /* curly apostrophe */
            f[m++] = '\'';
            i += 2;
            continue;
        }
        f[m++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    f[m] = '\0';
    n = m;
    t->fold_off = c->nfold;
    t->fold_len = n;
    c->nfold += n + 1;
    t->cap = s[0] >= 'A' && s[0] <= 'Z';
    if (coder_grow((void **)&c->roots, &c->cap_roots, c->nroots + CODE_MAX_ROOTS,
                   sizeof(uint32_t)))
        return -1;
    t->cand_off = c->ncand;
    t->root_off = c->nroots;
    /* a capitalised word may be a name; a short one opening the sentence, a quotation or a
     * clause ("Here") is taken for an English word: it must follow a word and a blank */
    const tok_t *prev = c->ntok > 1 ? &c->tok[c->ntok - 2] : NULL;
    bool mid = prev && prev->kind == TK_WORD && t->start == prev->end + 1;
    bool name_like = (t->cap || (unsigned char)s[0] >= 0x80) && (mid || n >= DICT_KEY_MIN_TOKEN);
    lookup(c, t, f, n, name_like);
    /* ", while Israel bombed ...": after a comma "while" and "whereas" open a new clause */
    if (prev && prev->kind == TK_COMMA && t->special == SP_NONE &&
        ((n == 5 && !memcmp(f, "while", 5)) || (n == 7 && !memcmp(f, "whereas", 7))))
        t->special = SP_CONJ;
    if (t->cap)
        abbreviation_lookup(c, t, s, t->end - t->start);
    c->nroots += t->nroot;
    for (uint32_t k = 0; k < t->ncand; k++) {
        int32_t w = c->cand[c->ncand + k].word;
        if (w < 0 || (uint32_t)w >= c->nseen || c->seen[w] == c->gen)
            continue;
        c->seen[w] = c->gen;
        uint32_t ns;
        const uint32_t *syn = dict_word_synsets(c->dc, w, &ns);
        for (uint32_t q = 0; q < ns; q++)
            c->syn_key[syn[q]] = c->gen; /* a member of this synset may start here */
    }
    c->ncand += t->ncand;
    return 0;
}

/* End of a word starting at i: letters/digits, inner apostrophes and periods, and a trailing
 * period only for abbreviations that already have an inner period ("U.S."). Commas inside
 * numbers ("50,000") stay in the word. */
static size_t word_end(const char *s, size_t len, size_t i)
{
    size_t j = i;
    bool dot = false;
    while (j < len) {
        unsigned char ch = (unsigned char)s[j];
        int up = utf8_punct(s, len, j);
        if (up == 1 && j > i) { /* a curly apostrophe counts as "'" */
            bool inner = j + 3 < len && is_word_byte((unsigned char)s[j + 3]) &&
                         !utf8_punct(s, len, j + 3);
            if (inner || s[j - 1] == 's' || s[j - 1] == 'S')
                j += 3;
            if (!inner)
                break;
            continue;
        }
        if (up)
            break;
        if (is_word_byte(ch)) {
            j++;
            continue;
        }
        bool next_word = j + 1 < len && is_word_byte((unsigned char)s[j + 1]);
        if ((ch == '\'' || ch == '.') && next_word) {
            dot |= ch == '.';
            j++;
            continue;
        }
        if (ch == ',' && next_word && j > i && s[j - 1] >= '0' && s[j - 1] <= '9' &&
            s[j + 1] >= '0' && s[j + 1] <= '9') {
            j++;
            continue;
        }
        if (ch == '.' && dot) {
            j++;
            break;
        }
        if (ch == '\'' && j > i && (s[j - 1] == 's' || s[j - 1] == 'S')) {
            j++; /* plural possessive: "journalists'" */
            break;
        }
        break;
    }
    return j;
}

/* Marks the Arabic articles a keyed name may pass over: "al"/"el" always, the assimilated forms
 * only when hyphen-joined to a word they assimilate to ("ash-Shaabi"). */
static void mark_articles(coder_t *c)
{
    for (uint32_t i = 0; i + 1 < c->ntok; i++) {
        tok_t *t = &c->tok[i], *next = &c->tok[i + 1];
        if (t->kind != TK_WORD || next->kind != TK_WORD || t->fold_len < 2 || t->fold_len > 3)
            continue;
        const char *f = c->fold + t->fold_off;
        bool plain = t->fold_len == 2 && (f[0] == 'a' || f[0] == 'e' || f[0] == 'u') && f[1] == 'l';
        bool hyphen = t->end < c->len && c->text[t->end] == '-';
        t->article = (plain || hyphen) &&
                     translit_is_article(f, t->fold_len, c->fold + next->fold_off, next->fold_len);
    }
}

int coder_tokenise(coder_t *c, const char *text, size_t len)
{
    c->ntok = 0;
    c->nfold = 0;
    c->ncand = 0;
    c->nroots = 0;
    c->caps_text = true;
    for (size_t k = 0; k < len && c->caps_text; k++)
        c->caps_text = !(text[k] >= 'a' && text[k] <= 'z');
    size_t i = 0;
    while (i < len) {
        unsigned char ch = (unsigned char)text[i];
        int r = 0;
        if (utf8_punct(text, len, i)) {
            i += 3;
            continue;
        }
        if (is_word_byte(ch)) {
            size_t j = word_end(text, len, i);
            r = push_tok(c, (uint32_t)i, (uint32_t)j, TK_WORD);
            if (r == 0 && fold_word(c, &c->tok[c->ntok - 1]))
                return -1;
            i = j;
        } else {
            if (ch == ',')
                r = push_tok(c, (uint32_t)i, (uint32_t)i + 1, TK_COMMA);
            else if (ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '[' || ch == ']')
                r = push_tok(c, (uint32_t)i, (uint32_t)i + 1, TK_STOP);
            i++;
        }
        if (r < 0)
            return -1;
        if (r > 0)
            break;
    }
    if (dict_has_keys(c->dc) && !c->opt.exact_names)
        mark_articles(c);
    return 0;
}
