import Foundation
import HeardCore

extension AuditEntry {
    /// The row as the case record shows it, its changes read from the JSON they were stored as
    /// (fields in name order; nothing is read from labels).
    public var historyItem: HistoryItem {
        var list: [HistoryItem.FieldChange] = []
        if let data = changes.data(using: .utf8), let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            for key in obj.keys.sorted() {
                let pair = obj[key] as? [Any] ?? []
                func value(_ i: Int) -> String? {
                    guard pair.indices.contains(i) else { return nil }
                    switch pair[i] {
                    case is NSNull: return nil
                    case let s as String: return s
                    case let n as NSNumber: return n.stringValue
                    default: return "\(pair[i])"
                    }
                }
                list.append(HistoryItem.FieldChange(field: key, before: value(0), after: value(1)))
            }
        }
        return HistoryItem(at: at, who: who, action: action, entity: entity, changes: list, batch: batch)
    }
}
