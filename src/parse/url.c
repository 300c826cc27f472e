/* parse/url.c: placeholder until its module lands */
typedef int crier_placeholder_parse_url_c;
