/*
 * json.h: writing JSON into a struct buf.  Strings are escaped per RFC 8259;
 * invalid UTF-8 is replaced by U+FFFD so the output is always valid.
 * json_obj_* helpers write ,"key":value pairs and track the first member
 * through an int the caller keeps (start it at 1).  Their keys are the
 * program's own names, plain ASCII with no '"' or '\\': written as they
 * are, not escaped.
 */
#ifndef CRIER_JSON_H
#define CRIER_JSON_H

#include <stddef.h>
#include <time.h>

#include "util/buf.h"

void	json_str(struct buf *, const char *, size_t);
void	json_strz(struct buf *, const char *);
/* ["v[0]",...,"v[n-1]"] */
void	json_strv(struct buf *, char *const *, size_t);
/* ,"key":"value" -- skipped when value is NULL or empty */
void	json_obj_str(struct buf *, int *first, const char *key, const char *);
void	json_obj_int(struct buf *, int *first, const char *key, long long);
void	json_obj_bool(struct buf *, int *first, const char *key, int);
/* ,"key":"YYYY-MM-DDTHH:MM:SSZ" -- skipped when t == TIME_NONE */
void	json_obj_time(struct buf *, int *first, const char *key, long long t);
/* ,"key": -- the caller writes the value */
void	json_obj_key(struct buf *, int *first, const char *key);

#endif
