/* fuzz_content: libFuzzer target for the content loader, the path a content author's file
 * takes in `pictovox check` and at start-up. The loader reads files, so each input is written
 * to a temporary file first. Besides crashes, it aborts when the loader's promises break: a
 * result without errors, or a loaded questionnaire whose `when` is not an earlier question. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/content.h"
#include "content/falc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static FILE *devnull;

static void cleanup(void)
{
	unlink(path);
	if (devnull)
		fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	/* One file per process, so that -jobs/-fork runs do not share it. */
	snprintf(path, sizeof path, "/tmp/fuzz_content-XXXXXX.yaml");
	int fd = mkstemps(path, 5);
	if (fd < 0) {
		perror("mkstemps");
		abort();
	}
	close(fd);
	devnull = fopen("/dev/null", "w");
	atexit(cleanup);
	return 0;
}

static void ignore(void *ud, const char *message)
{
	(void)ud, (void)message;
}

static void check_loaded(const struct content *c)
{
	for (size_t i = 0; i < content_count(c); i++) {
		const struct questionnaire *qn = content_get(c, i);
		if (!qn->nquestions)
			abort();
		for (size_t j = 0; j < qn->nquestions; j++) {
			const struct question *q = &qn->questions[j];
			if (q->type != QT_INFO && (q->nchoices < 2 || q->nchoices > CONTENT_MAX_CHOICES))
				abort();
			const struct condition *w = q->when;
			if (!w)
				continue;
			if (w->question_index >= j || !w->nvalues)
				abort();
			const struct question *t = &qn->questions[w->question_index];
			for (size_t k = 0; k < w->nvalues; k++)
				if (question_find_value(t, w->values[k]) < 0)
					abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);

	struct diags *d = diags_create();
	const char *files[] = { path };
	struct content *c = content_load_files(files, 1, PICTOVOX_ASSETS "/pictograms", d);
	if (!c != !!diags_errors(d)) /* NULL exactly when there are errors */
		abort();
	if (c)
		check_loaded(c);
	diags_print(d, devnull);
	content_destroy(c);
	diags_destroy(d);

	/* The easy-to-read rules take any text, including invalid UTF-8. */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	falc_words(text);
	falc_check(text, ignore, NULL);
	free(text);
	return 0;
}
