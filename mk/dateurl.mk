# mk/dateurl.mk: feed dates and URLs
libcrier_a_SOURCES += \
	src/parse/date.c src/parse/date.h \
	src/parse/url.c src/parse/url.h
