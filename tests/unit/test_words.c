/* test_words: the kiosk's French words from locales/fr.po, fallbacks to the English id, and
 * clean failures on a missing or broken PO file. */
#include <string.h>

#include "check.h"
#include "words.h"

#define LOCALES_DIR PV_TEST_DATA "/content/locales"

static void test_french(void)
{
	char err[300] = "";
	struct words *w = words_load(PICTOVOX_LOCALES, "fr", err, sizeof err);
	CHECK(w != NULL);
	if (!w) {
		fprintf(stderr, "  %s\n", err);
		return;
	}
	CHECK_STR(words_lang(w), "fr");
	CHECK(words_count(w) > 20);
	CHECK_STR(words_get(w, "Back"), "Retour");
	CHECK_STR(words_get(w, "Not good"), "Pas bien");
	CHECK_STR(words_get(w, "I don't know"), "Je ne sais pas");
	/* A msgid with an escaped newline matches the C string. */
	CHECK_STR(words_get(w, "Thank you.\nYour answers are saved."),
	          "Merci.\nVos réponses sont enregistrées.");
	/* An unknown id comes back as it is: the same pointer, not a copy. */
	const char *id = "No such message";
	CHECK(words_get(w, id) == id);
	/* The header entry (msgid "") is not a word. */
	CHECK_STR(words_get(w, ""), "");
	words_destroy(w);
}

static void test_empty(void)
{
	struct words *w = words_empty("en");
	CHECK_STR(words_lang(w), "en");
	CHECK_INT(words_count(w), 0);
	CHECK_STR(words_get(w, "Back"), "Back");
	words_destroy(w);
	CHECK_STR(words_get(NULL, "Back"), "Back"); /* content.c passes NULL words */
	words_destroy(NULL);
}

static void test_missing(void)
{
	char err[300] = "";
	struct words *w = words_load(LOCALES_DIR, "xx", err, sizeof err);
	CHECK(w == NULL);
	CHECK(strstr(err, LOCALES_DIR "/xx.po") != NULL);
	CHECK(strstr(err, "no such file") != NULL);
	words_destroy(w);
	/* With no room for a message it still fails cleanly. */
	CHECK(words_load(LOCALES_DIR, "xx", NULL, 0) == NULL);
}

static void test_broken(void)
{
	char err[300] = "";
	struct words *w = words_load(LOCALES_DIR, "broken", err, sizeof err);
	CHECK(w == NULL);
	CHECK(strstr(err, LOCALES_DIR "/broken.po:8:") != NULL);
	CHECK(strstr(err, "syntax error") != NULL);
	if (w || !strstr(err, "broken.po:8:"))
		fprintf(stderr, "  got \"%s\"\n", err);
	words_destroy(w);

	/* A second failure after the jump out of libgettextpo, then a good load: nothing stale. */
	err[0] = '\0';
	CHECK(words_load(LOCALES_DIR, "broken", err, sizeof err) == NULL);
	CHECK(strstr(err, "broken.po:8:") != NULL);
	err[0] = '\0';
	w = words_load(PICTOVOX_LOCALES, "fr", err, sizeof err);
	CHECK(w != NULL);
	CHECK_STR(err, "");
	CHECK_STR(words_get(w, "Back"), "Retour");
	words_destroy(w);
}

int main(void)
{
	test_french();
	test_empty();
	test_missing();
	test_broken();
	return check_done();
}
