/* speech: says a list of texts in order, one after another, through whatever pulls samples
 * (the SDL audio device, or a test). Synthesis runs on a worker thread behind a small driver
 * table; a text already synthesised is played from a cache, not synthesised again. Saying
 * something new cuts off what is being said at once. No SDL here. */
#ifndef PV_SPEECH_H
#define PV_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One text to say, and how. */
struct tts_request {
	const char *text;
	const char *voice; /* the synthesiser's voice for its language */
	const char *lang;  /* its language code (where its recordings are) */
	const char *key;   /* its translation key (the name of its recording), or NULL */
	int rate;          /* words per minute */
};

/* Where a driver puts what it makes. */
struct tts_sink {
	/* Samples, in order; returns nonzero to stop the synthesis. */
	int (*pcm)(void *ud, const int16_t *pcm, size_t n);
	/* A word starts at `sample` (counted from the text's first sample): bytes [at, at + len)
	 * of the text. Called before the samples that reach it. */
	void (*word)(void *ud, size_t sample, size_t at, size_t len);
	void *ud;
};

struct tts_driver {
	const char *name;
	/* NULL and a message when the synthesiser cannot start. */
	void *(*create)(int *sample_rate, char *err, size_t n);
	void (*destroy)(void *impl);
	int (*synth)(void *impl, const struct tts_request *rq, const struct tts_sink *sink, char *err, size_t n);
	/* 0 if voice can speak; NULL when any voice will do. Called before speech_create. */
	int (*check_voice)(void *impl, const char *voice, char *err, size_t n);
};

extern const struct tts_driver tts_espeak;

enum speech_event_kind { SPEECH_START, SPEECH_END, SPEECH_WORD };

struct speech_event {
	enum speech_event_kind kind;
	unsigned seq;     /* which speech_say call */
	size_t index;     /* which of its texts */
	size_t at, len;   /* SPEECH_WORD: the word now heard, in bytes of the text */
};

/* One text of a speech_say call. */
struct speech_item {
	const char *text;
	const char *voice, *lang, *key; /* as in struct tts_request */
};

/* Texts one speech_say can say: the kiosk passes a screen's utterances (SCREEN_MAX_UTTERANCES,
 * tied by a _Static_assert in tests/unit/test_speech.c). */
#define SPEECH_MAX_ITEMS 20

#define SPEECH_RATE_NORMAL 150 /* words a minute: a little slower than eSpeak NG's 175 */
#define SPEECH_RATE_SLOW 110

struct speech_stats {
	unsigned synthesised; /* texts synthesised */
	unsigned cached;      /* texts played from the cache */
	size_t cache_bytes;
};

struct speech;

/* Takes ownership of impl, destroyed here too if this fails. wake is called (from any
 * thread, the audio thread included) when an event is ready. */
struct speech *speech_create(const struct tts_driver *drv, void *impl, int sample_rate,
                             size_t cache_bytes, void (*wake)(void *ud), void *wake_ud);
/* The audio device pulling from sp is closed first. */
void speech_destroy(struct speech *sp);
int speech_sample_rate(const struct speech *sp);

/* Threads: speech_pull is called from one thread (the audio device's); everything else from
 * one other (the main loop). */

/* Cuts what is being said and says items[0..n) in order. Returns the new sequence number.
 * More than SPEECH_MAX_ITEMS: cuts, says none of them and logs an error. */
unsigned speech_say(struct speech *sp, const struct speech_item *items, size_t n);
/* Words a minute for what is said from now on. */
void speech_set_rate(struct speech *sp, int wpm);
void speech_stop(struct speech *sp);
void speech_set_gain(struct speech *sp, float gain);
/* Whether something said is not yet all pulled. */
bool speech_busy(struct speech *sp);

/* The largest n for speech_pull that is kept ready (the audio device's longest period). */
#define SPEECH_MAX_PULL 8192
/* For the audio thread: copies n samples already synthesised, silence when there are none.
 * It takes no lock, allocates nothing and never waits; it may call wake. */
void speech_pull(struct speech *sp, int16_t *buf, size_t n);
/* Takes the next event; false when none. */
bool speech_poll(struct speech *sp, struct speech_event *ev);
struct speech_stats speech_stats(struct speech *sp);
/* Blocks until the synthesis thread can do nothing more before samples are pulled: all that
 * was asked is ready to be pulled, or what is ready fills its buffer (tests, benchmarks). */
void speech_wait_idle(struct speech *sp);

#endif
