#include "report.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A counter per key, in an open-addressing hash table that grows. */
struct tally {
	char *key;
	long count;
};

struct tallies {
	struct tally *slots;
	size_t cap, n;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void tally_add(struct tallies *t, const char *key, long count)
{
	if (t->n * 2 >= t->cap) {
		struct tallies bigger = { xcalloc(t->cap ? t->cap * 2 : 256, sizeof *t->slots), t->cap ? t->cap * 2 : 256, 0 };
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].key) {
				size_t j = fnv1a(t->slots[i].key) % bigger.cap;
				while (bigger.slots[j].key)
					j = (j + 1) % bigger.cap;
				bigger.slots[j] = t->slots[i];
				bigger.n++;
			}
		free(t->slots);
		*t = bigger;
	}
	size_t j = fnv1a(key) % t->cap;
	for (; t->slots[j].key; j = (j + 1) % t->cap)
		if (strcmp(t->slots[j].key, key) == 0) {
			t->slots[j].count += count;
			return;
		}
	t->slots[j] = (struct tally){ xstrdup(key), count };
	t->n++;
}

static void tallies_free(struct tallies *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
}

static int cmp_tally(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->key, ((const struct tally *)b)->key);
}

/* Fields are joined with \x1f (unit separator) inside keys: no id or value contains it. */
#define SEP "\x1f"

void report_csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_key(FILE *f, char *key)
{
	for (char *field = key, *end;; field = end + 1) {
		end = strchr(field, '\x1f');
		if (end)
			*end = '\0';
		report_csv_field(f, field);
		if (!end)
			break;
		fputc(',', f);
	}
}

long report_counts_csv(struct store *s, FILE *out, int min_group, char *err, size_t n)
{
	sqlite3 *db = store_sqlite(s);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT s.questionnaire, s.version, a.question, a.value_json"
	                       " FROM answers a JOIN sessions s ON s.id = a.session_id",
	                       -1, &st, NULL) != SQLITE_OK)
		return pv_err(err, n, "%s: report: %s", store_path(s), sqlite3_errmsg(db));
	/* First the distinct stored answers (a few thousand), then their values: a million rows are
	 * read once and never sorted. */
	struct tallies stored = { 0 }, values = { 0 };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *vj = (const char *)sqlite3_column_text(st, 3);
		char *key = xasprintf("%s" SEP "%lld" SEP "%s" SEP "%s", sqlite3_column_text(st, 0),
		                      (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2),
		                      vj ? vj : "");
		tally_add(&stored, key, 1);
		free(key);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		tallies_free(&stored);
		return pv_err(err, n, "%s: report: %s", store_path(s), sqlite3_errmsg(db));
	}
	for (size_t i = 0; i < stored.cap; i++) {
		char *key = stored.slots[i].key;
		if (!key)
			continue;
		char *vj = strrchr(key, '\x1f') + 1;
		int prefix = (int)(vj - key);
		if (!*vj) {
			char *k = xasprintf("%.*s(refused)", prefix, key);
			tally_add(&values, k, stored.slots[i].count);
			free(k);
			continue;
		}
		cJSON *arr = cJSON_Parse(vj);
		const cJSON *v;
		cJSON_ArrayForEach(v, arr)
		{
			if (!cJSON_IsString(v))
				continue;
			char *k = xasprintf("%.*s%s", prefix, key, v->valuestring);
			tally_add(&values, k, stored.slots[i].count);
			free(k);
		}
		cJSON_Delete(arr);
	}
	tallies_free(&stored);
	struct tally *rows = xcalloc(values.n + 1, sizeof *rows);
	size_t k = 0;
	for (size_t i = 0; i < values.cap; i++)
		if (values.slots[i].key)
			rows[k++] = values.slots[i];
	qsort(rows, k, sizeof *rows, cmp_tally);
	fputs("questionnaire,version,question,value,count\n", out);
	for (size_t i = 0; i < k; i++) {
		csv_key(out, rows[i].key);
		if (rows[i].count < min_group)
			fprintf(out, ",<%d\n", min_group);
		else
			fprintf(out, ",%ld\n", rows[i].count);
	}
	free(rows);
	tallies_free(&values);
	if (ferror(out))
		return pv_err(err, n, "report: cannot write the output");
	return (long)k;
}

long report_export_csv(struct store *s, FILE *out, char *err, size_t n)
{
	sqlite3 *db = store_sqlite(s);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT s.id, s.questionnaire, s.version, s.language, s.day, s.completed,"
	                       " s.end_reason, a.question, a.refused, a.value_json"
	                       " FROM sessions s JOIN answers a ON a.session_id = s.id",
	                       -1, &st, NULL) != SQLITE_OK)
		return pv_err(err, n, "%s: export: %s", store_path(s), sqlite3_errmsg(db));
	fputs("session,questionnaire,version,language,day,completed,end_reason,question,refused,values\n", out);
	long rows = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < 10; c++) {
			if (c)
				fputc(',', out);
			report_csv_field(out, (const char *)sqlite3_column_text(st, c));
		}
		fputc('\n', out);
		rows++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return pv_err(err, n, "%s: export: %s", store_path(s), sqlite3_errmsg(db));
	if (ferror(out))
		return pv_err(err, n, "export: cannot write the output");
	return rows;
}
