/*
 * events.c: the answers children give, written to play_events in batches
 * (play.h).
 *
 * An answer is one row.  Writing each in its own transaction would make
 * every child wait for the disk (SQLite syncs each commit) and take the
 * database's write lock once per click; instead the handler puts the
 * answer in a queue and a writer thread stores what is queued every
 * 100 ms (or at once when 512 are waiting), all in one transaction: a
 * batch is stored whole or not at all, and a failed batch is tried
 * again.  The price: an answer reaches the table up to 100 ms after the
 * feedback page (a class report flushes first), and answers still
 * queued when the process is killed (not stopped) are lost; they carry
 * no one's work, only counts.  When the database stays away and the
 * queue is full, new answers are dropped and counted in /metrics.
 */
#include "play/play.h"
#include "content/play.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUE_MAX 65536
#define FLUSH_MS 100
#define FLUSH_AT 512

struct event {
	char day[11], country[3], lang[8], choice[2];
	const char *band, *scenario, *step; /* point into the loaded content */
	int safe;
	int64_t class_id, member_id; /* 0: anonymous */
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
	pthread_t thread;
	bool running, stopping;
	struct event *q; /* waiting */
	size_t n;
	uint64_t queued, stored; /* answers ever queued, and stored */
	atomic_ullong dropped;
} ev = {.lock = PTHREAD_MUTEX_INITIALIZER,
	.wake = PTHREAD_COND_INITIALIZER,
	.done = PTHREAD_COND_INITIALIZER};

int play_total_add(struct db *db, const char *country, const char *day)
{
	if (!country || !*country)
		return 0;
	return db_x(db,
		    "INSERT INTO play_totals (country, day, n) VALUES (?, ?, 1) ON CONFLICT "
		    "(country, day) DO UPDATE SET n = play_totals.n + 1",
		    "tt", country, day) == DB_DONE
		       ? 0
		       : -1;
}

/* Stores one batch in one transaction: 0; -1 when nothing was stored;
 * -2 when answer *bad breaks a constraint (its child left the class, and
 * the class's rows went with it): nothing stored, and that one is to be
 * dropped. */
static int store(struct db *db, const struct event *e, size_t n, size_t *bad)
{
	if (db_begin(db, true) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int rc;
		const char *country = e[i].country[0] ? e[i].country : NULL;
		if (e[i].member_id)
			rc = db_x(db,
				  "INSERT INTO play_events (day, country, lang, band, scenario, step, "
				  "choice, safe, class_id, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				  "tttttttiii", e[i].day, country, e[i].lang, e[i].band, e[i].scenario,
				  e[i].step, e[i].choice, (int64_t)e[i].safe, e[i].class_id,
				  e[i].member_id);
		else
			rc = db_x(db,
				  "INSERT INTO play_events (day, country, lang, band, scenario, step, "
				  "choice, safe) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				  "ttttttti", e[i].day, country, e[i].lang, e[i].band, e[i].scenario,
				  e[i].step, e[i].choice, (int64_t)e[i].safe);
		if (rc != DB_DONE) {
			db_rollback(db);
			*bad = i;
			return rc == DB_CONSTRAINT ? -2 : -1;
		}
		if (play_total_add(db, country, e[i].day) < 0) {
			db_rollback(db);
			return -1;
		}
	}
	return db_commit(db) < 0 ? -1 : 0;
}

static void *writer(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "play-writer"); /* as top -H shows it */
	struct event *batch = xmalloc(sizeof(*batch) * QUEUE_MAX);
	int backoff_ms = 0;
	pthread_mutex_lock(&ev.lock);
	for (;;) {
		if (!ev.n && ev.stopping)
			break;
		if (ev.n < FLUSH_AT && !ev.stopping) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			long ms = backoff_ms ? backoff_ms : FLUSH_MS;
			until.tv_sec += ms / 1000;
			until.tv_nsec += (ms % 1000) * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&ev.wake, &ev.lock, &until);
		}
		size_t n = ev.n;
		if (!n)
			continue;
		memcpy(batch, ev.q, sizeof(*batch) * n);
		pthread_mutex_unlock(&ev.lock);

		struct db *db = db_thread();
		size_t bad = 0;
		int rc = db ? store(db, batch, n, &bad) : -1;

		pthread_mutex_lock(&ev.lock);
		if (rc == -2) {
			log_warn("play: an answer of a class member who left was dropped");
			memmove(ev.q + bad, ev.q + bad + 1, sizeof(*ev.q) * (ev.n - bad - 1));
			ev.n--;
			ev.queued--;
		} else if (rc == 0) {
			/* answers queued meanwhile move to the front */
			memmove(ev.q, ev.q + n, sizeof(*ev.q) * (ev.n - n));
			ev.n -= n;
			ev.stored += n;
			backoff_ms = 0;
			pthread_cond_broadcast(&ev.done);
		} else {
			if (!backoff_ms)
				log_error("play: %zu answers could not be stored; trying again", n);
			backoff_ms = backoff_ms ? (backoff_ms * 2 > 5000 ? 5000 : backoff_ms * 2) : 250;
			if (ev.stopping && backoff_ms >= 5000) {
				log_error("play: %zu answers lost at shutdown: the database is away", ev.n);
				ev.n = 0;
			}
		}
	}
	ev.running = false;
	pthread_cond_broadcast(&ev.done);
	pthread_mutex_unlock(&ev.lock);
	free(batch);
	return NULL;
}

/* With ev.lock held. */
static bool start_locked(void)
{
	if (ev.running)
		return true;
	if (ev.stopping)
		return false;
	if (!ev.q)
		ev.q = xmalloc(sizeof(*ev.q) * QUEUE_MAX);
	if (pthread_create(&ev.thread, NULL, writer, NULL) != 0) {
		log_error("play: cannot start the answer writer: %s", strerror(errno));
		return false;
	}
	ev.running = true;
	return true;
}

int play_event_add(const char *day, const char *country, const char *lang, const char *band,
		   const char *scenario, const char *step, char choice, int safe, int64_t class_id,
		   int64_t member_id)
{
	pthread_mutex_lock(&ev.lock);
	if (!start_locked() || ev.n == QUEUE_MAX) {
		pthread_mutex_unlock(&ev.lock);
		if (atomic_fetch_add(&ev.dropped, 1) % 1000 == 0)
			log_error("play: an answer was dropped: the database is away");
		return -1;
	}
	struct event *e = &ev.q[ev.n++];
	str_copy(e->day, sizeof(e->day), day);
	str_copy(e->country, sizeof(e->country), country ? country : "");
	str_copy(e->lang, sizeof(e->lang), lang);
	e->choice[0] = choice;
	e->choice[1] = '\0';
	e->band = band;
	e->scenario = scenario;
	e->step = step;
	e->safe = safe;
	e->class_id = class_id;
	e->member_id = member_id;
	ev.queued++;
	if (ev.n >= FLUSH_AT)
		pthread_cond_signal(&ev.wake);
	pthread_mutex_unlock(&ev.lock);
	return 0;
}

bool play_events_flush(int timeout_ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&ev.lock);
	uint64_t want = ev.queued;
	pthread_cond_signal(&ev.wake);
	while (ev.running && ev.stored < want)
		if (pthread_cond_timedwait(&ev.done, &ev.lock, &until) == ETIMEDOUT)
			break;
	bool ok = ev.stored >= want;
	pthread_mutex_unlock(&ev.lock);
	return ok;
}

void play_events_stop(void)
{
	pthread_mutex_lock(&ev.lock);
	ev.stopping = true;
	bool running = ev.running;
	pthread_cond_signal(&ev.wake);
	pthread_mutex_unlock(&ev.lock);
	if (running)
		pthread_join(ev.thread, NULL);
	free(ev.q);
	ev.q = NULL;
	ev.n = 0;
}

unsigned long long play_events_dropped(void)
{
	return atomic_load(&ev.dropped);
}
