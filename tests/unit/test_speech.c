/* The speech layer with a fake synthesiser: order, highlights' events, cut-off, the cache. */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "speech.h"
#include "util.h"

/* Each character becomes 100 samples of value 1000, delivered in chunks of 300. */
struct fake {
	int synth_calls;
	int stop_seen;
};

static void *fake_create(const char *voice, int *rate, char *err, size_t n)
{
	(void)voice, (void)err, (void)n;
	*rate = 10000;
	return xcalloc(1, sizeof(struct fake));
}

static void fake_destroy(void *impl)
{
	free(impl);
}

static int fake_synth(void *impl, const char *text, tts_sink_fn sink, void *ud, char *err, size_t n)
{
	(void)err, (void)n;
	struct fake *f = impl;
	f->synth_calls++;
	int16_t chunk[300];
	for (int i = 0; i < 300; i++)
		chunk[i] = 1000;
	size_t total = strlen(text) * 100;
	for (size_t done = 0; done < total; done += 300) {
		size_t k = total - done < 300 ? total - done : 300;
		if (sink(ud, chunk, k)) {
			f->stop_seen++;
			return 0;
		}
	}
	return 0;
}

static const struct tts_driver fake_driver = { "fake", fake_create, fake_destroy, fake_synth };

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
	struct fake *f = fake_create(NULL, &rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	const char *texts[] = { "Bonjour", "Oui", "Non" };
	unsigned seq = speech_say(sp, texts, 3);
	int peak;
	size_t pulled = drain(sp, &peak);
	CHECK(pulled >= (7 + 3 + 3) * 100);
	CHECK_INT(peak, 1000);
	struct speech_event ev;
	enum speech_event_kind kinds[6] = { SPEECH_START, SPEECH_END, SPEECH_START, SPEECH_END, SPEECH_START, SPEECH_END };
	size_t idx[6] = { 0, 0, 1, 1, 2, 2 };
	for (int i = 0; i < 6; i++) {
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
	struct fake *f = fake_create(NULL, &rate, NULL, 0);
	struct speech *sp = speech_create(&fake_driver, f, rate, 1 << 20, NULL, NULL);
	const char *longer[] = { "Une phrase assez longue pour être coupée au milieu" };
	unsigned first = speech_say(sp, longer, 1);
	speech_wait_idle(sp);
	int16_t buf[256];
	speech_pull(sp, buf, 256); /* it has started */
	const char *card[] = { "Bien" };
	unsigned second = speech_say(sp, card, 1);
	struct speech_event ev;
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_START && ev.seq == first);
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_END && ev.seq == first); /* cut at once */
	int peak;
	size_t pulled = drain(sp, &peak);
	CHECK(pulled < 4 * 100 + 256 * 2); /* only the card's label is played after the cut */
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_START && ev.seq == second);

	/* A cache limit smaller than a clip keeps nothing. */
	speech_destroy(sp);
	f = fake_create(NULL, &rate, NULL, 0);
	sp = speech_create(&fake_driver, f, rate, 100, NULL, NULL);
	speech_say(sp, card, 1);
	drain(sp, &peak);
	speech_say(sp, card, 1);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 2);
	CHECK_INT(speech_stats(sp).cache_bytes, 0);
	speech_destroy(sp);
}

int main(void)
{
	test_order_and_cache();
	test_cut_off();
	return check_done();
}
