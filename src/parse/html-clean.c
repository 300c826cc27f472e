/* parse/html-clean.c: placeholder until its module lands */
typedef int crier_placeholder_parse_html_clean_c;
