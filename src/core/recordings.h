/* recordings: a human voice instead of the synthesiser, where one was recorded. A recording of
 * a text is the file <content>/recordings/<language>/<name>.wav, where <name> is derived from
 * the exact text, so a recording follows its text and a changed text falls back to eSpeak NG
 * until it is recorded again. `pictovox recordings` lists every text with its file name. */
#ifndef PV_RECORDINGS_H
#define PV_RECORDINGS_H

#include <stdio.h>

#include "content.h"
#include "words.h"

#define RECORDING_NAME_LEN 36 /* "0123456789abcdef0123456789abcdef.wav" and a NUL */

/* The file name (no folder) of the recording of text. */
void recordings_file_name(const char *text, char out[RECORDING_NAME_LEN + 1]);
/* Writes "file<TAB>text" for every text the kiosk may say with this content and these words,
 * each once. Returns how many. */
size_t recordings_list(const struct content *c, const struct words *w, FILE *out);

#endif
