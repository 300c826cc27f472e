# mk/poll.mk: config, scheduling, fetching, the poll pipeline
libcrier_a_SOURCES += \
	src/config.c src/config.h \
	src/sched.c src/sched.h \
	src/fetch.c src/fetch.h \
	src/pipeline.c src/pipeline.h \
	src/cmd-poll.c
