/* The speech layer with a fake synthesiser: order, highlights' events, word events at the
 * sample they belong to, cut-off, the cache; and the word schedule against eSpeak NG's own. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/bidi.h"
#include "check.h"
#include "fixture.h"
#include "session/screen.h"
#include "speech/speech.h"
#include "base/util.h"

/* The kiosk hands speech_say up to a screen's utterances: speech must take them all. */
_Static_assert(SPEECH_MAX_ITEMS >= SCREEN_MAX_UTTERANCES, "speech_say must say every utterance of a screen");

/* Each character becomes 100 samples of value 1000, delivered in chunks of 300. */
struct fake {
	int synth_calls;
	int stop_seen;
};

static void *fake_create(int *rate, char *err, size_t n)
{
	(void)err, (void)n;
	*rate = 10000;
	return xcalloc(1, sizeof(struct fake));
}

static void fake_destroy(void *impl)
{
	free(impl);
}

/* Each word is marked at its first character's samples, as a synthesiser would. */
static int fake_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n)
{
	(void)err, (void)n;
	struct fake *f = impl;
	f->synth_calls++;
	int16_t chunk[300];
	for (int i = 0; i < 300; i++)
		chunk[i] = (int16_t)(rq->rate == SPEECH_RATE_SLOW ? 700 : 1000);
	const char *text = rq->text;
	for (size_t i = 0; text[i]; i++)
		if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) {
			size_t e = i;
			while (text[e] && text[e] != ' ')
				e++;
			sink->word(sink->ud, i * 100, i, e - i);
		}
	size_t total = strlen(text) * 100;
	for (size_t done = 0; done < total; done += 300) {
		size_t k = total - done < 300 ? total - done : 300;
		if (sink->pcm(sink->ud, chunk, k)) {
			f->stop_seen++;
			return 0;
		}
	}
	return 0;
}

static const struct tts_driver fake_driver = { "fake", fake_create, fake_destroy, fake_synth, NULL };

/* Pulls until nothing is left to say; returns the samples pulled and their peak. */
static size_t drain(struct speech *sp, int *peak)
{
	int16_t buf[256];
	size_t total = 0;
	*peak = 0;
	for (int guard = 0; guard < 100000; guard++) {
		speech_wait_idle(sp);
		if (!speech_busy(sp))
			break;
		speech_pull(sp, buf, 256);
		total += 256;
		for (int i = 0; i < 256; i++)
			if (abs(buf[i]) > *peak)
				*peak = abs(buf[i]);
	}
	return total;
}

static void test_order_and_cache(void)
{
	int rate;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	const struct speech_item texts[] = { { "Bonjour", "fr", "fr", NULL }, { "Oui", "fr", "fr", NULL },
		                             { "Non", "fr", "fr", NULL } };
	unsigned seq = speech_say(sp, texts, 3);
	int peak;
	size_t pulled = drain(sp, &peak);
	CHECK(pulled >= (7 + 3 + 3) * 100);
	CHECK_INT(peak, 1000);
	struct speech_event ev;
	enum speech_event_kind kinds[9] = { SPEECH_START, SPEECH_WORD, SPEECH_END, SPEECH_START, SPEECH_WORD,
		                            SPEECH_END,   SPEECH_START, SPEECH_WORD, SPEECH_END };
	size_t idx[9] = { 0, 0, 0, 1, 1, 1, 2, 2, 2 };
	for (int i = 0; i < 9; i++) {
		CHECK(speech_poll(sp, &ev));
		CHECK_INT(ev.kind, kinds[i]);
		CHECK_INT(ev.index, idx[i]);
		CHECK_INT(ev.seq, seq);
	}
	CHECK(!speech_poll(sp, &ev));
	CHECK_INT(speech_stats(sp).synthesised, 3);

	/* The same texts again: played from the cache, not synthesised again. */
	speech_say(sp, texts, 3);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 3);
	CHECK_INT(speech_stats(sp).cached, 3);
	CHECK_INT(speech_stats(sp).cache_bytes, (7 + 3 + 3) * 100 * 2);

	/* Gain scales what is played. */
	speech_set_gain(sp, 0.5f);
	speech_say(sp, texts, 1);
	drain(sp, &peak);
	CHECK_INT(peak, 500);
	speech_destroy(sp);
}

static void test_cut_off(void)
{
	int rate;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	const struct speech_item longer[] = { { "Une phrase assez longue pour être coupée au milieu", "fr", "fr", NULL } };
	unsigned first = speech_say(sp, longer, 1);
	speech_wait_idle(sp);
	int16_t buf[256];
	speech_pull(sp, buf, 256); /* it has started */
	const struct speech_item card[] = { { "Bien", "fr", "fr", NULL } };
	unsigned second = speech_say(sp, card, 1);
	struct speech_event ev;
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_START && ev.seq == first);
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_WORD && ev.seq == first && ev.at == 0 && ev.len == 3);
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_END && ev.seq == first); /* cut at once */
	int peak;
	size_t pulled = drain(sp, &peak);
	CHECK(pulled < 4 * 100 + 256 * 2); /* only the card's label is played after the cut */
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_START && ev.seq == second);

	/* A cache limit smaller than a clip keeps nothing. */
	speech_destroy(sp);
	f = fake_create(&rate, NULL, 0);
	sp = speech_create(&fake_driver, f, rate, 100, NULL, NULL);
	speech_say(sp, card, 1);
	drain(sp, &peak);
	speech_say(sp, card, 1);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 2);
	CHECK_INT(speech_stats(sp).cache_bytes, 0);
	speech_destroy(sp);
}

/* Word events come out of speech_pull with the samples they mark: in the pull that hands the
 * word's first sample to the device, not before, not after. */
static void test_word_timing(void)
{
	int rate;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	const struct speech_item it[] = { { "un deux trois quatre", "fr", "fr", NULL } };
	speech_say(sp, it, 1);
	speech_wait_idle(sp);
	const size_t want_at[] = { 0, 3, 8, 14 }; /* marks at 0, 300, 800, 1400 samples */
	size_t got = 0, pos = 0;
	int16_t buf[50];
	while (speech_busy(sp) && pos < 100000) {
		speech_pull(sp, buf, 50);
		struct speech_event ev;
		while (speech_poll(sp, &ev)) {
			if (ev.kind != SPEECH_WORD)
				continue;
			CHECK(got < 4);
			if (got >= 4)
				break;
			size_t mark = want_at[got] * 100;
			CHECK_INT(ev.at, want_at[got]);
			CHECK(mark >= pos && mark < pos + 50); /* in this pull's samples */
			got++;
		}
		pos += 50;
	}
	CHECK_INT(got, 4);
	speech_destroy(sp);
}

/* A clip is reused only for the same voice and speed: the slow setting makes new sound. */
static void test_cache_key(void)
{
	int rate, peak;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	const struct speech_item fr[] = { { "Oui", "fr-fr", "fr", "ui.yes" } };
	const struct speech_item other[] = { { "Oui", "ro", "ro", "ui.yes" } };
	speech_say(sp, fr, 1);
	drain(sp, &peak);
	speech_say(sp, other, 1);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 2);
	speech_set_rate(sp, SPEECH_RATE_SLOW);
	speech_say(sp, fr, 1);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 3);
	CHECK_INT(peak, 700); /* the fake says it slowly */
	speech_set_rate(sp, SPEECH_RATE_NORMAL);
	speech_say(sp, fr, 1);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 3); /* the normal one is still in the cache */
	speech_destroy(sp);
}

/* A screen's every utterance is said, in order; more than speech takes is refused whole, with
 * an error that names the numbers, rather than cut short. */
static void test_max_items(void)
{
	int rate, peak;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	char texts[SPEECH_MAX_ITEMS + 1][16];
	struct speech_item items[SPEECH_MAX_ITEMS + 1];
	for (size_t i = 0; i < PV_ARRAY_LEN(items); i++) {
		snprintf(texts[i], sizeof texts[i], "t%zu", i);
		items[i] = (struct speech_item){ texts[i], "fr", "fr", NULL };
	}
	unsigned seq = speech_say(sp, items, SCREEN_MAX_UTTERANCES);
	drain(sp, &peak);
	size_t started = 0, ended = 0;
	struct speech_event ev;
	while (speech_poll(sp, &ev)) {
		CHECK_INT(ev.seq, seq);
		if (ev.kind == SPEECH_START)
			CHECK_INT(ev.index, started++);
		else if (ev.kind == SPEECH_END)
			CHECK_INT(ev.index, ended++);
	}
	CHECK_INT(started, SCREEN_MAX_UTTERANCES);
	CHECK_INT(ended, SCREEN_MAX_UTTERANCES);
	CHECK_INT(f->synth_calls, SCREEN_MAX_UTTERANCES);

	seq = speech_say(sp, items, SPEECH_MAX_ITEMS + 1);
	CHECK(!speech_busy(sp));
	CHECK(strstr(log_last_error(), "21 texts") && strstr(log_last_error(), "at most 20"));
	drain(sp, &peak);
	CHECK_INT(peak, 0);
	while (speech_poll(sp, &ev))
		CHECK(ev.seq != seq);
	speech_destroy(sp);
}

/* eSpeak NG's own word events, collected straight from the driver. */
struct collected {
	size_t samples;
	size_t mark_sample[64], mark_at[64], mark_len[64];
	size_t nmarks;
};

static int collect_pcm(void *ud, const int16_t *pcm, size_t n)
{
	(void)pcm;
	((struct collected *)ud)->samples += n;
	return 0;
}

static void collect_word(void *ud, size_t sample, size_t at, size_t len)
{
	struct collected *c = ud;
	if (c->nmarks < 64) {
		c->mark_sample[c->nmarks] = sample;
		c->mark_at[c->nmarks] = at;
		c->mark_len[c->nmarks++] = len;
	}
}

/* A driver that passes eSpeak NG's output on and keeps a copy of its word events. */
static struct collected *spy_seen;
static const struct tts_sink *spy_next;

static int spy_pcm(void *ud, const int16_t *pcm, size_t n)
{
	(void)ud;
	collect_pcm(spy_seen, pcm, n);
	return spy_next->pcm(spy_next->ud, pcm, n);
}

static void spy_word(void *ud, size_t sample, size_t at, size_t len)
{
	(void)ud;
	collect_word(spy_seen, sample, at, len);
	spy_next->word(spy_next->ud, sample, at, len);
}

static int spy_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n)
{
	spy_next = sink;
	struct tts_sink mine = { spy_pcm, spy_word, NULL };
	return tts_espeak.synth(impl, rq, &mine, err, n);
}

static void spy_destroy(void *impl)
{
	tts_espeak.destroy(impl);
}

static const struct tts_driver spy_driver = { "spy", NULL, spy_destroy, spy_synth, NULL };

/* The highlighting schedule: through the speech layer, each word is reported in the pull that
 * plays eSpeak NG's sample for it, and maps onto a whole word of the text as written. */
static void check_espeak_schedule(const char *voice, const char *text, const char *const *words, size_t nwords)
{
	int rate;
	char err[200];
	void *e = tts_espeak.create(&rate, err, sizeof err);
	CHECK(e != NULL);
	if (!e) {
		fprintf(stderr, "  %s\n", err);
		return;
	}
	struct collected c = { 0 };
	struct tts_sink to = { collect_pcm, collect_word, &c };
	struct tts_request rq = { text, voice, "xx", NULL, SPEECH_RATE_NORMAL };
	CHECK_INT(tts_espeak.synth(e, &rq, &to, err, sizeof err), 0);
	CHECK(c.samples > 0);
	CHECK_INT(c.nmarks, nwords);
	for (size_t i = 1; i < c.nmarks; i++)
		CHECK(c.mark_sample[i] > c.mark_sample[i - 1]);

	/* The schedule the speech layer got: eSpeak NG's events of that same synthesis. */
	c = (struct collected){ 0 };
	spy_seen = &c;
	struct speech *sp = speech_create(&spy_driver, e, rate, 1 << 20, NULL, NULL);
	const struct speech_item it[] = { { text, voice, "xx", NULL } };
	speech_say(sp, it, 1);
	speech_wait_idle(sp);
	size_t pos = 0, got = 0;
	int16_t buf[64];
	CHECK_INT(c.nmarks, nwords);
	while (speech_busy(sp) && pos < c.samples + 100000) {
		speech_pull(sp, buf, 64);
		struct speech_event ev;
		while (speech_poll(sp, &ev)) {
			if (ev.kind != SPEECH_WORD || got >= c.nmarks)
				continue;
			CHECK_INT(ev.at, c.mark_at[got]);
			bool in_pull = c.mark_sample[got] >= pos && c.mark_sample[got] < pos + 64;
			CHECK(in_pull);
			if (!in_pull)
				fprintf(stderr, "  word %zu of \"%s\": eSpeak sample %zu, reported in pull [%zu, %zu)\n", got,
				        text, c.mark_sample[got], pos, pos + 64);
			size_t ws, wl;
			CHECK(text_word_at(text, ev.at, &ws, &wl));
			if (got < nwords && (wl != strlen(words[got]) || strncmp(text + ws, words[got], wl) != 0)) {
				CHECK(false);
				fprintf(stderr, "  word %zu: highlighted \"%.*s\", want \"%s\"\n", got, (int)wl, text + ws,
				        words[got]);
			}
			got++;
		}
		pos += 64;
	}
	CHECK_INT(got, c.nmarks);
	speech_destroy(sp);
}

static void test_espeak_schedule(void)
{
	static const char *const fr[] = { "Bonjour,", "comment", "allez-vous", "aujourd'hui" };
	check_espeak_schedule("fr-fr", "Bonjour, comment allez-vous aujourd'hui ?", fr, 4);
	static const char *const ar[] = { "أنا", "أتكلم", "العربية." };
	check_espeak_schedule("ar", "أنا أتكلم العربية.", ar, 3);
	static const char *const ka[] = { "მე", "ვლაპარაკობ", "ქართულად." };
	check_espeak_schedule("ka", "მე ვლაპარაკობ ქართულად.", ka, 3);
}

/* Every language of the kiosk has an eSpeak NG voice that says its "I speak ..." aloud. */
static void test_bundled_voices(void)
{
	struct i18n *L = fixture_i18n();
	int rate;
	char err[200];
	void *e = tts_espeak.create(&rate, err, sizeof err);
	CHECK(e != NULL && i18n_count(L) >= 12);
	for (size_t i = 0; e && i < i18n_count(L); i++) {
		const struct lang_info *li = i18n_lang(L, i);
		if (tts_espeak.check_voice(e, li->voice, err, sizeof err) != 0) {
			CHECK(false);
			fprintf(stderr, "  %s: %s\n", li->code, err);
			continue;
		}
		struct collected c = { 0 };
		struct tts_sink to = { collect_pcm, collect_word, &c };
		struct tts_request rq = { i18n_ui(L, li->code, UI_I_SPEAK).text, li->voice, li->code, NULL, 150 };
		CHECK_INT(tts_espeak.synth(e, &rq, &to, err, sizeof err), 0);
		CHECK(c.samples > (size_t)rate / 2); /* at least half a second of speech */
		CHECK(c.nmarks >= 2);
	}
	CHECK(e && tts_espeak.check_voice(e, "xx-nonexistent", err, sizeof err) != 0);
	if (e)
		tts_espeak.destroy(e);
	i18n_destroy(L);
}

int main(void)
{
	test_bundled_voices();
	test_order_and_cache();
	test_cut_off();
	test_word_timing();
	test_cache_key();
	test_max_items();
	test_espeak_schedule();
	return check_done();
}
