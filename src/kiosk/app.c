#include "kiosk/app.h"

#include <assert.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "kiosk/app_impl.h"
#include "kiosk/input.h"

/* A second touch on the same target this soon is a double tap or a shaking hand, not a new
 * intent. The confirm button stays in the same place, so a double tap must not answer twice. */
#define REPEAT_TOUCH_MS 350
/* A touch answered later than this found the screen frozen. */
#define FROZEN_MS 250

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static double now_ms(void *ud)
{
	(void)ud;
	return clock_ms();
}

void app_today(void *ud, char day[DAY_LEN + 1])
{
	(void)ud;
	day_today(day);
}

static void on_stored(void *ud, const struct store_session *ss, const char *question, bool refused,
                      const char *const *values, size_t nvalues)
{
	struct app *a = ud;
	trace_answer(a->trace, ss, question, refused, values, nvalues);
}

static void on_ended(void *ud, const struct store_session *ss, enum store_end why)
{
	struct app *a = ud;
	trace_session_end(a->trace, ss, store_end_name(why));
}

static int hash_code(void *ud, const int code[4], char out[33])
{
	struct app *a = ud;
	return person_id(a->person_key, code, out);
}

/* The screen as laid out on the window now, made when first needed (a touch, a frame) after
 * the screen, the window or what is highlighted changed. Input hit-tests in it: the screen
 * stays what the session made. */
static struct layout *current_layout(struct app *a)
{
	if (!a->layout) {
		int w, h;
		render_size(a->render, &w, &h);
		a->layout = layout_create(&a->screen, w, h, a->hl, render_measure, a->render);
	}
	return a->layout;
}

static void layout_stale(struct app *a)
{
	layout_destroy(a->layout);
	a->layout = NULL;
}

static void draw(struct app *a)
{
	int w, h;
	render_size(a->render, &w, &h);
	layout_stale(a); /* the highlight may have moved since */
	const struct layout *l = current_layout(a);
	/* Not drawn again at once: what cannot be drawn would be tried at every step. */
	if (render_draw(a->render, l) != 0)
		log_debug("part of the %s screen was not drawn (render said why)", screen_kind_name(a->screen.kind));
	if (a->hooks.presented)
		a->hooks.presented(a->hooks.ud, &a->screen);
	if (a->screen_changed) {
		struct rect rects[SCREEN_MAX_TARGETS];
		for (size_t i = 0; i < a->screen.ntargets; i++)
			rects[i] = layout_target_rect(l, i);
		trace_screen(a->trace, &a->screen, rects, w, h);
		app_ahead_prepare(a, w, h);
	}
	a->screen_changed = false;
	a->dirty = false;
}

void app_rebuild(struct app *a)
{
	screen_release(&a->screen); /* what the last screen put together */
	layout_stale(a);
	if (app_admin_open(a))
		adminui_build(a->admin, &a->screen);
	else
		screen_build(&a->screen, a->session, a->i18n);
	a->dirty = a->screen_changed = true;
	/* What is being said belongs to the old screen, whose targets are gone: its events must
	 * not highlight or name the new screen's targets. It is cut when the new speech starts. */
	if (session_speak(a->session).seq != a->spoken_seq) {
		a->nsaid = 0;
		a->hl = HIGHLIGHT_NONE;
	}
}

static int load_everything(struct app *a, const struct app_options *o)
{
	struct diags *d = diags_create();
	char err[512];
	int rc = -1;
	if (config_load(&a->cfg, o->config, d) != 0) {
		diags_print(d, stderr);
		log_error("the configuration is not valid: the kiosk does not start");
		goto out;
	}
	char *list = path_join(PICTOVOX_LOCALES, "languages.yaml");
	a->i18n = i18n_load(list, PICTOVOX_MODIR, d);
	free(list);
	if (!a->i18n)
		log_error("the language list is broken: the kiosk runs in French only");
	diags_print(d, stderr);
	diags_destroy(d);
	d = diags_create();
	a->lang = o->lang ? o->lang : a->cfg.language;
	if (a->i18n && !i18n_find(a->i18n, a->lang)) {
		log_error("language '%s' (%s) is not in %s/languages.yaml", a->lang,
		          o->lang ? "--lang" : "the configuration", PICTOVOX_LOCALES);
		goto out;
	}
	assert(i18n_count(a->i18n) <= PV_ARRAY_LEN(a->languages)); /* i18n_load refuses more */
	for (size_t i = 0; i < i18n_count(a->i18n); i++)
		a->languages[a->nlanguages++] = i18n_lang(a->i18n, i)->code;
	const char *dir = o->content ? o->content : PICTOVOX_ASSETS;
	a->content_dir = dir;
	a->content = content_load_dir(dir, NULL, d);
	if (!a->content) {
		diags_print(d, stderr);
		log_error("%s: the content is not valid (%zu errors): the kiosk does not start; "
		          "run 'pictovox check %s' for the list",
		          dir, diags_errors(d), dir);
		goto out;
	}
	diags_print(d, stderr); /* warnings */
	if (o->trace && !(a->trace = trace_open(o->trace, err, sizeof err))) {
		log_error("%s", err);
		goto out;
	}
	rc = 0;
out:
	diags_destroy(d);
	return rc;
}

/* Opened last, so that a kiosk that cannot start leaves no database behind. */
static int open_store(struct app *a, const struct app_options *o)
{
	char err[512];
	char *db = o->db ? xstrdup(o->db) : store_default_path();
	a->store = store_open(db, err, sizeof err);
	if (!a->store) {
		log_error("%s", err);
		free(db);
		return -1;
	}
	/* The secret of personal codes lives beside the database it links. Without it, people
	 * answer without a code; nothing else changes. */
	char *key = person_key_path_for(db);
	a->person_key = person_key_open(key, err, sizeof err);
	if (!a->person_key)
		log_error("%s: personal codes are off", err);
	free(key);
	free(db);
	int left = store_mark_interrupted(a->store, err, sizeof err);
	if (left > 0)
		log_info("%d session(s) interrupted earlier (crash or power cut): their answers are kept", left);
	else if (left < 0)
		log_warn("%s", err);
	return 0;
}

static int choose_offered(struct app *a, const char *config_path, const struct questionnaire **offered,
                          size_t *n)
{
	*n = 0;
	if (a->cfg.noffered == 0) {
		for (size_t i = 0; i < content_count(a->content) && *n < CONFIG_MAX_OFFERED; i++)
			offered[(*n)++] = content_get(a->content, i);
		return 0;
	}
	for (size_t i = 0; i < a->cfg.noffered; i++) {
		const struct questionnaire *q = content_find(a->content, a->cfg.offered[i]);
		if (!q) {
			log_error("%s: offers questionnaire '%s', which is not in the content",
			          config_path ? config_path : "the configuration", a->cfg.offered[i]);
			return -1;
		}
		offered[(*n)++] = q;
	}
	return 0;
}

bool app_step(struct app *a, int max_wait_ms)
{
	if (stop_requested)
		return false;
	double wait = session_deadline(a->session) - clock_ms();
	int timeout = isinf(wait) || wait > max_wait_ms ? max_wait_ms : wait < 0 ? 0 : (int)ceil(wait);
	if (a->preparing)
		timeout = 0; /* work to do between touches: look for input, then do a little */
	SDL_Event ev;
	bool got = SDL_WaitEventTimeout(&ev, timeout);
	while (got) {
		struct action act;
		int target;
		if (ev.type == SDL_QUIT)
			return false;
		if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED)
			a->dirty = true;
		if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			a->dirty = a->screen_changed = true; /* the targets moved */
			layout_stale(a);
		}
		if (app_admin_gesture(a, &ev)) {
			got = SDL_PollEvent(&ev);
			continue;
		}
		switch (input_translate(&ev, &a->screen, current_layout(a), &act, &target)) {
		case INPUT_ACTION: {
			const char *id = a->screen.targets[target].id;
			if (app_admin_open(a)) { /* the staff's keypad: "11" is two ones */
				if (adminui_apply(a->admin, act))
					app_rebuild(a);
				break;
			}
			bool repeat = strcmp(id, a->last_target) == 0 &&
			              ev.button.timestamp - a->last_touch < REPEAT_TOUCH_MS;
			snprintf(a->last_target, sizeof a->last_target, "%s", id);
			a->last_touch = ev.button.timestamp;
			if (repeat) {
				log_debug("touch on '%s' repeated within %d ms: ignored",
				          a->screen.kind == SCREEN_CODE ? "a code pictogram" : id, REPEAT_TOUCH_MS);
				break;
			}
			Uint32 before = SDL_GetTicks();
			if (session_apply(a->session, act))
				app_rebuild(a);
			/* A commit that waited (a database busy elsewhere) froze the screen: touches
			 * made meanwhile were made on a screen that did not answer, so they are dropped,
			 * those still in the window system's queue too (pumped into SDL's first). */
			if (SDL_GetTicks() - before > FROZEN_MS) {
				SDL_PumpEvents();
				SDL_FlushEvents(SDL_MOUSEMOTION, SDL_MOUSEWHEEL);
			}
			break;
		}
		case INPUT_TOUCH: /* any touch stops what is being said (EN 301 549 5.1.3.5) */
			app_speech_stop(a);
			break;
		case INPUT_IGNORED: break;
		}
		got = SDL_PollEvent(&ev);
	}
	if (a->admin && adminui_quit(a->admin))
		return false;
	if (app_admin_open(a) ? false : session_tick(a->session))
		app_rebuild(a);
	if (a->admin && adminui_tick(a->admin))
		app_rebuild(a);
	app_speech_events(a);
	bool welcome = a->screen.kind == SCREEN_WELCOME;
	if (!welcome)
		app_audio_want(a, true); /* ready before the screen that speaks */
	if (a->dirty)
		draw(a);
	/* Back on the silent welcome screen, after its frame: closing the device joins the audio
	 * thread, and emptying the database's log waits for the disk; nobody waits for either. */
	if (welcome)
		app_audio_want(a, false);
	if (welcome && !a->checkpointed) {
		char err[300];
		if (store_checkpoint(a->store, err, sizeof err) != 0)
			log_warn("%s", err);
		a->checkpointed = true; /* once per return to welcome: between two people */
	} else if (!welcome) {
		a->checkpointed = false;
	}
	app_speech_start(a); /* after the screen is presented: speech starts as it appears */
	if (a->preparing && !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
		a->preparing = render_prepare_step(a->render);
	return !stop_requested;
}

const struct screen *app_screen(const struct app *a)
{
	return &a->screen;
}

struct rect app_target_rect(struct app *a, size_t i)
{
	return layout_target_rect(current_layout(a), i);
}

void app_destroy(struct app *a)
{
	if (!a)
		return;
	/* An answer confirmed is already committed; a session cut here is marked interrupted at
	 * the next start. Audio stops before the speech it pulls from goes. */
	layout_destroy(a->layout);
	screen_release(&a->screen);
	session_destroy(a->session);
	adminui_destroy(a->admin);
	audio_sdl_close(a->audio);
	speech_destroy(a->speech);
	render_destroy(a->render);
	trace_close(a->trace);
	store_close(a->store);
	person_key_destroy(a->person_key);
	content_destroy(a->content);
	i18n_destroy(a->i18n);
	config_free(&a->cfg);
	free(a);
	SDL_Quit();
}

struct app *app_create(const struct app_options *o, const struct app_hooks *hooks)
{
	struct app *a = xcalloc(1, sizeof *a);
	a->hl = HIGHLIGHT_NONE;
	if (hooks)
		a->hooks = *hooks;
	if (load_everything(a, o) != 0)
		goto fail;
	size_t noffered;
	if (choose_offered(a, o->config, a->offered, &noffered) != 0)
		goto fail;
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (SDL_Init(0) != 0) {
		log_error("SDL did not start: %s", SDL_GetError());
		goto fail;
	}
	a->wake_event = SDL_RegisterEvents(1);
	char err[512];
	char *pictodir = path_join(o->content ? o->content : PICTOVOX_ASSETS, "pictograms");
	struct render_options ro = { o->width, o->height, o->fullscreen, a->cfg.font, pictodir };
	a->render = render_create(&ro, err, sizeof err);
	free(pictodir);
	if (!a->render) {
		log_error("%s", err);
		goto fail;
	}
	if (open_store(a, o) != 0)
		goto fail;
	app_voice_start(a);
	struct session_options so = {
		.offered = a->offered,
		.noffered = noffered,
		.language = a->lang,
		.languages = a->languages,
		.nlanguages = a->nlanguages,
		.idle_ms = a->cfg.idle_timeout_s * 1000,
		.grace_ms = a->cfg.idle_grace_s * 1000,
		.thanks_ms = a->cfg.thanks_s * 1000,
		.volume_default = a->cfg.volume,
		.clock = { now_ms, app_today, NULL },
		.observer = { on_stored, on_ended, a },
		.store = a->store,
		.person_id = a->person_key ? hash_code : NULL,
		.person_ud = a,
	};
	a->session = session_create(&so);
	a->admin = app_admin_create(a);
	a->spoken_seq = session_speak(a->session).seq;
	app_rebuild(a);
	draw(a);
	return a;
fail:
	app_destroy(a);
	return NULL;
}

int app_run(const struct app_options *o)
{
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	struct app *a = app_create(o, NULL);
	if (!a)
		return 1;
	while (app_step(a, 1000))
		;
	app_destroy(a);
	return 0;
}
