/* wav: the file format of a recorded voice, 16-bit mono PCM in a RIFF WAVE file. */
#ifndef PV_WAV_H
#define PV_WAV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Writes a whole WAV file: header and samples, little-endian. 0, or -1 if f reports an error. */
int wav_write(FILE *f, const int16_t *pcm, size_t n, int rate);

#endif
