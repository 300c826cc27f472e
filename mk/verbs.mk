# mk/verbs.mk: the feed-management verbs (add, remove, import-opml,
# export-opml), config editing, feed discovery, OPML, bash completion
libcrier_a_SOURCES += \
	src/conf-edit.c src/conf-edit.h \
	src/discover.c src/discover.h \
	src/opml.c src/opml.h \
	src/cmd-add.c src/cmd-opml.c

unit_tests += tests/unit/t-conf-edit tests/unit/t-discover tests/unit/t-opml
tests_unit_t_conf_edit_SOURCES = tests/unit/t-conf-edit.c tests/tap.h
tests_unit_t_discover_SOURCES = tests/unit/t-discover.c tests/tap.h
tests_unit_t_opml_SOURCES = tests/unit/t-opml.c tests/tap.h

cli_tests += \
	tests/cli/t080-add-remove.sh \
	tests/cli/t081-opml.sh \
	tests/cli/t082-help.sh \
	tests/cli/t083-completion.sh

opml_data = \
	tests/data/opml/newsboat.opml tests/data/opml/freshrss.opml \
	tests/data/opml/miniflux.opml tests/data/opml/feedly.opml
EXTRA_DIST += mk/verbs.mk $(opml_data) \
	tests/data/verbs/page.html tests/data/verbs/feed.xml \
	tests/data/verbs/other.atom

# bash completion, installed as "crier" (the name bash-completion loads
# it by) in bash-completion's completionsdir (configure)
EXTRA_DIST += contrib/crier.bash-completion
install-data-hook:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) $(srcdir)/contrib/crier.bash-completion \
		'$(DESTDIR)$(bashcompletiondir)/crier'
uninstall-hook:
	rm -f '$(DESTDIR)$(bashcompletiondir)/crier'
