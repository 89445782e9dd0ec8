#ifndef HEARD_CLIBPQ_H
#define HEARD_CLIBPQ_H

/* libpq, PostgreSQL's C client: its declarations (libpq-dev on Debian: /usr/include/postgresql).
 * The functions themselves are this target's wrappers (PQWrappers.c), which load libpq the first
 * time one is called: heard on a SQLite file never loads it, nor the TLS, Kerberos and LDAP
 * libraries it brings (about 5 MB resident and their start-up work). */
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

/* 1 when libpq could be loaded (it is loaded by this call if it was not yet), else 0: a missing
 * library is told apart from a connection libpq could not allocate. */
int heard_pq_available(void);

#endif
