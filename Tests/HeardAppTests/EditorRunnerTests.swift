import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The editor run for long text ($VISUAL, ctrl-o): a request for Heard to end while it runs is
/// passed on to it, and its temporary folder goes with everything the editor left in it.
final class EditorRunnerTests: XCTestCase {
    func runner(_ store: Store) -> (AppRunner, TestBackend) {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: day("2022-03-15"), readOnly: false, databaseLabel: "editor", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        return (runner, backend)
    }

    /// `body` as a shell script in `dir`, made $VISUAL (until `unsetenv`).
    func useEditor(_ body: String, in dir: TemporaryDirectory, named name: String = "editor.sh") throws {
        let script = dir.path + "/" + name
        try ("#!/bin/sh\n" + body).write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        setenv("VISUAL", script, 1)
    }

    /// SIGTERM to Heard while the editor runs reached Heard alone, which waited for the editor
    /// until its five-second backstop killed it, the editor left running (found by an attack).
    func testARequestToEndWhileTheEditorRunsIsPassedOnToIt() throws {
        let dir = TemporaryDirectory("heard-editor-signal")
        let (app, backend) = runner(try makeStore(in: dir))
        backend.endSignal = SIGTERM
        // Were the signal not passed on, this would wait the whole minute and say 0.
        XCTAssertEqual(app.spawnEditor("sleep", ["60"]), -1, "ended by the signal passed on to it")
        backend.endSignal = 0
        XCTAssertEqual(app.spawnEditor("sh", ["-c", "exit 3"]), 3, "without one, its own exit status")
        // One that ignores it is killed two seconds later, before Heard's own backstop kills Heard.
        backend.endSignal = SIGTERM
        // (Ignored from its start: SIGTERM ignored here when it is spawned is ignored there too.)
        let previous = signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, previous) }
        let t = Date()
        XCTAssertEqual(app.spawnEditor("sleep", ["60"]), -1, "killed")
        let took = Date().timeIntervalSince(t)
        XCTAssertTrue(took > 1 && took < 30, "killed after its two seconds, not the minute it asked for: \(took)")
    }

    /// 30 MB from an editor took 25 s and 545 MB to save as a summary (an attack): over 1 MB,
    /// the text is not taken, and the field keeps what it had.
    func testTextOverAMegabyteFromTheEditorIsNotTaken() throws {
        let dir = TemporaryDirectory("heard-editor-large")
        let (app, _) = runner(try makeStore(in: dir))
        try useEditor("head -c 1100000 /dev/zero | tr '\\0' 'a' > \"$1\"\n", in: dir)
        defer { unsetenv("VISUAL") }
        XCTAssertNil(app.runEditor("as it was"))
        XCTAssertTrue(app.state.message?.text.contains("over 1 MB") == true, app.state.message?.text ?? "nothing said")
        try useEditor("echo 'a short note' > \"$1\"\n", in: dir, named: "small.sh")
        XCTAssertEqual(app.runEditor("as it was"), "a short note")
    }

    /// ed writes its text to `ed.hup` in its working folder when its terminal hangs up: Heard's
    /// working folder, 0644, left there (found by a trial). The editor now runs in the private
    /// folder, which goes with what it wrote.
    func testTheEditorRunsInItsPrivateFolderAndWhatItWritesThereGoes() throws {
        let dir = TemporaryDirectory("heard-editor-cwd")
        let (app, _) = runner(try makeStore(in: dir))
        let told = dir.path + "/told"
        try useEditor("pwd > '\(told)'\necho 'the note being typed' > ed.hup\nexit 0\n", in: dir)
        defer { unsetenv("VISUAL") }
        XCTAssertEqual(app.runEditor("text"), "text")
        let folder = try String(contentsOfFile: told, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(folder.contains("heard-edit-"), folder)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "the folder and ed.hup are gone")
        XCTAssertFalse(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/ed.hup"))
    }

    /// An editor ended by a signal leaves a swap or rescue file of the text beside it (vim's
    /// .swp, nano's .save): personal data, left in /tmp with the folder (found by an attack).
    func testTheEditorsFolderGoesWithWhatTheEditorLeftInIt() throws {
        let dir = TemporaryDirectory("heard-editor-folder")
        let (app, _) = runner(try makeStore(in: dir))
        let told = dir.path + "/told"
        try useEditor("echo \"$1\" > '\(told)'\necho 'the note being typed' > \"$(dirname \"$1\")/.text.txt.swp\"\nexit 1\n", in: dir)
        defer { unsetenv("VISUAL") }
        XCTAssertNil(app.runEditor("Mary's account"), "an editor that failed changes nothing")
        let file = try String(contentsOfFile: told, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(file.hasSuffix("/text.txt"), file)
        XCTAssertFalse(FileManager.default.fileExists(atPath: (file as NSString).deletingLastPathComponent), "the folder and its swap file are gone")
    }

    /// $EDITOR was split at every space: a program in a folder with a space in its name ran
    /// "/opt/My" and the text was left as it was. Words are split as a shell splits them.
    func testTheEditorsCommandIsSplitAsAShellWouldSplitIt() {
        XCTAssertEqual(AppRunner.editorWords("vim"), ["vim"])
        XCTAssertEqual(AppRunner.editorWords("  code   --wait "), ["code", "--wait"])
        XCTAssertEqual(AppRunner.editorWords("\"/opt/My Editor/edit\" --wait"), ["/opt/My Editor/edit", "--wait"])
        XCTAssertEqual(AppRunner.editorWords("'/opt/My Editor/edit' -c 'set tw=72'"), ["/opt/My Editor/edit", "-c", "set tw=72"])
        XCTAssertEqual(AppRunner.editorWords("/opt/My\\ Editor/edit"), ["/opt/My Editor/edit"])
        XCTAssertEqual(AppRunner.editorWords("ed \"a\\\"b\\x\""), ["ed", "a\"b\\x"], "in double quotes \\\" is a quote, \\x stays")
        XCTAssertEqual(AppRunner.editorWords("emacs ''"), ["emacs", ""], "an empty word is a word")
        XCTAssertNil(AppRunner.editorWords("\"/opt/My Editor/edit --wait"), "a quote not closed")
        XCTAssertNil(AppRunner.editorWords("vim \\"), "a backslash with nothing after it")
        XCTAssertTrue(AppRunner.splitEditorCommand("vim \\").endsInBackslash)
        XCTAssertFalse(AppRunner.splitEditorCommand("vim '\\").endsInBackslash, "in single quotes a backslash is itself: the quote is what is open")
        XCTAssertFalse(AppRunner.splitEditorCommand("vim \"a\\").endsInBackslash)
        XCTAssertEqual(AppRunner.editorWords(""), [])
    }

    func testAnEditorInAFolderWithASpaceIsRunWithItsArguments() throws {
        let dir = TemporaryDirectory("heard-editor-space")
        let (app, _) = runner(try makeStore(in: dir))
        let folder = dir.path + "/My Editor"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let script = folder + "/ed it.sh"
        try "#!/bin/sh\n[ \"$1\" = '--tw=72' ] || exit 9\nprintf ' and edited' >> \"$2\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        setenv("VISUAL", "'\(script)' --tw=72", 1)
        defer { unsetenv("VISUAL") }
        XCTAssertEqual(app.runEditor("written"), "written\n and edited", "the file had its line ended")
        // A quote not closed runs nothing, and says so.
        setenv("VISUAL", "'\(script) --tw=72", 1)
        XCTAssertNil(app.runEditor("written"))
        XCTAssertTrue(app.state.message?.text.contains("has a quote not closed") == true, app.state.message?.text ?? "")
        // Nor does a lone backslash at the end, and it is told as what it is.
        setenv("VISUAL", "'\(script)' \\", 1)
        XCTAssertNil(app.runEditor("written"))
        XCTAssertTrue(app.state.message?.text.contains("ends in a backslash") == true, app.state.message?.text ?? "")
    }

    /// An editor that is not there said it "did not finish normally", as if it had run and failed
    /// (found by an attack); each message fits the message line at 80 columns.
    func testAnEditorThatIsNotThereIsSaidToBeNotThere() throws {
        let dir = TemporaryDirectory("heard-editor-missing")
        let (app, _) = runner(try makeStore(in: dir))
        XCTAssertEqual(app.spawnEditor("heard-no-such-editor", []), AppRunner.editorNotStarted)
        setenv("VISUAL", "heard-no-such-editor --wait", 1)
        defer { unsetenv("VISUAL") }
        XCTAssertNil(app.runEditor("written"))
        let said = app.state.message?.text ?? ""
        XCTAssertEqual(said, "No editor program heard-no-such-editor here ($VISUAL/$EDITOR); text unchanged.")
        for visual in ["vim \\", "'vim", "vi-not-here", "/opt/a-very-long-folder-name/with/an-editor-not-there --wait"] {
            setenv("VISUAL", visual, 1)
            XCTAssertNil(app.runEditor("written"))
            XCTAssertLessThanOrEqual(app.state.message?.text.count ?? 99, 80, app.state.message?.text ?? "")
        }
    }
}
