/*
 * store/store-body.c: an item's summary and content as they are kept in
 * the database: LZ4-compressed when that saves an eighth or more, else
 * as the text.  A compressed body is a BLOB of a format byte (1), the
 * text's length (4 bytes, little-endian) and an LZ4 block; a text one is
 * TEXT, as every crier before this one wrote it, so old rows read as
 * they are.  Readers go through crier_text() in SQL (store.c registers
 * it) or store_body_unpack().
 *
 * NOTE: bodies are most of a database (bench, 25,000 items: 115 MB of
 * 153 MB).  LZ4 halves the feeds' HTML at about 500 MB/s, in the poll's
 * fetch thread, and reads it back at several GB/s; zlib or zstd would
 * halve it a little more at two to five times the CPU.
 */
#include "config.h"

#include <lz4.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/xmalloc.h"

#define BODY_LZ4	1
#define BODY_HEAD	5		/* format byte, length */
#define BODY_MIN	128		/* shorter texts stay text */
#define BODY_MAX	(64 * 1024 * 1024)	/* the longest text kept */

/*
 * The compressor's state, one per thread: LZ4_compress_default() clears
 * 16 KiB of state for every body (as many instructions as compressing a
 * short one); LZ4_resetStream_fast() readies it for an independent
 * block without that, and the block decompresses alone as before.
 */
static __thread LZ4_stream_t	lz_state;
static __thread int		lz_ready;

int
store_body_pack(const char *s, size_t n, char **out, size_t *outn)
{
	char	*z;
	int	 bound, zn;

	*out = NULL;
	*outn = 0;
	if (s == NULL || n < BODY_MIN || n > BODY_MAX)
		return 0;
	bound = LZ4_compressBound((int)n);
	if (bound <= 0)
		return 0;
	z = xmalloc(BODY_HEAD + (size_t)bound);
	if (!lz_ready) {
		LZ4_initStream(&lz_state, sizeof(lz_state));
		lz_ready = 1;
	} else
		LZ4_resetStream_fast(&lz_state);
	zn = LZ4_compress_fast_continue(&lz_state, s, z + BODY_HEAD, (int)n,
	    bound, 1);
	/* not worth a decompression on every read */
	if (zn <= 0 || (size_t)zn + BODY_HEAD > n - n / 8) {
		free(z);
		return 0;
	}
	z[0] = BODY_LZ4;
	z[1] = (char)(n & 0xff);
	z[2] = (char)((n >> 8) & 0xff);
	z[3] = (char)((n >> 16) & 0xff);
	z[4] = (char)((n >> 24) & 0xff);
	*out = z;
	*outn = BODY_HEAD + (size_t)zn;
	return 1;
}

int
store_body_unpack(const void *blob, size_t n, char **out, size_t *outn)
{
	const unsigned char	*b = blob;
	size_t			 len;
	char			*t;

	*out = NULL;
	*outn = 0;
	if (n < BODY_HEAD || b[0] != BODY_LZ4 || n - BODY_HEAD > INT32_MAX)
		return -1;
	len = (size_t)b[1] | (size_t)b[2] << 8 | (size_t)b[3] << 16 |
	    (size_t)b[4] << 24;
	if (len > BODY_MAX)
		return -1;
	t = xmalloc(len + 1);
	if (LZ4_decompress_safe((const char *)b + BODY_HEAD, t,
	    (int)(n - BODY_HEAD), (int)len) != (int)len ||
	    memchr(t, '\0', len) != NULL) {
		free(t);
		return -1;
	}
	t[len] = '\0';
	*out = t;
	*outn = len;
	return 0;
}

const char *
store_value_text(sqlite3_value *v, char **tofree, int *len)
{
	char	*t;
	size_t	 n;

	*tofree = NULL;
	if (sqlite3_value_type(v) != SQLITE_BLOB) {
		t = (char *)sqlite3_value_text(v);
		*len = sqlite3_value_bytes(v);
		return t;
	}
	if (store_body_unpack(sqlite3_value_blob(v),
	    (size_t)sqlite3_value_bytes(v), &t, &n) == -1)
		return NULL;
	*tofree = t;
	*len = (int)n;
	return t;
}

/* crier_text(body): the text of a body as store_body_pack() kept it */
void
store_text_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*t;
	char		*tofree;
	int		 n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	if ((t = store_value_text(argv[0], &tofree, &n)) == NULL) {
		sqlite3_result_error(ctx, "crier_text: a damaged body", -1);
		return;
	}
	sqlite3_result_text(ctx, tofree, n, free);
}
