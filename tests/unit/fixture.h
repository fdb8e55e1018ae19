/* fixture.h: what the core tests share: the test questionnaires, a fake clock, a temp folder. */
#ifndef PV_FIXTURE_H
#define PV_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "session.h"
#include "util.h"
#include "words.h"

struct fake_clock {
	double now;
	char day[11];
};

static inline double fake_now(void *ud)
{
	return ((struct fake_clock *)ud)->now;
}

static inline void fake_today(void *ud, char day[11])
{
	memcpy(day, ((struct fake_clock *)ud)->day, 11);
}

/* The two test questionnaires, with the French words; aborts if they do not load. */
static inline struct content *fixture_content(struct words **words)
{
	*words = words_load(PICTOVOX_LOCALES, "fr", NULL, 0);
	struct diags *d = diags_create();
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	struct content *c = content_load_dir(PV_TEST_DATA "/session", pictos, *words, d);
	free(pictos);
	if (!c) {
		diags_print(d, stderr);
		abort();
	}
	diags_destroy(d);
	return c;
}

/* A fresh temp folder; the caller removes it with fixture_rmdir. */
static inline char *fixture_tmpdir(void)
{
	char tmpl[] = "/tmp/pictovox-test-XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir)
		abort();
	return xstrdup(dir);
}

static inline void fixture_rmdir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

#endif
