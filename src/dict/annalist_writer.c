/* The annalist-format writer (see annalist_writer.h). Phrases are written back from the model's
 * elements: words with '_' between adjacent ones, the pattern tokens * $ + % ^ and &SET. A name
 * whose last word is a stem (TABARI's default: "IRAQ" also matches "Iraqi") keeps that with a
 * trailing '*'. Actor ids are made from the first name, made unique with a number. */
#include "dict/annalist_writer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* After a pattern word: how it matches and whether the next element must follow at once, in
 * TABARI's notation ('_' whole word, '=' exact, '~' a stem joined to the next word). */
static const char *pattern_word_end(const dict_elem_t *e, int last)
{
    bool stem = e->match == DICT_MATCH_STEM;
    if (last)
        return e->match == DICT_MATCH_WORD ? "_" : e->match == DICT_MATCH_EXACT ? "=" : stem ? "~" : "";
    if (e->adjacent) return stem ? "~" : "_";
    return e->match == DICT_MATCH_WORD ? "_ " : e->match == DICT_MATCH_EXACT ? "= " : stem ? "~ " : " ";
}

static void write_phrase(FILE *fp, const dict_t *d, const dict_phrase_t *p, int name)
{
    for (uint32_t i = 0; i < p->n; i++) {
        const dict_elem_t *e = &p->elems[i];
        int last = i + 1 == p->n;
        if (e->kind == DICT_EL_WORD && !name) {
            fputs(e->word, fp);
            fputs(pattern_word_end(e, last), fp);
            continue;
        }
        switch (e->kind) {
        case DICT_EL_WORD:
            fputs(e->word, fp);
            if (last && e->match == DICT_MATCH_STEM) fputc('*', fp);
            break;
        case DICT_EL_VERB: fputc('*', fp); break;
        case DICT_EL_SOURCE: fputc('$', fp); break;
        case DICT_EL_TARGET: fputc('+', fp); break;
        case DICT_EL_COMPOUND: fputc('%', fp); break;
        case DICT_EL_SKIP: fputc('^', fp); break;
        case DICT_EL_SYNSET: fprintf(fp, "&%s", d->synsets[e->synset].name); break;
        default: continue; /* PETRARCH groups: the sequence is what the coder uses */
        }
        if (!last) fputc(!name && e->adjacent ? '_' : ' ', fp);
    }
}

static void write_date(FILE *fp, int32_t day, int32_t open)
{
    if (day != open) fprintf(fp, "%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
}

static void write_event_code(FILE *fp, const dict_event_code_t *c)
{
    if (c->flags & DICT_EV_DISCARD) fputs("###", fp);
    else if (c->flags & DICT_EV_COMPLEX) fputs("+++", fp);
    else if (!c->code && !c->pair) fputs("---", fp);
    else {
        if (c->code) fputs(c->code, fp);
        if (c->pair) fprintf(fp, ":%s", c->pair);
        if (c->flags & DICT_EV_SUBORDINATE) fputc('?', fp);
        if (c->flags & DICT_EV_DOMINANT) fputc('!', fp);
    }
}

/* Ids already written, so that a second "AL_GORE" becomes "AL_GORE_2": open addressing over
 * FNV-1a hashes; the strings are owned here. */
typedef struct id_set {
    char **slots;
    size_t size, used;
} id_set_t;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Adds id; returns 1 when added, 0 when it was there, -1 on no memory. */
static int id_set_add(id_set_t *set, const char *id)
{
    if (2 * (set->used + 1) > set->size) {
        size_t size = set->size ? set->size * 2 : 1024;
        char **slots = calloc(size, sizeof *slots);
        if (!slots) return -1;
        for (size_t i = 0; i < set->size; i++)
            if (set->slots[i]) {
                size_t j = fnv1a(set->slots[i]) & (size - 1);
                while (slots[j]) j = (j + 1) & (size - 1);
                slots[j] = set->slots[i];
            }
        free(set->slots);
        set->slots = slots;
        set->size = size;
    }
    size_t j = fnv1a(id) & (set->size - 1);
    for (; set->slots[j]; j = (j + 1) & (set->size - 1))
        if (strcmp(set->slots[j], id) == 0) return 0;
    if (!(set->slots[j] = strdup(id))) return -1;
    set->used++;
    return 1;
}

static void id_set_free(id_set_t *set)
{
    for (size_t i = 0; i < set->size; i++) free(set->slots[i]);
    free(set->slots);
}

/* An id from the first name: letters and digits upper-cased, other runs as '_'. */
static void make_id(const dict_phrase_t *name, unsigned long n, char *out, size_t cap)
{
    size_t o = 0;
    for (uint32_t i = 0; name && i < name->n && o + 2 < cap; i++) {
        const char *w = name->elems[i].word;
        if (!w) continue;
        if (o && out[o - 1] != '_') out[o++] = '_';
        for (; *w && o + 2 < cap; w++)
            if (isalnum((unsigned char)*w)) out[o++] = (char)toupper((unsigned char)*w);
    }
    if (o == 0) o = (size_t)snprintf(out, cap, "ACTOR");
    out[o] = '\0';
    if (n) snprintf(out + o, cap - o, "_%lu", n + 1);
}

static int write_actor(FILE *fp, const dict_t *d, uint32_t index, id_set_t *ids,
                       dict_write_counts_t *c)
{
    const dict_actor_t *a = &d->actors[index];
    if (!a->nnames) return 0;
    char id[112];
    int added = 0;
    for (unsigned long n = 0; added == 0; n++) {
        if (a->id && n == 0) snprintf(id, sizeof id, "%s", a->id);
        else make_id(&a->names[0], n, id, sizeof id);
        if ((added = id_set_add(ids, id)) < 0) return -1;
        if (a->id && added == 0) return 0; /* a capital or a merged block: written already */
    }
    fprintf(fp, "%s: ", id);
    write_phrase(fp, d, &a->names[0], 1);
    fputc('\n', fp);
    if (a->nnames > 1) {
        fputs("    alias: ", fp);
        for (uint32_t i = 1; i < a->nnames; i++) {
            if (i > 1) fputs("; ", fp);
            write_phrase(fp, d, &a->names[i], 1);
        }
        fputc('\n', fp);
    }
    int undated = 0;
    for (uint32_t i = 0; i < a->ncodes; i++) {
        const dict_actor_code_t *code = &a->codes[i];
        if (!code->restricted && undated++) {
            fprintf(fp, "    # not kept: a second undated code %s\n", code->code);
            c->skipped++;
            continue;
        }
        fprintf(fp, "    code: %s", code->code);
        if (code->restricted) {
            fputc(' ', fp);
            write_date(fp, code->from, DICT_DATE_MIN);
            fputs("..", fp);
            write_date(fp, code->to, DICT_DATE_MAX);
        }
        fputc('\n', fp);
    }
    c->actors++;
    return 0;
}

static void write_verbs(FILE *fp, const dict_t *d, dict_write_counts_t *c)
{
    for (uint32_t s = 0; s < d->nsynsets; s++) {
        const dict_synset_t *set = &d->synsets[s];
        fprintf(fp, "set: %s: ", set->name);
        for (uint32_t m = 0; m < set->nmembers; m++) {
            if (m) fputs("; ", fp);
            write_phrase(fp, d, &set->members[m], 0);
        }
        fputc('\n', fp);
        c->sets++;
    }
    for (uint32_t v = 0; v < d->nverbs; v++) {
        const dict_verb_t *verb = &d->verbs[v];
        fputs("verb: ", fp);
        for (uint32_t f = 0; f < verb->nforms; f++) {
            if (f) fputs("; ", fp);
            write_phrase(fp, d, &verb->forms[f], 1);
        }
        if (!verb->nforms) fputs(verb->text, fp);
        fputs("\n    default: ", fp);
        write_event_code(fp, &verb->code);
        fputc('\n', fp);
        for (uint32_t p = 0; p < verb->npatterns; p++) {
            fputs("    ", fp);
            write_event_code(fp, &verb->patterns[p].code);
            fputs(": ", fp);
            write_phrase(fp, d, &verb->patterns[p].phrase, 0);
            fputc('\n', fp);
            c->patterns++;
        }
        c->verbs++;
    }
}

int dict_write_annalist(const dict_t *d, const char *source, FILE *actors, FILE *agents,
                        FILE *verbs, dict_write_counts_t *counts)
{
    dict_write_counts_t c = {0};
    fprintf(actors, "# format: annalist-actors 1\n# converted by annalist dict convert from %s\n",
            source);
    id_set_t ids = {0};
    int rc = 0;
    for (uint32_t i = 0; i < d->nactors && rc == 0; i++) rc = write_actor(actors, d, i, &ids, &c);
    id_set_free(&ids);
    if (rc != 0) return -1;
    fprintf(agents, "# format: annalist-agents 1\n# converted by annalist dict convert from %s\n",
            source);
    for (uint32_t i = 0; i < d->nagents; i++) {
        const dict_agent_t *a = &d->agents[i];
        if (!a->suffix) { /* "NGO~" style: the format has no place for it */
            fputs("# not kept (prefix agent): ", agents);
            write_phrase(agents, d, &a->name, 1);
            fprintf(agents, " [%s~]\n", a->code);
            c.skipped++;
            continue;
        }
        fprintf(agents, "%s: ", a->code);
        write_phrase(agents, d, &a->name, 1);
        fputc('\n', agents);
        c.agents++;
    }
    fprintf(verbs, "# format: annalist-verbs 1\n# converted by annalist dict convert from %s\n",
            source);
    write_verbs(verbs, d, &c);
    c.skipped += d->ndiscards + d->ntimes;
    if (counts) *counts = c;
    return ferror(actors) || ferror(agents) || ferror(verbs) ? -1 : 0;
}
