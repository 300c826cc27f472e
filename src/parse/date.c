/* parse/date.c: placeholder until its module lands */
typedef int crier_placeholder_parse_date_c;
