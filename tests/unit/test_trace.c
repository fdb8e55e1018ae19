/* test_trace: the --trace file (session/trace.h), written to a temp file and read back line by
 * line with cJSON: every line is one JSON object, in valid UTF-8, with the fields README.md
 * documents (each screen with its targets, speech with its language, words, answers, session
 * ends); a personal code never appears in it; it appends; a path it cannot open is named.
 *
 * Run with the argument "long-text" it checks only that a screen's text_spoken is written
 * whole however long the screen's speech is (registered as test_trace_long_text). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "session/trace.h"

/* Secrets that must never reach the trace: the pictograms of a personal code (their ids and
 * the names of their targets) and the pseudonym made from it. */
#define SECRET_PICTO_1 "code-horse"
#define SECRET_PICTO_2 "code-umbrella"
#define PSEUDONYM "5eed0fc0ffee5eed0fc0ffee5eed0fc0"

struct lines {
	cJSON *item[64];
	size_t n;
	char *raw; /* the whole file */
};

static bool valid_utf8(const char *s, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "UTF-8");
	if (cd == (iconv_t)-1)
		abort();
	char *in = (char *)s, out[512];
	size_t left = len;
	bool ok = true;
	while (left && ok) {
		char *o = out;
		size_t room = sizeof out;
		if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 && errno != E2BIG)
			ok = false;
	}
	iconv_close(cd);
	return ok;
}

/* Reads path: each line must be a JSON object, in valid UTF-8, ending with a newline. */
static void read_lines(const char *path, struct lines *L)
{
	memset(L, 0, sizeof *L);
	char err[256];
	size_t len = 0;
	L->raw = (char *)file_read_all(path, 1u << 20, &len, err, sizeof err);
	CHECK(L->raw != NULL);
	if (!L->raw) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK(len > 0 && L->raw[len - 1] == '\n');
	for (char *p = L->raw, *nl; p < L->raw + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(L->raw + len - p));
		if (!nl)
			nl = L->raw + len;
		size_t n = (size_t)(nl - p);
		CHECK(valid_utf8(p, n));
		const char *end = NULL;
		cJSON *j = cJSON_ParseWithLengthOpts(p, n, &end, false);
		CHECK(j != NULL && cJSON_IsObject(j));
		CHECK(end == p + n); /* one object per line, nothing after it */
		if (!j || L->n == PV_ARRAY_LEN(L->item)) {
			fprintf(stderr, "line %zu: %.*s\n", L->n + 1, (int)n, p);
			cJSON_Delete(j);
			continue;
		}
		L->item[L->n++] = j;
	}
}

static void free_lines(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++)
		cJSON_Delete(L->item[i]);
	free(L->raw);
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool is_null(const cJSON *o, const char *key)
{
	return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, key));
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : -12345;
}

static int boolean(const cJSON *o, const char *key) /* 1, 0, or -1 when not a boolean */
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : -1;
}

/* Where each target is, as the layout would say: trace_screen takes them beside the screen. */
static struct rect rects[SCREEN_MAX_TARGETS];

static struct target *add_target(struct screen *sc, const char *id, enum target_role role, const char *label,
                                 struct rect r)
{
	struct target *g = &sc->targets[sc->ntargets++];
	memset(g, 0, sizeof *g);
	snprintf(g->id, sizeof g->id, "%s", id);
	g->role = role;
	g->label = label;
	g->lang = label ? "fr" : NULL;
	g->enabled = true;
	rects[sc->ntargets - 1] = r;
	return g;
}

static void say(struct screen *sc, const char *text, int target)
{
	sc->utter[sc->nutter++] = (struct utterance){ text, "fr", NULL, target, -1 };
}

/* A question screen with what every field can hold: quotes, a newline, a tab, a NULL label. */
static void question_screen(struct screen *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->kind = SCREEN_QUESTION;
	sc->questionnaire = "checkin-weekly";
	sc->question = "feeling";
	sc->text = "Comment allez-vous\n\"cette\" semaine ?";
	sc->problem = "Touchez d'abord une réponse.";
	sc->volume = 6;
	sc->volume_max = 10;
	sc->lang = "fr";
	sc->larger = true;
	struct target *g = add_target(sc, "choice:good", ROLE_CHOICE, "Bien\tvraiment", (struct rect){ 10, 20, 300, 200 });
	g->selected = true;
	add_target(sc, "refuse", ROLE_REFUSE, "Je préfère ne pas répondre", (struct rect){ 10, 240, 300, 80 });
	g = add_target(sc, "confirm", ROLE_CONFIRM, NULL, (struct rect){ 1100, 700, 160, 90 });
	g->enabled = false;
	say(sc, sc->text, -1);
	say(sc, "Bien\tvraiment", 0);
	say(sc, "Je préfère ne pas répondre", 1);
}

/* The code screen with two of four places filled, then the result with all four. */
static void code_screen(struct screen *sc, bool result)
{
	memset(sc, 0, sizeof *sc);
	sc->kind = result ? SCREEN_CODE_RESULT : SCREEN_CODE;
	sc->text = result ? "C'est un nouveau code." : "Touchez quatre images.";
	sc->volume = 6;
	sc->lang = "fr";
	sc->nrow = 4;
	sc->row[0] = SECRET_PICTO_1;
	sc->row[1] = SECRET_PICTO_2;
	if (result) {
		sc->row[2] = SECRET_PICTO_1;
		sc->row[3] = SECRET_PICTO_2;
	}
	say(sc, sc->text, -1);
	add_target(sc, "confirm", ROLE_CONFIRM, "Valider", (struct rect){ 1, 2, 3, 4 });
}

/* The faces of the last weeks: a row that is not a secret, with a NULL place. */
static void mood_screen(struct screen *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->kind = SCREEN_MOOD;
	sc->text = "Vos dernières semaines";
	sc->lang = "ar";
	sc->rtl = true;
	sc->nrow = 3;
	sc->row[0] = "face-2";
	sc->row[2] = "face-4";
	sc->chart.n = 2;
	sc->chart.picto[0] = "listen";
	sc->chart.picto[1] = "explain";
	sc->chart.first[0] = 1;
	sc->chart.latest[0] = 3;
	sc->chart.latest[1] = 2;
	sc->chart.max = 4;
	sc->chart.has_first = true;
}

static void check_screen_line(const cJSON *o)
{
	CHECK_STR(str(o, "event"), "screen");
	CHECK_STR(str(o, "kind"), "question");
	CHECK_STR(str(o, "questionnaire"), "checkin-weekly");
	CHECK_STR(str(o, "question"), "feeling");
	CHECK_STR(str(o, "text_shown"), "Comment allez-vous\n\"cette\" semaine ?");
	/* newlines (the tab is kept) become spaces in what is spoken, joined by spaces */
	CHECK_STR(str(o, "text_spoken"),
	          "Comment allez-vous \"cette\" semaine ? Bien\tvraiment Je préfère ne pas répondre");
	CHECK_STR(str(o, "problem"), "Touchez d'abord une réponse.");
	CHECK(cJSON_GetObjectItemCaseSensitive(o, "detail") == NULL); /* only on admin screens */
	CHECK_INT(num(o, "volume"), 6);
	CHECK_STR(str(o, "lang"), "fr");
	CHECK_INT(boolean(o, "rtl"), 0);
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(o, "settings");
	CHECK(cJSON_IsObject(set));
	CHECK_INT(boolean(set, "slower"), 0);
	CHECK_INT(boolean(set, "larger"), 1);
	CHECK_INT(boolean(set, "contrast"), 0);
	CHECK_INT(num(o, "width"), 1280);
	CHECK_INT(num(o, "height"), 800);
	CHECK(cJSON_GetObjectItemCaseSensitive(o, "row") == NULL);
	CHECK(cJSON_GetObjectItemCaseSensitive(o, "chart") == NULL);
	const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "targets");
	CHECK(cJSON_IsArray(ts));
	CHECK_INT(cJSON_GetArraySize(ts), 3);
	static const struct {
		const char *id, *role, *label, *lang;
		int selected, enabled, rect[4];
	} want[] = {
		{ "choice:good", "choice", "Bien\tvraiment", "fr", 1, 1, { 10, 20, 300, 200 } },
		{ "refuse", "refuse", "Je préfère ne pas répondre", "fr", 0, 1, { 10, 240, 300, 80 } },
		{ "confirm", "confirm", NULL, NULL, 0, 0, { 1100, 700, 160, 90 } },
	};
	for (int i = 0; i < 3 && i < cJSON_GetArraySize(ts); i++) {
		const cJSON *g = cJSON_GetArrayItem(ts, i);
		CHECK_STR(str(g, "id"), want[i].id);
		CHECK_STR(str(g, "role"), want[i].role);
		if (want[i].label) {
			CHECK_STR(str(g, "label"), want[i].label);
			CHECK_STR(str(g, "lang"), want[i].lang);
		} else {
			CHECK(is_null(g, "label"));
			CHECK(is_null(g, "lang"));
		}
		CHECK_INT(boolean(g, "selected"), want[i].selected);
		CHECK_INT(boolean(g, "enabled"), want[i].enabled);
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(g, "rect");
		CHECK(cJSON_IsArray(r) && cJSON_GetArraySize(r) == 4);
		for (int k = 0; k < 4 && cJSON_IsArray(r); k++)
			CHECK_INT(cJSON_GetArrayItem(r, k) ? cJSON_GetArrayItem(r, k)->valuedouble : -1, want[i].rect[k]);
	}
}

/* row as a string: "[?,?,null,null]" */
static void row_text(const cJSON *o, char *out, size_t n)
{
	const cJSON *row = cJSON_GetObjectItemCaseSensitive(o, "row");
	size_t used = (size_t)snprintf(out, n, "[");
	const cJSON *v;
	cJSON_ArrayForEach(v, row) {
		if (used < n)
			used += (size_t)snprintf(out + used, n - used, "%s%s", v == row->child ? "" : ",",
			                         cJSON_IsString(v) ? v->valuestring : cJSON_IsNull(v) ? "null" : "?!");
	}
	if (used < n)
		snprintf(out + used, n - used, "]");
}

static void test_lines(const char *dir)
{
	char *path = path_join(dir, "trace.jsonl");
	char err[512] = "";
	struct trace *t = trace_open(path, err, sizeof err);
	CHECK(t != NULL);
	if (!t) {
		fprintf(stderr, "%s\n", err);
		free(path);
		return;
	}
	struct screen sc;
	question_screen(&sc);
	trace_screen(t, &sc, rects, 1280, 800);
	trace_speech(t, true, "Bien\tvraiment", "choice:good", "fr");
	trace_speech(t, false, NULL, NULL, NULL); /* the end of something cut off */
	trace_word(t, "Bonjour le monde", 8, 2, NULL);
	trace_word(t, "Je préfère ne pas répondre", 3, 9, "refuse"); /* "préfère": 9 bytes */

	struct store_session ss;
	store_session_init(&ss, "checkin-weekly", 1, "fr", "2026-11-23");
	snprintf(ss.id, sizeof ss.id, "%s", "00112233445566778899aabbccddeeff");
	snprintf(ss.person, sizeof ss.person, "%s", PSEUDONYM);
	ss.saved = true;
	const char *values[] = { "3", "a \"quoted\" value" };
	trace_answer(t, &ss, "feeling", false, values, 2);
	trace_answer(t, &ss, "internship", true, values, 0); /* a refusal, as the session gives it */

	code_screen(&sc, false);
	trace_screen(t, &sc, rects, 800, 480);
	code_screen(&sc, true);
	trace_screen(t, &sc, rects, 800, 480);
	mood_screen(&sc);
	trace_screen(t, &sc, rects, 800, 480);
	trace_session_end(t, &ss, "idle");
	trace_event(t, "admin", "opened");
	trace_close(t);

	/* Opened again, it appends: what was there stays. */
	t = trace_open(path, err, sizeof err);
	CHECK(t != NULL);
	trace_event(t, "again", NULL);
	trace_close(t);

	struct lines L;
	read_lines(path, &L);
	CHECK_INT(L.n, 13);
	double last_t = 0;
	for (size_t i = 0; i < L.n; i++) {
		CHECK(str(L.item[i], "event") != NULL);
		double tm = num(L.item[i], "t_ms");
		CHECK(tm >= 0 && tm == (double)(long)tm); /* whole milliseconds since the trace opened */
		if (i != 12) /* the second opening starts again from 0 */
			CHECK(tm >= last_t);
		last_t = tm;
	}
	if (L.n == 13) {
		cJSON **o = L.item;
		check_screen_line(o[0]);

		CHECK_STR(str(o[1], "event"), "speech_start");
		CHECK_STR(str(o[1], "text"), "Bien\tvraiment");
		CHECK_STR(str(o[1], "target"), "choice:good");
		CHECK_STR(str(o[1], "lang"), "fr");
		CHECK_STR(str(o[2], "event"), "speech_end");
		CHECK(is_null(o[2], "text") && is_null(o[2], "target") && is_null(o[2], "lang"));

		CHECK_STR(str(o[3], "event"), "word");
		CHECK_STR(str(o[3], "word"), "le");
		CHECK_INT(num(o[3], "at"), 8);
		CHECK_STR(str(o[3], "text"), "Bonjour le monde");
		CHECK(is_null(o[3], "target"));
		CHECK_STR(str(o[4], "word"), "préfère");
		CHECK_STR(str(o[4], "target"), "refuse");

		CHECK_STR(str(o[5], "event"), "answer");
		CHECK_STR(str(o[5], "session"), "00112233445566778899aabbccddeeff");
		CHECK_STR(str(o[5], "questionnaire"), "checkin-weekly");
		CHECK_STR(str(o[5], "question"), "feeling");
		CHECK_INT(boolean(o[5], "refused"), 0);
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o[5], "values");
		CHECK(cJSON_IsArray(v) && cJSON_GetArraySize(v) == 2);
		CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(v, 0)), "3");
		CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(v, 1)), "a \"quoted\" value");
		CHECK_STR(str(o[6], "question"), "internship");
		CHECK_INT(boolean(o[6], "refused"), 1);
		v = cJSON_GetObjectItemCaseSensitive(o[6], "values");
		CHECK(cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);

		/* A personal code's places: how many are filled, never with what. */
		char row[128];
		CHECK_STR(str(o[7], "kind"), "code");
		row_text(o[7], row, sizeof row);
		CHECK_STR(row, "[?,?,null,null]");
		CHECK_STR(str(o[8], "kind"), "code-result");
		row_text(o[8], row, sizeof row);
		CHECK_STR(row, "[?,?,?,?]");
		/* Other rows are not secret: the faces of the last weeks, and the star. */
		CHECK_STR(str(o[9], "kind"), "mood");
		CHECK_STR(str(o[9], "lang"), "ar");
		CHECK_INT(boolean(o[9], "rtl"), 1);
		row_text(o[9], row, sizeof row);
		CHECK_STR(row, "[face-2,null,face-4]");
		const cJSON *chart = cJSON_GetObjectItemCaseSensitive(o[9], "chart");
		const cJSON *br = cJSON_GetObjectItemCaseSensitive(chart, "branches");
		CHECK(cJSON_IsArray(br) && cJSON_GetArraySize(br) == 2);
		CHECK_STR(str(cJSON_GetArrayItem(br, 0), "pictogram"), "listen");
		CHECK_INT(num(cJSON_GetArrayItem(br, 0), "first"), 1);
		CHECK_INT(num(cJSON_GetArrayItem(br, 0), "latest"), 3);
		CHECK_INT(num(cJSON_GetArrayItem(br, 1), "first"), 0);
		CHECK_INT(num(chart, "max"), 4);
		CHECK_INT(boolean(chart, "has_first"), 1);

		CHECK_STR(str(o[10], "event"), "session_end");
		CHECK_STR(str(o[10], "session"), "00112233445566778899aabbccddeeff");
		CHECK_INT(boolean(o[10], "saved"), 1);
		CHECK_STR(str(o[10], "reason"), "idle");
		CHECK_STR(str(o[11], "event"), "admin");
		CHECK_STR(str(o[11], "detail"), "opened");
		CHECK_STR(str(o[12], "event"), "again");
		CHECK(is_null(o[12], "detail"));
	}
	/* Neither the code's pictograms nor the pseudonym made from them, anywhere. */
	CHECK(L.raw && !strstr(L.raw, SECRET_PICTO_1) && !strstr(L.raw, SECRET_PICTO_2));
	CHECK(L.raw && !strstr(L.raw, "horse") && !strstr(L.raw, "umbrella"));
	CHECK(L.raw && !strstr(L.raw, PSEUDONYM));
	free_lines(&L);
	free(path);
}

/* A path in a folder that does not exist: NULL, and the message names the path. */
static void test_missing_folder(const char *dir)
{
	char *path = xasprintf("%s/no-such-folder/trace.jsonl", dir);
	char err[512] = "";
	struct trace *t = trace_open(path, err, sizeof err);
	CHECK(t == NULL);
	CHECK(strstr(err, path) != NULL);
	CHECK(strstr(err, "No such file or directory") != NULL);
	if (!strstr(err, path))
		fprintf(stderr, "the error: %s\n", err);
	trace_close(t);
	free(path);
}

/* Without a trace (no --trace), every call does nothing. */
static void test_no_trace(void)
{
	struct screen sc;
	question_screen(&sc);
	struct store_session ss;
	store_session_init(&ss, "q", 1, "fr", "2026-11-23");
	trace_screen(NULL, &sc, NULL, 1, 1);
	trace_speech(NULL, true, "x", NULL, "fr");
	trace_word(NULL, "x", 0, 1, NULL);
	trace_answer(NULL, &ss, "q", true, NULL, 0);
	trace_session_end(NULL, &ss, "idle");
	trace_event(NULL, "x", NULL);
	trace_close(NULL);
	CHECK(true);
}

/* A screen says as much as its content does: a long question (nothing in the content limits
 * its length) said five times, past 4 KiB, in a two-byte letter after a two-letter word (so
 * that a cut at 4095 bytes falls inside a letter). text_spoken must be whole, and valid UTF-8. */
static void test_long_text(const char *dir)
{
	enum { LETTERS = 600 }; /* "é" is two bytes: 1200 bytes per utterance */
	char *text = xmalloc(2 * LETTERS + 1);
	for (int i = 0; i < LETTERS; i++)
		memcpy(text + 2 * i, "é", 2);
	text[2 * LETTERS] = '\0';
	struct screen sc;
	memset(&sc, 0, sizeof sc);
	sc.kind = SCREEN_QUESTION;
	sc.text = text;
	sc.lang = "fr";
	say(&sc, "ab", -1);
	for (int i = 0; i < 5; i++)
		say(&sc, text, -1);
	char *want = xmalloc(3 + 5 * (2 * LETTERS + 1));
	strcpy(want, "ab");
	for (int i = 0; i < 5; i++) {
		strcat(want, " ");
		strcat(want, text);
	}
	char *path = path_join(dir, "long.jsonl");
	char err[512] = "";
	struct trace *t = trace_open(path, err, sizeof err);
	CHECK(t != NULL);
	trace_screen(t, &sc, rects, 1280, 800);
	trace_close(t);
	struct lines L;
	read_lines(path, &L); /* each line valid UTF-8 and JSON */
	CHECK_INT(L.n, 1);
	if (L.n == 1) {
		const char *spoken = str(L.item[0], "text_spoken");
		CHECK_INT(spoken ? strlen(spoken) : 0, strlen(want));
		CHECK(spoken && strcmp(spoken, want) == 0);
		CHECK_STR(str(L.item[0], "text_shown"), text);
	}
	free_lines(&L);
	free(path);
	free(want);
	free(text);
}

int main(int argc, char **argv)
{
	char *dir = fixture_tmpdir();
	if (argc > 1 && strcmp(argv[1], "long-text") == 0) {
		test_long_text(dir);
	} else {
		test_lines(dir);
		test_missing_folder(dir);
		test_no_trace();
	}
	fixture_rmdir(dir);
	return check_done();
}
