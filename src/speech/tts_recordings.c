#include "speech/tts_recordings.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/bidi.h"
#include "i18n/recordings.h"
#include "base/util.h"

struct recordings {
	char *dir;
	const struct tts_driver *inner;
	void *inner_impl;
	int rate;
};

void *tts_recordings_wrap(const char *dir, const struct tts_driver *inner, void *inner_impl, int rate)
{
	struct recordings *r = xcalloc(1, sizeof *r);
	r->dir = xstrdup(dir);
	r->inner = inner;
	r->inner_impl = inner_impl;
	r->rate = rate;
	return r;
}

static void recordings_destroy(void *impl)
{
	struct recordings *r = impl;
	r->inner->destroy(r->inner_impl);
	free(r->dir);
	free(r);
}

/* Loads a WAV file (any rate, channels, format SDL reads) as mono signed 16-bit at rate. */
static int load_wav(const char *path, int rate, int16_t **pcm, size_t *n, char *err, size_t errn)
{
	SDL_AudioSpec spec;
	Uint8 *buf;
	Uint32 len;
	if (!SDL_LoadWAV(path, &spec, &buf, &len))
		return pv_err(err, errn, "%s: %s", path, SDL_GetError());
	SDL_AudioCVT cvt;
	if (SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, rate) < 0) {
		SDL_FreeWAV(buf);
		return pv_err(err, errn, "%s: cannot convert: %s", path, SDL_GetError());
	}
	cvt.len = (int)len;
	cvt.buf = xmalloc((size_t)len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
	memcpy(cvt.buf, buf, len);
	SDL_FreeWAV(buf);
	if (SDL_ConvertAudio(&cvt) < 0) {
		free(cvt.buf);
		return pv_err(err, errn, "%s: cannot convert: %s", path, SDL_GetError());
	}
	*pcm = (int16_t *)cvt.buf;
	*n = (size_t)cvt.len_cvt / sizeof(int16_t);
	return 0;
}

/* The label track beside a recording: label i marks the start of word i of the text. */
static void send_labels(const struct recordings *r, const struct tts_request *rq, const struct tts_sink *sink)
{
	char *path = recordings_path(r->dir, rq->lang, rq->key, ".txt");
	if (!path || !path_is_file(path) || !sink->word) {
		free(path);
		return;
	}
	double *starts;
	char err[300];
	long n = recordings_read_labels(path, &starts, err, sizeof err);
	if (n < 0) {
		log_warn("%s: the words are not highlighted", err);
	} else {
		size_t ws[64], wl[64];
		size_t nw = text_words(rq->text, ws, wl, PV_ARRAY_LEN(ws));
		if ((size_t)n != nw)
			log_warn("%s: %ld labels for %zu words; the extra ones are left out", path, n, nw);
		for (size_t i = 0; i < (size_t)n && i < nw && i < PV_ARRAY_LEN(ws); i++)
			sink->word(sink->ud, (size_t)(starts[i] * r->rate / 1000.0), ws[i], wl[i]);
	}
	free(starts);
	free(path);
}

static int recordings_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err,
                            size_t n)
{
	struct recordings *r = impl;
	char *path = rq->key ? recordings_path(r->dir, rq->lang, rq->key, ".wav") : NULL;
	if (!path || !path_is_file(path)) {
		free(path);
		return r->inner->synth(r->inner_impl, rq, sink, err, n);
	}
	int16_t *pcm = NULL;
	size_t count = 0;
	int rc = load_wav(path, r->rate, &pcm, &count, err, n);
	free(path);
	if (rc != 0) { /* a broken recording: the synthesiser says it, the log says why */
		log_warn("%s: using the synthesiser instead", err);
		return r->inner->synth(r->inner_impl, rq, sink, err, n);
	}
	send_labels(r, rq, sink);
	sink->pcm(sink->ud, pcm, count);
	free(pcm);
	return 0;
}

static int recordings_check_voice(void *impl, const char *voice, char *err, size_t n)
{
	struct recordings *r = impl;
	return r->inner->check_voice ? r->inner->check_voice(r->inner_impl, voice, err, n) : 0;
}

const struct tts_driver tts_recordings = {
	.name = "recordings",
	.create = NULL, /* made with tts_recordings_wrap */
	.destroy = recordings_destroy,
	.synth = recordings_synth,
	.check_voice = recordings_check_voice,
};
