/* recordings: a human voice instead of the synthesiser, where one was recorded.
 *
 * The recording of the text with key K in language L is <content>/audio/L/K.wav. Beside it,
 * K.txt may give the time each word starts, as Audacity writes a label track ("File > Export >
 * Export Labels"): one line per word, "start<TAB>end<TAB>word", times in seconds. With it, the
 * words are highlighted as they are heard, like the synthesiser's. */
#ifndef PV_RECORDINGS_H
#define PV_RECORDINGS_H

#include <stddef.h>

#include "i18n/l10n.h"

/* <audio_dir>/<lang>/<key><ext>; caller frees. NULL if key could climb out of the folder. */
char *recordings_path(const char *audio_dir, const char *lang, const char *key, const char *ext);

/* Reads a label track: the start of each word, in milliseconds, in order. Returns the number
 * of labels, or -1 with "file:line: reason". *starts is allocated (free it). */
long recordings_read_labels(const char *path, double **starts, char *err, size_t n);

/* Calls missing() for each string with no recording in lang; returns how many have one. */
size_t recordings_present(const char *audio_dir, const char *lang, const struct l10n_string *s, size_t n,
                          void (*missing)(void *ud, const struct l10n_string *s), void *ud);

#endif
