/*
 * site.c: home, areas, health and metrics (site.h).
 */
#include "site/site.h"
#include "play/play.h"
#include "http/server.h"
#include "web/app.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/static.h"
#include "db/db.h"
#include "core/util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int site_home(struct req *r)
{
	json_t *d = page_data(r, N_("Child online protection"));
	json_object_set_new(d, "is_home", json_true());
	return page_render(r, "home", d);
}

int site_healthz(struct req *r)
{
	struct db *db = req_db(r);
	bool ok = db && db_ping(db);
	resp_text(r, ok ? 200 : 503, "text/plain; charset=utf-8",
		  ok ? "ok\n" : "database unavailable\n");
	r->no_store = true;
	return 0;
}

static long resident_bytes(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * sysconf(_SC_PAGESIZE);
}

/* Prometheus text format.  Served only to clients on this machine that
 * did not come through a proxy, so it never leaks to the internet. */
int site_metrics(struct req *r)
{
	if (!r->loopback || r->forwarded)
		return page_error(r, 404, NULL);
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	r->no_store = true;
	server_write_metrics(&r->out);
	buf_printf(&r->out,
		   "# HELP cophub_db_errors_total Database errors since start.\n"
		   "# TYPE cophub_db_errors_total counter\n"
		   "cophub_db_errors_total %llu\n"
		   "# HELP cophub_play_answers_dropped_total Children's answers not stored: the "
		   "database was away and the queue full.\n"
		   "# TYPE cophub_play_answers_dropped_total counter\n"
		   "cophub_play_answers_dropped_total %llu\n"
		   "# HELP cophub_process_resident_memory_bytes Resident memory.\n"
		   "# TYPE cophub_process_resident_memory_bytes gauge\n"
		   "cophub_process_resident_memory_bytes %ld\n",
		   (unsigned long long)db_error_count(), play_events_dropped(), resident_bytes());
	return 0;
}

int site_static(struct req *r)
{
	static_serve(r, req_param(r, 0));
	if (r->status == 404)
		return page_error(r, 404, NULL);
	return 0;
}

const char *safe_next(const char *next)
{
	/* Only a path on this site: "/x", never "//host" or "/\host". */
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    !utf8_valid_text(next, strlen(next), false) || strlen(next) > 512)
		return "/account";
	for (const char *p = next; *p; p++)
		if (*p == '\\' || *p == ' ')
			return "/account";
	return next;
}
