/*
 * tests/fuzz/fuzz.h: what every libFuzzer target shares.
 */
#ifndef CRIER_FUZZ_H
#define CRIER_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * A malloc'd copy of data[0..size), exactly sized so that AddressSanitizer
 * sees any read past its end: with nul, a C string (size + 1 bytes, the
 * last one NUL); without, the bytes alone, as fetch hands a body over.
 * NULL when out of memory.
 */
static inline char *
fuzz_copy(const uint8_t *data, size_t size, int nul)
{
	char	*s;

	if ((s = malloc(size + (nul || size == 0 ? 1 : 0))) == NULL)
		return NULL;
	memcpy(s, data, size);
	if (nul)
		s[size] = '\0';
	return s;
}

#endif
