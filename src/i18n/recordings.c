#include "i18n/recordings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

char *recordings_path(const char *audio_dir, const char *lang, const char *key, const char *ext)
{
	if (!key || !*key || strchr(key, '/') || key[0] == '.' || !lang || strchr(lang, '/') || lang[0] == '.')
		return NULL;
	return xasprintf("%s/%s/%s%s", audio_dir, lang, key, ext);
}

long recordings_read_labels(const char *path, double **starts, char *err, size_t n)
{
	*starts = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return pv_err(err, n, "%s: %s", path, strerror(errno));
	size_t count = 0, cap = 0;
	char line[512];
	long lineno = 0;
	double last = -1;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n' || *p == '\r' || *p == '\0')
			continue;
		if (*p == '\\') /* Audacity's second line of a spectral label: frequencies, not a word */
			continue;
		char *end;
		errno = 0;
		double t = strtod(p, &end);
		if (end == p || errno || t < 0 || t > 3600 || (*end != '\t' && *end != ' ')) {
			pv_err(err, n, "%s:%ld: a label starts with its time in seconds, like 0.25", path, lineno);
			goto fail;
		}
		if (t < last) {
			pv_err(err, n, "%s:%ld: labels must be in time order (%.3f comes after %.3f)", path, lineno,
			       t, last);
			goto fail;
		}
		last = t;
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			*starts = xrealloc(*starts, cap * sizeof **starts);
		}
		(*starts)[count++] = t * 1000.0;
	}
	fclose(f);
	return (long)count;
fail:
	fclose(f);
	free(*starts);
	*starts = NULL;
	return -1;
}

size_t recordings_present(const char *audio_dir, const char *lang, const struct l10n_string *s, size_t n,
                          void (*missing)(void *ud, const struct l10n_string *s), void *ud)
{
	size_t have = 0;
	for (size_t i = 0; i < n; i++) {
		char *p = recordings_path(audio_dir, lang, s[i].key, ".wav");
		if (p && path_is_file(p))
			have++;
		else if (missing)
			missing(ud, &s[i]);
		free(p);
	}
	return have;
}
