import Foundation
import Testing
import TestServers
@testable import Formats
@testable import Pipeline

/// A failed run reaches people: a signed webhook POST and an e-mail, once per dedup window.
@Suite(.serialized) struct AlertDeliveryEndToEndTests {
    @Test func aFailedRunIsPostedSignedAndMailedOnceWithinTheDedupWindow() throws {
        let requests = Locked<[ReceivedRequest]>([])
        let webhook = try TestServer { connection, _ in
            if let request = readHTTPRequest(connection) { requests.withValue { $0.append(request) } }
            writeHTTPResponse(connection, status: 200, reason: "OK", body: "{}")
        }
        defer { webhook.stop() }
        let smtp = try FakeSMTPServer(script: SMTPScript())
        defer { smtp.stop() }
        let config = TestRoot.configJSON.replacingOccurrences(of: "\"seed\": 7,", with: """
            "seed": 7,
            "alerts": {"webhook": {"url": "http://127.0.0.1:\(webhook.port)/hooks/demand", "secretEnv": "DEMAND_TEST_HOOK_SECRET"},
                       "email": {"host": "127.0.0.1", "port": \(smtp.port), "from": "demand@example.com", "to": ["planner@example.com"]},
                       "maxAttempts": 2, "initialDelaySeconds": 0.01, "dedupWindowSeconds": 600},
            """)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let environment = ["DEMAND_TEST_HOOK_SECRET": "s3cret"]
        try root.drop(text: "item_code;sold_on;qty_sold\nA1;03/01/2022;lots\n", as: "acme/acme_bad.csv")
        let first = try root.demand(["run"], environment: environment)
        #expect(first.status == 1)
        #expect((first.stdout + first.stderr).contains("→ webhook http://127.0.0.1:\(webhook.port)/hooks/demand: delivered after 1 attempt(s)"), "\(first.stderr)")
        let received = requests.current
        try #require(received.count == 1)
        let request = received[0]
        #expect(request.requestLine == "POST /hooks/demand HTTP/1.1")
        #expect(request.headers["content-type"] == "application/json")
        let expectedSignature = "sha256=" + HMACSHA256.hexAuthenticationCode(key: Array("s3cret".utf8), message: request.body)
        #expect(request.headers["x-signature-256"] == expectedSignature)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String])
        #expect(body["kind"] == "state-failed" && body["state"] == "ingest")
        #expect(body["message"]?.contains("acme_bad.csv:2: column 'qty_sold'") == true)
        let mail = smtp.conversation.current
        #expect(mail.messagesAccepted == 1)
        #expect(mail.commands.contains { $0.hasPrefix("RCPT TO:<planner@example.com>") })
        let subject = splitMessage(mail.rawData).headers["subject"].flatMap(decodeEncodedWords)
        #expect(subject?.hasPrefix("[DemandPlanner] ERROR state-failed: run ") == true, "\(String(describing: subject))")
        // The same failure again within the window is not sent again.
        try root.drop(text: "item_code;sold_on;qty_sold\nA2;03/01/2022;many\n", as: "acme/acme_bad2.csv")
        let second = try root.demand(["run"], environment: environment)
        #expect(second.status == 1)
        #expect((second.stdout + second.stderr).contains("skipped (same alert sent within 600 s)"))
        #expect(requests.current.count == 1)
        #expect(smtp.conversation.current.messagesAccepted == 1)
    }

    @Test func aMissingSecretVariableIsReportedNotFatal() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: "\"seed\": 7,", with: """
            "seed": 7, "alerts": {"webhook": {"url": "http://127.0.0.1:9/x", "secretEnv": "DEMAND_TEST_UNSET_SECRET"}},
            """)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        try root.drop(text: "item_code;sold_on;qty_sold\nA1;03/01/2022;lots\n", as: "acme/acme_bad.csv")
        let result = try root.demand(["run"])
        #expect(result.status == 1)
        #expect((result.stdout + result.stderr).contains("alerts.webhook.secretEnv names DEMAND_TEST_UNSET_SECRET, but that environment variable is not set"))
        let run = try #require(try root.runs().first)
        #expect(try root.manifest(run).record(.alert).status == .succeeded)
    }
}
