#if canImport(Glibc)
import Glibc
#endif

/// The process's memory, as the operating system sees it.
enum Memory {
    /// Hands pages the allocator holds but no longer uses back to the system. Loading 100,000
    /// rows leaves megabytes of freed temporaries (query rows, the clocks' events) that glibc
    /// would otherwise keep resident for the rest of the day. (`malloc_trim` is glibc's own and
    /// not in Swift's Glibc module, so it is looked up; elsewhere this does nothing.)
    static func releaseFree() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
