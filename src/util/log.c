/*
 * log.c: error, warning and progress messages on stderr or syslog.  The
 * daemon stamps each stderr line with the time and the level
 * (log_set_stamp()): one line per event, written with a single call so
 * the lines of two threads never mix.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "util/log.h"

int log_verbose;
static int use_syslog;
static int use_stamp;

void
log_set_stamp(int on)
{
	use_stamp = on;
}

static const char *
level_name(int pri)
{
	switch (pri) {
	case LOG_ERR:
		return "error";
	case LOG_WARNING:
		return "warning";
	case LOG_NOTICE:
		return "notice";
	case LOG_INFO:
		return "info";
	default:
		return "debug";
	}
}

void
log_to_syslog(int on)
{
	use_syslog = on;
	if (on)
		openlog("crier", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

static void
vlog(int pri, int with_errno, const char *prefix, const char *fmt,
    va_list ap)
{
	char		msg[4096], stamp[64];
	struct tm	tm;
	time_t		t;
	int		saved = errno;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (use_stamp && !use_syslog) {
		t = time(NULL);
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S%z",
		    &tm) == 0)
			stamp[0] = '\0';
		if (with_errno)
			fprintf(stderr, "%s %s: crier: %s%s: %s\n", stamp,
			    level_name(pri), prefix, msg, strerror(saved));
		else
			fprintf(stderr, "%s %s: crier: %s%s\n", stamp,
			    level_name(pri), prefix, msg);
		errno = saved;
		return;
	}
	if (use_syslog) {
		if (with_errno)
			syslog(pri, "%s%s: %s", prefix, msg, strerror(saved));
		else
			syslog(pri, "%s%s", prefix, msg);
	} else {
		if (with_errno)
			fprintf(stderr, "crier: %s%s: %s\n", prefix, msg,
			    strerror(saved));
		else
			fprintf(stderr, "crier: %s%s\n", prefix, msg);
	}
	errno = saved;
}

#define LOGFN(name, pri, level, err)					\
void									\
name(const char *fmt, ...)						\
{									\
	va_list ap;							\
									\
	if (log_verbose < (level))					\
		return;							\
	va_start(ap, fmt);						\
	vlog((pri), (err), "", fmt, ap);				\
	va_end(ap);							\
}

LOGFN(log_error, LOG_ERR, -1, 1)
LOGFN(log_errorx, LOG_ERR, -1, 0)
LOGFN(log_warn, LOG_WARNING, 0, 1)
LOGFN(log_warnx, LOG_WARNING, 0, 0)
LOGFN(log_notice, LOG_NOTICE, 0, 0)
LOGFN(log_report, LOG_NOTICE, -1, 0)
LOGFN(log_info, LOG_INFO, 1, 0)
LOGFN(log_debug, LOG_DEBUG, 2, 0)

void
log_config(const char *file, int line, const char *fmt, ...)
{
	char	prefix[1024];
	va_list	ap;

	snprintf(prefix, sizeof(prefix), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vlog(LOG_ERR, 0, prefix, fmt, ap);
	va_end(ap);
}

void
log_config_warn(const char *file, int line, const char *fmt, ...)
{
	char	prefix[1024];
	va_list	ap;

	if (log_verbose < 0)
		return;
	snprintf(prefix, sizeof(prefix), "%s:%d: warning: ", file, line);
	va_start(ap, fmt);
	vlog(LOG_WARNING, 0, prefix, fmt, ap);
	va_end(ap);
}

void
log_feed(const char *url, const char *fmt, ...)
{
	char	prefix[2048];
	va_list	ap;

	snprintf(prefix, sizeof(prefix), "%s: ", url);
	va_start(ap, fmt);
	vlog(LOG_ERR, 0, prefix, fmt, ap);
	va_end(ap);
}
