/* tts_recordings: a speech driver that plays a human recording of a text where one exists
 * (see recordings.h) and asks another driver (eSpeak NG) otherwise. */
#ifndef PV_TTS_RECORDINGS_H
#define PV_TTS_RECORDINGS_H

#include <stddef.h>

#include "speech/speech.h"

extern const struct tts_driver tts_recordings;

/* Wraps inner (which it then owns) with the recordings of folder dir, converted to rate. */
void *tts_recordings_wrap(const char *dir, const struct tts_driver *inner, void *inner_impl, int rate);

#endif
