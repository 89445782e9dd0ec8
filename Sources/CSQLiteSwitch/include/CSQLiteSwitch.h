#ifndef HEARD_CSQLITESWITCH_H
#define HEARD_CSQLITESWITCH_H

/* SQLite's per-connection switches that Swift cannot reach: sqlite3_db_config takes its
 * arguments as C varargs, which Swift does not call. */
struct sqlite3;

/* Turns triggers on (1) or off (0) for statements this connection prepares from now on (SQLite
 * expires the ones prepared before, so they are prepared again as they are next run). Returns
 * the setting after the call (1 on, 0 off), or -1 when SQLite refused. Other connections to the
 * same file keep their triggers. */
int heard_sqlite_set_triggers(struct sqlite3 *db, int on);

#endif
