/* The eSpeak NG driver: linked, synthesising into memory. eSpeak NG keeps global state, so
 * this driver is used from one thread (the speech worker) and initialised once. */
#include <espeak-ng/speak_lib.h>
#include <stdlib.h>
#include <string.h>

#include "speech.h"
#include "util.h"

struct espeak_ctx {
	tts_sink_fn sink;
	void *ud;
	int stopped;
};

static bool initialised;
static int espeak_rate;

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	struct espeak_ctx *k = events ? events->user_data : NULL;
	if (!k || k->stopped)
		return 1;
	if (wav && n > 0 && k->sink(k->ud, wav, (size_t)n)) {
		k->stopped = 1;
		return 1; /* stops at once; espeak_Cancel would block and still deliver every sample */
	}
	return 0;
}

static void *espeak_create(const char *voice, int *sample_rate, char *err, size_t n)
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
	if (espeak_SetVoiceByName(voice) != EE_OK) {
		pv_err(err, n, "eSpeak NG has no voice '%s'", voice);
		return NULL;
	}
	/* A little slower than the default 175 words a minute: people are listening, not skimming. */
	espeak_SetParameter(espeakRATE, 150, 0);
	*sample_rate = espeak_rate;
	return xstrdup(voice);
}

static void espeak_destroy(void *impl)
{
	free(impl);
}

static int espeak_synth(void *impl, const char *text, tts_sink_fn sink, void *ud, char *err, size_t n)
{
	(void)impl;
	struct espeak_ctx k = { sink, ud, 0 };
	espeak_ERROR rc = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &k);
	if (rc != EE_OK && !k.stopped)
		return pv_err(err, n, "eSpeak NG error %d", (int)rc);
	return 0;
}

const struct tts_driver tts_espeak = {
	.name = "espeak-ng",
	.create = espeak_create,
	.destroy = espeak_destroy,
	.synth = espeak_synth,
};
