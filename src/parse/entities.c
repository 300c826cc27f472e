/* parse/entities.c: placeholder until its module lands */
typedef int crier_placeholder_parse_entities_c;
