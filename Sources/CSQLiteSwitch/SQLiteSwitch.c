#include <sqlite3.h>
#include "CSQLiteSwitch.h"

int heard_sqlite_set_triggers(struct sqlite3 *db, int on) {
    int now = -1;
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, &now) != SQLITE_OK) return -1;
    return now;
}
