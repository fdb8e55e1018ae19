#include "speech/speech.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define MAX_EVENTS 64
#define GAP_MS 250 /* silence between two texts, so that cards are heard apart */

/* A synthesised text. It grows while the worker synthesises it, so playback can start on its
 * first chunk; once complete it may go to the cache. */
struct mark {
	size_t sample, at, len;
};

struct clip {
	unsigned char key[16];
	int16_t *pcm;
	size_t n, cap;
	struct mark *marks; /* word starts, in sample order */
	size_t nmarks, capmarks;
	bool complete;
	int refs;
	unsigned long last_used;
	struct clip *next; /* cache list */
};

struct speech {
	const struct tts_driver *drv;
	void *impl;
	int rate;
	int wpm;
	void (*wake)(void *);
	void *wake_ud;

	pthread_mutex_t mu;
	pthread_cond_t cv;      /* the worker waits for work */
	pthread_cond_t idle_cv; /* speech_wait_idle waits for the worker */
	pthread_t thread;
	bool quit;

	/* The current request: set by speech_say, read by the worker and by pull. */
	unsigned seq;
	struct tts_request items[SPEECH_MAX_ITEMS]; /* strings owned */
	size_t ntexts;
	size_t next_to_synth; /* worker's progress */
	bool worker_busy;
	struct clip *playlist[SPEECH_MAX_ITEMS];
	size_t play_index; /* pull's position */
	size_t play_pos;   /* samples of playlist[play_index] played, then the gap */
	size_t play_mark;  /* the next word mark of playlist[play_index] to report */
	bool started;      /* START sent for play_index */

	float gain;
	struct clip *cache;
	size_t cache_bytes, cache_limit;
	unsigned long use_clock;
	struct speech_stats stats;

	struct speech_event events[MAX_EVENTS];
	size_t ev_head, ev_count;
};

static void clip_release(struct clip *c)
{
	if (c && --c->refs == 0) {
		free(c->pcm);
		free(c->marks);
		free(c);
	}
}

static void push_event_word(struct speech *sp, enum speech_event_kind k, size_t index, size_t at, size_t len)
{
	if (sp->ev_count == MAX_EVENTS) { /* the main loop is not reading: drop the oldest */
		sp->ev_head = (sp->ev_head + 1) % MAX_EVENTS;
		sp->ev_count--;
	}
	sp->events[(sp->ev_head + sp->ev_count++) % MAX_EVENTS] =
		(struct speech_event){ k, sp->seq, index, at, len };
}

static void push_event(struct speech *sp, enum speech_event_kind k, size_t index)
{
	push_event_word(sp, k, index, 0, 0);
}

static struct clip *cache_find(struct speech *sp, const unsigned char key[16])
{
	for (struct clip *c = sp->cache; c; c = c->next)
		if (memcmp(c->key, key, 16) == 0)
			return c;
	return NULL;
}

/* Keeps the cache under its limit by dropping the least recently used clips. */
static void cache_trim(struct speech *sp)
{
	while (sp->cache_bytes > sp->cache_limit && sp->cache) {
		struct clip **oldest = &sp->cache;
		for (struct clip **p = &sp->cache; *p; p = &(*p)->next)
			if ((*p)->last_used < (*oldest)->last_used)
				oldest = p;
		struct clip *c = *oldest;
		*oldest = c->next;
		sp->cache_bytes -= c->n * sizeof(int16_t);
		clip_release(c);
	}
}

/* A clip is the same sound only for the same text, voice, recording and speed. */
static void clip_key(const struct tts_request *rq, unsigned char key[16])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 16);
	const char *parts[] = { rq->text, rq->voice, rq->lang, rq->key };
	for (size_t i = 0; i < PV_ARRAY_LEN(parts); i++) /* each with its NUL: "ab"+"c" is not "a"+"bc" */
		crypto_generichash_update(&st, (const unsigned char *)(parts[i] ? parts[i] : ""),
		                          strlen(parts[i] ? parts[i] : "") + 1);
	crypto_generichash_update(&st, (const unsigned char *)&rq->rate, sizeof rq->rate);
	crypto_generichash_final(&st, key, 16);
}

/* Puts text i of the request in the playlist from the cache; false if it was never said. */
static bool play_cached(struct speech *sp, size_t i)
{
	unsigned char key[16];
	clip_key(&sp->items[i], key);
	struct clip *c = cache_find(sp, key);
	if (!c)
		return false;
	c->refs++;
	c->last_used = ++sp->use_clock;
	sp->playlist[i] = c;
	sp->stats.cached++;
	return true;
}

struct sink_ctx {
	struct speech *sp;
	struct clip *clip;
	unsigned seq;
};

static void sink_word(void *ud, size_t sample, size_t at, size_t len)
{
	struct sink_ctx *k = ud;
	struct speech *sp = k->sp;
	pthread_mutex_lock(&sp->mu);
	struct clip *c = k->clip;
	if (sp->seq == k->seq) {
		if (c->nmarks == c->capmarks) {
			c->capmarks = c->capmarks ? c->capmarks * 2 : 16;
			c->marks = xrealloc(c->marks, c->capmarks * sizeof *c->marks);
		}
		/* Marks stay in order even if a driver reports one late. */
		if (c->nmarks && sample < c->marks[c->nmarks - 1].sample)
			sample = c->marks[c->nmarks - 1].sample;
		c->marks[c->nmarks++] = (struct mark){ sample, at, len };
	}
	pthread_mutex_unlock(&sp->mu);
}

static int sink(void *ud, const int16_t *pcm, size_t n)
{
	struct sink_ctx *k = ud;
	struct speech *sp = k->sp;
	pthread_mutex_lock(&sp->mu);
	bool cancelled = sp->quit || sp->seq != k->seq;
	if (!cancelled && n) {
		struct clip *c = k->clip;
		if (c->n + n > c->cap) {
			c->cap = (c->n + n) * 2;
			c->pcm = xrealloc(c->pcm, c->cap * sizeof *c->pcm);
		}
		memcpy(c->pcm + c->n, pcm, n * sizeof *pcm);
		c->n += n;
	}
	pthread_mutex_unlock(&sp->mu);
	return cancelled; /* nonzero stops eSpeak NG at once */
}

static void *worker(void *arg)
{
	struct speech *sp = arg;
	pthread_mutex_lock(&sp->mu);
	for (;;) {
		while (!sp->quit && sp->next_to_synth >= sp->ntexts) {
			sp->worker_busy = false;
			pthread_cond_broadcast(&sp->idle_cv);
			pthread_cond_wait(&sp->cv, &sp->mu);
		}
		if (sp->quit)
			break;
		sp->worker_busy = true;
		size_t i = sp->next_to_synth++;
		if (play_cached(sp, i))
			continue;
		unsigned seq = sp->seq;
		struct tts_request rq = sp->items[i];
		rq.text = xstrdup(rq.text);
		rq.voice = rq.voice ? xstrdup(rq.voice) : NULL;
		rq.lang = rq.lang ? xstrdup(rq.lang) : NULL;
		rq.key = rq.key ? xstrdup(rq.key) : NULL;
		unsigned char key[16];
		clip_key(&rq, key);
		struct clip *c = xcalloc(1, sizeof *c);
		memcpy(c->key, key, sizeof key);
		c->refs = 1; /* the playlist's */
		sp->playlist[i] = c;
		pthread_mutex_unlock(&sp->mu);

		struct sink_ctx k = { sp, c, seq };
		struct tts_sink to = { sink, sink_word, &k };
		char err[300];
		int rc = *rq.text ? sp->drv->synth(sp->impl, &rq, &to, err, sizeof err) : 0; /* "": a silent place */

		pthread_mutex_lock(&sp->mu);
		if (rc != 0 && sp->seq == seq)
			log_warn("speech: cannot say \"%s\": %s", rq.text, err);
		free((char *)rq.text);
		free((char *)rq.voice);
		free((char *)rq.lang);
		free((char *)rq.key);
		if (sp->seq != seq)
			continue; /* cut off: the clip is incomplete, it was released by speech_say */
		c->complete = true;
		if (c->n && c->cap > c->n) { /* the sink doubled it as it grew: give the slack back */
			c->pcm = xrealloc(c->pcm, c->n * sizeof *c->pcm);
			c->cap = c->n;
		}
		sp->stats.synthesised++;
		if (rc == 0 && c->n) {
			c->refs++;
			c->last_used = ++sp->use_clock;
			c->next = sp->cache;
			sp->cache = c;
			sp->cache_bytes += c->n * sizeof(int16_t);
			cache_trim(sp);
		}
	}
	pthread_mutex_unlock(&sp->mu);
	return NULL;
}

struct speech *speech_create(const struct tts_driver *drv, void *impl, int sample_rate,
                             size_t cache_bytes, void (*wake)(void *ud), void *wake_ud)
{
	if (sodium_init() < 0) {
		drv->destroy(impl);
		return NULL;
	}
	struct speech *sp = xcalloc(1, sizeof *sp);
	sp->drv = drv;
	sp->impl = impl;
	sp->rate = sample_rate;
	sp->wake = wake;
	sp->wake_ud = wake_ud;
	sp->gain = 1.0f;
	sp->wpm = SPEECH_RATE_NORMAL;
	sp->cache_limit = cache_bytes;
	pthread_mutex_init(&sp->mu, NULL);
	pthread_cond_init(&sp->cv, NULL);
	pthread_cond_init(&sp->idle_cv, NULL);
	if (pthread_create(&sp->thread, NULL, worker, sp) != 0) {
		log_error("speech: cannot start the synthesis thread");
		pthread_mutex_destroy(&sp->mu);
		pthread_cond_destroy(&sp->cv);
		pthread_cond_destroy(&sp->idle_cv);
		drv->destroy(impl);
		free(sp);
		return NULL;
	}
	return sp;
}

static void clear_request(struct speech *sp)
{
	for (size_t i = 0; i < sp->ntexts; i++) {
		free((char *)sp->items[i].text);
		free((char *)sp->items[i].voice);
		free((char *)sp->items[i].lang);
		free((char *)sp->items[i].key);
		memset(&sp->items[i], 0, sizeof sp->items[i]);
		clip_release(sp->playlist[i]);
		sp->playlist[i] = NULL;
	}
	sp->ntexts = sp->next_to_synth = 0;
	sp->play_index = sp->play_pos = sp->play_mark = 0;
	sp->started = false;
}

void speech_destroy(struct speech *sp)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->mu);
	sp->quit = true;
	pthread_cond_broadcast(&sp->cv);
	pthread_mutex_unlock(&sp->mu);
	pthread_join(sp->thread, NULL);
	clear_request(sp);
	while (sp->cache) {
		struct clip *c = sp->cache;
		sp->cache = c->next;
		clip_release(c);
	}
	sp->drv->destroy(sp->impl);
	pthread_cond_destroy(&sp->cv);
	pthread_cond_destroy(&sp->idle_cv);
	pthread_mutex_destroy(&sp->mu);
	free(sp);
}

int speech_sample_rate(const struct speech *sp)
{
	return sp->rate;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

unsigned speech_say(struct speech *sp, const struct speech_item *items, size_t n)
{
	if (n > SPEECH_MAX_ITEMS) {
		log_error("speech: %zu texts to say at once, at most %d can be: none said", n, SPEECH_MAX_ITEMS);
		n = 0;
	}
	pthread_mutex_lock(&sp->mu);
	/* What was being said ends here: report it, so highlights and traces close. */
	if (sp->started && sp->play_index < sp->ntexts)
		push_event(sp, SPEECH_END, sp->play_index);
	clear_request(sp);
	sp->seq++;
	for (size_t i = 0; i < n; i++)
		sp->items[sp->ntexts++] = (struct tts_request){ xstrdup(items[i].text), dup_or_null(items[i].voice),
			                                        dup_or_null(items[i].lang), dup_or_null(items[i].key),
			                                        sp->wpm };
	/* Texts said before are ready at once: the audio thread can start on them without waiting
	 * for the worker to wake up. */
	while (sp->next_to_synth < sp->ntexts && play_cached(sp, sp->next_to_synth))
		sp->next_to_synth++;
	unsigned seq = sp->seq;
	pthread_cond_broadcast(&sp->cv);
	pthread_mutex_unlock(&sp->mu);
	if (sp->wake)
		sp->wake(sp->wake_ud);
	return seq;
}

void speech_stop(struct speech *sp)
{
	speech_say(sp, NULL, 0);
}

void speech_set_rate(struct speech *sp, int wpm)
{
	pthread_mutex_lock(&sp->mu);
	sp->wpm = wpm;
	pthread_mutex_unlock(&sp->mu);
}

void speech_set_gain(struct speech *sp, float gain)
{
	pthread_mutex_lock(&sp->mu);
	sp->gain = gain;
	pthread_mutex_unlock(&sp->mu);
}

bool speech_busy(struct speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	bool busy = sp->play_index < sp->ntexts;
	pthread_mutex_unlock(&sp->mu);
	return busy;
}

void speech_pull(struct speech *sp, int16_t *buf, size_t n)
{
	size_t gap = (size_t)sp->rate * GAP_MS / 1000;
	bool woke = false;
	pthread_mutex_lock(&sp->mu);
	size_t out = 0;
	while (out < n && sp->play_index < sp->ntexts) {
		struct clip *c = sp->playlist[sp->play_index];
		if (!c)
			break; /* not synthesised yet: silence for now */
		if (!sp->started && c->n > 0) {
			push_event(sp, SPEECH_START, sp->play_index);
			sp->started = woke = true;
		}
		if (sp->play_pos < c->n) {
			size_t take = c->n - sp->play_pos;
			if (take > n - out)
				take = n - out;
			/* The words that start in what is handed to the device now. */
			while (sp->play_mark < c->nmarks && c->marks[sp->play_mark].sample < sp->play_pos + take) {
				const struct mark *m = &c->marks[sp->play_mark++];
				push_event_word(sp, SPEECH_WORD, sp->play_index, m->at, m->len);
				woke = true;
			}
			for (size_t i = 0; i < take; i++) {
				float v = c->pcm[sp->play_pos + i] * sp->gain;
				buf[out + i] = (int16_t)(v > 32767.f ? 32767.f : v < -32768.f ? -32768.f : v);
			}
			out += take;
			sp->play_pos += take;
			continue;
		}
		if (!c->complete)
			break; /* the worker is still synthesising: wait for more */
		size_t silent = c->n + (sp->play_index + 1 < sp->ntexts ? gap : 0) - sp->play_pos;
		if (silent > n - out)
			silent = n - out;
		memset(buf + out, 0, silent * sizeof *buf);
		out += silent;
		sp->play_pos += silent;
		if (sp->play_pos >= c->n + (sp->play_index + 1 < sp->ntexts ? gap : 0)) {
			if (sp->started)
				push_event(sp, SPEECH_END, sp->play_index);
			sp->play_index++;
			sp->play_pos = sp->play_mark = 0;
			sp->started = false;
			woke = true;
		}
	}
	pthread_mutex_unlock(&sp->mu);
	if (out < n)
		memset(buf + out, 0, (n - out) * sizeof *buf);
	if (woke && sp->wake)
		sp->wake(sp->wake_ud);
}

bool speech_poll(struct speech *sp, struct speech_event *ev)
{
	pthread_mutex_lock(&sp->mu);
	bool any = sp->ev_count > 0;
	if (any) {
		*ev = sp->events[sp->ev_head];
		sp->ev_head = (sp->ev_head + 1) % MAX_EVENTS;
		sp->ev_count--;
	}
	pthread_mutex_unlock(&sp->mu);
	return any;
}

struct speech_stats speech_stats(struct speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	struct speech_stats s = sp->stats;
	s.cache_bytes = sp->cache_bytes;
	pthread_mutex_unlock(&sp->mu);
	return s;
}

void speech_wait_idle(struct speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	while (sp->worker_busy || sp->next_to_synth < sp->ntexts)
		pthread_cond_wait(&sp->idle_cv, &sp->mu);
	pthread_mutex_unlock(&sp->mu);
}
