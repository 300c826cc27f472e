/* parse/xml.h: to be written */
#ifndef CRIER_PARSE_XML_H
#define CRIER_PARSE_XML_H
#endif
