/*
 * announce.c: one decision, from several signals, on whether an entry
 * announces a live event, and one people join online.
 *
 * A word list cannot tell "join our community call on 5 June" from
 * "thank you to everyone who joined our community call": a format word
 * says what kind of thing a post is about, not whether it is coming.
 * So the signals are read apart and weighed:
 *
 *   for     the format in the title (+1); an invitation ("join us",
 *           "register", "inscríbete", "rejoignez-nous": +1); a link to a
 *           meeting platform, an events site or a form (+1); an event
 *           date on or after the post's date, within months (+1, +2
 *           with a time); a category such as "Events" (+1)
 *   against a past event (recording, recap, "thanks for joining", a date
 *           before the post), a cancellation (unless a postponement
 *           gives a new date ahead), a job ad, "calls on governments",
 *           an in-person venue (an event, not a call)
 *
 * A community call needs an online format (webinar, community call,
 * Space, livestream, Q&A, office hours, or any meeting said to be
 * online) and a score of 2; an event any event format and the same
 * score, or a call for session proposals.  The phrases are lowercase, as
 * tag_text() makes the text; a '*' at the end lets a word go on
 * ("webinar*": webinars, webinaire, webinario).  They are matched at
 * word starts, all in one pass (util/wordlist.h).
 */
#include "config.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "announce.h"
#include "event.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/time.h"
#include "util/wordlist.h"
#include "util/xmalloc.h"


enum sig {
	SIG_CALL,		/* an online format */
	SIG_MEET,		/* any event format */
	SIG_ONLINE,
	SIG_INVITE,
	SIG_LINK,
	SIG_PAST,
	SIG_CANCEL,
	SIG_POSTPONE,
	SIG_JOB,
	SIG_NOTEVENT,
	SIG_CFP,		/* a call for session proposals */
	SIG_ROUNDUP,		/* the events of the week */
	SIG_INPERSON,
	SIG_BIG,		/* a conference: an event, online or not */
	SIG_NODATE,		/* "a new date will be announced" */
	SIG_CFPG,		/* a call for proposals: sessions or money */
	SIG_OFFLINE,		/* "in person only", "not streamed" */
	SIG_TOPIC,		/* "online" as a topic: "online violence" */
	SIG_N
};

static const char *const sig_names[SIG_N] = {
	"format", "format", "online", "invitation", "link", "past",
	"cancelled", "postponed", "job", "not an event", "call for sessions",
	"events round-up", "in person", "format", "no new date",
	"call for proposals", "not online", "topic",
};

static const struct phrase {
	const char	*s;
	unsigned char	 sig;
} phrases[] = {
	/* online formats (English, Spanish, French) */
	{ "community call*", SIG_CALL }, { "webinar*", SIG_CALL },
	{ "web seminar*", SIG_CALL }, { "webcast*", SIG_CALL },
	{ "town hall*", SIG_CALL }, { "townhall*", SIG_CALL },
	{ "office hours", SIG_CALL }, { "ask me anything", SIG_CALL },
	{ "ask us anything", SIG_CALL }, { "ask our", SIG_CALL },
	{ "ama", SIG_CALL }, { "amas", SIG_CALL }, { "q&a", SIG_CALL },
	{ "q & a", SIG_CALL }, { "q&as", SIG_CALL },
	{ "x space*", SIG_CALL }, { "twitter space*", SIG_CALL },
	{ "spaces:", SIG_CALL }, { "livestream*", SIG_CALL },
	{ "live stream*", SIG_CALL }, { "live-stream*", SIG_CALL },
	{ "watch live", SIG_CALL }, { "live session*", SIG_CALL },
	{ "info call*", SIG_CALL }, { "information call*", SIG_CALL },
	{ "info session*", SIG_CALL }, { "information session*", SIG_CALL },
	{ "informational call*", SIG_CALL }, { "informational session*",
	SIG_CALL }, { "space en x", SIG_CALL }, { "space sur x", SIG_CALL },
	{ "linkedin live", SIG_CALL }, { "instagram live", SIG_CALL },
	{ "facebook live", SIG_CALL }, { "youtube premiere", SIG_CALL },
	{ "premieres on youtube", SIG_CALL }, { "consultorio virtual",
	SIG_CALL }, { "consultorio en l\xc3\xadnea", SIG_CALL },
	{ "space on x", SIG_CALL }, { "space en twitter", SIG_CALL },
	{ "members call*", SIG_CALL }, { "monthly call*", SIG_CALL },
	{ "quarterly call*", SIG_CALL }, { "open call for researchers",
	SIG_CALL }, { "next call", SIG_CALL }, { "join the call", SIG_CALL },
	{ "community hour", SIG_CALL }, { "twitter chat", SIG_CALL },
	{ "appel communautaire", SIG_CALL }, { "appels communautaires",
	SIG_CALL }, { "permanence en ligne", SIG_CALL },
	{ "webinaire*", SIG_CALL }, { "webinario*", SIG_CALL },
	{ "seminario web", SIG_CALL }, { "conversatorio*", SIG_CALL },
	{ "en vivo", SIG_CALL }, { "en directo", SIG_CALL },
	{ "en direct", SIG_CALL }, { "visioconf\xc3\xa9rence*", SIG_CALL },
	{ "videoconferencia*", SIG_CALL }, { "llamada comunitaria", SIG_CALL },
	{ "reuni\xc3\xb3n comunitaria", SIG_CALL },
	{ "sesi\xc3\xb3n informativa", SIG_CALL }, { "sesiones informativas",
	SIG_CALL }, { "session d'information", SIG_CALL },
	{ "s\xc3\xa9" "ance d'information", SIG_CALL },
	{ "r\xc3\xa9union d'information", SIG_CALL }, { "live x", SIG_CALL },
	{ "live twitter", SIG_CALL }, { "community meeting*", SIG_CALL },
	{ "upcoming call", SIG_CALL }, { "instagram live", SIG_CALL },
	{ "facebook live", SIG_CALL }, { "live instagram", SIG_CALL },
	{ "transmisi\xc3\xb3n en vivo", SIG_CALL }, { "webconf\xc3\xa9rence*",
	SIG_CALL }, { "causerie*", SIG_MEET }, { "visio", SIG_CALL },
	{ "visio d'information", SIG_CALL }, { "appel d'information",
	SIG_CALL }, { "streaming", SIG_CALL },
	{ "questions-r\xc3\xa9ponses", SIG_CALL },
	{ "preguntas y respuestas", SIG_CALL },
	{ "fireside chat*", SIG_CALL }, { "lunch and learn", SIG_CALL },
	{ "lunch & learn", SIG_CALL }, { "brown bag", SIG_CALL },
	{ "coffee chat*", SIG_CALL }, { "virtual coffee", SIG_CALL },
	{ "learning call*", SIG_CALL }, { "peer call*", SIG_CALL },
	{ "hangout*", SIG_CALL },
	{ "live q&a", SIG_CALL }, { "tertulia virtual", SIG_CALL },
	{ "sesi\xc3\xb3n abierta", SIG_CALL }, { "en vivo por", SIG_CALL },
	{ "en live", SIG_CALL }, { "live sur", SIG_CALL },
	{ "en visio", SIG_CALL }, { "caf\xc3\xa9 virtuel", SIG_CALL },
	{ "webconferencia*", SIG_CALL }, { "ciclo de webinar*", SIG_CALL },
	{ "drop-in hour*", SIG_CALL }, { "drop-in session*", SIG_CALL },
	{ "goes live", SIG_CALL }, { "go live", SIG_CALL },
	{ "group call", SIG_CALL }, { "check-in call*", SIG_CALL },
	{ "coordination call*", SIG_CALL }, { "debrief call*", SIG_CALL },
	{ "kick-off call*", SIG_CALL }, { "kickoff call*", SIG_CALL },
	{ "appel de coordination", SIG_CALL },
	{ "llamada de coordinaci\xc3\xb3n", SIG_CALL },
	{ "reuni\xc3\xb3n de la comunidad", SIG_CALL },
	{ "will be streamed", SIG_CALL }, { "streamed live", SIG_CALL },
	{ "live chat", SIG_CALL }, { "\xc3\xa9" "change en ligne", SIG_CALL },
	{ "\xc3\xa9" "changes en ligne", SIG_CALL },
	{ "heure d'\xc3\xa9" "change", SIG_CALL },
	{ "live de instagram", SIG_CALL }, { "un live", SIG_CALL },
	/* other event formats */
	{ "conference*", SIG_BIG }, { "summit*", SIG_BIG },
	{ "forum", SIG_BIG }, { "festival*", SIG_BIG },
	{ "symposium*", SIG_BIG }, { "summer school", SIG_BIG },
	{ "assembly", SIG_BIG }, { "hackathon*", SIG_BIG },
	{ "rightscon", SIG_BIG }, { "congress", SIG_BIG },
	{ "congreso", SIG_BIG }, { "foro", SIG_BIG }, { "cumbre", SIG_BIG },
	{ "sommet", SIG_BIG }, { "colloque", SIG_BIG },
	{ "workshop*", SIG_BIG }, { "training*", SIG_BIG },
	{ "bootcamp*", SIG_BIG }, { "taller*", SIG_BIG },
	{ "atelier*", SIG_BIG }, { "capacitaci\xc3\xb3n", SIG_BIG },
	{ "formation", SIG_BIG }, { "cartopartie*", SIG_BIG },
	{ "edit-a-thon*", SIG_BIG }, { "\xc3\xa9" "dit-a-thon*", SIG_BIG },
	{ "mapat\xc3\xb3n*", SIG_MEET },
	{ "caf\xc3\xa9", SIG_MEET }, { "cafe", SIG_MEET },
	{ "meetup*", SIG_MEET },
	{ "meet-up*", SIG_MEET }, { "mapathon*", SIG_MEET },
	{ "cryptopart*", SIG_MEET },
	{ "side event*", SIG_MEET }, { "launch", SIG_MEET },
	{ "launch event*", SIG_MEET }, { "panel", SIG_MEET },
	{ "panels", SIG_MEET }, { "debate*", SIG_MEET },
	{ "dialogue*", SIG_MEET }, { "conversation", SIG_MEET },
	{ "discussion", SIG_MEET }, { "roundtable*", SIG_MEET },
	{ "round table*", SIG_MEET }, { "briefing", SIG_MEET },
	{ "meeting", SIG_MEET }, { "meetings", SIG_MEET },
	{ "working group meet*", SIG_MEET },
	{ "gathering", SIG_MEET }, { "convening", SIG_MEET },
	{ "reading group", SIG_MEET }, { "book club", SIG_MEET },
	{ "reading club", SIG_MEET }, { "club de lecture", SIG_MEET },
	{ "club de lectura", SIG_MEET },
	{ "clinic", SIG_MEET }, { "screening", SIG_MEET },
	{ "seminar", SIG_MEET }, { "seminars", SIG_MEET },
	{ "open forum", SIG_MEET }, { "session", SIG_MEET },
	{ "sessions", SIG_MEET }, { "event", SIG_MEET }, { "events", SIG_MEET },
	{ "encuentro*", SIG_MEET },
	{ "jornada*", SIG_MEET },
	{ "charla*", SIG_MEET }, { "seminario*", SIG_MEET },
	{ "reuni\xc3\xb3n", SIG_MEET }, { "lanzamiento", SIG_MEET },
	{ "mesa redonda", SIG_MEET }, { "di\xc3\xa1logo*", SIG_MEET },
	{ "evento*", SIG_MEET },
	{ "rencontre*", SIG_MEET },
	{ "journ\xc3\xa9" "e d'*", SIG_MEET }, { "table ronde", SIG_MEET },
	{ "d\xc3\xa9" "bat*", SIG_MEET }, { "conf\xc3\xa9rence", SIG_MEET },
	{ "conf\xc3\xa9rences", SIG_MEET }, { "conferencias", SIG_MEET },
	{ "conferencia", SIG_MEET },
	{ "s\xc3\xa9minaire*", SIG_MEET },
	{ "r\xc3\xa9union", SIG_MEET }, { "lancement", SIG_MEET },
	{ "\xc3\xa9v\xc3\xa9nement*", SIG_MEET },
	{ "sesi\xc3\xb3n", SIG_MEET }, { "sesiones", SIG_MEET },
	{ "tertulia*", SIG_MEET }, { "coloquio*", SIG_MEET },
	{ "soir\xc3\xa9" "e*", SIG_MEET }, { "ap\xc3\xa9ro*", SIG_MEET },
	{ "masterclass*", SIG_MEET }, { "talk", SIG_MEET },
	{ "lecture", SIG_MEET }, { "teach-in", SIG_MEET },
	{ "open house", SIG_MEET }, { "listening session*", SIG_MEET },
	{ "demo day", SIG_MEET }, { "datat\xc3\xb3n", SIG_MEET },
	{ "hackat\xc3\xb3n", SIG_MEET }, { "coworking*", SIG_MEET },
	{ "co-working*", SIG_MEET }, { "map together", SIG_MEET },
	{ "mapping party", SIG_MEET }, { "conversaremos", SIG_MEET },
	{ "conversaci\xc3\xb3n", SIG_MEET }, { "s\xc3\xa9" "ance*", SIG_MEET },
	{ "llamada mensual", SIG_CALL }, { "llamadas mensuales", SIG_CALL },
	{ "appel mensuel", SIG_CALL }, { "appels mensuels", SIG_CALL },
	{ "get together", SIG_MEET }, { "exhibition*", SIG_MEET },
	{ "check-in", SIG_MEET },
	{ "assembl\xc3\xa9" "e g\xc3\xa9n\xc3\xa9rale", SIG_MEET },
	{ "general assembly", SIG_MEET }, { "asamblea*", SIG_MEET },
	{ "members' meeting", SIG_MEET }, { "members\xe2\x80\x99 meeting",
	SIG_MEET },
	{ "exposici\xc3\xb3n", SIG_MEET }, { "vernissage", SIG_MEET },
	{ "opening night", SIG_MEET }, { "opening evening", SIG_MEET },
	/* online */
	/* "online" that names a topic, not where people meet: listed
	 * before "online", they hide it (scan_hit()) */
	{ "online violence", SIG_TOPIC }, { "online gender*", SIG_TOPIC },
	{ "online harm*", SIG_TOPIC }, { "online safety", SIG_TOPIC },
	{ "online speech", SIG_TOPIC }, { "online freedom*", SIG_TOPIC },
	{ "online privacy", SIG_TOPIC }, { "online censorship", SIG_TOPIC },
	{ "online expression", SIG_TOPIC }, { "online space*", SIG_TOPIC },
	{ "online civic space*", SIG_TOPIC }, { "online hate", SIG_TOPIC },
	{ "online abuse", SIG_TOPIC }, { "online harassment", SIG_TOPIC },
	{ "online content", SIG_TOPIC }, { "online platform*", SIG_TOPIC },
	{ "online news", SIG_TOPIC }, { "online shopping", SIG_TOPIC },
	{ "online disinformation", SIG_TOPIC }, { "online misinformation",
	SIG_TOPIC }, { "online rights", SIG_TOPIC }, { "online tracking",
	SIG_TOPIC }, { "online surveillance", SIG_TOPIC },
	{ "online security", SIG_TOPIC }, { "online scam*", SIG_TOPIC },
	{ "online fraud", SIG_TOPIC }, { "online advertising", SIG_TOPIC },
	{ "online ads", SIG_TOPIC }, { "online child*", SIG_TOPIC },
	{ "violencia en l\xc3\xadnea", SIG_TOPIC }, { "acoso en l\xc3\xadnea",
	SIG_TOPIC }, { "seguridad en l\xc3\xadnea", SIG_TOPIC },
	{ "odio en l\xc3\xadnea", SIG_TOPIC }, { "espacios en l\xc3\xadnea",
	SIG_TOPIC }, { "expresi\xc3\xb3n en l\xc3\xadnea", SIG_TOPIC },
	{ "violence en ligne", SIG_TOPIC }, { "violences en ligne", SIG_TOPIC },
	{ "haine en ligne", SIG_TOPIC }, { "harc\xc3\xa8lement en ligne",
	SIG_TOPIC }, { "s\xc3\xa9" "curit\xc3\xa9 en ligne", SIG_TOPIC },
	{ "expression en ligne", SIG_TOPIC }, { "contenus en ligne",
	SIG_TOPIC }, { "espace en ligne", SIG_TOPIC },
	/* "online" for what is done apart from the meeting: signing up,
	 * following, a version to browse */
	{ "rsvp online", SIG_TOPIC }, { "register online", SIG_TOPIC },
	{ "sign up online", SIG_TOPIC }, { "petition online", SIG_TOPIC },
	{ "follow us online", SIG_TOPIC }, { "online version", SIG_TOPIC },
	{ "tickets online", SIG_TOPIC }, { "suivez-nous en ligne",
	SIG_TOPIC }, { "inscription en ligne", SIG_TOPIC },
	{ "inscrivez-vous en ligne", SIG_TOPIC }, { "billetterie en ligne",
	SIG_TOPIC }, { "reg\xc3\xadstrate en l\xc3\xadnea", SIG_TOPIC },
	{ "inscripci\xc3\xb3n en l\xc3\xadnea", SIG_TOPIC },
	{ "inscripciones en l\xc3\xadnea", SIG_TOPIC },
	{ "online", SIG_ONLINE }, { "virtual", SIG_ONLINE },
	{ "virtually", SIG_ONLINE }, { "zoom", SIG_ONLINE },
	{ "jitsi", SIG_ONLINE }, { "bigbluebutton", SIG_ONLINE },
	{ "google meet", SIG_ONLINE }, { "microsoft teams", SIG_ONLINE },
	{ "webex", SIG_ONLINE }, { "youtube", SIG_ONLINE },
	{ "en ligne", SIG_ONLINE }, { "retransmis*", SIG_ONLINE },
	{ "en vivo por", SIG_ONLINE }, { "en l\xc3\xadnea", SIG_ONLINE },
	{ "en linea", SIG_ONLINE }, { "virtuel*", SIG_ONLINE },
	{ "\xc3\xa0 distance", SIG_ONLINE }, { "a distancia", SIG_ONLINE },
	{ "enlace", SIG_ONLINE }, { "le lien", SIG_ONLINE },
	{ "m\xc3\xaame lien", SIG_ONLINE }, { "the link", SIG_ONLINE },
	{ "en distanciel", SIG_ONLINE }, { "twitch", SIG_ONLINE },
	{ "whereby", SIG_ONLINE }, { "crowdcast", SIG_ONLINE },
	{ "livestorm", SIG_ONLINE }, { "big blue button", SIG_ONLINE },
	{ "discord", SIG_ONLINE }, { "v\xc3\xad" "a zoom", SIG_ONLINE },
	{ "hybrid", SIG_ONLINE }, { "h\xc3\xad" "brid*", SIG_ONLINE },
	{ "hybride*", SIG_ONLINE }, { "from anywhere", SIG_ONLINE },
	{ "video room", SIG_ONLINE }, { "video call", SIG_ONLINE },
	{ "videollamada", SIG_ONLINE }, { "sala virtual", SIG_ONLINE },
	{ "por meet", SIG_ONLINE }, { "via meet", SIG_ONLINE },
	{ "clubhouse", SIG_ONLINE }, { "peertube", SIG_ONLINE },
	/* online, said in passing: how people join */
	{ "joining details", SIG_ONLINE }, { "joining link", SIG_ONLINE },
	{ "joining instructions", SIG_ONLINE }, { "connection details",
	SIG_ONLINE }, { "meeting link", SIG_ONLINE }, { "dial-in", SIG_ONLINE },
	{ "breakout room*", SIG_ONLINE }, { "camera optional", SIG_ONLINE },
	{ "cameras optional", SIG_ONLINE }, { "the chat", SIG_ONLINE },
	{ "calendar invite", SIG_ONLINE }, { "from wherever you are",
	SIG_ONLINE }, { "connect from your", SIG_ONLINE },
	{ "receive the link", SIG_ONLINE }, { "send you the link",
	SIG_ONLINE }, { "link will be sent", SIG_ONLINE },
	{ "link will be shared", SIG_ONLINE }, { "live captions",
	SIG_ONLINE }, { "enlace de conexi\xc3\xb3n", SIG_ONLINE },
	{ "el enlace se enviar\xc3\xa1", SIG_ONLINE },
	{ "recibir\xc3\xa1n el enlace", SIG_ONLINE },
	{ "lien de connexion", SIG_ONLINE }, { "informations de connexion",
	SIG_ONLINE }, { "le lien sera envoy\xc3\xa9", SIG_ONLINE },
	{ "depuis chez vous", SIG_ONLINE }, { "desde donde est\xc3\xa9s",
	SIG_ONLINE }, { "desde tu casa", SIG_ONLINE },
	/* a time in several zones ("9am PT / 12pm ET / 5pm GMT") is for
	 * people who join from afar */
	{ "pt /", SIG_ONLINE }, { "pdt /", SIG_ONLINE }, { "pst /",
	SIG_ONLINE }, { "edt /", SIG_ONLINE }, { "gmt /", SIG_ONLINE },
	{ "utc /", SIG_ONLINE }, { "cet /", SIG_ONLINE }, { "cest /",
	SIG_ONLINE }, { "bst /", SIG_ONLINE }, { "eat /", SIG_ONLINE },
	{ "wat /", SIG_ONLINE },
	{ "signal group", SIG_ONLINE }, { "on signal", SIG_ONLINE },
	{ "sur meet", SIG_ONLINE }, { "on meet", SIG_ONLINE },
	/* invitations */
	{ "join us", SIG_INVITE }, { "join our", SIG_INVITE },
	{ "join the", SIG_INVITE }, { "join a", SIG_INVITE },
	{ "join on", SIG_INVITE }, { "join in", SIG_INVITE },
	{ "to join", SIG_INVITE }, { "join:", SIG_INVITE },
	{ "you're invited", SIG_INVITE }, { "you are invited", SIG_INVITE },
	{ "we invite you", SIG_INVITE }, { "invite you", SIG_INVITE },
	{ "invites you", SIG_INVITE }, { "are invited", SIG_INVITE },
	{ "is invited", SIG_INVITE }, { "register", SIG_INVITE },
	{ "registration", SIG_INVITE }, { "rsvp", SIG_INVITE },
	{ "sign up", SIG_INVITE }, { "save the date", SIG_INVITE },
	{ "tune in", SIG_INVITE }, { "drop in", SIG_INVITE },
	{ "drop by", SIG_INVITE }, { "come to", SIG_INVITE },
	{ "come along", SIG_INVITE }, { "bring your questions", SIG_INVITE },
	{ "come anyway", SIG_INVITE }, { "we meet this", SIG_INVITE },
	{ "we meet on", SIG_INVITE }, { "we'll meet", SIG_INVITE },
	{ "see you on", SIG_INVITE }, { "nos vemos el", SIG_INVITE },
	{ "on se retrouve", SIG_INVITE },
	{ "set a reminder", SIG_INVITE }, { "reserve your", SIG_INVITE },
	{ "book your", SIG_INVITE }, { "places are limited", SIG_INVITE },
	{ "all welcome", SIG_INVITE }, { "everyone is welcome", SIG_INVITE },
	{ "everyone welcome", SIG_INVITE }, { "open to all", SIG_INVITE },
	{ "are welcome", SIG_INVITE }, { "don't miss", SIG_INVITE },
	{ "map with us", SIG_INVITE }, { "meet us", SIG_INVITE },
	{ "find us", SIG_INVITE }, { "put your questions", SIG_INVITE },
	{ "ask your questions", SIG_INVITE }, { "post your questions",
	SIG_INVITE }, { "\xc3\xbanete", SIG_INVITE }, { "unete", SIG_INVITE },
	{ "inscr\xc3\xad" "bete", SIG_INVITE }, { "inscribete", SIG_INVITE },
	{ "reg\xc3\xadstrate", SIG_INVITE }, { "registrate", SIG_INVITE },
	{ "te invitamos", SIG_INVITE }, { "les invitamos", SIG_INVITE },
	{ "los invitamos", SIG_INVITE }, { "invitamos a", SIG_INVITE },
	{ "acomp\xc3\xa1\xc3\xb1" "anos", SIG_INVITE },
	{ "participa", SIG_INVITE }, { "participe*", SIG_INVITE },
	{ "inscripci\xc3\xb3n", SIG_INVITE }, { "inscripciones", SIG_INVITE },
	{ "reserva la fecha", SIG_INVITE }, { "no te pierdas", SIG_INVITE },
	{ "rejoignez*", SIG_INVITE }, { "inscrivez-vous", SIG_INVITE },
	{ "inscription*", SIG_INVITE }, { "nous vous invitons", SIG_INVITE },
	{ "vous invite*", SIG_INVITE }, { "participez", SIG_INVITE },
	{ "r\xc3\xa9servez", SIG_INVITE }, { "\xc3\xa0 vos agendas",
	SIG_INVITE }, { "ne manquez pas", SIG_INVITE },
	{ "retrouvez-nous", SIG_INVITE }, { "venez", SIG_INVITE },
	{ "a reminder", SIG_INVITE }, { "reminder:", SIG_INVITE },
	{ "rendez-vous", SIG_INVITE }, { "te esperamos", SIG_INVITE },
	{ "les esperamos", SIG_INVITE }, { "los esperamos", SIG_INVITE },
	{ "nous vous attendons", SIG_INVITE }, { "reserva tu lugar",
	SIG_INVITE }, { "ouvert \xc3\xa0 tou*", SIG_INVITE },
	{ "abierto al p\xc3\xba" "blico", SIG_INVITE }, { "entrada libre",
	SIG_INVITE }, { "entr\xc3\xa9" "e libre", SIG_INVITE },
	{ "recordatorio", SIG_INVITE }, { "rappel :", SIG_INVITE },
	{ "save your spot", SIG_INVITE }, { "save your seat", SIG_INVITE },
	{ "grab your", SIG_INVITE }, { "claim your", SIG_INVITE },
	{ "free to attend", SIG_INVITE }, { "free and open", SIG_INVITE },
	{ "mark your calendar*", SIG_INVITE }, { "add it to your",
	SIG_INVITE }, { "add to calendar", SIG_INVITE },
	{ "come join", SIG_INVITE }, { "hop on", SIG_INVITE },
	{ "we'll be hosting", SIG_INVITE }, { "we're hosting", SIG_INVITE },
	{ "will host", SIG_INVITE }, { "will be hosting", SIG_INVITE },
	{ "s\xc3\xbamate", SIG_INVITE }, { "sumate", SIG_INVITE },
	{ "con\xc3\xa9" "ctate", SIG_INVITE }, { "conectate", SIG_INVITE },
	{ "inscr\xc3\xad" "banse", SIG_INVITE }, { "reg\xc3\xadstrese",
	SIG_INVITE }, { "reg\xc3\xadstrense", SIG_INVITE },
	{ "las invitamos", SIG_INVITE }, { "invita a", SIG_INVITE },
	{ "invitan a", SIG_INVITE }, { "no faltes", SIG_INVITE },
	{ "ag\xc3\xa9ndate", SIG_INVITE }, { "agendate", SIG_INVITE },
	{ "agenda la fecha", SIG_INVITE }, { "apunta la fecha", SIG_INVITE },
	{ "cupos limitados", SIG_INVITE },
	{ "cupo limitado", SIG_INVITE }, { "entrada gratuita", SIG_INVITE },
	{ "previa inscripci\xc3\xb3n", SIG_INVITE },
	{ "acomp\xc3\xa1\xc3\xb1" "enos", SIG_INVITE },
	{ "s'inscrire", SIG_INVITE }, { "connectez-vous", SIG_INVITE },
	{ "soyez des n\xc3\xb4tres", SIG_INVITE }, { "notez la date",
	SIG_INVITE }, { "bienvenue \xc3\xa0 tou*", SIG_INVITE },
	{ "vous \xc3\xaates invit\xc3\xa9*", SIG_INVITE },
	{ "places limit\xc3\xa9" "es", SIG_INVITE },
	{ "sur inscription", SIG_INVITE }, { "gratuit et ouvert",
	SIG_INVITE }, { "se inscriban", SIG_INVITE },
	{ "grab the link", SIG_INVITE }, { "get the link", SIG_INVITE },
	{ "see you there", SIG_INVITE }, { "hope to see you", SIG_INVITE },
	/* links named in the text */
	{ "zoom link", SIG_LINK }, { "registration link", SIG_LINK },
	{ "register here", SIG_LINK }, { "link to register", SIG_LINK },
	{ "eventbrite", SIG_LINK }, { "zoom room", SIG_LINK },
	{ "lien d'inscription", SIG_LINK }, { "enlace de registro",
	SIG_LINK }, { "link below", SIG_LINK },
	{ "enlace de inscripci\xc3\xb3n", SIG_LINK }, { "formulario de",
	SIG_LINK }, { "formulaire d'inscription", SIG_LINK },
	/* a past event */
	{ "recording*", SIG_PAST }, { "recap*", SIG_PAST },
	{ "replay", SIG_PAST }, { "missed it", SIG_PAST },
	{ "missed the", SIG_PAST }, { "couldn't make it", SIG_PAST },
	{ "catch up on", SIG_PAST }, { "in case you missed", SIG_PAST },
	{ "highlights from", SIG_PAST }, { "highlights of", SIG_PAST },
	{ "takeaways", SIG_PAST }, { "thank you for joining", SIG_PAST },
	{ "thanks for joining", SIG_PAST }, { "thanks to everyone", SIG_PAST },
	{ "thank you to everyone", SIG_PAST }, { "thanks to all", SIG_PAST },
	{ "thank you to all", SIG_PAST }, { "thanks for a", SIG_PAST },
	{ "who joined", SIG_PAST }, { "joined us", SIG_PAST },
	{ "people joined", SIG_PAST }, { "took place", SIG_PAST },
	{ "was held", SIG_PAST }, { "were held", SIG_PAST },
	{ "held on", SIG_PAST }, { "last week", SIG_PAST },
	{ "last week's", SIG_PAST }, { "last month", SIG_PAST },
	{ "yesterday's", SIG_PAST }, { "notes from", SIG_PAST },
	{ "looking back", SIG_PAST }, { "look back", SIG_PAST },
	{ "report back", SIG_PAST }, { "report-back", SIG_PAST },
	{ "reflections on", SIG_PAST }, { "what we heard", SIG_PAST },
	{ "what we learned", SIG_PAST }, { "what they said", SIG_PAST },
	{ "brought together", SIG_PAST }, { "drew", SIG_PAST },
	{ "we streamed", SIG_PAST }, { "watch the full", SIG_PAST },
	{ "listen to the full", SIG_PAST },
	{ "grabaci\xc3\xb3n", SIG_PAST }, { "resumen", SIG_PAST },
	{ "revive", SIG_PAST }, { "vuelve a ver", SIG_PAST },
	{ "tuvo lugar", SIG_PAST }, { "se llev\xc3\xb3 a cabo", SIG_PAST },
	{ "gracias por participar", SIG_PAST }, { "gracias por acompa*",
	SIG_PAST }, { "grabaciones", SIG_PAST }, { "memorias", SIG_PAST },
	{ "gracias por sumar", SIG_PAST },
	{ "merci pour votre participation", SIG_PAST },
	{ "merci de votre participation", SIG_PAST }, { "gracias a todas",
	SIG_PAST }, { "gracias a todos", SIG_PAST },
	{ "lo que aprendimos", SIG_PAST }, { "revoir", SIG_PAST },
	{ "retour sur", SIG_PAST }, { "compte rendu", SIG_PAST },
	{ "compte-rendu", SIG_PAST }, { "a eu lieu", SIG_PAST },
	{ "s'est tenu*", SIG_PAST }, { "merci d'avoir", SIG_PAST },
	{ "merci \xc3\xa0 toutes", SIG_PAST }, { "merci \xc3\xa0 tous",
	SIG_PAST }, { "ce que nous avons", SIG_PAST },
	{ "enregistrement", SIG_PAST },
	{ "wrap-up", SIG_PAST }, { "wrap up", SIG_PAST },
	{ "debrief*", SIG_PAST }, { "in review", SIG_PAST },
	{ "on-demand", SIG_PAST }, { "on demand", SIG_PAST },
	{ "watch the video", SIG_PAST }, { "thanks everyone", SIG_PAST },
	{ "thank you all", SIG_PAST }, { "we hosted", SIG_PAST },
	{ "we held", SIG_PAST }, { "for those who missed", SIG_PAST },
	{ "was a success", SIG_PAST }, { "attended", SIG_PAST },
	{ "rev\xc3\xadvelo", SIG_PAST }, { "reviva", SIG_PAST },
	{ "as\xc3\xad fue", SIG_PAST }, { "asi fue", SIG_PAST },
	{ "as\xc3\xad vivimos", SIG_PAST }, { "asi vivimos", SIG_PAST },
	{ "se reunieron", SIG_PAST },
	{ "se realiz\xc3\xb3", SIG_PAST }, { "participaron", SIG_PAST },
	{ "asistieron", SIG_PAST }, { "relator\xc3\xad" "a", SIG_PAST },
	{ "cr\xc3\xb3nica", SIG_PAST }, { "gracias por asistir", SIG_PAST },
	{ "gracias a quienes", SIG_PAST }, { "video completo", SIG_PAST },
	{ "lo que dej\xc3\xb3", SIG_PAST }, { "balance del", SIG_PAST },
	{ "revivez", SIG_PAST }, { "retour en images", SIG_PAST },
	{ "a r\xc3\xa9uni", SIG_PAST }, { "ont particip\xc3\xa9", SIG_PAST },
	{ "s'est d\xc3\xa9roul\xc3\xa9*", SIG_PAST },
	{ "se sont d\xc3\xa9roul\xc3\xa9*", SIG_PAST },
	{ "merci aux", SIG_PAST }, { "merci \xc3\xa0 celles", SIG_PAST },
	{ "merci \xc3\xa0 ceux", SIG_PAST }, { "rediffusion", SIG_PAST },
	{ "en diff\xc3\xa9r\xc3\xa9", SIG_PAST }, { "vous l'avez manqu*",
	SIG_PAST }, { "ce qu'il faut retenir", SIG_PAST },
	{ "bilan d*", SIG_PAST },
	/* cancelled */
	{ "cancelled", SIG_CANCEL }, { "canceled", SIG_CANCEL },
	{ "cancel the", SIG_CANCEL }, { "cancellation", SIG_CANCEL },
	{ "called off", SIG_CANCEL }, { "will not take place", SIG_CANCEL },
	{ "won't take place", SIG_CANCEL }, { "no office hours", SIG_CANCEL },
	{ "cancelado*", SIG_CANCEL }, { "cancelada*", SIG_CANCEL },
	{ "suspendid*", SIG_CANCEL }, { "no se realizar\xc3\xa1", SIG_CANCEL },
	{ "annul\xc3\xa9*", SIG_CANCEL }, { "annulation", SIG_CANCEL },
	{ "n'aura pas lieu", SIG_CANCEL },
	{ "cancelling", SIG_CANCEL }, { "canceling", SIG_CANCEL },
	{ "will not go ahead", SIG_CANCEL }, { "won't go ahead",
	SIG_CANCEL }, { "se cancela", SIG_CANCEL }, { "cancelamos",
	SIG_CANCEL }, { "se suspende", SIG_CANCEL }, { "suspendemos",
	SIG_CANCEL }, { "no se llevar\xc3\xa1 a cabo", SIG_CANCEL },
	{ "no tendr\xc3\xa1 lugar", SIG_CANCEL }, { "annulons", SIG_CANCEL },
	{ "ne pourra pas avoir lieu", SIG_CANCEL }, { "ne se tiendra pas",
	SIG_CANCEL },
	/* postponed: a new date announces */
	{ "postponed", SIG_POSTPONE }, { "rescheduled", SIG_POSTPONE },
	{ "new date", SIG_POSTPONE }, { "moves to", SIG_POSTPONE },
	{ "moved to", SIG_POSTPONE }, { "now take place", SIG_POSTPONE },
	{ "had to move", SIG_POSTPONE }, { "aplazad*", SIG_POSTPONE },
	{ "pospuest*", SIG_POSTPONE }, { "reprogramad*", SIG_POSTPONE },
	{ "nueva fecha", SIG_POSTPONE }, { "report\xc3\xa9*", SIG_POSTPONE },
	{ "nouvelle date", SIG_POSTPONE }, { "d\xc3\xa9plac\xc3\xa9*",
	SIG_POSTPONE }, { "delayed", SIG_POSTPONE }, { "pushed back",
	SIG_POSTPONE }, { "will now be held", SIG_POSTPONE },
	{ "change of date", SIG_POSTPONE }, { "date change", SIG_POSTPONE },
	{ "pospone*", SIG_POSTPONE }, { "posponemos", SIG_POSTPONE },
	{ "se aplaza", SIG_POSTPONE }, { "aplazamos", SIG_POSTPONE },
	{ "reprograma*", SIG_POSTPONE }, { "cambio de fecha", SIG_POSTPONE },
	{ "se traslada", SIG_POSTPONE }, { "reportons", SIG_POSTPONE },
	{ "d\xc3\xa9" "cal\xc3\xa9*", SIG_POSTPONE },
	{ "changement de date", SIG_POSTPONE },
	{ "aura finalement lieu", SIG_POSTPONE },
	{ "aura d\xc3\xa9sormais lieu", SIG_POSTPONE },
	/* job ads */
	{ "we're hiring", SIG_JOB }, { "we are hiring", SIG_JOB },
	{ "now hiring", SIG_JOB }, { "hiring:", SIG_JOB },
	{ "vacancy", SIG_JOB }, { "vacancies", SIG_JOB },
	{ "job opening", SIG_JOB }, { "job posting", SIG_JOB },
	{ "terms of reference", SIG_JOB }, { "consultancy", SIG_JOB },
	{ "internship", SIG_JOB }, { "we are recruiting", SIG_JOB },
	{ "open position", SIG_JOB }, { "you'll run", SIG_JOB },
	{ "vacante*", SIG_JOB }, { "estamos contratando", SIG_JOB },
	{ "oferta de empleo", SIG_JOB }, { "offre d'emploi", SIG_JOB },
	{ "recrute", SIG_JOB }, { "poste \xc3\xa0 pourvoir", SIG_JOB },
	/* looks like one, is not */
	{ "calls on", SIG_NOTEVENT }, { "calls for", SIG_NOTEVENT },
	{ "calling on", SIG_NOTEVENT }, { "live blog", SIG_NOTEVENT },
	{ "liveblog", SIG_NOTEVENT }, { "live updates", SIG_NOTEVENT },
	{ "call on", SIG_NOTEVENT }, { "calling for", SIG_NOTEVENT },
	{ "how to run", SIG_NOTEVENT }, { "how to host", SIG_NOTEVENT },
	{ "playbook", SIG_NOTEVENT }, { "podcast", SIG_NOTEVENT },
	{ "episode", SIG_NOTEVENT }, { "city council", SIG_NOTEVENT },
	{ "voted", SIG_NOTEVENT }, { "llaman a", SIG_NOTEVENT },
	{ "appelle*", SIG_NOTEVENT }, { "piden", SIG_NOTEVENT },
	/* a newsletter lists events among its news */
	{ "in this issue", SIG_NOTEVENT }, { "en este n\xc3\xbamero",
	SIG_NOTEVENT }, { "en este bolet\xc3\xadn", SIG_NOTEVENT },
	{ "bolet\xc3\xadn de", SIG_NOTEVENT }, { "dans ce num\xc3\xa9ro",
	SIG_NOTEVENT }, { "have been up to", SIG_NOTEVENT },
	{ "reading list", SIG_NOTEVENT },
	/* calls for session proposals announce an event */
	{ "session proposal*", SIG_CFP }, { "call for panels", SIG_CFP },
	{ "call for sessions", SIG_CFP }, { "propose a session", SIG_CFP },
	{ "call for speakers", SIG_CFP }, { "proposals for panels",
	SIG_CFP }, { "call for participation", SIG_CFP },
	{ "propuestas de sesi\xc3\xb3n", SIG_CFP }, { "propuestas de sesiones",
	SIG_CFP }, { "appel \xc3\xa0 sessions", SIG_CFP },
	{ "propositions de sessions", SIG_CFP },
	{ "call for proposals", SIG_CFPG }, { "appel \xc3\xa0 propositions",
	SIG_CFPG }, { "convocatoria de propuestas", SIG_CFPG },
	{ "call for papers", SIG_CFPG }, { "appel \xc3\xa0 communications",
	SIG_CFPG },
	/* the events of the week */
	{ "events this week", SIG_ROUNDUP }, { "this week's events",
	SIG_ROUNDUP }, { "upcoming events", SIG_ROUNDUP },
	{ "agenda de la semana", SIG_ROUNDUP }, { "agenda de la semaine",
	SIG_ROUNDUP }, { "agenda:", SIG_ROUNDUP }, { "eventos pr\xc3\xb3ximos",
	SIG_ROUNDUP }, { "pr\xc3\xb3ximos eventos", SIG_ROUNDUP },
	{ "prochains \xc3\xa9v\xc3\xa9nements", SIG_ROUNDUP },
	{ "\xc3\xa9v\xc3\xa9nements \xc3\xa0 venir", SIG_ROUNDUP },
	/* in person */
	{ "in person", SIG_INPERSON }, { "in-person", SIG_INPERSON },
	{ "en persona", SIG_INPERSON }, { "presencial", SIG_INPERSON },
	{ "en pr\xc3\xa9sentiel", SIG_INPERSON }, { "sur place", SIG_INPERSON },
	{ "venue:", SIG_INPERSON }, { "doors open", SIG_INPERSON },
	{ "refreshments", SIG_INPERSON }, { "lunch included", SIG_INPERSON },
	{ "laptops provided", SIG_INPERSON }, { "library", SIG_INPERSON },
	{ "palais", SIG_INPERSON }, { "auditorium", SIG_INPERSON },
	{ "the venue", SIG_INPERSON }, { "step-free", SIG_INPERSON },
	{ "booth", SIG_INPERSON },
	{ "wheelchair accessible", SIG_INPERSON }, { "drinks reception",
	SIG_INPERSON },
	/* said not to be online */
	{ "in-person only", SIG_OFFLINE }, { "in person only", SIG_OFFLINE },
	{ "in-person gathering only", SIG_OFFLINE }, { "in-person event only",
	SIG_OFFLINE }, { "not be streamed", SIG_OFFLINE },
	{ "not be livestreamed", SIG_OFFLINE }, { "won't be streamed",
	SIG_OFFLINE }, { "not be recorded or streamed", SIG_OFFLINE },
	{ "ni retransmis*", SIG_OFFLINE }, { "pas retransmis*", SIG_OFFLINE },
	{ "ne sera pas retransmis*", SIG_OFFLINE },
	{ "no se transmitir\xc3\xa1", SIG_OFFLINE }, { "sin transmisi\xc3\xb3n",
	SIG_OFFLINE }, { "solo presencial", SIG_OFFLINE },
	{ "\xc3\xbanicamente presencial", SIG_OFFLINE },
	{ "uniquement en pr\xc3\xa9sentiel", SIG_OFFLINE },
	{ "no habr\xc3\xa1 transmisi\xc3\xb3n", SIG_OFFLINE },
	{ "no livestream", SIG_OFFLINE }, { "no live stream", SIG_OFFLINE },
	{ "no streaming", SIG_OFFLINE },
	{ "uniquement sur place", SIG_OFFLINE }, { "sur place uniquement",
	SIG_OFFLINE }, { "pas de diffusion en ligne", SIG_OFFLINE },
	{ "pas de retransmission", SIG_OFFLINE }, { "s\xc3\xb3lo presencial",
	SIG_OFFLINE },
	{ "no ser\xc3\xa1 transmitid*", SIG_OFFLINE },
	/* postponed with no new date yet */
	{ "will be announced", SIG_NODATE }, { "to be announced", SIG_NODATE },
	{ "no new date", SIG_NODATE }, { "no tenemos una nueva fecha",
	SIG_NODATE }, { "no tenemos nueva fecha", SIG_NODATE },
	{ "sin nueva fecha", SIG_NODATE }, { "pas encore de nouvelle date",
	SIG_NODATE }, { "pas de nouvelle date", SIG_NODATE },
	{ "at a later date", SIG_NODATE }, { "new date to follow",
	SIG_NODATE }, { "until further notice", SIG_NODATE },
	{ "se anunciar\xc3\xa1", SIG_NODATE }, { "pr\xc3\xb3ximamente",
	SIG_NODATE }, { "sera communiqu\xc3\xa9" "e", SIG_NODATE },
	{ "ult\xc3\xa9rieure*", SIG_NODATE }, { "nuevo aviso", SIG_NODATE },
	{ "anunciaremos", SIG_NODATE }, { "nouvel ordre", SIG_NODATE },
	{ "hope to reschedule", SIG_NODATE }, { "share the new date",
	SIG_NODATE }, { "share a new date", SIG_NODATE },
	{ "announce the new date", SIG_NODATE }, { "announce a new date",
	SIG_NODATE }, { "compartiremos la nueva fecha", SIG_NODATE },
	{ "communiquerons la nouvelle date", SIG_NODATE },
	{ "avisaremos", SIG_NODATE }, { "si logramos reprogramar",
	SIG_NODATE },
};

/* hosts and paths of registration and meeting links; online: a meeting
 * platform's, so the event is online (the first found is named) */
static const struct mark {
	const char	*s;
	int		 online;
} link_marks[] = {
	{ "zoom.us/", 1 }, { "meet.google.com/", 1 }, { "meet.jit.si/", 1 },
	{ "jitsi", 1 }, { "airmeet.com/", 1 }, { "hopin.com/", 1 },
	{ "crowdcast.io/", 1 }, { "streamyard.com/", 1 }, { "webex.com/", 1 },
	{ "teams.microsoft.com/", 1 }, { "bigbluebutton", 1 },
	{ "eventbrite.", 0 }, { "lu.ma/", 0 }, { "forms.gle/", 0 },
	{ "docs.google.com/forms", 0 }, { "typeform.com/", 0 },
	{ "/register", 0 }, { "/registration", 0 }, { "/inscripcion", 0 },
	{ "/inscription", 0 }, { "framaforms.org/", 0 },
};

/* categories that file announcements */
static const char *const cat_call[] = { "community call", "webinar",
	"office hours", "ama", "livestream", "webinaire", "webinario",
	"conversatorio" };
static const char *const cat_event[] = { "event", "agenda", "mapathon",
	"conference", "working group", "dialogue", "reading group", "meetup",
	"evento", "\xc3\xa9v\xc3\xa9nement", "rencontre", "taller",
	"atelier" };

/* per signal: where it was first seen (-1: not seen) */
struct seen {
	long		at[SIG_N];
	const char	*what[SIG_N];
};

static struct wordlist	phrase_list;
static pthread_once_t	phrase_once = PTHREAD_ONCE_INIT;

static void
phrase_list_make(void)
{
	wordlist_make(&phrase_list, phrases, nitems(phrases),
	    sizeof(phrases[0]));
}

struct scan_ctx {
	struct seen	*sn;
	long		 pos;
	size_t		 topic_end;	/* the end of the last topic phrase */
};

static int
scan_hit(void *ud, size_t at, size_t j, size_t len)
{
	struct scan_ctx		*sc = ud;
	const struct phrase	*p = &phrases[j];

	if (p->sig == SIG_TOPIC) {
		if (at + len > sc->topic_end)
			sc->topic_end = at + len;
		return 0;
	}
	/* "online" inside "online violence", "en línea" inside "violencia
	 * en línea": a topic */
	if (p->sig == SIG_ONLINE && at < sc->topic_end)
		return 0;
	if (sc->sn->at[p->sig] < 0) {
		sc->sn->at[p->sig] = sc->pos + (long)at;
		sc->sn->what[p->sig] = p->s;
	}
	return 0;
}

/* the phrases of s (lowercase text) into *sn, each signal where its
 * first phrase is; pos adds to offsets */
static void
scan(const char *s, size_t n, struct seen *sn, long pos)
{
	struct scan_ctx sc = { sn, pos, 0 };

	pthread_once(&phrase_once, phrase_list_make);
	wordlist_scan(&phrase_list, s, n, scan_hit, &sc);
}

/*
 * A registration or meeting link of one field: the first of link_marks[]
 * in the href of one of its links (html as stored: sanitized, so values
 * quoted) or written in its text (lowercased, text_marks()).  Only
 * the first ANNOUNCE_LINK_MAX bytes of html are read.
 */
#define ANNOUNCE_LINK_MAX	16384
#define ANNOUNCE_HREF_MAX	2048

/* per mark: its length, and where its first '.' or '/' is (its length
 * when it has neither) */
static size_t		mark_len[nitems(link_marks)];
static size_t		mark_key[nitems(link_marks)];
static pthread_once_t	mark_once = PTHREAD_ONCE_INIT;

static void
marks_make(void)
{
	size_t i;

	for (i = 0; i < nitems(link_marks); i++) {
		mark_len[i] = strlen(link_marks[i].s);
		mark_key[i] = strcspn(link_marks[i].s, "./");
	}
}

/* is m (l bytes, l > k) at p - k, p in s[0..n)? */
static inline int
mark_at(const char *s, size_t n, const char *p, const char *m, size_t l,
    size_t k)
{
	return (size_t)(p - s) >= k && (size_t)(s + n - (p - k)) >= l &&
	    p[-(ptrdiff_t)k] == m[0] && memcmp(p - k, m, l) == 0;
}

/*
 * The marks in s[0..n), as bits: a mark with a '.' or a '/' where its
 * first one is at one of the text's, found by memchr() (text has few of
 * them); one with neither at its first byte's places.
 */
static uint32_t
text_marks(const char *s, size_t n)
{
	static const char	 keys[] = "./";
	const char		*p, *end = s + n;
	uint32_t		 seen = 0;
	size_t			 i, c;

	pthread_once(&mark_once, marks_make);
	for (i = 0; i < nitems(link_marks); i++) {
		if (mark_key[i] < mark_len[i])
			continue;
		for (p = s; p < end && (p = memchr(p, link_marks[i].s[0],
		    (size_t)(end - p))) != NULL; p++)
			if (mark_at(s, n, p, link_marks[i].s, mark_len[i], 0)) {
				seen |= (uint32_t)1 << i;
				break;
			}
	}
	for (c = 0; c < 2; c++)
		for (p = s; p < end && (p = memchr(p, keys[c],
		    (size_t)(end - p))) != NULL; p++)
			for (i = 0; i < nitems(link_marks); i++)
				if (mark_key[i] < mark_len[i] &&
				    link_marks[i].s[mark_key[i]] == keys[c] &&
				    mark_at(s, n, p, link_marks[i].s,
				    mark_len[i], mark_key[i]))
					seen |= (uint32_t)1 << i;
	return seen;
}

static const struct mark *
find_link(const char *html, const struct buf *text)
{
	const char	*p, *end, *v, *q;
	char		 low[ANNOUNCE_LINK_MAX + 1];	/* the hrefs */
	uint32_t	 seen = 0;
	size_t		 i, n, nl = 0;

	if (html != NULL && *html != '\0') {
		p = html;
		end = html + strnlen(html, ANNOUNCE_LINK_MAX);
		/*
		 * NOTE: each "href=" found by its '=' (an attribute's): a
		 * memmem() per href set up its tables each time, a third of
		 * this function
		 */
		while ((p = memchr(p, '=', (size_t)(end - p))) != NULL) {
			if (p - html < 4 || memcmp(p - 4, "href", 4) != 0) {
				p++;
				continue;
			}
			p++;
			if (p >= end || (*p != '"' && *p != '\''))
				continue;
			v = p + 1;
			if ((q = memchr(v, *p, (size_t)(end - v))) == NULL)
				break;
			n = (size_t)(q - v);
			if (n >= ANNOUNCE_HREF_MAX)
				n = ANNOUNCE_HREF_MAX - 1;
			/* (the hrefs are shorter than the HTML) */
			if (nl + n + 1 > sizeof(low))
				break;
			for (i = 0; i < n; i++)
				low[nl++] = (char)(v[i] >= 'A' && v[i] <= 'Z' ?
				    v[i] + 32 : v[i]);
			/* no mark holds a newline: none spans two hrefs */
			low[nl++] = '\n';
			p = q + 1;
		}
	}
	/* (memmem() is faster here: hrefs are full of '.' and '/') */
	pthread_once(&mark_once, marks_make);
	for (i = 0; nl > 0 && i < nitems(link_marks); i++)
		if (memmem(low, nl, link_marks[i].s, mark_len[i]) != NULL)
			seen |= (uint32_t)1 << i;
	if (text->len > 0)
		seen |= text_marks(text->s, text->len);
	for (i = 0; i < nitems(link_marks); i++)
		if (seen & (uint32_t)1 << i)
			return &link_marks[i];
	return NULL;
}

/*
 * The first categories that hold a word of cat_call[] (*cc) and of
 * cat_event[] (*ce), each category lowercased (ASCII) once; NULL: none.
 */
static void
find_cats(const struct entry *e, const char **cc, const char **ce)
{
	struct buf	 low = BUF_INIT;
	const char	*c;
	size_t		 i, j;

	*cc = *ce = NULL;
	for (i = 0; i < e->ncategories && (*cc == NULL || *ce == NULL); i++) {
		if ((c = e->categories[i]) == NULL)
			continue;
		buf_reset(&low);
		for (; *c != '\0'; c++)
			buf_addc(&low, (char)(*c >= 'A' && *c <= 'Z' ?
			    *c + 32 : *c));
		if (low.len == 0)
			continue;
		for (j = 0; *cc == NULL && j < nitems(cat_call); j++)
			if (strstr(low.s, cat_call[j]) != NULL)
				*cc = e->categories[i];
		for (j = 0; *ce == NULL && j < nitems(cat_event); j++)
			if (strstr(low.s, cat_event[j]) != NULL)
				*ce = e->categories[i];
	}
	buf_release(&low);
}

static void
why_add(struct buf *b, const char *sign, const char *name, const char *what)
{
	buf_addf(b, "%s%s%s", b->len ? ", " : "", sign, name);
	if (what) {
		size_t l = strlen(what);

		if (l && what[l - 1] == '*')
			l--;
		buf_addf(b, " '%.*s'", (int)l, what);
	}
}

void
announce_read(struct tag_texts *tt, struct announce *a)
{
	const struct entry	*e = tt->e;
	const struct buf	*title, *body;
	const struct mark	*mk;
	const char		*link, *cc, *ce;
	struct seen		 sn;
	struct event		 ev;
	time_t			 posted;
	char			 when[32];
	int			 i, score = 0, call_fmt, event_fmt, ahead = 0;
	int			 past = 0, veto_call = 0, veto_event = 0;

	a->kind = a->event_kind = ANNOUNCE_NONE;
	buf_init(&a->why, 0);
	for (i = 0; i < SIG_N; i++) {
		sn.at[i] = -1;
		sn.what[i] = NULL;
	}
	title = tag_texts_get_lower(tt, TAG_TEXT_TITLE);
	body = tag_texts_get_lower(tt, TAG_TEXT_SUMMARY);
	if (body->len == 0)
		body = tag_texts_get_lower(tt, TAG_TEXT_CONTENT);
	scan(title->s, title->len, &sn, 0);
	scan(body->s, body->len, &sn, (long)title->len + 1);
	find_cats(e, &cc, &ce);

	/* what it is about */
	call_fmt = sn.at[SIG_CALL] >= 0 || (sn.at[SIG_MEET] >= 0 &&
	    sn.at[SIG_ONLINE] >= 0) || cc != NULL;
	event_fmt = call_fmt || sn.at[SIG_MEET] >= 0 || ce != NULL ||
	    sn.at[SIG_ROUNDUP] >= 0 || sn.at[SIG_BIG] >= 0;
	/* a call for proposals for a conference: sessions, not money */
	if (sn.at[SIG_CFP] < 0 && sn.at[SIG_CFPG] >= 0 && sn.at[SIG_BIG] >= 0) {
		sn.at[SIG_CFP] = sn.at[SIG_CFPG];
		sn.what[SIG_CFP] = sn.what[SIG_CFPG];
	}
	/* (something online may still be a call with no format word) */
	if (!event_fmt && sn.at[SIG_CFP] < 0 && sn.at[SIG_ONLINE] < 0)
		return;
	/* the HTML is searched only for what may be an event */
	mk = find_link(e->summary, tag_texts_get_lower(tt, TAG_TEXT_SUMMARY));
	if (mk == NULL)
		mk = find_link(e->content, tag_texts_get_lower(tt,
		    TAG_TEXT_CONTENT));
	link = mk != NULL ? mk->s : sn.at[SIG_LINK] >= 0 ?
	    sn.what[SIG_LINK] : NULL;
	/* a meeting platform's link: the meeting is online */
	if (mk != NULL && mk->online && sn.at[SIG_ONLINE] < 0) {
		sn.at[SIG_ONLINE] = (long)title->len + 1;
		sn.what[SIG_ONLINE] = link;
		call_fmt = call_fmt || sn.at[SIG_MEET] >= 0;
	}
	if (sn.at[SIG_CALL] >= 0)
		why_add(&a->why, "+", "format", sn.what[SIG_CALL]);
	else if (sn.at[SIG_MEET] >= 0)
		why_add(&a->why, "+", "format", sn.what[SIG_MEET]);
	else if (sn.at[SIG_BIG] >= 0)
		why_add(&a->why, "+", "format", sn.what[SIG_BIG]);
	if (sn.at[SIG_ONLINE] >= 0 && sn.at[SIG_CALL] < 0)
		why_add(&a->why, "+", "online", sn.what[SIG_ONLINE]);
	if ((sn.at[SIG_CALL] >= 0 && sn.at[SIG_CALL] < (long)title->len) ||
	    (sn.at[SIG_MEET] >= 0 && sn.at[SIG_MEET] < (long)title->len) ||
	    (sn.at[SIG_BIG] >= 0 && sn.at[SIG_BIG] < (long)title->len)) {
		score++;
		why_add(&a->why, "+", "in the title", NULL);
	}

	/* is it coming? */
	if (sn.at[SIG_INVITE] >= 0) {
		score++;
		why_add(&a->why, "+", "invitation", sn.what[SIG_INVITE]);
	}
	/* the week's events to come: each of them is ahead */
	if (sn.at[SIG_ROUNDUP] >= 0) {
		score++;
		why_add(&a->why, "+", sig_names[SIG_ROUNDUP],
		    sn.what[SIG_ROUNDUP]);
	}
	if (link) {
		score++;
		why_add(&a->why, "+", "link", link);
	}
	if (cc || ce) {
		score++;
		why_add(&a->why, "+", "category", cc ? cc : ce);
	}
	posted = e->published != TIME_NONE ? e->published : e->updated;
	if (posted != TIME_NONE && event_extract_texts(tt, posted, &ev) == 1) {
		/* the day of the event against the day of the post */
		if (event_ahead(&ev, posted)) {
			ahead = ev.allday ? 1 : 2;
			score += ahead;
			time_rfc3339(ev.start, when, sizeof(when));
			if (ev.allday)
				when[10] = '\0';
			why_add(&a->why, "+", "date ahead", when);
		} else if (ev.start < posted) {
			past = 1;
			why_add(&a->why, "-", "date before the post", NULL);
		}
	}
	/*
	 * No format word ("we'll be online to answer your questions", "an
	 * exchange, online"), but online, at a time ahead, with an
	 * invitation or a link: a call.  Not a conference or a workshop,
	 * which are events.
	 */
	if (!call_fmt && sn.at[SIG_BIG] < 0 && sn.at[SIG_ONLINE] >= 0 &&
	    ahead == 2 && (sn.at[SIG_INVITE] >= 0 || link != NULL)) {
		call_fmt = event_fmt = 1;
		why_add(&a->why, "+", "online at a time ahead", NULL);
	}

	/* signs against: a past event, unless it invites to a time ahead
	 * ("watch the recording of the last one; join the next on ...") */
	if (sn.at[SIG_PAST] >= 0 && !(ahead == 2 &&
	    sn.at[SIG_INVITE] >= 0)) {
		past = 1;
		why_add(&a->why, "-", "past", sn.what[SIG_PAST]);
	}
	if (past)
		veto_call = veto_event = 1;
	if (sn.at[SIG_NODATE] >= 0 && (sn.at[SIG_POSTPONE] >= 0 ||
	    sn.at[SIG_CANCEL] >= 0)) {
		veto_call = veto_event = 1;
		why_add(&a->why, "-", sig_names[SIG_NODATE],
		    sn.what[SIG_NODATE]);
	} else if (sn.at[SIG_CANCEL] >= 0) {
		if (sn.at[SIG_POSTPONE] >= 0 && ahead)
			why_add(&a->why, "+", "postponed to a new date",
			    sn.what[SIG_POSTPONE]);
		else {
			veto_call = veto_event = 1;
			why_add(&a->why, "-", "cancelled", sn.what[SIG_CANCEL]);
		}
	} else if (sn.at[SIG_POSTPONE] >= 0 && ahead)
		why_add(&a->why, "+", "postponed to a new date",
		    sn.what[SIG_POSTPONE]);
	else if (sn.at[SIG_POSTPONE] >= 0) {
		veto_call = veto_event = 1;
		why_add(&a->why, "-", "postponed, no new date",
		    sn.what[SIG_POSTPONE]);
	}
	/* a job ad is not a call, unless it invites to one ahead ("join
	 * our info call for applicants on ...") */
	if (sn.at[SIG_JOB] >= 0 && (ahead < 2 || sn.at[SIG_CALL] < 0)) {
		veto_call = 1;
		score--;
		why_add(&a->why, "-", "job", sn.what[SIG_JOB]);
	}
	if (sn.at[SIG_NOTEVENT] >= 0 && score < 3) {
		veto_call = veto_event = 1;
		why_add(&a->why, "-", sig_names[SIG_NOTEVENT],
		    sn.what[SIG_NOTEVENT]);
	}
	if (sn.at[SIG_OFFLINE] >= 0) {
		veto_call = 1;
		why_add(&a->why, "-", sig_names[SIG_OFFLINE],
		    sn.what[SIG_OFFLINE]);
	} else if (sn.at[SIG_INPERSON] >= 0 && sn.at[SIG_ONLINE] < 0) {
		veto_call = 1;
		why_add(&a->why, "-", "in person", sn.what[SIG_INPERSON]);
	}
	/* a call for sessions announces a conference, not a call */
	if (sn.at[SIG_CFP] >= 0) {
		if (sn.at[SIG_CALL] < 0)
			veto_call = 1;
		why_add(&a->why, "+", sig_names[SIG_CFP], sn.what[SIG_CFP]);
	}

	if (call_fmt && score >= 2 && !veto_call)
		a->kind = ANNOUNCE_CALL;
	if (a->kind == ANNOUNCE_CALL || (event_fmt && score >= 2 &&
	    !veto_event) || (sn.at[SIG_CFP] >= 0 && !past))
		a->event_kind = ANNOUNCE_EVENT;
	buf_addf(&a->why, " (score %d)", score);
}

void
announce_release(struct announce *a)
{
	buf_release(&a->why);
}
