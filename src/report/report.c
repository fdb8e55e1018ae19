#include "report/report.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/store_report.h"

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

/* Counts one stored answer under its questionnaire, version, question and stored values. */
static void count_stored(void *ud, const struct store_answer_row *r)
{
	char *key = xasprintf("%s" SEP "%ld" SEP "%s" SEP "%s", r->questionnaire, r->version, r->question,
	                      r->values_json ? r->values_json : "");
	tally_add(ud, key, 1);
	free(key);
}

long report_counts_csv(struct store *s, FILE *out, int min_group, char *err, size_t n)
{
	/* First the distinct stored answers (a few thousand), then their values: a million rows are
	 * read once and never sorted. */
	struct tallies stored = { 0 }, values = { 0 };
	if (store_each_answer(s, count_stored, &stored, err, n)) {
		tallies_free(&stored);
		return -1;
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

struct export {
	FILE *out;
	enum export_format fmt;
	bool linkable;
	unsigned char key[crypto_generichash_KEYBYTES];
	long rows;
};

static void export_csv(struct export *x, const struct store_export_row *r, const char *pseudo, const cJSON *values)
{
	FILE *out = x->out;
	report_csv_field(out, r->session);
	fputc(',', out);
	report_csv_field(out, pseudo);
	fputc(',', out);
	report_csv_field(out, r->questionnaire);
	fprintf(out, ",%ld,", r->version);
	report_csv_field(out, r->language);
	fputc(',', out);
	report_csv_field(out, r->day);
	fprintf(out, ",%d,", r->completed);
	report_csv_field(out, r->end_reason);
	fputc(',', out);
	report_csv_field(out, r->question);
	fprintf(out, ",%d,", r->refused);
	/* Several values of a multiple choice: separated by "|", which no value holds. */
	const cJSON *v;
	size_t k = 0;
	char joined[1024] = "";
	cJSON_ArrayForEach(v, values)
	{
		size_t used = strlen(joined);
		snprintf(joined + used, sizeof joined - used, "%s%s", k++ ? "|" : "", cJSON_IsString(v) ? v->valuestring : "");
	}
	report_csv_field(out, joined);
	fputc('\n', out);
}

static void export_jsonl(struct export *x, const struct store_export_row *r, const char *pseudo, cJSON *values)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "session", r->session);
	if (*pseudo)
		cJSON_AddStringToObject(o, "pseudonym", pseudo);
	else
		cJSON_AddNullToObject(o, "pseudonym");
	cJSON_AddStringToObject(o, "questionnaire", r->questionnaire);
	cJSON_AddNumberToObject(o, "version", (double)r->version);
	cJSON_AddStringToObject(o, "language", r->language);
	cJSON_AddStringToObject(o, "day", r->day);
	cJSON_AddBoolToObject(o, "completed", r->completed);
	if (r->end_reason)
		cJSON_AddStringToObject(o, "end_reason", r->end_reason);
	else
		cJSON_AddNullToObject(o, "end_reason");
	cJSON_AddStringToObject(o, "question", r->question);
	cJSON_AddBoolToObject(o, "refused", r->refused);
	cJSON_AddItemToObject(o, "values", values ? values : cJSON_CreateArray()); /* o owns values now */
	char *line = cJSON_PrintUnformatted(o);
	fprintf(x->out, "%s\n", line);
	cJSON_free(line);
	cJSON_Delete(o);
}

static void export_row(void *ud, const struct store_export_row *r)
{
	struct export *x = ud;
	char pseudo[33];
	export_pseudonym(x->key, r->person, x->linkable, pseudo);
	cJSON *values = cJSON_Parse(r->values_json); /* NULL for a refusal */
	if (x->fmt == EXPORT_CSV) {
		export_csv(x, r, pseudo, values);
		cJSON_Delete(values);
	} else {
		export_jsonl(x, r, pseudo, values);
	}
	x->rows++;
}

long report_export(struct store *s, FILE *out, enum export_format fmt, bool linkable, char *err, size_t n)
{
	if (sodium_init() < 0)
		return pv_err(err, n, "libsodium did not start");
	struct export x = { out, fmt, linkable, { 0 }, 0 };
	crypto_generichash_keygen(x.key); /* this export's alone, forgotten after it */
	static const char *const names[] = { "session", "pseudonym", "questionnaire", "version", "language", "day",
		                             "completed", "end_reason", "question", "refused", "values" };
	if (fmt == EXPORT_CSV) {
		fputs("\xEF\xBB\xBF", out); /* a UTF-8 mark: spreadsheets then read accents right */
		for (size_t c = 0; c < PV_ARRAY_LEN(names); c++)
			fprintf(out, "%s%s", c ? "," : "", names[c]);
		fputc('\n', out);
	}
	int rc = store_each_export_row(s, export_row, &x, err, n);
	sodium_memzero(x.key, sizeof x.key);
	if (rc)
		return -1;
	if (ferror(out))
		return pv_err(err, n, "export: cannot write the output");
	return x.rows;
}
