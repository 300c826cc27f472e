# mk/dateurl.mk: feed dates and URLs
libcrier_a_SOURCES += \
	src/parse/date.c src/parse/date.h \
	src/parse/url.c src/parse/url.h

unit_tests += tests/unit/t-date tests/unit/t-url
tests_unit_t_date_SOURCES = tests/unit/t-date.c tests/tap.h
tests_unit_t_url_SOURCES = tests/unit/t-url.c tests/tap.h
unit_tests += tests/unit/t-dedup-url
tests_unit_t_dedup_url_SOURCES = tests/unit/t-dedup-url.c tests/tap.h
