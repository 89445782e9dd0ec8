import Foundation
import XCTest

/// A group for a team folder test: as root a new group made for the test (so the group a file
/// takes from the setgid folder differs from the creator's own), with any users the test adds,
/// all removed after; otherwise one of the groups this user is in, other than the primary one
/// when there is such (a user who is not root can make neither groups nor users).
public final class TeamTestGroup {
    public let name: String
    public let gid: gid_t
    private let made: Bool
    private var users: [String] = []

    public init() throws {
        if geteuid() == 0 {
            let name = "heardt" + UUID().uuidString.prefix(6).lowercased()
            guard runTool("/usr/sbin/groupadd", [name]) == 0, let g = getgrnam(name) else { throw XCTSkip("groupadd \(name) failed") }
            self.name = name; gid = g.pointee.gr_gid; made = true
        } else {
            var groups = [gid_t](repeating: 0, count: 256)
            let n = getgroups(256, &groups)
            let chosen = groups.prefix(Int(max(n, 0))).first { $0 != getegid() } ?? getegid()
            guard let g = getgrgid(chosen), let cname = g.pointee.gr_name else { throw XCTSkip("this user's groups have no names") }
            name = String(cString: cname); gid = chosen; made = false
        }
    }

    /// A new login without a home folder (root only), in this group when `member`; removed with the group.
    public func addUser(_ prefix: String, member: Bool = true) throws -> String {
        guard made else { throw XCTSkip("only root can add users") }
        let user = prefix + UUID().uuidString.prefix(5).lowercased()
        let groups = member ? ["-G", name] : []
        guard runTool("/usr/sbin/useradd", ["-M", "-N", "-s", "/usr/sbin/nologin"] + groups + [user]) == 0 else {
            throw XCTSkip("useradd \(user) failed")
        }
        users.append(user)
        return user
    }

    deinit {
        for user in users { _ = runTool("/usr/sbin/userdel", [user]) }
        if made { _ = runTool("/usr/sbin/groupdel", [name]) }
    }
}

/// Runs a system tool and waits; its exit status (-1 when it could not be started).
@discardableResult
public func runTool(_ tool: String, _ arguments: [String]) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
}

/// The mode (with the setuid, setgid and sticky bits) and group of a file, nil when it is absent.
public func modeAndGroup(_ path: String) -> (mode: Int, gid: gid_t)? {
    var st = stat()
    guard lstat(path, &st) == 0 else { return nil }
    return (Int(st.st_mode & 0o7777), st.st_gid)
}

/// The login this process runs under, from the user database.
public func loginName() -> String {
    guard let p = getpwuid(geteuid()), let n = p.pointee.pw_name else { return String(geteuid()) }
    return String(cString: n)
}
