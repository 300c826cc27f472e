# mk/html.mk: HTML entities, sanitizer, HTML to terminal text
libcrier_a_SOURCES += \
	src/parse/entities.c src/parse/entities.h \
	src/parse/html-clean.c src/parse/html-clean.h \
	src/htmltext.c src/htmltext.h
