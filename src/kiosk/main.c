/* pictovox: a spoken, pictogram-only questionnaire kiosk.
 *
 *   pictovox [--config FILE] [--content DIR] [--db FILE] [--windowed WxH | --fullscreen] [--trace FILE]
 *   pictovox check [--pictograms DIR] PATH...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "content.h"
#include "recordings.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "words.h"

static void usage(FILE *f)
{
	fputs("usage: pictovox [--config FILE] [--content DIR] [--db FILE]\n"
	      "                [--windowed WxH | --fullscreen] [--trace FILE] [--verbose]\n"
	      "       pictovox check [--pictograms DIR] PATH...\n"
	      "       pictovox report [--db FILE] [--min-group N]\n"
	      "       pictovox export [--db FILE]\n"
	      "       pictovox recordings [--content DIR] [--language LANG]\n"
	      "\n"
	      "check validates questionnaire files (or folders of them): every problem is printed\n"
	      "as file:line:col; the exit status is 1 if there is any error, 0 otherwise.\n"
	      "report writes, as CSV, how many chose each answer, per questionnaire and question;\n"
	      "a count under the minimum group (5) is written \"<5\". export writes every answer.\n"
	      "recordings lists every text the kiosk may say, with the file name a recording of it\n"
	      "takes in <content>/recordings/<language>/ (a WAV file) to replace the synthesiser.\n",
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

/* `check`: a PATH is a YAML file, a folder of them, or a content folder with questionnaires/. */
static int check(int argc, char **argv)
{
	const char *pictodir = NULL;
	int i = 0;
	if (i < argc && strcmp(argv[i], "--pictograms") == 0) {
		if (i + 1 >= argc) {
			usage(stderr);
			return 2;
		}
		pictodir = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	struct diags *d = diags_create();
	struct words *w = words_load(PICTOVOX_LOCALES, "fr", NULL, 0);
	for (; i < argc; i++) {
		const char *p = argv[i];
		char *sub = path_join(p, "questionnaires");
		char *qdir = path_is_dir(sub) ? xstrdup(sub) : path_is_dir(p) ? xstrdup(p) : path_dirname(p);
		char *pd = pictodir ? xstrdup(pictodir) : pictodir_for(qdir);
		struct content *c;
		if (path_is_dir(p)) {
			c = content_load_folder(qdir, pd, w, d);
		} else {
			const char *one[] = { p };
			c = content_load_files(one, 1, pd, w, d);
		}
		content_destroy(c);
		free(pd);
		free(qdir);
		free(sub);
	}
	diags_print(d, stdout);
	size_t errors = diags_errors(d);
	fprintf(stderr, "pictovox check: %zu error(s), %zu warning(s)\n", errors, diags_warnings(d));
	diags_destroy(d);
	words_destroy(w);
	return errors ? 1 : 0;
}

/* `report` and `export`: CSV on standard output, from an existing database. */
static int report(int argc, char **argv, bool export)
{
	const char *db = NULL;
	int min_group = REPORT_MIN_GROUP;
	for (int i = 0; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
			db = argv[++i];
		} else if (!export && i + 1 < argc && strcmp(argv[i], "--min-group") == 0) {
			min_group = atoi(argv[++i]);
			if (min_group < 1) {
				fprintf(stderr, "pictovox: --min-group takes a number of 1 or more\n");
				return 2;
			}
		} else {
			usage(stderr);
			return 2;
		}
	}
	char *path = db ? xstrdup(db) : store_default_path();
	char err[512];
	int status = 1;
	struct store *s = NULL;
	if (!path_is_file(path))
		fprintf(stderr, "pictovox: %s: no database here\n", path);
	else if (!(s = store_open(path, err, sizeof err)))
		fprintf(stderr, "pictovox: %s\n", err);
	else if ((export ? report_export_csv(s, stdout, err, sizeof err)
	                 : report_counts_csv(s, stdout, min_group, err, sizeof err)) < 0)
		fprintf(stderr, "pictovox: %s\n", err);
	else
		status = fflush(stdout) == 0 ? 0 : 1;
	store_close(s);
	free(path);
	return status;
}

/* `recordings`: what to record, and under which file name. */
static int recordings(int argc, char **argv)
{
	const char *dir = PICTOVOX_ASSETS, *lang = "fr";
	for (int i = 0; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--content") == 0)
			dir = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--language") == 0)
			lang = argv[++i];
		else {
			usage(stderr);
			return 2;
		}
	}
	char err[300];
	struct words *w = words_load(PICTOVOX_LOCALES, lang, err, sizeof err);
	if (!w) {
		fprintf(stderr, "pictovox: %s\n", err);
		return 1;
	}
	struct diags *d = diags_create();
	struct content *c = content_load_dir(dir, NULL, w, d);
	int status = 1;
	if (!c) {
		diags_print(d, stderr);
	} else {
		size_t n = recordings_list(c, w, stdout);
		fprintf(stderr, "pictovox: %zu texts; record them as WAV files in %s/recordings/%s/\n", n, dir, lang);
		status = 0;
	}
	content_destroy(c);
	diags_destroy(d);
	words_destroy(w);
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
