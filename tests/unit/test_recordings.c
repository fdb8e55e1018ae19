/* A recorded human voice replaces the synthesiser for the texts that were recorded, converted
 * to the kiosk's format; every other text, and a broken recording, falls back to it. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "fixture.h"
#include "recordings.h"
#include "tts_recordings.h"

static int inner_calls;

static void inner_destroy(void *impl)
{
	(void)impl;
}

static int inner_synth(void *impl, const char *text, tts_sink_fn sink, void *ud, char *err, size_t n)
{
	(void)impl, (void)text, (void)err, (void)n;
	int16_t one[10] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 };
	inner_calls++;
	sink(ud, one, 10);
	return 0;
}

static const struct tts_driver inner = { "fake", NULL, inner_destroy, inner_synth };

struct got {
	size_t n;
	long sum;
};

static int sink(void *ud, const int16_t *pcm, size_t n)
{
	struct got *g = ud;
	for (size_t i = 0; i < n; i++)
		g->sum += pcm[i];
	g->n += n;
	return 0;
}

/* A 16-bit stereo WAV at 44,100 Hz: 4,410 frames (0.1 s) of 1000 on both channels. */
static void write_wav(const char *path)
{
	const uint32_t frames = 4410, data = frames * 4;
	FILE *f = fopen(path, "wb");
	uint32_t u32;
	uint16_t u16;
	fwrite("RIFF", 1, 4, f);
	u32 = 36 + data, fwrite(&u32, 4, 1, f);
	fwrite("WAVEfmt ", 1, 8, f);
	u32 = 16, fwrite(&u32, 4, 1, f);
	u16 = 1, fwrite(&u16, 2, 1, f);      /* PCM */
	u16 = 2, fwrite(&u16, 2, 1, f);      /* channels */
	u32 = 44100, fwrite(&u32, 4, 1, f);
	u32 = 44100 * 4, fwrite(&u32, 4, 1, f);
	u16 = 4, fwrite(&u16, 2, 1, f);
	u16 = 16, fwrite(&u16, 2, 1, f);
	fwrite("data", 1, 4, f);
	fwrite(&data, 4, 1, f);
	int16_t s = 1000;
	for (uint32_t i = 0; i < frames * 2; i++)
		fwrite(&s, 2, 1, f);
	fclose(f);
}

int main(void)
{
	char a[RECORDING_NAME_LEN + 1], b[RECORDING_NAME_LEN + 1], a2[RECORDING_NAME_LEN + 1];
	recordings_file_name("Oui", a);
	recordings_file_name("Oui", a2);
	recordings_file_name("Oui.", b);
	CHECK_STR(a, a2);
	CHECK(strcmp(a, b) != 0);
	CHECK_INT(strlen(a), RECORDING_NAME_LEN);
	CHECK(str_has_suffix(a, ".wav"));

	char *dir = fixture_tmpdir();
	char *yes = path_join(dir, a);
	write_wav(yes);
	char bad_name[RECORDING_NAME_LEN + 1];
	recordings_file_name("Bof", bad_name);
	char *bad = path_join(dir, bad_name);
	FILE *f = fopen(bad, "w");
	fputs("not a wav file", f);
	fclose(f);

	void *impl = tts_recordings_wrap(dir, &inner, NULL, 22050);
	char err[300];
	struct got g = { 0, 0 };
	CHECK_INT(tts_recordings.synth(impl, "Oui", sink, &g, err, sizeof err), 0);
	CHECK_INT(inner_calls, 0);
	CHECK(g.n >= 2200 && g.n <= 2210); /* 0.1 s at 22,050 Hz, mono */
	CHECK(g.n && labs(g.sum / (long)g.n - 1000) < 20);

	g = (struct got){ 0, 0 };
	CHECK_INT(tts_recordings.synth(impl, "Non", sink, &g, err, sizeof err), 0);
	CHECK_INT(inner_calls, 1);
	CHECK_INT(g.n, 10);

	g = (struct got){ 0, 0 };
	CHECK_INT(tts_recordings.synth(impl, "Bof", sink, &g, err, sizeof err), 0);
	CHECK_INT(inner_calls, 2); /* a broken recording: the synthesiser says it */
	CHECK_INT(g.n, 10);
	tts_recordings.destroy(impl);

	/* The list names each text once, with its file name. */
	struct words *w;
	struct content *c = fixture_content(&w);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	size_t n = recordings_list(c, w, out);
	fclose(out);
	CHECK(n > 30);
	char line[200];
	recordings_file_name("Comment allez-vous ?", a);
	snprintf(line, sizeof line, "%s\tComment allez-vous ?\n", a);
	CHECK(strstr(buf, line) != NULL);
	recordings_file_name("Pas bien", a);
	snprintf(line, sizeof line, "%s\tPas bien\n", a);
	CHECK(strstr(buf, line) != NULL && strstr(strstr(buf, line) + 1, line) == NULL); /* once */
	free(buf);
	content_destroy(c);
	words_destroy(w);
	free(yes);
	free(bad);
	fixture_rmdir(dir);
	return check_done();
}
