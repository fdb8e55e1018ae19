/* config: the kiosk's settings, from an optional YAML file. A zero or NULL field means
 * "the default", so a kiosk starts with no file at all. */
#ifndef PV_CONFIG_H
#define PV_CONFIG_H

#include <stddef.h>

#include "base/diag.h"

#define CONFIG_MAX_OFFERED 16

/* Samples per audio period: the range a configuration may ask for. */
#define CONFIG_MIN_AUDIO_BUFFER 16
#define CONFIG_MAX_AUDIO_BUFFER 8192

struct config {
	char *language;          /* "fr" */
	char *offered[CONFIG_MAX_OFFERED]; /* questionnaire ids in menu order; none: all found */
	size_t noffered;
	int idle_timeout_s;      /* 90: silence before "are you still there?" */
	int idle_grace_s;        /* 20: then the session ends, incomplete */
	int thanks_s;            /* 6: the thanks screen, then welcome */
	int volume;              /* 0..10, 6: the level each person starts with */
	char *font;              /* a TTF file; NULL: the first of the known fonts found */
	char *voice;             /* an eSpeak NG voice name; NULL: the language */
	int audio_buffer;        /* 32: samples per audio period (1.5 ms at 22,050 Hz); more if it crackles */
	int retention_months;    /* 12: the admin mode offers to delete sessions older than this */
	char *export_dir;        /* where the admin mode exports; NULL: a USB stick mounted under /media */
};

/* Fills defaults, then reads path if not NULL. Problems go to d; returns -1 on any error. */
int config_load(struct config *c, const char *path, struct diags *d);
void config_defaults(struct config *c);
void config_free(struct config *c);

#endif
