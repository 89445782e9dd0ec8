import CellWidth
import ConfigFile
import Foundation

/// The outcome of loading a theme: the theme to use and messages for the user.
public struct ThemeLoadResult: Sendable {
    /// The theme to use (the built-in one when the requested file was missing or broken).
    public var theme: Theme
    /// Problems found, each naming file, key and value.
    public var messages: [String]
    /// Whether the requested theme itself was loaded.
    public var loadedRequested: Bool

    public init(theme: Theme, messages: [String], loadedRequested: Bool) {
        self.theme = theme; self.messages = messages; self.loadedRequested = loadedRequested
    }
}

/// Finds `NAME.toml` in theme directories and resolves `inherits`.
public struct ThemeLoader: Sendable {
    /// Directories searched in order.
    public var directories: [String]
    /// Themes known by name without a file (the application's own), used when no directory has one.
    public var shipped: [String: String]

    /// A loader searching the given directories in order, then `shipped`.
    public init(directories: [String], shipped: [String: String] = [:]) { self.directories = directories; self.shipped = shipped }

    /// The standard directories: `$XDG_CONFIG_HOME/heard/themes` (or `~/.config/heard/themes`),
    /// then `themes/` beside the executable, then `../share/heard/themes` relative to it.
    public static func standardDirectories(executablePath: String?, environment env: [String: String]) -> [String] {
        var dirs: [String] = []
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty {
            dirs.append(xdg + "/heard/themes")
        } else if let home = env["HOME"], !home.isEmpty {
            dirs.append(home + "/.config/heard/themes")
        }
        if let exe = executablePath {
            let dir = PathText.folder(exe)
            dirs.append(dir + "/themes")
            let up = PathText.parent(dir)
            dirs.append((up.isEmpty ? (dir == "." ? ".." : ".") : up) + "/share/heard/themes")
        }
        return dirs
    }

    /// Path of the file for a theme name, if one exists.
    public func path(for name: String) -> String? {
        if name.contains("/") || name.hasSuffix(".toml") {
            return FileManager.default.fileExists(atPath: name) ? name : nil
        }
        for d in directories {
            let p = d + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    /// The most palette colours, and the most roles, a theme may define.
    public static let maxEntries = 1_000

    /// Loads a theme by name (nil: the built-in theme); on any problem returns the built-in theme and messages.
    public func load(name: String?) -> ThemeLoadResult {
        guard let name, !name.isEmpty else { return ThemeLoadResult(theme: .builtin, messages: [], loadedRequested: true) }
        switch resolve(name: name, seen: []) {
        case .success(let t): return ThemeLoadResult(theme: t, messages: [], loadedRequested: true)
        case .failure(let errs):
            return ThemeLoadResult(theme: .builtin, messages: errs.errors.map(\.description) + ["using the built-in theme"], loadedRequested: false)
        }
    }

    /// Loads theme text directly (for tests and config embedding); `inherits` is looked up in the directories.
    public func load(text: String, name: String, file: String) -> Result<Theme, ThemeErrors> {
        resolve(text: text, name: name, file: file, seen: [name])
    }


    private func resolve(name: String, seen: [String]) -> Result<Theme, ThemeErrors> {
        if seen.contains(name) {
            return .failure(ThemeErrors([ThemeError(file: name, key: "inherits", value: "\"\(name)\"", reason: "inheritance cycle")]))
        }
        guard let path = path(for: name) else {
            if let text = shipped[name] { return resolve(text: text, name: name, file: "\(name).toml (built in)", seen: seen + [name]) }
            if name == "default" || name == "builtin" { return .success(.builtin) }
            let where_ = directories.isEmpty ? "no theme directories" : directories.joined(separator: ", ")
            return .failure(ThemeErrors([ThemeError(file: name + ".toml", key: "", value: "", reason: "theme \"\(name)\" not found in \(where_)")]))
        }
        let text: String
        switch SettingsFile.read(path) {
        case .text(let t): text = t
        case .absent: return .failure(ThemeErrors([ThemeError(file: path, key: "", value: "", reason: "cannot be read")]))
        case .refused(let why): return .failure(ThemeErrors([ThemeError(file: path, key: "", value: "", reason: why)]))
        }
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return resolve(text: text, name: base, file: path, seen: seen + [name])
    }

    private func resolve(text: String, name: String, file: String, seen: [String]) -> Result<Theme, ThemeErrors> {
        let (parsed, errors) = ThemeParser.parse(text, name: name, file: file)
        if !errors.isEmpty { return .failure(ThemeErrors(errors)) }
        // A theme names a few dozen colours and roles; thousands are a mistake that costs start-up time.
        for (what, count) in [("palette", parsed.palette.count), ("roles", parsed.roles.count)] where count > ThemeLoader.maxEntries {
            return .failure(ThemeErrors([ThemeError(file: file, key: what, value: "\(count) entries", reason: "a theme may have at most \(ThemeLoader.maxEntries)")]))
        }
        var merged = parsed
        if let parent = parsed.inherits {
            let baseResult: Result<Theme, ThemeErrors>
            if seen.contains(parent) {
                baseResult = .failure(ThemeErrors([ThemeError(file: file, key: "inherits", value: "\"\(parent)\"", reason: "inheritance cycle")]))
            } else if path(for: parent) == nil, parent == "default" || parent == "builtin" {
                baseResult = .success(.builtin)
            } else {
                baseResult = resolve(name: parent, seen: seen)
            }
            switch baseResult {
            case .success(let base): merged = parsed.merged(over: base)
            case .failure(let errs):
                let line = SourceLocator(text).line(ofKey: "inherits", inSection: nil)
                return .failure(ThemeErrors([ThemeError(file: file, line: line, key: "inherits", value: "\"\(parent)\"", reason: "cannot load the parent theme")] + errs.errors))
            }
        }
        let refErrors = ThemeParser.validate(parsed, palette: merged.palette, file: file, text: text)
        if !refErrors.isEmpty { return .failure(ThemeErrors(refErrors)) }
        return .success(merged)
    }
}
