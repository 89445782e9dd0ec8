import HeardCore
import HeardStore
import TerminalUI

/// The app's update function: changes the state for an event and says what the runner must do.
public enum Update {
    public static func update(_ s: inout AppState, _ event: AppEvent) -> [Effect] {
        switch event {
        case .tick:
            s.tick += 1
            if let m = s.message, m.isExpired(at: s.tick) { s.message = nil }
            return []
        case .resize(let size):
            s.size = size
            return []
        case .casesLoaded(let rows, let empty):
            s.list.replaceRows(rows)
            s.emptyDatabase = empty
            return []
        case .caseLoaded(let data):
            for i in s.stack.indices {
                if case .detail(var d) = s.stack[i], d.id == data.contact.id {
                    d.data = data
                    s.stack[i] = .detail(d)
                }
            }
            return []
        case .failed(let text):
            s.say(text, error: true)
            return []
        case .externalChange:
            var effects: [Effect] = [.loadCases]
            if case .detail(let d)? = s.stack.last { effects.append(.loadCase(d.id)) }
            return effects
        case .key(let key):
            return handleKey(&s, key)
        }
    }

    static func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if s.isTooSmall {
            // Only leaving works on the notice; everything else waits for room.
            if s.keymap.action(for: key, scopes: ["global"]) == "back" && s.stack.isEmpty && s.overlay == nil { s.quit = true; return [.quit] }
            if s.keymap.action(for: key, scopes: ["global"]) == "back" { return back(&s) }
            return []
        }
        if let overlay = s.overlay { return handleOverlay(&s, overlay, key) }
        if s.stack.isEmpty, s.list.queryInput != nil { return CaseListUpdate.handleQueryKey(&s, key) }
        let scopes: [String]
        if case .detail? = s.stack.last { scopes = ["caseDetail", "list", "global"] } else { scopes = ["caseList", "list", "global"] }
        guard let action = s.keymap.action(for: key, scopes: scopes) else {
            if case .char(let c) = key, !c.isWhitespace { s.say("\(key.name): no action here. Press ? for the keys.") }
            return []
        }
        switch action {
        case "back": return back(&s)
        case "help": s.overlay = .help(offset: 0); return []
        case "redraw": return [.redraw]
        case "command", "actionPlan", "report", "undo", "quickEntry", "workflow", "edit":
            s.say("\(describe(action)) is not built yet in this version.")
            return []
        default: break
        }
        if case .detail(var d)? = s.stack.last {
            let effects = CaseDetailUpdate.handle(&d, action: action, state: s)
            s.stack[s.stack.count - 1] = .detail(d)
            return effects
        }
        return CaseListUpdate.handle(&s, action: action)
    }

    static func describe(_ action: String) -> String {
        DefaultKeys.bindings.first { $0.action == action }?.description ?? action
    }

    static func back(_ s: inout AppState) -> [Effect] {
        if s.overlay != nil { s.overlay = nil; return [] }
        if !s.stack.isEmpty { s.stack.removeLast(); return [] }
        s.quit = true
        return [.quit]
    }

    static func handleOverlay(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
        switch overlay {
        case .help(let offset):
            switch s.keymap.action(for: key, scopes: ["list"]) {
            case "down": s.overlay = .help(offset: offset + 1)
            case "up": s.overlay = .help(offset: max(0, offset - 1))
            case "pageDown": s.overlay = .help(offset: offset + max(1, s.size.height - 4))
            case "pageUp": s.overlay = .help(offset: max(0, offset - max(1, s.size.height - 4)))
            default: s.overlay = nil
            }
            return []
        case .filters(var panel):
            let action = s.keymap.action(for: key, scopes: ["filters", "list", "global"])
            switch action {
            case "up": panel.focus = max(0, panel.focus - 1)
            case "down": panel.focus = min(FilterPanelState.fields.count - 1, panel.focus + 1)
            case "previousValue": panel.step(-1)
            case "nextValue", "mark": panel.step(1)
            case "apply", "open":
                s.list.filters = panel.filters
                s.list.refilter()
                s.overlay = nil
                return []
            case "back": s.overlay = nil; return []
            default: break
            }
            s.overlay = .filters(panel)
            return []
        }
    }
}
