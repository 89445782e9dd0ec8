#ifndef HEARD_CLIBPQ_SHIM_H
#define HEARD_CLIBPQ_SHIM_H

/* libpq, PostgreSQL's C client (libpq-dev on Debian: /usr/include/postgresql). */
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

#endif
