/* test_i18n: the language list, compiled catalogs, the fallback to French, PO files as `check`
 * reads them, and the template written from the kiosk's words and the questionnaires. */
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "i18n/i18n.h"
#include "i18n/l10n.h"
#include "i18n/pofile.h"

#define DATA PV_TEST_DATA "/i18n"

static struct i18n *load_fixture(struct diags *d)
{
	return i18n_load(DATA "/languages.yaml", PV_TEST_MODIR, d);
}

static void test_fallback(void)
{
	struct diags *d = diags_create();
	struct i18n *L = load_fixture(d);
	CHECK(L != NULL);
	if (!L)
		return;
	/* yy's catalog is not a catalog: a warning naming it, and yy falls back to French. */
	CHECK_INT(diags_errors(d), 0);
	CHECK_INT(diags_warnings(d), 1);
	CHECK(diags_count(d) == 1 && strstr(diags_get(d, 0)->file, "yy.mo") != NULL);
	CHECK(diags_count(d) == 1 && strstr(diags_get(d, 0)->message, "not a compiled gettext catalog") != NULL);
	CHECK_INT(i18n_count(L), 3);
	CHECK_STR(i18n_lang(L, 1)->code, "xx");
	CHECK(i18n_find(L, "xx")->rtl && !i18n_find(L, "fr")->rtl);
	CHECK_STR(i18n_find(L, "xx")->script, "Arab");
	CHECK(i18n_find(L, "zz") == NULL);
	CHECK_INT(i18n_index(L, "yy"), 2);

	struct tstr t = i18n_ui(L, "xx", UI_BACK); /* translated */
	CHECK_STR(t.text, "رجوع");
	CHECK_STR(t.lang, "xx");
	t = i18n_ui(L, "xx", UI_CONFIRM); /* fuzzy: French, and said with the French voice */
	CHECK_STR(t.text, "Valider");
	CHECK_STR(t.lang, "fr");
	t = i18n_ui(L, "xx", UI_THANKS); /* missing in xx */
	CHECK_STR(t.text, "Merci.\nVos réponses sont enregistrées.");
	CHECK_STR(t.lang, "fr");
	t = i18n_ui(L, "xx", UI_LOUDER); /* missing in French too: the English source */
	CHECK_STR(t.text, "Louder");
	CHECK_STR(t.lang, "en");
	/* Content: a translation of an older wording is not shown for the new one. */
	t = i18n_get(L, "xx", "q.hello", "Bonjour.", "fr");
	CHECK_STR(t.text, "Bonjour.");
	CHECK_STR(t.lang, "fr");
	t = i18n_get(L, "xx", "q.hello", "Salut.", "fr");
	CHECK_STR(t.text, "مرحبا.");
	t = i18n_get(L, "yy", "ui.back", "Back", "en"); /* broken catalog */
	CHECK_STR(t.text, "Retour");
	t = i18n_get(L, "zz", "ui.back", "Back", "en"); /* unknown language */
	CHECK_STR(t.text, "Retour");
	t = i18n_get(NULL, "xx", "ui.back", "Back", "en"); /* no languages at all */
	CHECK_STR(t.text, "Back");
	CHECK_STR(t.lang, "en");
	CHECK_INT(i18n_catalog_size(L, "xx"), 3); /* the header, ui.back, q.hello */
	i18n_destroy(L);
	diags_destroy(d);
}

static void test_bad_lists(void)
{
	static const struct {
		const char *yaml, *want;
		int line;
	} rows[] = {
		{ "languages:\n  - { code: fr, name: F, voice: fr, script: Latn }\n"
		  "  - { code: fr, name: G, voice: fr, script: Latn }\n",
		  "language 'fr' is listed twice", 3 },
		{ "languages:\n  - { code: ar, name: A, voice: ar, script: Arab, direction: left }\n",
		  "direction is ltr or rtl, not 'left'", 2 },
		{ "languages:\n  - { code: FR, name: F, voice: fr, script: Latn }\n", "is not a language code", 2 },
		{ "languages:\n  - { code: fr, name: F, voice: fr, script: Latin }\n", "is not an ISO 15924 script", 2 },
		{ "languages:\n  - { code: fr, name: F, script: Latn }\n", "voice", 2 },
		{ "languages: []\n", "no language listed", 0 },
		{ "languages:\n  - { code: fr, name: F, voice: fr, script: Latn, font: x }\n", "font", 2 },
	};
	char *dir = fixture_tmpdir();
	char *path = path_join(dir, "languages.yaml");
	for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++) {
		FILE *f = fopen(path, "w");
		fputs(rows[i].yaml, f);
		fclose(f);
		struct diags *d = diags_create();
		struct i18n *L = i18n_load(path, dir, d);
		CHECK(L == NULL);
		bool found = false;
		for (size_t k = 0; k < diags_count(d); k++) {
			const struct diag *g = diags_get(d, k);
			found |= g->severity == DIAG_ERROR && strstr(g->message, rows[i].want) && g->line == rows[i].line;
		}
		CHECK(found);
		if (!found) {
			fprintf(stderr, "  row %zu: want \"%s\" at line %d, got:\n", i, rows[i].want, rows[i].line);
			diags_print(d, stderr);
		}
		i18n_destroy(L);
		diags_destroy(d);
	}
	free(path);
	fixture_rmdir(dir);
}

/* Writes a language list of n languages (la, lb, ...) to path. */
static void write_langs(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fputs("languages:\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "  - { code: l%c, name: L, voice: fr, script: Latn }\n", 'a' + i);
	fclose(f);
}

/* As many languages as the grid shows load; one more is refused where it is listed. */
static void test_too_many(void)
{
	char *dir = fixture_tmpdir();
	char *path = path_join(dir, "languages.yaml");
	write_langs(path, I18N_MAX_LANGUAGES);
	struct diags *d = diags_create();
	struct i18n *L = i18n_load(path, NULL, d);
	CHECK(L && i18n_count(L) == I18N_MAX_LANGUAGES);
	i18n_destroy(L);
	diags_destroy(d);

	write_langs(path, I18N_MAX_LANGUAGES + 1);
	d = diags_create();
	L = i18n_load(path, NULL, d);
	CHECK(L == NULL);
	CHECK_INT(diags_errors(d), 1);
	const struct diag *g = diags_get(d, 0);
	CHECK(g && str_eq(g->file, path) && g->line == I18N_MAX_LANGUAGES + 2 && g->col == 5);
	CHECK(g && strstr(g->message, "at most 16 languages"));
	if (!g || g->line != I18N_MAX_LANGUAGES + 2)
		diags_print(d, stderr);
	i18n_destroy(L);
	diags_destroy(d);
	free(path);
	fixture_rmdir(dir);
}

/* The kiosk's own languages: each catalog is there and has every one of the kiosk's words. */
static void test_bundled(void)
{
	struct i18n *L = fixture_i18n();
	CHECK(i18n_count(L) >= 12);
	static const char *const want[] = { "fr", "en", "ar", "fa", "ro", "sq", "ka", "ru", "uk", "bn", "tr", "es" };
	for (size_t i = 0; i < PV_ARRAY_LEN(want); i++) {
		const struct lang_info *li = i18n_find(L, want[i]);
		CHECK(li != NULL);
		if (!li)
			continue;
		CHECK(*li->name && *li->voice);
		CHECK(li->rtl == (!strcmp(want[i], "ar") || !strcmp(want[i], "fa")));
		for (int t = 0; t < UI_COUNT; t++) {
			struct tstr s = i18n_ui(L, want[i], (enum ui_text)t);
			if (!str_eq(s.lang, want[i])) {
				CHECK(false);
				fprintf(stderr, "  %s: %s is not translated\n", want[i], ui_texts[t].key);
			}
		}
	}
	CHECK_STR(i18n_ui(L, "fr", UI_BACK).text, "Retour");
	CHECK_STR(i18n_ui(L, "fr", UI_I_SPEAK).text, "Je parle français.");
	i18n_destroy(L);
}

static void test_pofile(void)
{
	char err[300] = "";
	struct pofile *po = pofile_read(DATA "/xx.po", err, sizeof err);
	CHECK(po != NULL);
	if (po) {
		CHECK_INT(pofile_count(po), 3);
		CHECK_STR(pofile_translation(po, "ui.back", "Back"), "رجوع");
		CHECK(pofile_translation(po, "ui.confirm", "Confirm") == NULL); /* fuzzy */
		CHECK(pofile_find(po, "ui.confirm", "Confirm")->fuzzy);
		CHECK(pofile_translation(po, "ui.back", "Other") == NULL);
		char *lang = pofile_header_field(po, "Language");
		CHECK_STR(lang, "xx");
		free(lang);
		CHECK(pofile_header_field(po, "X-Nothing") == NULL);
	}
	pofile_destroy(po);
	/* A broken file: its name and line; twice, after libgettextpo's jump out; then a good one. */
	for (int i = 0; i < 2; i++) {
		err[0] = '\0';
		CHECK(pofile_read(PV_TEST_DATA "/content/locales/broken.po", err, sizeof err) == NULL);
		CHECK(strstr(err, "broken.po:8:") != NULL);
	}
	CHECK(pofile_read(DATA "/none.po", err, sizeof err) == NULL);
	CHECK(strstr(err, "none.po: no such file") != NULL);
	po = pofile_read(DATA "/fr.po", err, sizeof err);
	CHECK(po && pofile_translation(po, "ui.thanks", "Thank you.\nYour answers are saved."));
	pofile_destroy(po);
}

/* The template lists the kiosk's words and each questionnaire's texts with their keys, and
 * reads back as a PO file; a PO file's coverage counts what msgfmt keeps. */
static void test_template(void)
{
	struct content *c = fixture_content();
	struct l10n_string *s;
	size_t n = l10n_strings(c, &s);
	CHECK(n > UI_COUNT + 10);
	CHECK_STR(s[0].key, "ui.start");
	CHECK_STR(s[UI_COUNT].source, "fr");
	char *dir = fixture_tmpdir();
	char *path = path_join(dir, "t.pot");
	FILE *f = fopen(path, "w");
	l10n_write_pot(f, s, n);
	fclose(f);
	char err[300] = "";
	struct pofile *po = pofile_read(path, err, sizeof err);
	CHECK(po != NULL);
	if (!po)
		fprintf(stderr, "  %s\n", err);
	for (size_t i = 0; po && i < n; i++) {
		const struct pofile_entry *e = pofile_find(po, s[i].key, s[i].msgid);
		CHECK(e != NULL && *e->msgstr == '\0');
	}
	CHECK(po && pofile_count(po) == n);
	CHECK_INT(l10n_translated(po, s, n, NULL, NULL), 0);
	pofile_destroy(po);
	po = pofile_read(PICTOVOX_LOCALES "/fr.po", err, sizeof err);
	size_t ui_done = l10n_translated(po, s, UI_COUNT, NULL, NULL);
	CHECK_INT(ui_done, UI_COUNT);
	pofile_destroy(po);
	free(s);
	content_destroy(c);
	free(path);
	fixture_rmdir(dir);
}

int main(void)
{
	test_fallback();
	test_bad_lists();
	test_too_many();
	test_bundled();
	test_pofile();
	test_template();
	return check_done();
}
