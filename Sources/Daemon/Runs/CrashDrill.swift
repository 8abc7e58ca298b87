import Foundation
import Pipeline

/// `DEMAND_PAUSE_IN_STATE=train:5` pauses a run 5 s inside `train`, so an operator (or a test)
/// can `kill -9` it there and practise `demand run --resume`.
enum CrashDrill {
    static func fromEnvironment() -> (state: StateName, seconds: Double)? {
        guard let value = ProcessInfo.processInfo.environment["DEMAND_PAUSE_IN_STATE"] else { return nil }
        let parts = value.split(separator: ":")
        guard let name = parts.first, let state = StateName(rawValue: String(name)) else { return nil }
        let seconds = parts.count > 1 ? Double(parts[1]) ?? 30 : 30
        return (state, seconds)
    }
}
