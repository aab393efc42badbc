/// One named connection of `CLIENT LIST`: the fields the worker census reads. Pure.
struct ClientConnection: Sendable, Equatable {
    /// The connection's id (`id=`), unique per server.
    var id: Int64
    /// Its client name (`name=`); never empty here.
    var name: String
    /// `host:port` of the client (`addr=`).
    var address: String

    /// The host part of ``address`` (`10.0.0.5` of `10.0.0.5:51000`; IPv6 hosts keep their colons).
    var host: String {
        guard let colon = address.lastIndex(of: ":") else { return address }
        return String(address[..<colon])
    }

    /// The named connections of `CLIENT LIST`'s text: one line per connection of space-separated
    /// `key=value` fields (a client name holds no spaces: Redis refuses them). Unnamed ones are skipped.
    static func parse(_ text: String) -> [ClientConnection] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            var fields: [Substring: Substring] = [:]
            for pair in line.split(separator: " ") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                fields[pair[..<equals]] = pair[pair.index(after: equals)...]
            }
            guard let name = fields["name"], !name.isEmpty else { return nil }
            return ClientConnection(
                id: fields["id"].flatMap { Int64($0) } ?? 0, name: String(name),
                address: fields["addr"].map(String.init) ?? "")
        }
    }
}
