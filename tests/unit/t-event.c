/* tests/unit/t-event.c: announced dates, times and zones become UTC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "parse/feed.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "util/buf.h"
#include "../tap.h"

/*
 * want: "" no event; "2022-10-27" a date-only event; else
 * "START" or "START..END" in RFC 3339.
 */
static const struct {
	const char	*title, *summary, *posted, *want;
} cases[] = {
	/* the Engine Room example: EST and CET name New York's and Paris's
	 * time, both on summer time that day (EDT, CEST): consistent */
	{ "Community call: digital security for humanitarians",
	  "Join us on 27 October, 9-10AM EST/ 3-4 PM CET.",
	  "2022-10-20T09:00:00Z",
	  "2022-10-27T13:00:00Z..2022-10-27T14:00:00Z" },
	{ "Office hours", "Thursday, Nov 3rd at 14:00 UTC",
	  "2022-10-25T12:00:00Z", "2022-11-03T14:00:00Z" },
	{ "Webinar: open data", "October 27 at 3pm CET",
	  "2022-10-01T08:00:00Z", "2022-10-27T13:00:00Z" },
	{ "AMA", "Join our AMA on 12/05 at 3pm CET?",
	  "2022-11-20T08:00:00Z", "" },
	{ "Webinaire", "Rendez-vous le 5 d\xc3\xa9" "cembre \xc3\xa0 15h (heure de Paris).",
	  "2022-11-20T08:00:00Z", "2022-12-05T14:00:00Z" },
	{ "Conversatorio virtual",
	  "El 10 de noviembre, 16:00 (hora de Bogot\xc3\xa1), conversamos.",
	  "2022-11-01T08:00:00Z", "2022-11-10T21:00:00Z" },
	{ "Town hall", "Wednesday 8 March: 9:00-10:30 GMT",
	  "2023-02-20T08:00:00Z",
	  "2023-03-08T09:00:00Z..2023-03-08T10:30:00Z" },
	{ "Atelier en ligne", "Le 14 f\xc3\xa9vrier, 15h-16h30 CET.",
	  "2023-01-30T08:00:00Z",
	  "2023-02-14T14:00:00Z..2023-02-14T15:30:00Z" },
	/* Paris in summer is UTC+2: the zone data, not a table */
	{ "Webinaire", "Le 20 juin \xc3\xa0 10h (heure de Paris).",
	  "2023-06-01T08:00:00Z", "2023-06-20T08:00:00Z" },
	{ "Save the date", "Our next community call is on 3 March.",
	  "2023-02-01T08:00:00Z", "2023-03-03" },
	/* a time without a zone is not guessed */
	{ "AMA", "Ask us anything on 15 May at 4pm.",
	  "2023-05-01T08:00:00Z", "2023-05-15" },
	/* early January announced in December: next year */
	{ "Town hall", "Join us on 12 January at 14:00 UTC.",
	  "2022-12-15T08:00:00Z", "2023-01-12T14:00:00Z" },
	/* no date, no event */
	{ "Weekly call", "Every week at 9:00-10:30 GMT.",
	  "2023-01-10T08:00:00Z", "" },
	{ "Webinar", "On 7 September, 2-3pm Nairobi time.",
	  "2023-08-20T08:00:00Z",
	  "2023-09-07T11:00:00Z..2023-09-07T12:00:00Z" },
	/* New York switched to EDT on 12 March 2023 */
	{ "AMA", "Tuesday 14 March 2023, 11am New York time",
	  "2023-03-01T08:00:00Z", "2023-03-14T15:00:00Z" },
	{ "Office hours", "Dec 6, 1-2 PM ET",
	  "2022-11-28T08:00:00Z",
	  "2022-12-06T18:00:00Z..2022-12-06T19:00:00Z" },
	{ "Town hall", "Thursday 9 Feb, 11-1pm PST",
	  "2023-02-01T08:00:00Z",
	  "2023-02-09T19:00:00Z..2023-02-09T21:00:00Z" },
	{ "Webinar", "21 April 2023 at 10:00 (UTC+3)",
	  "2023-04-01T08:00:00Z", "2023-04-21T07:00:00Z" },
	{ "Conversatorio",
	  "Jueves 25 de mayo, de 10:00 a 11:30 a. m. (hora de Lima)",
	  "2023-05-10T08:00:00Z",
	  "2023-05-25T15:00:00Z..2023-05-25T16:30:00Z" },
	{ "Rencontre", "Rencontre le 1er d\xc3\xa9" "cembre.",
	  "2022-11-10T08:00:00Z", "2022-12-01" },
	/* the time before the date */
	{ "Webinaire", "\xc3\x80 15h (heure de Paris) le 5 d\xc3\xa9" "cembre.",
	  "2022-11-20T08:00:00Z", "2022-12-05T14:00:00Z" },
	/* French "et" is not Eastern Time */
	{ "Atelier", "Le 3 mars \xc3\xa0 15h et 16h.",
	  "2023-02-20T08:00:00Z", "2023-03-03" },
	{ "Webinar", "2023-05-04 at 13:00 UTC",
	  "2023-04-20T08:00:00Z", "2023-05-04T13:00:00Z" },
	/* markup and references in the summary */
	{ "Community call",
	  "<p>Join us on <strong>27&nbsp;October</strong> at 9&nbsp;AM&nbsp;EST</p>",
	  "2022-10-20T08:00:00Z", "2022-10-27T13:00:00Z" },
	/* the first date with a zoned time wins over an earlier bare date */
	{ "Webinar", "Registration closes 20 October. The webinar is on 27 October at 16:00 CEST.",
	  "2022-10-10T08:00:00Z", "2022-10-27T14:00:00Z" },
	{ "Webinar", "Register now for our webinar on November 15th, 2022 from 10 to 11:30 a.m. EST",
	  "2022-11-01T08:00:00Z",
	  "2022-11-15T15:00:00Z..2022-11-15T16:30:00Z" },
	{ "Conversatorio", "S\xc3\xa1" "bado 3 de junio a las 11 h (hora de M\xc3\xa9xico)",
	  "2023-05-20T08:00:00Z", "2023-06-03T17:00:00Z" },
	{ "Webinar", "Join us at noon ET on June 8",
	  "2023-05-20T08:00:00Z", "2023-06-08T16:00:00Z" },
	{ "Webinar", "Unknown zone: 8 June at 10:00 Atlantis time",
	  "2023-05-20T08:00:00Z", "2023-06-08" },
	{ "Post", "Nothing to see here, 24/7 support and 3 pm tea.",
	  "2023-05-20T08:00:00Z", "" },
	/* an abbreviation names its zone, read with the rules of the date:
	 * EST in July is New York's summer time */
	{ "Webinar", "10 July at 11am EST", "2025-07-01T08:00:00Z",
	  "2025-07-10T15:00:00Z" },
	{ "Webinar", "10 January at 11am EDT", "2025-01-01T08:00:00Z",
	  "2025-01-10T16:00:00Z" },
	{ "Call", "24 September, 15:00-16:30 CET", "2025-09-10T08:00:00Z",
	  "2025-09-24T13:00:00Z..2025-09-24T14:30:00Z" },
	/* US words after a time */
	{ "Office hours", "April 17, 10-11 a.m. Eastern", "2025-04-03T08:00:00Z",
	  "2025-04-17T14:00:00Z..2025-04-17T15:00:00Z" },
	{ "Webinar", "December 9, from 12 to 1 PM Pacific",
	  "2025-11-25T08:00:00Z",
	  "2025-12-09T20:00:00Z..2025-12-09T21:00:00Z" },
	/* a city or a country alone in brackets; "9.00", "6.30pm" */
	{ "Dialogue", "4 December, 10:00-11:30 (Bogot\xc3\xa1)",
	  "2025-11-20T08:00:00Z",
	  "2025-12-04T15:00:00Z..2025-12-04T16:30:00Z" },
	{ "Info session", "20 May at 9.00 (Nairobi time)",
	  "2025-05-06T08:00:00Z", "2025-05-20T06:00:00Z" },
	{ "Webinar", "14 October at 6.30pm (London)", "2025-10-01T08:00:00Z",
	  "2025-10-14T17:30:00Z" },
	{ "Webinar", "9 March at 15:00 (Kenya)", "2025-03-01T08:00:00Z",
	  "2025-03-09T12:00:00Z" },
	/* no time in "2.10" or "12.05"; a day.month.year date */
	{ "Release", "Version 2.10 ships on 12.05.2025", "2025-05-01T08:00:00Z",
	  "2025-05-12" },
	{ "Q&A", "Online on 24.09.2025, 15:00 CEST", "2025-09-15T12:00:00Z",
	  "2025-09-24T13:00:00Z" },
	{ "AMA", "Tuesday, Jan. 20, at noon Eastern", "2026-01-12T14:05:00Z",
	  "2026-01-20T17:00:00Z" },
	{ "Seminario web", "el martes 22 de julio, 10 am hora del Pac\xc3\xad"
	  "fico", "2025-07-10T16:00:00Z", "2025-07-22T17:00:00Z" },
	{ "Version", "build 31.12.1999 and 30.02.2026", "2025-01-01T08:00:00Z",
	  "" },
	/* two days: the first */
	{ "Formation", "les jeudi 24 et vendredi 25 avril 2025 \xc3\xa0 9h UTC",
	  "2025-04-04T10:00:00Z", "2025-04-24T09:00:00Z" },
	{ "Workshop", "on 3 and 4 June at 10:00 UTC", "2025-05-20T08:00:00Z",
	  "2025-06-03T10:00:00Z" },
	{ "Hackathon", "the 12 y 13 de julio, 10:00 UTC", "2025-06-20T08:00:00Z",
	  "2025-07-12T10:00:00Z" },
	{ "Training", "live on 3, 10, 17 and 24 March 2026, 14:00 UTC",
	  "2026-01-29T10:00:00Z", "2026-03-03T14:00:00Z" },
	/* a range with weekdays: its first day */
	{ "Atelier", "du mardi 21 au jeudi 23 octobre 2025, de 8 h 30 \xc3\xa0 "
	  "17 h UTC", "2025-09-30T10:00:00Z",
	  "2025-10-21T08:30:00Z..2025-10-21T17:00:00Z" },
	/* a place after the time; Chile is on UTC-4 in May */
	{ "Conversatorio", "jueves 22 de mayo de 2025, a las 11:00 hrs de Chile",
	  "2025-05-12T14:00:00Z", "2025-05-22T15:00:00Z" },
	/* a weekday or "tonight" with no date: from the post's date */
	{ "Live session", "This Wednesday at 15:00 UTC.",
	  "2025-06-16T10:00:00Z", "2025-06-18T15:00:00Z" },
	{ "Space", "Join us tonight at 8PM EAT.", "2025-09-02T09:00:00Z",
	  "2025-09-02T17:00:00Z" },
	/* two zones that disagree: UTC wins */
	{ "AMA", "On 14 June at 1pm EST (17:00 UTC).", "2025-06-01T08:00:00Z",
	  "2025-06-14T17:00:00Z" },
	/* a postponement: the new date */
	{ "Postponed", "The webinar of 2 October at 16:00 UTC is postponed "
	  "to 9 October at 16:00 UTC.", "2025-09-29T08:00:00Z",
	  "2025-10-09T16:00:00Z" },
	/* day first after a Spanish or French word; a bare hour after
	 * "a las" with its zone */
	{ "Reuni\xc3\xb3n", "Se re\xc3\xbane el 06/05 a las 15:00 UTC.",
	  "2025-04-29T08:00:00Z", "2025-05-06T15:00:00Z" },
	{ "Di\xc3\xa1logo", "Mi\xc3\xa9rcoles 16 de julio, a las 10 (UTC-5).",
	  "2025-07-07T08:00:00Z", "2025-07-16T15:00:00Z" },
	/* a time with no zone takes that of the city the post names */
	{ "Mapat\xc3\xb3n presencial en Lima",
	  "S\xc3\xa1" "bado 14 de junio de 9:00 a 13:00.",
	  "2025-06-01T08:00:00Z",
	  "2025-06-14T14:00:00Z..2025-06-14T18:00:00Z" },
	/* four digits of a 24-hour clock, and numbers that are not */
	{ "Ask the experts", "Live on 4 November at 1400 UTC.",
	  "2025-10-27T09:00:00Z", "2025-11-04T14:00:00Z" },
	{ "Community meetup", "1600-1700 UTC on Saturday, August 23.",
	  "2025-08-14T09:00:00Z",
	  "2025-08-23T16:00:00Z..2025-08-23T17:00:00Z" },
	{ "Briefing", "Member states briefing, 12 May, 0930 hrs (GMT+3).",
	  "2025-05-02T09:00:00Z", "2025-05-12T06:30:00Z" },
	/* a weekday and a day of the month, no month: the next such */
	{ "Ask the experts", "Tuesday the 4th at 1400 UTC.",
	  "2025-10-27T09:00:00Z", "2025-11-04T14:00:00Z" },
	{ "Taller virtual", "Nos vemos el pr\xc3\xb3ximo jueves 6 a las 3 de "
	  "la tarde (hora de Ciudad de M\xc3\xa9xico).",
	  "2025-02-27T09:00:00Z", "2025-03-06T21:00:00Z" },
	{ "Office hours", "Thursday 14:00 UTC, as every week.",
	  "2025-02-24T09:00:00Z", "2025-02-27T14:00:00Z" },
	{ "Mapathon", "On 10 June: 1200-1300 mappers expected.",
	  "2025-06-01T09:00:00Z", "2025-06-10" },
	{ "Report launch", "On 10 June, the 2025 - 14:00 UTC edition.",
	  "2025-06-01T09:00:00Z", "2025-06-10T14:00:00Z" },
	/* "hrs" after the time, the half of the day in words, Quebec's
	 * abbreviations, "heure du" a region */
	{ "Seminario web", "11 de marzo a las 9:00 hrs (GMT-3).",
	  "2025-02-20T12:00:00Z", "2025-03-11T12:00:00Z" },
	{ "Charla", "El 11 de marzo a las 5 de la tarde (hora de Lima).",
	  "2025-02-20T12:00:00Z", "2025-03-11T22:00:00Z" },
	{ "Webinaire", "Le mercredi 12 mars \xc3\xa0 13 h (HNE).",
	  "2025-02-20T12:00:00Z", "2025-03-12T17:00:00Z" },
	{ "Webinaire", "Le 11 mars \xc3\xa0 9 h 30 (heure du Qu\xc3\xa9" "bec).",
	  "2025-02-20T12:00:00Z", "2025-03-11T13:30:00Z" },
	{ "Webinaire", "Le 11 mars \xc3\xa0 9 h (heure d'Alger).",
	  "2025-02-20T12:00:00Z", "2025-03-11T08:00:00Z" },
	/* "se pospone": the new date is the event's */
	{ "Se pospone el conversatorio", "El conversatorio del 6 de marzo se "
	  "pospone al jueves 13 de marzo a las 10:00 (hora de Bogot\xc3\xa1).",
	  "2025-02-20T12:00:00Z", "2025-03-13T15:00:00Z" },
};

static void
fmt_event(const struct event *ev, char *out, size_t len)
{
	char a[32] = "", b[32] = "";

	time_rfc3339(ev->start, a, sizeof(a));
	if (ev->allday) {
		snprintf(out, len, "%.10s", a);
		return;
	}
	if (ev->end != TIME_NONE) {
		time_rfc3339(ev->end, b, sizeof(b));
		snprintf(out, len, "%s..%s", a, b);
	} else
		snprintf(out, len, "%s", a);
}

static time_t
parse_utc(const char *s)
{
	int y, mo, d, h, mi, sec;
	time_t t;

	if (sscanf(s, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6 ||
	    time_from_utc(y, mo, d, h, mi, sec, &t) == -1)
		return TIME_NONE;
	return t;
}

int
main(void)
{
	size_t i;

	plan((int)nitems(cases) + 4);
	for (i = 0; i < nitems(cases); i++) {
		struct entry	e;
		struct event	ev;
		char		got[80] = "";

		memset(&e, 0, sizeof(e));
		e.title = (char *)cases[i].title;
		e.summary = (char *)cases[i].summary;
		if (event_extract(&e, parse_utc(cases[i].posted), &ev))
			fmt_event(&ev, got, sizeof(got));
		is_str(got, cases[i].want, "%s | %s", cases[i].title,
		    cases[i].summary);
	}
	{
		/* from texts shared with the tagger, reused entry after
		 * entry: the same events */
		struct tag_texts	tt;
		struct entry		e;
		struct event		ev1, ev2;
		int			f1, f2, same = 1;

		tag_texts_init(&tt, NULL);
		for (i = 0; i < nitems(cases); i++) {
			memset(&e, 0, sizeof(e));
			e.title = (char *)cases[i].title;
			e.summary = (char *)cases[i].summary;
			tag_texts_reset(&tt, &e);
			(void)tag_texts_get(&tt, TAG_TEXT_TITLE);
			f1 = event_extract_texts(&tt, parse_utc(cases[i].posted),
			    &ev1);
			f2 = event_extract(&e, parse_utc(cases[i].posted),
			    &ev2);
			if (f1 != f2 || (f1 && (ev1.start != ev2.start ||
			    ev1.end != ev2.end || ev1.allday != ev2.allday))) {
				printf("# differs: %s\n", cases[i].summary);
				same = 0;
			}
		}
		tag_texts_release(&tt);
		ok(same, "event_extract_texts: as event_extract");
	}
	{
		/* the same event wherever the text falls in the scanners'
		 * sixteen-byte blocks: after a word of 0 to 33 letters */
		struct buf	 b = BUF_INIT;
		struct entry	 e;
		struct event	 ev1, ev2;
		size_t		 k;
		int		 f1, f2, bad = 0;

		for (i = 0; i < nitems(cases); i++) {
			memset(&e, 0, sizeof(e));
			e.title = (char *)cases[i].title;
			e.summary = (char *)cases[i].summary;
			f1 = event_extract(&e, parse_utc(cases[i].posted), &ev1);
			for (k = 0; k < 34; k++) {
				buf_reset(&b);
				buf_addf(&b, "%.*s %s", (int)k,
				    "qwzqwzqwzqwzqwzqwzqwzqwzqwzqwzqwzq",
				    cases[i].summary);
				e.summary = b.s;
				f2 = event_extract(&e,
				    parse_utc(cases[i].posted), &ev2);
				if (f1 != f2 || (f1 && (ev1.start != ev2.start ||
				    ev1.end != ev2.end ||
				    ev1.allday != ev2.allday))) {
					if (bad++ < 3)
						printf("# shifted by %zu: %s\n", k,
						    cases[i].summary);
				}
			}
		}
		buf_release(&b);
		ok(bad == 0, "the same events after a word of any length "
		    "(%d differ)", bad);
	}
	{
		/* TZ is restored after a city lookup */
		struct entry	e;
		struct event	ev;
		const char	*tz;
		char		 before[64];

		tz = getenv("TZ");
		snprintf(before, sizeof(before), "%s", tz ? tz : "(unset)");
		memset(&e, 0, sizeof(e));
		e.summary = (char *)"On 7 September, 2pm Nairobi time";
		event_extract(&e, parse_utc("2023-08-20T08:00:00Z"), &ev);
		tz = getenv("TZ");
		is_str(tz ? tz : "(unset)", before,
		    "TZ restored after a lookup");
		/* without a post date the year is unknown: no guess */
		e.summary = (char *)"Town hall on 3 March at 14:00 UTC";
		is_int(event_extract(&e, TIME_NONE, &ev), 0,
		    "no post date and no year: no event");
	}
	return done_testing();
}
