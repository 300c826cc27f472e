/* htmltext.h: to be written */
#ifndef CRIER_HTMLTEXT_H
#define CRIER_HTMLTEXT_H
#endif
