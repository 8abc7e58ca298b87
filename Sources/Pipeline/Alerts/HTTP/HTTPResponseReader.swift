/// Reads one HTTP/1.x response (RFC 9112) from a connection: status line, fields, body.
struct HTTPResponseReader {
    /// The connection positioned at the start of the response.
    let connection: TCPConnection
    /// The largest body accepted, in bytes.
    let maxBodyBytes: Int

    private static let maxHeaderLines = 200

    /// Reads the final (non-1xx) response to a request made with `method`.
    func read(method: String) throws -> HTTPResponse {
        while true {
            let (status, reason) = try readStatusLine()
            let headers = try readFields()
            if (100..<200).contains(status) { continue }  // interim replies such as 100 Continue
            let body = try readBody(status: status, method: method, headers: headers)
            return HTTPResponse(status: status, reason: reason, headers: headers, body: body)
        }
    }

    /// `HTTP/1.1 200 OK` → (200, "OK").
    private func readStatusLine() throws -> (Int, String) {
        let line = String(decoding: try connection.readLine(maxLength: 8192), as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
              let status = Int(parts[1]), (100...999).contains(status) else {
            throw HTTPClientError(.malformedResponse,
                                  "\(connection.peer) answered '\(line.prefix(80))' instead of an HTTP/1.x status line; check that the URL points at an HTTP server")
        }
        return (status, parts.count == 3 ? String(parts[2]) : "")
    }

    /// Header (or trailer) fields up to the empty line; obsolete line folding is joined with a space.
    private func readFields() throws -> [HTTPHeader] {
        var fields: [HTTPHeader] = []
        while true {
            let raw = try connection.readLine(maxLength: 65_536)
            if raw.isEmpty { return fields }
            guard fields.count < Self.maxHeaderLines else {
                throw HTTPClientError(.malformedResponse, "\(connection.peer) sent more than \(Self.maxHeaderLines) header lines")
            }
            let line = String(decoding: raw, as: UTF8.self)
            if let first = raw.first, first == 0x20 || first == 0x09, !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingSpaces()
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw HTTPClientError(.malformedResponse, "\(connection.peer) sent the header line '\(line.prefix(80))' without 'name:'")
            }
            fields.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces()))
        }
    }

    /// The body, framed by chunked coding, Content-Length, or the connection closing.
    private func readBody(status: Int, method: String, headers: [HTTPHeader]) throws -> [UInt8] {
        if method == "HEAD" || status == 204 || status == 304 { return [] }
        let response = HTTPResponse(status: status, reason: "", headers: headers, body: [])
        if let coding = response.header("Transfer-Encoding") {
            let last = coding.split(separator: ",").last.map { String($0).trimmingSpaces().lowercased() }
            return last == "chunked" ? try readChunked() : try readUntilClose()
        }
        let lengths = Set(headers.filter { $0.name.lowercased() == "content-length" }.map(\.value))
        guard let lengthText = lengths.first else { return try readUntilClose() }
        guard lengths.count == 1, let length = Int(lengthText), length >= 0 else {
            throw HTTPClientError(.malformedResponse, "\(connection.peer) sent an invalid Content-Length '\(lengths.sorted().joined(separator: ", "))'")
        }
        try checkSize(length)
        return try connection.readExactly(length)
    }

    /// De-chunks a `Transfer-Encoding: chunked` body, skipping chunk extensions and trailers.
    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = String(decoding: try connection.readLine(maxLength: 4096), as: UTF8.self)
            let sizeText = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingSpaces()
            guard !sizeText.isEmpty, sizeText.count <= 15, let size = Int(sizeText, radix: 16) else {
                throw HTTPClientError(.malformedResponse, "\(connection.peer) sent the chunk size line '\(line.prefix(40))', which is not hexadecimal")
            }
            if size == 0 {
                _ = try readFields()  // trailer section
                return body
            }
            try checkSize(body.count + size)
            body += try connection.readExactly(size)
            guard try connection.readLine(maxLength: 2).isEmpty else {
                throw HTTPClientError(.malformedResponse, "\(connection.peer) sent a chunk longer than its declared size \(size)")
            }
        }
    }

    private func readUntilClose() throws -> [UInt8] {
        let body = try connection.readToEnd(limit: maxBodyBytes + 1)
        try checkSize(body.count)
        return body
    }

    private func checkSize(_ count: Int) throws {
        if count > maxBodyBytes {
            throw HTTPClientError(.responseTooLarge,
                                  "\(connection.peer) sent a body of more than \(maxBodyBytes) bytes; raise the client's maxResponseBytes if that is expected")
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
