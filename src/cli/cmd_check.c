/* pictovox check: content problems as file:line:col, and per language what is translated and
 * recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"
#include "cli/cli.h"
#include "content/content.h"
#include "i18n/i18n.h"
#include "i18n/l10n.h"
#include "i18n/pofile.h"
#include "i18n/recordings.h"

/* How many missing texts a language lists without --all. */
#define CHECK_MISSING_SHOWN 10

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
				struct missing_list m = { .limit = all ? (size_t)-1 : CHECK_MISSING_SHOWN };
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
			struct missing_list m = { .limit = all ? (size_t)-1 : CHECK_MISSING_SHOWN };
			recordings_present(audio_dir, li->code, s, n, print_missing, &m);
			print_more(&m);
		}
	}
	i18n_destroy(L);
	return errors;
}

/* `check`: a PATH is a YAML file, a folder of them, or a content folder with questionnaires/. */
static int run(const struct cli_command *cmd, int argc, char **argv)
{
	const char *pictodir = NULL, *locales = PICTOVOX_LOCALES;
	bool all = false;
	const struct cli_option opts[] = {
		{ "--all", NULL, &all, NULL },
		{ "--pictograms", &pictodir, NULL, NULL },
		{ "--locales", &locales, NULL, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	int status, i = cli_parse(cmd, opts, argc, argv, &status);
	if (i < 0)
		return status;
	if (i >= argc)
		return cli_usage_error(cmd, "which content? Give a file or a folder");
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

const struct cli_command cli_check = {
	"check",
	"pictovox check [--pictograms DIR] [--locales DIR] [--all] PATH...",
	"Checks questionnaire files, folders of them, or a content folder (with questionnaires/):\n"
	"every problem is printed as file:line:col: error|warning: message. For a content folder it\n"
	"then says, per language, how many texts are translated and recorded, and which are not\n"
	"(the first ten).\n"
	"  --pictograms DIR  where the pictograms are (default: pictograms/ beside the files)\n"
	"  --locales DIR     the language list and PO files (default: the bundled ones)\n"
	"  --all             list every missing text\n"
	"Exit status: 0 without errors (warnings allowed), 1 with any error, 2 for a wrong option.\n",
	run,
};
