/* Every function libpq-fe.h declares, as a wrapper that calls libpq's own, loaded on first use
 * (include/CLibPQ.h says why). GENERATED from the header's declarations (clang -Xclang
 * -ast-dump=json on libpq-fe.h, every FunctionDecl named PQ*, lo_*, pg_*; none is variadic):
 * regenerate rather than edit when libpq adds a function Heard needs. When libpq cannot be
 * loaded each returns its type's zero (NULL for a connection: PQconnectdb's own answer when out
 * of memory), so nothing past a failed connection is ever reached. */
#include "CLibPQ.h"
#include "PQLoader.h"

#include <string.h>

#pragma GCC visibility push(hidden)

static void *_Atomic slots[164];

PGconn * PQconnectStart(const char * a0) {
    void *f = heard_pq_symbol(&slots[0], "PQconnectStart");
    if (f) return ((__typeof__(&PQconnectStart))f)(a0);
    PGconn * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGconn * PQconnectStartParams(const char *const * a0, const char *const * a1, int a2) {
    void *f = heard_pq_symbol(&slots[1], "PQconnectStartParams");
    if (f) return ((__typeof__(&PQconnectStartParams))f)(a0, a1, a2);
    PGconn * none;
    memset(&none, 0, sizeof none);
    return none;
}

PostgresPollingStatusType PQconnectPoll(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[2], "PQconnectPoll");
    if (f) return ((__typeof__(&PQconnectPoll))f)(a0);
    PostgresPollingStatusType none;
    memset(&none, 0, sizeof none);
    return none;
}

PGconn * PQconnectdb(const char * a0) {
    void *f = heard_pq_symbol(&slots[3], "PQconnectdb");
    if (f) return ((__typeof__(&PQconnectdb))f)(a0);
    PGconn * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGconn * PQconnectdbParams(const char *const * a0, const char *const * a1, int a2) {
    void *f = heard_pq_symbol(&slots[4], "PQconnectdbParams");
    if (f) return ((__typeof__(&PQconnectdbParams))f)(a0, a1, a2);
    PGconn * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGconn * PQsetdbLogin(const char * a0, const char * a1, const char * a2, const char * a3, const char * a4, const char * a5, const char * a6) {
    void *f = heard_pq_symbol(&slots[5], "PQsetdbLogin");
    if (f) return ((__typeof__(&PQsetdbLogin))f)(a0, a1, a2, a3, a4, a5, a6);
    PGconn * none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQfinish(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[6], "PQfinish");
    if (f) ((__typeof__(&PQfinish))f)(a0);
}

PQconninfoOption * PQconndefaults(void) {
    void *f = heard_pq_symbol(&slots[7], "PQconndefaults");
    if (f) return ((__typeof__(&PQconndefaults))f)();
    PQconninfoOption * none;
    memset(&none, 0, sizeof none);
    return none;
}

PQconninfoOption * PQconninfoParse(const char * a0, char ** a1) {
    void *f = heard_pq_symbol(&slots[8], "PQconninfoParse");
    if (f) return ((__typeof__(&PQconninfoParse))f)(a0, a1);
    PQconninfoOption * none;
    memset(&none, 0, sizeof none);
    return none;
}

PQconninfoOption * PQconninfo(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[9], "PQconninfo");
    if (f) return ((__typeof__(&PQconninfo))f)(a0);
    PQconninfoOption * none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQconninfoFree(PQconninfoOption * a0) {
    void *f = heard_pq_symbol(&slots[10], "PQconninfoFree");
    if (f) ((__typeof__(&PQconninfoFree))f)(a0);
}

int PQresetStart(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[11], "PQresetStart");
    if (f) return ((__typeof__(&PQresetStart))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PostgresPollingStatusType PQresetPoll(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[12], "PQresetPoll");
    if (f) return ((__typeof__(&PQresetPoll))f)(a0);
    PostgresPollingStatusType none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQreset(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[13], "PQreset");
    if (f) ((__typeof__(&PQreset))f)(a0);
}

PGcancel * PQgetCancel(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[14], "PQgetCancel");
    if (f) return ((__typeof__(&PQgetCancel))f)(a0);
    PGcancel * none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQfreeCancel(PGcancel * a0) {
    void *f = heard_pq_symbol(&slots[15], "PQfreeCancel");
    if (f) ((__typeof__(&PQfreeCancel))f)(a0);
}

int PQcancel(PGcancel * a0, char * a1, int a2) {
    void *f = heard_pq_symbol(&slots[16], "PQcancel");
    if (f) return ((__typeof__(&PQcancel))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQrequestCancel(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[17], "PQrequestCancel");
    if (f) return ((__typeof__(&PQrequestCancel))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQdb(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[18], "PQdb");
    if (f) return ((__typeof__(&PQdb))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQuser(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[19], "PQuser");
    if (f) return ((__typeof__(&PQuser))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQpass(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[20], "PQpass");
    if (f) return ((__typeof__(&PQpass))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQhost(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[21], "PQhost");
    if (f) return ((__typeof__(&PQhost))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQhostaddr(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[22], "PQhostaddr");
    if (f) return ((__typeof__(&PQhostaddr))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQport(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[23], "PQport");
    if (f) return ((__typeof__(&PQport))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQtty(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[24], "PQtty");
    if (f) return ((__typeof__(&PQtty))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQoptions(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[25], "PQoptions");
    if (f) return ((__typeof__(&PQoptions))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

ConnStatusType PQstatus(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[26], "PQstatus");
    if (f) return ((__typeof__(&PQstatus))f)(a0);
    ConnStatusType none;
    memset(&none, 0, sizeof none);
    return none;
}

PGTransactionStatusType PQtransactionStatus(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[27], "PQtransactionStatus");
    if (f) return ((__typeof__(&PQtransactionStatus))f)(a0);
    PGTransactionStatusType none;
    memset(&none, 0, sizeof none);
    return none;
}

const char * PQparameterStatus(const PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[28], "PQparameterStatus");
    if (f) return ((__typeof__(&PQparameterStatus))f)(a0, a1);
    const char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQprotocolVersion(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[29], "PQprotocolVersion");
    if (f) return ((__typeof__(&PQprotocolVersion))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQserverVersion(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[30], "PQserverVersion");
    if (f) return ((__typeof__(&PQserverVersion))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQerrorMessage(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[31], "PQerrorMessage");
    if (f) return ((__typeof__(&PQerrorMessage))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsocket(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[32], "PQsocket");
    if (f) return ((__typeof__(&PQsocket))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQbackendPID(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[33], "PQbackendPID");
    if (f) return ((__typeof__(&PQbackendPID))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PGpipelineStatus PQpipelineStatus(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[34], "PQpipelineStatus");
    if (f) return ((__typeof__(&PQpipelineStatus))f)(a0);
    PGpipelineStatus none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQconnectionNeedsPassword(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[35], "PQconnectionNeedsPassword");
    if (f) return ((__typeof__(&PQconnectionNeedsPassword))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQconnectionUsedPassword(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[36], "PQconnectionUsedPassword");
    if (f) return ((__typeof__(&PQconnectionUsedPassword))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQclientEncoding(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[37], "PQclientEncoding");
    if (f) return ((__typeof__(&PQclientEncoding))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsetClientEncoding(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[38], "PQsetClientEncoding");
    if (f) return ((__typeof__(&PQsetClientEncoding))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsslInUse(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[39], "PQsslInUse");
    if (f) return ((__typeof__(&PQsslInUse))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

void * PQsslStruct(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[40], "PQsslStruct");
    if (f) return ((__typeof__(&PQsslStruct))f)(a0, a1);
    void * none;
    memset(&none, 0, sizeof none);
    return none;
}

const char * PQsslAttribute(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[41], "PQsslAttribute");
    if (f) return ((__typeof__(&PQsslAttribute))f)(a0, a1);
    const char * none;
    memset(&none, 0, sizeof none);
    return none;
}

const char *const * PQsslAttributeNames(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[42], "PQsslAttributeNames");
    if (f) return ((__typeof__(&PQsslAttributeNames))f)(a0);
    const char *const * none;
    memset(&none, 0, sizeof none);
    return none;
}

void * PQgetssl(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[43], "PQgetssl");
    if (f) return ((__typeof__(&PQgetssl))f)(a0);
    void * none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQinitSSL(int a0) {
    void *f = heard_pq_symbol(&slots[44], "PQinitSSL");
    if (f) ((__typeof__(&PQinitSSL))f)(a0);
}

void PQinitOpenSSL(int a0, int a1) {
    void *f = heard_pq_symbol(&slots[45], "PQinitOpenSSL");
    if (f) ((__typeof__(&PQinitOpenSSL))f)(a0, a1);
}

int PQgssEncInUse(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[46], "PQgssEncInUse");
    if (f) return ((__typeof__(&PQgssEncInUse))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

void * PQgetgssctx(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[47], "PQgetgssctx");
    if (f) return ((__typeof__(&PQgetgssctx))f)(a0);
    void * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGVerbosity PQsetErrorVerbosity(PGconn * a0, PGVerbosity a1) {
    void *f = heard_pq_symbol(&slots[48], "PQsetErrorVerbosity");
    if (f) return ((__typeof__(&PQsetErrorVerbosity))f)(a0, a1);
    PGVerbosity none;
    memset(&none, 0, sizeof none);
    return none;
}

PGContextVisibility PQsetErrorContextVisibility(PGconn * a0, PGContextVisibility a1) {
    void *f = heard_pq_symbol(&slots[49], "PQsetErrorContextVisibility");
    if (f) return ((__typeof__(&PQsetErrorContextVisibility))f)(a0, a1);
    PGContextVisibility none;
    memset(&none, 0, sizeof none);
    return none;
}

PQnoticeReceiver PQsetNoticeReceiver(PGconn * a0, PQnoticeReceiver a1, void * a2) {
    void *f = heard_pq_symbol(&slots[50], "PQsetNoticeReceiver");
    if (f) return ((__typeof__(&PQsetNoticeReceiver))f)(a0, a1, a2);
    PQnoticeReceiver none;
    memset(&none, 0, sizeof none);
    return none;
}

PQnoticeProcessor PQsetNoticeProcessor(PGconn * a0, PQnoticeProcessor a1, void * a2) {
    void *f = heard_pq_symbol(&slots[51], "PQsetNoticeProcessor");
    if (f) return ((__typeof__(&PQsetNoticeProcessor))f)(a0, a1, a2);
    PQnoticeProcessor none;
    memset(&none, 0, sizeof none);
    return none;
}

pgthreadlock_t PQregisterThreadLock(pgthreadlock_t a0) {
    void *f = heard_pq_symbol(&slots[52], "PQregisterThreadLock");
    if (f) return ((__typeof__(&PQregisterThreadLock))f)(a0);
    pgthreadlock_t none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQtrace(PGconn * a0, FILE * a1) {
    void *f = heard_pq_symbol(&slots[53], "PQtrace");
    if (f) ((__typeof__(&PQtrace))f)(a0, a1);
}

void PQuntrace(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[54], "PQuntrace");
    if (f) ((__typeof__(&PQuntrace))f)(a0);
}

void PQsetTraceFlags(PGconn * a0, int a1) {
    void *f = heard_pq_symbol(&slots[55], "PQsetTraceFlags");
    if (f) ((__typeof__(&PQsetTraceFlags))f)(a0, a1);
}

PGresult * PQexec(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[56], "PQexec");
    if (f) return ((__typeof__(&PQexec))f)(a0, a1);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQexecParams(PGconn * a0, const char * a1, int a2, const Oid * a3, const char *const * a4, const int * a5, const int * a6, int a7) {
    void *f = heard_pq_symbol(&slots[57], "PQexecParams");
    if (f) return ((__typeof__(&PQexecParams))f)(a0, a1, a2, a3, a4, a5, a6, a7);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQprepare(PGconn * a0, const char * a1, const char * a2, int a3, const Oid * a4) {
    void *f = heard_pq_symbol(&slots[58], "PQprepare");
    if (f) return ((__typeof__(&PQprepare))f)(a0, a1, a2, a3, a4);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQexecPrepared(PGconn * a0, const char * a1, int a2, const char *const * a3, const int * a4, const int * a5, int a6) {
    void *f = heard_pq_symbol(&slots[59], "PQexecPrepared");
    if (f) return ((__typeof__(&PQexecPrepared))f)(a0, a1, a2, a3, a4, a5, a6);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendQuery(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[60], "PQsendQuery");
    if (f) return ((__typeof__(&PQsendQuery))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendQueryParams(PGconn * a0, const char * a1, int a2, const Oid * a3, const char *const * a4, const int * a5, const int * a6, int a7) {
    void *f = heard_pq_symbol(&slots[61], "PQsendQueryParams");
    if (f) return ((__typeof__(&PQsendQueryParams))f)(a0, a1, a2, a3, a4, a5, a6, a7);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendPrepare(PGconn * a0, const char * a1, const char * a2, int a3, const Oid * a4) {
    void *f = heard_pq_symbol(&slots[62], "PQsendPrepare");
    if (f) return ((__typeof__(&PQsendPrepare))f)(a0, a1, a2, a3, a4);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendQueryPrepared(PGconn * a0, const char * a1, int a2, const char *const * a3, const int * a4, const int * a5, int a6) {
    void *f = heard_pq_symbol(&slots[63], "PQsendQueryPrepared");
    if (f) return ((__typeof__(&PQsendQueryPrepared))f)(a0, a1, a2, a3, a4, a5, a6);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsetSingleRowMode(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[64], "PQsetSingleRowMode");
    if (f) return ((__typeof__(&PQsetSingleRowMode))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQgetResult(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[65], "PQgetResult");
    if (f) return ((__typeof__(&PQgetResult))f)(a0);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQisBusy(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[66], "PQisBusy");
    if (f) return ((__typeof__(&PQisBusy))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQconsumeInput(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[67], "PQconsumeInput");
    if (f) return ((__typeof__(&PQconsumeInput))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQenterPipelineMode(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[68], "PQenterPipelineMode");
    if (f) return ((__typeof__(&PQenterPipelineMode))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQexitPipelineMode(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[69], "PQexitPipelineMode");
    if (f) return ((__typeof__(&PQexitPipelineMode))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQpipelineSync(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[70], "PQpipelineSync");
    if (f) return ((__typeof__(&PQpipelineSync))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendFlushRequest(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[71], "PQsendFlushRequest");
    if (f) return ((__typeof__(&PQsendFlushRequest))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PGnotify * PQnotifies(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[72], "PQnotifies");
    if (f) return ((__typeof__(&PQnotifies))f)(a0);
    PGnotify * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQputCopyData(PGconn * a0, const char * a1, int a2) {
    void *f = heard_pq_symbol(&slots[73], "PQputCopyData");
    if (f) return ((__typeof__(&PQputCopyData))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQputCopyEnd(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[74], "PQputCopyEnd");
    if (f) return ((__typeof__(&PQputCopyEnd))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQgetCopyData(PGconn * a0, char ** a1, int a2) {
    void *f = heard_pq_symbol(&slots[75], "PQgetCopyData");
    if (f) return ((__typeof__(&PQgetCopyData))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQgetline(PGconn * a0, char * a1, int a2) {
    void *f = heard_pq_symbol(&slots[76], "PQgetline");
    if (f) return ((__typeof__(&PQgetline))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQputline(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[77], "PQputline");
    if (f) return ((__typeof__(&PQputline))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQgetlineAsync(PGconn * a0, char * a1, int a2) {
    void *f = heard_pq_symbol(&slots[78], "PQgetlineAsync");
    if (f) return ((__typeof__(&PQgetlineAsync))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQputnbytes(PGconn * a0, const char * a1, int a2) {
    void *f = heard_pq_symbol(&slots[79], "PQputnbytes");
    if (f) return ((__typeof__(&PQputnbytes))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQendcopy(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[80], "PQendcopy");
    if (f) return ((__typeof__(&PQendcopy))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsetnonblocking(PGconn * a0, int a1) {
    void *f = heard_pq_symbol(&slots[81], "PQsetnonblocking");
    if (f) return ((__typeof__(&PQsetnonblocking))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQisnonblocking(const PGconn * a0) {
    void *f = heard_pq_symbol(&slots[82], "PQisnonblocking");
    if (f) return ((__typeof__(&PQisnonblocking))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQisthreadsafe(void) {
    void *f = heard_pq_symbol(&slots[83], "PQisthreadsafe");
    if (f) return ((__typeof__(&PQisthreadsafe))f)();
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PGPing PQping(const char * a0) {
    void *f = heard_pq_symbol(&slots[84], "PQping");
    if (f) return ((__typeof__(&PQping))f)(a0);
    PGPing none;
    memset(&none, 0, sizeof none);
    return none;
}

PGPing PQpingParams(const char *const * a0, const char *const * a1, int a2) {
    void *f = heard_pq_symbol(&slots[85], "PQpingParams");
    if (f) return ((__typeof__(&PQpingParams))f)(a0, a1, a2);
    PGPing none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQflush(PGconn * a0) {
    void *f = heard_pq_symbol(&slots[86], "PQflush");
    if (f) return ((__typeof__(&PQflush))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQfn(PGconn * a0, int a1, int * a2, int * a3, int a4, const PQArgBlock * a5, int a6) {
    void *f = heard_pq_symbol(&slots[87], "PQfn");
    if (f) return ((__typeof__(&PQfn))f)(a0, a1, a2, a3, a4, a5, a6);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

ExecStatusType PQresultStatus(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[88], "PQresultStatus");
    if (f) return ((__typeof__(&PQresultStatus))f)(a0);
    ExecStatusType none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQresStatus(ExecStatusType a0) {
    void *f = heard_pq_symbol(&slots[89], "PQresStatus");
    if (f) return ((__typeof__(&PQresStatus))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQresultErrorMessage(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[90], "PQresultErrorMessage");
    if (f) return ((__typeof__(&PQresultErrorMessage))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQresultVerboseErrorMessage(const PGresult * a0, PGVerbosity a1, PGContextVisibility a2) {
    void *f = heard_pq_symbol(&slots[91], "PQresultVerboseErrorMessage");
    if (f) return ((__typeof__(&PQresultVerboseErrorMessage))f)(a0, a1, a2);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQresultErrorField(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[92], "PQresultErrorField");
    if (f) return ((__typeof__(&PQresultErrorField))f)(a0, a1);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQntuples(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[93], "PQntuples");
    if (f) return ((__typeof__(&PQntuples))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQnfields(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[94], "PQnfields");
    if (f) return ((__typeof__(&PQnfields))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQbinaryTuples(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[95], "PQbinaryTuples");
    if (f) return ((__typeof__(&PQbinaryTuples))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQfname(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[96], "PQfname");
    if (f) return ((__typeof__(&PQfname))f)(a0, a1);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQfnumber(const PGresult * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[97], "PQfnumber");
    if (f) return ((__typeof__(&PQfnumber))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid PQftable(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[98], "PQftable");
    if (f) return ((__typeof__(&PQftable))f)(a0, a1);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQftablecol(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[99], "PQftablecol");
    if (f) return ((__typeof__(&PQftablecol))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQfformat(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[100], "PQfformat");
    if (f) return ((__typeof__(&PQfformat))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid PQftype(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[101], "PQftype");
    if (f) return ((__typeof__(&PQftype))f)(a0, a1);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQfsize(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[102], "PQfsize");
    if (f) return ((__typeof__(&PQfsize))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQfmod(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[103], "PQfmod");
    if (f) return ((__typeof__(&PQfmod))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQcmdStatus(PGresult * a0) {
    void *f = heard_pq_symbol(&slots[104], "PQcmdStatus");
    if (f) return ((__typeof__(&PQcmdStatus))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQoidStatus(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[105], "PQoidStatus");
    if (f) return ((__typeof__(&PQoidStatus))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid PQoidValue(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[106], "PQoidValue");
    if (f) return ((__typeof__(&PQoidValue))f)(a0);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQcmdTuples(PGresult * a0) {
    void *f = heard_pq_symbol(&slots[107], "PQcmdTuples");
    if (f) return ((__typeof__(&PQcmdTuples))f)(a0);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQgetvalue(const PGresult * a0, int a1, int a2) {
    void *f = heard_pq_symbol(&slots[108], "PQgetvalue");
    if (f) return ((__typeof__(&PQgetvalue))f)(a0, a1, a2);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQgetlength(const PGresult * a0, int a1, int a2) {
    void *f = heard_pq_symbol(&slots[109], "PQgetlength");
    if (f) return ((__typeof__(&PQgetlength))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQgetisnull(const PGresult * a0, int a1, int a2) {
    void *f = heard_pq_symbol(&slots[110], "PQgetisnull");
    if (f) return ((__typeof__(&PQgetisnull))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQnparams(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[111], "PQnparams");
    if (f) return ((__typeof__(&PQnparams))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid PQparamtype(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[112], "PQparamtype");
    if (f) return ((__typeof__(&PQparamtype))f)(a0, a1);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQdescribePrepared(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[113], "PQdescribePrepared");
    if (f) return ((__typeof__(&PQdescribePrepared))f)(a0, a1);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQdescribePortal(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[114], "PQdescribePortal");
    if (f) return ((__typeof__(&PQdescribePortal))f)(a0, a1);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendDescribePrepared(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[115], "PQsendDescribePrepared");
    if (f) return ((__typeof__(&PQsendDescribePrepared))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsendDescribePortal(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[116], "PQsendDescribePortal");
    if (f) return ((__typeof__(&PQsendDescribePortal))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQclear(PGresult * a0) {
    void *f = heard_pq_symbol(&slots[117], "PQclear");
    if (f) ((__typeof__(&PQclear))f)(a0);
}

void PQfreemem(void * a0) {
    void *f = heard_pq_symbol(&slots[118], "PQfreemem");
    if (f) ((__typeof__(&PQfreemem))f)(a0);
}

PGresult * PQmakeEmptyPGresult(PGconn * a0, ExecStatusType a1) {
    void *f = heard_pq_symbol(&slots[119], "PQmakeEmptyPGresult");
    if (f) return ((__typeof__(&PQmakeEmptyPGresult))f)(a0, a1);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

PGresult * PQcopyResult(const PGresult * a0, int a1) {
    void *f = heard_pq_symbol(&slots[120], "PQcopyResult");
    if (f) return ((__typeof__(&PQcopyResult))f)(a0, a1);
    PGresult * none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsetResultAttrs(PGresult * a0, int a1, PGresAttDesc * a2) {
    void *f = heard_pq_symbol(&slots[121], "PQsetResultAttrs");
    if (f) return ((__typeof__(&PQsetResultAttrs))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

void * PQresultAlloc(PGresult * a0, size_t a1) {
    void *f = heard_pq_symbol(&slots[122], "PQresultAlloc");
    if (f) return ((__typeof__(&PQresultAlloc))f)(a0, a1);
    void * none;
    memset(&none, 0, sizeof none);
    return none;
}

size_t PQresultMemorySize(const PGresult * a0) {
    void *f = heard_pq_symbol(&slots[123], "PQresultMemorySize");
    if (f) return ((__typeof__(&PQresultMemorySize))f)(a0);
    size_t none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQsetvalue(PGresult * a0, int a1, int a2, char * a3, int a4) {
    void *f = heard_pq_symbol(&slots[124], "PQsetvalue");
    if (f) return ((__typeof__(&PQsetvalue))f)(a0, a1, a2, a3, a4);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

size_t PQescapeStringConn(PGconn * a0, char * a1, const char * a2, size_t a3, int * a4) {
    void *f = heard_pq_symbol(&slots[125], "PQescapeStringConn");
    if (f) return ((__typeof__(&PQescapeStringConn))f)(a0, a1, a2, a3, a4);
    size_t none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQescapeLiteral(PGconn * a0, const char * a1, size_t a2) {
    void *f = heard_pq_symbol(&slots[126], "PQescapeLiteral");
    if (f) return ((__typeof__(&PQescapeLiteral))f)(a0, a1, a2);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQescapeIdentifier(PGconn * a0, const char * a1, size_t a2) {
    void *f = heard_pq_symbol(&slots[127], "PQescapeIdentifier");
    if (f) return ((__typeof__(&PQescapeIdentifier))f)(a0, a1, a2);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

unsigned char * PQescapeByteaConn(PGconn * a0, const unsigned char * a1, size_t a2, size_t * a3) {
    void *f = heard_pq_symbol(&slots[128], "PQescapeByteaConn");
    if (f) return ((__typeof__(&PQescapeByteaConn))f)(a0, a1, a2, a3);
    unsigned char * none;
    memset(&none, 0, sizeof none);
    return none;
}

unsigned char * PQunescapeBytea(const unsigned char * a0, size_t * a1) {
    void *f = heard_pq_symbol(&slots[129], "PQunescapeBytea");
    if (f) return ((__typeof__(&PQunescapeBytea))f)(a0, a1);
    unsigned char * none;
    memset(&none, 0, sizeof none);
    return none;
}

size_t PQescapeString(char * a0, const char * a1, size_t a2) {
    void *f = heard_pq_symbol(&slots[130], "PQescapeString");
    if (f) return ((__typeof__(&PQescapeString))f)(a0, a1, a2);
    size_t none;
    memset(&none, 0, sizeof none);
    return none;
}

unsigned char * PQescapeBytea(const unsigned char * a0, size_t a1, size_t * a2) {
    void *f = heard_pq_symbol(&slots[131], "PQescapeBytea");
    if (f) return ((__typeof__(&PQescapeBytea))f)(a0, a1, a2);
    unsigned char * none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQprint(FILE * a0, const PGresult * a1, const PQprintOpt * a2) {
    void *f = heard_pq_symbol(&slots[132], "PQprint");
    if (f) ((__typeof__(&PQprint))f)(a0, a1, a2);
}

void PQdisplayTuples(const PGresult * a0, FILE * a1, int a2, const char * a3, int a4, int a5) {
    void *f = heard_pq_symbol(&slots[133], "PQdisplayTuples");
    if (f) ((__typeof__(&PQdisplayTuples))f)(a0, a1, a2, a3, a4, a5);
}

void PQprintTuples(const PGresult * a0, FILE * a1, int a2, int a3, int a4) {
    void *f = heard_pq_symbol(&slots[134], "PQprintTuples");
    if (f) ((__typeof__(&PQprintTuples))f)(a0, a1, a2, a3, a4);
}

int lo_open(PGconn * a0, Oid a1, int a2) {
    void *f = heard_pq_symbol(&slots[135], "lo_open");
    if (f) return ((__typeof__(&lo_open))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_close(PGconn * a0, int a1) {
    void *f = heard_pq_symbol(&slots[136], "lo_close");
    if (f) return ((__typeof__(&lo_close))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_read(PGconn * a0, int a1, char * a2, size_t a3) {
    void *f = heard_pq_symbol(&slots[137], "lo_read");
    if (f) return ((__typeof__(&lo_read))f)(a0, a1, a2, a3);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_write(PGconn * a0, int a1, const char * a2, size_t a3) {
    void *f = heard_pq_symbol(&slots[138], "lo_write");
    if (f) return ((__typeof__(&lo_write))f)(a0, a1, a2, a3);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_lseek(PGconn * a0, int a1, int a2, int a3) {
    void *f = heard_pq_symbol(&slots[139], "lo_lseek");
    if (f) return ((__typeof__(&lo_lseek))f)(a0, a1, a2, a3);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

pg_int64 lo_lseek64(PGconn * a0, int a1, pg_int64 a2, int a3) {
    void *f = heard_pq_symbol(&slots[140], "lo_lseek64");
    if (f) return ((__typeof__(&lo_lseek64))f)(a0, a1, a2, a3);
    pg_int64 none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid lo_creat(PGconn * a0, int a1) {
    void *f = heard_pq_symbol(&slots[141], "lo_creat");
    if (f) return ((__typeof__(&lo_creat))f)(a0, a1);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid lo_create(PGconn * a0, Oid a1) {
    void *f = heard_pq_symbol(&slots[142], "lo_create");
    if (f) return ((__typeof__(&lo_create))f)(a0, a1);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_tell(PGconn * a0, int a1) {
    void *f = heard_pq_symbol(&slots[143], "lo_tell");
    if (f) return ((__typeof__(&lo_tell))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

pg_int64 lo_tell64(PGconn * a0, int a1) {
    void *f = heard_pq_symbol(&slots[144], "lo_tell64");
    if (f) return ((__typeof__(&lo_tell64))f)(a0, a1);
    pg_int64 none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_truncate(PGconn * a0, int a1, size_t a2) {
    void *f = heard_pq_symbol(&slots[145], "lo_truncate");
    if (f) return ((__typeof__(&lo_truncate))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_truncate64(PGconn * a0, int a1, pg_int64 a2) {
    void *f = heard_pq_symbol(&slots[146], "lo_truncate64");
    if (f) return ((__typeof__(&lo_truncate64))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_unlink(PGconn * a0, Oid a1) {
    void *f = heard_pq_symbol(&slots[147], "lo_unlink");
    if (f) return ((__typeof__(&lo_unlink))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid lo_import(PGconn * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[148], "lo_import");
    if (f) return ((__typeof__(&lo_import))f)(a0, a1);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

Oid lo_import_with_oid(PGconn * a0, const char * a1, Oid a2) {
    void *f = heard_pq_symbol(&slots[149], "lo_import_with_oid");
    if (f) return ((__typeof__(&lo_import_with_oid))f)(a0, a1, a2);
    Oid none;
    memset(&none, 0, sizeof none);
    return none;
}

int lo_export(PGconn * a0, Oid a1, const char * a2) {
    void *f = heard_pq_symbol(&slots[150], "lo_export");
    if (f) return ((__typeof__(&lo_export))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQlibVersion(void) {
    void *f = heard_pq_symbol(&slots[151], "PQlibVersion");
    if (f) return ((__typeof__(&PQlibVersion))f)();
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQmblen(const char * a0, int a1) {
    void *f = heard_pq_symbol(&slots[152], "PQmblen");
    if (f) return ((__typeof__(&PQmblen))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQmblenBounded(const char * a0, int a1) {
    void *f = heard_pq_symbol(&slots[153], "PQmblenBounded");
    if (f) return ((__typeof__(&PQmblenBounded))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQdsplen(const char * a0, int a1) {
    void *f = heard_pq_symbol(&slots[154], "PQdsplen");
    if (f) return ((__typeof__(&PQdsplen))f)(a0, a1);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

int PQenv2encoding(void) {
    void *f = heard_pq_symbol(&slots[155], "PQenv2encoding");
    if (f) return ((__typeof__(&PQenv2encoding))f)();
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQencryptPassword(const char * a0, const char * a1) {
    void *f = heard_pq_symbol(&slots[156], "PQencryptPassword");
    if (f) return ((__typeof__(&PQencryptPassword))f)(a0, a1);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

char * PQencryptPasswordConn(PGconn * a0, const char * a1, const char * a2, const char * a3) {
    void *f = heard_pq_symbol(&slots[157], "PQencryptPasswordConn");
    if (f) return ((__typeof__(&PQencryptPasswordConn))f)(a0, a1, a2, a3);
    char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int pg_char_to_encoding(const char * a0) {
    void *f = heard_pq_symbol(&slots[158], "pg_char_to_encoding");
    if (f) return ((__typeof__(&pg_char_to_encoding))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

const char * pg_encoding_to_char(int a0) {
    void *f = heard_pq_symbol(&slots[159], "pg_encoding_to_char");
    if (f) return ((__typeof__(&pg_encoding_to_char))f)(a0);
    const char * none;
    memset(&none, 0, sizeof none);
    return none;
}

int pg_valid_server_encoding_id(int a0) {
    void *f = heard_pq_symbol(&slots[160], "pg_valid_server_encoding_id");
    if (f) return ((__typeof__(&pg_valid_server_encoding_id))f)(a0);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

PQsslKeyPassHook_OpenSSL_type PQgetSSLKeyPassHook_OpenSSL(void) {
    void *f = heard_pq_symbol(&slots[161], "PQgetSSLKeyPassHook_OpenSSL");
    if (f) return ((__typeof__(&PQgetSSLKeyPassHook_OpenSSL))f)();
    PQsslKeyPassHook_OpenSSL_type none;
    memset(&none, 0, sizeof none);
    return none;
}

void PQsetSSLKeyPassHook_OpenSSL(PQsslKeyPassHook_OpenSSL_type a0) {
    void *f = heard_pq_symbol(&slots[162], "PQsetSSLKeyPassHook_OpenSSL");
    if (f) ((__typeof__(&PQsetSSLKeyPassHook_OpenSSL))f)(a0);
}

int PQdefaultSSLKeyPassHook_OpenSSL(char * a0, int a1, PGconn * a2) {
    void *f = heard_pq_symbol(&slots[163], "PQdefaultSSLKeyPassHook_OpenSSL");
    if (f) return ((__typeof__(&PQdefaultSSLKeyPassHook_OpenSSL))f)(a0, a1, a2);
    int none;
    memset(&none, 0, sizeof none);
    return none;
}

#pragma GCC visibility pop
