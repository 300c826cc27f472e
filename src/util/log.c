/*
 * log.c: error, warning and progress messages on stderr or syslog.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "util/log.h"

int log_verbose;
static int use_syslog;

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
	char	msg[4096];
	int	saved = errno;

	vsnprintf(msg, sizeof(msg), fmt, ap);
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

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, 1, "", fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, 0, "", fmt, ap);
	va_end(ap);
	exit(1);
}
