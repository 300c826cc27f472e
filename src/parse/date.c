/*
 * date.c: feed date strings -> UTC time_t.
 *
 * Two readers share the work.  iso_parse() is strict: it takes the whole of
 * an ISO 8601 / RFC 3339 / W3CDTF string (extended and basic forms, ordinal
 * dates, 2-digit-year and truncated forms, fractions, 'T' or space) and
 * anything else makes it give up.  tok_parse() is forgiving: it splits the
 * string into numbers, words and punctuation and fills year, month, day,
 * time and zone from what it sees, which covers RFC 822/2822 (with or
 * without weekday, 2- and 4-digit years, named, numeric and military zones),
 * asctime, and what real feeds write instead (missing commas, "Sept",
 * "GMT-01:01", trailing "(PST)", "2006/09/15", localized day and month names
 * in a dozen languages, Korean and CJK year/month/day markers).
 *
 * A string neither reader accepts, a field out of range (day 31 in April,
 * minute 61, zone -99:99) or an unknown word make date_parse() fail: a date
 * is never guessed and never replaced by "now".  No TZ, no locale, no
 * allocation; years 0000-9999 only (util/time.h).
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "parse/date.h"
#include "util/str.h"
#include "util/time.h"

#define DATE_MAX	256	/* longer strings are no dates */
#define TOK_MAX		64
#define WORD_MAX	48	/* folded word, bytes */

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

struct dt {
	int	year, mon, day;		/* -1 when not seen */
	int	hour, min, sec;		/* hour -1 when no time */
	int	zone;			/* minutes east of UTC */
	int	has_zone;
	int	zone_addable;		/* GMT/UTC seen: a numeric offset adds */
	int	def_zone;		/* default zone when none given */
};

/* ---- shared helpers ---- */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && is_leap(y))
		return 29;
	return d[m - 1];
}

/* RFC 2822 4.3: a 2-digit year below 50 is 20YY, otherwise 19YY */
static int
year2(int y)
{
	return y < 50 ? 2000 + y : 1900 + y;
}

static int
dt_finish(const struct dt *d, time_t *out)
{
	time_t	t, lo, hi;
	int	hour = d->hour, min = d->min, sec = d->sec, zone;

	if (d->year < 0 || d->year > 9999 || d->mon < 1 || d->mon > 12)
		return -1;
	if (d->day < 1 || d->day > mdays(d->year, d->mon))
		return -1;
	if (hour < 0) {
		hour = 0;
		min = 0;
		sec = 0;
	}
	/* ISO 8601 allows 24:00:00 for the end of a day; leap second 60 */
	if (hour > 24 || (hour == 24 && (min != 0 || sec != 0)))
		return -1;
	if (min < 0 || min > 59 || sec < 0 || sec > 60)
		return -1;
	zone = d->has_zone ? d->zone : d->def_zone;
	if (zone < -24 * 60 || zone > 24 * 60)
		return -1;
	if (time_from_utc(d->year, d->mon, d->day, hour, min, sec, &t) == -1)
		return -1;
	t -= (time_t)zone * 60;
	if (time_from_utc(0, 1, 1, 0, 0, 0, &lo) == -1 ||
	    time_from_utc(9999, 12, 31, 23, 59, 59, &hi) == -1)
		return -1;
	if (t < lo || t > hi)
		return -1;
	*out = t;
	return 0;
}

static void
dt_init(struct dt *d)
{
	d->year = d->mon = d->day = -1;
	d->hour = -1;
	d->min = d->sec = 0;
	d->zone = 0;
	d->has_zone = 0;
	d->zone_addable = 0;
	d->def_zone = 0;
}


/* ---- words: folding and tables ---- */

/*
 * Folds a word for lookup: ASCII lower case, Latin-1 and Hungarian accents
 * dropped ("März" -> "marz", "július" -> "julius"), Greek lower-cased
 * without tonos ("Ιούλ" -> "ιουλ"), Cyrillic lower-cased.  Other bytes are
 * copied.  -1 if it does not fit.
 */
static int
fold_word(const unsigned char *p, size_t len, char *out, size_t outsz)
{
	/* Latin-1 U+00C0..U+00FF -> base letter, 0 to keep the bytes */
	static const char latin[] =
	    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
	    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";
	size_t	i, o = 0;

#define PUT(c) do { if (o + 1 >= outsz) return -1; out[o++] = (char)(c); } \
	while (0)
	for (i = 0; i < len; i++) {
		unsigned char c = p[i], c2 = i + 1 < len ? p[i + 1] : 0;

		if (c < 0x80) {
			PUT(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		if (c == 0xc3 && c2 >= 0x80 && c2 <= 0xbf &&
		    latin[c2 - 0x80] != '\0') {
			PUT(latin[c2 - 0x80]);
			i++;
			continue;
		}
		if (c == 0xc5 && (c2 == 0x90 || c2 == 0x91)) {	/* Őő */
			PUT('o');
			i++;
			continue;
		}
		if (c == 0xc5 && (c2 == 0xb0 || c2 == 0xb1)) {	/* Űű */
			PUT('u');
			i++;
			continue;
		}
		if (c == 0xce || c == 0xcf) {
			unsigned cp = ((c & 0x1fu) << 6) | (c2 & 0x3fu);

			/* Greek: drop tonos and dialytika, then lower case */
			switch (cp) {
			case 0x386: case 0x3ac: cp = 0x3b1; break;
			case 0x388: case 0x3ad: cp = 0x3b5; break;
			case 0x389: case 0x3ae: cp = 0x3b7; break;
			case 0x38a: case 0x3af: case 0x390: case 0x3ca:
			case 0x3aa: cp = 0x3b9; break;
			case 0x38c: case 0x3cc: cp = 0x3bf; break;
			case 0x38e: case 0x3cd: case 0x3b0: case 0x3cb:
			case 0x3ab: cp = 0x3c5; break;
			case 0x38f: case 0x3ce: cp = 0x3c9; break;
			case 0x3c2: cp = 0x3c3; break;
			default:
				if (cp >= 0x391 && cp <= 0x3a9)
					cp += 0x20;
			}
			if (c2 < 0x80 || c2 > 0xbf)
				return -1;
			PUT(0xc0 | (cp >> 6));
			PUT(0x80 | (cp & 0x3f));
			i++;
			continue;
		}
		if (c == 0xd0 && c2 >= 0x80 && c2 <= 0xaf) {
			unsigned cp = ((c & 0x1fu) << 6) | (c2 & 0x3fu);

			if (cp == 0x401)		/* Ё */
				cp = 0x435;
			else if (cp >= 0x410)
				cp += 0x20;
			PUT(0xc0 | (cp >> 6));
			PUT(0x80 | (cp & 0x3f));
			i++;
			continue;
		}
		if (c == 0xd1 && c2 == 0x91) {		/* ё */
			PUT(0xd0);
			PUT(0xb5);
			i++;
			continue;
		}
		PUT(c);
	}
	if (o == 0)
		return -1;
	out[o] = '\0';
	return 0;
#undef PUT
}

/*
 * Full month names in folded form, index % 12 is the month.  A word matches
 * a month when it is a prefix of at least three letters of one of these
 * ("Sept", "janv", "Febr", "dic") or listed in month_abbr.
 */
static const char *const month_names[] = {
	/* English */
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	/* German */
	"januar", "februar", "marz", "april", "mai", "juni", "juli",
	"august", "september", "oktober", "november", "dezember",
	/* French */
	"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
	"aout", "septembre", "octobre", "novembre", "decembre",
	/* Spanish */
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
	/* Italian */
	"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
	"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
	/* Portuguese */
	"janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho",
	"agosto", "setembro", "outubro", "novembro", "dezembro",
	/* Dutch */
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december",
	/* Swedish, Danish, Norwegian */
	"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "desember",
	/* Hungarian */
	"januar", "februar", "marcius", "aprilis", "majus", "junius",
	"julius", "augusztus", "szeptember", "oktober", "november",
	"december",
	/* Polish (genitive, as in dates) */
	"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
	"lipca", "sierpnia", "wrzesnia", "pazdziernika", "listopada",
	"grudnia",
	/* Greek, genitive and nominative */
	"ιανουαριου", "φεβρουαριου", "μαρτιου", "απριλιου", "μαιου",
	"ιουνιου", "ιουλιου", "αυγουστου", "σεπτεμβριου", "οκτωβριου",
	"νοεμβριου", "δεκεμβριου",
	"ιανουαριος", "φεβρουαριος", "μαρτιος", "απριλιος", "μαιος",
	"ιουνιος", "ιουλιος", "αυγουστος", "σεπτεμβριος", "οκτωβριος",
	"νοεμβριος", "δεκεμβριος",
	/* Russian, genitive and nominative */
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	"августа", "сентября", "октября", "ноября", "декабря",
	"январь", "февраль", "март", "апрель", "май", "июнь", "июль",
	"август", "сентябрь", "октябрь", "ноябрь", "декабрь",
};

/* abbreviations that are no prefix of a name above */
static const struct {
	const char	*name;
	int		 mon;
} month_abbr[] = {
	{ "mrz", 3 }, { "maerz", 3 }, { "mrt", 3 }, { "jaen", 1 },
	{ "ιον", 6 }, { "ιολ", 7 }, { "μαω", 5 }, { "νοε", 11 },
	{ "sty", 1 }, { "lut", 2 }, { "kwi", 4 }, { "cze", 6 }, { "lip", 7 },
	{ "sie", 8 }, { "wrz", 9 }, { "paz", 10 }, { "lis", 11 },
	{ "gru", 12 },
};

/* weekday names (folded); matched like months, but never used */
static const char *const wday_names[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday",
	"sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
	"samstag", "sonnabend",
	"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
	"samedi",
	"domingo", "lunes", "martes", "miercoles", "jueves", "viernes",
	"sabado",
	"domenica", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi",
	"segunda", "terca", "quarta", "quinta", "sexta",
	"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
	"zaterdag",
	"sondag", "mandag", "tisdag", "tirsdag", "onsdag", "torsdag",
	"fredag", "lordag", "sondag",
	"vasarnap", "hetfo", "kedd", "szerda", "csutortok", "pentek",
	"szombat",
	"niedziela", "poniedzialek", "wtorek", "sroda", "czwartek", "piatek",
	"sobota",
	"κυριακη", "δευτερα", "τριτη", "τεταρτη", "πεμπτη", "παρασκευη",
	"σαββατο",
	"воскресенье", "понедельник", "вторник", "среда", "четверг",
	"пятница", "суббота",
};

/* short weekday forms too short or odd for prefix matching */
static const char *const wday_abbr[] = {
	"mo", "di", "mi", "do", "fr", "sa", "so", "lu", "ma", "me", "je",
	"ve", "ju", "vi", "sab", "sze", "cs", "szo", "pn", "wt", "sr", "cz",
	"nd", "вс", "пн", "вт", "ср", "чт", "пт", "сб",
	/* Greek 3-letter day abbreviations ("Κυρ") */
	"κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ",
};

/* named zones, minutes east of UTC */
static const struct {
	const char	*name;
	int		 off;
} zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "west", 60 }, { "bst", 60 }, { "ist", 330 },
	{ "cet", 60 }, { "cest", 120 }, { "met", 60 }, { "mest", 120 },
	{ "mez", 60 }, { "mesz", 120 }, { "eet", 120 }, { "eest", 180 },
	{ "msk", 180 }, { "msd", 240 },
	{ "est", -300 }, { "edt", -240 }, { "et", -300 },
	{ "cst", -360 }, { "cdt", -300 }, { "ct", -360 },
	{ "mst", -420 }, { "mdt", -360 }, { "mt", -420 },
	{ "pst", -480 }, { "pdt", -420 }, { "pt", -480 },
	{ "ast", -240 }, { "adt", -180 }, { "at", -240 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 },
	{ "nst", -210 }, { "ndt", -150 },
	{ "brt", -180 }, { "art", -180 }, { "clt", -240 },
	{ "wib", 420 }, { "ict", 420 }, { "hkt", 480 }, { "sgt", 480 },
	{ "pht", 480 }, { "awst", 480 }, { "jst", 540 }, { "kst", 540 },
	{ "acst", 570 }, { "aest", 600 }, { "aedt", 660 },
	{ "nzst", 720 }, { "nzdt", 780 },
};

/* words that carry nothing ("15 de marzo de 2004", "am 5. März um") */
static const char *const fillers[] = {
	"of", "the", "on", "at", "de", "del", "d", "le", "la", "el", "den", "der",
	"um", "uhr", "a", "as", "las", "alle", "kl", "klo", "etc", "feira",
	"y", "et", "г", "года",
};

/* ordinal suffixes straight after a number: "4th", "1er", "2º" */
static const char *const ordinals[] = {
	"st", "nd", "rd", "th", "er", "e", "eme", "re", "\xc2\xba",
	"\xc2\xaa",
};

enum wkind {
	W_NONE	= 0,
	W_MONTH	= 1 << 0,
	W_WDAY	= 1 << 1,
	W_ZONE	= 1 << 2,
	W_AM	= 1 << 3,
	W_PM	= 1 << 4,
	W_FILL	= 1 << 5,
	W_ORD	= 1 << 6,
	W_YMARK	= 1 << 7,	/* 년 年: the number before is the year */
	W_MMARK	= 1 << 8,
	W_DMARK	= 1 << 9,
	W_KOREAN = 1 << 10,	/* default zone KST */
	W_JAPAN	= 1 << 11,	/* default zone JST */
	W_CHINA	= 1 << 12,	/* default zone UTC+8 */
};

/* the meridiems and the CJK marks of a year, month and day */
static const struct {
	const char	*name;
	int		 kind;
} marks[] = {
	{ "am", W_AM }, { "pm", W_PM },
	{ "오전", W_AM | W_KOREAN }, { "오후", W_PM | W_KOREAN },
	{ "午前", W_AM | W_JAPAN }, { "午後", W_PM | W_JAPAN },
	{ "上午", W_AM | W_CHINA }, { "下午", W_PM | W_CHINA },
	{ "년", W_YMARK | W_KOREAN }, { "월", W_MMARK | W_KOREAN },
	{ "일", W_DMARK | W_KOREAN },
	{ "年", W_YMARK }, { "月", W_MMARK }, { "日", W_DMARK },
};

static int
in_list(const char *w, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

/* a word is a name's prefix when it has at least 3 characters */
static int
long_enough(const char *w, size_t wl)
{
	size_t	chars = 0, i;

	for (i = 0; i < wl; i++)
		if (((unsigned char)w[i] & 0xc0) != 0x80)
			chars++;
	return chars >= 3;
}

/* w (long_enough()) is a prefix of name */
static int
prefix_of(const char *w, size_t wl, const char *name)
{
	return w[0] == name[0] && strncmp(w, name, wl) == 0;
}

static int
word_lookup_slow(const char *w, int *mon, int *zone)
{
	size_t	i, wl = strlen(w);
	int	kind = W_NONE, m = 0, long3 = long_enough(w, wl);

	for (i = 0; i < nitems(zones); i++)
		if (w[0] == zones[i].name[0] &&
		    strcmp(w, zones[i].name) == 0) {
			*zone = zones[i].off;
			kind |= W_ZONE;
		}
	/* RFC 822 military zones: A-I -1..-9, K-M -10..-12, N-Y +1..+12 */
	if (wl == 1 && w[0] >= 'a' && w[0] <= 'y' && w[0] != 'j') {
		int c = w[0];

		*zone = 60 * (c <= 'i' ? -(c - 'a' + 1) :
		    c <= 'm' ? -(c - 'a') : c - 'm');
		kind |= W_ZONE;
	}
	for (i = 0; long3 && i < nitems(month_names); i++)
		if (prefix_of(w, wl, month_names[i])) {
			int mm = (int)(i % 12) + 1;

			if (m != 0 && m != mm)
				return W_NONE;	/* "ju": June or July */
			m = mm;
		}
	for (i = 0; m == 0 && i < nitems(month_abbr); i++)
		if (strcmp(w, month_abbr[i].name) == 0)
			m = month_abbr[i].mon;
	if (m != 0) {
		*mon = m;
		kind |= W_MONTH;
	}
	for (i = 0; long3 && i < nitems(wday_names); i++)
		if (prefix_of(w, wl, wday_names[i]))
			kind |= W_WDAY;
	if (in_list(w, wday_abbr, nitems(wday_abbr)))
		kind |= W_WDAY;
	for (i = 0; i < nitems(marks); i++)
		if (strcmp(w, marks[i].name) == 0)
			kind |= marks[i].kind;
	if (in_list(w, fillers, nitems(fillers)))
		kind |= W_FILL;
	if (in_list(w, ordinals, nitems(ordinals)))
		kind |= W_ORD;
	return kind;
}

/*
 * word_lookup_slow() walks every table; a feed repeats the same few words
 * ("Mon", "Jun", "GMT") in every date, so the answers for the last words
 * are kept.  Per thread, so date_parse() stays reentrant.
 */
#define WCACHE	8

struct wcache {
	char	w[WORD_MAX];
	int	kind, mon, zone;	/* mon, zone: INT_MIN if not set */
};

static int
word_lookup(const char *w, int *mon, int *zone)
{
	static _Thread_local struct wcache cache[WCACHE];
	static _Thread_local unsigned next;
	struct wcache	*c;
	size_t		 i, wl = strlen(w);

	if (wl >= WORD_MAX)
		return word_lookup_slow(w, mon, zone);
	for (i = 0; i < WCACHE; i++) {
		c = &cache[i];
		if (c->w[0] != '\0' && memcmp(c->w, w, wl + 1) == 0)
			goto hit;
	}
	c = &cache[next++ % WCACHE];
	memcpy(c->w, w, wl + 1);
	c->mon = c->zone = INT_MIN;
	c->kind = word_lookup_slow(w, &c->mon, &c->zone);
hit:
	if (c->mon != INT_MIN)
		*mon = c->mon;
	if (c->zone != INT_MIN)
		*zone = c->zone;
	return c->kind;
}

/* ---- the forgiving reader ---- */

enum ttype { T_NUM, T_WORD, T_PUNCT };

struct tok {
	enum ttype	 type;
	const char	*p;
	size_t		 len;
	int		 val;		/* T_NUM: value; T_PUNCT: the char */
	int		 sp;		/* whitespace before it */
};

static size_t
space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	    *s == '\v' || *s == '\f')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)	/* U+00A0 */
		return 2;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 */
		return 3;
	return 0;
}

static int
tokenize(const char *str, struct tok *t, size_t *np)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = 0, k;
	int			 sp = 0;

	while (*s != '\0') {
		if ((k = space_len(s)) != 0) {
			s += k;
			sp = 1;
			continue;
		}
		if (n == TOK_MAX)
			return -1;
		t[n].p = (const char *)s;
		t[n].sp = sp;
		sp = 0;
		if (is_digit(*s)) {
			long v = 0;

			while (is_digit(*s)) {
				if (s - (const unsigned char *)t[n].p >= 9)
					return -1;
				v = v * 10 + (*s++ - '0');
			}
			t[n].type = T_NUM;
			t[n].val = (int)v;
		} else if (is_alpha(*s) || *s >= 0x80) {
			while (*s != '\0' && (is_alpha(*s) ||
			    (*s >= 0x80 && space_len(s) == 0)))
				s++;
			t[n].type = T_WORD;
		} else {
			t[n].type = T_PUNCT;
			t[n].val = *s++;
		}
		t[n].len = (size_t)((const char *)s - t[n].p);
		n++;
	}
	*np = n;
	return 0;
}

static int
tok_is(const struct tok *t, size_t n, size_t i, enum ttype type)
{
	return i < n && t[i].type == type;
}

static int
tok_punct(const struct tok *t, size_t n, size_t i, int c)
{
	return i < n && t[i].type == T_PUNCT && t[i].val == c;
}

/* "+0200", "-05", "+02:00", "-5", "+530" at t[i] (the sign) */
static int
tok_zone(const struct tok *t, size_t n, size_t *ip, struct dt *d)
{
	size_t	i = *ip;
	int	sign = t[i].val == '-' ? -1 : 1, h, m = 0;

	if (!tok_is(t, n, i + 1, T_NUM) || t[i + 1].sp)
		return -1;
	i++;
	switch (t[i].len) {
	case 1:
	case 2:
		h = t[i].val;
		if (tok_punct(t, n, i + 1, ':')) {
			if (!tok_is(t, n, i + 2, T_NUM) || t[i + 2].len != 2)
				return -1;
			m = t[i + 2].val;
			i += 2;
		}
		break;
	case 3:
	case 4:
		h = t[i].val / 100;
		m = t[i].val % 100;
		break;
	default:
		return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	if (d->has_zone && !d->zone_addable)
		return -1;
	d->zone += sign * (h * 60 + m);
	d->has_zone = 1;
	d->zone_addable = 0;
	*ip = i;
	return 0;
}

/* "16:29", "9:15", "16:29:06", "16:29:06.25" at t[i] */
static int
tok_time(const struct tok *t, size_t n, size_t *ip, struct dt *d)
{
	size_t	i = *ip;

	if (d->hour >= 0 || t[i].len > 2)
		return -1;
	d->hour = t[i].val;
	if (!tok_is(t, n, i + 2, T_NUM) || t[i + 2].len != 2)
		return -1;
	d->min = t[i + 2].val;
	i += 2;
	if (tok_punct(t, n, i + 1, ':')) {
		if (!tok_is(t, n, i + 2, T_NUM) || t[i + 2].len != 2)
			return -1;
		d->sec = t[i + 2].val;
		i += 2;
		if ((tok_punct(t, n, i + 1, '.') ||
		    tok_punct(t, n, i + 1, ',')) && tok_is(t, n, i + 2, T_NUM))
			i += 2;
	}
	if (tok_punct(t, n, i + 1, ':'))
		return -1;		/* "1:2:3:4" */
	*ip = i;
	return 0;
}

static int
is_datesep(const struct tok *t, size_t n, size_t i)
{
	return tok_punct(t, n, i, '-') || tok_punct(t, n, i, '/') ||
	    tok_punct(t, n, i, '.');
}

/*
 * All-numeric dates: "2006/09/15", "2004-05-25", "15.03.2004",
 * "03/15/2004".  Day-month order is taken from the values; an ambiguous
 * "05/06/2004" is rejected rather than guessed.  1 if used, 0 if not
 * numeric, -1 if invalid.
 */
static int
tok_numdate(const struct tok *t, size_t n, size_t *ip, struct dt *d)
{
	size_t	i = *ip;
	int	a, b, c, sep;

	if (!is_datesep(t, n, i + 1) || !tok_is(t, n, i + 2, T_NUM) ||
	    !tok_punct(t, n, i + 3, t[i + 1].val) ||
	    !tok_is(t, n, i + 4, T_NUM))
		return 0;
	if (t[i + 1].sp || t[i + 2].sp || t[i + 3].sp || t[i + 4].sp)
		return 0;
	sep = t[i + 1].val;
	a = t[i].val;
	b = t[i + 2].val;
	c = t[i + 4].val;
	if (t[i].len == 4 && t[i + 2].len <= 2 && t[i + 4].len <= 2) {
		d->year = a;
		d->mon = b;
		d->day = c;
	} else if (t[i].len <= 2 && t[i + 2].len <= 2 &&
	    (t[i + 4].len == 4 || t[i + 4].len == 2)) {
		d->year = t[i + 4].len == 2 ? year2(c) : c;
		if (sep == '.' || a > 12 || a == b) {
			d->day = a;
			d->mon = b;
		} else if (b > 12) {
			d->mon = a;
			d->day = b;
		} else
			return -1;
	} else
		return -1;
	*ip = i + 4;
	return 1;
}

static void
dt_zone_default(struct dt *d, int kind)
{
	if (kind & W_KOREAN)
		d->def_zone = 540;
	else if (kind & W_JAPAN)
		d->def_zone = 540;
	else if (kind & W_CHINA)
		d->def_zone = 480;
}

static int
tok_parse(const char *s, time_t *out)
{
	struct tok	t[TOK_MAX];
	struct dt	d;
	size_t		n, i;
	int		mon_weak = 0;	/* month came from a weekday-like word */
	int		merid = 0;	/* W_AM or W_PM */
	int		r;

	dt_init(&d);
	if (tokenize(s, t, &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		const struct tok *k = &t[i];

		if (k->type == T_PUNCT) {
			switch (k->val) {
			case ',':
			case '.':
			case '/':
			case ')':
			case ']':
				continue;
			case '(':
				/* a comment: "(PST)", "(Central European Time)" */
				while (i < n && !tok_punct(t, n, i, ')'))
					i++;
				continue;
			case '[':
				/* a zone id: "+01:00[Europe/Paris]" */
				while (i < n && !tok_punct(t, n, i, ']'))
					i++;
				continue;
			case '+':
				if (tok_zone(t, n, &i, &d) == -1)
					return -1;
				continue;
			case '-':
				if (d.hour >= 0 && tok_is(t, n, i + 1, T_NUM)) {
					if (tok_zone(t, n, &i, &d) == -1)
						return -1;
				}
				continue;
			default:
				return -1;
			}
		}
		if (k->type == T_NUM) {
			int kind = W_NONE, m = 0, z = 0;
			char w[WORD_MAX];

			if (tok_punct(t, n, i + 1, ':')) {
				if (tok_time(t, n, &i, &d) == -1)
					return -1;
				continue;
			}
			if (tok_is(t, n, i + 1, T_WORD) && !t[i + 1].sp &&
			    fold_word((const unsigned char *)t[i + 1].p,
			    t[i + 1].len, w, sizeof(w)) == 0)
				kind = word_lookup(w, &m, &z);
			if (kind & (W_YMARK | W_MMARK | W_DMARK)) {
				dt_zone_default(&d, kind);
				if (kind & W_YMARK) {
					if (d.year >= 0)
						return -1;
					d.year = k->len == 2 ? year2(k->val) :
					    k->val;
				} else if (kind & W_MMARK) {
					if (d.mon >= 0 && !mon_weak)
						return -1;
					d.mon = k->val;
				} else {
					if (d.day >= 0)
						return -1;
					d.day = k->val;
				}
				i++;
				continue;
			}
			if (kind & W_ORD) {
				/* "4th": the day, whatever else is known */
				if (d.day >= 0 || k->len > 2)
					return -1;
				d.day = k->val;
				i++;
				continue;
			}
			if (d.hour < 0 && d.year < 0 && d.mon < 0 &&
			    d.day < 0) {
				r = tok_numdate(t, n, &i, &d);
				if (r == -1)
					return -1;
				if (r == 1)
					continue;
			}
			if (k->len == 4) {
				if (d.year >= 0)
					return -1;
				d.year = k->val;
			} else if (k->len <= 2) {
				if (d.day < 0)
					d.day = k->val;
				else if (d.year < 0)
					d.year = year2(k->val);
				else
					return -1;
			} else
				return -1;
			continue;
		}

		/* a word */
		{
			char	w[WORD_MAX];
			int	kind, m = 0, z = 0;

			if (fold_word((const unsigned char *)k->p, k->len, w,
			    sizeof(w)) == -1)
				return -1;
			kind = word_lookup(w, &m, &z);
			dt_zone_default(&d, kind);
			/* "2004-07-08T23:56:58": T between date and time */
			if (strcmp(w, "t") == 0 && d.hour < 0 &&
			    tok_is(t, n, i + 1, T_NUM))
				continue;
			if (kind & (W_AM | W_PM)) {
				/* only next to the time: German "am 5. März" */
				if (d.hour >= 0 && i > 0 &&
				    t[i - 1].type == T_NUM) {
					merid = kind & (W_AM | W_PM);
					continue;
				}
				if (d.hour < 0 && tok_is(t, n, i + 1, T_NUM) &&
				    tok_punct(t, n, i + 2, ':')) {
					merid = kind & (W_AM | W_PM);
					continue;
				}
				if (kind & W_FILL || strcmp(w, "am") == 0)
					continue;
				return -1;
			}
			/* "at" is a filler before the time, a zone after it */
			if ((kind & W_ZONE) && (d.hour >= 0 ||
			    (strcmp(w, "at") != 0 && strcmp(w, "et") != 0 &&
			    w[1] != '\0'))) {
				if (d.has_zone)
					continue;	/* "+0000 GMT" */
				d.zone = z;
				d.has_zone = 1;
				d.zone_addable = z == 0 && w[1] != '\0';
				continue;
			}
			if (kind & W_MONTH) {
				int weak = (kind & W_WDAY) != 0;

				if (d.mon < 0 || (mon_weak && !weak)) {
					d.mon = m;
					mon_weak = weak;
					continue;
				}
				if (weak)
					continue;	/* "mar" as Tuesday */
				return -1;
			}
			if (kind & (W_WDAY | W_FILL))
				continue;
			if (kind & W_ORD && i > 0 && t[i - 1].type == T_NUM &&
			    !k->sp)
				continue;
			if (kind & (W_YMARK | W_MMARK | W_DMARK))
				continue;
			return -1;
		}
	}
	if (merid != 0 && d.hour >= 0) {
		if (d.hour > 12)
			;	/* "13:00 PM": the 24-hour clock wins */
		else if (merid == W_AM && d.hour == 12)
			d.hour = 0;
		else if (merid == W_PM && d.hour < 12)
			d.hour += 12;
	}
	return dt_finish(&d, out);
}

/* ---- the strict ISO 8601 reader ---- */

/* reads up to max digits; returns the count, value in *v */
static int
digits(const char **pp, int max, int *v)
{
	const char	*p = *pp;
	int		 n = 0, x = 0;

	while (is_digit(*p) && n < max) {
		x = x * 10 + (*p - '0');
		p++;
		n++;
	}
	*pp = p;
	*v = x;
	return n;
}

static int
run_len(const char *p)
{
	int	n = 0;

	while (is_digit(p[n]))
		n++;
	return n;
}

static int
ordinal(struct dt *d, int yday)
{
	int	m;

	if (yday < 1 || yday > (is_leap(d->year) ? 366 : 365))
		return -1;
	for (m = 1; m <= 12 && yday > mdays(d->year, m); m++)
		yday -= mdays(d->year, m);
	d->mon = m;
	d->day = yday;
	return 0;
}

/* a leading "2201" in "22013" reads as a year, so that is no YYDDD */
static int
plausible_year(const char *p)
{
	int	y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
	    (p[2] - '0') * 10 + (p[3] - '0');

	return y >= 1000 && y <= 2999;
}

static int
iso_date(const char **pp, struct dt *d)
{
	const char	*p = *pp;
	int		 n = run_len(p), v, m, x;

	if (*p == '-') {
		/* truncated "-YYMM", "-YY-MM" (ISO 8601:1988) */
		p++;
		if (run_len(p) == 4) {
			digits(&p, 2, &v);
			digits(&p, 2, &m);
		} else if (run_len(p) == 2 && p[2] == '-' &&
		    run_len(p + 3) == 2) {
			digits(&p, 2, &v);
			p++;
			digits(&p, 2, &m);
		} else
			return -1;
		d->year = 2000 + v;
		d->mon = m;
		d->day = 1;
		*pp = p;
		return 0;
	}
	switch (n) {
	case 4:
		digits(&p, 4, &d->year);
		if (*p != '-' || !is_digit(p[1])) {
			d->mon = d->day = 1;	/* "2003" */
			break;
		}
		p++;
		x = run_len(p);
		if (x == 3 && p[3] != '-') {
			digits(&p, 3, &v);	/* "2003-335" */
			if (ordinal(d, v) == -1)
				return -1;
			break;
		}
		if (x != 2 && !(x == 3 && p[0] == '0'))	/* "2003-012-31" */
			return -1;
		digits(&p, x, &d->mon);
		d->day = 1;
		if (*p == '-') {
			p++;
			if ((x = run_len(p)) < 1 || x > 2)
				return -1;
			digits(&p, 2, &d->day);
		}
		break;
	case 8:
		digits(&p, 4, &d->year);
		digits(&p, 2, &d->mon);
		digits(&p, 2, &d->day);
		break;
	case 7:
		digits(&p, 4, &d->year);
		digits(&p, 3, &v);
		if (ordinal(d, v) == -1)
			return -1;
		break;
	case 6:				/* YYMMDD */
	case 5:				/* YYDDD */
		if (plausible_year(p))
			return -1;
		digits(&p, 2, &v);
		d->year = 2000 + v;
		if (n == 6) {
			digits(&p, 2, &d->mon);
			digits(&p, 2, &d->day);
		} else {
			digits(&p, 3, &v);
			if (ordinal(d, v) == -1)
				return -1;
		}
		break;
	case 2:				/* YY-MM-DD, YY-DDD */
		if (p[2] != '-')
			return -1;
		digits(&p, 2, &v);
		d->year = 2000 + v;
		p++;
		x = run_len(p);
		if (x == 3) {
			digits(&p, 3, &v);
			if (ordinal(d, v) == -1)
				return -1;
		} else if (x == 2 && p[2] == '-' && run_len(p + 3) == 2) {
			digits(&p, 2, &d->mon);
			p++;
			digits(&p, 2, &d->day);
		} else
			return -1;
		break;
	default:
		return -1;
	}
	*pp = p;
	return 0;
}

static int
iso_time(const char **pp, struct dt *d)
{
	const char	*p = *pp;
	int		 n = run_len(p);

	if (n == 4 || n == 6) {		/* basic "101455" */
		digits(&p, 2, &d->hour);
		digits(&p, 2, &d->min);
		if (n == 6)
			digits(&p, 2, &d->sec);
	} else if (n == 1 || n == 2) {
		digits(&p, 2, &d->hour);
		if (*p != ':' || run_len(p + 1) != 2)
			return -1;
		p++;
		digits(&p, 2, &d->min);
		if (*p == ':') {
			p++;
			if (run_len(p) != 2)
				return -1;
			digits(&p, 2, &d->sec);
		}
	} else
		return -1;
	if ((*p == '.' || *p == ',') && is_digit(p[1])) {
		p++;
		while (is_digit(*p))
			p++;
	}
	*pp = p;
	return 0;
}

static int
iso_zone(const char **pp, struct dt *d)
{
	const char	*p = *pp;
	int		 sign, h, m = 0, n;

	if (*p == 'Z' || *p == 'z') {
		d->has_zone = 1;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	n = run_len(p);
	if (n == 4) {
		digits(&p, 2, &h);
		digits(&p, 2, &m);
	} else if (n == 2 || n == 1) {
		digits(&p, 2, &h);
		if (*p == ':') {
			p++;
			if (run_len(p) != 2)
				return -1;
			digits(&p, 2, &m);
		}
	} else
		return -1;
	if (h > 23 || m > 59)
		return -1;
	d->zone = sign * (h * 60 + m);
	d->has_zone = 1;
	*pp = p;
	return 0;
}

static int
iso_parse(const char *s, time_t *out)
{
	struct dt	 d;
	const char	*p = s;

	dt_init(&d);
	if (iso_date(&p, &d) == -1)
		return -1;
	if (*p == 'T' || *p == 't' || (*p == ' ' && is_digit(p[1]))) {
		p++;
		if (iso_time(&p, &d) == -1)
			return -1;
		while (*p == ' ')
			p++;
		if (*p != '\0' && iso_zone(&p, &d) == -1)
			return -1;
	}
	if (*p != '\0')
		return -1;
	return dt_finish(&d, out);
}

/* ---- entry point ---- */

int
date_parse(const char *s, time_t *out)
{
	char	buf[DATE_MAX + 1];
	size_t	len, k;

	if (s == NULL)
		return -1;
	/* trim, including U+00A0 */
	for (;;) {
		if ((k = space_len((const unsigned char *)s)) == 0)
			break;
		s += k;
	}
	len = strnlen(s, DATE_MAX + 1);
	if (len > DATE_MAX)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t' ||
	    buf[len - 1] == '\r' || buf[len - 1] == '\n'))
		buf[--len] = '\0';
	if (len == 0)
		return -1;
	if (iso_parse(buf, out) == 0)
		return 0;
	return tok_parse(buf, out);
}
