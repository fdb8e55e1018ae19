/* trace: one JSON object per line describing what the kiosk presented, said and stored, for
 * tests and assistive tools. Each line is flushed as it is written. */
#ifndef PV_TRACE_H
#define PV_TRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "session/screen.h"
#include "store/store.h"

struct trace;

struct trace *trace_open(const char *path, char *err, size_t n); /* appends */
void trace_close(struct trace *t);

/* A screen presented in a w x h window; rects[i] is where target i is (from the layout; NULL:
 * none known). */
void trace_screen(struct trace *t, const struct screen *sc, const struct rect *rects, int w, int h);
void trace_speech(struct trace *t, bool start, const char *text, const char *target_id, const char *lang);
/* The word now heard: bytes [at, at + len) of text, written in target_id (NULL: the main text). */
void trace_word(struct trace *t, const char *text, size_t at, size_t len, const char *target_id);
void trace_answer(struct trace *t, const struct store_session *ss, const char *question, bool refused,
                  const char *const *values, size_t nvalues);
void trace_session_end(struct trace *t, const struct store_session *ss, const char *why);
/* Anything else worth a line: {"event": name, "detail": detail}. */
void trace_event(struct trace *t, const char *name, const char *detail);

#endif
