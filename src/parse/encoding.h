/* parse/encoding.h: to be written */
#ifndef CRIER_PARSE_ENCODING_H
#define CRIER_PARSE_ENCODING_H
#endif
