import Pipeline
import Foundation
import Testing
import TestServers

@Suite struct HTTPClientTests {
    @Test func postsHeadersAndBodyAndReadsContentLengthResponse() throws {
        let received = Locked<ReceivedRequest?>(nil)
        let server = try TestServer { connection, _ in
            received.withValue { $0 = readHTTPRequest(connection) }
            writeHTTPResponse(connection, status: 201, reason: "Created", body: "{\"ok\":true}")
        }
        defer { server.stop() }
        let url = try HTTPURL(parsing: "http://127.0.0.1:\(server.port)/hook?x=1")
        let response = try HTTPClient().post(url, headers: [HTTPHeader("X-Test", "yes")], body: Array("hello".utf8))
        #expect(response.status == 201)
        #expect(response.reason == "Created")
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"ok\":true}")
        let request = try #require(received.current)
        #expect(request.requestLine == "POST /hook?x=1 HTTP/1.1")
        #expect(request.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(request.headers["x-test"] == "yes")
        #expect(request.headers["content-length"] == "5")
        #expect(request.body == Array("hello".utf8))
    }

    @Test func readsChunkedBodyWithExtensionsAndTrailers() throws {
        let server = try TestServer { connection, _ in
            _ = readHTTPRequest(connection)
            connection.write("HTTP/1.1 100 Continue\r\n\r\n")
            connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            connection.write("5;name=value\r\nhello\r\n")
            connection.write("7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
        }
        defer { server.stop() }
        let url = try HTTPURL(parsing: "http://127.0.0.1:\(server.port)/")
        let response = try HTTPClient().post(url, headers: [], body: [])
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello, world")
    }

    @Test func readsBodyUntilCloseWithoutLength() throws {
        let server = try TestServer { connection, _ in
            _ = readHTTPRequest(connection)
            connection.write("HTTP/1.0 200 OK\r\nServer: old\r\n\r\nuntil close")
        }
        defer { server.stop() }
        let url = try HTTPURL(parsing: "http://localhost:\(server.port)/")  // may try ::1 first, then 127.0.0.1
        let response = try HTTPClient().post(url, headers: [], body: [])
        #expect(String(decoding: response.body, as: UTF8.self) == "until close")
        #expect(response.header("server") == "old")
    }

    @Test func talksToAnIPv6Literal() throws {
        guard let server = try? TestServer(ipv6: true, handler: { connection, _ in
            _ = readHTTPRequest(connection)
            writeHTTPResponse(connection, status: 200, reason: "OK", body: "v6")
        }) else { return }  // no IPv6 loopback on this machine
        defer { server.stop() }
        let url = try HTTPURL(parsing: "http://[::1]:\(server.port)/")
        let response = try HTTPClient().post(url, headers: [], body: [])
        #expect(String(decoding: response.body, as: UTF8.self) == "v6")
    }

    @Test func refusedConnectionIsATransientNetworkError() throws {
        let server = try TestServer { _, _ in }
        let port = server.port
        server.stop()
        let url = try HTTPURL(parsing: "http://127.0.0.1:\(port)/")
        #expect {
            try HTTPClient(connectTimeout: 1).post(url, headers: [], body: [])
        } throws: { error in
            guard let error = error as? NetworkError else { return false }
            return error.operation == .connect && error.isTransient && "\(error)".contains("127.0.0.1:\(port)")
        }
    }

    @Test func silentServerHitsTheReceiveTimeout() throws {
        let server = try TestServer { connection, _ in
            _ = readHTTPRequest(connection)
            Thread.sleep(forTimeInterval: 1.0)
        }
        defer { server.stop() }
        let url = try HTTPURL(parsing: "http://127.0.0.1:\(server.port)/")
        let started = Date()
        #expect {
            try HTTPClient(ioTimeout: 0.2).post(url, headers: [], body: [])
        } throws: { error in
            (error as? NetworkError)?.operation == .receive && "\(error)".contains("timed out")
        }
        #expect(Date().timeIntervalSince(started) < 0.9)
    }

    @Test func refusesHeaderInjectionAndManagedHeaders() throws {
        let url = try HTTPURL(parsing: "http://127.0.0.1:1/")
        #expect(throws: HTTPClientError.self) {
            try HTTPClient().post(url, headers: [HTTPHeader("X-A", "a\r\nX-Evil: 1")], body: [])
        }
        #expect(throws: HTTPClientError.self) {
            try HTTPClient().post(url, headers: [HTTPHeader("Content-Length", "3")], body: [])
        }
    }

    @Test func garbageReplyIsAMalformedResponse() throws {
        let server = try TestServer { connection, _ in
            _ = readHTTPRequest(connection)
            connection.write("220 smtp.example.com ESMTP\r\n")
        }
        defer { server.stop() }
        let url = try HTTPURL(parsing: "http://127.0.0.1:\(server.port)/")
        #expect {
            try HTTPClient().post(url, headers: [], body: [])
        } throws: { error in
            (error as? HTTPClientError)?.kind == .malformedResponse
        }
    }
}
