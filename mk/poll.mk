# mk/poll.mk: config, scheduling, fetching, the poll pipeline
libcrier_a_SOURCES += \
	src/conf.c src/conf.h \
	src/schedule.c src/schedule.h \
	src/fetch.c src/fetch.h \
	src/pipeline.c src/pipeline.h \
	src/cmd-poll.c src/cmd-daemon.c

unit_tests += tests/unit/t-config tests/unit/t-sched tests/unit/t-fetch-addr
tests_unit_t_fetch_addr_SOURCES = tests/unit/t-fetch-addr.c tests/tap.h
tests_unit_t_config_SOURCES = tests/unit/t-config.c tests/tap.h
tests_unit_t_sched_SOURCES = tests/unit/t-sched.c tests/tap.h

cli_tests += \
	tests/cli/t010-poll-file.sh \
	tests/cli/t012-text-titles.sh \
	tests/cli/t020-http.sh \
	tests/cli/t021-poll-events.sh \
	tests/cli/t030-config.sh \
	tests/cli/t060-daemon.sh \
	tests/cli/t061-daemon-stop.sh \
	tests/cli/t062-daemon-sched.sh \
	tests/cli/t063-poll-gone-moved.sh \
	tests/cli/t065-poll-failures.sh \
	tests/cli/t066-feeds.sh \
	tests/cli/t111-host-spacing.sh \
	tests/cli/t067-hostile.sh \
	tests/cli/t068-private-redirect.sh \
	tests/cli/t069-kill9.sh \
	tests/cli/t115-store-full.sh
EXTRA_DIST += tests/cli/httpd.py tests/cli/lib-daemon.sh \
	tests/cli/hostile.py \
	tests/data/poll-a.xml tests/data/poll-a2.xml tests/data/poll-a3.xml \
	tests/data/poll-b.atom tests/data/text-titles.atom \
	tests/data/jsonfeed-titles.json
