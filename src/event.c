/*
 * event.c: the announced date, time and zone of an event, found in the
 * text of an item, as UTC.
 *
 * The text (title, summary, content; markup dropped by tag_text()) is
 * scanned for dates in English, French and Spanish ("27 October",
 * "Thursday, Nov 3rd", "le 5 décembre", "10 de noviembre", "2022-11-03").
 * Numeric dates such as 12/05 are skipped: day and month order is not
 * known, but "el 19/06" and "le 17/06" after a Spanish or French word
 * are day first.  Near each date (after it, or just before it) we look
 * for a time or a range ("9-10AM", "14:00", "9.00", "15h-16h30", "3 to 4
 * pm") followed by a zone: an abbreviation names a zone and is read with
 * its rules on that date (EST in July is New York's summer time, as the
 * people who write it mean), a UTC/GMT offset, "ET", "Pacific", or a city
 * or country ("heure de Paris", "(Bogotá)", "Nairobi time"), all through
 * the system's zone data for that local date.  When a second zone follows
 * ("9-10AM EST/ 3-4 PM CET") and disagrees, UTC wins, else the first.
 * A weekday with no date, "today" or "tonight" counts from the post's
 * date; a postponement announces its last date.
 *
 * A time without a zone takes the zone of a city the text names; with
 * none, or a zone the system does not know, it gives a date-only event
 * (never a guess); no date gives no event.  The first date
 * with a zoned time wins, else the first date.  The year is the post's,
 * or the next one when the day would be weeks before the post.
 */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "tag.h"
#include "util/bigram.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/simd.h"
#include "util/time.h"
#include "util/tz.h"
#include "util/wordlist.h"
#include "util/xmalloc.h"

#define EV_AFTER	90	/* bytes after a date searched for a time */
#define EV_BEFORE	40	/* ... and before it */
#define EV_PAST_SLACK	(45 * 86400)	/* a day this far before the post is next year's */

enum {
	ZONE_NONE = 0,
	ZONE_FIXED,
	ZONE_IANA,
};

struct zone {
	int		 kind;
	int		 off;		/* minutes east of UTC (ZONE_FIXED) */
	const char	*tz;		/* IANA name (ZONE_IANA) */
};

struct date {
	size_t	start, end;		/* where the text names it */
	int	year;			/* 0: not stated */
	int	mon, day;
};

struct tod {
	int	hour, min;
	int	ampm;			/* 0 none, 1 am, 2 pm */
	int	bare;			/* a number alone: "9" of "9-10am" */
	int	hhmm;			/* four digits: "1400" */
};

struct span {
	struct tod	 t1, t2;
	int		 has_t2;
	struct zone	 zone;
	size_t		 end;
};

static const struct {
	const char	*name;
	int		 mon;
} months[] = {
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
	{ "may", 5 }, { "june", 6 }, { "july", 7 }, { "august", 8 },
	{ "september", 9 }, { "october", 10 }, { "november", 11 },
	{ "december", 12 },
	{ "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 },
	{ "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	/* French */
	{ "janvier", 1 }, { "février", 2 }, { "fevrier", 2 }, { "mars", 3 },
	{ "avril", 4 }, { "mai", 5 }, { "juin", 6 }, { "juillet", 7 },
	{ "août", 8 }, { "aout", 8 }, { "septembre", 9 }, { "octobre", 10 },
	{ "novembre", 11 }, { "décembre", 12 }, { "decembre", 12 },
	{ "janv", 1 }, { "févr", 2 }, { "fevr", 2 }, { "fév", 2 },
	{ "avr", 4 }, { "juil", 7 }, { "déc", 12 },
	/* Spanish */
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 },
	{ "mayo", 5 }, { "junio", 6 }, { "julio", 7 }, { "agosto", 8 },
	{ "septiembre", 9 }, { "setiembre", 9 }, { "octubre", 10 },
	{ "noviembre", 11 }, { "diciembre", 12 },
	{ "ene", 1 }, { "abr", 4 }, { "ago", 8 }, { "dic", 12 },
};

/*
 * NOTE: upper 1: the abbreviation is also a word ("est", "eat", "et")
 * and counts only when written in capitals; upper 2: a word that names a
 * zone only with a capital ("Eastern", "Pacific").  An abbreviation of a
 * zone with summer time names the zone, read with the rules of the
 * event's date: "EST" in July is New York's time (EDT), "CET" in June
 * Central European summer time, as the people who write them mean.
 */
static const struct {
	const char	*name;
	int		 off;
	const char	*tz;
	int		 upper;
} zones[] = {
	{ "utc", 0, NULL, 0 }, { "gmt", 0, NULL, 0 }, { "z", 0, NULL, 1 },
	{ "tu", 0, NULL, 1 },	/* temps universel */
	{ "est", 0, "America/New_York", 1 },
	{ "edt", 0, "America/New_York", 0 },
	{ "cst", 0, "America/Chicago", 0 },
	{ "cdt", 0, "America/Chicago", 0 },
	{ "mst", 0, "America/Denver", 0 },
	{ "mdt", 0, "America/Denver", 0 },
	{ "pst", 0, "America/Los_Angeles", 0 },
	{ "pdt", 0, "America/Los_Angeles", 0 },
	{ "akst", 0, "America/Anchorage", 0 },
	{ "akdt", 0, "America/Anchorage", 0 },
	{ "hst", -600, NULL, 0 },
	{ "wet", 0, "Europe/Lisbon", 1 }, { "west", 0, "Europe/Lisbon", 1 },
	{ "bst", 0, "Europe/London", 0 }, { "ist", 330, NULL, 1 },
	{ "cet", 0, "Europe/Paris", 0 }, { "cest", 0, "Europe/Paris", 0 },
	{ "met", 0, "Europe/Paris", 1 }, { "mest", 0, "Europe/Paris", 0 },
	{ "eet", 0, "Europe/Athens", 0 }, { "eest", 0, "Europe/Athens", 0 },
	{ "msk", 180, NULL, 0 },
	{ "wat", 60, NULL, 1 }, { "cat", 120, NULL, 1 },
	{ "eat", 180, NULL, 1 }, { "sast", 120, NULL, 0 },
	{ "pkt", 300, NULL, 0 }, { "npt", 345, NULL, 0 },
	{ "ict", 420, NULL, 0 }, { "wib", 420, NULL, 0 },
	{ "sgt", 480, NULL, 0 }, { "hkt", 480, NULL, 0 },
	{ "pht", 480, NULL, 0 }, { "awst", 480, NULL, 0 },
	{ "jst", 540, NULL, 0 }, { "kst", 540, NULL, 0 },
	{ "aest", 0, "Australia/Sydney", 0 },
	{ "aedt", 0, "Australia/Sydney", 0 },
	{ "nzst", 0, "Pacific/Auckland", 0 },
	{ "nzdt", 0, "Pacific/Auckland", 0 },
	{ "brt", -180, NULL, 0 }, { "art", -180, NULL, 1 },
	{ "clt", 0, "America/Santiago", 0 }, { "cot", -300, NULL, 1 },
	{ "pet", -300, NULL, 1 }, { "bot", -240, NULL, 1 },
	{ "vet", -240, NULL, 1 }, { "ect", -300, NULL, 1 },
	{ "et", 0, "America/New_York", 1 },
	{ "ct", 0, "America/Chicago", 1 },
	{ "mt", 0, "America/Denver", 1 },
	{ "pt", 0, "America/Los_Angeles", 1 },
	{ "eastern", 0, "America/New_York", 2 },
	{ "central", 0, "America/Chicago", 2 },
	{ "mountain", 0, "America/Denver", 2 },
	{ "pacific", 0, "America/Los_Angeles", 2 },
	{ "eastern standard time", 0, "America/New_York", 0 },
	{ "eastern daylight time", 0, "America/New_York", 0 },
	{ "central standard time", 0, "America/Chicago", 0 },
	{ "central daylight time", 0, "America/Chicago", 0 },
	{ "pacific standard time", 0, "America/Los_Angeles", 0 },
	{ "pacific daylight time", 0, "America/Los_Angeles", 0 },
	{ "central european summer time", 0, "Europe/Paris", 0 },
	{ "central european time", 0, "Europe/Paris", 0 },
	{ "central africa time", 120, NULL, 0 },
	{ "east africa time", 180, NULL, 0 },
	{ "west africa time", 60, NULL, 0 },
	{ "british summer time", 0, "Europe/London", 0 },
	{ "uk time", 0, "Europe/London", 0 },
	{ "greenwich mean time", 0, NULL, 0 },
	{ "coordinated universal time", 0, NULL, 0 },
	{ "india standard time", 330, NULL, 0 },
	{ "eastern time", 0, "America/New_York", 0 },
	{ "central time", 0, "America/Chicago", 0 },
	{ "mountain time", 0, "America/Denver", 0 },
	{ "pacific time", 0, "America/Los_Angeles", 0 },
	{ "heure de l'est", 0, "America/Toronto", 0 },
	/* Canadian French: heure normale / avancée de l'Est, ... */
	{ "hne", 0, "America/Toronto", 0 }, { "hae", 0, "America/Toronto", 0 },
	{ "hnc", 0, "America/Winnipeg", 0 }, { "hac", 0, "America/Winnipeg", 0 },
	{ "hnp", 0, "America/Vancouver", 0 },
	{ "hap", 0, "America/Vancouver", 0 },
	{ "hora de centroam\xc3\xa9rica", 0, "America/Guatemala", 0 },
	{ "hora centroamericana", 0, "America/Guatemala", 0 },
	{ "hora del este", 0, "America/New_York", 0 },
	{ "hora del pac\xc3\xad" "fico", 0, "America/Los_Angeles", 0 },
	{ "hora del pacifico", 0, "America/Los_Angeles", 0 },
	{ "hora colombiana", 0, "America/Bogota", 0 },
	{ "hora de colombia", 0, "America/Bogota", 0 },
	{ "hora peruana", 0, "America/Lima", 0 },
	{ "hora de per\xc3\xba", 0, "America/Lima", 0 },
	{ "hora argentina", 0, "America/Argentina/Buenos_Aires", 0 },
	{ "hora chilena", 0, "America/Santiago", 0 },
	{ "hora de chile", 0, "America/Santiago", 0 },
	{ "hora mexicana", 0, "America/Mexico_City", 0 },
	{ "hora del centro de m\xc3\xa9xico", 0, "America/Mexico_City", 0 },
	{ "hora centro de m\xc3\xa9xico", 0, "America/Mexico_City", 0 },
	{ "hora de m\xc3\xa9xico", 0, "America/Mexico_City", 0 },
	{ "hora de mexico", 0, "America/Mexico_City", 0 },
	{ "hora de espa\xc3\xb1" "a", 0, "Europe/Madrid", 0 },
	{ "hora peninsular", 0, "Europe/Madrid", 0 },
	{ "heure fran\xc3\xa7" "aise", 0, "Europe/Paris", 0 },
	{ "heure de france", 0, "Europe/Paris", 0 },
	{ "heure belge", 0, "Europe/Brussels", 0 },
	{ "heure suisse", 0, "Europe/Zurich", 0 },
	{ "heure de gen\xc3\xa8ve", 0, "Europe/Zurich", 0 },
};

/* cities and countries: after "heure de", "hora de", before "time", or
 * alone in brackets after a time ("15:00 (Bogotá)") */
static const struct {
	const char	*name;
	const char	*tz;
} cities[] = {
	{ "paris", "Europe/Paris" }, { "brussels", "Europe/Brussels" },
	{ "bruxelles", "Europe/Brussels" }, { "bruselas", "Europe/Brussels" },
	{ "berlin", "Europe/Berlin" }, { "madrid", "Europe/Madrid" },
	{ "barcelona", "Europe/Madrid" }, { "london", "Europe/London" },
	{ "londres", "Europe/London" }, { "lisbon", "Europe/Lisbon" },
	{ "lisboa", "Europe/Lisbon" }, { "lisbonne", "Europe/Lisbon" },
	{ "rome", "Europe/Rome" }, { "roma", "Europe/Rome" },
	{ "amsterdam", "Europe/Amsterdam" }, { "geneva", "Europe/Zurich" },
	{ "gen\xc3\xa8ve", "Europe/Zurich" }, { "geneve", "Europe/Zurich" },
	{ "ginebra", "Europe/Zurich" }, { "vienna", "Europe/Vienna" },
	{ "stockholm", "Europe/Stockholm" }, { "warsaw", "Europe/Warsaw" },
	{ "kyiv", "Europe/Kyiv" }, { "kiev", "Europe/Kyiv" },
	{ "moscow", "Europe/Moscow" }, { "istanbul", "Europe/Istanbul" },
	{ "athens", "Europe/Athens" },
	{ "nairobi", "Africa/Nairobi" }, { "kampala", "Africa/Kampala" },
	{ "addis ababa", "Africa/Addis_Ababa" }, { "lagos", "Africa/Lagos" },
	{ "abuja", "Africa/Lagos" }, { "accra", "Africa/Accra" },
	{ "dakar", "Africa/Dakar" }, { "abidjan", "Africa/Abidjan" },
	{ "kinshasa", "Africa/Kinshasa" }, { "johannesburg",
	"Africa/Johannesburg" }, { "cape town", "Africa/Johannesburg" },
	{ "harare", "Africa/Harare" }, { "lusaka", "Africa/Lusaka" },
	{ "kigali", "Africa/Kigali" }, { "dar es salaam",
	"Africa/Dar_es_Salaam" }, { "cairo", "Africa/Cairo" },
	{ "le caire", "Africa/Cairo" }, { "tunis", "Africa/Tunis" },
	{ "casablanca", "Africa/Casablanca" }, { "beirut", "Asia/Beirut" },
	{ "beyrouth", "Asia/Beirut" }, { "amman", "Asia/Amman" },
	{ "dubai", "Asia/Dubai" }, { "delhi", "Asia/Kolkata" },
	{ "new delhi", "Asia/Kolkata" }, { "mumbai", "Asia/Kolkata" },
	{ "karachi", "Asia/Karachi" }, { "dhaka", "Asia/Dhaka" },
	{ "kathmandu", "Asia/Kathmandu" }, { "bangkok", "Asia/Bangkok" },
	{ "jakarta", "Asia/Jakarta" }, { "manila", "Asia/Manila" },
	{ "singapore", "Asia/Singapore" }, { "hong kong", "Asia/Hong_Kong" },
	{ "tokyo", "Asia/Tokyo" }, { "seoul", "Asia/Seoul" },
	{ "sydney", "Australia/Sydney" }, { "melbourne",
	"Australia/Melbourne" }, { "auckland", "Pacific/Auckland" },
	{ "new york", "America/New_York" }, { "nueva york",
	"America/New_York" }, { "washington", "America/New_York" },
	{ "washington dc", "America/New_York" }, { "toronto",
	"America/Toronto" }, { "montreal", "America/Toronto" },
	{ "montr\xc3\xa9" "al", "America/Toronto" }, { "ottawa",
	"America/Toronto" }, { "chicago", "America/Chicago" },
	{ "denver", "America/Denver" }, { "los angeles",
	"America/Los_Angeles" }, { "san francisco", "America/Los_Angeles" },
	{ "vancouver", "America/Vancouver" }, { "mexico",
	"America/Mexico_City" }, { "m\xc3\xa9xico", "America/Mexico_City" },
	{ "ciudad de m\xc3\xa9xico", "America/Mexico_City" },
	{ "ciudad de mexico", "America/Mexico_City" }, { "cdmx",
	"America/Mexico_City" }, { "guatemala", "America/Guatemala" },
	{ "bogot\xc3\xa1", "America/Bogota" }, { "bogota", "America/Bogota" },
	{ "lima", "America/Lima" }, { "quito", "America/Guayaquil" },
	{ "caracas", "America/Caracas" }, { "la paz", "America/La_Paz" },
	{ "santiago", "America/Santiago" }, { "santiago de chile",
	"America/Santiago" }, { "buenos aires",
	"America/Argentina/Buenos_Aires" }, { "montevideo",
	"America/Montevideo" }, { "asunci\xc3\xb3n", "America/Asuncion" },
	{ "s\xc3\xa3o paulo", "America/Sao_Paulo" }, { "sao paulo",
	"America/Sao_Paulo" }, { "brasilia", "America/Sao_Paulo" },
	{ "bras\xc3\xadlia", "America/Sao_Paulo" }, { "san jos\xc3\xa9",
	"America/Costa_Rica" }, { "panam\xc3\xa1", "America/Panama" },
	{ "panama", "America/Panama" }, { "tegucigalpa",
	"America/Tegucigalpa" }, { "managua", "America/Managua" },
	{ "san salvador", "America/El_Salvador" }, { "santo domingo",
	"America/Santo_Domingo" }, { "la habana", "America/Havana" },
	{ "lyon", "Europe/Paris" }, { "marseille", "Europe/Paris" },
	{ "toulouse", "Europe/Paris" }, { "bordeaux", "Europe/Paris" },
	{ "lille", "Europe/Paris" }, { "nantes", "Europe/Paris" },
	{ "grenoble", "Europe/Paris" }, { "strasbourg", "Europe/Paris" },
	{ "montpellier", "Europe/Paris" }, { "rennes", "Europe/Paris" },
	{ "valencia", "Europe/Madrid" }, { "sevilla", "Europe/Madrid" },
	{ "bilbao", "Europe/Madrid" }, { "medell\xc3\xadn",
	"America/Bogota" }, { "medellin", "America/Bogota" },
	{ "cali", "America/Bogota" }, { "guadalajara",
	"America/Mexico_City" }, { "monterrey", "America/Monterrey" },
	{ "rosario", "America/Argentina/Cordoba" }, { "c\xc3\xb3rdoba",
	"America/Argentina/Cordoba" }, { "valpara\xc3\xadso",
	"America/Santiago" }, { "cusco", "America/Lima" },
	{ "mexico city", "America/Mexico_City" }, { "entebbe",
	"Africa/Kampala" }, { "goma", "Africa/Lubumbashi" }, { "juba",
	"Africa/Juba" }, { "khartoum", "Africa/Khartoum" }, { "mogadishu",
	"Africa/Mogadishu" }, { "islamabad", "Asia/Karachi" }, { "colombo",
	"Asia/Colombo" }, { "kuala lumpur", "Asia/Kuala_Lumpur" },
	{ "taipei", "Asia/Taipei" }, { "n'djamena", "Africa/Ndjamena" },
	{ "ndjamena", "Africa/Ndjamena" }, { "niamey", "Africa/Niamey" },
	{ "bamako", "Africa/Bamako" }, { "ouagadougou",
	"Africa/Ouagadougou" }, { "yaound\xc3\xa9", "Africa/Douala" },
	{ "douala", "Africa/Douala" }, { "lom\xc3\xa9", "Africa/Lome" },
	{ "cotonou", "Africa/Porto-Novo" }, { "antananarivo",
	"Indian/Antananarivo" }, { "port-au-prince",
	"America/Port-au-Prince" }, { "oslo", "Europe/Oslo" },
	{ "dublin", "Europe/Dublin" }, { "the hague", "Europe/Amsterdam" },
	{ "copenhagen", "Europe/Copenhagen" }, { "helsinki",
	"Europe/Helsinki" }, { "tbilisi", "Asia/Tbilisi" }, { "yerevan",
	"Asia/Yerevan" },
	/* countries of one zone, as a bracket names them */
	{ "kenya", "Africa/Nairobi" }, { "uganda", "Africa/Kampala" },
	{ "tanzania", "Africa/Dar_es_Salaam" }, { "ethiopia",
	"Africa/Addis_Ababa" }, { "rwanda", "Africa/Kigali" },
	{ "nigeria", "Africa/Lagos" }, { "ghana", "Africa/Accra" },
	{ "senegal", "Africa/Dakar" }, { "s\xc3\xa9n\xc3\xa9gal",
	"Africa/Dakar" }, { "south africa", "Africa/Johannesburg" },
	{ "zimbabwe", "Africa/Harare" }, { "zambia", "Africa/Lusaka" },
	{ "egypt", "Africa/Cairo" }, { "tunisia", "Africa/Tunis" },
	{ "tunisie", "Africa/Tunis" }, { "morocco", "Africa/Casablanca" },
	{ "maroc", "Africa/Casablanca" }, { "lebanon", "Asia/Beirut" },
	{ "liban", "Asia/Beirut" }, { "jordan", "Asia/Amman" },
	{ "india", "Asia/Kolkata" }, { "pakistan", "Asia/Karachi" },
	{ "bangladesh", "Asia/Dhaka" }, { "nepal", "Asia/Kathmandu" },
	{ "sri lanka", "Asia/Colombo" }, { "philippines", "Asia/Manila" },
	{ "colombia", "America/Bogota" }, { "per\xc3\xba",
	"America/Lima" }, { "peru", "America/Lima" }, { "ecuador",
	"America/Guayaquil" }, { "bolivia", "America/La_Paz" },
	{ "venezuela", "America/Caracas" }, { "chile", "America/Santiago" },
	{ "argentina", "America/Argentina/Buenos_Aires" },
	{ "uruguay", "America/Montevideo" }, { "paraguay",
	"America/Asuncion" }, { "costa rica", "America/Costa_Rica" },
	{ "honduras", "America/Tegucigalpa" }, { "nicaragua",
	"America/Managua" }, { "el salvador", "America/El_Salvador" },
	{ "uk", "Europe/London" }, { "france", "Europe/Paris" },
	{ "belgium", "Europe/Brussels" }, { "belgique", "Europe/Brussels" },
	{ "spain", "Europe/Madrid" }, { "espa\xc3\xb1" "a", "Europe/Madrid" },
	{ "germany", "Europe/Berlin" }, { "netherlands", "Europe/Amsterdam" },
	{ "switzerland", "Europe/Zurich" }, { "suisse", "Europe/Zurich" },
	{ "italy", "Europe/Rome" }, { "portugal", "Europe/Lisbon" },
	{ "ireland", "Europe/Dublin" }, { "ukraine", "Europe/Kyiv" },
	{ "poland", "Europe/Warsaw" },
	/* the francophone and hispanophone field */
	{ "qu\xc3\xa9" "bec", "America/Toronto" }, { "quebec",
	"America/Toronto" }, { "rabat", "Africa/Casablanca" },
	{ "alger", "Africa/Algiers" }, { "algiers", "Africa/Algiers" },
	{ "argel", "Africa/Algiers" }, { "bujumbura", "Africa/Bujumbura" },
	{ "conakry", "Africa/Conakry" }, { "nouakchott",
	"Africa/Nouakchott" }, { "libreville", "Africa/Libreville" },
	{ "brazzaville", "Africa/Brazzaville" }, { "lubumbashi",
	"Africa/Lubumbashi" }, { "djibouti", "Africa/Djibouti" },
	{ "porto-novo", "Africa/Porto-Novo" }, { "bangui",
	"Africa/Bangui" }, { "freetown", "Africa/Freetown" }, { "monrovia",
	"Africa/Monrovia" }, { "maputo", "Africa/Maputo" },
	{ "madagascar", "Indian/Antananarivo" }, { "centroam\xc3\xa9rica",
	"America/Guatemala" }, { "centroamerica", "America/Guatemala" },
	{ "ciudad de guatemala", "America/Guatemala" },
	{ "san pedro sula", "America/Tegucigalpa" },
	{ "puerto rico", "America/Puerto_Rico" },
	{ "rep\xc3\xba" "blica dominicana", "America/Santo_Domingo" },
	{ "r\xc3\xa9publique dominicaine", "America/Santo_Domingo" },
	{ "cameroun", "Africa/Douala" }, { "cameroon", "Africa/Douala" },
	{ "c\xc3\xb4te d'ivoire", "Africa/Abidjan" }, { "burkina faso",
	"Africa/Ouagadougou" }, { "b\xc3\xa9nin", "Africa/Porto-Novo" },
	{ "alg\xc3\xa9rie", "Africa/Algiers" }, { "mauritanie",
	"Africa/Nouakchott" }, { "gabon", "Africa/Libreville" },
	{ "tchad", "Africa/Ndjamena" }, { "burundi", "Africa/Bujumbura" },
	{ "guin\xc3\xa9" "e", "Africa/Conakry" }, { "colombie",
	"America/Bogota" }, { "p\xc3\xa9rou", "America/Lima" },
	{ "chili", "America/Santiago" }, { "argentine",
	"America/Argentina/Buenos_Aires" }, { "mexique",
	"America/Mexico_City" }, { "espagne", "Europe/Madrid" },
};

/* ---- scanning helpers ---------------------------------------------- */

static int
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
is_alnum(unsigned char c)
{
	return is_letter(c) || (c >= '0' && c <= '9');
}

/* s[i..] starts with word w, not followed by a letter or digit */
static size_t
word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k;

	if (i >= n || s[i] != w[0])
		return 0;
	k = strlen(w);

	if (i + k > n || memcmp(s + i, w, k) != 0)
		return 0;
	if (i + k < n && is_alnum((unsigned char)s[i + k]))
		return 0;
	return k;
}

static inline int
word_start(const char *s, size_t i)
{
	return i == 0 || !is_alnum((unsigned char)s[i - 1]);
}

static size_t
skip_sp(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* 1 or 2 digits not followed by another digit; returns bytes, 0 if none */
static size_t
num12(const char *s, size_t n, size_t i, int *v)
{
	size_t k = 0;

	*v = 0;
	while (i + k < n && k < 3 && isdigit((unsigned char)s[i + k])) {
		*v = *v * 10 + (s[i + k] - '0');
		k++;
	}
	if (k == 0 || k > 2)
		return 0;
	return k;
}

/*
 * NOTE: month_at() runs at nearly every word of an item's text: the
 * names are looked up by their first byte, with their lengths, from an
 * index made once (event_extract() makes it before any lookup).
 */
static struct {
	unsigned char	 lo[256], hi[256];	/* [lo, hi) in order */
	unsigned char	 order[nitems(months)];
	size_t		 len[nitems(months)];
	uint32_t	 second[256];	/* the names' second bytes, as
					 * second_bit() */
	unsigned char	 word[256];	/* is_alnum() */
} month_index;
static pthread_once_t month_once = PTHREAD_ONCE_INIT;

/* a name's second byte as a bit: a-z, else one for all others */
static inline uint32_t
second_bit(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}

static void
month_index_make(void)
{
	size_t	j, k = 0;
	int	c;

	for (j = 0; j < nitems(months); j++) {
		month_index.len[j] = strlen(months[j].name);
		month_index.second[(unsigned char)months[j].name[0]] |=
		    second_bit((unsigned char)months[j].name[1]);
	}
	for (c = 0; c < 256; c++)
		month_index.word[c] = (unsigned char)is_alnum((unsigned char)c);
	for (c = 0; c < 256; c++) {
		month_index.lo[c] = (unsigned char)k;
		for (j = 0; j < nitems(months); j++)
			if ((unsigned char)months[j].name[0] == c)
				month_index.order[k++] = (unsigned char)j;
		month_index.hi[c] = (unsigned char)k;
	}
}

static size_t
month_at(const char *s, size_t n, size_t i, int *mon)
{
	size_t		 o, j, k, l, best = 0;
	unsigned char	 c;

	if (i >= n || !word_start(s, i))
		return 0;
	/* (no name starts with any other byte than "adefjmnos") */
	c = (unsigned char)s[i];
	for (o = month_index.lo[c]; o < month_index.hi[c]; o++) {
		j = month_index.order[o];
		l = month_index.len[j];
		/* "Nov." is "nov" before a non-letter */
		if (i + l > n || s[i + 1] != months[j].name[1] ||
		    memcmp(s + i, months[j].name, l) != 0 ||
		    (i + l < n && is_alnum((unsigned char)s[i + l])))
			continue;
		k = l;
		if (k > best) {
			best = k;
			*mon = months[j].mon;
		}
	}
	return best;
}

static int
mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* ordinal suffix after a day: "rd", "er", "º" */
static size_t
ordinal(const char *s, size_t n, size_t i)
{
	static const char *const suf[] = { "st", "nd", "rd", "th", "er",
		"ro", "\xc2\xba", "\xc2\xb0", "e" };
	size_t j, k;

	for (j = 0; j < nitems(suf); j++) {
		k = strlen(suf[j]);
		if (i + k <= n && memcmp(s + i, suf[j], k) == 0 &&
		    (i + k == n || !is_letter((unsigned char)s[i + k]) ||
		    (unsigned char)suf[j][0] >= 0x80))
			return k;
	}
	return 0;
}

static size_t
year_at(const char *s, size_t n, size_t i, int *y)
{
	size_t k;

	i = skip_sp(s, n, i);
	k = i;
	if (k < n && s[k] == ',')
		k = skip_sp(s, n, k + 1);
	else if (k + 3 <= n && memcmp(s + k, "de ", 3) == 0)
		k += 3;
	else if (k + 4 <= n && memcmp(s + k, "del ", 4) == 0)
		k += 4;
	if (k + 4 <= n && isdigit((unsigned char)s[k]) &&
	    isdigit((unsigned char)s[k + 1]) && isdigit((unsigned char)s[k + 2])
	    && isdigit((unsigned char)s[k + 3]) && (k + 4 == n ||
	    !is_alnum((unsigned char)s[k + 4]))) {
		int v = (s[k] - '0') * 1000 + (s[k + 1] - '0') * 100 +
		    (s[k + 2] - '0') * 10 + (s[k + 3] - '0');

		if (v >= 2000 && v <= 2100) {
			*y = v;
			return k + 4;
		}
	}
	return 0;
}

/*
 * "el jueves 19/06", "le 17/06/2025": day first, read only after a
 * Spanish or French article or weekday (in English "on 12/05" may be
 * either order).  j is at the '/' after the day.
 */
static size_t
dmy_at(const char *s, size_t n, size_t i, size_t j, int day, struct date *d)
{
	static const char *const before[] = { "el", "le", "del", "du", "au",
		"al", "lunes", "martes", "mi\xc3\xa9rcoles", "miercoles",
		"jueves", "viernes", "s\303\241bado", "sabado", "domingo",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
		"dimanche" };
	size_t	b, w, k, q;
	int	mon, y;

	/* the word before i */
	for (b = i; b > 0 && s[b - 1] == ' '; b--)
		;
	for (w = b; w > 0 && is_alnum((unsigned char)s[w - 1]); w--)
		;
	for (q = 0; q < nitems(before); q++) {
		k = strlen(before[q]);
		if (b - w == k && memcmp(s + w, before[q], k) == 0)
			break;
	}
	if (q == nitems(before) || b == i)
		return 0;
	if ((k = num12(s, n, j + 1, &mon)) == 0 || mon < 1 || mon > 12)
		return 0;
	j += 1 + k;
	d->day = day;
	d->mon = mon;
	if (j + 5 <= n && s[j] == '/' && isdigit((unsigned char)s[j + 1]) &&
	    isdigit((unsigned char)s[j + 2]) &&
	    isdigit((unsigned char)s[j + 3]) &&
	    isdigit((unsigned char)s[j + 4])) {
		y = (int)strtol(s + j + 1, NULL, 10);
		if (y >= 2000 && y <= 2100)
			d->year = y;
		j += 5;
	}
	if (j < n && (is_alnum((unsigned char)s[j]) || s[j] == '/'))
		return 0;
	d->start = i;
	return d->end = j;
}

/*
 * A date starting at i (lowercase text): "27 october", "27th of oct",
 * "10 de noviembre", "1er décembre", "27-28 october", "october 27",
 * "nov. 3rd, 2022", "2022-11-03".  Returns the end, 0 if none.
 */
/* the words of a day weekday_event() reads (and and_day(), the
 * weekdays) */
static const struct {
	const char	*name;
	int		 wday;
} days[] = {
	{ "sunday", 0 }, { "monday", 1 }, { "tuesday", 2 },
	{ "wednesday", 3 }, { "thursday", 4 }, { "friday", 5 },
	{ "saturday", 6 }, { "domingo", 0 }, { "lunes", 1 },
	{ "martes", 2 }, { "mi\xc3\xa9rcoles", 3 }, { "miercoles", 3 },
	{ "jueves", 4 }, { "viernes", 5 }, { "s\xc3\xa1" "bado", 6 },
	{ "sabado", 6 }, { "dimanche", 0 }, { "lundi", 1 },
	{ "mardi", 2 }, { "mercredi", 3 }, { "jeudi", 4 },
	{ "vendredi", 5 }, { "samedi", 6 },
	/* -1: the day of the post, -2: the day after */
	{ "today", -1 }, { "tonight", -1 }, { "this evening", -1 },
	{ "this afternoon", -1 }, { "this morning", -1 },
	{ "tomorrow", -2 }, { "hoy", -1 }, { "esta noche", -1 },
	{ "esta tarde", -1 }, { "aujourd'hui", -1 },
	{ "ce soir", -1 }, { "demain", -2 },
};

/*
 * " et 25", " y 25", " and 25", a weekday maybe before the day ("et
 * vendredi 25"), at j after a first day: the end past the second day,
 * or 0
 */
static size_t
and_day(const char *s, size_t n, size_t j, int *day2)
{
	/* (and ranges: "du lundi 8 au mercredi 10 septembre") */
	static const char *const ands[] = { " et ", " y ", " and ", " au ",
		" al ", " to " };
	size_t	q, l, k;

	for (q = 0; q < nitems(ands); q++) {
		l = strlen(ands[q]);
		if (j + l <= n && memcmp(s + j, ands[q], l) == 0)
			break;
	}
	if (q == nitems(ands))
		return 0;
	j += l;
	for (q = 0; q < nitems(days); q++) {
		if (days[q].wday < 0)
			continue;
		l = strlen(days[q].name);
		if (j + l < n && memcmp(s + j, days[q].name, l) == 0 &&
		    s[j + l] == ' ') {
			j += l + 1;
			break;
		}
	}
	if ((k = num12(s, n, j, day2)) == 0 || *day2 < 1 || *day2 > 31 ||
	    (j + k < n && is_alnum((unsigned char)s[j + k])))
		return 0;
	return j + k;
}

static size_t
date_at(const char *s, size_t n, size_t i, struct date *d)
{
	size_t	j, k;
	int	day, day2, mon, y;

	memset(d, 0, sizeof(*d));
	if (!word_start(s, i) || (!isdigit((unsigned char)s[i]) &&
	    strchr("adefjmnos", s[i]) == NULL) || s[i] == '\0')
		return 0;
	/* ISO 8601 */
	if (i + 10 <= n && isdigit((unsigned char)s[i]) && s[i + 4] == '-' &&
	    s[i + 7] == '-' && (i + 10 == n ||
	    !isdigit((unsigned char)s[i + 10]))) {
		char buf[11];
		char *ep;
		long v;

		memcpy(buf, s + i, 10);
		buf[10] = '\0';
		buf[4] = buf[7] = '\0';
		v = strtol(buf, &ep, 10);
		if (*ep != '\0' || v < 2000 || v > 2100)
			return 0;
		d->year = (int)v;
		d->mon = (int)strtol(buf + 5, &ep, 10);
		if (*ep != '\0')
			return 0;
		d->day = (int)strtol(buf + 8, &ep, 10);
		if (*ep != '\0' || d->mon < 1 || d->mon > 12 || d->day < 1 ||
		    d->day > mdays(d->year, d->mon))
			return 0;
		d->start = i;
		return d->end = i + 10;
	}
	if ((k = num12(s, n, i, &day)) > 0) {
		j = i + k;
		if (day < 1 || day > 31)
			return 0;
		if (j < n && s[j] == '/')
			return dmy_at(s, n, i, j, day, d);
		/* "24.09.2025": with its year, never a time */
		if (j < n && s[j] == '.' && (k = num12(s, n, j + 1, &mon)) > 0 &&
		    mon >= 1 && mon <= 12 && j + 1 + k + 5 <= n &&
		    s[j + 1 + k] == '.' && (y = (int)strtol(s + j + 2 + k,
		    NULL, 10)) >= 2000 && y <= 2100 &&
		    isdigit((unsigned char)s[j + 2 + k + 3]) &&
		    (j + 2 + k + 4 == n || !isdigit((unsigned char)s[j + 2 + k +
		    4])) && day <= mdays(y, mon)) {
			d->day = day;
			d->mon = mon;
			d->year = y;
			d->start = i;
			return d->end = j + 2 + k + 4;
		}
		j += ordinal(s, n, j);
		/* "27-28 October", "5 au 7 décembre", "del 5 al 7 de" */
		if (j < n && s[j] == '-' && (k = num12(s, n, j + 1, &day2)) > 0)
			j += 1 + k;
		else if (j + 4 <= n && (memcmp(s + j, " au ", 4) == 0 ||
		    memcmp(s + j, " al ", 4) == 0 ||
		    memcmp(s + j, " to ", 4) == 0) &&
		    (k = num12(s, n, j + 4, &day2)) > 0)
			j += 4 + k;
		/* "jeudi 24 et vendredi 25 avril", "3, 10, 17 and 24
		 * March": the first day */
		else {
			size_t l2 = j;

			while (l2 + 2 < n && s[l2] == ',' && s[l2 + 1] == ' ' &&
			    (k = num12(s, n, l2 + 2, &day2)) > 0 &&
			    day2 >= 1 && day2 <= 31 && (l2 + 2 + k == n ||
			    !is_alnum((unsigned char)s[l2 + 2 + k])))
				l2 += 2 + k;
			if ((k = and_day(s, n, l2, &day2)) > 0)
				j = k;
		}
		j = skip_sp(s, n, j);
		if (j + 3 <= n && memcmp(s + j, "of ", 3) == 0)
			j += 3;
		else if (j + 3 <= n && memcmp(s + j, "de ", 3) == 0)
			j += 3;
		if ((k = month_at(s, n, j, &mon)) == 0)
			return 0;
		j += k;
	} else if ((k = month_at(s, n, i, &mon)) > 0) {
		/* "Jan. 20" */
		j = i + k;
		if (j + 1 < n && s[j] == '.' && s[j + 1] == ' ')
			j++;
		j = skip_sp(s, n, j);
		if ((k = num12(s, n, j, &day)) == 0 || day < 1 || day > 31)
			return 0;
		/* "May 15:00" is a time, "October 2022" a month */
		if (j + k < n && (s[j + k] == ':' || s[j + k] == '.' ||
		    s[j + k] == 'h') && j + k + 1 < n &&
		    isdigit((unsigned char)s[j + k + 1]))
			return 0;
		j += k;
		j += ordinal(s, n, j);
		if (j < n && s[j] == '-' && (k = num12(s, n, j + 1, &day2)) > 0)
			j += 1 + k;
		if (j < n && is_alnum((unsigned char)s[j]))
			return 0;
	} else
		return 0;
	d->day = day;
	d->mon = mon;
	if ((k = year_at(s, n, j, &y)) > 0) {
		d->year = y;
		j = k;
	}
	d->start = i;
	return d->end = j;
}

/* "am", "a.m.", "a. m.", "pm", ... at i; sets *ampm */
static size_t
ampm_at(const char *s, size_t n, size_t i, int *ampm)
{
	static const struct {
		const char	*s;
		int		 half;
	} forms[] = {
		{ "a.m.", 1 }, { "a. m.", 1 }, { "am", 1 }, { "a.m", 1 },
		{ "p.m.", 2 }, { "p. m.", 2 }, { "pm", 2 }, { "p.m", 2 },
		/* "a las 9 de la mañana", "à 7 h du soir" */
		{ "de la ma\xc3\xb1" "ana", 1 }, { "de la manana", 1 },
		{ "de la tarde", 2 }, { "de la noche", 2 },
		{ "du matin", 1 }, { "du soir", 2 },
		{ "de l'apr\xc3\xa8s-midi", 2 }, { "in the morning", 1 },
		{ "in the afternoon", 2 }, { "in the evening", 2 },
	};
	size_t j, k;

	for (j = 0; j < nitems(forms); j++) {
		k = strlen(forms[j].s);
		if (i + k <= n && memcmp(s + i, forms[j].s, k) == 0 &&
		    (i + k == n || !is_letter((unsigned char)s[i + k]))) {
			*ampm = forms[j].half;
			return k;
		}
	}
	return 0;
}

/* "hrs", "hs", "horas", "h" after "9:00": the word says it is a time */
static size_t
hours_word(const char *s, size_t n, size_t i)
{
	static const char *const words[] = { "hrs", "hr", "hs", "horas",
		"h", "uhr" };
	size_t j, k;

	for (j = 0; j < nitems(words); j++)
		if ((k = word_at(s, n, i, words[j])) > 0)
			return k;
	return 0;
}

/*
 * "1400 UTC", "0930 hrs", "1400h": four digits of a 24-hour clock, said
 * to be one by what follows; bare otherwise ("1600" of "1600-1700 UTC"),
 * only good as the start of a range that ends the same way.  Returns the
 * end, 0 if none.
 */
static size_t
hhmm_at(const char *s, size_t n, size_t i, struct tod *t)
{
	size_t	j = i + 4, k, w;
	int	h, m;

	if (j > n || (j < n && isdigit((unsigned char)s[j])))
		return 0;
	for (k = i; k < j; k++)
		if (!isdigit((unsigned char)s[k]))
			return 0;
	h = (s[i] - '0') * 10 + (s[i + 1] - '0');
	m = (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
	if (h > 23 || m > 59)
		return 0;
	t->hour = h;
	t->min = m;
	t->hhmm = 1;
	if (j < n && s[j] == 'h' && (j + 1 >= n ||
	    !is_letter((unsigned char)s[j + 1])))
		return j + 1;
	k = skip_sp(s, n, j);
	if ((w = hours_word(s, n, k)) > 0)
		return k + w;
	if (word_at(s, n, k, "utc") || word_at(s, n, k, "gmt"))
		return j;
	if (j < n && (is_letter((unsigned char)s[j]) || s[j] == '/' ||
	    s[j] == ':' || s[j] == '.' || s[j] == '%'))
		return 0;
	t->bare = 1;
	return j;
}

/*
 * One time of day at i: "14:00", "9am", "3 PM", "15h", "15h30",
 * "15 h 30", "noon", "1400 UTC" (hhmm_at()), or a bare number (t->bare,
 * only good as the start of a range).  Returns the end, 0 if none.
 */
static size_t
tod_at(const char *s, size_t n, size_t i, struct tod *t)
{
	size_t	j, k;
	int	h, m;

	memset(t, 0, sizeof(*t));
	if (!word_start(s, i))
		return 0;
	if ((k = word_at(s, n, i, "noon")) || (k = word_at(s, n, i,
	    "midday")) || (k = word_at(s, n, i, "midi")) ||
	    (k = word_at(s, n, i, "mediod\xc3\xad" "a"))) {
		t->hour = 12;
		return i + k;
	}
	if ((k = hhmm_at(s, n, i, t)) > 0)
		return k;
	memset(t, 0, sizeof(*t));
	if ((k = num12(s, n, i, &h)) == 0 || h > 24)
		return 0;
	j = i + k;
	t->hour = h;
	/* "14:00", and "9.00", "6.30pm" (but not "12.05.2025") */
	if (j + 2 < n && (s[j] == ':' || (s[j] == '.' && !(j + 4 < n &&
	    s[j + 3] == '.' && isdigit((unsigned char)s[j + 4])))) &&
	    num12(s, n, j + 1, &m) == 2) {
		if (m > 59)
			return 0;
		t->min = m;
		j += 3;
		k = skip_sp(s, n, j);
		if ((k = ampm_at(s, n, k, &t->ampm)) > 0)
			j = skip_sp(s, n, j) + k;
		else if (j + 1 < n && s[j] == 'h' &&
		    !is_letter((unsigned char)s[j + 1]))
			j++;	/* "16:00h" */
		else if ((k = hours_word(s, n, skip_sp(s, n, j))) > 0)
			j = skip_sp(s, n, j) + k;	/* "9:00 hrs" */
		if (t->ampm && (h == 0 || h > 12))
			return 0;
		return j;
	}
	k = skip_sp(s, n, j);
	if (k < n && s[k] == 'h' && (k == j || k + 1 >= n ||
	    !is_letter((unsigned char)s[k + 1]) ||
	    word_at(s, n, k, "heures") || word_at(s, n, k, "heure") ||
	    word_at(s, n, k, "hrs") || word_at(s, n, k, "hr") ||
	    word_at(s, n, k, "horas") || word_at(s, n, k, "hs"))) {
		size_t w = word_at(s, n, k, "heures") ? 6 :
		    word_at(s, n, k, "heure") ? 5 : word_at(s, n, k, "horas") ?
		    5 : word_at(s, n, k, "hrs") ? 3 : (word_at(s, n, k, "hr") ||
		    word_at(s, n, k, "hs")) ? 2 : 1;

		j = k + w;
		k = skip_sp(s, n, j);
		if (w == 1 && num12(s, n, k, &m) == 2) {
			if (m > 59)
				return 0;
			t->min = m;
			j = k + 2;
		}
		return j;
	}
	if ((k = ampm_at(s, n, skip_sp(s, n, j), &t->ampm)) > 0) {
		if (h == 0 || h > 12)
			return 0;
		return skip_sp(s, n, j) + k;
	}
	if (j < n && (is_letter((unsigned char)s[j]) || s[j] == '/' ||
	    s[j] == ':' || s[j] == '.' || s[j] == '%'))
		return 0;
	t->bare = 1;
	return j;
}

static int
tod_hour24(const struct tod *t)
{
	if (t->ampm == 1)
		return t->hour == 12 ? 0 : t->hour;
	if (t->ampm == 2)
		return t->hour == 12 ? 12 : t->hour + 12;
	return t->hour;
}

/* the zone at i (original-case text o, lowercase s); returns the end */
static size_t
zone_at(const char *o, const char *s, size_t n, size_t i, struct zone *z)
{
	size_t	j, k, best = 0, bj = 0;
	int	sign, h, m = 0, bracket = 0;

	memset(z, 0, sizeof(*z));
	i = skip_sp(s, n, i);
	if (i < n && (s[i] == '(' || s[i] == ',')) {
		bracket = s[i] == '(';
		i = skip_sp(s, n, i + 1);
	}
	/* UTC+2, GMT-05:00 */
	if ((word_start(s, i) && i + 3 < n) && (memcmp(s + i, "utc", 3) == 0 ||
	    memcmp(s + i, "gmt", 3) == 0) && (s[i + 3] == '+' ||
	    s[i + 3] == '-' || (s[i + 3] == ' ' && i + 4 < n &&
	    (s[i + 4] == '+' || s[i + 4] == '-')))) {
		j = i + 3 + (s[i + 3] == ' ');
		sign = s[j] == '-' ? -1 : 1;
		j = skip_sp(s, n, j + 1);
		if ((k = num12(s, n, j, &h)) == 0 || h > 14)
			return 0;
		j += k;
		if (j + 2 < n && s[j] == ':' && num12(s, n, j + 1, &m) == 2)
			j += 3;
		else if (k == 2 && num12(s, n, j, &m) == 2)
			j += 2;
		if (m > 59)
			return 0;
		z->kind = ZONE_FIXED;
		z->off = sign * (h * 60 + m);
		return j;
	}
	if (!word_start(s, i))
		return 0;
	for (j = 0; j < nitems(zones); j++) {
		k = word_at(s, n, i, zones[j].name);
		if (k == 0 || k <= best)
			continue;
		if (zones[j].upper == 1) {
			size_t u;

			for (u = 0; u < k; u++)
				if (o[i + u] < 'A' || o[i + u] > 'Z')
					break;
			if (u < k)
				continue;
		} else if (zones[j].upper == 2 && (o[i] < 'A' || o[i] > 'Z'))
			continue;
		best = k;
		bj = j;
	}
	if (best) {
		z->kind = zones[bj].tz ? ZONE_IANA : ZONE_FIXED;
		z->off = zones[bj].off;
		z->tz = zones[bj].tz;
		return i + best;
	}
	/* "heure de Paris", "hora de Bogotá", "Nairobi time" */
	k = 0;
	if (i + 9 <= n && memcmp(s + i, "heure de ", 9) == 0)
		k = 9;
	else if (i + 8 <= n && memcmp(s + i, "heure d'", 8) == 0)
		k = 8;
	else if (i + 8 <= n && memcmp(s + i, "hora de ", 8) == 0)
		k = 8;
	else if (i + 8 <= n && memcmp(s + i, "hora en ", 8) == 0)
		k = 8;
	else if (i + 9 <= n && memcmp(s + i, "heure du ", 9) == 0)
		k = 9;
	else if (i + 9 <= n && memcmp(s + i, "hora del ", 9) == 0)
		k = 9;
	else if (i + 11 <= n && memcmp(s + i, "horario de ", 11) == 0)
		k = 11;
	else if (i + 8 <= n && memcmp(s + i, "time in ", 8) == 0)
		k = 8;
	/* "a las 11:00 hrs de Chile": a place after the time */
	else if (i + 3 <= n && memcmp(s + i, "de ", 3) == 0)
		k = 3;
	for (j = 0; j < nitems(cities); j++) {
		size_t c = word_at(s, n, i + k, cities[j].name);

		if (c == 0 || c <= best)
			continue;
		if (k == 0 && !(i + c + 5 <= n &&
		    memcmp(s + i + c, " time", 5) == 0) &&
		    !(bracket && i + c < n && s[i + c] == ')'))
			continue;
		best = c;
		bj = j;
	}
	if (best == 0)
		return 0;
	z->kind = ZONE_IANA;
	z->tz = cities[bj].tz;
	if (k == 0 && i + best + 5 <= n &&
	    memcmp(s + i + best, " time", 5) == 0)
		best += 5;
	return i + k + best;
}

/* is the number at i said to be an hour: "a las", "à", "at" before it */
static int
bare_time_ok(const char *s, size_t i)
{
	static const char *const words[] = { "a las ", "a la ", "at ",
		"\xc3\xa0 " };
	size_t q, k;

	for (q = 0; q < nitems(words); q++) {
		k = strlen(words[q]);
		if (i >= k && memcmp(s + i - k, words[q], k) == 0)
			return 1;
	}
	return 0;
}

/*
 * A time or range and its zone at i: "9-10am est", "14:00 utc",
 * "15h-16h30 cet", "from 3 to 4 pm cet", "16:00 (hora de bogotá)".
 */
static size_t
span_at(const char *o, const char *s, size_t n, size_t i, struct span *sp)
{
	size_t		 j, k;
	struct zone	 z;

	memset(sp, 0, sizeof(*sp));
	if ((j = tod_at(s, n, i, &sp->t1)) == 0)
		return 0;
	/* a zone may sit between the two ends: "14:00 UTC - 15:00 UTC" */
	if ((k = zone_at(o, s, n, j, &z)) > 0) {
		sp->zone = z;
		j = k;
	}
	k = skip_sp(s, n, j);
	{
		static const char *const seps[] = { "-", "to", "until",
			"till", "\xc3\xa0", "a", "hasta", "y", "and", "au",
			"jusqu'\xc3\xa0" };
		size_t q, w = 0;

		for (q = 0; q < nitems(seps); q++) {
			w = seps[q][0] == '-' ? (s[k] == '-' ? 1 : 0) :
			    word_at(s, n, k, seps[q]);
			if (w)
				break;
		}
		if (w) {
			k = skip_sp(s, n, k + w);
			if (k + 4 <= n && memcmp(s + k, "las ", 4) == 0)
				k += 4;
			/* "1600-1700 UTC", not "2025 - 14:00" */
			if ((q = tod_at(s, n, k, &sp->t2)) > 0 &&
			    !sp->t2.bare && sp->t2.hhmm == sp->t1.hhmm) {
				sp->has_t2 = 1;
				j = q;
			}
		}
	}
	/* "a las 10 (UTC-5)", "at 3 UTC": a bare hour after a word that
	 * says it is a time, with its zone */
	if (sp->t1.bare && !sp->has_t2) {
		if (!bare_time_ok(s, i) || (sp->zone.kind == ZONE_NONE &&
		    zone_at(o, s, n, j, &z) == 0))
			return 0;
		sp->t1.bare = 0;
	}
	if (sp->has_t2 && sp->t1.ampm == 0 && sp->t2.ampm != 0) {
		/* "9-10am", "11-1pm": the start takes the end's half of
		 * the day unless that puts it after the end */
		sp->t1.ampm = sp->t2.ampm;
		if (sp->t1.hour > 12 || tod_hour24(&sp->t1) * 60 +
		    sp->t1.min > tod_hour24(&sp->t2) * 60 + sp->t2.min)
			sp->t1.ampm = sp->t1.hour > 12 ? 0 : 1;
	}
	if (sp->t1.bare && sp->t1.ampm == 0 && sp->has_t2 &&
	    sp->t2.ampm == 0) {
		/* "9-10:30": 24-hour clock */
		sp->t1.bare = 0;
	}
	if ((k = zone_at(o, s, n, j, &z)) > 0) {
		sp->zone = z;
		j = k;
		if (j < n && s[j] == ')')
			j++;
	}
	/* "before 11:59 pm WAT", "23:59 CET": a deadline, not a start */
	if (!sp->has_t2 && sp->t1.min == 59 && tod_hour24(&sp->t1) == 23)
		return 0;
	sp->end = j;
	return j;
}

/* ---- zones --------------------------------------------------------- */

/*
 * Local wall time in zone z -> UTC; -1 if the zone is not known here.
 * A city's zone is read from the system's zone files (util/tz.c), which
 * touches nothing global: any thread may call this.
 */
static int
zone_to_utc(const struct zone *z, int y, int mo, int d, int h, int mi,
    time_t *out)
{
	time_t t;

	if (z->kind == ZONE_FIXED) {
		if (time_from_utc(y, mo, d, h, mi, 0, &t) == -1)
			return -1;
		*out = t - (time_t)z->off * 60;
		return 0;
	}
	if (z->kind != ZONE_IANA ||
	    tz_local_to_utc(tz_get(z->tz), y, mo, d, h, mi, 0, out) == -1)
		return -1;
	return 0;
}

/* ---- putting it together ------------------------------------------- */

/* "apply by 31 October", "hasta el 15 de agosto": a deadline, not the event */
static int
is_deadline(const char *s, size_t start)
{
	static const char *const words[] = { "by", "until", "till",
		"before", "deadline", "deadline:", "closes", "close",
		"due", "hasta el", "hasta", "antes del", "antes de",
		"plazo", "jusqu'au", "avant le", "date limite",
		"date limite :", "until the", "no later than" };
	size_t i, k, e;

	e = start;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (i = 0; i < nitems(words); i++) {
		k = strlen(words[i]);
		if (e >= k && memcmp(s + e - k, words[i], k) == 0 &&
		    (e == k || !is_alnum((unsigned char)s[e - k - 1])))
			return 1;
	}
	return 0;
}

/* fills the year of d from the post's date */
static int
date_year(struct date *d, time_t posted)
{
	struct tm	tm;
	time_t		t;

	if (d->year)
		return d->day <= mdays(d->year, d->mon) ? 0 : -1;
	if (posted == TIME_NONE || gmtime_r(&posted, &tm) == NULL)
		return -1;
	d->year = tm.tm_year + 1900;
	if (d->day > mdays(d->year, d->mon) && d->mon != 2)
		return -1;
	if (d->day > mdays(d->year, d->mon) ||
	    (time_from_utc(d->year, d->mon, d->day, 0, 0, 0, &t) == 0 &&
	    t < posted - EV_PAST_SLACK))
		d->year++;
	if (d->day > mdays(d->year, d->mon))
		return -1;
	return 0;
}

static int
span_utc(const struct date *d, const struct span *sp, struct event *ev)
{
	time_t	s, e;

	if (zone_to_utc(&sp->zone, d->year, d->mon, d->day,
	    tod_hour24(&sp->t1), sp->t1.min, &s) == -1)
		return -1;
	ev->start = s;
	ev->end = TIME_NONE;
	ev->allday = 0;
	if (sp->has_t2) {
		if (zone_to_utc(&sp->zone, d->year, d->mon, d->day,
		    tod_hour24(&sp->t2), sp->t2.min, &e) == -1)
			return -1;
		if (e <= s)
			e += 86400;
		ev->end = e;
	}
	return 0;
}

/*
 * The first date that starts at or after i: its start, with *d filled
 * (date_at()), or n when there is none.  The same as date_at() at each
 * position in turn, but a date starts a word (so the rest of a word is
 * skipped) with a digit or with the first two bytes of a month name.
 */
static size_t
date_next(const char *s, size_t n, size_t i, struct date *d)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 c;

#ifdef CRIER_SSE2
	{
		unsigned	 prev, nw, st;
		size_t		 j;

		/*
		 * Sixteen bytes at a time: the word starts are the word
		 * bytes after a byte in no word; only those that start with
		 * a digit or a month's first two letters are tried.
		 */
		prev = i == 0 || !month_index.word[u[i - 1]];
		for (; n - i >= 16 && i < n; i += 16) {
			nw = simd_nonword16(u + i);
			st = ~nw & ((nw << 1) | prev) & 0xffff;
			prev = nw >> 15;
			while (st != 0) {
				j = i + (size_t)__builtin_ctz(st);
				st &= st - 1;
				c = u[j];
				if (((c >= '0' && c <= '9') ||
				    (month_index.second[c] &
				    second_bit(u[j + 1]))) &&
				    date_at(s, n, j, d) > 0)
					return j;
			}
		}
	}
#endif
	/* inside a word: to its end */
	if (i > 0 && i < n && is_alnum(u[i - 1]))
		while (i < n && month_index.word[u[i]])
			i++;
	for (;;) {
		while (i < n && !month_index.word[u[i]])
			i++;
		if (i >= n)
			return n;
		/* u[i] starts a word */
		c = u[i];
		if (((c >= '0' && c <= '9') || (month_index.second[c] &
		    second_bit(u[i + 1]))) && date_at(s, n, i, d) > 0)
			return i;
		for (i++; i < n && month_index.word[u[i]]; i++)
			;
	}
}

/* dst[0..n) = src[0..n) with A-Z lowercased, eight bytes at a time */
static void
lower_ascii(char *dst, const char *src, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	const uint64_t	 high = 0x8080808080808080ULL;
	uint64_t	 x, h, up;
	size_t		 i;

	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&x, src + i, 8);
		/* byte-wise, no carry across bytes; high bytes stay */
		h = x & ~high;
		up = (h + ones * (0x80 - 'A')) & ~(h + ones * (0x80 - 'Z' -
		    1)) & ~x & high;
		x |= up >> 2;
		memcpy(dst + i, &x, 8);
	}
	for (; i < n; i++)
		dst[i] = (src[i] >= 'A' && src[i] <= 'Z') ?
		    (char)(src[i] + 32) : src[i];
}

/*
 * The zone of the first city or country the text names ("Mapatón
 * presencial en Lima", "à la Bourse du travail de Paris"): the zone of a
 * time that states none, since people who meet in a city give its time.
 */
static struct wordlist	city_list;
static pthread_once_t	city_once = PTHREAD_ONCE_INIT;

static void
city_list_make(void)
{
	wordlist_make(&city_list, cities, nitems(cities), sizeof(cities[0]));
}

struct city_ctx {
	size_t	at, len, j;	/* the longest name at the place seen */
	int	have;
};

/* names that are also common words do not count */
static int
city_common(size_t j)
{
	return strcmp(cities[j].name, "goma") == 0 ||
	    strcmp(cities[j].name, "jordan") == 0;
}

static int
city_hit(void *ud, size_t at, size_t j, size_t len)
{
	struct city_ctx *cc = ud;

	if (cc->have && at != cc->at && !city_common(cc->j))
		return 1;	/* the first place that names one */
	if (!cc->have || at != cc->at || len > cc->len) {
		cc->at = at;
		cc->len = len;
		cc->j = j;
		cc->have = 1;
	}
	return 0;
}

/* the longest name at the first place that names a city */
static void
city_zone(const char *s, size_t n, struct zone *z)
{
	struct city_ctx cc = { 0, 0, 0, 0 };

	memset(z, 0, sizeof(*z));
	pthread_once(&city_once, city_list_make);
	wordlist_scan(&city_list, s, n, city_hit, &cc);
	if (cc.have && !city_common(cc.j)) {
		z->kind = ZONE_IANA;
		z->tz = cities[cc.j].tz;
	}
}

/*
 * What the reading of one text makes only when asked: most posts state
 * no time, and need neither the zone of a city nor the byte pairs.
 */
struct evtext {
	const char	*s;		/* the text, ASCII lowercased */
	size_t		 n;
	struct bigrams	*bg;		/* its byte pairs, or NULL */
	int		 city_made;
	struct zone	 city;		/* of the first city it names */
};

static const struct bigrams *
evtext_grams(struct evtext *et)
{
	if (et->bg == NULL) {
		et->bg = xmalloc(sizeof(*et->bg));
		bigrams_make(et->bg, et->s, et->n);
	}
	return et->bg;
}

/* the zone of a time that states none */
static const struct zone *
evtext_city(struct evtext *et)
{
	if (!et->city_made) {
		city_zone(et->s, et->n, &et->city);
		et->city_made = 1;
	}
	return &et->city;
}

/* a zoned time near date d (not crossing the dates before and after);
 * a time with no zone takes the zone of the city the text names, if
 * any */
static int
time_near(const char *o, const char *s, size_t n, const struct date *d,
    size_t lo, size_t hi, struct evtext *et, struct event *ev)
{
	const struct zone *fb;

	struct span	sp, sp2;
	struct event	ev2;
	size_t		i, j, from;

	for (i = d->end; i < n && i < hi && i < d->end + EV_AFTER; i++) {
		if (!isdigit((unsigned char)s[i]) && s[i] != 'n' &&
		    s[i] != 'm')
			continue;
		if ((j = span_at(o, s, n, i, &sp)) == 0)
			continue;
		if (sp.zone.kind == ZONE_NONE &&
		    (fb = evtext_city(et))->kind != ZONE_NONE)
			sp.zone = *fb;
		if (sp.zone.kind == ZONE_NONE)
			return 0;	/* a time, but in which zone? */
		if (span_utc(d, &sp, ev) == -1)
			return 0;
		/* "9-10AM EST/ 3-4 PM CET": check the second */
		j = skip_sp(s, n, j);
		if (j < n && (s[j] == '/' || s[j] == '|' || s[j] == ','))
			j = skip_sp(s, n, j + 1);
		if (j < n && s[j] == '(')
			j = skip_sp(s, n, j + 1);
		/* when they disagree UTC wins, else the first stated */
		if (span_at(o, s, n, j, &sp2) > 0 &&
		    sp2.zone.kind != ZONE_NONE &&
		    span_utc(d, &sp2, &ev2) == 0 && ev2.start != ev->start) {
			log_debug("event: second zone disagrees by %lld min",
			    (long long)(ev2.start - ev->start) / 60);
			if (sp2.zone.kind == ZONE_FIXED && sp2.zone.off == 0 &&
			    !(sp.zone.kind == ZONE_FIXED && sp.zone.off == 0))
				*ev = ev2;
		}
		return 1;
	}
	/* "at 14:00 UTC on 3 November" */
	from = d->start > EV_BEFORE ? d->start - EV_BEFORE : 0;
	if (from < lo)
		from = lo;
	for (i = from; i < d->start; i++) {
		if (!isdigit((unsigned char)s[i]) && s[i] != 'n' &&
		    s[i] != 'm')
			continue;
		if ((j = span_at(o, s, n, i, &sp)) == 0 || j > d->start)
			continue;
		if (sp.zone.kind == ZONE_NONE)
			continue;
		if (span_utc(d, &sp, ev) == 0)
			return 1;
	}
	return 0;
}

static struct wordlist	day_list;
static pthread_once_t	day_once = PTHREAD_ONCE_INIT;

static void
day_list_make(void)
{
	wordlist_make(&day_list, days, nitems(days), sizeof(days[0]));
}

struct day_ctx {
	const char		*o, *s;
	size_t			 n, last;
	time_t			 posted;
	struct evtext		*et;
	struct event		*out;
	int			 seen;
};

/*
 * "tuesday the 4th", "jeudi 6": a day of the month after a day's name at
 * s[i..i + k), with no month.  Its date is the first from posted on that
 * day of the month and, within a year, on that weekday (else the first
 * on that day of the month); *end is where it ends.  Returns 0 if there
 * is no such number.
 */
static int
wday_mday(const char *s, size_t n, size_t i, int wday, time_t posted,
    struct tm *out, size_t *end)
{
	struct tm	tm;
	time_t		t;
	size_t		j, k;
	int		mday, mon, step, first = 1;

	j = skip_sp(s, n, i);
	if (j + 4 <= n && memcmp(s + j, "the ", 4) == 0)
		j += 4;
	if ((k = num12(s, n, j, &mday)) == 0 || mday < 1 || mday > 31)
		return 0;
	j += k;
	j += ordinal(s, n, j);
	if (j < n && (is_alnum((unsigned char)s[j]) || s[j] == ':' ||
	    s[j] == '.' || s[j] == '/'))
		return 0;	/* a time or another number, not a day */
	if (month_at(s, n, skip_sp(s, n, j), &mon) > 0)
		return 0;	/* a date, read as one */
	for (step = 0, t = posted; step < 400; step++, t += 86400) {
		if (gmtime_r(&t, &tm) == NULL)
			return 0;
		if (tm.tm_mday != mday)
			continue;
		if (first) {
			*out = tm;	/* the first, if no weekday matches */
			first = 0;
		}
		if (tm.tm_wday == wday) {
			*out = tm;
			break;
		}
	}
	if (first)
		return 0;
	*end = j;
	return 1;
}

/* a day's name at s[i..i + k): its date, and a zoned time near it */
static int
day_hit(void *ud, size_t i, size_t j, size_t k)
{
	struct day_ctx	*dc = ud;
	struct tm	 tm;
	struct date	 d;
	time_t		 t;
	size_t		 end;
	int		 delta;

	/* at one place, the first name listed */
	if (dc->seen && i == dc->last)
		return 0;
	dc->seen = 1;
	dc->last = i;
	if (days[j].wday >= 0 && wday_mday(dc->s, dc->n, i + k,
	    days[j].wday, dc->posted, &tm, &end)) {
		k = end - i;
		goto dated;
	}
	if (gmtime_r(&dc->posted, &tm) == NULL)
		return -1;
	if (days[j].wday < 0)
		delta = -days[j].wday - 1;
	else
		delta = (days[j].wday - tm.tm_wday + 7) % 7;
	if (delta == 0 && i >= 5 && memcmp(dc->s + i - 5, "next ", 5) == 0)
		delta = 7;
	t = dc->posted + (time_t)delta * 86400;
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
dated:
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.mon = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.start = i;
	d.end = i + k;
	if (time_near(dc->o, dc->s, dc->n, &d, i, dc->n, dc->et, dc->out) &&
	    !dc->out->allday)
		return 1;
	return 0;
}

/*
 * "this Wednesday at noon UTC": a weekday with no date is the next such
 * day from the post's (the same day when it is that day; a week on with
 * "next" when it is).  Returns 1 and fills *out when a weekday with a
 * zoned time is found.
 */
static int
weekday_event(const char *o, const char *s, size_t n, time_t posted,
    struct evtext *et, struct event *out)
{
	struct day_ctx dc = { o, s, n, 0, posted, et, out, 0 };

	if (posted == TIME_NONE)
		return 0;
	pthread_once(&day_once, day_list_make);
	return wordlist_scan(&day_list, s, n, day_hit, &dc) == 1;
}

/* does the text postpone an event?  Then its last date is the new one */
static int
postponed(const char *s, const struct bigrams *bg)
{
	static const char *const words[] = { "postpone", "reschedul",
		"new date", "moved to", "moves to", "now take place",
		"aplazad", "pospuest", "reprogramad", "nueva fecha",
		"report\xc3\xa9", "nouvelle date", "pospone", "se aplaza",
		"cambio de fecha", "reportons", "d\303\251cal\303\251",
		"changement de date", "aura finalement lieu", "pushed back",
		"will now be held" };
	size_t i;

	for (i = 0; i < nitems(words); i++)
		if (bigrams_may_hold(bg, words[i], strlen(words[i])) &&
		    strstr(s, words[i]) != NULL)
			return 1;
	return 0;
}

int
event_extract_texts(struct tag_texts *tt, time_t posted, struct event *out)
{
	const struct buf	*f[TAG_TEXT_NFIELDS];
	char			*o, *s;
	struct date		 d, dn, first, prev;
	struct event		 ev;
	size_t			 i, j, k, n, next;
	struct evtext		 et;
	int			 have_first = 0, found = 0, last;

	memset(out, 0, sizeof(*out));
	if (tt->ev_made && tt->ev_posted == posted) {
		/* asked before, by the tagger's signals */
		out->start = tt->ev_start;
		out->end = tt->ev_end;
		out->allday = tt->ev_allday;
		return tt->ev_rc;
	}
	/* "title | summary | content", and its ASCII lowercase */
	n = 0;
	for (k = 0; k < TAG_TEXT_NFIELDS; k++) {
		f[k] = tag_texts_get(tt, (int)k);
		n += f[k]->len + (k ? 3 : 0);
	}
	o = xmalloc(2 * (n + 1));
	s = o + n + 1;
	for (i = k = 0; k < TAG_TEXT_NFIELDS; k++) {
		if (k) {
			memcpy(o + i, " | ", 3);
			i += 3;
		}
		memcpy(o + i, f[k]->s, f[k]->len);
		i += f[k]->len;
	}
	o[n] = '\0';
	lower_ascii(s, o, n + 1);
	memset(&prev, 0, sizeof(prev));
	memset(&first, 0, sizeof(first));
	pthread_once(&month_once, month_index_make);
	memset(&et, 0, sizeof(et));
	et.s = s;
	et.n = n;
	last = -1;
	i = 0;
	while ((i = date_next(s, n, i, &d)) < n) {
		j = d.end;
		if (is_deadline(s, i) || date_year(&d, posted) == -1) {
			i = j;
			continue;
		}
		/* the next date bounds the search after this one */
		next = date_next(s, n, j, &dn);
		if (time_near(o, s, n, &d, prev.end, next, &et, &ev)) {
			*out = ev;
			found = 1;
			if (last == -1)
				last = postponed(s, evtext_grams(&et));
			if (!last)
				break;
		}
		if (!have_first) {
			first = d;
			have_first = 1;
		}
		prev = d;
		/* NOTE: date_next() found no date in [j, next) */
		i = next;
	}
	if (!found && !have_first && weekday_event(o, s, n, posted, &et,
	    &ev)) {
		*out = ev;
		found = 1;
	}
	if (!found && have_first &&
	    time_from_utc(first.year, first.mon, first.day, 0, 0, 0,
	    &out->start) == 0) {
		out->end = TIME_NONE;
		out->allday = 1;
		found = 1;
	}
	free(et.bg);
	free(o);
	tt->ev_made = 1;
	tt->ev_posted = posted;
	tt->ev_rc = found;
	tt->ev_start = out->start;
	tt->ev_end = out->end;
	tt->ev_allday = out->allday;
	return found;
}

int
event_ahead(const struct event *ev, time_t posted)
{
	return ev->start / 86400 >= posted / 86400 &&
	    ev->start - posted <= EVENT_AHEAD;
}

int
event_stated(const struct event *ev, time_t posted)
{
	return !ev->allday && event_ahead(ev, posted);
}

int
event_extract(const struct entry *e, time_t posted, struct event *out)
{
	struct tag_texts	tt;
	int			found;

	tag_texts_init(&tt, e);
	found = event_extract_texts(&tt, posted, out);
	tag_texts_release(&tt);
	return found;
}
