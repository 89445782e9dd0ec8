#ifndef HEARD_PQ_LOADER_H
#define HEARD_PQ_LOADER_H

#include <stdatomic.h>

/* The address of libpq's function `name`, looked up once into `slot`; NULL when libpq cannot be
 * loaded (then a connection attempt gets NULL, as libpq's own out-of-memory answer). */
void *heard_pq_symbol(void *_Atomic *slot, const char *name);

/* `heard_pq_symbol` with its common case in the caller: the address already in `slot` (every
 * call but a function's first). A server's rows are read a cell at a time through several
 * wrappers a cell, and the call to find the address was a fiftieth of an export's reading. */
static inline void *heard_pq_function(void *_Atomic *slot, const char *name) {
    void *f = atomic_load_explicit(slot, memory_order_acquire);
    return f ? f : heard_pq_symbol(slot, name);
}

#endif
