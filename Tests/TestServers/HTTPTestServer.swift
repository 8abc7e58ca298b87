import Foundation

/// One HTTP request as the test server received it.
public struct ReceivedRequest: Sendable {
    public var requestLine: String
    public var headers: [String: String]  // lower-cased names
    public var body: [UInt8]
}

/// Reads one HTTP/1.1 request (Content-Length body) from a server connection.
public func readHTTPRequest(_ connection: ServerConnection) -> ReceivedRequest? {
    guard let requestLine = connection.readLine() else { return nil }
    var headers: [String: String] = [:]
    while let line = connection.readLine(), !line.isEmpty {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    return ReceivedRequest(requestLine: requestLine, headers: headers, body: connection.read(count: length))
}

/// Writes a complete response with a Content-Length body.
public func writeHTTPResponse(_ connection: ServerConnection, status: Int, reason: String, body: String, extraHeaders: String = "") {
    connection.write("HTTP/1.1 \(status) \(reason)\r\nContent-Length: \(body.utf8.count)\r\n\(extraHeaders)Connection: close\r\n\r\n\(body)")
}
