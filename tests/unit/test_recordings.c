/* A recorded human voice replaces the synthesiser for the texts that were recorded, converted
 * to the kiosk's format; every other text, and a broken recording, falls back to it. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "fixture.h"
#include "i18n/recordings.h"
#include "i18n/l10n.h"
#include "speech/tts_recordings.h"

static int inner_calls;

static void inner_destroy(void *impl)
{
	(void)impl;
}

static int inner_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n)
{
	(void)impl, (void)rq, (void)err, (void)n;
	int16_t one[10] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 };
	inner_calls++;
	sink->pcm(sink->ud, one, 10);
	return 0;
}

static const struct tts_driver inner = { "fake", NULL, inner_destroy, inner_synth, NULL };

struct got {
	size_t n;
	long sum;
	size_t words, word_sample[8], word_at[8], word_len[8];
};

static int got_pcm(void *ud, const int16_t *pcm, size_t n)
{
	struct got *g = ud;
	for (size_t i = 0; i < n; i++)
		g->sum += pcm[i];
	g->n += n;
	return 0;
}

static void got_word(void *ud, size_t sample, size_t at, size_t len)
{
	struct got *g = ud;
	if (g->words < 8) {
		g->word_sample[g->words] = sample;
		g->word_at[g->words] = at;
		g->word_len[g->words] = len;
	}
	g->words++;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static int say(void *impl, struct got *g, const char *lang, const char *key, const char *text)
{
	*g = (struct got){ 0 };
	struct tts_sink sink = { got_pcm, got_word, g };
	struct tts_request rq = { text, "fr-fr", lang, key, 150 };
	char err[300];
	return tts_recordings.synth(impl, &rq, &sink, err, sizeof err);
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

/* The label tracks Audacity writes: times in seconds, a tab, then the end and the word. */
static void test_labels(const char *dir)
{
	char *path = path_join(dir, "labels.txt");
	write_file(path, "0.000000\t0.300000\tVous\n0.35\t0.6\têtes\n\n0.7\t1.2\tlà ?\n");
	double *starts;
	char err[300] = "";
	CHECK_INT(recordings_read_labels(path, &starts, err, sizeof err), 3);
	if (starts) {
		CHECK(starts[0] == 0.0 && starts[1] == 350.0 && starts[2] == 700.0);
		free(starts);
	}
	write_file(path, "0.5\t0.6\tun\n0.2\t0.3\tdeux\n");
	CHECK_INT(recordings_read_labels(path, &starts, err, sizeof err), -1);
	CHECK(strstr(err, "labels.txt:2: labels must be in time order") != NULL);
	write_file(path, "zero\t1\tun\n");
	CHECK_INT(recordings_read_labels(path, &starts, err, sizeof err), -1);
	CHECK(strstr(err, "labels.txt:1: a label starts with its time") != NULL);
	CHECK(starts == NULL);
	free(path);
	char *p = recordings_path("/a", "fr", "ui.back", ".wav");
	CHECK_STR(p, "/a/fr/ui.back.wav");
	free(p);
	CHECK(recordings_path("/a", "fr", "../x", ".wav") == NULL);
	CHECK(recordings_path("/a", "../fr", "x", ".wav") == NULL);
}

int main(void)
{
	char *dir = fixture_tmpdir();
	test_labels(dir);
	char *fr = path_join(dir, "fr");
	CHECK_INT(path_mkdirs(fr, NULL, 0), 0);
	char *yes = path_join(fr, "ui.yes.wav");
	write_wav(yes);
	char *labels = path_join(fr, "ui.yes.txt");
	write_file(labels, "0.02\t0.05\tOui,\n0.06\t0.1\tmerci\n");
	char *bad = path_join(fr, "ui.no.wav");
	write_file(bad, "not a wav file");

	void *impl = tts_recordings_wrap(dir, &inner, NULL, 22050);
	struct got g;
	CHECK_INT(say(impl, &g, "fr", "ui.yes", "Oui, merci"), 0);
	CHECK_INT(inner_calls, 0);
	CHECK(g.n >= 2200 && g.n <= 2210); /* 0.1 s at 22,050 Hz, mono */
	CHECK(g.n && labs(g.sum / (long)g.n - 1000) < 20);
	/* The label track gives each word's start: 20 ms and 60 ms, on the text's words. */
	CHECK_INT(g.words, 2);
	CHECK_INT(g.word_sample[0], 441);
	CHECK_INT(g.word_sample[1], 1323);
	CHECK_INT(g.word_at[0], 0);
	CHECK_INT(g.word_len[0], 4);
	CHECK_INT(g.word_at[1], 5);

	CHECK_INT(say(impl, &g, "fr", "ui.back", "Retour"), 0);
	CHECK_INT(inner_calls, 1); /* not recorded: the synthesiser */
	CHECK_INT(g.n, 10);
	CHECK_INT(say(impl, &g, "ar", "ui.yes", "نعم"), 0);
	CHECK_INT(inner_calls, 2); /* recorded in French only */
	CHECK_INT(say(impl, &g, "fr", NULL, "Oui"), 0);
	CHECK_INT(inner_calls, 3); /* no key, no recording */

	CHECK_INT(say(impl, &g, "fr", "ui.no", "Non"), 0);
	CHECK_INT(inner_calls, 4); /* a broken recording: the synthesiser says it */
	CHECK_INT(g.n, 10);
	tts_recordings.destroy(impl);

	/* What `check` lists: every text of the content and the kiosk, with or without a recording. */
	struct content *c = fixture_content();
	struct l10n_string *s;
	size_t n = l10n_strings(c, &s);
	CHECK_INT(recordings_present(dir, "fr", s, n, NULL, NULL), 2); /* ui.yes, and ui.no however broken */
	CHECK_INT(recordings_present(dir, "ar", s, n, NULL, NULL), 0);
	free(s);
	content_destroy(c);
	free(yes);
	free(bad);
	free(labels);
	free(fr);
	fixture_rmdir(dir);
	return check_done();
}
