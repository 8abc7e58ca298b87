import Pipeline
import Testing
import TestServers

@Suite struct HTTPURLTests {
    @Test func hostPortAndTarget() throws {
        let url = try HTTPURL(parsing: "http://alerts.example.com:8080/hooks/demand?team=ops#frag")
        #expect(url.host == "alerts.example.com")
        #expect(url.port == 8080)
        #expect(url.target == "/hooks/demand?team=ops")
        #expect(url.hostHeader == "alerts.example.com:8080")
    }

    @Test func defaultsToPort80AndSlash() throws {
        let url = try HTTPURL(parsing: "HTTP://example.org")
        #expect(url.port == 80)
        #expect(url.target == "/")
        #expect(url.hostHeader == "example.org")
    }

    @Test func ipv6Literal() throws {
        let url = try HTTPURL(parsing: "http://[::1]:9000/x")
        #expect(url.host == "::1")
        #expect(url.port == 9000)
        #expect(url.hostHeader == "[::1]:9000")
    }

    @Test func httpsIsRefusedWithRelayAdvice() {
        #expect {
            try HTTPURL(parsing: "https://hooks.example.com/x")
        } throws: { error in
            let text = "\(error)"
            return (error as? HTTPClientError)?.kind == .unsupportedScheme && text.contains("stunnel") && text.contains("http://127.0.0.1")
        }
    }

    @Test func rejectsBadPortCredentialsAndMissingHost() {
        for text in ["http://host:99999/", "http://user:pw@host/", "http:///path", "host/path", "http://h/a b"] {
            #expect(throws: HTTPClientError.self, "\(text)") { try HTTPURL(parsing: text) }
        }
    }
}
