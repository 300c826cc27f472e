/* htmltext.c: placeholder until its module lands */
typedef int crier_placeholder_htmltext_c;
