import GRDB

extension Store {
    /// Hands back, without waiting, the pages SQLite's connections keep in their caches (reading
    /// every row of the list fills a reader's: megabytes the app would otherwise hold all day).
    /// The readers close once their reads end and open again when next needed; on PostgreSQL
    /// the pages are the server's and nothing is kept here.
    public func releaseCachedPages() {
        guard dialect == .sqlite else { return }
        pool.releaseMemoryEventually()
    }
}
