/* Shared by the unit tests that code text with dictionaries written for the test: a scratch
 * folder holding the given files, the dictionaries loaded from it (strictly: a bad line fails
 * the setup) and a coder over them. Header-only; each test binary is one .c file. */
#ifndef ANNALIST_TEST_CODER_FIXTURE_H
#define ANNALIST_TEST_CODER_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "annalist.h"

typedef struct fixture_file {
    const char *name, *text;
} fixture_file_t;

typedef struct coder_fixture {
    char dir[64];
    annalist_dicts *dicts;
    annalist_coder *coder;
} coder_fixture_t;

static inline int fixture_write(const char *dir, const char *name, const char *text)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp) return -1;
    fputs(text, fp);
    return fclose(fp);
}

static inline void coder_fixture_free(coder_fixture_t *f)
{
    if (!f) return;
    annalist_coder_free(f->coder);
    annalist_dicts_free(f->dicts);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    if (f->dir[0] && system(cmd) != 0) fprintf(stderr, "could not remove %s\n", f->dir);
    free(f);
}

/* Writes files[0..n) into a new folder /tmp/annalist-TAG-XXXXXX and loads the dictionaries:
 * the files named in dicts (all of the folder when dicts is NULL), with the gazetteer file
 * `places` (none when NULL). NULL on any failure, with the reason on stderr. */
static inline coder_fixture_t *coder_fixture_new(const char *tag, const fixture_file_t *files,
                                                 size_t n, const char *const *dicts,
                                                 size_t ndicts, const char *places)
{
    coder_fixture_t *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    snprintf(f->dir, sizeof f->dir, "/tmp/annalist-%s-XXXXXX", tag);
    if (!mkdtemp(f->dir)) {
        f->dir[0] = '\0';
        coder_fixture_free(f);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (fixture_write(f->dir, files[i].name, files[i].text) != 0) {
            coder_fixture_free(f);
            return NULL;
        }
    char paths[8][160], places_path[160] = "";
    const char *list[8] = {f->dir};
    size_t npaths = 1;
    if (dicts) {
        for (npaths = 0; npaths < ndicts && npaths < 8; npaths++) {
            snprintf(paths[npaths], sizeof paths[0], "%s/%s", f->dir, dicts[npaths]);
            list[npaths] = paths[npaths];
        }
    }
    if (places) snprintf(places_path, sizeof places_path, "%s/%s", f->dir, places);
    annalist_dict_options opt = {.strict = 1, .places = places_path};
    char *err = NULL;
    if (annalist_dicts_load(list, npaths, &opt, &f->dicts, &err) != ANNALIST_OK) {
        fprintf(stderr, "%s\n", err ? err : "cannot load the test dictionaries");
        free(err);
        coder_fixture_free(f);
        return NULL;
    }
    f->coder = annalist_coder_new(f->dicts);
    if (!f->coder) {
        coder_fixture_free(f);
        return NULL;
    }
    return f;
}

#endif
