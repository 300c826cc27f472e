# mk/parse.mk: feed parsing (detect, XML formats, JSON Feed, encodings), parse command
libcrier_a_SOURCES += \
	src/parse/parse.c src/parse/parse.h \
	src/parse/xml.c src/parse/xml.h \
	src/parse/jsonfeed.c \
	src/parse/encoding.c src/parse/encoding.h \
	src/cmd-parse.c
