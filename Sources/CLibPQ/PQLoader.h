#ifndef HEARD_PQ_LOADER_H
#define HEARD_PQ_LOADER_H

#include <stdatomic.h>

/* Looks libpq's function `name` up, stores it in `slot` and gives it (NULL when libpq cannot be
 * loaded: then a connection attempt gets NULL, as libpq's own out-of-memory answer). */
void *heard_pq_load(void *_Atomic *slot, const char *name);

/* The address of libpq's function `name`, looked up once into `slot`. Inline, so that every
 * call but a function's first reads the slot in the wrapper itself: a server's rows are read
 * a cell at a time through several wrappers a cell, and a call to find the address each time
 * was a fiftieth of an export's reading. */
static inline void *heard_pq_symbol(void *_Atomic *slot, const char *name) {
    void *f = atomic_load_explicit(slot, memory_order_acquire);
    return f ? f : heard_pq_load(slot, name);
}

#endif
