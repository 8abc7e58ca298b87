import Pipeline
import Foundation
import Testing
import TestServers

/// A webhook server answering each request with the next status of `statuses` (the last one repeats).
private func scriptedWebhook(_ statuses: [Int], requests: Locked<[ReceivedRequest]>) throws -> TestServer {
    try TestServer { connection, index in
        guard let request = readHTTPRequest(connection) else { return }
        requests.withValue { $0.append(request) }
        let status = statuses[min(index, statuses.count - 1)]
        writeHTTPResponse(connection, status: status, reason: status < 300 ? "OK" : "Failure", body: "status \(status) for try \(index + 1)")
    }
}

private func makeAlert(id: String = "alert-1", subject: String = "train") -> Alert {
    Alert(id: id, kind: "state-failed", subject: subject, severity: .error,
          summary: "run 7: state train failed after 3 attempts",
          jsonBody: Array("{\"kind\":\"state-failed\",\"state\":\"train\"}".utf8))
}

private func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct AlertDispatcherTests {
    private let policy = DeliveryRetryPolicy(maxAttempts: 3, initialDelay: 1, backoffRate: 2, maxDelay: 30)

    @Test func retriesTwo500sThenSucceeds() throws {
        let requests = Locked<[ReceivedRequest]>([])
        let server = try scriptedWebhook([500, 500, 200], requests: requests)
        defer { server.stop() }
        let sleeps = Locked<[Double]>([])
        let dispatcher = AlertDispatcher(channels: [.webhook(WebhookConfig(url: "http://127.0.0.1:\(server.port)/hook", secret: "k"))],
                                         retryPolicy: policy, sleep: { seconds in sleeps.withValue { $0.append(seconds) } })
        let report = dispatcher.dispatch(makeAlert())
        let result = try #require(report.results.first)
        #expect(result.delivered)
        #expect(result.attempts == 3)
        #expect(result.lastError?.contains("500") == true)
        #expect(sleeps.current == [1, 2])
        #expect(requests.current.count == 3)
        #expect(requests.current.allSatisfy { $0.headers["x-alert-id"] == "alert-1" && $0.headers["x-signature-256"]?.hasPrefix("sha256=") == true })
        #expect(report.succeeded)
    }

    @Test func alwaysFailingGivesUpAfterMaxAttempts() throws {
        let requests = Locked<[ReceivedRequest]>([])
        let server = try scriptedWebhook([503], requests: requests)
        defer { server.stop() }
        let sleeps = Locked<[Double]>([])
        let dispatcher = AlertDispatcher(channels: [.webhook(WebhookConfig(url: "http://127.0.0.1:\(server.port)/hook"))],
                                         retryPolicy: policy, sleep: { seconds in sleeps.withValue { $0.append(seconds) } })
        let report = dispatcher.dispatch(makeAlert())
        let result = try #require(report.results.first)
        #expect(result.outcome == .failed)
        #expect(result.attempts == 3)
        #expect(result.lastError?.contains("503") == true)
        #expect(result.lastError?.contains("status 503 for try 3") == true)
        #expect(sleeps.current == [1, 2])
        #expect(requests.current.count == 3)
        #expect(!report.succeeded)
    }

    @Test func permanentFailuresAreNotRetried() throws {
        let requests = Locked<[ReceivedRequest]>([])
        let server = try scriptedWebhook([404], requests: requests)
        defer { server.stop() }
        let sleeps = Locked<[Double]>([])
        let dispatcher = AlertDispatcher(
            channels: [.webhook(WebhookConfig(url: "http://127.0.0.1:\(server.port)/hook")),
                       .webhook(WebhookConfig(url: "https://hooks.example.com/x"))],
            retryPolicy: policy, sleep: { seconds in sleeps.withValue { $0.append(seconds) } })
        let report = dispatcher.dispatch(makeAlert())
        #expect(report.results.map(\.attempts) == [1, 1])
        #expect(report.results.map(\.outcome) == [.failed, .failed])
        #expect(report.results[1].lastError?.contains("stunnel") == true)
        #expect(sleeps.current.isEmpty)
    }

    @Test func dedupWindowSkipsRepeatsUntilItPasses() throws {
        let requests = Locked<[ReceivedRequest]>([])
        let server = try scriptedWebhook([200], requests: requests)
        defer { server.stop() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = Locked(Date(timeIntervalSince1970: 1_700_000_000))
        let dispatcher = AlertDispatcher(channels: [.webhook(WebhookConfig(url: "http://127.0.0.1:\(server.port)/hook"))],
                                         retryPolicy: policy, dedupWindow: 600, statePath: folder + "/alert-state.json",
                                         now: { clock.current }, sleep: { _ in })
        #expect(dispatcher.dispatch(makeAlert(id: "a1")).results.first?.outcome == .delivered)

        clock.withValue { $0 += 10 }
        let second = dispatcher.dispatch(makeAlert(id: "a2"))
        #expect(second.results.first?.outcome == .skippedDuplicate)
        #expect(second.results.first?.attempts == 0)
        #expect(second.results.first?.previousDelivery == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(second.succeeded)

        // Another subject is a different alert.
        #expect(dispatcher.dispatch(makeAlert(id: "a3", subject: "forecast")).results.first?.outcome == .delivered)

        clock.withValue { $0 += 600 }
        #expect(dispatcher.dispatch(makeAlert(id: "a4")).results.first?.outcome == .delivered)
        #expect(requests.current.map { $0.headers["x-alert-id"] } == ["a1", "a3", "a4"])

        // The state survives in a fresh dispatcher (a daemon restart), and no temp files are left.
        let restarted = AlertDispatcher(channels: dispatcher.channels, dedupWindow: 600, statePath: folder + "/alert-state.json",
                                        now: { clock.current }, sleep: { _ in })
        #expect(restarted.dispatch(makeAlert(id: "a5")).results.first?.outcome == .skippedDuplicate)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["alert-state.json"])
        let records = try DeliveryStateFile(path: folder + "/alert-state.json").load()
        // a3 (sent at +10 s) is 600 s old at +610 s, outside the window, so it was pruned.
        #expect(records.map(\.alertId) == ["a4"])
    }

    @Test func dedupIsPerChannelSoAFailedChannelIsRetriedNextTime() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let calls = Locked<[String]>([])
        let flakyFails = Locked(true)
        struct Down: Error {}
        let steady = AlertChannel.custom(name: "steady") { alert in calls.withValue { $0.append("steady \(alert.id)") } }
        let flaky = AlertChannel.custom(name: "flaky") { alert in
            calls.withValue { $0.append("flaky \(alert.id)") }
            if flakyFails.current { throw Down() }
        }
        let dispatcher = AlertDispatcher(channels: [steady, flaky], retryPolicy: .once, dedupWindow: 60,
                                         statePath: folder + "/state.json", now: { Date(timeIntervalSince1970: 1000) }, sleep: { _ in })
        #expect(dispatcher.dispatch(makeAlert(id: "x1")).results.map(\.outcome) == [.delivered, .failed])
        flakyFails.withValue { $0 = false }
        #expect(dispatcher.dispatch(makeAlert(id: "x2")).results.map(\.outcome) == [.skippedDuplicate, .delivered])
        #expect(calls.current == ["steady x1", "flaky x1", "flaky x2"])
    }

    @Test func corruptStateFileIsReportedButDoesNotBlockDelivery() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/state.json"
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        let dispatcher = AlertDispatcher(channels: [.custom(name: "log") { _ in }], dedupWindow: 60, statePath: path, sleep: { _ in })
        let report = dispatcher.dispatch(makeAlert())
        #expect(report.results.first?.delivered == true)
        #expect(report.stateWarning?.contains("not valid JSON") == true)
        #expect(try DeliveryStateFile(path: path).load().count == 1)
    }

    @Test func emailChannelSendsSubjectAndAlertId() throws {
        let server = try FakeSMTPServer(script: SMTPScript())
        defer { server.stop() }
        let config = SMTPConfig(host: "127.0.0.1", port: server.port, from: "alerts@example.com", to: ["ops@example.com"],
                                heloName: "daemon.example.com", ioTimeout: 5, totalTimeout: 10)
        let report = AlertDispatcher(channels: [.email(config)], sleep: { _ in }).dispatch(makeAlert())
        #expect(report.results.first?.delivered == true)
        let message = splitMessage(server.conversation.current.rawData)
        #expect(message.headers["subject"] == "[DemandPlanner] ERROR state-failed: run 7: state train failed after 3 attempts")
        #expect(message.headers["x-alert-id"] == "alert-1")
        #expect(message.body.contains("{\"kind\":\"state-failed\",\"state\":\"train\"}"))
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = DeliveryRetryPolicy(maxAttempts: 10, initialDelay: 2, backoffRate: 3, maxDelay: 50)
        #expect((1...5).map(policy.delay(afterAttempt:)) == [2, 6, 18, 50, 50])
        #expect(DeliveryRetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }
}
