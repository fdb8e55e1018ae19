#include "content/content.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/bidi.h"
#include "content/falc.h"
#include "base/util.h"
#include "content/yamlx.h"

struct content {
	struct questionnaire *items;
	size_t n;
	char *pictodir;
};

static const char *const type_names[] = {
	[QT_SINGLE] = "single", [QT_MULTIPLE] = "multiple", [QT_SCALE3] = "scale3",
	[QT_SCALE5] = "scale5", [QT_YESNO] = "yesno",       [QT_INFO] = "info", [QT_STEPS] = "steps",
};

const char *question_type_name(enum question_type t)
{
	return type_names[t];
}

bool question_is_multiple(const struct question *q)
{
	return q->type == QT_MULTIPLE;
}

/* Built-in choices: scales go from worst to best, left to right, and store numbers so that
 * reports can average them; labels are the kiosk's own words, translated in locales/. */
struct default_choice {
	const char *id;
	enum ui_text label;
	const char *pictogram;
};
static const struct default_choice scale3[] = {
	{ "1", UI_SCALE3_1, "face-2" }, { "2", UI_SCALE3_2, "face-3" }, { "3", UI_SCALE3_3, "face-4" }
};
static const struct default_choice scale5[] = {
	{ "1", UI_SCALE5_1, "face-1" }, { "2", UI_SCALE5_2, "face-2" }, { "3", UI_SCALE5_3, "face-3" },
	{ "4", UI_SCALE5_4, "face-4" }, { "5", UI_SCALE5_5, "face-5" },
};
static const struct default_choice steps[] = {
	{ "1", UI_STEPS_1, "step-not-yet" }, { "2", UI_STEPS_2, "step-a-little" },
	{ "3", UI_STEPS_3, "step-yes" },     { "4", UI_STEPS_4, "step-teach" },
};
static const struct default_choice yesno[] = {
	{ "yes", UI_YES, "yes" }, { "no", UI_NO, "no" }, { "dont_know", UI_DONT_KNOW, "dont-know" }
};

struct loader {
	struct yamlx y;
	const char *pictodir;
	const char *qid; /* the questionnaire's id: the first part of every text's key */
};

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CONTENT_MAX_ID_BYTES)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '_' || c == '-') && i);
		if (!ok)
			return false;
	}
	return true;
}

static bool check_id(struct loader *L, yaml_node_t *map, const char *key, const char *id)
{
	if (valid_id(id))
		return true;
	yamlx_error(&L->y, yamlx_get(&L->y, map, key),
	            "'%s' is not a valid id: use 1 to %d lower-case letters, digits, '-' or '_'", id,
	            CONTENT_MAX_ID_BYTES);
	return false;
}

static void falc_report(void *ud, const char *message)
{
	void **a = ud;
	struct loader *L = a[0];
	yamlx_warn(&L->y, a[1], "%s (easy-to-read rule)", message);
}

/* A text a person hears and sees: at most max bytes, no control characters; easy-to-read
 * rules as warnings. */
static bool check_text(struct loader *L, yaml_node_t *map, const char *key, const char *text, size_t max)
{
	yaml_node_t *n = yamlx_get(&L->y, map, key);
	size_t len = strlen(text);
	if (len > max) {
		yamlx_error(&L->y, n, "'%s' is %zu bytes long: at most %zu; say less, or split it", key, len, max);
		return false;
	}
	for (size_t i = 0; i < len;) {
		/* C0 controls but the line break, DEL, and C1 controls (U+0080 to U+009F). */
		uint32_t code = utf8_next(text, len, &i);
		if ((code < 0x20 && code != '\n') || (code >= 0x7f && code <= 0x9f)) {
			yamlx_error(&L->y, n, "'%s' contains a control character (0x%02x)", key, (unsigned)code);
			return false;
		}
	}
	void *ud[2] = { L, n };
	falc_check(text, falc_report, ud);
	return true;
}

static bool check_pictogram(struct loader *L, yaml_node_t *map, const char *name)
{
	yaml_node_t *n = yamlx_get(&L->y, map, "pictogram");
	if (!valid_id(name) || strstr(name, "..")) {
		yamlx_error(&L->y, n, "'%s' is not a pictogram name: use the file name without .svg", name);
		return false;
	}
	char *file = xasprintf("%s.svg", name);
	char *path = path_join(L->pictodir, file);
	bool ok = path_is_file(path);
	if (!ok)
		yamlx_error(&L->y, n, "unknown pictogram '%s': no file %s", name, path);
	free(path);
	free(file);
	return ok;
}

static void choice_free(struct choice *c)
{
	free(c->id);
	free(c->key);
	free(c->label);
	free(c->pictogram);
	free(c->value);
}

static void condition_free(struct condition *w)
{
	if (!w)
		return;
	free(w->question);
	for (size_t i = 0; i < w->nvalues; i++)
		free(w->values[i]);
	free(w->values);
	free(w);
}

static void question_free(struct question *q)
{
	free(q->id);
	free(q->key);
	free(q->text);
	free(q->short_name);
	free(q->short_key);
	free(q->indicator);
	free(q->pictogram);
	for (size_t i = 0; i < q->nchoices; i++)
		choice_free(&q->choices[i]);
	free(q->choices);
	condition_free(q->when);
}

static void questionnaire_free(struct questionnaire *q)
{
	free(q->id);
	free(q->title_key);
	free(q->title);
	free(q->pictogram);
	free(q->language);
	free(q->path);
	for (size_t i = 0; i < q->nquestions; i++)
		question_free(&q->questions[i]);
	free(q->questions);
}

static bool load_choice(struct loader *L, yaml_node_t *node, struct question *q, struct choice *c)
{
	static const char *const keys[] = { "id", "label", "pictogram", "value", NULL };
	if (node->type != YAML_MAPPING_NODE) {
		yamlx_error(&L->y, node, "a choice must be a mapping with id, label and pictogram");
		return false;
	}
	bool ok = yamlx_check_keys(&L->y, node, keys, "a choice");
	const char *id = NULL, *label = NULL, *picto = NULL, *value = NULL;
	ok &= yamlx_str(&L->y, node, "id", true, &id);
	ok &= yamlx_str(&L->y, node, "label", true, &label);
	ok &= yamlx_str(&L->y, node, "pictogram", false, &picto);
	ok &= yamlx_str(&L->y, node, "value", false, &value);
	if (id && !check_id(L, node, "id", id))
		ok = false;
	if (label && !check_text(L, node, "label", label, CONTENT_MAX_LABEL_BYTES))
		ok = false;
	if (picto && !check_pictogram(L, node, picto))
		ok = false;
	if (!picto && label)
		yamlx_warn(&L->y, node, "choice '%s' has no pictogram: a person who does not read needs one",
		           id ? id : "?");
	if (label && falc_words(label) > 3)
		yamlx_warn(&L->y, yamlx_get(&L->y, node, "label"),
		           "label of %zu words: keep to 3 at most, one or two fit best under a pictogram", falc_words(label));
	for (size_t i = 0; ok && i < q->nchoices; i++) {
		if (str_eq(q->choices[i].id, id)) {
			yamlx_error(&L->y, yamlx_get(&L->y, node, "id"), "duplicate choice id '%s'", id);
			ok = false;
		} else if (str_eq(q->choices[i].value, value ? value : id)) {
			yamlx_error(&L->y, node, "duplicate value '%s' in question '%s'", value ? value : id,
			            q->id);
			ok = false;
		}
	}
	if (!ok)
		return false;
	c->id = xstrdup(id);
	c->key = xasprintf("%s.%s", q->key, id);
	c->label = xstrdup(label);
	c->builtin = -1;
	c->pictogram = picto ? xstrdup(picto) : NULL;
	c->value = xstrdup(value ? value : id);
	return true;
}

static bool default_choices(struct loader *L, yaml_node_t *qnode, struct question *q,
                            const struct default_choice *d, size_t n)
{
	/* The built-in faces and yes/no pictograms must be in this content's pictogram folder too. */
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		char *file = xasprintf("%s.svg", d[i].pictogram);
		char *path = path_join(L->pictodir, file);
		if (!path_is_file(path)) {
			yamlx_error(&L->y, yamlx_get(&L->y, qnode, "type"),
			            "type %s needs pictogram '%s': no file %s", question_type_name(q->type),
			            d[i].pictogram, path);
			ok = false;
		}
		free(path);
		free(file);
	}
	if (!ok)
		return false;
	q->choices = xcalloc(n, sizeof *q->choices);
	q->nchoices = n;
	for (size_t i = 0; i < n; i++) {
		q->choices[i].id = xstrdup(d[i].id);
		q->choices[i].value = xstrdup(d[i].id);
		q->choices[i].key = xstrdup(ui_texts[d[i].label].key);
		q->choices[i].label = xstrdup(ui_texts[d[i].label].msgid);
		q->choices[i].builtin = (int)d[i].label;
		q->choices[i].pictogram = xstrdup(d[i].pictogram);
	}
	return true;
}

static bool load_choices(struct loader *L, yaml_node_t *qnode, struct question *q)
{
	yaml_node_t *seq = yamlx_seq(&L->y, qnode, "choices", false);
	bool given = yamlx_get(&L->y, qnode, "choices") != NULL;
	if (given && !seq)
		return false;
	size_t n = yamlx_seq_len(seq);
	size_t want_min = 2, want_max = CONTENT_MAX_CHOICES;
	const struct default_choice *dflt = NULL;
	switch (q->type) {
	case QT_INFO:
		if (given) {
			yamlx_error(&L->y, seq, "an info screen has no choices");
			return false;
		}
		return true;
	case QT_SCALE3: dflt = scale3, want_min = want_max = 3; break;
	case QT_SCALE5: dflt = scale5, want_min = want_max = 5; break;
	case QT_YESNO: dflt = yesno, want_min = want_max = 3; break;
	case QT_STEPS: dflt = steps, want_min = want_max = 4; break;
	case QT_SINGLE:
	case QT_MULTIPLE: break;
	}
	if (!given && dflt)
		return default_choices(L, qnode, q, dflt, want_max);
	if (!given) {
		yamlx_error(&L->y, qnode, "question '%s' of type %s needs 'choices'", q->id,
		            question_type_name(q->type));
		return false;
	}
	if (n < want_min || n > want_max) {
		if (want_min == want_max)
			yamlx_error(&L->y, seq, "type %s takes exactly %zu choices, not %zu",
			            question_type_name(q->type), want_min, n);
		else
			yamlx_error(&L->y, seq, "a question takes %zu to %zu choices, not %zu", want_min,
			            want_max, n);
		return false;
	}
	q->choices = xcalloc(n, sizeof *q->choices);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct choice c = { 0 };
		if (load_choice(L, yamlx_seq_item(&L->y, seq, i), q, &c))
			q->choices[q->nchoices++] = c;
		else
			ok = false;
	}
	return ok;
}

int questionnaire_find_question(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; i < q->nquestions; i++)
		if (str_eq(q->questions[i].id, id))
			return (int)i;
	return -1;
}

int question_find_value(const struct question *q, const char *value)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (str_eq(q->choices[i].value, value))
			return (int)i;
	return -1;
}

static bool load_when(struct loader *L, yaml_node_t *qnode, struct questionnaire *qn,
                      struct question *q)
{
	static const char *const keys[] = { "question", "equals", "in", NULL };
	yaml_node_t *w = yamlx_get(&L->y, qnode, "when");
	if (!w)
		return true;
	if (w->type != YAML_MAPPING_NODE) {
		yamlx_error(&L->y, w, "'when' must be a mapping: {question: ID, equals: VALUE}");
		return false;
	}
	bool ok = yamlx_check_keys(&L->y, w, keys, "'when'");
	const char *qid = NULL, *eq = NULL;
	ok &= yamlx_str(&L->y, w, "question", true, &qid);
	ok &= yamlx_str(&L->y, w, "equals", false, &eq);
	yaml_node_t *in = yamlx_get(&L->y, w, "in");
	if (!ok)
		return false;
	if (!eq == !in) {
		yamlx_error(&L->y, w, "'when' needs one of 'equals' or 'in'%s", eq ? ", not both" : "");
		return false;
	}
	if (in && (in->type != YAML_SEQUENCE_NODE || yamlx_seq_len(in) == 0)) {
		yamlx_error(&L->y, in, "'in' must be a list of values");
		return false;
	}
	int target = questionnaire_find_question(qn, qid);
	yaml_node_t *qidnode = yamlx_get(&L->y, w, "question");
	if (target < 0) {
		yamlx_error(&L->y, qidnode, "'when' names question '%s', which is not an earlier question",
		            qid);
		return false;
	}
	const struct question *t = &qn->questions[target];
	if (t->type == QT_INFO) {
		yamlx_error(&L->y, qidnode, "'when' names '%s', an info screen, which has no answer", qid);
		return false;
	}
	struct condition *c = xcalloc(1, sizeof *c);
	c->question = xstrdup(qid);
	c->question_index = (size_t)target;
	size_t n = in ? yamlx_seq_len(in) : 1;
	c->values = xcalloc(n, sizeof *c->values);
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *vn = in ? yamlx_seq_item(&L->y, in, i) : yamlx_get(&L->y, w, "equals");
		const char *v = yamlx_scalar(vn);
		if (!v || question_find_value(t, v) < 0) {
			yamlx_error(&L->y, vn, "'when' names value '%s', which question '%s' does not offer",
			            v ? v : "", qid);
			ok = false;
			continue;
		}
		c->values[c->nvalues++] = xstrdup(v);
	}
	if (!ok) {
		condition_free(c);
		return false;
	}
	q->when = c;
	return true;
}

static bool parse_type(const char *s, enum question_type *t)
{
	for (size_t i = 0; i < PV_ARRAY_LEN(type_names); i++)
		if (str_eq(s, type_names[i])) {
			*t = (enum question_type)i;
			return true;
		}
	return false;
}

static bool load_question(struct loader *L, yaml_node_t *node, struct questionnaire *qn,
                          struct question *q)
{
	static const char *const keys[] = { "id",   "type",  "text",      "pictogram", "choices",
		                            "when", "short", "indicator", NULL };
	if (node->type != YAML_MAPPING_NODE) {
		yamlx_error(&L->y, node, "a question must be a mapping with id, type and text");
		return false;
	}
	bool ok = yamlx_check_keys(&L->y, node, keys, "a question");
	const char *id = NULL, *type = NULL, *text = NULL, *picto = NULL, *shortname = NULL, *indicator = NULL;
	ok &= yamlx_str(&L->y, node, "short", false, &shortname);
	ok &= yamlx_str(&L->y, node, "indicator", false, &indicator);
	ok &= yamlx_str(&L->y, node, "id", true, &id);
	ok &= yamlx_str(&L->y, node, "type", true, &type);
	ok &= yamlx_str(&L->y, node, "text", true, &text);
	ok &= yamlx_str(&L->y, node, "pictogram", false, &picto);
	if (!id)
		return false;
	if (!check_id(L, node, "id", id))
		ok = false;
	if (questionnaire_find_question(qn, id) >= 0) {
		yamlx_error(&L->y, yamlx_get(&L->y, node, "id"), "duplicate question id '%s'", id);
		ok = false;
	}
	q->id = xstrdup(id);
	q->key = xasprintf("%s.%s", L->qid, id);
	if (type && !parse_type(type, &q->type)) {
		yamlx_error(&L->y, yamlx_get(&L->y, node, "type"),
		            "unknown type '%s': use single, multiple, scale3, scale5, yesno, steps or info", type);
		ok = false;
		type = NULL;
	}
	if (text && check_text(L, node, "text", text, CONTENT_MAX_TEXT_BYTES))
		q->text = xstrdup(text);
	else
		ok = false;
	if (picto && check_pictogram(L, node, picto))
		q->pictogram = xstrdup(picto);
	else if (picto)
		ok = false;
	if (shortname && check_text(L, node, "short", shortname, CONTENT_MAX_LABEL_BYTES)) {
		q->short_name = xstrdup(shortname);
		q->short_key = xasprintf("%s.short", q->key);
		if (falc_words(shortname) > 3)
			yamlx_warn(&L->y, yamlx_get(&L->y, node, "short"), "a short name of %zu words: keep to 3 at most",
			           falc_words(shortname));
	} else if (shortname) {
		ok = false;
	}
	if (type)
		ok &= load_choices(L, node, q);
	if (indicator) {
		/* The satisfaction rate counts the happiest faces: it needs a face scale. */
		if (strcmp(indicator, "satisfaction") != 0 || (q->type != QT_SCALE5 && q->type != QT_SCALE3)) {
			yamlx_error(&L->y, yamlx_get(&L->y, node, "indicator"),
			            "'indicator: %s': the one indicator is 'satisfaction', on a scale3 or scale5 question",
			            indicator);
			ok = false;
		} else {
			q->indicator = xstrdup(indicator);
		}
	}
	ok &= load_when(L, node, qn, q);
	return ok;
}

int choice_number(const struct choice *c)
{
	char *end;
	long v = strtol(c->value, &end, 10);
	return *c->value && !*end && v >= 1 && v <= 99 ? (int)v : 0;
}

/* What is shown after a linked questionnaire: a star of its questions' steps, or a row of the
 * faces one question was answered with, week after week. */
static bool load_progress(struct loader *L, yaml_node_t *root, struct questionnaire *qn)
{
	const char *kind = NULL, *qid = NULL;
	qn->progress_question = -1;
	if (!yamlx_str(&L->y, root, "progress", false, &kind) ||
	    !yamlx_str(&L->y, root, "progress_question", false, &qid))
		return false;
	yaml_node_t *at = yamlx_get(&L->y, root, "progress");
	if (!kind) {
		if (qid)
			yamlx_error(&L->y, yamlx_get(&L->y, root, "progress_question"), "'progress_question' goes with 'progress: mood'");
		return !qid;
	}
	if (!qn->linked) {
		yamlx_error(&L->y, at, "'progress' needs 'linked: true': progress is a person's, found by their code");
		return false;
	}
	if (str_eq(kind, "star")) {
		qn->progress = PROGRESS_STAR;
		size_t branches = 0;
		for (size_t i = 0; i < qn->nquestions; i++) {
			const struct question *q = &qn->questions[i];
			if (q->type == QT_INFO)
				continue;
			bool numbers = !question_is_multiple(q);
			for (size_t c = 0; c < q->nchoices && numbers; c++)
				numbers = choice_number(&q->choices[c]) > 0;
			if (!q->short_name || !numbers) {
				yamlx_error(&L->y, at, "progress: star needs each question to have a 'short' name and "
				                       "answers that are numbers (steps); '%s' has not", q->id);
				return false;
			}
			branches++;
		}
		if (branches < CONTENT_MIN_STAR_BRANCHES || branches > CONTENT_MAX_STAR_BRANCHES) {
			yamlx_error(&L->y, at, "a star has %d to %d branches (questions), not %zu",
			            CONTENT_MIN_STAR_BRANCHES, CONTENT_MAX_STAR_BRANCHES, branches);
			return false;
		}
		return true;
	}
	if (str_eq(kind, "mood")) {
		qn->progress = PROGRESS_MOOD;
		int i = qid ? questionnaire_find_question(qn, qid) : -1;
		if (i < 0 || (qn->questions[i].type != QT_SCALE3 && qn->questions[i].type != QT_SCALE5)) {
			yamlx_error(&L->y, qid ? yamlx_get(&L->y, root, "progress_question") : at,
			            "progress: mood needs 'progress_question' naming a scale3 or scale5 question");
			return false;
		}
		qn->progress_question = i;
		return true;
	}
	yamlx_error(&L->y, at, "unknown progress '%s': use star or mood", kind);
	return false;
}

static bool load_questionnaire(struct loader *L, struct questionnaire *qn)
{
	static const char *const keys[] = { "id",        "version",   "title",    "pictogram",      "language",
		                            "questions", "falc_tested", "linked", "progress", "progress_question",
		                            NULL };
	yaml_node_t *root = yamlx_root(&L->y);
	if (!root)
		return false;
	if (root->type != YAML_MAPPING_NODE) {
		yamlx_error(&L->y, root, "a questionnaire must be a mapping with id, version, title and questions");
		return false;
	}
	bool ok = yamlx_check_keys(&L->y, root, keys, "a questionnaire");
	const char *id = NULL, *title = NULL, *picto = NULL, *lang = "fr";
	long version = 0;
	bool tested = false;
	ok &= yamlx_str(&L->y, root, "id", true, &id);
	ok &= yamlx_int(&L->y, root, "version", true, 1, 1000000, &version);
	ok &= yamlx_str(&L->y, root, "title", true, &title);
	ok &= yamlx_str(&L->y, root, "pictogram", true, &picto);
	ok &= yamlx_str(&L->y, root, "language", false, &lang);
	ok &= yamlx_bool(&L->y, root, "falc_tested", &tested);
	ok &= yamlx_bool(&L->y, root, "linked", &qn->linked);
	if (id && !check_id(L, root, "id", id))
		ok = false;
	if (title && !check_text(L, root, "title", title, CONTENT_MAX_LABEL_BYTES))
		ok = false;
	if (picto && !check_pictogram(L, root, picto))
		ok = false;
	L->qid = id ? id : "";
	yaml_node_t *seq = yamlx_seq(&L->y, root, "questions", true);
	size_t n = yamlx_seq_len(seq);
	if (seq && n == 0) {
		yamlx_error(&L->y, seq, "'questions' is empty");
		ok = false;
	}
	qn->questions = xcalloc(n, sizeof *qn->questions);
	size_t answerable = 0;
	for (size_t i = 0; i < n; i++) {
		struct question *q = &qn->questions[qn->nquestions];
		memset(q, 0, sizeof *q);
		bool qok = load_question(L, yamlx_seq_item(&L->y, seq, i), qn, q);
		if (q->id) {
			qn->nquestions++; /* kept even when broken, so later `when`s find it */
			answerable += q->type != QT_INFO;
		}
		ok &= qok;
	}
	if (seq && n && ok && !answerable) {
		yamlx_error(&L->y, seq, "every question is an info screen: nothing to answer");
		ok = false;
	}
	if (ok)
		ok = load_progress(L, root, qn);
	qn->id = xstrdup(id ? id : "");
	qn->version = version;
	qn->title = xstrdup(title ? title : "");
	qn->title_key = xstrdup(qn->id);
	qn->pictogram = xstrdup(picto ? picto : "");
	qn->language = xstrdup(lang);
	return ok;
}

static struct content *content_new(const char *pictodir)
{
	struct content *c = xcalloc(1, sizeof *c);
	c->pictodir = xstrdup(pictodir);
	return c;
}

static void load_file(struct content *c, const char *path, struct diags *d)
{
	struct loader L = { .pictodir = c->pictodir };
	struct questionnaire qn = { 0 };
	size_t errors_before = diags_errors(d);
	if (yamlx_load(&L.y, path, d) == 0 && load_questionnaire(&L, &qn) &&
	    diags_errors(d) == errors_before) {
		yaml_node_t *id = yamlx_get(&L.y, yamlx_root(&L.y), "id");
		for (size_t i = 0; i < c->n; i++) {
			if (str_eq(c->items[i].id, qn.id)) {
				diags_add(d, DIAG_ERROR, path, yamlx_line(id), yamlx_col(id),
				          "duplicate questionnaire id '%s' (also in %s)", qn.id, c->items[i].path);
				goto drop;
			}
		}
		if (c->n == CONTENT_MAX_QUESTIONNAIRES) {
			diags_add(d, DIAG_ERROR, path, yamlx_line(id), yamlx_col(id),
			          "questionnaire '%s' is one too many: a content folder holds at most %d questionnaires "
			          "(the menu shows a card for each)",
			          qn.id, CONTENT_MAX_QUESTIONNAIRES);
			goto drop;
		}
		qn.path = xstrdup(path);
		c->items = xrealloc(c->items, (c->n + 1) * sizeof *c->items);
		c->items[c->n++] = qn;
		yamlx_free(&L.y);
		return;
	}
drop:
	questionnaire_free(&qn);
	yamlx_free(&L.y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct content *content_load_files(const char *const *files, size_t n, const char *pictodir,
                                   struct diags *d)
{
	struct content *c = content_new(pictodir);
	if (!path_is_dir(pictodir))
		diags_add(d, DIAG_ERROR, pictodir, 0, 0, "no pictogram folder here");
	else
		for (size_t i = 0; i < n; i++)
			load_file(c, files[i], d);
	if (diags_errors(d)) {
		content_destroy(c);
		return NULL;
	}
	return c;
}

struct content *content_load_folder(const char *qdir, const char *pictodir, struct diags *d)
{
	DIR *dh = opendir(qdir);
	if (!dh) {
		diags_add(d, DIAG_ERROR, qdir, 0, 0, "no questionnaire folder here");
		return NULL;
	}
	char **files = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(dh));) {
		if (e->d_name[0] == '.' || !(str_has_suffix(e->d_name, ".yaml") || str_has_suffix(e->d_name, ".yml")))
			continue;
		files = xrealloc(files, (n + 1) * sizeof *files);
		files[n++] = path_join(qdir, e->d_name);
	}
	closedir(dh);
	if (n)
		qsort(files, n, sizeof *files, cmp_str); /* the menu's order is the files' order */
	struct content *c = NULL;
	if (n == 0)
		diags_add(d, DIAG_ERROR, qdir, 0, 0, "no questionnaire (*.yaml) in this folder");
	else
		c = content_load_files((const char *const *)files, n, pictodir, d);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return c;
}

struct content *content_load_dir(const char *dir, const char *pictodir, struct diags *d)
{
	char *qdir = path_join(dir, "questionnaires");
	char *pdir = pictodir ? xstrdup(pictodir) : path_join(dir, "pictograms");
	struct content *c = content_load_folder(qdir, pdir, d);
	free(qdir);
	free(pdir);
	return c;
}

void content_destroy(struct content *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		questionnaire_free(&c->items[i]);
	free(c->items);
	free(c->pictodir);
	free(c);
}

size_t content_count(const struct content *c)
{
	return c->n;
}

const struct questionnaire *content_get(const struct content *c, size_t i)
{
	return i < c->n ? &c->items[i] : NULL;
}

const struct questionnaire *content_find(const struct content *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (str_eq(c->items[i].id, id))
			return &c->items[i];
	return NULL;
}

const char *content_pictodir(const struct content *c)
{
	return c->pictodir;
}
