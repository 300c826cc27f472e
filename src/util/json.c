/*
 * json.c: JSON output helpers (RFC 8259 string escaping, always valid UTF-8).
 */
#include <string.h>

#include "util/json.h"
#include "util/str.h"
#include "util/time.h"

/* 1 for the bytes copied as they are: printable ASCII but '"' and '\\' */
static const unsigned char json_plain[256] = {
	['\x20'] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* the length of the valid UTF-8 sequence at p (*p >= 0x80), 0 if none */
static inline size_t
utf8_seq(const unsigned char *p, const unsigned char *end)
{
	size_t	left = (size_t)(end - p);
	unsigned c = p[0];

	if (c >= 0xc2 && c <= 0xdf)
		return left >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (left < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0;		/* overlong */
		if (c == 0xed && p[1] >= 0xa0)
			return 0;		/* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (left < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
			return 0;		/* overlong, above U+10FFFF */
		return 4;
	}
	return 0;
}

void
json_str(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run;
	char	 esc[6];
	size_t	 n;

	/* most strings need no escape: one allocation for all of it */
	(void)buf_grow(b, len + 2);
	buf_addc(b, '"');
	while (p < end) {
		run = p;
		for (;;) {
			while (p < end && json_plain[*p])
				p++;
			if (p >= end || *p < 0x80 || (n = utf8_seq(p, end)) == 0)
				break;
			p += n;
		}
		buf_add(b, run, (size_t)(p - run));
		if (p >= end)
			break;
		if (*p >= 0x80) {
			buf_add(b, "\xef\xbf\xbd", 3);
			p++;
			continue;
		}
		switch (*p) {
		case '"':  buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			buf_add(b, esc, 6);
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
