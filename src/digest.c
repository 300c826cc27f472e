/* digest.c: placeholder until its module lands */
typedef int crier_placeholder_digest_c;
