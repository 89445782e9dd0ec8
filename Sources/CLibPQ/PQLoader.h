#ifndef HEARD_PQ_LOADER_H
#define HEARD_PQ_LOADER_H

#include <stdatomic.h>

/* The address of libpq's function `name`, looked up once into `slot`; NULL when libpq cannot be
 * loaded (then a connection attempt gets NULL, as libpq's own out-of-memory answer). */
void *heard_pq_symbol(void *_Atomic *slot, const char *name);

#endif
