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

/* the names and the order of fn1[] then fn2[] */
static const char *const names1[] = {
	"acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
	"exp", "log", "sin", "sinh", "sqrt", "tan", "tanh", "trunc"
};
static const char *const names2[] = { "atan2", "fmod", "pow" };

static double	(*fn1[sizeof(names1) / sizeof(names1[0])])(double);
static double	(*fn2[sizeof(names2) / sizeof(names2[0])])(double, double);
static once_flag once = ONCE_FLAG_INIT;

static void
load(void)
{
	void	*lib;
	size_t	 i;

	if ((lib = dlopen(LIBM_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return;
	/* NOTE: POSIX dlsym() returns data pointers; glibc's convert */
	for (i = 0; i < sizeof(names1) / sizeof(names1[0]); i++)
		*(void **)&fn1[i] = dlsym(lib, names1[i]);
	for (i = 0; i < sizeof(names2) / sizeof(names2[0]); i++)
		*(void **)&fn2[i] = dlsym(lib, names2[i]);
}

static double
call1(size_t i, double x)
{
	call_once(&once, load);
	return fn1[i] != NULL ? fn1[i](x) : NAN;
}

static double
call2(size_t i, double x, double y)
{
	call_once(&once, load);
	return fn2[i] != NULL ? fn2[i](x, y) : NAN;
}

/* the wrappers the linker's --wrap=NAME sends calls of NAME to */
#define WRAP1(f, i)	double __wrap_##f(double); \
	double __wrap_##f(double x) { return call1(i, x); }
#define WRAP2(f, i)	double __wrap_##f(double, double); \
	double __wrap_##f(double x, double y) { return call2(i, x, y); }

WRAP1(acos, 0)
WRAP1(acosh, 1)
WRAP1(asin, 2)
WRAP1(asinh, 3)
WRAP1(atan, 4)
WRAP1(atanh, 5)
WRAP1(cos, 6)
WRAP1(cosh, 7)
WRAP1(exp, 8)
WRAP1(log, 9)
WRAP1(sin, 10)
WRAP1(sinh, 11)
WRAP1(sqrt, 12)
WRAP1(tan, 13)
WRAP1(tanh, 14)
WRAP1(trunc, 15)
WRAP2(atan2, 0)
WRAP2(fmod, 1)
WRAP2(pow, 2)

#else

/* ISO C: a translation unit is not empty */
typedef int libm_dl_unused;

#endif /* CRIER_WRAP_LIBM */
