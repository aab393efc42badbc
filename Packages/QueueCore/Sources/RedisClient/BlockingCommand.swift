/// How long the server may legitimately hold a blocking command (`BLPOP key 5`, `BZPOPMIN key 0`,
/// `XREAD BLOCK 100 ...`), so its reply deadline is the command timeout plus that. Pure.
enum BlockingCommand: Equatable {
    /// Not a blocking command: the plain command timeout applies.
    case notBlocking
    /// Blocks at most this long on the server.
    case upTo(Duration)
    /// Blocks until data arrives (a timeout of 0): no client deadline.
    case indefinitely

    /// Classifies a command from its name and arguments (case-insensitive name).
    static func classify(_ command: [String]) -> BlockingCommand {
        guard let name = command.first, let initial = name.utf8.first,
            initial | 0x20 == UInt8(ascii: "b") || initial | 0x20 == UInt8(ascii: "x")
                || initial | 0x20 == UInt8(ascii: "w")
        else { return .notBlocking }
        switch name.uppercased() {
        case "BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX", "BRPOPLPUSH", "BLMOVE":
            return seconds(command.last)
        case "BLMPOP", "BZMPOP":
            return seconds(command.count > 1 ? command[1] : nil)
        case "XREAD", "XREADGROUP":
            guard let index = command.firstIndex(where: { $0.uppercased() == "BLOCK" }), index + 1 < command.count,
                let milliseconds = Int(command[index + 1]), milliseconds >= 0
            else { return .notBlocking }
            return milliseconds == 0 ? .indefinitely : .upTo(.milliseconds(milliseconds))
        case "WAIT":
            guard command.count == 3, let milliseconds = Int(command[2]), milliseconds >= 0 else { return .notBlocking }
            return milliseconds == 0 ? .indefinitely : .upTo(.milliseconds(milliseconds))
        default:
            return .notBlocking
        }
    }

    private static func seconds(_ text: String?) -> BlockingCommand {
        guard let text, let seconds = Double(text), seconds >= 0, seconds.isFinite else { return .notBlocking }
        return seconds == 0 ? .indefinitely : .upTo(.nanoseconds(Int64(seconds * 1e9)))
    }

    /// The reply deadline in monotonic nanoseconds for a command sent at `now`.
    func deadline(now: UInt64, commandTimeout: Duration) -> UInt64 {
        switch self {
        case .notBlocking: now.addingDuration(commandTimeout)
        case .upTo(let wait): now.addingDuration(commandTimeout + wait)
        case .indefinitely: .max
        }
    }
}
