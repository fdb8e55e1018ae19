#include "i18n/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "content/yamlx.h"

const struct ui_text_def ui_texts[UI_COUNT] = {
#define UI_DEF(name, key, en, note) [UI_##name] = { key, en, note },
	UI_TEXTS(UI_DEF)
#undef UI_DEF
};

/* ---- compiled catalogs (the GNU .mo format, as msgfmt writes it) ---- */

/* A catalog is small (a few hundred strings): read whole, looked up by binary search, since
 * msgfmt sorts the original strings. */
struct mo {
	unsigned char *data;
	size_t len;
	uint32_t n, orig, trans;
	bool swap;
};

#define MO_MAX_BYTES (8u << 20)

static uint32_t mo_u32(const struct mo *m, size_t off)
{
	uint32_t v;
	memcpy(&v, m->data + off, 4);
	return m->swap ? __builtin_bswap32(v) : v;
}

/* The string of table entry i (length, offset), checked to lie inside the file. */
static const char *mo_str(const struct mo *m, uint32_t table, uint32_t i, uint32_t *len)
{
	size_t at = (size_t)table + (size_t)i * 8;
	uint32_t l = mo_u32(m, at), off = mo_u32(m, at + 4);
	if ((size_t)off + l >= m->len || m->data[off + l] != '\0')
		return NULL;
	if (len)
		*len = l;
	return (const char *)m->data + off;
}

struct mo *mo_load(const char *path, char *err, size_t n)
{
	char why[200];
	struct mo *m = xcalloc(1, sizeof *m);
	m->data = file_read_all(path, MO_MAX_BYTES, &m->len, why, sizeof why);
	if (!m->data) {
		pv_err(err, n, "%s: %s", path, why);
		free(m);
		return NULL;
	}
	uint32_t magic = 0;
	if (m->len >= 20)
		memcpy(&magic, m->data, 4);
	if (magic == 0x950412deu || magic == 0xde120495u) {
		m->swap = magic == 0xde120495u;
		m->n = mo_u32(m, 8);
		m->orig = mo_u32(m, 12);
		m->trans = mo_u32(m, 16);
		bool fits = (uint64_t)m->orig + (uint64_t)m->n * 8 <= m->len &&
		            (uint64_t)m->trans + (uint64_t)m->n * 8 <= m->len;
		for (uint32_t i = 0; fits && i < m->n; i++)
			fits = mo_str(m, m->orig, i, NULL) && mo_str(m, m->trans, i, NULL);
		if (fits)
			return m;
	}
	pv_err(err, n, "%s: not a compiled gettext catalog (.mo): run msgfmt on its .po file", path);
	mo_destroy(m);
	return NULL;
}

void mo_destroy(struct mo *m)
{
	if (!m)
		return;
	free(m->data);
	free(m);
}

size_t mo_count(const struct mo *m)
{
	return m ? m->n : 0;
}

/* Compares the catalog key "ctxt\4msgid" with key/msgid without building it. */
static int mo_cmp(const char *entry, const char *key, const char *msgid)
{
	if (key) {
		size_t kl = strlen(key);
		int c = strncmp(entry, key, kl);
		if (c)
			return c;
		entry += kl;
		if ((unsigned char)*entry != 4)
			return (unsigned char)*entry - 4;
		entry++;
	}
	return strcmp(entry, msgid);
}

const char *mo_get(const struct mo *m, const char *key, const char *msgid)
{
	if (!m)
		return NULL;
	uint32_t lo = 0, hi = m->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = mo_cmp(mo_str(m, m->orig, mid, NULL), key, msgid);
		if (c == 0) {
			uint32_t len;
			const char *t = mo_str(m, m->trans, mid, &len);
			return len ? t : NULL;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- the language list ---- */

struct i18n {
	struct lang_info *langs;
	struct mo **mos;
	size_t n;
	int fallback; /* index of French, or -1 */
};

static bool valid_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > I18N_MAX_CODE_BYTES)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (i >= 2 && (s[i] == '-' || s[i] == '_'))))
			return false;
	return true;
}

static bool load_lang(struct yamlx *y, yaml_node_t *node, struct lang_info *li)
{
	static const char *const keys[] = { "code", "name", "voice", "script", "direction", NULL };
	if (node->type != YAML_MAPPING_NODE) {
		yamlx_error(y, node, "a language must be a mapping with code, name, voice and script");
		return false;
	}
	const char *code = NULL, *name = NULL, *voice = NULL, *script = NULL, *dir = "ltr";
	bool ok = yamlx_check_keys(y, node, keys, "a language");
	ok &= yamlx_str(y, node, "code", true, &code);
	ok &= yamlx_str(y, node, "name", true, &name);
	ok &= yamlx_str(y, node, "voice", true, &voice);
	ok &= yamlx_str(y, node, "script", true, &script);
	ok &= yamlx_str(y, node, "direction", false, &dir);
	if (code && !valid_code(code)) {
		yamlx_error(y, yamlx_get(y, node, "code"), "'%s' is not a language code (like fr or fa-af)", code);
		ok = false;
	}
	if (script && strlen(script) != 4) {
		yamlx_error(y, yamlx_get(y, node, "script"), "'%s' is not an ISO 15924 script (like Latn, Arab)",
		            script);
		ok = false;
	}
	if (!str_eq(dir, "ltr") && !str_eq(dir, "rtl")) {
		yamlx_error(y, yamlx_get(y, node, "direction"), "direction is ltr or rtl, not '%s'", dir);
		ok = false;
	}
	if (!ok)
		return false;
	*li = (struct lang_info){ xstrdup(code), xstrdup(name), xstrdup(voice), xstrdup(script),
		                  str_eq(dir, "rtl") };
	return true;
}

struct i18n *i18n_load(const char *languages_file, const char *modir, struct diags *d)
{
	struct yamlx y;
	size_t errors = diags_errors(d);
	if (yamlx_load(&y, languages_file, d) < 0) {
		yamlx_free(&y);
		return NULL;
	}
	struct i18n *L = xcalloc(1, sizeof *L);
	L->fallback = -1;
	yaml_node_t *root = yamlx_root(&y);
	yaml_node_t *seq = root ? yamlx_seq(&y, root, "languages", true) : NULL;
	if (!root)
		yamlx_error(&y, NULL, "empty file: it lists the kiosk's languages under 'languages:'");
	size_t n = yamlx_seq_len(seq);
	L->langs = xcalloc(n ? n : 1, sizeof *L->langs);
	L->mos = xcalloc(n ? n : 1, sizeof *L->mos);
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = yamlx_seq_item(&y, seq, i);
		struct lang_info li;
		if (i == I18N_MAX_LANGUAGES) {
			yamlx_error(&y, item, "one language too many: the grid shows at most %d languages", I18N_MAX_LANGUAGES);
			break;
		}
		if (!item || !load_lang(&y, item, &li))
			continue;
		if (i18n_find(L, li.code)) {
			yamlx_error(&y, item, "language '%s' is listed twice", li.code);
			free(li.code), free(li.name), free(li.voice), free(li.script);
			continue;
		}
		L->langs[L->n++] = li;
	}
	yamlx_free(&y);
	if (diags_errors(d) > errors || L->n == 0) {
		if (L->n == 0 && diags_errors(d) == errors)
			diags_add(d, DIAG_ERROR, languages_file, 0, 0, "no language listed");
		i18n_destroy(L);
		return NULL;
	}
	L->fallback = i18n_index(L, I18N_FALLBACK);
	for (size_t i = 0; modir && i < L->n; i++) {
		char *file = xasprintf("%s.mo", L->langs[i].code);
		char *path = path_join(modir, file);
		char err[400];
		L->mos[i] = mo_load(path, err, sizeof err);
		if (!L->mos[i])
			diags_add(d, DIAG_WARNING, path, 0, 0, "%s; %s falls back to French", err, L->langs[i].code);
		free(path);
		free(file);
	}
	return L;
}

void i18n_destroy(struct i18n *L)
{
	if (!L)
		return;
	for (size_t i = 0; i < L->n; i++) {
		free(L->langs[i].code);
		free(L->langs[i].name);
		free(L->langs[i].voice);
		free(L->langs[i].script);
		mo_destroy(L->mos[i]);
	}
	free(L->langs);
	free(L->mos);
	free(L);
}

size_t i18n_count(const struct i18n *L)
{
	return L ? L->n : 0;
}

const struct lang_info *i18n_lang(const struct i18n *L, size_t i)
{
	return i < L->n ? &L->langs[i] : NULL;
}

int i18n_index(const struct i18n *L, const char *code)
{
	for (size_t i = 0; L && code && i < L->n; i++)
		if (strcmp(L->langs[i].code, code) == 0)
			return (int)i;
	return -1;
}

const struct lang_info *i18n_find(const struct i18n *L, const char *code)
{
	int i = i18n_index(L, code);
	return i < 0 ? NULL : &L->langs[i];
}

struct tstr i18n_get(const struct i18n *L, const char *lang, const char *key, const char *msgid,
                     const char *source_lang)
{
	int i = i18n_index(L, lang);
	const char *t = i >= 0 ? mo_get(L->mos[i], key, msgid) : NULL;
	if (t)
		return (struct tstr){ t, L->langs[i].code };
	if (L && L->fallback >= 0 && (t = mo_get(L->mos[L->fallback], key, msgid)))
		return (struct tstr){ t, L->langs[L->fallback].code };
	return (struct tstr){ msgid, source_lang };
}

struct tstr i18n_ui(const struct i18n *L, const char *lang, enum ui_text t)
{
	return i18n_get(L, lang, ui_texts[t].key, ui_texts[t].msgid, "en");
}

size_t i18n_catalog_size(const struct i18n *L, const char *lang)
{
	int i = i18n_index(L, lang);
	return i < 0 ? 0 : mo_count(L->mos[i]);
}
