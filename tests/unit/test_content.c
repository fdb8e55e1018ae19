/* test_content: the loader refuses each broken fixture with the right message at the right
 * place, loads the bundled content cleanly, and warns on easy-to-read problems. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "content/content.h"
#include "base/util.h"

#define BROKEN PV_TEST_DATA "/content/broken"
#define BROKEN_Q BROKEN "/questionnaires/"
#define BROKEN_PICTOS BROKEN "/pictograms"
#define WARN PV_TEST_DATA "/content/warn"
#define ASSETS PV_TEST_DATA "/../../assets"

struct row {
	const char *file;    /* under broken/questionnaires */
	const char *first;   /* loaded just before file, in the same call; or NULL */
	int line, col;       /* 1-based; 0: not checked */
	const char *message; /* a substring of the message; NULL: any */
	int errors;          /* how many errors the call reports in all; 0: not checked */
};

static const struct row rows[] = {
	{ "unknown-pictogram.yaml", NULL, 8, 16, "unknown pictogram 'nope'", 1 },
	{ "dup-question-id.yaml", NULL, 9, 9, "duplicate question id 'q1'", 1 },
	{ "dup-choice-id.yaml", NULL, 11, 15, "duplicate choice id 'tea'", 1 },
	{ "dup-value.yaml", NULL, 11, 9, "duplicate value '1' in question 'q1'", 1 },
	{ "dup-qn-b.yaml", "dup-qn-a.yaml", 3, 5, "duplicate questionnaire id 'dup-qn' (also", 1 },
	{ "missing-text.yaml", NULL, 6, 5, "missing 'text'", 1 },
	{ "missing-id.yaml", NULL, 1, 1, "missing 'id'", 1 },
	{ "missing-version.yaml", NULL, 1, 1, "missing 'version'", 1 },
	{ "version-not-number.yaml", NULL, 2, 10, "'version' must be a whole number, not 'one'", 1 },
	{ "version-zero.yaml", NULL, 2, 10, "'version' must be between 1 and 1000000, not 0", 1 },
	{ "wrong-type.yaml", NULL, 7, 11, "unknown type 'scale4'", 1 },
	{ "questions-not-list.yaml", NULL, 5, 12, "'questions' must be a list", 1 },
	{ "empty-questions.yaml", NULL, 5, 12, "'questions' is empty", 1 },
	{ "when-unknown.yaml", NULL, 11, 23, "question 'nope', which is not an earlier", 1 },
	{ "when-later.yaml", NULL, 8, 23, "question 'q2', which is not an earlier", 1 },
	{ "when-self.yaml", NULL, 8, 23, "question 'q1', which is not an earlier", 1 },
	{ "when-info.yaml", NULL, 11, 23, "'hello', an info screen, which has no answer", 1 },
	{ "when-unknown-value.yaml", NULL, 13, 19, "value 'maybe', which question 'q1' does not", 1 },
	{ "when-both.yaml", NULL, 11, 11, "one of 'equals' or 'in', not both", 1 },
	{ "when-neither.yaml", NULL, 11, 11, "one of 'equals' or 'in'", 1 },
	{ "unknown-key.yaml", NULL, 8, 5, "unknown key 'pictogramme' in a question", 1 },
	{ "key-twice.yaml", NULL, 9, 5, "key 'text' is given twice in a question", 1 },
	{ "invalid-utf8.yaml", NULL, 0, 0, "invalid leading UTF-8 octet", 1 },
	{ "tab.yaml", NULL, 7, 1, "tab character", 1 },
	{ "syntax.yaml", NULL, 5, 1, "while scanning a quoted scalar", 1 },
	{ "empty.yaml", NULL, 1, 1, "the file is empty", 1 },
	{ "comment-only.yaml", NULL, 1, 1, "the file is empty", 1 },
	{ "list.yaml", NULL, 1, 1, "a questionnaire must be a mapping", 1 },
	{ "one-choice.yaml", NULL, 10, 7, "a question takes 2 to 6 choices, not 1", 1 },
	{ "seven-choices.yaml", NULL, 10, 7, "a question takes 2 to 6 choices, not 7", 1 },
	{ "scale3-four.yaml", NULL, 10, 7, "type scale3 takes exactly 3 choices, not 4", 1 },
	{ "info-choices.yaml", NULL, 10, 7, "an info screen has no choices", 1 },
	{ "all-info.yaml", NULL, 6, 3, "every question is an info screen", 1 },
	{ "control-char.yaml", NULL, 8, 11, "'text' contains a control character (0x07)", 1 },
	{ "nul.yaml", NULL, 8, 11, "'text' contains a NUL character", 1 },
	{ "bad-id-upper.yaml", NULL, 6, 9, "'Question1' is not a valid id", 1 },
	{ "bad-id-space.yaml", NULL, 1, 5, "'bad id space' is not a valid id", 1 },
	{ "bad-choice-id.yaml", NULL, 10, 15, "'-tea' is not a valid id", 1 },
	{ "missing-question-id.yaml", NULL, 6, 5, "missing 'id'", 0 },

	/* libyaml gives reader errors no mark, only an offset: the place is worked out from it. */
	{ "invalid-utf8.yaml", NULL, 8, 27, "invalid leading UTF-8 octet", 1 },
	/* The question without an id is not counted as "every question is an info screen". */
	{ "missing-question-id.yaml", NULL, 6, 5, "missing 'id'", 1 },
	/* Built-in choices' pictograms (faces) must be in the content's pictogram folder. */
	{ "default-pictograms.yaml", NULL, 8, 11, "needs pictogram 'face-1'", 2 },
	{ "del-char.yaml", NULL, 9, 11, "control character (0x7f)", 1 },
	/* A second YAML document is refused, not silently ignored. */
	{ "multi-document.yaml", NULL, 10, 0, NULL, 1 },
	/* Texts and labels have a stated size: one byte more is refused where it is. */
	{ "long-text.yaml", NULL, 8, 11, "'text' is 601 bytes long: at most 600", 1 },
	{ "long-label.yaml", NULL, 11, 30, "'label' is 121 bytes long: at most 120", 1 },
};

static void print_diags(const struct diags *d)
{
	diags_print(d, stderr);
}

/* The diag a row expects, among d's, for the file at path. */
static const struct diag *find_diag(const struct diags *d, const char *path, const struct row *r)
{
	for (size_t i = 0; i < diags_count(d); i++) {
		const struct diag *g = diags_get(d, i);
		if (g->severity == DIAG_ERROR && strcmp(g->file, path) == 0 &&
		    (!r->line || g->line == r->line) && (!r->col || g->col == r->col) &&
		    (!r->message || strstr(g->message, r->message)))
			return g;
	}
	return NULL;
}

static void check_row(const struct row *r)
{
	char *path = xasprintf("%s%s", BROKEN_Q, r->file);
	char *first = r->first ? xasprintf("%s%s", BROKEN_Q, r->first) : NULL;
	const char *files[2] = { first ? first : path, path };
	struct diags *d = diags_create();
	struct content *c = content_load_files(first ? files : files + 1, first ? 2 : 1, BROKEN_PICTOS, d);
	CHECK(c == NULL);
	const struct diag *g = find_diag(d, path, r);
	CHECK(g != NULL);
	if (r->errors)
		CHECK_INT(diags_errors(d), r->errors);
	if (c || !g || (r->errors && (int)diags_errors(d) != r->errors)) {
		fprintf(stderr, "  row %s: want %d:%d \"%s\" (%d error(s)); got:\n", r->file, r->line,
		        r->col, r->message ? r->message : "", r->errors);
		print_diags(d);
	}
	content_destroy(c);
	diags_destroy(d);
	free(first);
	free(path);
}

/* Every file of the broken folder at once: each error still lands in its own file. */
static void check_broken_folder(void)
{
	struct diags *d = diags_create();
	struct content *c = content_load_dir(BROKEN, NULL, d);
	CHECK(c == NULL);
	for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++) {
		char *path = xasprintf("%s%s", BROKEN_Q, rows[i].file);
		const struct diag *g = find_diag(d, path, &rows[i]);
		CHECK(g != NULL);
		if (!g)
			fprintf(stderr, "  folder: no diag for %s\n", rows[i].file);
		free(path);
	}
	content_destroy(c);
	diags_destroy(d);
}

static void check_choice(const struct question *q, size_t i, const char *value, const char *label,
                         const char *picto)
{
	CHECK(i < q->nchoices);
	if (i >= q->nchoices)
		return;
	CHECK_STR(q->choices[i].value, value);
	CHECK_STR(q->choices[i].label, label);
	CHECK_STR(q->choices[i].pictogram, picto);
}

static void check_bundled(void)
{
	struct diags *d = diags_create();
	struct content *c = content_load_dir(ASSETS, NULL, d);
	CHECK(c != NULL);
	CHECK_INT(diags_errors(d), 0);
	CHECK_INT(diags_warnings(d), 0);
	print_diags(d);
	if (!c)
		goto out;
	CHECK_INT(content_count(c), 4);
	CHECK(content_get(c, 4) == NULL);
	const struct questionnaire *se = content_find(c, "selfeval-competences");
	CHECK(se && se->linked && se->progress == PROGRESS_STAR && se->nquestions == 11);
	CHECK(se && se->questions[1].type == QT_STEPS && se->questions[1].nchoices == 4);
	CHECK(se && choice_number(&se->questions[1].choices[3]) == 4);
	CHECK(se && se->questions[1].choices[3].builtin == UI_STEPS_4);
	CHECK(se && str_eq(se->questions[2].short_name, "Écouter"));
	CHECK(se && str_eq(se->questions[2].short_key, "selfeval-competences.listening.short"));
	CHECK(content_find(c, "nope") == NULL);
	CHECK(str_has_suffix(content_pictodir(c), "pictograms"));
	const struct questionnaire *qn = content_find(c, "checkin-weekly");
	CHECK(qn != NULL && qn == content_get(c, 0));
	if (!qn)
		goto out;
	CHECK_INT(qn->version, 1);
	CHECK_STR(qn->title, "Le point de la semaine");
	CHECK_STR(qn->pictogram, "checkin");
	CHECK_STR(qn->language, "fr");
	CHECK(qn->linked && qn->progress == PROGRESS_MOOD && qn->progress_question == 1);
	CHECK(str_has_suffix(qn->path, "/questionnaires/checkin-weekly.yaml"));

	static const struct {
		const char *id;
		enum question_type type;
		size_t nchoices;
	} want[] = {
		{ "intro", QT_INFO, 0 },     { "feeling", QT_SCALE3, 3 },    { "internship", QT_SINGLE, 4 },
		{ "helped-someone", QT_SINGLE, 3 }, { "what-helped", QT_MULTIPLE, 6 }, { "talk", QT_YESNO, 3 },
		{ "talk-who", QT_INFO, 0 },  { "confidence", QT_SINGLE, 3 },
	};
	CHECK_INT(qn->nquestions, PV_ARRAY_LEN(want));
	for (size_t i = 0; i < PV_ARRAY_LEN(want) && i < qn->nquestions; i++) {
		const struct question *q = &qn->questions[i];
		CHECK_STR(q->id, want[i].id);
		CHECK_INT(q->type, want[i].type);
		CHECK_INT(q->nchoices, want[i].nchoices);
		CHECK_INT(questionnaire_find_question(qn, want[i].id), i);
		CHECK(question_is_multiple(q) == (want[i].type == QT_MULTIPLE));
		CHECK(q->text && *q->text);
		/* Only talk-who is conditional. */
		CHECK((q->when != NULL) == (strcmp(want[i].id, "talk-who") == 0));
	}
	CHECK_INT(questionnaire_find_question(qn, "nope"), -1);
	if (qn->nquestions != PV_ARRAY_LEN(want))
		goto out;

	/* Built-in choices: the kiosk's own words (English ids, translated like the rest). */
	const struct question *feeling = &qn->questions[1];
	check_choice(feeling, 0, "1", "Not good", "face-2");
	check_choice(feeling, 1, "2", "So-so", "face-3");
	check_choice(feeling, 2, "3", "Good", "face-4");
	CHECK_INT(feeling->choices[0].builtin, UI_SCALE3_1);
	CHECK_STR(feeling->choices[2].key, "ui.scale3.3");
	CHECK_STR(feeling->key, "checkin-weekly.feeling");
	CHECK_STR(qn->title_key, "checkin-weekly");
	const struct question *talk = &qn->questions[5];
	check_choice(talk, 0, "yes", "Yes", "yes");
	check_choice(talk, 1, "no", "No", "no");
	check_choice(talk, 2, "dont_know", "I don't know", "dont-know");
	CHECK_INT(talk->choices[2].builtin, UI_DONT_KNOW);
	CHECK_INT(question_find_value(talk, "dont_know"), 2);
	CHECK_INT(question_find_value(talk, "maybe"), -1);

	/* A given value wins over the id; without one the id is stored. */
	const struct question *internship = &qn->questions[2];
	check_choice(internship, 0, "1", "Pas bien", "face-2");
	CHECK_STR(internship->choices[0].id, "bad");
	CHECK_STR(internship->choices[0].key, "checkin-weekly.internship.bad");
	CHECK_INT(internship->choices[0].builtin, -1);
	check_choice(internship, 3, "none", "Pas de stage", "nothing");
	check_choice(&qn->questions[3], 0, "not-yet", "Pas encore", "step-not-yet");

	const struct condition *when = qn->questions[6].when;
	CHECK(when != NULL);
	if (when) {
		CHECK_STR(when->question, "talk");
		CHECK_INT(when->question_index, 5);
		CHECK_INT(when->nvalues, 1);
		CHECK_STR(when->values[0], "yes");
	}
out:
	content_destroy(c);
	diags_destroy(d);

}

/* A valid file with one warning of each kind: it loads, and each warning is at its place. */
static void check_warnings(void)
{
	static const struct {
		int line, col;
		const char *message;
	} want[] = {
		{ 9, 11, "a sentence of 17 words: keep to 15 or fewer" },
		{ 12, 11, "more than one sentence on a line" },
		{ 15, 11, "abbreviation 'CHRS'" },
		{ 18, 11, "percentage '%'" },
		{ 21, 11, "special character '&'" },
		{ 26, 9, "choice 'tea' has no pictogram" },
		{ 27, 30, "label of 4 words" },
	};
	const char *files[] = { WARN "/questionnaires/warnings.yaml" };
	struct diags *d = diags_create();
	struct content *c = content_load_files(files, 1, WARN "/pictograms", d);
	CHECK(c != NULL);
	CHECK_INT(diags_errors(d), 0);
	CHECK_INT(diags_warnings(d), PV_ARRAY_LEN(want));
	for (size_t i = 0; i < PV_ARRAY_LEN(want); i++) {
		const struct diag *g = diags_get(d, i);
		CHECK(g != NULL);
		if (!g)
			continue;
		CHECK_INT(g->severity, DIAG_WARNING);
		CHECK_STR(g->file, files[0]);
		CHECK_INT(g->line, want[i].line);
		CHECK_INT(g->col, want[i].col);
		CHECK(strstr(g->message, want[i].message) != NULL);
	}
	if (diags_warnings(d) != PV_ARRAY_LEN(want))
		print_diags(d);
	if (c) {
		const struct questionnaire *qn = content_get(c, 0);
		CHECK_STR(qn->id, "warnings");
		CHECK_INT(qn->nquestions, 6);
		CHECK(qn->questions[5].choices[0].pictogram == NULL);
	}
	content_destroy(c);
	diags_destroy(d);
}

/* A folder with no *.yaml is refused (and no qsort of nothing, which UBSan would catch). */
static void check_no_yaml(void)
{
	struct diags *d = diags_create();
	struct content *c = content_load_dir(PV_TEST_DATA "/content/no-yaml", NULL, d);
	CHECK(c == NULL);
	CHECK_INT(diags_errors(d), 1);
	const struct diag *g = diags_get(d, 0);
	CHECK(g && strstr(g->message, "no questionnaire (*.yaml)"));
	diags_destroy(d);
}

/* No crash and no leak (the sanitizer build checks) on places that are not there. */
static void check_missing(void)
{
	struct diags *d = diags_create();
	const char *files[] = { BROKEN_Q "no-such-file.yaml" };
	struct content *c = content_load_files(files, 1, BROKEN_PICTOS, d);
	CHECK(c == NULL);
	CHECK_INT(diags_errors(d), 1);
	const struct diag *g = diags_get(d, 0);
	if (g) {
		CHECK_STR(g->file, files[0]);
		CHECK_INT(g->line, 0);
		CHECK(strstr(g->message, "cannot open") != NULL);
	}
	diags_destroy(d);

	d = diags_create();
	c = content_load_dir(PV_TEST_DATA "/content/no-such-dir", NULL, d);
	CHECK(c == NULL);
	g = diags_get(d, 0);
	CHECK(g && strstr(g->message, "no questionnaire folder"));
	diags_destroy(d);

	/* A good file with no pictogram folder: refused, not crashed on. */
	d = diags_create();
	const char *good[] = { WARN "/questionnaires/warnings.yaml" };
	c = content_load_files(good, 1, PV_TEST_DATA "/content/no-such-dir", d);
	CHECK(c == NULL);
	g = diags_get(d, 0);
	CHECK(g && strstr(g->message, "no pictogram folder"));
	diags_destroy(d);

	/* No files at all is not an error for content_load_files. */
	d = diags_create();
	c = content_load_files(NULL, 0, BROKEN_PICTOS, d);
	CHECK(c != NULL);
	CHECK(c && content_count(c) == 0);
	CHECK_INT(diags_count(d), 0);
	content_destroy(c);
	diags_destroy(d);
	content_destroy(NULL);
}

/* Writes questionnaire q<i>.yaml into dir: one yes/no question. */
static void write_questionnaire(const char *dir, int i)
{
	char *name = xasprintf("q%02d.yaml", i);
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "id: q%02d\nversion: 1\ntitle: Un test\npictogram: ok\nquestions:\n"
	           "  - { id: ok, type: yesno, text: Tout va bien ? }\n", i);
	fclose(f);
	free(path);
	free(name);
}

/* A content folder holds as many questionnaires as the menu shows, and not one more: the one
 * past the limit is named, at its id. */
static void check_too_many(void)
{
	char *dir = xasprintf("/tmp/pictovox-test-content-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	for (int i = 1; i <= CONTENT_MAX_QUESTIONNAIRES; i++)
		write_questionnaire(dir, i);
	struct diags *d = diags_create();
	struct content *c = content_load_folder(dir, BROKEN_PICTOS, d);
	CHECK(c != NULL);
	CHECK(c && content_count(c) == CONTENT_MAX_QUESTIONNAIRES);
	content_destroy(c);
	diags_destroy(d);

	write_questionnaire(dir, CONTENT_MAX_QUESTIONNAIRES + 1);
	d = diags_create();
	c = content_load_folder(dir, BROKEN_PICTOS, d);
	CHECK(c == NULL);
	CHECK_INT(diags_errors(d), 1);
	const struct diag *g = diags_get(d, 0);
	char *name = xasprintf("q%02d.yaml", CONTENT_MAX_QUESTIONNAIRES + 1);
	CHECK(g && str_has_suffix(g->file, name) && g->line == 1 && g->col == 5);
	CHECK(g && strstr(g->message, "at most 16 questionnaires"));
	free(name);
	diags_destroy(d);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	free(dir);
}

int main(void)
{
	check_too_many();
	for (size_t i = 0; i < PV_ARRAY_LEN(rows); i++)
		check_row(&rows[i]);
	check_broken_folder();
	check_bundled();
	check_warnings();
	check_missing();
	check_no_yaml();
	return check_done();
}
