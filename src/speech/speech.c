/* The speech layer. The synthesis thread (the producer) gets each text ready, from the cache or
 * the driver, and copies its samples into a ring as soon as they exist, with marks (a text
 * starts, a word starts, a text ends) at the sample they belong to. The audio thread (the
 * consumer, speech_pull) copies samples out of the ring and turns the marks it passes into
 * events: it takes no lock, allocates nothing and never waits (the semaphore it may post does
 * not block). Allocation, hashing and the cache belong to the producer's side, under a mutex
 * the audio thread never sees; speech_say takes that side too when the synthesis thread is
 * away from it (a try-lock), so that texts in the cache start at once rather than once the
 * synthesis thread has woken up.
 *
 * A cut (speech_say) takes the consumer's side for a moment (speech_pull plays silence rather
 * than wait for it), drops what the ring holds and moves the sequence number on; whatever the
 * producer still writes for the old number is dropped by the consumer, which knows each
 * sample's number from the mark that starts its text. */
#include "speech/speech.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define GAP_MS 250 /* silence between two texts, so that cards are heard apart */

/* The ring: samples, and the marks that go with them. Sizes are powers of two, so that
 * positions can wrap. It holds 1.5 s at 22,050 Hz: the producer fills it in microseconds and
 * is woken again when a quarter of it is free. */
#define RING_SAMPLES (1u << 15)
#define RING_MARKS 1024u
#define ROOM_WAKE (RING_SAMPLES / 4)
/* Events waiting for the main loop. */
#define EVENT_RING 256u
/* Positions wrap (a kiosk runs for months): they start just below the wrap, so that every
 * run crosses it in its first second of speech, as Linux's jiffies do. */
#define POS_START ((size_t)0 - 1000)

_Static_assert((RING_SAMPLES & (RING_SAMPLES - 1)) == 0, "ring positions wrap: a power of two");
_Static_assert((RING_MARKS & (RING_MARKS - 1)) == 0, "ring positions wrap: a power of two");
_Static_assert((EVENT_RING & (EVENT_RING - 1)) == 0, "ring positions wrap: a power of two");
_Static_assert(RING_SAMPLES - ROOM_WAKE >= 2 * SPEECH_MAX_PULL,
               "the producer is woken while two of the longest pulls are still in the ring");

/* a comes at or before b, on positions that wrap */
static bool at_or_before(size_t a, size_t b)
{
	return b - a <= SIZE_MAX / 2;
}

/* A synthesised text. The producer's side writes clips, and they do not change once complete
 * (the cache holds complete ones only); the audio thread sees copies of their samples in the
 * ring. */
struct word {
	size_t sample, at, len;
};

struct clip {
	unsigned char key[16];
	int16_t *pcm;
	size_t n, cap;
	struct word *words; /* word starts, in sample order */
	size_t nwords, capwords;
	bool complete;
	atomic_int refs; /* the cache's and the requests' (a request may be dropped by speech_say) */
	unsigned long last_used;
	struct clip *next; /* cache list */
};

/* What goes through the ring beside the samples, at the sample `pos`. Every text starts with
 * MARK_ITEM, whose seq tells which request the samples after it belong to. */
enum mark_kind { MARK_ITEM, MARK_START, MARK_WORD, MARK_END, MARK_DONE };

struct mark {
	size_t pos;
	unsigned seq;
	enum mark_kind kind;
	size_t index, at, len;
};

/* How far the producer got in putting the current text into the ring. */
enum out_phase { OUT_ITEM, OUT_SAMPLES, OUT_LATE_WORDS, OUT_GAP, OUT_END, OUT_DONE };

struct output {
	size_t item;          /* the text being put in */
	enum out_phase phase;
	size_t base;          /* the ring position of its first sample */
	size_t fed, words, gap; /* its samples, words and gap put in so far */
	bool started;         /* MARK_START put in */
};

enum need { NEED_SAMPLES, NEED_MARK };

/* One speech_say: its texts, then its progress (the producer's side's). */
struct request {
	unsigned seq;
	size_t n;
	struct tts_request items[SPEECH_MAX_ITEMS]; /* strings owned */
	struct clip *clips[SPEECH_MAX_ITEMS];      /* clips[0..ready) are there (the last may grow) */
	size_t ready;
	struct output out;
	enum need blocked; /* what the ring lacked when the producer last could not go on */
	bool done;
};

enum worker_state { WORKER_RUNNING, WORKER_NO_WORK, WORKER_NO_ROOM };

/* The consumer's side: whoever holds `pulling` (speech_pull, or speech_say while it cuts). */
struct player {
	size_t r, mr;      /* read positions, published in speech.r and speech.mr */
	bool seg_ok;       /* the samples at r come after a MARK_ITEM of request seg */
	unsigned seg;
	bool started;      /* a START was reported, its END not yet */
	unsigned started_seq;
	size_t started_index;
};

struct speech {
	const struct tts_driver *drv;
	void *impl;
	int rate;
	size_t gap; /* samples */
	void (*wake)(void *);
	void *wake_ud;
	pthread_t thread;
	/* The main loop's own. */
	unsigned last_seq;
	int wpm;

	/* Between speech_say (and the other main-loop calls) and the synthesis thread. */
	pthread_mutex_t mu;
	pthread_cond_t cv;      /* the synthesis thread waits for a request */
	pthread_cond_t idle_cv; /* speech_wait_idle waits for the synthesis thread */
	struct request *pending; /* said, not yet taken by the synthesis thread */
	enum worker_state worker;
	struct speech_stats stats;

	/* The producer's side: the cache and the ring's write end, and the progress of the
	 * request being put in. Held by the synthesis thread while it works (not while it waits),
	 * and by speech_say when it can have it at once. */
	pthread_mutex_t prod;
	struct clip *cache;
	size_t cache_bytes, cache_limit;
	unsigned long use_clock;
	size_t wpos, mwpos; /* write positions, published in w and mw */

	/* The ring. */
	int16_t pcm[RING_SAMPLES];
	struct mark marks[RING_MARKS];
	_Atomic size_t w, mw; /* written by the producer (release) */
	_Atomic size_t r, mr; /* written by the consumer */
	_Atomic unsigned seq; /* the request being said: the consumer drops older samples */
	atomic_bool stopping;
	/* The producer sleeps on `room` when the ring is full; the consumer posts it (sem_post
	 * does not block) once it has made room, if want_room says the producer sleeps. */
	sem_t room;
	atomic_bool want_room;
	_Atomic int need;

	atomic_flag pulling; /* the consumer's side: taken, never waited for, by speech_pull */
	struct player play;
	_Atomic unsigned done_seq; /* the last request whose every sample was pulled */
	_Atomic float gain;

	/* Events: written by the holder of `pulling`, read by speech_poll. */
	struct speech_event events[EVENT_RING];
	_Atomic size_t ev_w, ev_r;
	_Atomic unsigned ev_lost;
};

/* ---- clips and the cache (the producer's side) ---- */

static void clip_release(struct clip *c)
{
	if (c && atomic_fetch_sub(&c->refs, 1) == 1) {
		free(c->pcm);
		free(c->words);
		free(c);
	}
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

/* ---- the ring's write end ---- */

/* Puts up to n samples (silence when pcm is NULL) in the ring; returns how many fitted. */
static size_t ring_put(struct speech *sp, struct request *rq, const int16_t *pcm, size_t n)
{
	size_t room = RING_SAMPLES - (sp->wpos - atomic_load_explicit(&sp->r, memory_order_acquire));
	if (n > room)
		n = room;
	if (n == 0)
		rq->blocked = NEED_SAMPLES;
	for (size_t done = 0; done < n;) {
		size_t at = (sp->wpos + done) % RING_SAMPLES, k = n - done;
		if (k > RING_SAMPLES - at)
			k = RING_SAMPLES - at;
		if (pcm)
			memcpy(sp->pcm + at, pcm + done, k * sizeof *pcm);
		else
			memset(sp->pcm + at, 0, k * sizeof *sp->pcm);
		done += k;
	}
	sp->wpos += n;
	atomic_store_explicit(&sp->w, sp->wpos, memory_order_release);
	return n;
}

static bool ring_mark(struct speech *sp, struct request *rq, enum mark_kind kind, size_t pos, size_t at, size_t len)
{
	if (sp->mwpos - atomic_load_explicit(&sp->mr, memory_order_acquire) == RING_MARKS) {
		rq->blocked = NEED_MARK;
		return false;
	}
	sp->marks[sp->mwpos % RING_MARKS] = (struct mark){ pos, rq->seq, kind, rq->out.item, at, len };
	sp->mwpos++;
	atomic_store_explicit(&sp->mw, sp->mwpos, memory_order_release);
	return true;
}

/* Whether a producer that lacks `need` can go on. Sequentially consistent loads: with the
 * stores of want_room and of the read positions, either the producer sees the room made or
 * the consumer sees that the producer sleeps. */
static bool has_room(struct speech *sp, int need)
{
	if (need == NEED_MARK)
		return atomic_load(&sp->mw) - atomic_load(&sp->mr) < RING_MARKS;
	return RING_SAMPLES - (atomic_load(&sp->w) - atomic_load(&sp->r)) >= ROOM_WAKE;
}

static bool cancelled(struct speech *sp, const struct request *rq)
{
	return atomic_load_explicit(&sp->seq, memory_order_relaxed) != rq->seq || atomic_load(&sp->stopping);
}

/* Puts what is ready of rq into the ring, in order, as far as the ring has room; never waits.
 * True if it moved on. */
static bool feed(struct speech *sp, struct request *rq)
{
	struct output *o = &rq->out;
	bool moved = false;
	while (o->item < rq->ready) {
		const struct clip *c = rq->clips[o->item];
		bool last = o->item + 1 == rq->n;
		switch (o->phase) {
		case OUT_ITEM:
			if (!ring_mark(sp, rq, MARK_ITEM, sp->wpos, 0, 0))
				return moved;
			o->base = sp->wpos;
			o->phase = OUT_SAMPLES;
			break;
		case OUT_SAMPLES:
			if (!o->started && c->n > 0) {
				if (!ring_mark(sp, rq, MARK_START, o->base, 0, 0))
					return moved;
				o->started = true;
			} else if (o->words < c->nwords && c->words[o->words].sample <= o->fed && o->fed < c->n) {
				/* a word that starts at the next sample (or before it: late, heard from it) */
				const struct word *wd = &c->words[o->words];
				if (!ring_mark(sp, rq, MARK_WORD, o->base + o->fed, wd->at, wd->len))
					return moved;
				o->words++;
			} else {
				size_t upto = c->n;
				if (o->words < c->nwords && c->words[o->words].sample < upto)
					upto = c->words[o->words].sample;
				if (o->fed < upto) {
					size_t k = ring_put(sp, rq, c->pcm + o->fed, upto - o->fed);
					if (k == 0)
						return moved;
					o->fed += k;
				} else if (c->complete) {
					o->phase = OUT_LATE_WORDS;
				} else {
					return moved; /* the driver is still at it */
				}
			}
			break;
		case OUT_LATE_WORDS: /* placed at or past the end: heard with the last sample */
			if (o->words < c->nwords && c->n > 0) {
				const struct word *wd = &c->words[o->words];
				if (!ring_mark(sp, rq, MARK_WORD, o->base + c->n - 1, wd->at, wd->len))
					return moved;
				o->words++;
			} else {
				o->phase = OUT_GAP;
			}
			break;
		case OUT_GAP:
			if (!last && o->gap < sp->gap) {
				size_t k = ring_put(sp, rq, NULL, sp->gap - o->gap);
				if (k == 0)
					return moved;
				o->gap += k;
			} else {
				o->phase = OUT_END;
			}
			break;
		case OUT_END:
			if (o->started && !ring_mark(sp, rq, MARK_END, sp->wpos, 0, 0))
				return moved;
			o->phase = OUT_DONE;
			break;
		case OUT_DONE:
			if (last && !ring_mark(sp, rq, MARK_DONE, sp->wpos, 0, 0))
				return moved;
			*o = (struct output){ .item = o->item + 1 };
			break;
		}
		moved = true;
	}
	return moved;
}

/* ---- synthesis ---- */

struct synth {
	struct speech *sp;
	struct request *rq;
	struct clip *clip;
};

static void sink_word(void *ud, size_t sample, size_t at, size_t len)
{
	struct clip *c = ((struct synth *)ud)->clip;
	if (c->nwords == c->capwords) {
		c->capwords = c->capwords ? c->capwords * 2 : 16;
		c->words = xrealloc(c->words, c->capwords * sizeof *c->words);
	}
	/* Words stay in order even if a driver reports one late. */
	if (c->nwords && sample < c->words[c->nwords - 1].sample)
		sample = c->words[c->nwords - 1].sample;
	c->words[c->nwords++] = (struct word){ sample, at, len };
}

static int sink(void *ud, const int16_t *pcm, size_t n)
{
	struct synth *k = ud;
	if (cancelled(k->sp, k->rq))
		return 1; /* nonzero stops eSpeak NG at once */
	struct clip *c = k->clip;
	if (c->n + n > c->cap) {
		c->cap = (c->n + n) * 2;
		c->pcm = xrealloc(c->pcm, c->cap * sizeof *c->pcm);
	}
	memcpy(c->pcm + c->n, pcm, n * sizeof *pcm);
	c->n += n;
	feed(k->sp, k->rq); /* as far as the ring has room; the rest once the text is complete */
	return 0;
}

/* rq's next text from the cache; false if it is not there (key: its key). */
static bool take_cached(struct speech *sp, struct request *rq, unsigned char key[16])
{
	clip_key(&rq->items[rq->ready], key);
	struct clip *c = cache_find(sp, key);
	if (!c)
		return false;
	atomic_fetch_add(&c->refs, 1);
	c->last_used = ++sp->use_clock;
	rq->clips[rq->ready++] = c;
	pthread_mutex_lock(&sp->mu);
	sp->stats.cached++;
	pthread_mutex_unlock(&sp->mu);
	return true;
}

/* Gets rq's next text ready: from the cache, else from the driver (feeding the ring as it
 * goes), then into the cache. */
static void prepare(struct speech *sp, struct request *rq)
{
	const struct tts_request *it = &rq->items[rq->ready];
	unsigned char key[16];
	if (take_cached(sp, rq, key))
		return;
	struct clip *c = xcalloc(1, sizeof *c);
	memcpy(c->key, key, sizeof key);
	atomic_init(&c->refs, 1); /* the request's */
	rq->clips[rq->ready++] = c;
	struct synth k = { sp, rq, c };
	struct tts_sink to = { sink, sink_word, &k };
	char err[300];
	int rc = *it->text ? sp->drv->synth(sp->impl, it, &to, err, sizeof err) : 0; /* "": a silent place */
	if (cancelled(sp, rq))
		return; /* cut off: incomplete, never cached; the request is dropped */
	if (rc != 0)
		log_warn("speech: cannot say \"%s\": %s", it->text, err);
	c->complete = true;
	if (c->n && c->cap > c->n) { /* the sink doubled it as it grew: give the slack back */
		c->pcm = xrealloc(c->pcm, c->n * sizeof *c->pcm);
		c->cap = c->n;
	}
	if (rc == 0 && c->n) {
		atomic_fetch_add(&c->refs, 1);
		c->last_used = ++sp->use_clock;
		c->next = sp->cache;
		sp->cache = c;
		sp->cache_bytes += c->n * sizeof(int16_t);
		cache_trim(sp);
	}
	pthread_mutex_lock(&sp->mu);
	sp->stats.synthesised++;
	sp->stats.cache_bytes = sp->cache_bytes;
	pthread_mutex_unlock(&sp->mu);
}

/* Does the next thing for rq. False when nothing can be done until the ring has room. */
static bool request_step(struct speech *sp, struct request *rq)
{
	if (cancelled(sp, rq)) {
		rq->done = true;
		return true;
	}
	bool moved = feed(sp, rq);
	if (rq->out.item == rq->n) {
		rq->done = true;
		return true;
	}
	if (rq->ready < rq->n) { /* the next text, while the ring plays the ones before */
		prepare(sp, rq);
		return true;
	}
	return moved;
}

static void set_worker(struct speech *sp, enum worker_state st)
{
	pthread_mutex_lock(&sp->mu);
	sp->worker = st;
	pthread_cond_broadcast(&sp->idle_cv);
	pthread_mutex_unlock(&sp->mu);
}

static void wait_room(struct speech *sp, struct request *rq)
{
	atomic_store(&sp->need, (int)rq->blocked);
	set_worker(sp, WORKER_NO_ROOM);
	for (;;) {
		atomic_store(&sp->want_room, true);
		if (has_room(sp, rq->blocked) || cancelled(sp, rq))
			break;
		while (sem_wait(&sp->room) != 0 && errno == EINTR)
			;
	}
	atomic_store(&sp->want_room, false);
	set_worker(sp, WORKER_RUNNING);
}

/* Called by the consumer after it made room, and by a cut. Never blocks. */
static void wake_producer(struct speech *sp)
{
	if (atomic_load(&sp->want_room) && has_room(sp, atomic_load(&sp->need)) &&
	    atomic_exchange(&sp->want_room, false))
		sem_post(&sp->room);
}

static void request_free(struct request *rq)
{
	if (!rq)
		return;
	for (size_t i = 0; i < rq->n; i++) {
		free((char *)rq->items[i].text);
		free((char *)rq->items[i].voice);
		free((char *)rq->items[i].lang);
		free((char *)rq->items[i].key);
		clip_release(rq->clips[i]);
	}
	free(rq);
}

static void *worker(void *arg)
{
	struct speech *sp = arg;
	struct request *rq = NULL;
	for (;;) {
		pthread_mutex_lock(&sp->mu);
		while (!atomic_load(&sp->stopping) && !sp->pending && (!rq || rq->done)) {
			sp->worker = WORKER_NO_WORK;
			pthread_cond_broadcast(&sp->idle_cv);
			pthread_cond_wait(&sp->cv, &sp->mu);
		}
		sp->worker = WORKER_RUNNING;
		struct request *next = sp->pending;
		sp->pending = NULL;
		pthread_mutex_unlock(&sp->mu);
		if (next) {
			request_free(rq);
			rq = next;
		}
		if (atomic_load(&sp->stopping))
			break;
		pthread_mutex_lock(&sp->prod);
		bool moved = request_step(sp, rq);
		pthread_mutex_unlock(&sp->prod);
		if (!moved)
			wait_room(sp, rq);
	}
	request_free(rq);
	return NULL;
}

/* ---- the consumer's side ---- */

/* The holder of `pulling` only. */
static void push_event(struct speech *sp, enum speech_event_kind kind, unsigned seq, size_t index, size_t at,
                       size_t len)
{
	size_t w = atomic_load_explicit(&sp->ev_w, memory_order_relaxed);
	if (w - atomic_load_explicit(&sp->ev_r, memory_order_acquire) == EVENT_RING) {
		atomic_fetch_add_explicit(&sp->ev_lost, 1, memory_order_relaxed); /* speech_poll says so */
		return;
	}
	sp->events[w % EVENT_RING] = (struct speech_event){ kind, seq, index, at, len };
	atomic_store_explicit(&sp->ev_w, w + 1, memory_order_release);
}

/* A mark passed by the read position; true if it made an event. */
static bool play_mark(struct speech *sp, const struct mark *m, bool current)
{
	struct player *p = &sp->play;
	switch (m->kind) {
	case MARK_ITEM:
		p->seg_ok = true;
		p->seg = m->seq;
		return false;
	case MARK_START:
		if (!current)
			return false;
		push_event(sp, SPEECH_START, m->seq, m->index, 0, 0);
		p->started = true;
		p->started_seq = m->seq;
		p->started_index = m->index;
		return true;
	case MARK_WORD:
		if (current)
			push_event(sp, SPEECH_WORD, m->seq, m->index, m->at, m->len);
		return current;
	case MARK_END:
		if (!current || !p->started)
			return false;
		push_event(sp, SPEECH_END, m->seq, m->index, 0, 0);
		p->started = false;
		return true;
	case MARK_DONE:
		if (current)
			atomic_store(&sp->done_seq, m->seq);
		return false;
	}
	return false;
}

static int16_t scaled(int16_t s, float gain)
{
	float v = s * gain;
	return (int16_t)(v > 32767.f ? 32767.f : v < -32768.f ? -32768.f : v);
}

void speech_pull(struct speech *sp, int16_t *buf, size_t n)
{
	if (atomic_flag_test_and_set_explicit(&sp->pulling, memory_order_acquire)) {
		memset(buf, 0, n * sizeof *buf); /* speech_say is cutting: silence for this period */
		return;
	}
	struct player *p = &sp->play;
	unsigned want = atomic_load_explicit(&sp->seq, memory_order_relaxed); /* set under `pulling` */
	float gain = atomic_load_explicit(&sp->gain, memory_order_relaxed);
	/* Samples before marks: a sample seen has the marks before it seen. */
	size_t w = atomic_load_explicit(&sp->w, memory_order_acquire);
	size_t mw = atomic_load_explicit(&sp->mw, memory_order_acquire);
	/* A full mark ring whose marks all wait for a sample not yet written would hold both
	 * sides: then marks go without waiting for their sample. */
	bool jammed = mw - p->mr == RING_MARKS;
	bool woke = false;
	size_t out = 0;
	for (;;) {
		bool held = false;
		while (p->mr != mw) {
			const struct mark *m = &sp->marks[p->mr % RING_MARKS];
			if (!at_or_before(m->pos, p->r))
				break;
			bool current = m->seq == want;
			if (current && (m->kind == MARK_START || m->kind == MARK_WORD) && (out == n || p->r == w) && !jammed) {
				held = true; /* reported in the pull that hands its sample out */
				break;
			}
			p->mr++;
			woke |= play_mark(sp, m, current);
		}
		if (held || p->r == w)
			break;
		/* The samples up to the next mark, the ring's end or the write position. */
		size_t upto = w;
		if (p->mr != mw && at_or_before(sp->marks[p->mr % RING_MARKS].pos, upto))
			upto = sp->marks[p->mr % RING_MARKS].pos;
		size_t at = p->r % RING_SAMPLES, take = upto - p->r;
		if (take > RING_SAMPLES - at)
			take = RING_SAMPLES - at;
		if (p->seg_ok && p->seg == want) {
			if (take > n - out)
				take = n - out;
			for (size_t i = 0; i < take; i++)
				buf[out + i] = scaled(sp->pcm[at + i], gain);
			out += take;
		} /* else: samples of a request that was cut, dropped */
		if (take == 0)
			break;
		p->r += take;
	}
	atomic_store(&sp->r, p->r);
	atomic_store(&sp->mr, p->mr);
	atomic_flag_clear_explicit(&sp->pulling, memory_order_release);
	wake_producer(sp);
	if (out < n)
		memset(buf + out, 0, (n - out) * sizeof *buf);
	if (woke && sp->wake)
		sp->wake(sp->wake_ud);
}

/* Takes the consumer's side from speech_pull (which plays silence meanwhile rather than wait),
 * ends what was being said and drops what the ring holds; from now on, seq is said. */
static void cut(struct speech *sp, unsigned seq, bool nothing)
{
	while (atomic_flag_test_and_set_explicit(&sp->pulling, memory_order_acquire))
		sched_yield(); /* speech_pull holds it for one period's copy */
	struct player *p = &sp->play;
	/* What was being said ends here: report it, so highlights and traces close. */
	if (p->started)
		push_event(sp, SPEECH_END, p->started_seq, p->started_index, 0, 0);
	p->started = false;
	p->seg_ok = false;
	atomic_store_explicit(&sp->seq, seq, memory_order_relaxed);
	if (nothing)
		atomic_store(&sp->done_seq, seq);
	p->r = atomic_load_explicit(&sp->w, memory_order_acquire);
	p->mr = atomic_load_explicit(&sp->mw, memory_order_acquire);
	atomic_store(&sp->r, p->r);
	atomic_store(&sp->mr, p->mr);
	atomic_flag_clear_explicit(&sp->pulling, memory_order_release);
}

/* ---- the main loop's side ---- */

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
	sp->gap = (size_t)sample_rate * GAP_MS / 1000;
	sp->wake = wake;
	sp->wake_ud = wake_ud;
	sp->wpm = SPEECH_RATE_NORMAL;
	sp->worker = WORKER_NO_WORK;
	sp->cache_limit = cache_bytes;
	sp->wpos = sp->play.r = POS_START;
	sp->mwpos = sp->play.mr = POS_START;
	atomic_init(&sp->w, POS_START);
	atomic_init(&sp->r, POS_START);
	atomic_init(&sp->mw, POS_START);
	atomic_init(&sp->mr, POS_START);
	atomic_init(&sp->seq, 0);
	atomic_init(&sp->done_seq, 0);
	atomic_init(&sp->stopping, false);
	atomic_init(&sp->want_room, false);
	atomic_init(&sp->need, NEED_SAMPLES);
	atomic_init(&sp->gain, 1.0f);
	atomic_init(&sp->ev_w, 0);
	atomic_init(&sp->ev_r, 0);
	atomic_init(&sp->ev_lost, 0);
	atomic_flag_clear(&sp->pulling);
	pthread_mutex_init(&sp->mu, NULL);
	pthread_mutex_init(&sp->prod, NULL);
	pthread_cond_init(&sp->cv, NULL);
	pthread_cond_init(&sp->idle_cv, NULL);
	bool sem = sem_init(&sp->room, 0, 0) == 0;
	if (!sem || pthread_create(&sp->thread, NULL, worker, sp) != 0) {
		log_error("speech: cannot start the synthesis thread");
		if (sem)
			sem_destroy(&sp->room);
		pthread_mutex_destroy(&sp->mu);
		pthread_mutex_destroy(&sp->prod);
		pthread_cond_destroy(&sp->cv);
		pthread_cond_destroy(&sp->idle_cv);
		drv->destroy(impl);
		free(sp);
		return NULL;
	}
	return sp;
}

void speech_destroy(struct speech *sp)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->mu);
	atomic_store(&sp->stopping, true);
	pthread_cond_broadcast(&sp->cv);
	pthread_mutex_unlock(&sp->mu);
	sem_post(&sp->room);
	pthread_join(sp->thread, NULL);
	request_free(sp->pending);
	while (sp->cache) {
		struct clip *c = sp->cache;
		sp->cache = c->next;
		clip_release(c);
	}
	sp->drv->destroy(sp->impl);
	sem_destroy(&sp->room);
	pthread_cond_destroy(&sp->cv);
	pthread_cond_destroy(&sp->idle_cv);
	pthread_mutex_destroy(&sp->mu);
	pthread_mutex_destroy(&sp->prod);
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
	if (n > SPEECH_MAX_ITEMS)
		log_error("speech: %zu texts to say at once, at most %d can be: none said", n, SPEECH_MAX_ITEMS);
	unsigned seq = ++sp->last_seq;
	if (seq == 0) /* 0 is "nothing said yet" */
		seq = ++sp->last_seq;
	struct request *rq = NULL;
	if (n > 0 && n <= SPEECH_MAX_ITEMS) {
		rq = xcalloc(1, sizeof *rq);
		rq->seq = seq;
		rq->n = n;
		for (size_t i = 0; i < n; i++)
			rq->items[i] = (struct tts_request){ xstrdup(items[i].text), dup_or_null(items[i].voice),
				                             dup_or_null(items[i].lang), dup_or_null(items[i].key),
				                             sp->wpm };
	}
	/* seq is the current one before the synthesis thread can take rq (through mu). */
	cut(sp, seq, rq == NULL);
	if (rq && pthread_mutex_trylock(&sp->prod) == 0) {
		/* The synthesis thread is away from the ring: what is in the cache goes in now. If it
		 * is at the ring it is awake, and sees the cut at its next step. */
		unsigned char key[16];
		while (rq->ready < rq->n && take_cached(sp, rq, key))
			;
		feed(sp, rq);
		pthread_mutex_unlock(&sp->prod);
	}
	pthread_mutex_lock(&sp->mu);
	struct request *old = sp->pending;
	sp->pending = rq;
	pthread_mutex_unlock(&sp->mu);
	pthread_cond_signal(&sp->cv); /* after the unlock: it does not wake into a held mutex */
	wake_producer(sp); /* if it waits for room for what was cut */
	request_free(old);
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
	sp->wpm = wpm;
}

void speech_set_gain(struct speech *sp, float gain)
{
	atomic_store(&sp->gain, gain);
}

bool speech_busy(struct speech *sp)
{
	return atomic_load(&sp->done_seq) != atomic_load(&sp->seq);
}

bool speech_poll(struct speech *sp, struct speech_event *ev)
{
	unsigned lost = atomic_exchange_explicit(&sp->ev_lost, 0, memory_order_relaxed);
	if (lost)
		log_warn("speech: %u events lost: the main loop did not read them in time", lost);
	size_t r = atomic_load_explicit(&sp->ev_r, memory_order_relaxed);
	if (r == atomic_load_explicit(&sp->ev_w, memory_order_acquire))
		return false;
	*ev = sp->events[r % EVENT_RING];
	atomic_store_explicit(&sp->ev_r, r + 1, memory_order_release);
	return true;
}

struct speech_stats speech_stats(struct speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	struct speech_stats s = sp->stats;
	pthread_mutex_unlock(&sp->mu);
	return s;
}

void speech_wait_idle(struct speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	while (!(sp->worker == WORKER_NO_WORK && !sp->pending) &&
	       !(sp->worker == WORKER_NO_ROOM && !has_room(sp, atomic_load(&sp->need))))
		pthread_cond_wait(&sp->idle_cv, &sp->mu);
	pthread_mutex_unlock(&sp->mu);
}
