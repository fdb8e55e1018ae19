/* pictovox [options]: the kiosk itself. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli.h"
#include "kiosk/app.h"

/* A window smaller than this cannot hold targets a finger finds; larger is no screen made. */
#define KIOSK_MIN_W 320
#define KIOSK_MIN_H 240
#define KIOSK_MAX_SIDE 8192


static int run(const struct cli_command *cmd, int argc, char **argv)
{
	struct app_options o = { 0 };
	const char *windowed = NULL;
	bool verbose = false;
	const struct cli_option opts[] = {
		{ "--config", &o.config, NULL, NULL },   { "--content", &o.content, NULL, NULL },
		{ "--db", &o.db, NULL, NULL },           { "--lang", &o.lang, NULL, NULL },
		{ "--trace", &o.trace, NULL, NULL },     { "--windowed", &windowed, NULL, NULL },
		{ "--fullscreen", NULL, &o.fullscreen, NULL }, { "--verbose", NULL, &verbose, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	int status, i = cli_parse(cmd, opts, argc, argv, &status);
	if (i < 0)
		return status;
	if (i < argc)
		return cli_usage_error(cmd, "no command '%s'", argv[i]);
	if (windowed && (parse_size(windowed, &o.width, &o.height) != 0 || o.width < KIOSK_MIN_W ||
	                 o.height < KIOSK_MIN_H || o.width > KIOSK_MAX_SIDE || o.height > KIOSK_MAX_SIDE))
		return cli_usage_error(cmd, "--windowed takes WIDTHxHEIGHT from %dx%d to %dx%d, e.g. 1280x800, not '%s'",
		                       KIOSK_MIN_W, KIOSK_MIN_H, KIOSK_MAX_SIDE, KIOSK_MAX_SIDE, windowed);
	if (windowed && o.fullscreen)
		return cli_usage_error(cmd, "--windowed and --fullscreen: choose one");
	if (verbose)
		log_set_level(LOG_DEBUG);
	if (!windowed) /* a kiosk is fullscreen unless asked otherwise */
		o.fullscreen = true;
	return app_run(&o);
}

const struct cli_command cli_kiosk = {
	NULL,
	"pictovox [--config FILE] [--content DIR] [--db FILE] [--lang CODE]\n"
	"                [--windowed WxH | --fullscreen] [--trace FILE] [--verbose]",
	"Starts the kiosk: fullscreen, on the bundled content, until the service manager stops it.\n"
	"  --config FILE    the kiosk's settings (YAML; every setting has a default)\n"
	"  --content DIR    questionnaires/ and pictograms/ (default: the bundled content)\n"
	"  --db FILE        the answers (default: $XDG_DATA_HOME/pictovox/pictovox.db)\n"
	"  --lang CODE      the language each person starts in (locales/languages.yaml)\n"
	"  --windowed WxH   a window of that size instead of the whole screen\n"
	"  --trace FILE     appends what is shown, said and stored, one JSON object a line\n"
	"  --verbose        logs more\n"
	"Exit status: 0 when stopped, 1 when it could not start, 2 for a wrong option.\n",
	run,
};
