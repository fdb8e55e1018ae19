/* fixture.h: what the core tests share: the test questionnaires, a fake clock, a temp folder. */
#ifndef PV_FIXTURE_H
#define PV_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/content.h"
#include "session/session.h"
#include "base/util.h"
#include "i18n/i18n.h"

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

/* The kiosk's languages and their compiled catalogs (built with the tests); aborts if the
 * language list does not load. */
static inline struct i18n *fixture_i18n(void)
{
	struct diags *d = diags_create();
	struct i18n *L = i18n_load(PICTOVOX_LOCALES "/languages.yaml", PICTOVOX_MODIR, d);
	if (!L || diags_warnings(d)) {
		diags_print(d, stderr);
		abort();
	}
	diags_destroy(d);
	return L;
}

/* The two test questionnaires; aborts if they do not load. */
static inline struct content *fixture_content(void)
{
	struct diags *d = diags_create();
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	struct content *c = content_load_dir(PV_TEST_DATA "/session", pictos, d);
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
