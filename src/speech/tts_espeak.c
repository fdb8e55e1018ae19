/* The eSpeak NG driver: linked, synthesising into memory. eSpeak NG keeps global state, so
 * this driver is used from one thread (the speech worker) and initialised once. */
#include <espeak-ng/speak_lib.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/bidi.h"
#include "speech/speech.h"
#include "base/util.h"

struct espeak_ctx {
	const struct tts_sink *sink;
	const char *text;
	size_t len;
	size_t char_index, byte_index; /* a cursor for turning character positions into bytes */
	int stopped;
};

struct espeak_impl {
	char voice[64]; /* the voice set now: choosing one costs 5 ms, so only when it changes */
	int rate;
};

static bool initialised;
static int espeak_rate;

/* eSpeak NG gives a word's place as a 1-based character index; the rest of pictovox speaks bytes. */
static size_t byte_of_char(struct espeak_ctx *k, size_t ch)
{
	if (ch < k->char_index) {
		k->char_index = 0;
		k->byte_index = 0;
	}
	while (k->char_index < ch && k->byte_index < k->len) {
		utf8_next(k->text, k->len, &k->byte_index);
		k->char_index++;
	}
	return k->byte_index;
}

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	struct espeak_ctx *k = events ? events->user_data : NULL;
	if (!k || k->stopped)
		return 1;
	for (espeak_EVENT *e = events; e->type != espeakEVENT_LIST_TERMINATED; e++) {
		if (e->type != espeakEVENT_WORD || e->text_position < 1 || !k->sink->word)
			continue;
		size_t at = byte_of_char(k, (size_t)e->text_position - 1);
		size_t end = byte_of_char(k, (size_t)e->text_position - 1 + (size_t)(e->length > 0 ? e->length : 0));
		size_t sample = (size_t)e->audio_position * (size_t)espeak_rate / 1000;
		k->sink->word(k->sink->ud, sample, at, end - at);
	}
	if (wav && n > 0 && k->sink->pcm(k->sink->ud, wav, (size_t)n)) {
		k->stopped = 1;
		return 1; /* stops at once; espeak_Cancel would block and still deliver every sample */
	}
	return 0;
}

static void *espeak_create(int *sample_rate, char *err, size_t n)
{
	if (!initialised) {
		espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
		if (espeak_rate <= 0) {
			pv_err(err, n, "eSpeak NG did not start (is espeak-ng-data installed?)");
			return NULL;
		}
		espeak_SetSynthCallback(on_samples);
		initialised = true;
	}
	*sample_rate = espeak_rate;
	return xcalloc(1, sizeof(struct espeak_impl));
}

static void espeak_destroy(void *impl)
{
	free(impl);
}

/* A voice by its name ("fr"), else by its language ("fr-fr", as espeak-ng --voices lists it). */
static int set_voice(struct espeak_impl *e, const char *voice, char *err, size_t n)
{
	if (strcmp(e->voice, voice) == 0)
		return 0;
	if (espeak_SetVoiceByName(voice) != EE_OK) {
		espeak_VOICE want = { .languages = voice };
		if (espeak_SetVoiceByProperties(&want) != EE_OK) {
			e->voice[0] = '\0';
			return pv_err(err, n, "eSpeak NG has no voice '%s'", voice);
		}
	}
	snprintf(e->voice, sizeof e->voice, "%s", voice);
	e->rate = 0; /* a new voice comes with its own speed */
	return 0;
}

static int espeak_check_voice(void *impl, const char *voice, char *err, size_t n)
{
	return set_voice(impl, voice, err, n);
}

static int espeak_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err,
                        size_t n)
{
	struct espeak_impl *e = impl;
	if (set_voice(e, rq->voice ? rq->voice : "fr", err, n) != 0)
		return -1;
	if (rq->rate != e->rate) {
		espeak_SetParameter(espeakRATE, rq->rate > 0 ? rq->rate : SPEECH_RATE_NORMAL, 0);
		e->rate = rq->rate;
	}
	struct espeak_ctx k = { .sink = sink, .text = rq->text, .len = strlen(rq->text) };
	espeak_ERROR rc = espeak_Synth(rq->text, k.len + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &k);
	if (rc != EE_OK && !k.stopped)
		return pv_err(err, n, "eSpeak NG error %d", (int)rc);
	return 0;
}

const struct tts_driver tts_espeak = {
	.name = "espeak-ng",
	.create = espeak_create,
	.destroy = espeak_destroy,
	.synth = espeak_synth,
	.check_voice = espeak_check_voice,
};
