/*
 * tests/unit/t-announce.c: an announcement is told from a report of one
 * by its signals, and a [tag] rule with `signals =` gives its tag on that
 * decision, with its match lines adding and its exclude lines vetoing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "announce.h"
#include "conf.h"
#include "parse/date.h"
#include "parse/feed.h"
#include "tag.h"
#include "util/time.h"
#include "util/xmalloc.h"
#include "../tap.h"

/* want: 'c' a community call (and an event), 'e' an event, '-' neither */
static const struct {
	const char	*title, *summary, *category, *posted;
	char		 want;
	const char	*why;		/* a signal the explanation names */
} cases[] = {
	{ "Community call: consent in crisis settings",
	  "Join us on 8 April at 14:00 UTC.", NULL, "2025-03-25T10:00:00Z",
	  'c', "+invitation 'join us'" },
	/* no format word, but online at a time ahead, with an invitation:
	 * a call; an online conference stays an event */
	{ "Your questions on the fund", "Our team will be online to answer "
	  "them on 5 June 2030, 14:00 UTC. Save your spot.", NULL,
	  "2030-05-20T10:00:00Z", 'c', "+online at a time ahead" },
	{ "Open Data Summit 2030", "The summit is online on 5 June 2030, "
	  "14:00 UTC. Register now.", NULL, "2030-05-20T10:00:00Z", 'e',
	  "+format 'summit'" },
	/* registration links written in the text */
	{ "Info session: the open data fund",
	  "Register at lu.ma/fund-info for 3 June 2030, 15:00 UTC.", NULL,
	  "2030-05-20T10:00:00Z", 'c', "+link 'lu.ma/'" },
	{ "Webinar: open maps", "Sign up at example.org/register for 4 June "
	  "2030, 15:00 UTC.", NULL, "2030-05-20T10:00:00Z", 'c',
	  "+link '/register'" },
	{ "Webinar: safer phones", "We meet on Jitsi, 5 June 2030 at 15:00 "
	  "UTC.", NULL, "2030-05-20T10:00:00Z", 'c', "+link 'jitsi'" },
	{ "Thank you for joining our community call",
	  "Thanks to everyone who joined on 8 April at 14:00 UTC.", NULL,
	  "2025-04-09T10:00:00Z", '-', "-past" },
	{ "Recording: webinar on encryption",
	  "The recording of the 2 April webinar is now online.", "Webinars",
	  "2025-04-05T10:00:00Z", '-', "-past 'recording'" },
	{ "Cancelled: April community call",
	  "We have to cancel the call planned for 8 April at 14:00 UTC.",
	  NULL, "2025-04-04T10:00:00Z", '-', "-cancelled" },
	{ "Postponed: our community call moves to 20 May",
	  "The new date is 20 May, 3-4 PM CEST; same link.", NULL,
	  "2025-05-08T10:00:00Z", 'c', "+postponed to a new date" },
	{ "Postponed: webinar on spyware",
	  "The webinar planned for 13 April is postponed. A new date will "
	  "be announced.", NULL, "2025-04-11T10:00:00Z", '-', "-no new date" },
	{ "Now hiring: Community Manager",
	  "You will run our monthly community calls. Apply by 10 October.",
	  NULL, "2025-09-25T10:00:00Z", '-', "-job" },
	{ "We're hiring a Tech Lead",
	  "Join our info call for candidates on 12 March at 16:00 CET.", NULL,
	  "2025-03-03T10:00:00Z", 'c', "+format 'info call'" },
	{ "Civil society calls on the EU to ban spyware",
	  "Over 100 groups call on EU institutions to act.", NULL,
	  "2025-03-04T10:00:00Z", '-', NULL },
	{ "Mapathon in Nairobi",
	  "Join us in person at the iHub on 22 March, 10:00-15:00 EAT.",
	  "Mapathons", "2025-03-10T10:00:00Z", 'e', "-in person" },
	{ "Online workshop: threat modelling",
	  "A hands-on online workshop on 12 November at 10:00 UTC. Sign up.",
	  NULL, "2025-10-30T10:00:00Z", 'e', "+format 'workshop'" },
	{ "Call for session proposals: Digital Rights Forum",
	  "Submit your session proposal by 30 April.", NULL,
	  "2025-03-18T10:00:00Z", 'e', "+call for sessions" },
	{ "Conversatorio virtual: vigilancia biom\xc3\xa9trica",
	  "\xc3\x9anete el 10 de noviembre a las 16:00 (hora de Bogot\xc3\xa1).",
	  NULL, "2025-11-02T10:00:00Z", 'c', "+invitation '\xc3\xbanete'" },
	{ "Webinaire : la loi SREN",
	  "Inscrivez-vous : le 5 d\xc3\xa9" "cembre \xc3\xa0 15h (heure de "
	  "Paris).", NULL, "2025-11-27T10:00:00Z", 'c',
	  "+invitation 'inscrivez-vous'" },
	{ "Digital ID: what next?",
	  "Our monthly call with partners, 6 May at 17:00 UTC.",
	  "Community call", "2025-04-24T10:00:00Z", 'c',
	  "+category 'Community call'" },
	{ "Podcast episode 42: the webinar economy",
	  "Why every organisation runs webinars.", NULL,
	  "2025-05-21T10:00:00Z", '-', NULL },
	/* Spanish and French: postponed, cancelled, past, invitations */
	{ "Se pospone el conversatorio virtual",
	  "Se pospone al jueves 13 de marzo a las 10:00 (hora de "
	  "Bogot\xc3\xa1). Inscr\xc3\xad" "bete.", NULL,
	  "2025-02-20T12:00:00Z", 'c', "+postponed to a new date 'pospone'" },
	{ "Webinaire annul\xc3\xa9",
	  "Nous annulons le webinaire du 6 mars.", NULL,
	  "2025-02-20T12:00:00Z", '-', "-cancelled" },
	{ "Revivez notre webinaire sur la surveillance",
	  "La vid\xc3\xa9o est en ligne. Merci aux intervenantes.", NULL,
	  "2025-02-20T12:00:00Z", '-', "-past 'revivez'" },
	{ "Tertulia virtual: mujeres y tecnolog\xc3\xad" "a",
	  "Ag\xc3\xa9ndate: jueves 6 de marzo, 18:00 (hora de Lima).", NULL,
	  "2025-02-20T12:00:00Z", 'c', "+invitation 'ag\xc3\xa9ndate'" },
	{ "Recuento de la semana",
	  "Agenda: taller el 28 de mayo y webinar mensual el 30 de mayo.",
	  NULL, "2025-05-19T12:00:00Z", 'c', "+events round-up" },
	/* a call for papers for a conference announces the conference */
	{ "Call for papers: Data Justice 2030 conference",
	  "The lab invites submissions for its conference, to be held in "
	  "Cardiff on 9-10 June 2030. Abstracts should be submitted by 15 "
	  "January 2030. Read the full call and submit.", "Conference",
	  "2029-11-20T12:00:00Z", 'e', "+call for sessions" },
	/* a reading club that meets online, ahead */
	{ "Reading club: The Age of Surveillance Capitalism, part two",
	  "For part two we read chapters 8 to 10. We meet this coming "
	  "Tuesday at 6pm London time on Jitsi.", NULL,
	  "2030-03-28T10:00:00Z", 'c', "+format 'reading club'" },
	/* said to be on site only, in French */
	{ "Install-party vie priv\xc3\xa9" "e, samedi 17 janvier",
	  "Rendez-vous le samedi 17 janvier 2030 \xc3\xa0 14h, \xc3\xa0 la "
	  "Maison des associations. L'\xc3\xa9v\xc3\xa9nement se tient "
	  "uniquement sur place : il n'y aura pas de diffusion en ligne.",
	  NULL, "2030-01-05T10:00:00Z", 'e', "-not online" },
};

static const char conf[] =
	"[tag \"community-call\"]\n"
	"\tsignals = community-call\n"
	"\tmatch = ^our monthly chat\n"
	"\texclude = members only\n"
	"[tag \"event\"]\n"
	"\tsignals = event\n";

static int
has(const struct tag_result *r, const char *name, const char **src)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->names[i], name) == 0) {
			if (src)
				*src = r->sources[i];
			return 1;
		}
	return 0;
}

static void
entry_of(struct entry *e, char **cat, const char *title, const char *summary,
    const char *category, const char *posted)
{
	memset(e, 0, sizeof(*e));
	e->title = (char *)title;
	e->summary = (char *)summary;
	e->published = e->updated = TIME_NONE;
	if (posted)
		date_parse(posted, &e->published);
	if (category) {
		cat[0] = (char *)category;
		e->categories = cat;
		e->ncategories = 1;
	}
}

int
main(void)
{
	struct config	 c;
	struct tagger	*t;
	size_t		 i;

	plan(2 * (int)nitems(cases) + 5);
	for (i = 0; i < nitems(cases); i++) {
		struct entry	 e;
		struct tag_texts tt;
		struct announce	 a;
		char		*cat[1];
		char		 got;

		entry_of(&e, cat, cases[i].title, cases[i].summary,
		    cases[i].category, cases[i].posted);
		tag_texts_init(&tt, &e);
		announce_read(&tt, &a);
		got = a.kind == ANNOUNCE_CALL ? 'c' :
		    a.event_kind == ANNOUNCE_EVENT ? 'e' : '-';
		ok(got == cases[i].want, "'%s': %c (want %c)", cases[i].title,
		    got, cases[i].want);
		ok(cases[i].why == NULL || strstr(a.why.s, cases[i].why) != NULL,
		    "'%s' says why: %s", cases[i].title, a.why.s);
		announce_release(&a);
		tag_texts_release(&tt);
	}

	config_init(&c);
	if (!ok(config_parse(&c, "t.conf", conf, strlen(conf)) == 0 &&
	    (t = tagger_new(&c)) != NULL, "a config with signals loads"))
		return done_testing();
	{
		struct entry		 e;
		struct tag_result	 r;
		const char		*src = NULL;
		char			*cat[1];

		entry_of(&e, cat, cases[0].title, cases[0].summary, NULL,
		    cases[0].posted);
		tagger_apply(t, NULL, &e, &r);
		ok(has(&r, "community-call", &src) && has(&r, "event", NULL) &&
		    src && strncmp(src, "community-call: signals: +format",
		    32) == 0, "the signals give the tags, and say so: %s",
		    src ? src : "(none)");
		tag_result_release(&r);

		src = NULL;
		entry_of(&e, cat, "Our monthly chat", "No date, no link.", NULL,
		    NULL);
		tagger_apply(t, NULL, &e, &r);
		ok(has(&r, "community-call", &src) && src &&
		    strcmp(src, "community-call: title") == 0,
		    "a match line adds to the decision: %s", src ? src : "-");
		tag_result_release(&r);

		entry_of(&e, cat, cases[0].title, "Members only: join us on 8 "
		    "April at 14:00 UTC.", NULL, cases[0].posted);
		tagger_apply(t, NULL, &e, &r);
		ok(!has(&r, "community-call", NULL) && has(&r, "event", NULL),
		    "an exclude line vetoes the decision");
		tag_result_release(&r);
		tagger_free(t);
	}
	config_release(&c);
	config_init(&c);
	{
		static const char bad[] = "[tag \"x\"]\n\tsignals = maybe\n";

		ok(config_parse(&c, "t.conf", bad, strlen(bad)) == -1,
		    "an unknown signals value is a config error");
	}
	config_release(&c);
	return done_testing();
}
