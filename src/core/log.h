/*
 * log.h: one line per event on standard error.
 *
 * Lines start with an ISO 8601 UTC time and a level.  Callers must never
 * pass a password, token, cookie, child identifier, free text from a
 * child, or a full IP address: the request log (http/server.c) writes only
 * the request id, method, path without query, status, size and duration.
 */
#ifndef COPHUB_LOG_H
#define COPHUB_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

/* The request line: "TIME info req=ID METHOD PATH STATUS BYTESB MICROSus",
 * formatted by hand (it is written once per request). */
void log_request(const char *id, const char *method, const char *path, int status,
		 size_t bytes, long long us, bool aborted);

/* Request lines are written straight away, unless buffering is on: then
 * each thread gathers its lines and they are written together, at the
 * latest LOG_FLUSH_MS later (a thread writes them itself, or the flusher
 * thread does).  A crash can lose the lines of the last LOG_FLUSH_MS.
 * log_buffering_stop() writes what is left; call it after the workers
 * have stopped. */
#define LOG_FLUSH_MS 200
void log_buffering_start(void);
void log_buffering_stop(void);

/* Writes "2026-01-31T12:00:00.123Z" into out (at least 32 bytes). */
void log_timestamp(char *out, unsigned long size);

#endif
