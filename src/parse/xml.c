/* parse/xml.c: placeholder until its module lands */
typedef int crier_placeholder_parse_xml_c;
