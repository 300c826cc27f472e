/*
 * log.h: the one reporting path.  Everything goes to stderr prefixed by
 * "crier: " (or to syslog once log_to_syslog() was called).  log_error
 * and log_warn append strerror(errno); the x forms do not.  Verbosity:
 * -1 (-q) errors only, 0 warnings and notices (default), 1 info (-v), 2
 * debug (-vv).
 */
#ifndef CRIER_LOG_H
#define CRIER_LOG_H

extern int log_verbose;

void	log_to_syslog(int);
/* stderr lines start with "TIME LEVEL: " (the daemon's log) */
void	log_set_stamp(int);
void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_errorx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* what a daemon reports by default: started, reloaded, a round's news */
void	log_notice(const char *, ...) __attribute__((format(printf, 1, 2)));
/* a notice that -q still shows: a failure reported as an error cleared */
void	log_report(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* "crier: FILE:LINE: message" (an error, shown even with -q) */
void	log_config(const char *file, int line, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* "crier: FILE:LINE: message" as a warning */
void	log_config_warn(const char *file, int line, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* "crier: URL: message" (an error) */
void	log_feed(const char *url, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
