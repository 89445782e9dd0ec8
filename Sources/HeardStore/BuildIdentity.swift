import Foundation

/// Which build of Heard is running: the GNU build id the linker wrote into the program (a hash of
/// its code), in hex, read from the program's own ELF file. Kept report facts (`ReportFacts`)
/// name it, so that a build whose rules of counting differ never counts from facts another build
/// worked out. Nil for a program without one (or whose file cannot be read): then no facts are
/// kept or read.
enum BuildIdentity {
    static let id: String? = {
        #if os(Linux)
        guard let file = ownFile(), let h = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? h.close() }
        return buildID(h).map { $0.map { String(format: "%02x", $0) }.joined() }
        #else
        return nil
        #endif
    }()

    /// The file this code was loaded from, as its mapping in /proc/self/maps names it (the
    /// program, run as itself or through the dynamic loader, whose own file /proc/self/exe is
    /// then: found by an attack); /proc/self/exe when that is the same file (it stays readable
    /// when the file was replaced meanwhile). Nil when the file at the path is no longer the one
    /// loaded: another build's id must never be taken for this one's.
    static func ownFile() -> String? {
        let marker: @convention(c) () -> Void = {}
        let address = UInt(bitPattern: unsafeBitCast(marker, to: UnsafeRawPointer.self))
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        for line in maps.split(separator: "\n") {
            // start-end perms offset dev inode path
            let parts = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard parts.count == 6, let dash = parts[0].firstIndex(of: "-"),
                  let lo = UInt(parts[0][..<dash], radix: 16), let hi = UInt(parts[0][parts[0].index(after: dash)...], radix: 16),
                  address >= lo, address < hi, let inode = UInt64(parts[4]) else { continue }
            let path = parts[5].trimmingCharacters(in: .whitespaces)
            var st = stat()
            if stat("/proc/self/exe", &st) == 0, UInt64(st.st_ino) == inode { return "/proc/self/exe" }
            guard path.hasPrefix("/"), !path.hasSuffix(" (deleted)"), stat(path, &st) == 0, UInt64(st.st_ino) == inode else { return nil }
            return path
        }
        return nil
    }

    /// The build id note of the 64-bit little-endian ELF file `h`, or nil.
    static func buildID(_ h: FileHandle) -> [UInt8]? {
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard count >= 0, count <= 1 << 20, (try? h.seek(toOffset: offset)) != nil,
                  let d = try? h.read(upToCount: count), d.count == count else { return nil }
            return [UInt8](d)
        }
        func int(_ b: [UInt8], _ at: Int, _ size: Int) -> UInt64 {
            (0..<size).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
        }
        // ELF header: magic, class 2 (64-bit), data 1 (little-endian); program headers' offset,
        // size and count.
        guard let e = read(0, 64), e[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]), e[4] == 2, e[5] == 1 else { return nil }
        let phoff = int(e, 32, 8), phentsize = Int(int(e, 54, 2)), phnum = Int(int(e, 56, 2))
        guard phentsize >= 56, phnum < 256, let table = read(phoff, phentsize * phnum) else { return nil }
        for i in 0..<phnum {
            let ph = i * phentsize
            guard int(table, ph, 4) == 4 /* PT_NOTE */ else { continue }
            let offset = int(table, ph + 8, 8), size = Int(int(table, ph + 32, 8))
            guard let notes = read(offset, size) else { continue }
            // Each note: name size, description size, type, then the name and the description,
            // each padded to four bytes.
            var at = 0
            while at + 12 <= notes.count {
                let nameSize = Int(int(notes, at, 4)), descSize = Int(int(notes, at + 4, 4)), type = int(notes, at + 8, 4)
                let nameAt = at + 12, descAt = nameAt + (nameSize + 3) & ~3, next = descAt + (descSize + 3) & ~3
                guard next <= notes.count else { break }
                if type == 3 /* NT_GNU_BUILD_ID */ && notes[nameAt..<(nameAt + nameSize)].elementsEqual(Array("GNU\0".utf8)) && descSize > 0 {
                    return Array(notes[descAt..<(descAt + descSize)])
                }
                at = next
            }
        }
        return nil
    }
}
