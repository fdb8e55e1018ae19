/* The speech layer with a fake synthesiser: order, highlights' events, word events at the
 * sample they belong to, cut-off, the cache; and the word schedule against eSpeak NG's own. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
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

	/* The same texts again: played from the cache, not synthesised again, and at once: the
	 * first pull after speech_say has them, without waiting for the synthesis thread to wake. */
	speech_say(sp, texts, 3);
	int16_t first[64];
	speech_pull(sp, first, 64);
	CHECK_INT(first[0], 1000);
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

/* An allocation that stalls (a page fault, a lock inside malloc) must not stall the audio: the
 * sanitizers' allocator hooks stop the synthesis thread inside one, and the audio is pulled
 * meanwhile. Without a sanitizer there is no hook: skipped. */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *)) __attribute__((weak));

enum { STALL_OFF, STALL_ARMED, STALL_STALLED, STALL_RELEASED };
static atomic_int stall_state;
static pthread_t stall_thread; /* written before stall_state becomes STALL_ARMED */

static void stall_malloc_hook(const volatile void *p, size_t size)
{
	(void)p, (void)size;
	int armed = STALL_ARMED;
	if (atomic_load(&stall_state) != STALL_ARMED || !pthread_equal(pthread_self(), stall_thread) ||
	    !atomic_compare_exchange_strong(&stall_state, &armed, STALL_STALLED))
		return;
	while (atomic_load(&stall_state) == STALL_STALLED)
		sched_yield();
}

static void stall_free_hook(const volatile void *p)
{
	(void)p;
}

/* The fake, but a text that starts with "stall" stalls the synthesis thread's next allocation. */
static int stall_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n)
{
	if (strncmp(rq->text, "stall", 5) == 0) {
		stall_thread = pthread_self();
		atomic_store(&stall_state, STALL_ARMED);
	}
	return fake_synth(impl, rq, sink, err, n);
}

static const struct tts_driver stall_driver = { "stall", fake_create, fake_destroy, stall_synth, NULL };

static void test_allocator_stall(void)
{
	if (!__sanitizer_install_malloc_and_free_hooks) {
		printf("test_allocator_stall: skipped (no sanitizer allocator hooks in this build)\n");
		return;
	}
	__sanitizer_install_malloc_and_free_hooks(stall_malloc_hook, stall_free_hook);
	int rate, peak;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&stall_driver, f, rate, 1 << 20, NULL, NULL);
	const struct speech_item hello[] = { { "Bonjour", "fr", "fr", NULL }, { "stall here", "fr", "fr", NULL } };
	speech_say(sp, hello, 1);
	drain(sp, &peak); /* "Bonjour" is in the cache */
	struct speech_event ev;
	while (speech_poll(sp, &ev))
		;
	unsigned seq = speech_say(sp, hello, 2);
	long guard = 0;
	while (atomic_load(&stall_state) != STALL_STALLED && guard++ < 100000000)
		sched_yield();
	CHECK_INT(atomic_load(&stall_state), STALL_STALLED);
	/* The synthesis thread is stuck in malloc; "Bonjour", ready before, plays all the same. */
	int16_t buf[256];
	int seen = 0;
	for (int i = 0; i < 3; i++) {
		speech_pull(sp, buf, 256);
		for (int k = 0; k < 256; k++)
			seen = buf[k] > seen ? buf[k] : seen;
	}
	CHECK_INT(seen, 1000);
	CHECK(speech_poll(sp, &ev) && ev.kind == SPEECH_START && ev.seq == seq && ev.index == 0);
	atomic_store(&stall_state, STALL_RELEASED);
	drain(sp, &peak);
	CHECK_INT(f->synth_calls, 2);
	while (speech_poll(sp, &ev))
		if (ev.kind == SPEECH_START)
			CHECK_INT(ev.index, 1);
	atomic_store(&stall_state, STALL_OFF);
	speech_destroy(sp);
}

/* The ring under cuts, with a driver whose every sample says where it comes from: text
 * "<id>:<variant>" is pattern_len(id, variant) samples, sample j being id << 8 | (j & 0xff),
 * id in 1..PATTERN_IDS; a word starts every 512 samples. Never 0: silence is told apart. */
#define PATTERN_IDS 127u
#define RING_CYCLES 1500u

static unsigned pattern_id(unsigned cycle)
{
	return cycle % PATTERN_IDS + 1;
}

/* The third variant is longer than the ring: the producer waits for room, and is cut then. */
static size_t pattern_len(unsigned id, size_t variant)
{
	return 1000 + 13 * (size_t)id + (variant == 2 ? 40000 : 400 * variant);
}

static int16_t pattern_sample(unsigned id, size_t j)
{
	return (int16_t)(id << 8 | (j & 0xff));
}

static int pattern_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n)
{
	(void)impl;
	unsigned id, variant;
	if (sscanf(rq->text, "%u:%u", &id, &variant) != 2)
		return pv_err(err, n, "not a pattern: %s", rq->text);
	size_t len = pattern_len(id, variant);
	int16_t chunk[256];
	for (size_t done = 0; done < len;) {
		size_t k = len - done < 256 ? len - done : 256;
		for (size_t i = 0; i < k; i++)
			chunk[i] = pattern_sample(id, done + i);
		if (done % 512 == 0)
			sink->word(sink->ud, done, 0, 1);
		if (sink->pcm(sink->ud, chunk, k))
			return 0;
		done += k;
	}
	return 0;
}

static const struct tts_driver pattern_driver = { "pattern", fake_create, fake_destroy, pattern_synth, NULL };

/* The test's audio thread: pulls as fast as it can and judges every sample. */
struct puller {
	struct speech *sp;
	unsigned final;    /* the last say's cycle */
	atomic_uint said;  /* the last cycle whose speech_say (or stop) has returned */
	atomic_uint heard; /* the id of the last sample pulled */
	atomic_bool stop;
	/* the puller's own until it is joined */
	unsigned long stale, disorder;
	int16_t *final_pcm; /* the final say's samples, silence left out */
	size_t nfinal, capfinal;
};

static void *pull_loop(void *arg)
{
	struct puller *p = arg;
	int16_t buf[32];
	unsigned prev = 0;
	size_t prev_j = 0;
	while (!atomic_load(&p->stop)) {
		unsigned said = atomic_load(&p->said);
		speech_pull(p->sp, buf, PV_ARRAY_LEN(buf));
		for (size_t i = 0; i < PV_ARRAY_LEN(buf); i++) {
			if (buf[i] == 0)
				continue;
			unsigned id = (uint16_t)buf[i] >> 8;
			size_t j = (uint16_t)buf[i] & 0xff;
			/* A say may return during this pull: ids up to half the circle ahead are later ones. */
			if ((id + PATTERN_IDS - pattern_id(said)) % PATTERN_IDS > PATTERN_IDS / 2)
				p->stale++; /* a sample of a say cut before this pull began */
			atomic_store(&p->heard, id);
			if (id == prev && j != ((prev_j + 1) & 0xff) && j != 0)
				p->disorder++;
			prev = id;
			prev_j = j;
			/* said may lag (it is stored after speech_say returns, and read before the pull):
			 * the final say's id, pulled in its last half circle, is the final say's. */
			if (said + PATTERN_IDS / 2 >= p->final && id == pattern_id(p->final)) {
				if (p->nfinal == p->capfinal) {
					p->capfinal = p->capfinal ? 2 * p->capfinal : 4096;
					p->final_pcm = xrealloc(p->final_pcm, p->capfinal * sizeof *p->final_pcm);
				}
				p->final_pcm[p->nfinal++] = buf[i];
			}
		}
	}
	return NULL;
}

/* Says and cuts RING_CYCLES times (texts new and cached, cut at once or once heard, stops)
 * while another thread pulls: no sample of a say is pulled once the next one has returned,
 * samples come in order, and the last say is heard whole, with its events. ThreadSanitizer
 * runs this test (tests/run). */
static void test_ring_under_cuts(void)
{
	int rate;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&pattern_driver, f, rate, 4u << 20, NULL, NULL);
	struct puller p = { .sp = sp, .final = RING_CYCLES };
	atomic_init(&p.said, 0);
	atomic_init(&p.heard, 0);
	atomic_init(&p.stop, false);
	pthread_t th;
	CHECK(pthread_create(&th, NULL, pull_loop, &p) == 0);
	char texts[3][32];
	struct speech_item items[3];
	struct speech_event ev;
	unsigned seq = 0, unheard = 0;
	for (unsigned c = 1; c <= RING_CYCLES; c++) {
		size_t n = c == RING_CYCLES ? 3 : c % 7 == 0 ? 0 : 1 + c % 3;
		for (size_t i = 0; i < n; i++) {
			snprintf(texts[i], sizeof texts[i], "%u:%zu", pattern_id(c), i);
			items[i] = (struct speech_item){ texts[i], "fr", "fr", NULL };
		}
		seq = speech_say(sp, items, n);
		atomic_store(&p.said, c);
		if (n && c % 4 == 0) { /* cut once it is heard (or all heard), not at once */
			long guard = 0;
			while (atomic_load(&p.heard) != pattern_id(c) && speech_busy(sp) && guard++ < 10000000)
				sched_yield();
			unheard += atomic_load(&p.heard) != pattern_id(c) && speech_busy(sp);
		}
		while (c < RING_CYCLES && speech_poll(sp, &ev))
			;
	}
	long guard = 0;
	while (speech_busy(sp) && guard++ < 10000000)
		sched_yield();
	CHECK(!speech_busy(sp));
	atomic_store(&p.stop, true);
	pthread_join(th, NULL);
	CHECK_INT(unheard, 0);
	CHECK_INT(p.stale, 0);
	CHECK_INT(p.disorder, 0);

	/* The last say, whole and in order; and its events. */
	unsigned id = pattern_id(RING_CYCLES);
	size_t k = 0, wrong = 0;
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < pattern_len(id, i); j++, k++)
			wrong += k >= p.nfinal || p.final_pcm[k] != pattern_sample(id, j);
	CHECK_INT(p.nfinal, k);
	CHECK_INT(wrong, 0);
	size_t item = 0, words = 0;
	bool in = false, order = true;
	while (speech_poll(sp, &ev)) {
		if (ev.seq != seq)
			continue;
		if (ev.kind == SPEECH_START) {
			order &= !in && ev.index == item;
			in = true;
			words = 0;
		} else if (ev.kind == SPEECH_WORD) {
			order &= in && ev.index == item;
			words++;
		} else {
			order &= in && ev.index == item && words == (pattern_len(id, item) + 511) / 512;
			in = false;
			item++;
		}
	}
	CHECK(order);
	CHECK_INT(item, 3);
	free(p.final_pcm);
	speech_destroy(sp);
}

/* A driver (or a recording's label file) that puts thousands of words on one sample, before
 * any sample: more marks than the ring holds, all waiting for that sample. Everything is
 * still said, rather than producer and consumer waiting for each other. */
static int pileup_synth(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n)
{
	(void)impl, (void)rq, (void)err, (void)n;
	for (int i = 0; i < 5000; i++)
		sink->word(sink->ud, 0, 0, 1);
	int16_t pcm[500];
	for (size_t i = 0; i < PV_ARRAY_LEN(pcm); i++)
		pcm[i] = 1000;
	sink->pcm(sink->ud, pcm, PV_ARRAY_LEN(pcm));
	return 0;
}

static const struct tts_driver pileup_driver = { "pileup", fake_create, fake_destroy, pileup_synth, NULL };

static void test_word_pileup(void)
{
	int rate, peak;
	struct fake *f = fake_create(&rate, NULL, 0);
	struct speech *sp = speech_create(&pileup_driver, f, rate, 1 << 20, NULL, NULL);
	const struct speech_item it[] = { { "Oui", "fr", "fr", NULL } };
	speech_say(sp, it, 1);
	size_t pulled = drain(sp, &peak);
	CHECK(!speech_busy(sp));
	CHECK_INT(peak, 1000);
	CHECK(pulled >= 500);
	struct speech_event ev;
	while (speech_poll(sp, &ev)) /* fewer than were made: the main loop did not read them */
		;
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
		/* The ring holds part of a long text and is refilled as it empties: a pull that outran
		 * the refill would hand out silence and shift the positions counted here. */
		speech_wait_idle(sp);
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
	test_allocator_stall();
	test_ring_under_cuts();
	test_word_pileup();
	test_espeak_schedule();
	return check_done();
}
