/* parse/parse.c: placeholder until its module lands */
typedef int crier_placeholder_parse_parse_c;
