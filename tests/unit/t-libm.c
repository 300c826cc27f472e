/*
 * t-libm.c: SQL's math functions, which reach libm through
 * src/util/libm-dl.c when SQLite is linked statically: every wrapped
 * function gives libm's answer (checked on values whose results are
 * known), and a NULL argument still gives NULL.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "../tap.h"

static const struct {
	const char	*expr;
	double		 want;
} cases[] = {
	{ "acos(1)", 0.0 },
	{ "acosh(1)", 0.0 },
	{ "asin(1)", 1.5707963267948966 },
	{ "asinh(0)", 0.0 },
	{ "atan(1)", 0.7853981633974483 },
	{ "atanh(0.5)", 0.5493061443340549 },
	{ "cos(0)", 1.0 },
	{ "cosh(0)", 1.0 },
	{ "exp(1)", 2.718281828459045 },
	{ "ln(exp(2))", 2.0 },
	{ "log10(1000)", 3.0 },
	{ "sin(pi() / 2)", 1.0 },
	{ "sinh(0)", 0.0 },
	{ "sqrt(2)", 1.4142135623730951 },
	{ "tan(pi() / 4)", 1.0 },
	{ "tanh(0)", 0.0 },
	{ "trunc(-2.7)", -2.0 },
	{ "atan2(1, 1)", 0.7853981633974483 },
	{ "mod(7.5, 2)", 1.5 },
	{ "pow(2, 10)", 1024.0 },
};

static double
eval(sqlite3 *db, const char *expr, int *type)
{
	sqlite3_stmt	*st;
	char		 sql[128];
	double		 v = 0;

	*type = -1;
	snprintf(sql, sizeof(sql), "SELECT %s", expr);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*type = sqlite3_column_type(st, 0);
		v = sqlite3_column_double(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

int
main(void)
{
	sqlite3	*db;
	size_t	 i;
	double	 v, d;
	int	 type;

	if (!sqlite3_compileoption_used("ENABLE_MATH_FUNCTIONS")) {
		printf("1..0 # SKIP SQLite built without math functions\n");
		return 0;
	}
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = eval(db, cases[i].expr, &type);
		d = v - cases[i].want;
		ok(type == SQLITE_FLOAT && d < 1e-12 && d > -1e-12,
		    "%s = %.17g (got %.17g)", cases[i].expr, cases[i].want, v);
	}
	eval(db, "sqrt(NULL)", &type);
	is_int(type, SQLITE_NULL, "sqrt(NULL) is NULL");
	sqlite3_close(db);
	return done_testing();
}
