/*
 * json.c: JSON output helpers (RFC 8259 string escaping, always valid UTF-8).
 */
#include <string.h>

#include "util/json.h"
#include "util/str.h"
#include "util/time.h"

void
json_str(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	buf_addc(b, '"');
	while (p < end) {
		const unsigned char *q = p;
		size_t n;

		while (q < end && *q >= 0x20 && *q != '"' && *q != '\\' &&
		    *q < 0x80)
			q++;
		buf_add(b, p, (size_t)(q - p));
		p = q;
		if (p >= end)
			break;
		if (*p >= 0x80) {
			n = utf8_valid_prefix(p, (size_t)(end - p));
			if (n == 0) {
				buf_adds(b, "\xef\xbf\xbd");
				p++;
			} else {
				buf_add(b, p, n);
				p += n;
			}
			continue;
		}
		switch (*p) {
		case '"':  buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\f': buf_adds(b, "\\f"); break;
		default:
			buf_adds(b, "\\u00");
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
		p++;
	}
	buf_addc(b, '"');
}

void
json_strz(struct buf *b, const char *s)
{
	json_str(b, s, strlen(s));
}

void
json_obj_key(struct buf *b, int *first, const char *key)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	json_strz(b, key);
	buf_addc(b, ':');
}

void
json_obj_str(struct buf *b, int *first, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	json_obj_key(b, first, key);
	json_strz(b, v);
}

void
json_obj_int(struct buf *b, int *first, const char *key, long long v)
{
	json_obj_key(b, first, key);
	buf_addf(b, "%lld", v);
}

void
json_obj_bool(struct buf *b, int *first, const char *key, int v)
{
	json_obj_key(b, first, key);
	buf_adds(b, v ? "true" : "false");
}

void
json_obj_time(struct buf *b, int *first, const char *key, long long t)
{
	char tmp[32];

	if (t == TIME_NONE)
		return;
	if (time_rfc3339((time_t)t, tmp, sizeof(tmp)) == -1)
		return;
	json_obj_key(b, first, key);
	json_strz(b, tmp);
}
