/* pictovox recordings: what to record in one language and where each file goes; with
 * --synthesize, example recordings made by the synthesiser. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"
#include "cli/cli.h"
#include "content/content.h"
#include "i18n/bidi.h"
#include "i18n/i18n.h"
#include "i18n/l10n.h"
#include "i18n/recordings.h"
#include "speech/speech.h"
#include "speech/wav.h"

/* Keys one call may synthesise. */
#define RECORDINGS_MAX_SYNTH 32
/* Words of one example's label track; more are left out of the track, not of the sound. */
#define EXAMPLE_MAX_WORDS 128

/* What an example recording collects from the synthesiser. */
struct example {
	int16_t *pcm;
	size_t n, cap;
	size_t starts[EXAMPLE_MAX_WORDS], ats[EXAMPLE_MAX_WORDS], lens[EXAMPLE_MAX_WORDS];
	size_t words;
};

static int example_pcm(void *ud, const int16_t *pcm, size_t n)
{
	struct example *e = ud;
	if (e->n + n > e->cap) {
		e->cap = (e->n + n) * 2;
		e->pcm = xrealloc(e->pcm, e->cap * sizeof *e->pcm);
	}
	memcpy(e->pcm + e->n, pcm, n * sizeof *pcm);
	e->n += n;
	return 0;
}

static void example_word(void *ud, size_t sample, size_t at, size_t len)
{
	struct example *e = ud;
	if (e->words < PV_ARRAY_LEN(e->starts)) {
		e->starts[e->words] = sample;
		e->ats[e->words] = at;
		e->lens[e->words++] = len;
	}
}

/* A recording made by the synthesiser, in the format a human one takes: a 16-bit mono WAV and
 * an Audacity label track of its words. It shows the format; a human voice is what it is for. */
static int synthesize_example(const char *audio, const struct lang_info *li, const char *key, const char *text)
{
	char err[300];
	int rate = 0;
	void *tts = tts_espeak.create(&rate, err, sizeof err);
	struct example e = { 0 };
	struct tts_sink sink = { example_pcm, example_word, &e };
	struct tts_request rq = { text, li->voice, li->code, key, SPEECH_RATE_NORMAL };
	if (!tts || tts_espeak.synth(tts, &rq, &sink, err, sizeof err) != 0) {
		fprintf(stderr, "pictovox: %s\n", err);
		if (tts)
			tts_espeak.destroy(tts);
		free(e.pcm);
		return 1;
	}
	tts_espeak.destroy(tts);
	char *dir = path_join(audio, li->code);
	char *wav = recordings_path(audio, li->code, key, ".wav");
	char *txt = recordings_path(audio, li->code, key, ".txt");
	int status = 1;
	FILE *f = NULL, *t = NULL;
	if (!wav || path_mkdirs(dir, err, sizeof err) != 0 || !(f = fopen(wav, "wb")) || !(t = fopen(txt, "w"))) {
		fprintf(stderr, "pictovox: cannot write %s: %s\n", wav ? wav : key, wav ? strerror(errno) : "bad key");
	} else {
		int wrote = wav_write(f, e.pcm, e.n, rate);
		for (size_t i = 0; i < e.words; i++) {
			size_t ws, wl;
			if (!text_word_at(text, e.ats[i], &ws, &wl))
				continue;
			size_t end = i + 1 < e.words ? e.starts[i + 1] : e.n;
			fprintf(t, "%.6f\t%.6f\t%.*s\n", (double)e.starts[i] / rate, (double)end / rate, (int)wl, text + ws);
		}
		status = wrote != 0 || ferror(t) ? 1 : 0;
		printf("%s\n%s\n", wav, txt);
	}
	if (f && fclose(f) != 0)
		status = 1;
	if (t && fclose(t) != 0)
		status = 1;
	free(dir);
	free(wav);
	free(txt);
	free(e.pcm);
	return status;
}

static int run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *dir = PICTOVOX_ASSETS, *lang = I18N_FALLBACK;
	const char *keys[RECORDINGS_MAX_SYNTH];
	struct cli_list synth = { keys, 0, RECORDINGS_MAX_SYNTH };
	const struct cli_option opts[] = {
		{ "--content", &dir, NULL, NULL },
		{ "--lang", &lang, NULL, NULL },
		{ "--synthesize", NULL, NULL, &synth },
		{ NULL, NULL, NULL, NULL },
	};
	int status, i0 = cli_parse(cmd, opts, argc, argv, &status);
	if (i0 < 0)
		return status;
	if (i0 < argc)
		return cli_usage_error(cmd, "unexpected '%s'", argv[i0]);
	const char **make = synth.items;
	size_t nmake = synth.n;
	struct diags *d = diags_create();
	char *list = path_join(PICTOVOX_LOCALES, "languages.yaml");
	struct i18n *L = i18n_load(list, PICTOVOX_MODIR, d);
	free(list);
	diags_print(d, stderr);
	diags_destroy(d);
	struct content *c = L ? cli_load_content(dir) : NULL;
	status = 1;
	if (L && !i18n_find(L, lang)) {
		fprintf(stderr, "pictovox: no language '%s' in %s/languages.yaml\n", lang, PICTOVOX_LOCALES);
	} else if (c && nmake) {
		struct l10n_string *s;
		size_t n = l10n_strings(c, &s);
		char *audio = path_join(dir, "audio");
		status = 0;
		for (size_t k = 0; k < nmake; k++) {
			size_t i = 0;
			while (i < n && strcmp(s[i].key, make[k]) != 0)
				i++;
			if (i == n) {
				fprintf(stderr, "pictovox: no text has the key '%s'\n", make[k]);
				status = 1;
				continue;
			}
			struct tstr t = i18n_get(L, lang, s[i].key, s[i].msgid, s[i].source);
			if (strcmp(t.lang, lang) != 0) {
				fprintf(stderr, "pictovox: '%s' is not translated into %s yet\n", make[k], lang);
				status = 1;
				continue;
			}
			status |= synthesize_example(audio, i18n_find(L, lang), s[i].key, t.text);
		}
		free(audio);
		free(s);
	} else if (c) {
		struct l10n_string *s;
		size_t n = l10n_strings(c, &s);
		char *audio = path_join(dir, "audio");
		size_t have = 0;
		for (size_t i = 0; i < n; i++) {
			char *path = recordings_path(audio, lang, s[i].key, ".wav");
			bool there = path && path_is_file(path);
			have += there;
			struct tstr t = i18n_get(L, lang, s[i].key, s[i].msgid, s[i].source);
			printf("%s\t%s\t", there ? "recorded" : "missing", path ? path : s[i].key);
			for (const char *p = t.text; *p; p++)
				fputs(*p == '\n' ? "\\n" : (char[2]){ *p, 0 }, stdout);
			printf("%s\n", strcmp(t.lang, lang) ? "\t(not translated yet)" : "");
			free(path);
		}
		fprintf(stderr, "pictovox: %zu of %zu texts recorded in %s/%s/\n", have, n, audio, lang);
		free(audio);
		free(s);
		status = 0;
	}
	content_destroy(c);
	i18n_destroy(L);
	return status;
}

const struct cli_command cli_recordings = {
	"recordings",
	"pictovox recordings [--content DIR] [--lang CODE] [--synthesize KEY]...",
	"Lists every text of a language with the file its recording goes in\n"
	"(<content>/audio/<lang>/<key>.wav) and whether it is there. --synthesize KEY makes an\n"
	"example of that recording with eSpeak NG: the WAV and its word labels (an Audacity label\n"
	"track); a human voice is what the format is for.\n"
	"  --content DIR     the content (default: the bundled content)\n"
	"  --lang CODE       the language (default: fr)\n"
	"  --synthesize KEY  an example recording of that text (repeatable)\n"
	"Exit status: 0 when done, 1 on an error, 2 for a wrong option.\n",
	run,
};
