#include "report/report_html.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\n': fputs("<br>", f); break;
		default: fputc(*s, f);
		}
	}
}

/* A count, or "moins de N" where it is hidden. */
static void count(FILE *f, const cJSON *v, int min)
{
	if (cJSON_IsNumber(v))
		fprintf(f, "%ld", (long)v->valuedouble);
	else
		fprintf(f, "<span class=\"hidden\">moins de %d</span>", min);
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* A pictogram inline, as a data URI: the file stands alone, with no network and no folder. */
static void picto(FILE *f, const char *pictodir, const char *name, int size)
{
	if (!name)
		return;
	char *file = xasprintf("%s.svg", name);
	char *path = path_join(pictodir, file);
	size_t len;
	char err[200];
	unsigned char *svg = file_read_all(path, 1u << 20, &len, err, sizeof err);
	if (svg) {
		size_t blen = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		char *b64 = xmalloc(blen);
		sodium_bin2base64(b64, blen, svg, len, sodium_base64_VARIANT_ORIGINAL);
		fprintf(f, "<img class=\"picto\" width=\"%d\" height=\"%d\" alt=\"\" src=\"data:image/svg+xml;base64,%s\">",
		        size, size, b64);
		free(b64);
		free(svg);
	}
	free(path);
	free(file);
}

/* The largest number under key among the objects of arr (hidden ones are not numbers): the
 * full length of their bars. */
static double largest(const cJSON *arr, const char *key)
{
	double max = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *v = get(it, key);
		if (cJSON_IsNumber(v) && v->valuedouble > max)
			max = v->valuedouble;
	}
	return max;
}

/* A horizontal bar of value out of max, with its number. */
static void bar(FILE *f, const cJSON *v, double max, int min, const char *cls)
{
	double w = cJSON_IsNumber(v) && max > 0 ? 100.0 * v->valuedouble / max : 0;
	fprintf(f, "<svg class=\"bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
	           "<rect x=\"0\" y=\"0\" width=\"100\" height=\"6\" class=\"track\"/>"
	           "<rect x=\"0\" y=\"0\" width=\"%.2f\" height=\"6\" class=\"%s\"/></svg><span class=\"n\">",
	        w, cls);
	count(f, v, min);
	fputs("</span>", f);
}

static void day(FILE *f, const cJSON *v, const char *none)
{
	if (!cJSON_IsString(v)) {
		fputs(none, f);
		return;
	}
	int y, m, d;
	if (day_parse(v->valuestring, &y, &m, &d)) /* the French way; anything else shown as it is */
		fprintf(f, "%02d/%02d/%04d", d, m, y);
	else
		esc(f, v->valuestring);
}

static const char *style =
	"body{font-family:'Andika','Noto Sans','DejaVu Sans',sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;"
	"padding:0 1rem;line-height:1.4}"
	"h1{font-size:1.8rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #0b4fa8}"
	"h3{font-size:1.05rem;margin:1.2rem 0 .4rem}"
	".meta{color:#333}.key{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}"
	".key div{border:2px solid #5c5c5c;border-radius:6px;padding:.6rem 1rem;min-width:10rem}"
	".key b{display:block;font-size:1.6rem}"
	"table{border-collapse:collapse;margin:.4rem 0;width:100%}"
	"td,th{padding:.25rem .5rem;text-align:left;vertical-align:middle;border-bottom:1px solid #ddd}"
	"th{background:#f4f1ea}.picto{vertical-align:middle;margin-right:.4rem}"
	".bar{width:14rem;height:.9rem;vertical-align:middle;margin-right:.5rem}.track{fill:#e6e6e6}"
	".fill{fill:#0b4fa8}.then{fill:#b34700}.hidden{color:#555;font-style:italic}.n{white-space:nowrap}"
	".target{stroke:#1a1a1a;stroke-width:.6}.met{color:#085a1d;font-weight:bold}.missed{color:#8b0000;font-weight:bold}"
	"section{break-inside:avoid}"
	"@page{size:A4;margin:14mm}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}";

static void weeks(FILE *f, const cJSON *root, int min)
{
	const cJSON *w = get(root, "weeks"), *it;
	fputs("<section><h2>Sessions et personnes par semaine</h2>", f);
	if (!cJSON_GetArraySize(w)) {
		fputs("<p>Aucune session sur la période.</p></section>", f);
		return;
	}
	double max = largest(w, "sessions");
	fputs("<table><tr><th>Semaine du</th><th>Sessions</th><th>Personnes avec un code</th></tr>", f);
	cJSON_ArrayForEach(it, w)
	{
		fputs("<tr><td>", f);
		day(f, get(it, "week"), "?");
		fputs("</td><td>", f);
		bar(f, get(it, "sessions"), max, min, "fill");
		fputs("</td><td>", f);
		count(f, get(it, "people"), min);
		fputs("</td></tr>", f);
	}
	fputs("</table></section>", f);
}

static void satisfaction(FILE *f, const cJSON *root, int min)
{
	const cJSON *s = get(root, "satisfaction");
	fputs("<section><h2>Satisfaction</h2>", f);
	if (!cJSON_IsObject(s)) {
		fputs("<p>Aucun questionnaire ne donne la satisfaction (<code>indicator: satisfaction</code>).</p></section>", f);
		return;
	}
	const cJSON *rate = get(s, "rate"), *target = get(s, "target");
	double t = cJSON_IsNumber(target) ? target->valuedouble : 0.5;
	fprintf(f, "<p>Part des réponses sur les deux visages les plus contents (%d ou plus), sur ", (int)get(s, "satisfied_from")->valuedouble);
	count(f, get(s, "answers"), min);
	fprintf(f, " réponses. Objectif : %.0f %%.</p>", t * 100);
	if (!cJSON_IsNumber(rate)) {
		fprintf(f, "<p class=\"hidden\">Taux non montré : moins de %d réponses, ou moins de %d d'un côté.</p></section>", min,
		        min);
		return;
	}
	double r = rate->valuedouble;
	fprintf(f, "<svg viewBox=\"0 0 100 10\" class=\"bar\" style=\"width:30rem;height:2.5rem\" role=\"img\" "
	           "aria-label=\"%.0f %% contre un objectif de %.0f %%\">"
	           "<rect x=\"0\" y=\"2\" width=\"100\" height=\"6\" class=\"track\"/>"
	           "<rect x=\"0\" y=\"2\" width=\"%.2f\" height=\"6\" class=\"fill\"/>"
	           "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"0\" y2=\"10\" class=\"target\"/></svg>",
	        r * 100, t * 100, r * 100, t * 100, t * 100);
	fprintf(f, "<p><b>%.0f %%</b> satisfaits : objectif <span class=\"%s\">%s</span>.</p></section>", r * 100,
	        r >= t ? "met" : "missed", r >= t ? "atteint" : "non atteint");
}

/* French writes a decimal comma: 2,5. */
static void decimal(char out[16], double v)
{
	snprintf(out, 16, "%.1f", v);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

static void spread_cell(FILE *f, const cJSON *v)
{
	if (!cJSON_IsObject(v)) {
		fputs("<span class=\"hidden\">—</span>", f);
		return;
	}
	char m[16], a[16], b[16];
	decimal(m, get(v, "median")->valuedouble);
	decimal(a, get(v, "q1")->valuedouble);
	decimal(b, get(v, "q3")->valuedouble);
	fprintf(f, "%s <span class=\"meta\">(%s à %s)</span>", m, a, b);
}

static void competences(FILE *f, const cJSON *root, const char *pictodir, int min)
{
	const cJSON *c = get(root, "competences"), *it;
	fputs("<section><h2>Compétences : première et dernière auto-évaluation</h2>", f);
	if (!cJSON_GetArraySize(c)) {
		fputs("<p>Pas d'auto-évaluation dans le contenu.</p></section>", f);
		return;
	}
	fputs("<p>Parmi les personnes qui se sont évaluées au moins deux fois avec leur code : la médiane des "
	      "étapes (1 pas encore, 2 un peu, 3 je sais faire, 4 je peux l'expliquer), et entre parenthèses "
	      "le quart le plus bas et le quart le plus haut.</p>"
	      "<table><tr><th>Compétence</th><th>Personnes</th><th>Première fois</th><th>Dernière fois</th></tr>",
	      f);
	cJSON_ArrayForEach(it, c)
	{
		fputs("<tr><td>", f);
		picto(f, pictodir, str(it, "pictogram"), 28);
		esc(f, str(it, "name"));
		fputs("</td><td>", f);
		count(f, get(it, "people"), min);
		fputs("</td><td>", f);
		spread_cell(f, get(it, "first"));
		fputs("</td><td>", f);
		spread_cell(f, get(it, "latest"));
		fputs("</td></tr>", f);
	}
	fputs("</table></section>", f);
}

static void questions(FILE *f, const cJSON *root, const char *pictodir, int min)
{
	const cJSON *qns = get(root, "questionnaires"), *qn, *q, *c;
	fputs("<section><h2>Réponses par question</h2></section>", f);
	cJSON_ArrayForEach(qn, qns)
	{
		fputs("<section><h3>", f);
		picto(f, pictodir, str(qn, "pictogram"), 32);
		esc(f, str(qn, "title"));
		fputs(" — ", f);
		count(f, get(qn, "sessions"), min);
		fputs(" sessions</h3>", f);
		cJSON_ArrayForEach(q, get(qn, "questions"))
		{
			fputs("<table><tr><th colspan=\"2\">", f);
			picto(f, pictodir, str(q, "pictogram"), 24);
			esc(f, str(q, "text"));
			fputs(" <span class=\"meta\">(", f);
			count(f, get(q, "answered"), min);
			fputs(" réponses)</span></th></tr>", f);
			double max = largest(get(q, "choices"), "count");
			cJSON_ArrayForEach(c, get(q, "choices"))
			{
				fputs("<tr><td>", f);
				picto(f, pictodir, str(c, "pictogram"), 24);
				esc(f, str(c, "label"));
				fputs("</td><td>", f);
				bar(f, get(c, "count"), max, min, "fill");
				fputs("</td></tr>", f);
			}
			fputs("<tr><td>", f);
			picto(f, pictodir, "refuse", 24);
			fputs("Préfère ne pas répondre</td><td>", f);
			bar(f, get(q, "refused"), max, min, "then");
			fputs("</td></tr></table>", f);
		}
		fputs("</section>", f);
	}
}

static void languages(FILE *f, const cJSON *root, int min)
{
	const cJSON *it;
	fputs("<section><h2>Langues</h2><table><tr><th>Langue</th><th>Sessions</th></tr>", f);
	cJSON_ArrayForEach(it, get(root, "languages"))
	{
		fputs("<tr><td>", f);
		esc(f, str(it, "language"));
		fputs("</td><td>", f);
		count(f, get(it, "sessions"), min);
		fputs("</td></tr>", f);
	}
	fputs("</table></section>", f);
}

static void endings(FILE *f, const cJSON *root, int min)
{
	static const char *const names[][2] = { { "completed", "Terminées" },
		                                { "idle", "Personne n'a continué (temps écoulé)" },
		                                { "left", "Revenu au menu avant la fin" },
		                                { "interrupted", "Coupées (arrêt, panne)" },
		                                { "open", "En cours" } };
	const cJSON *e = get(root, "endings");
	fputs("<section><h2>Sessions terminées et incomplètes</h2><table>", f);
	for (size_t i = 0; i < PV_ARRAY_LEN(names); i++) {
		fprintf(f, "<tr><td>%s</td><td>", names[i][1]);
		count(f, get(e, names[i][0]), min);
		fputs("</td></tr>", f);
	}
	fputs("</table></section>", f);
}

int report_html_write(FILE *f, const cJSON *root, const char *pictodir, const char *today)
{
	int min = (int)get(root, "min_group")->valuedouble;
	const cJSON *period = get(root, "period"), *sat = get(root, "satisfaction");
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
	           "<meta name=\"viewport\" content=\"width=device-width\"><title>Rapport pictovox</title>"
	           "<style>%s</style></head><body>\n",
	        style);
	fputs("<h1>Rapport d'activité</h1><p class=\"meta\">Période : ", f);
	day(f, get(period, "from"), "depuis le début");
	fputs(" — ", f);
	day(f, get(period, "to"), "jusqu'au dernier jour enregistré");
	fputs(". Rapport fait le ", f);
	day(f, &(cJSON){ .type = cJSON_String, .valuestring = (char *)today }, "?");
	fprintf(f, ".</p><p class=\"meta\">Aucun chiffre n'est calculé sur moins de %d personnes : il est écrit "
	           "« moins de %d », et un autre chiffre est caché avec lui quand un total permettrait de le "
	           "retrouver. Aucun nom n'est enregistré.</p>\n",
	        min, min);
	fputs("<div class=\"key\"><div>Sessions<b>", f);
	count(f, get(root, "sessions"), min);
	fputs("</b></div><div>Personnes avec un code<b>", f);
	count(f, get(root, "people_with_code"), min);
	fputs("</b></div><div>Satisfaction<b>", f);
	const cJSON *rate = cJSON_IsObject(sat) ? get(sat, "rate") : NULL;
	if (cJSON_IsNumber(rate))
		fprintf(f, "%.0f %%", rate->valuedouble * 100);
	else
		fputs("<span class=\"hidden\">—</span>", f);
	fputs("</b></div><div>Sessions terminées<b>", f);
	count(f, get(get(root, "endings"), "completed"), min);
	fputs("</b></div></div>\n", f);
	weeks(f, root, min);
	satisfaction(f, root, min);
	competences(f, root, pictodir, min);
	questions(f, root, pictodir, min);
	languages(f, root, min);
	endings(f, root, min);
	fputs("\n</body></html>\n", f);
	return ferror(f) ? -1 : 0;
}
