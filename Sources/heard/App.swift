import Foundation

/// Opens the screens. Until the terminal application lands, says so and points at the commands.
enum App {
    static func open(path: String, theme: String?, readOnly: Bool, demo: Bool) throws {
        print(Heard.helpMessage())
    }
}
