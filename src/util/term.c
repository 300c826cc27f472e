/*
 * term.c: terminal detection, display widths and aligned columns (see
 * term.h).  Widths come from wcwidth() under the user's locale (so a
 * terminal and crier agree on them); where the locale knows nothing of
 * a character (C, POSIX: wcwidth() gives -1) a small table of the wide
 * and zero-width ranges of Unicode's East Asian Width and general
 * categories stands in.  Text inside crier is UTF-8 whatever the locale.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "util/str.h"
#include "util/term.h"
#include "util/xmalloc.h"

#define TERM_SEP	2	/* spaces between columns */

struct range {
	uint32_t lo, hi;
};

/* combining marks, zero-width and format characters */
static const struct range zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061c }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x0900, 0x0902 }, { 0x093c, 0x093c }, { 0x0941, 0x0948 },
	{ 0x094d, 0x094d }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x2069 },
	{ 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0xe0001, 0xe007f }, { 0xe0100, 0xe01ef },
};

/* East Asian Wide and Fullwidth, emoji presentation */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18aff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f251 }, { 0x1f300, 0x1f64f }, { 0x1f680, 0x1f6ff },
	{ 0x1f900, 0x1f9ff }, { 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

static int
in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > r[mid].hi)
			lo = mid + 1;
		else if (cp < r[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int
term_isatty(int fd)
{
	return isatty(fd);
}

int
term_columns(int fd)
{
	struct winsize	 ws;
	const char	*env = getenv("COLUMNS");
	char		*ep;
	long		 n;

	if (env && *env) {
		n = strtol(env, &ep, 10);
		if (*ep == '\0' && n > 0 && n <= 10000)
			return (int)n;
	}
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int
term_color(int fd)
{
	const char *nc = getenv("NO_COLOR"), *t = getenv("TERM");

	/* https://no-color.org: set and not empty turns colour off */
	if (nc && *nc)
		return 0;
	if (t && strcmp(t, "dumb") == 0)
		return 0;
	return isatty(fd);
}

int
term_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x7f)
		return cp >= 0x20;
	if (cp < 0xa0)
		return 0;
	if ((w = wcwidth((wchar_t)cp)) >= 0)
		return w;
	if (in_ranges(cp, zero, nitems(zero)))
		return 0;
	return in_ranges(cp, wide, nitems(wide)) ? 2 : 1;
}

/* the code point at p (n its bytes, 1 for ASCII or an invalid byte) */
static uint32_t
decode(const unsigned char *p, size_t len, size_t *n)
{
	size_t k = p[0] < 0x80 ? 1 : utf8_seq(p, len);

	*n = k ? k : 1;
	switch (k) {
	case 1:
		return p[0];
	case 2:
		return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	case 3:
		return (uint32_t)(p[0] & 0x0f) << 12 |
		    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	case 4:
		return (uint32_t)(p[0] & 0x07) << 18 |
		    (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	}
	return 0xfffd;		/* shown as U+FFFD: one column */
}

size_t
term_width(const char *s, size_t len)
{
	size_t used;

	term_cut(s, len, (size_t)-1, &used);
	return used;
}

size_t
term_cut(const char *s, size_t len, size_t cols, size_t *used)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, col = 0;
	int			 w;

	while (i < len) {
		/* NOTE: printable ASCII, most of it: a column a byte */
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			if (col == cols)
				break;
			col++;
			i++;
			continue;
		}
		w = term_cp_width(decode(p + i, len - i, &n));
		if (col + (size_t)w > cols)
			break;
		col += (size_t)w;
		i += n;
	}
	if (used)
		*used = col;
	return i;
}

size_t
term_fit(struct buf *out, const char *s, size_t len, size_t cols)
{
	size_t n, used;

	n = term_cut(s, len, cols, &used);
	if (n == len) {
		buf_add(out, s, len);
		return used;
	}
	if (cols == 0)
		return 0;
	/* room for the ellipsis: one column */
	n = term_cut(s, len, cols - 1, &used);
	buf_add(out, s, n);
	buf_adds(out, "\xe2\x80\xa6");
	return used + 1;
}

void
term_date(char *out, size_t len, time_t t)
{
	struct tm tm;

	if (len == 0)
		return;
	out[0] = '\0';
	if (localtime_r(&t, &tm) == NULL)
		return;
	/* NOTE: %Z is the zone's abbreviation, or its offset where the
	 * zone has none ("+03") */
	if (strftime(out, len, "%Y-%m-%d %H:%M %Z", &tm) == 0)
		out[0] = '\0';
}

/* ---- aligned columns ---- */

void
term_table_init(struct term_table *t, const struct term_col *cols,
    size_t ncols, size_t width, int color)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols;
	t->width = width;
	t->color = color;
	t->w = xcalloc(ncols, sizeof(*t->w));
}

/* a cell made safe for the terminal, on one line; a note keeps its
 * TERM_BOLD_ON and TERM_BOLD_OFF marks (str_term_safe() drops them) */
static char *
cell_clean(const char *s, int note)
{
	struct buf	 b = BUF_INIT;
	const char	*q;
	size_t		 i;

	while (s && *s) {
		q = s;
		while (*q && !(note && (*q == TERM_BOLD_ON ||
		    *q == TERM_BOLD_OFF)))
			q++;
		str_term_safe(&b, s, (size_t)(q - s));
		if (*q)
			buf_addc(&b, *q++);
		s = q;
	}
	for (i = 0; i < b.len; i++)
		if (b.s[i] == '\t' || b.s[i] == '\n')
			b.s[i] = ' ';
	return buf_detach(&b, NULL);
}

/* the widths from the held rows: natural, bounded, then shrunk to fit */
static void
table_fix(struct term_table *t)
{
	size_t	i, r, w, total = 0, excess, take;

	for (i = 0; i < t->ncols; i++) {
		for (r = 0; r < t->nheld; r++) {
			if (t->heldnote[r])
				continue;
			w = term_width(t->held[r * t->ncols + i],
			    strlen(t->held[r * t->ncols + i]));
			if (w > t->w[i])
				t->w[i] = w;
		}
		if (t->cols[i].max && t->w[i] > t->cols[i].max)
			t->w[i] = t->cols[i].max;
		total += t->w[i] + (i ? TERM_SEP : 0);
	}
	excess = total > t->width ? total - t->width : 0;
	for (i = t->ncols; i-- > 0 && excess > 0;) {
		if (!(t->cols[i].flags & TERM_COL_SHRINK) ||
		    t->w[i] <= t->cols[i].min)
			continue;
		take = t->w[i] - t->cols[i].min;
		if (take > excess)
			take = excess;
		t->w[i] -= take;
		excess -= take;
	}
	t->fixed = 1;
}

static void
sgr_on(struct buf *out, const char *row, const char *col)
{
	if (row == NULL && col == NULL)
		return;
	buf_adds(out, "\033[");
	if (row)
		buf_adds(out, row);
	if (row && col)
		buf_addc(out, ';');
	if (col)
		buf_adds(out, col);
	buf_addc(out, 'm');
}

static void
table_line(struct term_table *t, struct buf *out, char *const *cells,
    const char *rowsgr)
{
	const struct term_col	*c;
	struct buf		 cell = BUF_INIT;
	size_t			 i, used, pad, last = t->ncols - 1;
	const char		*csgr;

	for (i = 0; i < t->ncols; i++) {
		c = &t->cols[i];
		buf_reset(&cell);
		/* NOTE: only text is cut: an id or a count overflows whole */
		if (c->flags & TERM_COL_SHRINK || c->max)
			used = term_fit(&cell, cells[i], strlen(cells[i]),
			    t->w[i]);
		else {
			buf_adds(&cell, cells[i]);
			used = term_width(cell.s, cell.len);
		}
		pad = t->w[i] > used ? t->w[i] - used : 0;
		if (i)
			buf_add(out, "  ", TERM_SEP);
		if (c->flags & TERM_COL_RIGHT)
			while (pad-- > 0)
				buf_addc(out, ' ');
		csgr = t->color ? c->sgr : NULL;
		if (t->color)
			sgr_on(out, rowsgr, csgr);
		buf_add(out, cell.s, cell.len);
		if (t->color && (rowsgr || csgr))
			buf_adds(out, "\033[m");
		/* NOTE: no trailing blanks after the last column */
		if (!(c->flags & TERM_COL_RIGHT) && i != last)
			while (pad-- > 0)
				buf_addc(out, ' ');
	}
	buf_addc(out, '\n');
	buf_release(&cell);
}

/* a note: indented, cut to the width, its marks bold in colour */
static void
note_line(struct term_table *t, struct buf *out, const char *text,
    const char *rowsgr)
{
	struct buf	 cell = BUF_INIT;
	size_t		 i, cols;
	int		 bold = 0;

	cols = t->width > TERM_NOTE_INDENT ? t->width - TERM_NOTE_INDENT : 1;
	/* NOTE: the marks are controls: term_fit() counts them no column */
	term_fit(&cell, text, strlen(text), cols);
	buf_addf(out, "%*s", TERM_NOTE_INDENT, "");
	if (t->color)
		sgr_on(out, rowsgr, NULL);
	for (i = 0; i < cell.len; i++) {
		if (cell.s[i] != TERM_BOLD_ON && cell.s[i] != TERM_BOLD_OFF)
			buf_addc(out, cell.s[i]);
		else if (!t->color || bold == (cell.s[i] == TERM_BOLD_ON))
			continue;
		else if ((bold = cell.s[i] == TERM_BOLD_ON))
			buf_adds(out, "\033[1m");
		else {
			buf_adds(out, "\033[m");
			sgr_on(out, rowsgr, NULL);
		}
	}
	/* NOTE: a cut may leave the bold on */
	if (t->color && (rowsgr || bold))
		buf_adds(out, "\033[m");
	buf_addc(out, '\n');
	buf_release(&cell);
}

static void
row_line(struct term_table *t, struct buf *out, char *const *cells,
    const char *sgr, int note)
{
	if (note)
		note_line(t, out, cells[0], sgr);
	else
		table_line(t, out, cells, sgr);
}

static void
free_cells(char **cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(cells[i]);
}

/* a row (note: a note, its text the first cell) written or held */
static void
table_row(struct term_table *t, struct buf *out, const char *const *cells,
    const char *sgr, int note)
{
	char	**row;
	size_t	  i, n = note ? 1 : t->ncols;

	if (t->fixed) {
		row = xcalloc(t->ncols, sizeof(*row));
		for (i = 0; i < n; i++)
			row[i] = cell_clean(cells[i], note);
		row_line(t, out, row, sgr, note);
		free_cells(row, t->ncols);
		free(row);
		return;
	}
	if (t->held == NULL) {
		t->held = xcalloc(TERM_TABLE_HOLD * t->ncols,
		    sizeof(*t->held));
		t->heldsgr = xcalloc(TERM_TABLE_HOLD, sizeof(*t->heldsgr));
		t->heldnote = xcalloc(TERM_TABLE_HOLD, 1);
	}
	row = t->held + t->nheld * t->ncols;
	for (i = 0; i < n; i++)
		row[i] = cell_clean(cells[i], note);
	t->heldsgr[t->nheld] = sgr;
	t->heldnote[t->nheld++] = (char)note;
	if (t->nheld == TERM_TABLE_HOLD)
		term_table_flush(t, out);
}

void
term_table_add(struct term_table *t, struct buf *out,
    const char *const *cells, const char *sgr)
{
	table_row(t, out, cells, sgr, 0);
}

void
term_table_note(struct term_table *t, struct buf *out, const char *text,
    const char *sgr)
{
	table_row(t, out, &text, sgr, 1);
}

void
term_table_flush(struct term_table *t, struct buf *out)
{
	size_t r;

	if (!t->fixed)
		table_fix(t);
	for (r = 0; r < t->nheld; r++) {
		row_line(t, out, t->held + r * t->ncols, t->heldsgr[r],
		    t->heldnote[r]);
		free_cells(t->held + r * t->ncols, t->ncols);
	}
	t->nheld = 0;
}

void
term_table_release(struct term_table *t)
{
	if (t->held)
		free_cells(t->held, t->nheld * t->ncols);
	free(t->held);
	free(t->heldsgr);
	free(t->heldnote);
	free(t->w);
	memset(t, 0, sizeof(*t));
}
