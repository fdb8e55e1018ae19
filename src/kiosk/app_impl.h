/* app_impl: the kiosk's state, shared by the files of its loop and by nothing else:
 * app.c (the loop, start and stop), app_speech.c (what is said and its highlighting),
 * app_ahead.c (drawing the next screens ahead), app_admin.c (the facilitators' mode). */
#ifndef PV_APP_IMPL_H
#define PV_APP_IMPL_H

#include <SDL.h>
#include <stdbool.h>

#include "admin/adminui.h"
#include "base/util.h"
#include "content/config.h"
#include "content/content.h"
#include "i18n/i18n.h"
#include "kiosk/app.h"
#include "kiosk/audio_sdl.h"
#include "kiosk/render.h"
#include "layout/layout.h"
#include "session/person.h"
#include "session/screen.h"
#include "session/session.h"
#include "session/trace.h"
#include "speech/speech.h"
#include "store/store.h"

struct app {
	struct config cfg;
	struct i18n *i18n;       /* NULL: the source texts only (the language list is broken) */
	const char *languages[I18N_MAX_LANGUAGES];
	bool voiceless[I18N_MAX_LANGUAGES]; /* no voice for this language: shown, not spoken */
	size_t nlanguages;
	const char *lang;        /* the kiosk's default language */
	struct content *content;
	struct store *store;
	struct person_key *person_key; /* NULL: no personal codes */
	struct adminui *admin;    /* the facilitators' mode */
	int gesture;             /* corners of the admin gesture touched so far */
	Uint32 gesture_t0;
	struct trace *trace;
	struct session *session;
	struct render *render;
	struct speech *speech;
	struct audio_sdl *audio; /* open only off the silent welcome screen */
	bool audio_failed;       /* no device: said once in the log, not tried again */
	Uint32 wake_event;

	struct screen screen;
	struct layout *layout;   /* of screen on the window, or NULL until needed (current_layout) */
	struct highlight hl;    /* what is being said, framed and its word marked */
	unsigned spoken_seq;    /* the session's speak request last acted on */
	struct utterance said[SCREEN_MAX_UTTERANCES]; /* what speech is saying now */
	size_t nsaid;
	unsigned speech_seq;    /* speech_say's number for `said` */
	bool dirty;             /* something on screen changed: draw */
	bool screen_changed;    /* the screen's content changed: trace it */
	struct app_hooks hooks;
	const struct questionnaire *offered[CONFIG_MAX_OFFERED];
	bool preparing;         /* pictograms of a likely next screen are being drawn ahead */
	bool checkpointed;      /* the database's log was emptied since the welcome screen came */
	const char *content_dir;
	char last_target[80];   /* the target last touched, and when (SDL ticks) */
	Uint32 last_touch;
};


/* app.c */
void app_rebuild(struct app *a);
void app_today(void *ud, char day[DAY_LEN + 1]);

/* app_speech.c: what the session asks to say, said; its words marked as they are heard. */
void app_voice_start(struct app *a);
void app_audio_want(struct app *a, bool on);
void app_speech_start(struct app *a);
void app_speech_stop(struct app *a);
void app_speech_events(struct app *a);

/* app_ahead.c: the pictograms and texts of the screens one touch away, drawn between touches. */
void app_ahead_prepare(struct app *a, int w, int h);

/* app_admin.c */
struct adminui *app_admin_create(struct app *a);
bool app_admin_open(const struct app *a);
/* True when ev was a touch of the admin gesture (it does nothing else). */
bool app_admin_gesture(struct app *a, const SDL_Event *ev);

#endif
