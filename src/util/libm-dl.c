/*
 * libm-dl.c: the math functions of SQL (acos() ... trunc()), which
 * Debian's static libsqlite3.a is built with, reach libm through here.
 * The link wraps SQLite's calls (-Wl,--wrap=acos ..., see configure.ac)
 * and libm is loaded with dlopen() on the first call.  crier's own SQL
 * calls none of them, so no command loads libm: loading it when a
 * process starts costs about 75 us, a twelfth of what `crier parse` of a
 * small feed costs in all.
 *
 * If libm cannot be loaded, every function returns NaN, which SQLite
 * gives as NULL.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#ifdef CRIER_WRAP_LIBM

#include <dlfcn.h>
#include <math.h>
#include <stddef.h>
#include <threads.h>

#define LIBM_SONAME	"libm.so.6"

static void		*lib;
static once_flag	 once = ONCE_FLAG_INIT;

static void
load(void)
{
	lib = dlopen(LIBM_SONAME, RTLD_NOW | RTLD_LOCAL);
}

/* libm's function name, NULL when libm cannot be loaded */
static void *
sym(const char *name)
{
	call_once(&once, load);
	return lib != NULL ? dlsym(lib, name) : NULL;
}

/*
 * The wrappers the linker's --wrap=NAME sends calls of NAME to.  NOTE:
 * POSIX dlsym() returns a data pointer; glibc's convert.
 */
#define WRAP1(f)	double __wrap_##f(double); \
	double __wrap_##f(double x) { \
		double (*fn)(double); \
		*(void **)&fn = sym(#f); \
		return fn != NULL ? fn(x) : NAN; \
	}
#define WRAP2(f)	double __wrap_##f(double, double); \
	double __wrap_##f(double x, double y) { \
		double (*fn)(double, double); \
		*(void **)&fn = sym(#f); \
		return fn != NULL ? fn(x, y) : NAN; \
	}

WRAP1(acos)
WRAP1(acosh)
WRAP1(asin)
WRAP1(asinh)
WRAP1(atan)
WRAP1(atanh)
WRAP1(cos)
WRAP1(cosh)
WRAP1(exp)
WRAP1(log)
WRAP1(sin)
WRAP1(sinh)
WRAP1(sqrt)
WRAP1(tan)
WRAP1(tanh)
WRAP1(trunc)
WRAP2(atan2)
WRAP2(fmod)
WRAP2(pow)

#else

/* ISO C: a translation unit is not empty */
typedef int libm_dl_unused;

#endif /* CRIER_WRAP_LIBM */
