/* The kiosk driven in-process through pvapp: SDL's dummy video driver (software renderer) and
 * its disk audio driver (real-time pace, in the buffers the kiosk asks for, into /dev/null). A touch is an
 * SDL_MOUSEBUTTONDOWN/UP pair pushed at a target's centre, as a touchscreen sends it. */
#include <SDL.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/app.h"
#include "bench.h"

struct run {
	struct app *a;
	SDL_threadID main_thread;
	/* set on the main thread by the hooks */
	unsigned presented;
	double t_present;
	unsigned speech_starts;
	double t_speech_hook; /* when the main loop heard of the first sample (the hook) */
	char speech_text[512];
	/* set from any thread by the event watch: speech_say wakes the loop from the main thread,
	 * the audio callback from the audio thread right after it handed the first samples over */
	pthread_mutex_t mu;
	double t_say;
	double t_first_sample;
	/* texts this app has spoken: the synthesis cache holds them */
	char **heard;
	size_t nheard;
};

static void on_presented(void *ud, const struct screen *sc)
{
	(void)sc;
	struct run *r = ud;
	r->t_present = now_ms();
	r->presented++;
}

static void on_speech(void *ud, bool start, const char *text)
{
	struct run *r = ud;
	if (!start)
		return;
	r->speech_starts++;
	r->t_speech_hook = now_ms();
	snprintf(r->speech_text, sizeof r->speech_text, "%s", text ? text : "");
}

static int watch(void *ud, SDL_Event *ev)
{
	struct run *r = ud;
	if (ev->type < SDL_USEREVENT || ev->type >= SDL_LASTEVENT)
		return 1;
	double t = now_ms();
	pthread_mutex_lock(&r->mu);
	if (SDL_ThreadID() == r->main_thread) {
		r->t_say = t; /* speech_say: a new request */
		r->t_first_sample = NAN;
	} else if (isnan(r->t_first_sample) && !isnan(r->t_say)) {
		r->t_first_sample = t; /* the audio callback's first wake after it */
	}
	pthread_mutex_unlock(&r->mu);
	return 1;
}

static void view_of(struct app *a, struct view *v)
{
	const struct screen *sc = app_screen(a);
	memset(v, 0, sizeof *v);
	snprintf(v->kind, sizeof v->kind, "%s", screen_kind_name(sc->kind));
	snprintf(v->question, sizeof v->question, "%s", sc->question ? sc->question : "");
	for (size_t i = 0; i < sc->ntargets && i < 16; i++) {
		const struct target *t = &sc->targets[i];
		struct view_target *o = &v->t[v->n++];
		snprintf(o->id, sizeof o->id, "%s", t->id);
		snprintf(o->role, sizeof o->role, "%s", target_role_name(t->role));
		struct rect rc = app_target_rect(a, i);
		o->x = rc.x, o->y = rc.y, o->w = rc.w, o->h = rc.h;
		o->selected = t->selected;
	}
}

static void push_touch(int x, int y)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = SDL_MOUSEBUTTONDOWN;
	ev.button.windowID = 1;
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.state = SDL_PRESSED;
	ev.button.clicks = 1;
	ev.button.x = x;
	ev.button.y = y;
	SDL_PushEvent(&ev);
	ev.type = SDL_MOUSEBUTTONUP;
	ev.button.state = SDL_RELEASED;
	SDL_PushEvent(&ev);
}

/* Steps the app for ms, or until done(r) holds. Returns false when the app stopped. */
static bool step_for(struct run *r, double ms, bool (*done)(struct run *, unsigned), unsigned arg)
{
	double end = now_ms() + ms;
	while (!(done && done(r, arg))) {
		double left = end - now_ms();
		if (left <= 0)
			return true;
		if (!app_step(r->a, left < 2 ? 1 : 2))
			return false;
	}
	return true;
}

static bool frame_done(struct run *r, unsigned before)
{
	return r->presented != before;
}

static bool speech_done(struct run *r, unsigned before)
{
	return r->speech_starts != before;
}

static bool heard(struct run *r, const char *text)
{
	for (size_t i = 0; i < r->nheard; i++)
		if (strcmp(r->heard[i], text) == 0)
			return true;
	return false;
}

/* One way of running the kiosk: a window size and a video driver. */
struct config {
	int w, h;
	bool x11;    /* a real X window under the benchmark's Xvfb, instead of the dummy driver */
	int apps;    /* fresh kiosks (each with an empty synthesis cache) */
	int passes;  /* check-ins per kiosk */
};

#define MAX_CONFIGS 3

struct tally {
	struct samples touch[MAX_CONFIGS];  /* all touches */
	struct samples select[MAX_CONFIGS]; /* touching an answer (same screen, selection changes) */
	struct samples next[MAX_CONFIGS];   /* touching confirm/start: the next screen */
	struct samples first[MAX_CONFIGS];  /* during each kiosk's first check-in (caches empty) */
	struct samples later[MAX_CONFIGS];  /* during the later ones */
	struct samples sp_cold, sp_warm;           /* presented -> first sample handed to the device */
	struct samples sp_cold_loop, sp_warm_loop; /* presented -> the main loop hears of it */
	size_t no_speech, checkins, errors;
	bool silent; /* no audio device: no speech at all */
	bool measure_speech;
};

/* One check-in from the welcome screen back to it. Returns false if the kiosk got stuck. */
static bool checkin(struct bench *b, struct run *r, struct script *s, struct tally *t, int res, int pass)
{
	const double think_ms = 25; /* after speech starts, before the next touch */
	for (int touches = 0; touches < 80; touches++) {
		struct view v;
		view_of(r->a, &v);
		bool ends;
		int i = script_next(s, &v, &ends);
		if (i < 0) {
			say(b, "no target to touch on a '%s' screen", v.kind);
			return false;
		}
		const struct view_target *g = &v.t[i];
		/* A menu card and "no code" lead to the next screen too: not an answer touched. */
		bool next_screen = !strcmp(g->role, "confirm") || !strcmp(g->role, "start") ||
		                   !strcmp(g->role, "continue") || !strcmp(g->role, "questionnaire") ||
		                   !strcmp(g->id, "code:guest");
		double wait = script_wait_before(s, g->id);
		if (wait > 0) /* the same place again: not within a double tap's time */
			step_for(r, wait, NULL, 0);
		unsigned before = r->presented, sp_before = r->speech_starts;
		double t0 = now_ms();
		push_touch(g->x + g->w / 2, g->y + g->h / 2);
		script_touched(s, g->id);
		if (!step_for(r, 3000, frame_done, before) || r->presented == before) {
			say(b, "no frame within 3 s of a touch on '%s'", g->id);
			t->errors++;
			return false;
		}
		double dt = r->t_present - t0;
		samples_add(&t->touch[res], dt);
		samples_add(next_screen ? &t->next[res] : &t->select[res], dt);
		samples_add(pass == 0 ? &t->first[res] : &t->later[res], dt);
		double t_present = r->t_present;
		if (ends) {
			t->checkins++;
			return true;
		}
		if (t->silent || !t->measure_speech) {
			step_for(r, think_ms, NULL, 0);
			continue;
		}
		/* Every touch here asks for speech: wait for its first sample. */
		step_for(r, 3000, speech_done, sp_before);
		if (r->speech_starts == sp_before) {
			t->no_speech++;
			if (t->no_speech > 3 && t->sp_cold.n + t->sp_warm.n == 0)
				t->silent = true;
			continue;
		}
		double t_loop = r->t_speech_hook;
		pthread_mutex_lock(&r->mu);
		double t_dev = r->t_first_sample;
		pthread_mutex_unlock(&r->mu);
		bool cold = !heard(r, r->speech_text);
		if (cold) {
			r->heard = realloc(r->heard, (r->nheard + 1) * sizeof *r->heard);
			r->heard[r->nheard++] = strdup(r->speech_text);
		}
		if (!isnan(t_dev) && t_dev >= t_present)
			samples_add(cold ? &t->sp_cold : &t->sp_warm, t_dev - t_present);
		samples_add(cold ? &t->sp_cold_loop : &t->sp_warm_loop, t_loop - t_present);
		step_for(r, think_ms, NULL, 0);
	}
	say(b, "a check-in did not end after 80 touches");
	return false;
}

static void add_touch_results(const struct bench *b, struct tally *t, const struct config *cf, int n)
{
	for (int k = 0; k < n; k++) {
		char id[64], label[96];
		bool target = cf[k].w == 1920 && !cf[k].x11;
		snprintf(id, sizeof id, "touch_frame_%dx%d%s", cf[k].w, cf[k].h, cf[k].x11 ? "_x11" : "");
		snprintf(label, sizeof label, "%stouch -> next frame %dx%d%s", cf[k].x11 ? "  " : "", cf[k].w, cf[k].h,
		         cf[k].x11 ? ", x11 (Xvfb)" : "");
		struct measure *m = result_samples(id, label, "ms", t->touch[k].v, t->touch[k].n, K_P99,
		                                   target ? CMP_BELOW : CMP_NONE, 8);
		double p[4][2];
		struct samples *parts[4] = { &t->select[k], &t->next[k], &t->first[k], &t->later[k] };
		for (int j = 0; j < 4; j++) {
			p[j][0] = samples_percentile(parts[j], 50);
			p[j][1] = samples_percentile(parts[j], 99);
		}
		if (cf[k].x11)
			result_note(m, "the same check-ins in a real X window (%s): adds the copy of each frame to the X server",
			            b->xnote);
		else
			result_note(m, "SDL_VIDEODRIVER=dummy (software renderer), %d kiosks x %d check-ins", cf[k].apps,
			            cf[k].passes);
		result_note(m, "answer touched (same screen): p50 %.2f / p99 %.2f ms over %zu; next screen: p50 %.2f / "
		               "p99 %.2f ms over %zu",
		            p[0][0], p[0][1], t->select[k].n, p[1][0], p[1][1], t->next[k].n);
		if (t->later[k].n)
			result_note(m, "first check-in of each kiosk: p50 %.2f / p99 %.2f ms over %zu; later ones: p50 %.2f / "
			               "p99 %.2f ms over %zu",
			            p[2][0], p[2][1], t->first[k].n, p[3][0], p[3][1], t->later[k].n);
		char key[128];
		snprintf(key, sizeof key, "%s_select_p99_ms", id);
		fact_num(key, p[0][1]);
		snprintf(key, sizeof key, "%s_next_screen_p99_ms", id);
		fact_num(key, p[1][1]);
		snprintf(key, sizeof key, "%s_first_checkin_p99_ms", id);
		fact_num(key, p[2][1]);
		snprintf(key, sizeof key, "%s_later_checkins_p99_ms", id);
		fact_num(key, p[3][1]);
	}
}

void bench_inproc(struct bench *b)
{
	/* The software renderer, audio paced like a device: what the kiosk does, minus a screen. */
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", "/dev/null", 1);
	struct config cf[MAX_CONFIGS] = {
		{ 1280, 800, false, b->short_mode ? 1 : 3, b->short_mode ? 2 : 10 },
		{ 1920, 1080, false, b->short_mode ? 1 : 3, b->short_mode ? 2 : 10 },
		{ 1920, 1080, true, 1, b->short_mode ? 1 : 6 },
	};
	int ncf = x_available(b) ? 3 : 2;
	struct tally t;
	memset(&t, 0, sizeof t);
	struct script s = { .rng = 0x9e3779b97f4a7c15ULL };
	double t_start = now_ms();
	for (int k = 0; k < ncf; k++) {
		if (cf[k].x11) {
			setenv("SDL_VIDEODRIVER", "x11", 1);
			setenv("DISPLAY", b->xname, 1);
		}
		t.measure_speech = !cf[k].x11; /* speech is measured with the dummy driver only */
		for (int ai = 0; ai < cf[k].apps; ai++) {
			struct run r;
			memset(&r, 0, sizeof r);
			pthread_mutex_init(&r.mu, NULL);
			r.t_say = r.t_first_sample = NAN;
			char *db = xfmt("%s/inproc-%d-%d.db", b->tmp, k, ai);
			struct app_options o = { .content = b->assets, .db = db, .width = cf[k].w, .height = cf[k].h };
			struct app_hooks h = { on_presented, on_speech, &r };
			r.main_thread = SDL_ThreadID();
			double c0 = now_ms();
			r.a = app_create(&o, &h);
			if (!r.a)
				die("the kiosk did not start in-process (app_create failed, see above)");
			if (k == 0 && ai == 0)
				fact_num("inproc_app_create_first_ms", now_ms() - c0);
			SDL_AddEventWatch(watch, &r);
			if (cf[k].x11) /* the window is up and the window manager done with it */
				step_for(&r, 500, NULL, 0);
			for (int p = 0; p < cf[k].passes; p++) {
				/* Between two people the welcome screen stays a second at least: nobody touches
				 * it the millisecond it appears (it draws the next screens ahead meanwhile). */
				step_for(&r, 1000, NULL, 0);
				if (!checkin(b, &r, &s, &t, k, p))
					die("the in-process kiosk got stuck during a scripted check-in");
			}
			SDL_DelEventWatch(watch, &r);
			app_destroy(r.a);
			for (size_t i = 0; i < r.nheard; i++)
				free(r.heard[i]);
			free(r.heard);
			free(db);
			pthread_mutex_destroy(&r.mu);
		}
	}
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	unsetenv("DISPLAY");
	say(b, "in-process: %zu check-ins in %.1f s", t.checkins, (now_ms() - t_start) / 1000);
	fact_num("inproc_checkins", (double)t.checkins);
	add_touch_results(b, &t, cf, ncf);
	struct measure *m;
	if (t.silent) {
		result_skip("speech_first_sample_empty", "presented -> first speech sample, empty cache", "ms",
		            CMP_BELOW, 20, "no speech: the audio device did not open (SDL disk driver)");
		result_skip("speech_first_sample_warm", "presented -> first speech sample, warm cache", "ms",
		            CMP_BELOW, 2, "no speech: the audio device did not open (SDL disk driver)");
	} else {
		m = result_samples("speech_first_sample_empty", "presented -> first speech sample, empty cache",
		                   "ms", t.sp_cold.v, t.sp_cold.n, K_P99, CMP_BELOW, 20);
		result_note(m, "texts not yet synthesised by this kiosk; SDL disk audio driver (real-time pace, the "
		               "buffer size the kiosk asks for); time taken in the audio thread as it hands the samples over");
		m = result_samples("speech_first_sample_warm", "presented -> first speech sample, warm cache", "ms",
		                   t.sp_warm.v, t.sp_warm.n, K_P99, CMP_BELOW, 2);
		result_note(m, "texts already spoken once by this kiosk (in its synthesis cache)");
		fact_num("speech_empty_seen_by_main_loop_p50_ms", samples_percentile(&t.sp_cold_loop, 50));
		fact_num("speech_empty_seen_by_main_loop_p99_ms", samples_percentile(&t.sp_cold_loop, 99));
		fact_num("speech_warm_seen_by_main_loop_p50_ms", samples_percentile(&t.sp_warm_loop, 50));
		fact_num("speech_warm_seen_by_main_loop_p99_ms", samples_percentile(&t.sp_warm_loop, 99));
		if (t.no_speech)
			fact_num("speech_requests_without_sample_within_3s", (double)t.no_speech);
	}
	for (int k = 0; k < MAX_CONFIGS; k++) {
		samples_free(&t.touch[k]);
		samples_free(&t.select[k]);
		samples_free(&t.next[k]);
		samples_free(&t.first[k]);
		samples_free(&t.later[k]);
	}
	samples_free(&t.sp_cold);
	samples_free(&t.sp_warm);
	samples_free(&t.sp_cold_loop);
	samples_free(&t.sp_warm_loop);
}
