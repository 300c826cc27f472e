/* render/render-text.c: placeholder until its module lands */
typedef int crier_placeholder_render_render_text_c;
