#include "kiosk/audio_sdl.h"

#include <SDL.h>

#include "base/util.h"

struct audio_sdl {
	SDL_AudioDeviceID dev;
	struct speech *sp;
};

static void pull(void *ud, Uint8 *stream, int len)
{
	struct audio_sdl *a = ud;
	speech_pull(a->sp, (int16_t *)stream, (size_t)len / sizeof(int16_t));
}

struct audio_sdl *audio_sdl_open(struct speech *sp, int buffer, char *err, size_t n)
{
	if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		pv_err(err, n, "no audio: %s", SDL_GetError());
		return NULL;
	}
	struct audio_sdl *a = xcalloc(1, sizeof *a);
	a->sp = sp;
	SDL_AudioSpec want = { 0 }, have;
	want.freq = speech_sample_rate(sp);
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = (Uint16)buffer;
	want.callback = pull;
	want.userdata = a;
	a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!a->dev) {
		pv_err(err, n, "no audio device (%s): %s", SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "none",
		       SDL_GetError());
		free(a);
		return NULL;
	}
	SDL_PauseAudioDevice(a->dev, 0);
	return a;
}

void audio_sdl_close(struct audio_sdl *a)
{
	if (!a)
		return;
	SDL_CloseAudioDevice(a->dev);
	free(a);
}
