# mk/html.mk: HTML entities, tokenizer, sanitizer, HTML to terminal text
libcrier_a_SOURCES += \
	src/parse/entities.c src/parse/entities.h \
	src/parse/entities-table.h \
	src/parse/html-tok.c src/parse/html-tok.h \
	src/parse/html-clean.c src/parse/html-clean.h \
	src/htmltext.c src/htmltext.h

unit_tests += tests/unit/t-entities tests/unit/t-html tests/unit/t-htmltext
tests_unit_t_entities_SOURCES = tests/unit/t-entities.c tests/tap.h
tests_unit_t_html_SOURCES = tests/unit/t-html.c tests/tap.h
tests_unit_t_htmltext_SOURCES = tests/unit/t-htmltext.c tests/tap.h

# src/parse/entities-table.h is generated from the HTML standard's table by
# contrib/gen-entities.py (python3); it is committed, so the build needs
# no python.  Run `make gen-entities` to regenerate it.
EXTRA_DIST += contrib/gen-entities.py
gen-entities:
	$(PYTHON3) $(top_srcdir)/contrib/gen-entities.py > $(top_srcdir)/src/parse/entities-table.h.tmp
	mv $(top_srcdir)/src/parse/entities-table.h.tmp $(top_srcdir)/src/parse/entities-table.h
.PHONY: gen-entities
