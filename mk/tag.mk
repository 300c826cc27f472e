# mk/tag.mk: tag rules and event extraction
libcrier_a_SOURCES += \
	src/tag.c src/tag.h \
	src/event.c src/event.h
