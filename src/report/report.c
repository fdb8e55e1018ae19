#include "report/report.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

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
	return hash_fnv1a(s, strlen(s), 0);
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

/* The pseudonym as exported: the stored one hashed again with this export's own key, so that two
 * exports, or an export and the database, cannot be joined on it. */
static void export_pseudonym(const unsigned char *key, const char *person, bool linkable, char out[33])
{
	out[0] = '\0';
	if (!person || !*person)
		return;
	if (linkable) {
		snprintf(out, 33, "%s", person);
		return;
	}
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)person, strlen(person), key, crypto_generichash_KEYBYTES);
	sodium_bin2hex(out, 33, h, sizeof h);
}

long report_export(struct store *s, FILE *out, enum export_format fmt, bool linkable, char *err, size_t n)
{
	sqlite3 *db = store_sqlite(s);
	sqlite3_stmt *st;
	if (sodium_init() < 0)
		return pv_err(err, n, "libsodium did not start");
	if (sqlite3_prepare_v2(db,
	                       "SELECT s.id, s.person, s.questionnaire, s.version, s.language, s.day, s.completed,"
	                       " s.end_reason, a.question, a.refused, a.value_json"
	                       " FROM sessions s JOIN answers a ON a.session_id = s.id ORDER BY s.day, s.id, a.question",
	                       -1, &st, NULL) != SQLITE_OK)
		return pv_err(err, n, "%s: export: %s", store_path(s), sqlite3_errmsg(db));
	unsigned char key[crypto_generichash_KEYBYTES];
	crypto_generichash_keygen(key); /* this export's alone, forgotten after it */
	static const char *const names[] = { "session", "pseudonym", "questionnaire", "version", "language", "day",
		                             "completed", "end_reason", "question", "refused", "values" };
	if (fmt == EXPORT_CSV) {
		fputs("\xEF\xBB\xBF", out); /* a UTF-8 mark: spreadsheets then read accents right */
		for (size_t c = 0; c < PV_ARRAY_LEN(names); c++)
			fprintf(out, "%s%s", c ? "," : "", names[c]);
		fputc('\n', out);
	}
	long rows = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char pseudo[33];
		export_pseudonym(key, (const char *)sqlite3_column_text(st, 1), linkable, pseudo);
		cJSON *values = cJSON_Parse((const char *)sqlite3_column_text(st, 10)); /* NULL for a refusal */
		if (fmt == EXPORT_CSV) {
			for (int c = 0; c < 11; c++) {
				if (c)
					fputc(',', out);
				if (c == 1) {
					report_csv_field(out, pseudo);
				} else if (c == 10) {
					/* Several values of a multiple choice: separated by "|", which no value holds. */
					const cJSON *v;
					size_t k = 0;
					char joined[1024] = "";
					cJSON_ArrayForEach(v, values)
					{
						size_t used = strlen(joined);
						snprintf(joined + used, sizeof joined - used, "%s%s", k++ ? "|" : "",
						         cJSON_IsString(v) ? v->valuestring : "");
					}
					report_csv_field(out, joined);
				} else {
					report_csv_field(out, (const char *)sqlite3_column_text(st, c));
				}
			}
			fputc('\n', out);
		} else {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "session", (const char *)sqlite3_column_text(st, 0));
			if (*pseudo)
				cJSON_AddStringToObject(o, "pseudonym", pseudo);
			else
				cJSON_AddNullToObject(o, "pseudonym");
			cJSON_AddStringToObject(o, "questionnaire", (const char *)sqlite3_column_text(st, 2));
			cJSON_AddNumberToObject(o, "version", sqlite3_column_int(st, 3));
			cJSON_AddStringToObject(o, "language", (const char *)sqlite3_column_text(st, 4));
			cJSON_AddStringToObject(o, "day", (const char *)sqlite3_column_text(st, 5));
			cJSON_AddBoolToObject(o, "completed", sqlite3_column_int(st, 6));
			const char *why = (const char *)sqlite3_column_text(st, 7);
			if (why)
				cJSON_AddStringToObject(o, "end_reason", why);
			else
				cJSON_AddNullToObject(o, "end_reason");
			cJSON_AddStringToObject(o, "question", (const char *)sqlite3_column_text(st, 8));
			cJSON_AddBoolToObject(o, "refused", sqlite3_column_int(st, 9));
			cJSON_AddItemToObject(o, "values", values ? values : cJSON_CreateArray());
			values = NULL;
			char *line = cJSON_PrintUnformatted(o);
			fprintf(out, "%s\n", line);
			cJSON_free(line);
			cJSON_Delete(o);
		}
		cJSON_Delete(values);
		rows++;
	}
	sodium_memzero(key, sizeof key);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return pv_err(err, n, "%s: export: %s", store_path(s), sqlite3_errmsg(db));
	if (ferror(out))
		return pv_err(err, n, "export: cannot write the output");
	return rows;
}
