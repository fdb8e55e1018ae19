#include "kiosk/app.h"

#include <SDL.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errno.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "admin/adminui.h"
#include "kiosk/audio_sdl.h"
#include "content/config.h"
#include "content/content.h"
#include "kiosk/input.h"
#include "layout/layout.h"
#include "session/person.h"
#include "kiosk/render.h"
#include "report/report.h"
#include "report/report_html.h"
#include "report/summary.h"
#include "session/screen.h"
#include "session/session.h"
#include "speech/speech.h"
#include "store/store.h"
#include "session/trace.h"
#include "speech/tts_recordings.h"
#include "base/util.h"
#include "i18n/bidi.h"
#include "i18n/i18n.h"

#define SPEECH_CACHE_BYTES (8u << 20)

struct app {
	struct config cfg;
	struct i18n *i18n;       /* NULL: the source texts only (the language list is broken) */
	const char *languages[64];
	bool voiceless[64];      /* no voice for this language: shown, not spoken */
	size_t nlanguages;
	const char *lang;        /* the kiosk's default language */
	struct content *content;
	struct store *store;
	struct person_key *person_key; /* NULL: no personal codes */
	struct adminui *admin;    /* the facilitators' mode */
	struct session_options session_options; /* for rehearsing the next screens */
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

/* A second touch on the same target this soon is a double tap or a shaking hand, not a new
 * intent. The confirm button stays in the same place, so a double tap must not answer twice. */
#define REPEAT_TOUCH_MS 350

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

static void today(void *ud, char day[11])
{
	(void)ud;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
}

static void on_stored(void *ud, const struct store_session *ss, const char *question, bool refused,
                      const char *const *values, size_t nvalues)
{
	struct app *a = ud;
	trace_answer(a->trace, ss, question, refused, values, nvalues);
}

static void on_ended(void *ud, const struct store_session *ss, enum store_end why)
{
	static const char *const names[] = { "completed", "idle", "left", "interrupted" };
	struct app *a = ud;
	trace_session_end(a->trace, ss, names[why]);
}

static int hash_code(void *ud, const int code[4], char out[33])
{
	struct app *a = ud;
	return person_id(a->person_key, code, out);
}

static void wake(void *ud)
{
	struct app *a = ud;
	SDL_Event ev = { 0 };
	ev.type = a->wake_event;
	SDL_PushEvent(&ev);
}

/* Speech volume: level 6 plays samples as synthesised; each step is about 3 dB. */
static float gain_for(int volume)
{
	return volume <= 0 ? 0.f : powf(10.f, (float)(volume - 6) * 3.f / 20.f);
}

/* The voice of a language: its own, or the configuration's for the kiosk's language. */
static const char *voice_for(const struct app *a, const char *lang)
{
	if (a->cfg.voice && str_eq(lang, a->lang))
		return a->cfg.voice;
	const struct lang_info *li = i18n_find(a->i18n, lang);
	return li ? li->voice : lang;
}

static void clear_highlight(struct app *a)
{
	if (a->hl.target >= 0 || a->hl.word_len) {
		a->hl = HIGHLIGHT_NONE;
		a->dirty = true;
	}
}

static void start_speech(struct app *a)
{
	struct speak_request r = session_speak(a->session);
	if (r.seq == a->spoken_seq)
		return;
	a->spoken_seq = r.seq;
	a->nsaid = screen_speech(&a->screen, r, a->i18n, a->said, SCREEN_MAX_UTTERANCES);
	clear_highlight(a);
	if (!a->speech)
		return;
	speech_set_gain(a->speech, gain_for(a->screen.volume));
	speech_set_rate(a->speech, a->screen.slower ? SPEECH_RATE_SLOW : SPEECH_RATE_NORMAL);
	struct speech_item items[SCREEN_MAX_UTTERANCES];
	for (size_t i = 0; i < a->nsaid; i++) {
		const struct utterance *u = &a->said[i];
		int li = i18n_index(a->i18n, u->lang);
		if ((li >= 0 && a->voiceless[li]) || (!a->i18n && a->voiceless[0]))
			items[i] = (struct speech_item){ "", NULL, u->lang, NULL }; /* silence, in its place */
		else
			items[i] = (struct speech_item){ u->text, voice_for(a, u->lang), u->lang, u->key };
	}
	a->speech_seq = speech_say(a->speech, items, a->nsaid);
}

static void stop_speech(struct app *a)
{
	a->nsaid = 0;
	if (a->speech)
		a->speech_seq = speech_say(a->speech, NULL, 0);
	clear_highlight(a);
}

/* A code pictogram's name, said when touched: it is part of a personal code, which is written
 * nowhere, not even in the trace. */
static bool secret(const struct app *a, const struct utterance *u)
{
	return a->screen.kind == SCREEN_CODE && u->target >= 0 && a->screen.targets[u->target].role == ROLE_CHOICE;
}

/* The word heard now, marked where it is written: in the main text or in a card's label. */
static void mark_word(struct app *a, const struct utterance *u, size_t at)
{
	size_t ws, wl;
	if (!text_word_at(u->text, at, &ws, &wl))
		return;
	struct highlight h = a->hl;
	if (u->text_at >= 0) {
		h.word_target = -1;
		h.word_at = (size_t)u->text_at + ws;
	} else if (u->target >= 0 && str_eq(u->text, a->screen.targets[u->target].label)) {
		h.word_target = u->target; /* said as written on its card ("I speak ..." is not) */
		h.word_at = ws;
	} else {
		return; /* said, not written (a hint): nothing to mark */
	}
	h.word_len = wl;
	if (memcmp(&h, &a->hl, sizeof h) != 0) {
		a->hl = h;
		a->dirty = true;
	}
	if (!secret(a, u))
		trace_word(a->trace, u->text, ws, wl, h.word_target >= 0 ? a->screen.targets[h.word_target].id : NULL);
}

static void speech_events(struct app *a)
{
	struct speech_event ev;
	while (a->speech && speech_poll(a->speech, &ev)) {
		if (ev.seq != a->speech_seq || ev.index >= a->nsaid) {
			if (ev.kind == SPEECH_END) /* the end of something cut off */
				trace_speech(a->trace, false, NULL, NULL, NULL);
			continue;
		}
		const struct utterance *u = &a->said[ev.index];
		if (ev.kind == SPEECH_WORD) {
			mark_word(a, u, ev.at);
			continue;
		}
		const char *target = u->target >= 0 ? a->screen.targets[u->target].id : NULL;
		if (secret(a, u)) /* a pictogram of a personal code: said aloud, never written down */
			trace_speech(a->trace, ev.kind == SPEECH_START, NULL, "code:?", u->lang);
		else
			trace_speech(a->trace, ev.kind == SPEECH_START, u->text, target, u->lang);
		if (a->hooks.speech)
			a->hooks.speech(a->hooks.ud, ev.kind == SPEECH_START, u->text);
		struct highlight h = HIGHLIGHT_NONE;
		if (ev.kind == SPEECH_START)
			h.target = u->target;
		if (memcmp(&h, &a->hl, sizeof h) != 0) {
			a->hl = h;
			a->dirty = true;
		}
	}
}

/* Queues the pictograms of the screens most likely to follow this one: the next question and
 * the next one shown whatever the answer (they differ when the next has a condition). */
static int rehearsal_id(void *ud, const int code[4], char out[33])
{
	(void)ud, (void)code, (void)out;
	return -1; /* a rehearsal never confirms a code */
}

/* Draws ahead what the screen reached by `path` from the welcome screen shows, rehearsed on a
 * session of its own: no store, no observer, nothing kept. */
static void prepare_path(struct app *a, int w, int h, const struct action *path, size_t n, bool with_text)
{
	struct session_options o = a->session_options;
	o.store = NULL;
	o.observer = (struct session_observer){ 0 };
	o.person_id = o.person_id ? rehearsal_id : NULL;
	struct session *s = session_create(&o);
	for (size_t i = 0; i < n; i++)
		session_apply(s, path[i]);
	struct screen next;
	screen_build(&next, s, a->i18n);
	struct layout *l = layout_create(&next, w, h, HIGHLIGHT_NONE, render_measure, a->render);
	render_prepare(a->render, l, with_text);
	layout_destroy(l);
	session_destroy(s);
}

/* Screens one touch away that are not a questionnaire's next question: after the welcome screen,
 * the menu; after the menu, each questionnaire's first screen; after the code question, the
 * code's grid and the first question. */
static void prepare_rehearsed(struct app *a, int w, int h)
{
	const struct action start = { A_START, 0 };
	const struct questionnaire *qn = session_questionnaire(a->session);
	int open = -1;
	for (size_t i = 0; qn && i < session_offered_count(a->session); i++)
		if (session_offered(a->session, i) == qn)
			open = (int)i;
	switch (a->screen.kind) {
	case SCREEN_WELCOME:
		prepare_path(a, w, h, &start, 1, true);
		break;
	case SCREEN_MENU:
		for (size_t i = 0; i < session_offered_count(a->session) && i < 4; i++) {
			const struct action path[2] = { start, { A_OPEN, (int)i } };
			prepare_path(a, w, h, path, 2, i == 0);
		}
		break;
	case SCREEN_CODE_ASK:
	case SCREEN_CODE:
	case SCREEN_CODE_RESULT:
		if (open >= 0) {
			const struct action guest[3] = { start, { A_OPEN, open }, { A_SELECT, 1 } };
			const struct action mine[3] = { start, { A_OPEN, open }, { A_SELECT, 0 } };
			prepare_path(a, w, h, guest, 3, true);
			if (a->screen.kind == SCREEN_CODE_ASK)
				prepare_path(a, w, h, mine, 3, false);
		}
		break;
	default: break;
	}
}

static void prepare_next(struct app *a, int w, int h)
{
	const struct questionnaire *qn = session_questionnaire(a->session);
	size_t candidates[4], n = 0;
	if (qn) {
		size_t i = (size_t)session_question_index(a->session);
		if (i + 1 < qn->nquestions)
			candidates[n++] = i + 1;
		for (size_t k = i + 1; k < qn->nquestions; k++)
			if (!qn->questions[k].when) {
				if (k != i + 1)
					candidates[n++] = k;
				break;
			}
	}
	render_prepare_reset(a->render);
	if (!qn || a->screen.kind != SCREEN_QUESTION)
		prepare_rehearsed(a, w, h);
	for (size_t c = 0; c < n; c++) {
		const struct questionnaire *target = qn ? qn : session_offered(a->session, candidates[c]);
		struct screen next;
		screen_build_preview(&next, target, qn ? candidates[c] : 0, &a->screen, a->i18n);
		struct layout *l = layout_create(&next, w, h, HIGHLIGHT_NONE, render_measure, a->render);
		render_prepare(a->render, l, c == 0);
		layout_destroy(l);
	}
	a->preparing = true;
}

static void draw(struct app *a)
{
	int w, h;
	render_size(a->render, &w, &h);
	struct layout *l = layout_create(&a->screen, w, h, a->hl, render_measure, a->render);
	layout_apply_rects(l, &a->screen);
	render_draw(a->render, l);
	layout_destroy(l);
	if (a->hooks.presented)
		a->hooks.presented(a->hooks.ud, &a->screen);
	if (a->screen_changed) {
		trace_screen(a->trace, &a->screen, w, h);
		prepare_next(a, w, h);
	}
	a->screen_changed = false;
	a->dirty = false;
}

static bool admin_open(const struct app *a)
{
	return a->admin && adminui_state(a->admin) != AU_CLOSED;
}

static void rebuild(struct app *a)
{
	if (admin_open(a))
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
	for (size_t i = 0; i < i18n_count(a->i18n) && i < PV_ARRAY_LEN(a->languages); i++)
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

/* SDL's audio thread wakes for every period while a device is open, paused or not: the device
 * is closed on the silent welcome screen and opened at the touch that leaves it. */
static void want_audio(struct app *a, bool on)
{
	if (!a->speech || a->audio_failed || on == (a->audio != NULL))
		return;
	if (!on) {
		audio_sdl_close(a->audio);
		a->audio = NULL;
		return;
	}
	char err[300];
	a->audio = audio_sdl_open(a->speech, a->cfg.audio_buffer, err, sizeof err);
	if (!a->audio) {
		log_warn("%s: the kiosk works silently", err);
		a->audio_failed = true;
	}
}

static void start_voice(struct app *a)
{
	char err[300];
	int rate = 0;
	void *tts = tts_espeak.create(&rate, err, sizeof err);
	if (!tts) {
		log_warn("%s: the kiosk works silently", err);
		return;
	}
	/* A human voice where one was recorded: <content>/audio/<language>/<key>.wav. */
	const struct tts_driver *drv = &tts_espeak;
	char *dir = path_join(a->content_dir, "audio");
	if (path_is_dir(dir)) {
		tts = tts_recordings_wrap(dir, &tts_espeak, tts, rate);
		drv = &tts_recordings;
		log_info("%s: recorded voice used where a text was recorded", dir);
	}
	free(dir);
	/* A language whose voice is missing is still shown; it is not spoken. Said once, here. */
	for (size_t i = 0; i < a->nlanguages || (i == 0 && !a->i18n); i++) {
		const char *code = a->i18n ? a->languages[i] : a->lang;
		const char *voice = voice_for(a, code);
		if (drv->check_voice && drv->check_voice(tts, voice, err, sizeof err) != 0) {
			log_warn("%s: %s is shown but not spoken%s", err, code,
			         str_eq(code, a->lang) ? " (the kiosk's own language)" : "");
			a->voiceless[i] = true;
		}
	}
	a->speech = speech_create(drv, tts, rate, SPEECH_CACHE_BYTES, wake, a);
	if (!a->speech) {
		log_warn("the speech thread did not start: the kiosk works silently");
		return;
	}
	/* Opened once to know now whether there is a device, then closed on the welcome screen. */
	want_audio(a, true);
}


/* The admin mode opens after touches in three corners of the welcome screen, top left, top
 * right, bottom right, within a few seconds: a sequence nobody makes by chance. The corners are
 * small and outside every button; touches there do nothing else. */
#define GESTURE_MS 5000
static bool admin_gesture(struct app *a, const SDL_Event *ev)
{
	if (!a->admin || admin_open(a) || a->screen.kind != SCREEN_WELCOME || ev->type != SDL_MOUSEBUTTONDOWN)
		return false;
	int w, h;
	render_size(a->render, &w, &h);
	int zone = (w < h ? w : h) / 20, x = ev->button.x, y = ev->button.y;
	int corner = x < zone && y < zone ? 0 : x >= w - zone && y < zone ? 1 : x >= w - zone && y >= h - zone ? 2 : -1;
	if (corner < 0) {
		a->gesture = 0;
		return false;
	}
	if (corner != a->gesture || (corner && ev->button.timestamp - a->gesture_t0 > GESTURE_MS)) {
		a->gesture = corner == 0 ? 1 : 0;
		a->gesture_t0 = ev->button.timestamp;
		return true;
	}
	if (corner == 0)
		a->gesture_t0 = ev->button.timestamp;
	if (++a->gesture == 3) {
		a->gesture = 0;
		stop_speech(a);
		adminui_open(a->admin);
		rebuild(a);
		log_info("admin gesture: the PIN keypad is shown");
	}
	return true;
}

static long wall_s(void *ud)
{
	(void)ud;
	return (long)time(NULL);
}

/* The kiosk's health for the admin mode: disk, audio, voices, the last error logged. */
static void admin_health(void *ud, char *buf, size_t n)
{
	struct app *a = ud;
	struct statvfs fs;
	char *dir = path_dirname(store_path(a->store));
	size_t used = 0;
	int w = statvfs(dir, &fs) == 0
	                ? snprintf(buf, n, "Espace libre : %.1f Go (%s)\n", (double)fs.f_bavail * (double)fs.f_frsize / 1e9, dir)
	                : snprintf(buf, n, "Espace libre : inconnu (%s)\n", dir);
	free(dir);
	used = w > 0 ? (size_t)w : 0;
	size_t silent = 0;
	for (size_t i = 0; i < a->nlanguages; i++)
		silent += a->voiceless[i];
	if (used < n)
		snprintf(buf + used, n - used, "Son : %s\nVoix : %zu langues parlées sur %zu\nDernière erreur : %s\n",
		         !a->speech ? "aucune voix (eSpeak NG absent)" : a->audio_failed ? "aucune carte son" : "oui",
		         a->nlanguages - silent, a->nlanguages, log_last_error()[0] ? log_last_error() : "aucune");
}

/* A USB stick: the configured folder, or the first writable mount under /media or /run/media. */
static char *usb_folder(const struct app *a)
{
	if (a->cfg.export_dir)
		return path_is_dir(a->cfg.export_dir) ? xstrdup(a->cfg.export_dir) : NULL;
	FILE *f = fopen("/proc/mounts", "r");
	char dev[512], mnt[512];
	char *found = NULL;
	while (f && !found && fscanf(f, "%511s %511s %*s %*s %*d %*d", dev, mnt) == 2)
		if ((!strncmp(mnt, "/media/", 7) || !strncmp(mnt, "/run/media/", 11)) && access(mnt, W_OK) == 0)
			found = xstrdup(mnt);
	if (f)
		fclose(f);
	return found;
}

static int write_export(struct app *a, const char *path, bool html, char *err, size_t n)
{
	char *tmp = xasprintf("%s.part", path);
	FILE *f = fopen(tmp, "w");
	int rc = -1;
	if (!f) {
		pv_err(err, n, "%s: %s", tmp, strerror(errno));
	} else {
		if (html) {
			struct summary_options so = { NULL, NULL, 0, 0, a->i18n, "fr" };
			cJSON *sum = summary_build(a->store, a->content, &so, err, n);
			char day[11];
			today(NULL, day);
			char *pictos = path_join(a->content_dir, "pictograms");
			rc = sum && report_html_write(f, sum, pictos, day) == 0 ? 0 : -1;
			free(pictos);
			cJSON_Delete(sum);
		} else {
			rc = report_export(a->store, f, EXPORT_CSV, false, err, n) < 0 ? -1 : 0;
		}
		/* On a stick pulled out right after: the bytes must be on it before it says done. */
		if (fflush(f) != 0 || fsync(fileno(f)) != 0)
			rc = pv_err(err, n, "%s: %s", tmp, strerror(errno));
		if (fclose(f) != 0)
			rc = -1;
		if (rc == 0 && rename(tmp, path) != 0)
			rc = pv_err(err, n, "%s: %s", path, strerror(errno));
	}
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

static int admin_export(void *ud, char *msg, size_t n)
{
	struct app *a = ud;
	char *dir = usb_folder(a);
	if (!dir) {
		snprintf(msg, n, "Aucune clé USB trouvée. Branchez une clé, attendez qu'elle s'ouvre, puis recommencez.");
		return -1;
	}
	char day[11], err[400] = "";
	today(NULL, day);
	char *csv = xasprintf("%s/pictovox-export-%s.csv", dir, day);
	char *html = xasprintf("%s/pictovox-rapport-%s.html", dir, day);
	int rc = write_export(a, csv, false, err, sizeof err);
	if (rc == 0)
		rc = write_export(a, html, true, err, sizeof err);
	if (rc == 0)
		snprintf(msg, n, "C'est fait. Sur la clé :\n%s\n%s\nVous pouvez retirer la clé.", csv, html);
	else
		snprintf(msg, n, "L'export n'a pas pu se faire : %s", err);
	log_info("admin export: %s", rc == 0 ? csv : err);
	free(csv);
	free(html);
	free(dir);
	return rc;
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
		if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			a->dirty = a->screen_changed = true; /* the targets moved */
		if (admin_gesture(a, &ev)) {
			got = SDL_PollEvent(&ev);
			continue;
		}
		switch (input_translate(&ev, &a->screen, &act, &target)) {
		case INPUT_ACTION: {
			const char *id = a->screen.targets[target].id;
			if (admin_open(a)) { /* the staff's keypad: "11" is two ones */
				if (adminui_apply(a->admin, act))
					rebuild(a);
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
				rebuild(a);
			/* A commit that waited (a database busy elsewhere) froze the screen: touches
			 * made meanwhile were made on a screen that did not answer, so they are dropped. */
			if (SDL_GetTicks() - before > 250)
				SDL_FlushEvents(SDL_MOUSEMOTION, SDL_MOUSEWHEEL);
			break;
		}
		case INPUT_TOUCH: /* any touch stops what is being said (EN 301 549 5.1.3.5) */
			stop_speech(a);
			break;
		case INPUT_IGNORED: break;
		}
		got = SDL_PollEvent(&ev);
	}
	if (a->admin && adminui_quit(a->admin))
		return false;
	if (admin_open(a) ? false : session_tick(a->session))
		rebuild(a);
	if (a->admin && adminui_tick(a->admin))
		rebuild(a);
	speech_events(a);
	bool welcome = a->screen.kind == SCREEN_WELCOME;
	if (!welcome)
		want_audio(a, true); /* ready before the screen that speaks */
	if (a->dirty)
		draw(a);
	/* Back on the silent welcome screen, after its frame: closing the device joins the audio
	 * thread, and emptying the database's log waits for the disk; nobody waits for either. */
	if (welcome)
		want_audio(a, false);
	if (welcome && !a->checkpointed) {
		char err[300];
		if (store_checkpoint(a->store, err, sizeof err) != 0)
			log_warn("%s", err);
		a->checkpointed = true; /* once per return to welcome: between two people */
	} else if (!welcome) {
		a->checkpointed = false;
	}
	start_speech(a); /* after the screen is presented: speech starts as it appears */
	if (a->preparing && !SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
		a->preparing = render_prepare_step(a->render);
	return !stop_requested;
}

const struct screen *app_screen(const struct app *a)
{
	return &a->screen;
}

void app_destroy(struct app *a)
{
	if (!a)
		return;
	/* An answer confirmed is already committed; a session cut here is marked interrupted at
	 * the next start. Audio stops before the speech it pulls from goes. */
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
	start_voice(a);
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
		.clock = { now_ms, today, NULL },
		.observer = { on_stored, on_ended, a },
		.store = a->store,
		.person_id = a->person_key ? hash_code : NULL,
		.person_ud = a,
	};
	a->session_options = so;
	a->session = session_create(&so);
	struct adminui_options ao = {
		.store = a->store, .content = a->content, .retention_months = a->cfg.retention_months,
		.hooks = { admin_health, admin_export, a }, .now_s = wall_s, .today = today, .clock_ud = NULL,
	};
	a->admin = adminui_create(&ao);
	a->spoken_seq = session_speak(a->session).seq;
	rebuild(a);
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
