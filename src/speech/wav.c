#include "speech/wav.h"

static void put_le(FILE *f, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		fputc((int)((v >> (8 * i)) & 0xff), f);
}

int wav_write(FILE *f, const int16_t *pcm, size_t n, int rate)
{
	uint32_t data = (uint32_t)(n * 2);
	fputs("RIFF", f), put_le(f, 36 + data, 4), fputs("WAVEfmt ", f), put_le(f, 16, 4);
	/* PCM, one channel, rate, bytes a second, bytes a frame, bits a sample */
	put_le(f, 1, 2), put_le(f, 1, 2), put_le(f, (uint32_t)rate, 4), put_le(f, (uint32_t)rate * 2, 4);
	put_le(f, 2, 2), put_le(f, 16, 2), fputs("data", f), put_le(f, data, 4);
	for (size_t i = 0; i < n; i++)
		put_le(f, (uint16_t)pcm[i], 2);
	return ferror(f) ? -1 : 0;
}
