/* speech: says a list of texts in order, one after another, through whatever pulls samples
 * (the SDL audio device, or a test). Synthesis runs on a worker thread behind a small driver
 * table; a text already synthesised is played from a cache, not synthesised again. Saying
 * something new cuts off what is being said at once. No SDL here. */
#ifndef PV_SPEECH_H
#define PV_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Receives synthesised samples; returns nonzero to stop the synthesis. */
typedef int (*tts_sink_fn)(void *ud, const int16_t *pcm, size_t n);

struct tts_driver {
	const char *name;
	/* voice: a language code or voice name. NULL and a message when there is none. */
	void *(*create)(const char *voice, int *sample_rate, char *err, size_t n);
	void (*destroy)(void *impl);
	int (*synth)(void *impl, const char *text, tts_sink_fn sink, void *ud, char *err, size_t n);
};

extern const struct tts_driver tts_espeak;

enum speech_event_kind { SPEECH_START, SPEECH_END };

struct speech_event {
	enum speech_event_kind kind;
	unsigned seq; /* which speech_say call */
	size_t index; /* which of its texts */
};

struct speech_stats {
	unsigned synthesised; /* texts synthesised */
	unsigned cached;      /* texts played from the cache */
	size_t cache_bytes;
};

struct speech;

/* Takes ownership of impl, destroyed here too if this fails. wake is called (from any
 * thread) when an event is ready. */
struct speech *speech_create(const struct tts_driver *drv, void *impl, int sample_rate,
                             size_t cache_bytes, void (*wake)(void *ud), void *wake_ud);
void speech_destroy(struct speech *sp);
int speech_sample_rate(const struct speech *sp);

/* Cuts what is being said and says texts[0..n) in order. Returns the new sequence number. */
unsigned speech_say(struct speech *sp, const char *const *texts, size_t n);
void speech_stop(struct speech *sp);
void speech_set_gain(struct speech *sp, float gain);
bool speech_busy(struct speech *sp);
/* For the audio thread: fills n samples, silence when nothing is to be said. */
void speech_pull(struct speech *sp, int16_t *buf, size_t n);
/* Takes the next event; false when none. */
bool speech_poll(struct speech *sp, struct speech_event *ev);
struct speech_stats speech_stats(struct speech *sp);
/* Blocks until the worker has synthesised everything asked so far (tests, benchmarks). */
void speech_wait_idle(struct speech *sp);

#endif
