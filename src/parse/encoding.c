/* parse/encoding.c: placeholder until its module lands */
typedef int crier_placeholder_parse_encoding_c;
