/* tag.c: placeholder until its module lands */
typedef int crier_placeholder_tag_c;
