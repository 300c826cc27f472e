/*
 * term.h: output a person reads on a terminal: is stdout one, its width,
 * whether to colour, the display width of UTF-8 text (wide characters
 * two columns, combining ones none) and aligned columns fitted to a
 * width.  list and tags use it on a terminal, so can feeds and search;
 * piped, they print their stable tab-separated form instead.
 */
#ifndef CRIER_TERM_H
#define CRIER_TERM_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"

/* 1 when fd is a terminal */
int	term_isatty(int fd);
/* the terminal's columns: $COLUMNS when a positive number, else the
 * window size of fd (TIOCGWINSZ), else 80 */
int	term_columns(int fd);
/* colour on fd: a terminal, NO_COLOR unset or empty, TERM not "dumb" */
int	term_color(int fd);

/*
 * Columns code point cp takes: wcwidth() under the user's locale, else
 * (a locale that does not know it: C, POSIX) a built-in guess: 2 for
 * East Asian wide and emoji, 0 for combining marks and zero-width
 * characters, 1 otherwise.  Controls are 0 (str_term_safe() drops them).
 */
int	term_cp_width(uint32_t cp);
/* display columns of s[0..len) (UTF-8; an invalid byte counts one) */
size_t	term_width(const char *s, size_t len);
/*
 * Bytes of the longest prefix of s[0..len) that takes at most cols
 * columns (never cutting a character; combining marks stay with the
 * character before), its columns in *used (may be NULL).
 */
size_t	term_cut(const char *s, size_t len, size_t cols, size_t *used);
/*
 * Appends s[0..len) in at most cols columns: whole when it fits, else
 * cut with an ellipsis ("…") as its last column.  Returns the columns
 * appended.
 */
size_t	term_fit(struct buf *out, const char *s, size_t len, size_t cols);
/* "YYYY-MM-DD HH:MM ZONE" in the local time zone (TZ), the zone's
 * abbreviation (or offset) shown; "" when t does not convert */
void	term_date(char *out, size_t len, time_t t);

/* ---- aligned columns ---- */
enum term_col_flags {
	TERM_COL_RIGHT	= 1 << 0,	/* aligned right (numbers) */
	TERM_COL_SHRINK	= 1 << 1,	/* cut (with an ellipsis) when the
					 * rows are wider than the terminal;
					 * the last such column first */
};

struct term_col {
	int		 flags;
	size_t		 min;		/* a SHRINK column keeps this much */
	size_t		 max;		/* never wider; 0: no bound */
	const char	*sgr;		/* SGR parameters ("36", "2") when
					 * in colour; NULL: plain */
};

/* rows held to measure the columns before the first is written */
#define TERM_TABLE_HOLD	256

struct term_table {
	const struct term_col	*cols;
	size_t			 ncols;
	size_t			 width;		/* of the terminal */
	int			 color;
	size_t			*w;		/* the columns' widths */
	char			**held;		/* ncols cells a row */
	const char		**heldsgr;	/* a row's SGR, or NULL */
	char			*heldnote;	/* 1: a note, in cell 0 */
	size_t			 nheld;
	int			 fixed;		/* widths set: rows stream */
};

/*
 * Sets up a table of ncols columns (cols is borrowed) for a terminal
 * width columns wide, coloured when color.  The first TERM_TABLE_HOLD
 * rows set the widths (natural widths, then the SHRINK columns cut from
 * the last until the rows fit); later rows are cut to them, so the first
 * line comes without reading everything and memory stays bounded.
 */
void	term_table_init(struct term_table *, const struct term_col *cols,
	    size_t ncols, size_t width, int color);
/*
 * Adds a row of ncols cells (NULL is empty).  Cells are made
 * terminal-safe (str_term_safe()), tabs and newlines become spaces.
 * sgr (static, e.g. "1" for bold) applies to the whole row in colour.
 * Lines go to out once the widths are set.
 */
void	term_table_add(struct term_table *, struct buf *out,
	    const char *const *cells, const char *sgr);
/* in a note, the text between these is bold (in colour) */
#define TERM_BOLD_ON	'\x01'
#define TERM_BOLD_OFF	'\x02'
/* columns a note is indented by */
#define TERM_NOTE_INDENT	4

/*
 * Adds a note under the last row: a line of its own, indented, cut (with
 * an ellipsis) to the terminal's width; it sets no column's width (a
 * feed's error, a search excerpt).  Made terminal-safe as a cell is,
 * TERM_BOLD_ON ... TERM_BOLD_OFF kept as bold in colour.  sgr as a row's.
 */
void	term_table_note(struct term_table *, struct buf *out,
	    const char *text, const char *sgr);
/* writes the rows still held (the widths are set from them) */
void	term_table_flush(struct term_table *, struct buf *out);
void	term_table_release(struct term_table *);

#endif
