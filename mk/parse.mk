# mk/parse.mk: feed parsing (detect, XML formats, JSON Feed, encodings), parse command
libcrier_a_SOURCES += \
	src/parse/parse.c src/parse/parse.h \
	src/parse/feed.c src/parse/feed.h \
	src/parse/xml.c src/parse/xml.h \
	src/parse/xml-map.c src/parse/xml-subset.c \
	src/parse/xml-repair.c src/parse/xml-xhtml.c \
	src/parse/xmltok.c src/parse/xmltree.c src/parse/xmltree.h \
	src/parse/jsonfeed.c \
	src/parse/encoding.c src/parse/encoding.h \
	src/cmd-parse.c

unit_tests += tests/unit/t-xmltok
tests_unit_t_xmltok_SOURCES = tests/unit/t-xmltok.c tests/tap.h
unit_tests += tests/unit/t-parse-bounds
tests_unit_t_parse_bounds_SOURCES = tests/unit/t-parse-bounds.c tests/tap.h

cli_tests += \
	tests/cli/t001-parse.sh \
	tests/cli/t002-parse-fixtures.sh \
	tests/cli/t090-conformance.sh

EXTRA_DIST += \
	tests/parse/atom-xml-base.xml tests/parse/atom-xml-base.expected.json \
	tests/parse/cp1252-as-utf8.xml tests/parse/cp1252-as-utf8.expected.json \
	tests/parse/html-page.xml tests/parse/html-page.expected.err \
	tests/parse/jsonfeed.json tests/parse/jsonfeed.base \
	tests/parse/jsonfeed.expected.json \
	tests/parse/nbsp-undeclared.xml \
	tests/parse/nbsp-undeclared.expected.json \
	tests/parse/rdf.xml tests/parse/rdf.expected.json \
	tests/parse/rss20-content-encoded.xml \
	tests/parse/rss20-content-encoded.base \
	tests/parse/rss20-content-encoded.expected.json \
	tests/parse/rss20-podcast.xml tests/parse/rss20-podcast.expected.json \
	tests/parse/rss20-title-brackets.xml \
	tests/parse/rss20-title-brackets.expected.json \
	tests/parse/doctype-entities.xml \
	tests/parse/doctype-entities.expected.json \
	tests/parse/entity-bomb.xml tests/parse/entity-bomb.expected.json \
	tests/parse/rss20-truncated.xml tests/parse/rss20-truncated.expected.json \
	tests/parse/atom-html-markup.xml \
	tests/parse/atom-html-markup.expected.json \
	tests/parse/rss20-html-void.xml \
	tests/parse/rss20-html-void.expected.json \
	tests/parse/rss20-unquoted.xml tests/parse/rss20-unquoted.expected.json \
	tests/parse/jsonfeed-noversion.json \
	tests/parse/jsonfeed-noversion.expected.json \
	tests/parse/json-array.json tests/parse/json-array.expected.err \
	tests/parse/rss20-tag-soup.xml tests/parse/rss20-tag-soup.expected.json \
	tests/parse/php-warning.xml tests/parse/php-warning.expected.json \
	tests/parse/double-bom.xml tests/parse/double-bom.expected.json
