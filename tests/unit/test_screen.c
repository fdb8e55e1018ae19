/* test_screen: what screen_build puts together, at the limits content loading allows and past
 * them (a translation is not limited): long texts are kept whole, in memory the screen owns. */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "session/person.h"
#include "session/screen.h"
#include "store/store.h"

/* A text of exactly n bytes: words of French, cut to n. */
static char *long_text(size_t n)
{
	static const char words[] = "Est-ce que vous avez pu parler de votre stage avec quelqu'un ? ";
	char *t = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		t[i] = words[i % (sizeof words - 1)];
	t[n] = '\0';
	return t;
}

/* ---- a test catalog: a compiled gettext file (.mo) written here, with any text in it ---- */

struct mo_entry {
	const char *key, *msgid, *msgstr;
	char *orig; /* "key\4msgid", as msgfmt stores a text with a context */
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct mo_entry *)a)->orig, ((const struct mo_entry *)b)->orig);
}

static void put_u32(FILE *f, uint32_t v)
{
	fwrite(&v, 4, 1, f);
}

/* Writes dir/<code>.mo with the n translations of e (sorted here, as msgfmt sorts them). */
static void write_mo(const char *dir, const char *code, struct mo_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		e[i].orig = xasprintf("%s\004%s", e[i].key, e[i].msgid);
	if (n)
		qsort(e, n, sizeof *e, cmp_entry);
	char *name = xasprintf("%s.mo", code);
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	uint32_t at = 28 + (uint32_t)n * 16; /* the header, then both tables, then the strings */
	put_u32(f, 0x950412deu);
	put_u32(f, 0);
	put_u32(f, (uint32_t)n);
	put_u32(f, 28);
	put_u32(f, 28 + (uint32_t)n * 8);
	put_u32(f, 0);
	put_u32(f, 0);
	for (int table = 0; table < 2; table++)
		for (size_t i = 0; i < n; i++) {
			const char *str = table ? e[i].msgstr : e[i].orig;
			put_u32(f, (uint32_t)strlen(str));
			put_u32(f, at);
			at += (uint32_t)strlen(str) + 1;
		}
	for (int table = 0; table < 2; table++)
		for (size_t i = 0; i < n; i++) {
			const char *str = table ? e[i].msgstr : e[i].orig;
			fwrite(str, strlen(str) + 1, 1, f);
		}
	fclose(f);
	for (size_t i = 0; i < n; i++)
		free(e[i].orig);
	free(path);
	free(name);
}

/* The language list of dir: French and a right-to-left test language, xx. */
static struct i18n *load_langs(const char *dir)
{
	char *list = path_join(dir, "languages.yaml");
	FILE *f = fopen(list, "w");
	if (!f)
		abort();
	fputs("languages:\n  - { code: fr, name: Français, voice: fr, script: Latn }\n"
	      "  - { code: xx, name: Xx, voice: ar, script: Arab, direction: rtl }\n", f);
	fclose(f);
	struct diags *d = diags_create();
	struct i18n *L = i18n_load(list, dir, d);
	if (!L || diags_errors(d)) {
		diags_print(d, stderr);
		abort();
	}
	diags_destroy(d);
	free(list);
	return L;
}

/* One multiple-choice question, made in memory: content loading would refuse its text. */
#define MANY_CHOICES SCREEN_MAX_TARGETS /* more than content allows, for the test of overflow */
struct one_question {
	struct choice choices[MANY_CHOICES];
	struct question q;
	struct questionnaire qn;
	char ids[MANY_CHOICES][24];
};

static void one_question(struct one_question *o, char *text, size_t nchoices)
{
	memset(o, 0, sizeof *o);
	for (size_t i = 0; i < nchoices; i++) {
		snprintf(o->ids[i], sizeof o->ids[i], "c%zu", i);
		o->choices[i] = (struct choice){ .id = o->ids[i], .key = o->ids[i], .label = o->ids[i], .builtin = -1,
			                         .pictogram = "ok", .value = o->ids[i] };
	}
	o->q = (struct question){ .id = "long", .type = QT_MULTIPLE, .key = "t.long", .text = text,
		                  .choices = o->choices, .nchoices = nchoices };
	o->qn = (struct questionnaire){ .id = "t", .language = "fr", .questions = &o->q, .nquestions = 1 };
}

/* A question of 5000 bytes, multiple choice (its hint is put after it): all of it is shown,
 * then the hint, and both are said. */
static void test_long_question(void)
{
	char *text = long_text(5000);
	struct one_question o;
	one_question(&o, text, 3);
	struct screen like = { .lang = "fr" };
	struct screen *sc = xcalloc(1, sizeof *sc); /* on the heap, as in the kiosk: ASan sees past it */
	screen_build_preview(sc, &o.qn, 0, &like, NULL);
	CHECK_INT(sc->kind, SCREEN_QUESTION);
	const char *hint = ui_texts[UI_SEVERAL].msgid;
	CHECK(strncmp(sc->text, text, 5000) == 0);
	CHECK(sc->text[5000] == '\n');
	CHECK_STR(sc->text + 5001, hint);
	CHECK_STR(sc->utter[0].text, text);
	CHECK_STR(sc->utter[1].text, hint);
	CHECK_INT(sc->utter[1].text_at, 5001);
	/* What is said, whole, for the trace: its length first, then room for it. */
	char small[64];
	size_t said = screen_spoken_text(sc, small, sizeof small);
	CHECK(said > 5000 && strlen(small) == sizeof small - 1);
	char *all = xmalloc(said + 1);
	CHECK_INT(screen_spoken_text(sc, all, said + 1), said);
	CHECK_INT(strlen(all), said);
	CHECK(strstr(all, hint) != NULL && strchr(all, '\n') == NULL);
	free(all);
	screen_release(sc);
	CHECK(sc->text == NULL && sc->nowned == 0);
	screen_release(sc); /* twice is harmless */
	free(sc);
	free(text);
}

/* A question of a few words whose translation is 5000 bytes long: the translation is shown
 * whole, then the hint, and both are said, in the translation's language. */
static void test_long_translation(void)
{
	char *dir = fixture_tmpdir();
	char *text = long_text(5000);
	struct mo_entry e[] = { { "t.long", "Une question ?", text, NULL } };
	write_mo(dir, "xx", e, PV_ARRAY_LEN(e));
	write_mo(dir, "fr", NULL, 0);
	struct i18n *L = load_langs(dir);
	struct one_question o;
	one_question(&o, "Une question ?", CONTENT_MAX_CHOICES);
	struct screen like = { .lang = "xx" };
	struct screen *sc = xcalloc(1, sizeof *sc);
	screen_build_preview(sc, &o.qn, 0, &like, L);
	CHECK(sc->rtl);
	CHECK(strncmp(sc->text, text, 5000) == 0);
	CHECK(strlen(sc->text) > 5001 && sc->text[5000] == '\n');
	CHECK_STR(sc->text + 5001, ui_texts[UI_SEVERAL].msgid);
	CHECK_STR(sc->utter[0].text, text);
	CHECK_STR(sc->utter[0].lang, "xx");
	CHECK_INT(sc->utter[1].text_at, 5001);
	/* Every card is there, and said. */
	for (size_t i = 0; i < CONTENT_MAX_CHOICES; i++)
		CHECK(screen_find_action(sc, A_SELECT, (int)i) >= 0);
	CHECK_INT(sc->nutter, 2 + CONTENT_MAX_CHOICES + 1); /* text, hint, cards, refusal */
	screen_release(sc);
	free(sc);
	i18n_destroy(L);
	free(text);
	fixture_rmdir(dir);
}

/* ---- progress: the star's sentences, however long their translations ---- */

static struct person_key *star_key;

static int star_id(void *ud, const int code[4], char out[33])
{
	(void)ud;
	return person_id(star_key, code, out);
}

static void step(struct session *s, struct fake_clock *clk, enum action_kind k, int arg)
{
	clk->now += 500;
	session_apply(s, (struct action){ k, arg });
}

/* With a code, into the self-evaluation, every question answered with step `v` (the first
 * question that has steps with `first`). */
static void self_evaluation(struct session *s, struct fake_clock *clk, int v, int first)
{
	static const int code[4] = { 1, 2, 3, 4 };
	step(s, clk, A_START, 0);
	step(s, clk, A_SELECT, 0); /* my code */
	for (int i = 0; i < 4; i++)
		step(s, clk, A_SELECT, code[i]);
	step(s, clk, A_CONFIRM, 0);
	step(s, clk, A_CONFIRM, 0);
	bool firstq = true;
	for (int guard = 0; guard < 40 && session_state(s) == SS_QUESTION; guard++) {
		const struct question *q = session_question(s);
		if (q->type != QT_INFO) {
			char want[8];
			snprintf(want, sizeof want, "%d", firstq ? first : v);
			step(s, clk, A_SELECT, question_find_value(q, want));
			firstq = false;
		}
		step(s, clk, A_CONFIRM, 0);
	}
}

/* Ten sentences of 3000 bytes each: all said, whole. */
static void test_long_progress(void)
{
	char *dir = fixture_tmpdir(), err[300];
	char *pad = long_text(3000);
	char *change = xasprintf("%%s %s %%d %%d.", pad), *same = xasprintf("%%s %s %%d.", pad);
	struct mo_entry e[] = {
		{ ui_texts[UI_PROGRESS_CHANGE].key, ui_texts[UI_PROGRESS_CHANGE].msgid, change, NULL },
		{ ui_texts[UI_PROGRESS_SAME].key, ui_texts[UI_PROGRESS_SAME].msgid, same, NULL },
	};
	write_mo(dir, "fr", e, PV_ARRAY_LEN(e));
	write_mo(dir, "xx", NULL, 0);
	struct i18n *L = load_langs(dir);
	struct diags *d = diags_create();
	struct content *c = content_load_dir(PICTOVOX_ASSETS, NULL, d);
	diags_destroy(d);
	char *db = path_join(dir, "p.db"), *keyp = person_key_path_for(db);
	struct store *st = store_open(db, err, sizeof err);
	star_key = person_key_open(keyp, err, sizeof err);
	CHECK(c && st && star_key);
	const struct questionnaire *offered[1] = { content_find(c, "selfeval-competences") };
	struct fake_clock clk = { 0, "2026-11-23" };
	struct session_options o = { .offered = offered, .noffered = 1, .language = "fr",
		                     .clock = { fake_now, fake_today, &clk }, .store = st, .person_id = star_id };
	struct session *s = session_create(&o);
	self_evaluation(s, &clk, 2, 2);
	step(s, &clk, A_CONFIRM, 0); /* the first star */
	clk.now += 100000;
	session_tick(s);
	self_evaluation(s, &clk, 2, 3); /* one step up, nine the same */
	CHECK_INT(session_state(s), SS_PROGRESS);
	struct screen *sc = xcalloc(1, sizeof *sc);
	screen_build(sc, s, L);
	CHECK_INT(sc->kind, SCREEN_STAR);
	CHECK_INT(sc->chart.n, 10);
	CHECK_INT(sc->nutter, 1 + 10);
	size_t ups = 0, sames = 0;
	for (size_t i = 1; i < sc->nutter; i++) {
		const char *t = sc->utter[i].text;
		CHECK(strstr(t, pad) != NULL);
		ups += str_has_suffix(t, " 2 3.");
		sames += str_has_suffix(t, " 2.");
	}
	CHECK_INT(ups, 1);
	CHECK_INT(sames, 9);
	screen_release(sc);
	free(sc);
	session_destroy(s);
	store_close(st);
	person_key_destroy(star_key);
	content_destroy(c);
	i18n_destroy(L);
	free(keyp);
	free(db);
	free(change);
	free(same);
	free(pad);
	fixture_rmdir(dir);
}

/* The largest question loading accepts (tests/data/screen: every limit of content.h reached),
 * first shown: every card there with its whole id and label, everything said. */
static void test_largest_question(void)
{
	struct diags *d = diags_create();
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	struct content *c = content_load_dir(PV_TEST_DATA "/screen", pictos, d);
	CHECK(c != NULL && diags_errors(d) == 0);
	diags_destroy(d);
	free(pictos);
	if (!c)
		return;
	const struct questionnaire *qn = content_get(c, 0);
	const struct question *q = &qn->questions[0];
	CHECK_INT(strlen(qn->id), CONTENT_MAX_ID_BYTES);
	CHECK_INT(strlen(q->text), CONTENT_MAX_TEXT_BYTES);
	CHECK_INT(q->nchoices, CONTENT_MAX_CHOICES);
	struct i18n *L = fixture_i18n();
	struct fake_clock clk = { 0, "2026-11-23" };
	const char *langs[] = { "fr", "ar" };
	struct session_options o = { .offered = &qn, .noffered = 1, .language = "fr", .languages = langs,
		                     .nlanguages = 2, .clock = { fake_now, fake_today, &clk } };
	struct session *s = session_create(&o);
	session_apply(s, (struct action){ A_START, 0 });
	struct screen sc = { 0 };
	screen_build(&sc, s, L);
	CHECK_INT(sc.kind, SCREEN_QUESTION);
	for (size_t i = 0; i < q->nchoices; i++) {
		char *id = xasprintf("choice:%s", q->choices[i].id);
		int t = screen_find(&sc, id);
		CHECK(t >= 0 && strlen(q->choices[i].label) == CONTENT_MAX_LABEL_BYTES);
		CHECK(t >= 0 && str_eq(sc.targets[t].label, q->choices[i].label));
		CHECK(t >= 0 && sc.targets[t].action.kind == A_SELECT && sc.targets[t].action.arg == (int)i);
		free(id);
	}
	CHECK(strncmp(sc.text, q->text, CONTENT_MAX_TEXT_BYTES) == 0);
	CHECK(screen_find(&sc, "refuse") >= 0 && screen_find(&sc, "confirm") >= 0);
	/* Said: the text, the hint, each card, the refusal, "then confirm". */
	CHECK_INT(sc.nutter, 2 + CONTENT_MAX_CHOICES + 2);
	screen_release(&sc);
	session_destroy(s);
	i18n_destroy(L);
	content_destroy(c);
}

/* A menu of as many questionnaires as a content folder holds, each with the longest id and
 * title: every card there, every title said. */
static void test_largest_menu(void)
{
	char *dir = fixture_tmpdir();
	for (int i = 0; i < CONTENT_MAX_QUESTIONNAIRES; i++) {
		char *name = xasprintf("q%02d.yaml", i);
		char *path = path_join(dir, name);
		FILE *f = fopen(path, "w");
		if (!f)
			abort();
		char id[CONTENT_MAX_ID_BYTES + 1], *title = long_text(CONTENT_MAX_LABEL_BYTES - 1);
		memset(id, 'a' + i, CONTENT_MAX_ID_BYTES);
		id[CONTENT_MAX_ID_BYTES] = '\0';
		fprintf(f, "id: %s\nversion: 1\ntitle: \"%sx\"\npictogram: checkin\nquestions:\n"
		           "  - { id: ok, type: yesno, text: Tout va bien ? }\n", id, title);
		fclose(f);
		free(title);
		free(path);
		free(name);
	}
	struct diags *d = diags_create();
	char *pictos = path_join(PICTOVOX_ASSETS, "pictograms");
	struct content *c = content_load_folder(dir, pictos, d);
	CHECK(c && content_count(c) == CONTENT_MAX_QUESTIONNAIRES);
	diags_destroy(d);
	free(pictos);
	if (!c)
		abort();
	const struct questionnaire *offered[CONTENT_MAX_QUESTIONNAIRES];
	for (size_t i = 0; i < CONTENT_MAX_QUESTIONNAIRES; i++)
		offered[i] = content_get(c, i);
	struct fake_clock clk = { 0, "2026-11-23" };
	struct session_options o = { .offered = offered, .noffered = CONTENT_MAX_QUESTIONNAIRES, .language = "fr",
		                     .clock = { fake_now, fake_today, &clk } };
	struct session *s = session_create(&o);
	session_apply(s, (struct action){ A_START, 0 });
	struct screen sc = { 0 };
	screen_build(&sc, s, NULL);
	CHECK_INT(sc.kind, SCREEN_MENU);
	for (size_t i = 0; i < CONTENT_MAX_QUESTIONNAIRES; i++) {
		char *id = xasprintf("questionnaire:%s", offered[i]->id);
		int t = screen_find(&sc, id);
		CHECK(t >= 0 && str_eq(sc.targets[t].label, offered[i]->title));
		CHECK(t >= 0 && sc.targets[t].action.kind == A_OPEN && sc.targets[t].action.arg == (int)i);
		free(id);
	}
	CHECK_INT(sc.nutter, 1 + CONTENT_MAX_QUESTIONNAIRES);
	screen_release(&sc);
	session_destroy(s);
	content_destroy(c);
	fixture_rmdir(dir);
}

/* A language grid of as many languages as the list may hold, with the longest codes: every
 * card there, each saying itself. */
static void test_largest_languages(void)
{
	char codes[I18N_MAX_LANGUAGES][I18N_MAX_CODE_BYTES + 1];
	const char *langs[I18N_MAX_LANGUAGES];
	for (int i = 0; i < I18N_MAX_LANGUAGES; i++) {
		memset(codes[i], 'a' + i, I18N_MAX_CODE_BYTES);
		codes[i][I18N_MAX_CODE_BYTES] = '\0';
		langs[i] = codes[i];
	}
	struct one_question o1;
	one_question(&o1, "Une question ?", 2);
	const struct questionnaire *offered[1] = { &o1.qn };
	struct fake_clock clk = { 0, "2026-11-23" };
	struct session_options o = { .offered = offered, .noffered = 1, .language = "fr", .languages = langs,
		                     .nlanguages = I18N_MAX_LANGUAGES, .clock = { fake_now, fake_today, &clk } };
	struct session *s = session_create(&o);
	session_apply(s, (struct action){ A_LANGUAGES, 0 });
	struct screen sc = { 0 };
	screen_build(&sc, s, NULL);
	CHECK_INT(sc.kind, SCREEN_LANGUAGE);
	for (int i = 0; i < I18N_MAX_LANGUAGES; i++) {
		char *id = xasprintf("language:%s", codes[i]);
		int t = screen_find(&sc, id);
		CHECK(t >= 0 && sc.targets[t].action.arg == i);
		free(id);
	}
	CHECK_INT(sc.nutter, I18N_MAX_LANGUAGES);
	screen_release(&sc);
	session_destroy(s);
}

/* Runs f in a child process: true if it stopped the program (abort), as a screen or a session
 * past its limits must, rather than write past them. */
static bool aborts(void (*f)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		f();
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void too_many_choices(void)
{
	static struct one_question o;
	one_question(&o, "Une question ?", MANY_CHOICES);
	struct screen like = { .lang = "fr" };
	static struct screen sc;
	screen_build_preview(&sc, &o.qn, 0, &like, NULL);
}

static void too_many_offered(void)
{
	static struct one_question o;
	one_question(&o, "Une question ?", 2);
	const struct questionnaire *offered[CONTENT_MAX_QUESTIONNAIRES + 1];
	for (size_t i = 0; i < PV_ARRAY_LEN(offered); i++)
		offered[i] = &o.qn;
	struct fake_clock clk = { 0, "2026-11-23" };
	struct session_options so = { .offered = offered, .noffered = PV_ARRAY_LEN(offered),
		                      .clock = { fake_now, fake_today, &clk } };
	struct session *s = session_create(&so);
	session_apply(s, (struct action){ A_START, 0 });
	static struct screen sc;
	screen_build(&sc, s, NULL);
}

/* Past the limits (content made in memory, not loaded): the kiosk stops with a message,
 * nothing is written past a screen's arrays. */
static void test_overflow_stops(void)
{
	CHECK(aborts(too_many_choices));
	CHECK(aborts(too_many_offered));
}

int main(void)
{
	test_largest_question();
	test_largest_menu();
	test_largest_languages();
	test_overflow_stops();
	test_long_question();
	test_long_translation();
	test_long_progress();
	return check_done();
}
