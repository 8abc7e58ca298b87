import Pipeline
import Foundation
import Formats
import Testing
import TestServers

@Suite struct WebhookSenderTests {
    @Test func signsTheExactBodyAndSendsTheHeaders() throws {
        let secret = "s3cret-key"
        let received = Locked<ReceivedRequest?>(nil)
        let server = try TestServer { connection, _ in
            guard let request = readHTTPRequest(connection) else { return }
            received.withValue { $0 = request }
            // Verify like a receiver would: recompute over the raw bytes received.
            let expected = "sha256=" + HMACSHA256.hexAuthenticationCode(key: Array(secret.utf8), message: request.body)
            if request.headers["x-signature-256"] == expected {
                writeHTTPResponse(connection, status: 204, reason: "No Content", body: "")
            } else {
                writeHTTPResponse(connection, status: 401, reason: "Unauthorized", body: "bad signature")
            }
        }
        defer { server.stop() }
        let body = Array("{\"kind\":\"state-failed\",\"text\":\"Zürich ✓\"}".utf8)
        let sender = try WebhookSender(config: WebhookConfig(url: "http://127.0.0.1:\(server.port)/hook", secret: secret))
        let response = try sender.send(alertId: "alert-42", body: body)
        #expect(response.status == 204)
        let request = try #require(received.current)
        #expect(request.body == body)
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["user-agent"] == "demandplanner")
        #expect(request.headers["x-alert-id"] == "alert-42")
        #expect(request.headers["x-signature-256"] == WebhookSender.signature(of: body, secret: secret))
    }

    @Test func noSecretMeansNoSignatureHeader() throws {
        let sender = try WebhookSender(config: WebhookConfig(url: "http://127.0.0.1:9/"))
        #expect(!sender.headers(alertId: "a", body: [0x7b, 0x7d]).contains { $0.name == "X-Signature-256" })
    }

    @Test func non2xxReportsStatusAndFirst200BytesOfTheBody() throws {
        let long = String(repeating: "e", count: 150) + String(repeating: "f", count: 150)
        let server = try TestServer { connection, _ in
            _ = readHTTPRequest(connection)
            writeHTTPResponse(connection, status: 403, reason: "Forbidden", body: long)
        }
        defer { server.stop() }
        let sender = try WebhookSender(config: WebhookConfig(url: "http://127.0.0.1:\(server.port)/", secret: "k"))
        #expect {
            try sender.send(alertId: "a1", body: Array("{}".utf8))
        } throws: { error in
            guard let error = error as? WebhookError else { return false }
            return error.status == 403 && error.bodyPrefix == String(long.prefix(200)) && !error.isTransient
                && "\(error)".contains("403 Forbidden") && "\(error)".contains("secret")
        }
    }

    @Test func refusesABodyThatIsNotJSON() throws {
        let sender = try WebhookSender(config: WebhookConfig(url: "http://127.0.0.1:9/"))
        #expect(throws: HTTPClientError.self) { try sender.send(alertId: "a", body: Array("not json".utf8)) }
    }
}
