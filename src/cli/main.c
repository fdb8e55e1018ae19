/* pictovox: a spoken, pictogram-only questionnaire kiosk.
 *
 *   pictovox [--config FILE] [--content DIR] [--db FILE] [--windowed WxH | --fullscreen] [--trace FILE]
 *   pictovox check [--pictograms DIR] PATH...
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <termios.h>

#include "admin/admin.h"
#include "kiosk/app.h"
#include "i18n/bidi.h"
#include "speech/speech.h"
#include "content/content.h"
#include "i18n/recordings.h"
#include "report/report.h"
#include "report/report_html.h"
#include "report/summary.h"
#include "store/store.h"
#include "base/util.h"
#include "i18n/i18n.h"
#include "i18n/l10n.h"
#include "i18n/pofile.h"

static void usage(FILE *f)
{
	fputs("usage: pictovox [--config FILE] [--content DIR] [--db FILE] [--lang CODE]\n"
	      "                [--windowed WxH | --fullscreen] [--trace FILE] [--verbose]\n"
	      "       pictovox check [--pictograms DIR] [--locales DIR] [--all] PATH...\n"
	      "       pictovox report [--db FILE] [--out FILE] [--format html|json|csv] [--from DAY] [--to DAY]\n"
	      "                       [--min-group N] [--content DIR]\n"
	      "       pictovox export [--db FILE] [--format csv|jsonl] [--out FILE] [--linkable]\n"
	      "       pictovox pot [--content DIR]\n"
	      "       pictovox admin set-pin [--db FILE]       (the PIN on standard input)\n"
	      "       pictovox recordings [--content DIR] [--lang CODE] [--synthesize KEY]...\n"
	      "\n"
	      "check validates questionnaire files (or folders of them): every problem is printed\n"
	      "as file:line:col; the exit status is 1 if there is any error, 0 otherwise. It then\n"
	      "says, per language, how many texts are translated and recorded, and which are not\n"
	      "(the first ten; --all lists every one).\n"
	      "report writes the funders' report: one HTML file with --out report.html (or its figures\n"
	      "as JSON), or the counts per answer as CSV on standard output; no figure comes from fewer\n"
	      "people than the minimum group (5). export writes every answer, one row each, with\n"
	      "pseudonyms made for that export alone (--linkable: the stored ones).\n"
	      "pot writes the translation template (locales/pictovox.pot) on standard output.\n"
	      "recordings lists every text of a language with the file its recording goes in\n"
	      "(<content>/audio/<lang>/<key>.wav) and whether it is there; --synthesize KEY makes an\n"
	      "example of that recording with eSpeak NG (the WAV and its word labels).\n",
	      f);
}

/* Where the pictograms of questionnaires in qdir are: the content folder's pictograms/ beside
 * it, else the bundled ones. */
static char *pictodir_for(const char *qdir)
{
	char *parent = path_join(qdir, "..");
	char *pd = path_join(parent, "pictograms");
	free(parent);
	if (path_is_dir(pd))
		return pd;
	free(pd);
	return path_join(PICTOVOX_ASSETS, "pictograms");
}

/* What `check` says about one language's missing translations or recordings. */
struct missing_list {
	size_t shown, total, limit;
};

static void print_missing(void *ud, const struct l10n_string *str)
{
	struct missing_list *m = ud;
	if (m->shown < m->limit) {
		printf("    %s  \"", str->key);
		for (const char *p = str->msgid; *p; p++)
			fputs(*p == '\n' ? " " : (char[2]){ *p, 0 }, stdout);
		puts("\"");
		m->shown++;
	}
	m->total++;
}

static void print_more(const struct missing_list *m)
{
	if (m->total > m->shown)
		printf("    ... and %zu more (--all lists them)\n", m->total - m->shown);
}

/* Per language: how many of the strings are translated in locales/<code>.po and recorded in
 * audio_dir. A missing PO file is an error; missing strings are not (they fall back to French). */
static size_t check_languages(const char *locales, const char *audio_dir, const struct l10n_string *s,
                              size_t n, bool all)
{
	char *list = path_join(locales, "languages.yaml");
	struct diags *d = diags_create();
	struct i18n *L = i18n_load(list, NULL, d); /* the list alone: check reads the PO files */
	size_t errors = 0;
	if (!L) {
		diags_print(d, stdout);
		errors = diags_errors(d);
	}
	diags_destroy(d);
	free(list);
	printf("Translations (locales/<code>.po), %zu texts:\n", n);
	for (size_t i = 0; i < i18n_count(L); i++) {
		const struct lang_info *li = i18n_lang(L, i);
		char *file = xasprintf("%s.po", li->code);
		char *path = path_join(locales, file);
		char err[400];
		struct pofile *po = pofile_read(path, err, sizeof err);
		if (!po) {
			printf("%s: error: %s\n", path, err);
			errors++;
		} else {
			char *review = pofile_header_field(po, "X-Pictovox-Review");
			size_t done = l10n_translated(po, s, n, NULL, NULL);
			printf("  %-5s %-12s %3zu/%zu translated (%s)%s\n", li->code, li->name, done, n,
			       review && *review ? review : "draft",
			       done == n                          ? ""
			       : strcmp(li->code, I18N_FALLBACK) ? "; missing, shown in French:"
			                                         : "; missing, shown as written:");
			if (done < n) {
				struct missing_list m = { .limit = all ? (size_t)-1 : 10 };
				l10n_translated(po, s, n, print_missing, &m);
				print_more(&m);
			}
			free(review);
		}
		pofile_destroy(po);
		free(path);
		free(file);
	}
	printf("Recordings (%s/<code>/<key>.wav):\n", audio_dir);
	for (size_t i = 0; i < i18n_count(L); i++) {
		const struct lang_info *li = i18n_lang(L, i);
		size_t have = recordings_present(audio_dir, li->code, s, n, NULL, NULL);
		printf("  %-5s %3zu/%zu recorded%s\n", li->code, have, n, have < n ? "; missing, synthesised:" : "");
		if (have < n) {
			struct missing_list m = { .limit = all ? (size_t)-1 : 10 };
			recordings_present(audio_dir, li->code, s, n, print_missing, &m);
			print_more(&m);
		}
	}
	i18n_destroy(L);
	return errors;
}

/* `check`: a PATH is a YAML file, a folder of them, or a content folder with questionnaires/. */
static int check(int argc, char **argv)
{
	const char *pictodir = NULL, *locales = PICTOVOX_LOCALES;
	bool all = false;
	int i = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--all") == 0) {
			all = true;
		} else if (i + 1 < argc && strcmp(argv[i], "--pictograms") == 0) {
			pictodir = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--locales") == 0) {
			locales = argv[++i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	struct diags *d = diags_create();
	size_t errors = 0, warnings = 0;
	for (; i < argc; i++) {
		const char *p = argv[i];
		char *sub = path_join(p, "questionnaires");
		bool content_dir = path_is_dir(sub);
		char *qdir = content_dir ? xstrdup(sub) : path_is_dir(p) ? xstrdup(p) : path_dirname(p);
		char *pd = pictodir ? xstrdup(pictodir) : pictodir_for(qdir);
		struct content *c;
		if (path_is_dir(p)) {
			c = content_load_folder(qdir, pd, d);
		} else {
			const char *one[] = { p };
			c = content_load_files(one, 1, pd, d);
		}
		/* A whole content folder is what a kiosk runs: say what each language lacks. */
		if (c && content_dir) {
			diags_print(d, stdout);
			errors += diags_errors(d);
			warnings += diags_warnings(d);
			diags_destroy(d);
			d = diags_create();
			struct l10n_string *strs;
			size_t n = l10n_strings(c, &strs);
			char *audio = path_join(p, "audio");
			errors += check_languages(locales, audio, strs, n, all);
			free(audio);
			free(strs);
		}
		content_destroy(c);
		free(pd);
		free(qdir);
		free(sub);
	}
	diags_print(d, stdout);
	errors += diags_errors(d);
	warnings += diags_warnings(d);
	fflush(stdout); /* the summary after the list, not in the middle of a line of it */
	fprintf(stderr, "pictovox check: %zu error(s), %zu warning(s)\n", errors, warnings);
	diags_destroy(d);
	return errors ? 1 : 0;
}

static bool is_day(const char *s)
{
	int y, m, d;
	char extra;
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= 31;
}

static struct content *load_content(const char *dir);

/* Writes through a temporary file renamed at the end: a failed report leaves no half file. */
struct output {
	FILE *f;
	char *path, *tmp;
};

static int output_open(struct output *o, const char *path)
{
	*o = (struct output){ stdout, NULL, NULL };
	if (!path)
		return 0;
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.part", path);
	o->f = fopen(o->tmp, "w");
	if (!o->f) {
		fprintf(stderr, "pictovox: %s: %s\n", o->tmp, strerror(errno));
		free(o->path);
		free(o->tmp);
		return -1;
	}
	return 0;
}

static int output_close(struct output *o, bool ok)
{
	if (!o->path)
		return ok && fflush(stdout) == 0 ? 0 : 1;
	ok = fflush(o->f) == 0 && fsync(fileno(o->f)) == 0 && ok;
	ok = fclose(o->f) == 0 && ok;
	if (ok && rename(o->tmp, o->path) != 0) {
		fprintf(stderr, "pictovox: %s: %s\n", o->path, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	return ok ? 0 : 1;
}

/* `report` and `export`, from an existing database. */
static int report(int argc, char **argv, bool export)
{
	const char *db = NULL, *out = NULL, *format = NULL, *from = NULL, *to = NULL, *content = PICTOVOX_ASSETS;
	int min_group = REPORT_MIN_GROUP;
	bool linkable = false;
	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (v && strcmp(argv[i], "--db") == 0) {
			db = v, i++;
		} else if (v && strcmp(argv[i], "--out") == 0) {
			out = v, i++;
		} else if (v && strcmp(argv[i], "--format") == 0) {
			format = v, i++;
		} else if (export && strcmp(argv[i], "--linkable") == 0) {
			linkable = true;
		} else if (!export && v && strcmp(argv[i], "--content") == 0) {
			content = v, i++;
		} else if (!export && v && (strcmp(argv[i], "--from") == 0 || strcmp(argv[i], "--to") == 0)) {
			if (!is_day(v)) {
				fprintf(stderr, "pictovox: %s takes a day, YYYY-MM-DD, not '%s'\n", argv[i], v);
				return 2;
			}
			*(strcmp(argv[i], "--from") == 0 ? &from : &to) = v, i++;
		} else if (!export && v && strcmp(argv[i], "--min-group") == 0) {
			min_group = atoi(v), i++;
			if (min_group < 1) {
				fprintf(stderr, "pictovox: --min-group takes a number of 1 or more\n");
				return 2;
			}
		} else {
			usage(stderr);
			return 2;
		}
	}
	/* The format: given, else from the output's name; the counts' CSV on standard output. */
	if (!format)
		format = export ? "csv" : out && str_has_suffix(out, ".html") ? "html" : out && str_has_suffix(out, ".json") ? "json" : "csv";
	bool ok_format = export ? (!strcmp(format, "csv") || !strcmp(format, "jsonl"))
	                        : (!strcmp(format, "csv") || !strcmp(format, "html") || !strcmp(format, "json"));
	if (!ok_format) {
		fprintf(stderr, "pictovox: --format %s: use %s\n", format, export ? "csv or jsonl" : "html, json or csv");
		return 2;
	}
	char *path = db ? xstrdup(db) : store_default_path();
	char err[512];
	int status = 1;
	struct store *s = NULL;
	struct content *c = NULL;
	struct output o;
	if (!path_is_file(path)) {
		fprintf(stderr, "pictovox: %s: no database here\n", path);
	} else if (!(s = store_open_readonly(path, err, sizeof err))) {
		fprintf(stderr, "pictovox: %s\n", err);
	} else if (!export && strcmp(format, "csv") != 0 && !(c = load_content(content))) {
		fprintf(stderr, "pictovox: %s: the content is needed for the questions' texts\n", content);
	} else if (output_open(&o, out) == 0) {
		bool ok;
		if (export) {
			ok = report_export(s, o.f, strcmp(format, "jsonl") ? EXPORT_CSV : EXPORT_JSONL, linkable, err, sizeof err) >= 0;
		} else if (!strcmp(format, "csv")) {
			ok = report_counts_csv(s, o.f, min_group, err, sizeof err) >= 0;
		} else {
			struct diags *d = diags_create();
			char *list = path_join(PICTOVOX_LOCALES, "languages.yaml");
			struct i18n *L = i18n_load(list, PICTOVOX_MODIR, d); /* French words for the answers */
			free(list);
			diags_destroy(d);
			struct summary_options so = { from, to, min_group, 0, L, "fr" };
			cJSON *sum = summary_build(s, c, &so, err, sizeof err);
			i18n_destroy(L);
			ok = sum != NULL;
			if (sum && !strcmp(format, "json")) {
				char *text = cJSON_Print(sum);
				ok = fputs(text, o.f) >= 0 && fputc('\n', o.f) != EOF;
				cJSON_free(text);
			} else if (sum) {
				char today[11];
				time_t now = time(NULL);
				strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
				char *pictos = path_join(content, "pictograms");
				ok = report_html_write(o.f, sum, pictos, today) == 0;
				free(pictos);
			}
			cJSON_Delete(sum);
		}
		if (!ok && err[0])
			fprintf(stderr, "pictovox: %s\n", err);
		status = output_close(&o, ok);
	}
	content_destroy(c);
	store_close(s);
	free(path);
	return status;
}

/* Reads one line of standard input, without echo when it is a terminal. */
static bool read_secret_line(const char *prompt, char *buf, size_t n)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(buf, (int)n, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	buf[ok ? strcspn(buf, "\r\n") : 0] = '\0';
	return ok;
}

/* `admin set-pin`: the PIN of the admin mode, read from standard input (twice on a terminal). */
static int admin(int argc, char **argv)
{
	const char *db = NULL;
	if (argc < 1 || strcmp(argv[0], "set-pin") != 0) {
		usage(stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
			db = argv[++i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	char pin[64], again[64], err[512];
	if (!read_secret_line("New PIN (8 digits or more): ", pin, sizeof pin) ||
	    (isatty(STDIN_FILENO) && (!read_secret_line("Again: ", again, sizeof again) || strcmp(pin, again) != 0))) {
		fprintf(stderr, "pictovox: no PIN read, or the two differ: nothing changed\n");
		return 1;
	}
	char *path = db ? xstrdup(db) : store_default_path();
	struct store *s = store_open(path, err, sizeof err);
	int status = 1;
	if (!s)
		fprintf(stderr, "pictovox: %s\n", err);
	else if (admin_set_pin(s, pin, err, sizeof err) != 0)
		fprintf(stderr, "pictovox: %s: nothing changed\n", err);
	else
		fprintf(stderr, "pictovox: the admin PIN of %s is set\n", path), status = 0;
	sodium_memzero(pin, sizeof pin);
	sodium_memzero(again, sizeof again);
	store_close(s);
	free(path);
	return status;
}

/* Loads the content of a `pot` or `recordings` command; NULL after printing why. */
static struct content *load_content(const char *dir)
{
	struct diags *d = diags_create();
	struct content *c = content_load_dir(dir, NULL, d);
	if (!c)
		diags_print(d, stderr);
	diags_destroy(d);
	return c;
}

/* `pot`: the translation template, from the kiosk's words and the bundled questionnaires. */
static int pot(int argc, char **argv)
{
	const char *dir = PICTOVOX_ASSETS;
	for (int i = 0; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--content") == 0) {
			dir = argv[++i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	struct content *c = load_content(dir);
	if (!c)
		return 1;
	struct l10n_string *s;
	size_t n = l10n_strings(c, &s);
	l10n_write_pot(stdout, s, n);
	free(s);
	content_destroy(c);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* What an example recording collects from the synthesiser. */
struct example {
	int16_t *pcm;
	size_t n, cap;
	size_t starts[128], ats[128], lens[128];
	size_t words;
};

static int example_pcm(void *ud, const int16_t *pcm, size_t n)
{
	struct example *e = ud;
	if (e->n + n > e->cap) {
		e->cap = (e->n + n) * 2;
		e->pcm = xrealloc(e->pcm, e->cap * sizeof *e->pcm);
	}
	memcpy(e->pcm + e->n, pcm, n * sizeof *pcm);
	e->n += n;
	return 0;
}

static void example_word(void *ud, size_t sample, size_t at, size_t len)
{
	struct example *e = ud;
	if (e->words < PV_ARRAY_LEN(e->starts)) {
		e->starts[e->words] = sample;
		e->ats[e->words] = at;
		e->lens[e->words++] = len;
	}
}

static void put_le(FILE *f, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		fputc((int)((v >> (8 * i)) & 0xff), f);
}

/* A recording made by the synthesiser, in the format a human one takes: a 16-bit mono WAV and
 * an Audacity label track of its words. It shows the format; a human voice is what it is for. */
static int synthesize_example(const char *audio, const struct lang_info *li, const char *key, const char *text)
{
	char err[300];
	int rate = 0;
	void *tts = tts_espeak.create(&rate, err, sizeof err);
	struct example e = { 0 };
	struct tts_sink sink = { example_pcm, example_word, &e };
	struct tts_request rq = { text, li->voice, li->code, key, SPEECH_RATE_NORMAL };
	if (!tts || tts_espeak.synth(tts, &rq, &sink, err, sizeof err) != 0) {
		fprintf(stderr, "pictovox: %s\n", err);
		if (tts)
			tts_espeak.destroy(tts);
		free(e.pcm);
		return 1;
	}
	tts_espeak.destroy(tts);
	char *dir = path_join(audio, li->code);
	char *wav = recordings_path(audio, li->code, key, ".wav");
	char *txt = recordings_path(audio, li->code, key, ".txt");
	int status = 1;
	FILE *f = NULL, *t = NULL;
	if (!wav || path_mkdirs(dir, err, sizeof err) != 0 || !(f = fopen(wav, "wb")) || !(t = fopen(txt, "w"))) {
		fprintf(stderr, "pictovox: cannot write %s: %s\n", wav ? wav : key, wav ? strerror(errno) : "bad key");
	} else {
		uint32_t data = (uint32_t)(e.n * 2);
		fputs("RIFF", f), put_le(f, 36 + data, 4), fputs("WAVEfmt ", f), put_le(f, 16, 4);
		put_le(f, 1, 2), put_le(f, 1, 2), put_le(f, (uint32_t)rate, 4), put_le(f, (uint32_t)rate * 2, 4);
		put_le(f, 2, 2), put_le(f, 16, 2), fputs("data", f), put_le(f, data, 4);
		for (size_t i = 0; i < e.n; i++)
			put_le(f, (uint16_t)e.pcm[i], 2);
		for (size_t i = 0; i < e.words; i++) {
			size_t ws, wl;
			if (!text_word_at(text, e.ats[i], &ws, &wl))
				continue;
			size_t end = i + 1 < e.words ? e.starts[i + 1] : e.n;
			fprintf(t, "%.6f\t%.6f\t%.*s\n", (double)e.starts[i] / rate, (double)end / rate, (int)wl, text + ws);
		}
		status = ferror(f) || ferror(t) ? 1 : 0;
		printf("%s\n%s\n", wav, txt);
	}
	if (f && fclose(f) != 0)
		status = 1;
	if (t && fclose(t) != 0)
		status = 1;
	free(dir);
	free(wav);
	free(txt);
	free(e.pcm);
	return status;
}

/* `recordings`: what to record in one language, and where each file goes; with --synthesize,
 * example recordings of the given keys made by the synthesiser. */
static int recordings(int argc, char **argv)
{
	const char *dir = PICTOVOX_ASSETS, *lang = I18N_FALLBACK;
	const char *make[32];
	size_t nmake = 0;
	for (int i = 0; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--content") == 0)
			dir = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--lang") == 0)
			lang = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--synthesize") == 0 && nmake < PV_ARRAY_LEN(make))
			make[nmake++] = argv[++i];
		else {
			usage(stderr);
			return 2;
		}
	}
	struct diags *d = diags_create();
	char *list = path_join(PICTOVOX_LOCALES, "languages.yaml");
	struct i18n *L = i18n_load(list, PICTOVOX_MODIR, d);
	free(list);
	diags_print(d, stderr);
	diags_destroy(d);
	struct content *c = L ? load_content(dir) : NULL;
	int status = 1;
	if (L && !i18n_find(L, lang)) {
		fprintf(stderr, "pictovox: no language '%s' in %s/languages.yaml\n", lang, PICTOVOX_LOCALES);
	} else if (c && nmake) {
		struct l10n_string *s;
		size_t n = l10n_strings(c, &s);
		char *audio = path_join(dir, "audio");
		status = 0;
		for (size_t k = 0; k < nmake; k++) {
			size_t i = 0;
			while (i < n && strcmp(s[i].key, make[k]) != 0)
				i++;
			if (i == n) {
				fprintf(stderr, "pictovox: no text has the key '%s'\n", make[k]);
				status = 1;
				continue;
			}
			struct tstr t = i18n_get(L, lang, s[i].key, s[i].msgid, s[i].source);
			if (strcmp(t.lang, lang) != 0) {
				fprintf(stderr, "pictovox: '%s' is not translated into %s yet\n", make[k], lang);
				status = 1;
				continue;
			}
			status |= synthesize_example(audio, i18n_find(L, lang), s[i].key, t.text);
		}
		free(audio);
		free(s);
	} else if (c) {
		struct l10n_string *s;
		size_t n = l10n_strings(c, &s);
		char *audio = path_join(dir, "audio");
		size_t have = 0;
		for (size_t i = 0; i < n; i++) {
			char *path = recordings_path(audio, lang, s[i].key, ".wav");
			bool there = path && path_is_file(path);
			have += there;
			struct tstr t = i18n_get(L, lang, s[i].key, s[i].msgid, s[i].source);
			printf("%s\t%s\t", there ? "recorded" : "missing", path ? path : s[i].key);
			for (const char *p = t.text; *p; p++)
				fputs(*p == '\n' ? "\\n" : (char[2]){ *p, 0 }, stdout);
			printf("%s\n", strcmp(t.lang, lang) ? "\t(not translated yet)" : "");
			free(path);
		}
		fprintf(stderr, "pictovox: %zu of %zu texts recorded in %s/%s/\n", have, n, audio, lang);
		free(audio);
		free(s);
		status = 0;
	}
	content_destroy(c);
	i18n_destroy(L);
	return status;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "recordings") == 0)
		return recordings(argc - 2, argv + 2);
	if (argc > 1 && (strcmp(argv[1], "report") == 0 || strcmp(argv[1], "export") == 0))
		return report(argc - 2, argv + 2, strcmp(argv[1], "export") == 0);
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return check(argc - 2, argv + 2);
	if (argc > 1 && strcmp(argv[1], "pot") == 0)
		return pot(argc - 2, argv + 2);
	if (argc > 1 && strcmp(argv[1], "admin") == 0)
		return admin(argc - 2, argv + 2);
	struct app_options o = { 0 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--fullscreen")) {
			o.fullscreen = true;
		} else if (!strcmp(a, "--verbose")) {
			log_set_level(LOG_DEBUG);
		} else if (v && !strcmp(a, "--config")) {
			o.config = v, i++;
		} else if (v && !strcmp(a, "--content")) {
			o.content = v, i++;
		} else if (v && !strcmp(a, "--db")) {
			o.db = v, i++;
		} else if (v && !strcmp(a, "--lang")) {
			o.lang = v, i++;
		} else if (v && !strcmp(a, "--trace")) {
			o.trace = v, i++;
		} else if (v && !strcmp(a, "--windowed")) {
			if (sscanf(v, "%dx%d", &o.width, &o.height) != 2 || o.width < 320 || o.height < 240 ||
			    o.width > 8192 || o.height > 8192) {
				fprintf(stderr, "pictovox: --windowed takes WIDTHxHEIGHT, e.g. 1280x800, not '%s'\n", v);
				return 2;
			}
			i++;
		} else {
			fprintf(stderr, "pictovox: unknown or incomplete option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!o.fullscreen && !o.width) /* a kiosk is fullscreen unless asked otherwise */
		o.fullscreen = true;
	return app_run(&o);
}
