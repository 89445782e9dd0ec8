#if canImport(Glibc)
import Glibc
#endif

/// The process's memory, as the operating system sees it.
public enum Memory {
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

    /// Makes every thread allocate from the one arena. glibc gives a thread that allocates
    /// while another holds the lock an arena of its own; the list's loading thread then keeps
    /// 3 MB resident in it for the rest of the day (measured at 100,000 contacts with
    /// MALLOC_ARENA_MAX=1: 54 -> 50 MB), which the main thread never reuses. glibc fixes the
    /// number of arenas when a second thread first allocates, so this must run before any
    /// thread starts: the executable calls it first thing when it opens the screens.
    public static func useOneArena() {
        #if canImport(Glibc)
        typealias Option = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let arenaMax: Int32 = -8   // M_ARENA_MAX in malloc.h
        _ = unsafeBitCast(symbol, to: Option.self)(arenaMax, 1)
        #endif
    }
}
