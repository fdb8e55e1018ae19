#include "content/config.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "content/yamlx.h"

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->language = xstrdup("fr");
	c->idle_timeout_s = 90;
	c->idle_grace_s = 20;
	c->thanks_s = 6;
	c->volume = 6;
	c->audio_buffer = 32;
	c->retention_months = 12;
}

void config_free(struct config *c)
{
	free(c->language);
	for (size_t i = 0; i < c->noffered; i++)
		free(c->offered[i]);
	free(c->font);
	free(c->voice);
	free(c->export_dir);
	memset(c, 0, sizeof *c);
}

static void set_str(char **field, const char *v)
{
	if (!v)
		return;
	free(*field);
	*field = xstrdup(v);
}

int config_load(struct config *c, const char *path, struct diags *d)
{
	static const char *const keys[] = { "language", "questionnaires", "idle_timeout", "idle_grace",
		                            "thanks_duration", "volume", "font", "voice",
		                            "audio_buffer", "retention_months", "export_dir", NULL };
	config_defaults(c);
	if (!path)
		return 0;
	size_t before = diags_errors(d);
	struct yamlx y;
	if (yamlx_load(&y, path, d) != 0) {
		yamlx_free(&y);
		return -1;
	}
	yaml_node_t *root = yamlx_root(&y);
	if (root->type != YAML_MAPPING_NODE) {
		yamlx_error(&y, root, "the configuration must be a mapping of settings");
		yamlx_free(&y);
		return -1;
	}
	yamlx_check_keys(&y, root, keys, "the configuration");
	const char *lang = NULL, *font = NULL, *voice = NULL, *export_dir = NULL;
	long retention = c->retention_months;
	long idle = c->idle_timeout_s, grace = c->idle_grace_s, thanks = c->thanks_s, vol = c->volume;
	long abuf = c->audio_buffer;
	yamlx_str(&y, root, "language", false, &lang);
	yamlx_str(&y, root, "font", false, &font);
	yamlx_str(&y, root, "voice", false, &voice);
	yamlx_int(&y, root, "idle_timeout", false, 5, 3600, &idle);
	yamlx_int(&y, root, "idle_grace", false, 5, 600, &grace);
	yamlx_int(&y, root, "thanks_duration", false, 1, 120, &thanks);
	yamlx_int(&y, root, "volume", false, 0, 10, &vol);
	yamlx_int(&y, root, "audio_buffer", false, CONFIG_MIN_AUDIO_BUFFER, CONFIG_MAX_AUDIO_BUFFER, &abuf);
	yamlx_int(&y, root, "retention_months", false, 1, 120, &retention);
	yamlx_str(&y, root, "export_dir", false, &export_dir);
	c->retention_months = (int)retention;
	set_str(&c->export_dir, export_dir);
	set_str(&c->language, lang);
	set_str(&c->font, font);
	set_str(&c->voice, voice);
	c->idle_timeout_s = (int)idle;
	c->idle_grace_s = (int)grace;
	c->thanks_s = (int)thanks;
	c->volume = (int)vol;
	c->audio_buffer = (int)abuf;
	yaml_node_t *seq = yamlx_seq(&y, root, "questionnaires", false);
	for (size_t i = 0; i < yamlx_seq_len(seq); i++) {
		yaml_node_t *it = yamlx_seq_item(&y, seq, i);
		const char *id = yamlx_scalar(it);
		if (!id)
			yamlx_error(&y, it, "each entry of 'questionnaires' is a questionnaire id");
		else if (c->noffered == CONFIG_MAX_OFFERED)
			yamlx_error(&y, it, "at most %d questionnaires can be offered", CONFIG_MAX_OFFERED);
		else
			c->offered[c->noffered++] = xstrdup(id);
	}
	yamlx_free(&y);
	return diags_errors(d) > before ? -1 : 0;
}
