/* config.c: placeholder until its module lands */
typedef int crier_placeholder_config_c;
#include "config.h"
void config_init(struct config *c) { (void)c; }
int config_load(struct config *c, const char *p) { (void)c; (void)p; return -1; }
void config_release(struct config *c) { (void)c; }
