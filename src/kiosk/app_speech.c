#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "i18n/bidi.h"
#include "kiosk/app_impl.h"
#include "speech/tts_recordings.h"

/* The speech layer keeps a pull of the largest period ready, and takes a screen's utterances in
 * one say. */
_Static_assert(CONFIG_MAX_AUDIO_BUFFER <= SPEECH_MAX_PULL, "an audio period the ring can fill");
_Static_assert(SPEECH_MAX_ITEMS >= SCREEN_MAX_UTTERANCES, "a screen's utterances in one speech_say");

/* Synthesised speech kept for saying again: the screens of a few people. */
#define SPEECH_CACHE_BYTES (8u << 20)

/* The speech thread has events for the loop: it wakes it from SDL_WaitEventTimeout. */
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
void app_speech_start(struct app *a)
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
void app_speech_stop(struct app *a)
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
void app_speech_events(struct app *a)
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
/* SDL's audio thread wakes for every period while a device is open, paused or not: the device
 * is closed on the silent welcome screen and opened at the touch that leaves it. */
void app_audio_want(struct app *a, bool on)
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
void app_voice_start(struct app *a)
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
	app_audio_want(a, true);
}
