/* audio_sdl: the SDL audio device, pulling samples from the speech layer. */
#ifndef PV_AUDIO_SDL_H
#define PV_AUDIO_SDL_H

#include <stddef.h>

#include "speech/speech.h"

struct audio_sdl;

/* NULL with a reason when there is no device: the kiosk then runs silently. buffer: samples
 * per device period; speech can only start at a period's boundary. */
struct audio_sdl *audio_sdl_open(struct speech *sp, int buffer, char *err, size_t n);
void audio_sdl_close(struct audio_sdl *a);

#endif
