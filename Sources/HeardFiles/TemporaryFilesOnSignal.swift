#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files this process is writing beside their targets (`PrivateFile.openTemporary`),
/// removed when an interrupt, a hang-up or a termination stops it before they were put in place
/// or discarded. An export stopped with Ctrl-C otherwise left a hidden partial copy of the record
/// (found by an attack), which retention and anonymisation never see. A signal the process
/// ignores (a background job's SIGINT) stays ignored, and one with a handler of its own (the
/// screens') keeps it. SIGKILL cannot be caught: what it leaves is named by its `.tmp` name.
enum TemporaryFilesOnSignal {
    static let capacity = 8
    /// Each a copy of a path made by `strdup`, or nil: read by the handler, which may not allocate.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    nonisolated(unsafe) static var installed = false
    /// Made once, thread-safely (a static's first use).
    nonisolated(unsafe) static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        m.initialize(to: pthread_mutex_t())
        pthread_mutex_init(m, nil)
        return m
    }()

    /// Notes `path` for removal should the process be stopped (a ninth at once is not noted).
    static func remember(_ path: String) {
        locked {
            installIfNeeded()
            for i in 0..<capacity where slots[i] == nil {
                slots[i] = strdup(path)
                return
            }
        }
    }

    /// Forgets `path`: it was put in place or removed.
    static func forget(_ path: String) {
        locked {
            for i in 0..<capacity {
                guard let p = slots[i], String(cString: p) == path else { continue }
                slots[i] = nil
                free(p)
            }
        }
    }

    private static func locked(_ body: () -> Void) {
        pthread_mutex_lock(lock)
        body()
        pthread_mutex_unlock(lock)
    }

    /// Unlinks every noted file: async-signal-safe (unlink only; nothing is freed).
    static func removeAll() {
        for i in 0..<capacity { if let p = slots[i] { unlink(p) } }
    }

    private static func installIfNeeded() {
        guard !installed else { return }
        installed = true
        #if os(Linux)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            guard sigaction(sig, nil, &old) == 0, old.__sigaction_handler.sa_handler == nil else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                TemporaryFilesOnSignal.removeAll()
                // Then as if no handler had been there: the status says which signal stopped it.
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
        #endif
    }
}
