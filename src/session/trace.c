#include "session/trace.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct trace {
	FILE *f;
	double t0;
};

struct trace *trace_open(const char *path, char *err, size_t n)
{
	FILE *f = fopen(path, "a");
	if (!f) {
		pv_err(err, n, "%s: cannot open the trace: %s", path, strerror(errno));
		return NULL;
	}
	struct trace *t = xcalloc(1, sizeof *t);
	t->f = f;
	t->t0 = clock_ms();
	return t;
}

void trace_close(struct trace *t)
{
	if (!t)
		return;
	fclose(t->f);
	free(t);
}

static cJSON *begin(struct trace *t, const char *event)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "event", event);
	cJSON_AddNumberToObject(o, "t_ms", (double)(long)(clock_ms() - t->t0));
	return o;
}

static void finish(struct trace *t, cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	if (s) {
		fputs(s, t->f);
		fputc('\n', t->f);
		fflush(t->f);
		cJSON_free(s);
	}
	cJSON_Delete(o);
}

static void add_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

void trace_screen(struct trace *t, const struct screen *sc, const struct rect *rects, int w, int h)
{
	if (!t)
		return;
	cJSON *o = begin(t, "screen");
	cJSON_AddStringToObject(o, "kind", screen_kind_name(sc->kind));
	add_str(o, "questionnaire", sc->questionnaire);
	add_str(o, "question", sc->question);
	add_str(o, "text_shown", sc->text);
	size_t len = screen_spoken_text(sc, NULL, 0);
	char *spoken = xmalloc(len + 1);
	screen_spoken_text(sc, spoken, len + 1);
	cJSON_AddStringToObject(o, "text_spoken", spoken);
	free(spoken);
	add_str(o, "problem", sc->problem);
	if (sc->detail)
		add_str(o, "detail", sc->detail);
	cJSON_AddNumberToObject(o, "volume", sc->volume);
	add_str(o, "lang", sc->lang);
	cJSON_AddBoolToObject(o, "rtl", sc->rtl);
	cJSON *settings = cJSON_AddObjectToObject(o, "settings");
	cJSON_AddBoolToObject(settings, "slower", sc->slower);
	cJSON_AddBoolToObject(settings, "larger", sc->larger);
	cJSON_AddBoolToObject(settings, "contrast", sc->contrast);
	cJSON_AddNumberToObject(o, "width", w);
	cJSON_AddNumberToObject(o, "height", h);
	/* The places of a personal code: how many are filled, never with what. */
	bool code = sc->kind == SCREEN_CODE || sc->kind == SCREEN_CODE_RESULT;
	if (sc->nrow) {
		cJSON *row = cJSON_AddArrayToObject(o, "row");
		for (size_t i = 0; i < sc->nrow; i++)
			cJSON_AddItemToArray(row, !sc->row[i] ? cJSON_CreateNull()
			                          : code      ? cJSON_CreateString("?")
			                                      : cJSON_CreateString(sc->row[i]));
	}
	if (sc->chart.n) {
		cJSON *chart = cJSON_AddObjectToObject(o, "chart");
		cJSON *branches = cJSON_AddArrayToObject(chart, "branches");
		for (size_t i = 0; i < sc->chart.n; i++) {
			cJSON *b = cJSON_CreateObject();
			add_str(b, "pictogram", sc->chart.picto[i]);
			cJSON_AddNumberToObject(b, "first", sc->chart.first[i]);
			cJSON_AddNumberToObject(b, "latest", sc->chart.latest[i]);
			cJSON_AddItemToArray(branches, b);
		}
		cJSON_AddNumberToObject(chart, "max", sc->chart.max);
		cJSON_AddBoolToObject(chart, "has_first", sc->chart.has_first);
	}
	cJSON *targets = cJSON_AddArrayToObject(o, "targets");
	for (size_t i = 0; i < sc->ntargets; i++) {
		const struct target *g = &sc->targets[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "id", g->id);
		cJSON_AddStringToObject(j, "role", target_role_name(g->role));
		add_str(j, "label", g->label);
		add_str(j, "lang", g->lang);
		cJSON_AddBoolToObject(j, "selected", g->selected);
		cJSON_AddBoolToObject(j, "enabled", g->enabled);
		const struct rect z = { 0, 0, 0, 0 }, *rc = rects ? &rects[i] : &z;
		const int r[4] = { rc->x, rc->y, rc->w, rc->h };
		cJSON_AddItemToObject(j, "rect", cJSON_CreateIntArray(r, 4));
		cJSON_AddItemToArray(targets, j);
	}
	finish(t, o);
}

void trace_speech(struct trace *t, bool start, const char *text, const char *target_id, const char *lang)
{
	if (!t)
		return;
	cJSON *o = begin(t, start ? "speech_start" : "speech_end");
	add_str(o, "text", text);
	add_str(o, "target", target_id);
	add_str(o, "lang", lang);
	finish(t, o);
}

void trace_word(struct trace *t, const char *text, size_t at, size_t len, const char *target_id)
{
	if (!t)
		return;
	cJSON *o = begin(t, "word");
	char *word = xstrndup(text + at, len);
	add_str(o, "word", word);
	free(word);
	cJSON_AddNumberToObject(o, "at", (double)at);
	add_str(o, "text", text);
	add_str(o, "target", target_id);
	finish(t, o);
}

void trace_answer(struct trace *t, const struct store_session *ss, const char *question, bool refused,
                  const char *const *values, size_t nvalues)
{
	if (!t)
		return;
	cJSON *o = begin(t, "answer");
	cJSON_AddStringToObject(o, "session", ss->id);
	cJSON_AddStringToObject(o, "questionnaire", ss->questionnaire);
	cJSON_AddStringToObject(o, "question", question);
	cJSON_AddBoolToObject(o, "refused", refused);
	cJSON_AddItemToObject(o, "values", cJSON_CreateStringArray(values, (int)nvalues));
	finish(t, o);
}

void trace_session_end(struct trace *t, const struct store_session *ss, const char *why)
{
	if (!t)
		return;
	cJSON *o = begin(t, "session_end");
	cJSON_AddStringToObject(o, "session", ss->id);
	cJSON_AddBoolToObject(o, "saved", ss->saved);
	cJSON_AddStringToObject(o, "reason", why);
	finish(t, o);
}

void trace_event(struct trace *t, const char *name, const char *detail)
{
	if (!t)
		return;
	cJSON *o = begin(t, name);
	add_str(o, "detail", detail);
	finish(t, o);
}
