/* render/render.h: to be written */
#ifndef CRIER_RENDER_RENDER_H
#define CRIER_RENDER_RENDER_H
#endif
