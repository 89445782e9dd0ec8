/* Loads libpq on first use (see include/CLibPQ.h for why). */
#include "PQLoader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#pragma GCC visibility push(hidden)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *library;

static void open_library(void) {
#ifdef __APPLE__
    static const char *const names[] = {"libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib",
                                        "/usr/local/opt/libpq/lib/libpq.5.dylib", "libpq.dylib"};
#else
    static const char *const names[] = {"libpq.so.5", "libpq.so"};
#endif
    /* RTLD_LOCAL: its symbols stay out of the process's global scope (these wrappers have the
     * same names). */
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !library; i++)
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
}

void *heard_pq_load(void *_Atomic *slot, const char *name) {
    void *f;
    pthread_once(&once, open_library);
    if (!library) return NULL;
    /* dlsym on libpq's own handle: its definition, never the wrapper of the same name. */
    f = dlsym(library, name);
    atomic_store_explicit(slot, f, memory_order_release);
    return f;
}

#pragma GCC visibility pop

int heard_pq_available(void) {
    pthread_once(&once, open_library);
    return library != NULL;
}
