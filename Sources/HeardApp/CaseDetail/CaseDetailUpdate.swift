import HeardCore
import TerminalUI

/// What can happen on the case detail.
public enum CaseDetailAction: Sendable {
    case list(ListCommand)
    case command(CaseDetailCommand)
    /// The case, loaded (or loaded again after a change).
    case loaded(CaseDetailData)
}

/// The case detail's update.
enum CaseDetailUpdate {
    static func update(_ d: inout CaseDetailState, _ action: CaseDetailAction, _ ctx: ScreenContext) -> [Output] {
        switch action {
        case .loaded(let data):
            if data.contact.id == d.id { d.data = data }
            return []
        case .command(.edit):
            guard let data = d.data else { return [] }
            if let why = data.protection.editRefusal(reference: data.contact.reference) { return [.say(why, error: true)] }
            var form = QuickEntry.form(ctx, editing: data.contact)
            // The section at the top of the screen says which fields the user means to edit.
            if topSection(d, ctx) == "People" { form.focus(on: PeopleForm.firstKey) }
            return [.push(.form(FormScreen(form: form, purpose: .editContact(data.contact))))]
        case .command(.workflow):
            guard let data = d.data else { return [] }
            guard data.contact.kind.hasWorkflow else { return [.say("A \(data.contact.kind.label) has no workflow: it is recorded and counted.")] }
            // An anonymised case's workflow says why it offers no move, and its keys say it again.
            var w = WorkflowState(contactID: d.id)
            w.data = data
            return [.push(.workflow(w))]
        case .command(.legalHold):
            guard let data = d.data else { return [] }
            if data.protection.isAnonymised { return [.say("\(data.contact.reference) is anonymised: there is nothing left to hold.", error: true)] }
            return [.push(.form(LegalHoldForm.form(data, ctx)))]
        case .command(.anonymise):
            guard let data = d.data else { return [] }
            if data.protection.isAnonymised { return [.say("\(data.contact.reference) is already anonymised.", error: true)] }
            if data.protection.isHeld { return [.say("\(data.contact.reference) is on legal hold: it cannot be anonymised until the hold is lifted.", error: true)] }
            // Said before a reason is asked for and confirmed, not after (a trial).
            if let why = Anonymisation.notEndedRefusal(reference: data.contact.reference, clock: data.clock) { return [.say(why, error: true)] }
            let f = FormState(title: "Anonymise \(data.contact.reference) on request: the figures stay",
                              fields: [FormField("reason", "Reason (no names)", .text, required: true)], sources: ctx.sources)
            return [.push(.form(FormScreen(form: f, purpose: .anonymise(data.contact))))]
        case .command(.logContact), .command(.documents), .command(.letters):
            guard case .command(let c) = action, let data = d.data else { return [] }
            return correspondence(c, data, ctx)
        case .command(let c):
            scroll(&d, section: c == .nextSection ? 1 : -1, ctx)
            return []
        case .list(let c):
            scroll(&d, c, ctx)
            return []
        }
    }

    static func lines(_ d: CaseDetailState, _ ctx: ScreenContext) -> [DetailLine] {
        d.data.map { CaseDetailLines.build($0, width: ctx.size.width, today: ctx.today, glyphs: ctx.glyphs) } ?? []
    }

    /// The title of the section the top line of the screen is in (or starts on the line below
    /// it, as a section jump leaves it), or nil above the first.
    static func topSection(_ d: CaseDetailState, _ ctx: ScreenContext) -> String? {
        let lines = lines(d, ctx)
        guard let i = lines.indices.last(where: { $0 <= d.scroll + 1 && lines[$0].isSection }) else { return nil }
        return lines[i].spans.first?.0
    }

    static func scroll(_ d: inout CaseDetailState, _ c: ListCommand, _ ctx: ScreenContext) {
        let page = max(1, ctx.size.height - 4)
        let maxScroll = max(0, lines(d, ctx).count - page)
        switch c {
        case .up: d.scroll = max(0, d.scroll - 1)
        case .down: d.scroll = min(maxScroll, d.scroll + 1)
        case .pageUp: d.scroll = max(0, d.scroll - page)
        case .pageDown: d.scroll = min(maxScroll, d.scroll + page)
        case .top: d.scroll = 0
        case .bottom: d.scroll = maxScroll
        case .open, .narrow, .mark: break
        }
    }

    static func scroll(_ d: inout CaseDetailState, section direction: Int, _ ctx: ScreenContext) {
        let lines = lines(d, ctx)
        let maxScroll = max(0, lines.count - max(1, ctx.size.height - 4))
        if direction > 0 {
            if let i = lines.indices.first(where: { $0 > d.scroll && lines[$0].isSection }) { d.scroll = min(maxScroll, i) }
        } else {
            if let i = lines.indices.last(where: { $0 < d.scroll && lines[$0].isSection }) { d.scroll = i } else { d.scroll = 0 }
        }
    }
}
