/* parse/jsonfeed.c: placeholder until its module lands */
typedef int crier_placeholder_parse_jsonfeed_c;
