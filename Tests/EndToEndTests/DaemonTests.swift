import Foundation
import Glibc
import Testing
@testable import Pipeline

@Suite(.serialized) struct DaemonEndToEndTests {
    static let config = TestRoot.configJSON.replacingOccurrences(of: "\"seed\": 7,", with: """
        "seed": 7, "daemon": {"settleSeconds": 0.4, "rescanSeconds": 5},
        """)

    func processedFiles(_ root: TestRoot) -> [String] {
        let processed = "\(root.path)/processed"
        let dates = ((try? FileSystem.list(processed)) ?? []).filter { $0.first?.isNumber == true }
        return dates.flatMap { date in ((try? FileSystem.list("\(processed)/\(date)")) ?? []) }.sorted()
    }

    func succeededRuns(_ root: TestRoot) -> Int {
        ((try? root.runs()) ?? []).filter { (try? root.manifest($0).status) == .succeeded }.count
    }

    @Test func picksUpFilesDroppedByCpMvRsyncAndAChunkedWriterExactlyOnce() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let daemon = try DaemonProcess(root: root)
        #expect(daemon.waitForNotification("READY=1"))
        // cp: written in place.
        try FileSystem.copy("\(TestRoot.fixtures)/vendor/acme_sales.csv", to: "\(root.path)/landing/acme/acme_sales.csv")
        // mv: renamed in from outside landing.
        try FileSystem.copy("\(TestRoot.fixtures)/vendor/globex_sales.jsonl", to: "\(root.path)/staging.jsonl")
        try FileSystem.move("\(root.path)/staging.jsonl", to: "\(root.path)/landing/globex_sales.jsonl")
        #expect(waitUntil(timeout: 60) { succeededRuns(root) >= 1 && processedFiles(root).count == 2 })
        // rsync: temp dot-name, then rename.
        try FileSystem.writeAtomically("item_code;sold_on;qty_sold\nR1;05/06/2023;4\n", to: "\(root.path)/rsync-src/acme_rsync.csv")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/rsync") {
            let rsync = try DemandCLI.runTool("/usr/bin/rsync", ["-a", "\(root.path)/rsync-src/acme_rsync.csv", "\(root.path)/landing/acme/"])
            #expect(rsync == 0)
        } else {
            // What rsync does: write a hidden temp name in the target folder, then rename it.
            try FileSystem.copy("\(root.path)/rsync-src/acme_rsync.csv", to: "\(root.path)/landing/acme/.acme_rsync.csv.Xy12ab")
            try FileSystem.move("\(root.path)/landing/acme/.acme_rsync.csv.Xy12ab", to: "\(root.path)/landing/acme/acme_rsync.csv")
        }
        // A slow writer: the file grows in chunks while open.
        let slow = "\(root.path)/landing/acme/acme_slow.csv"
        #expect(FileManager.default.createFile(atPath: slow, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: slow))
        handle.write(Data("item_code;sold_on;qty_sold\n".utf8))
        for day in 1...6 {
            usleep(150_000)
            handle.write(Data("S1;0\(day)/06/2023;\(day)\n".utf8))
        }
        try handle.close()
        #expect(waitUntil(timeout: 60) { processedFiles(root).count == 4 })
        #expect(waitUntil(timeout: 60) { succeededRuns(root) >= 2 })
        let runs = try root.runs()
        let claimed = try runs.flatMap { try root.manifest($0).inputs.filter { !ReservedInputs.isReserved($0.producer) }.map(\.originalName) }
        #expect(claimed.sorted() == ["acme_rsync.csv", "acme_sales.csv", "acme_slow.csv", "globex_sales.jsonl"])
        let slowRun = try #require(runs.first { try root.manifest($0).inputs.contains { $0.originalName == "acme_slow.csv" } })
        #expect(try FileSystem.readText("\(slowRun)/ingest/transactions.csv").contains("S1,2023-06-06,6"))
        #expect(daemon.signalAndWait(SIGTERM) == 0)
        #expect(daemon.collectNotifications().contains { $0.contains("STOPPING=1") })
        #expect(daemon.notifications.contains { $0.contains("WATCHDOG=1") })
        #expect(daemon.notifications.contains { $0.contains("STATUS=") })
    }

    @Test func aBurstOf500FilesBecomesFewRunsAndCorruptOrEmptyFilesAreQuarantined() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        try FileSystem.createDirectory("\(root.path)/burst")
        for index in 0..<500 {
            let day = 1 + index % 28, month = 1 + (index / 28) % 12
            let text = "item_code;sold_on;qty_sold\nB\(index % 7);\(String(format: "%02d/%02d/2023", day, month));\(1 + index % 5)\nB\(index % 7);\(String(format: "%02d/%02d/2023", day, month));\(index)\n"
            try FileSystem.writeAtomically(text, to: "\(root.path)/burst/acme_\(index).csv")
        }
        let daemon = try DaemonProcess(root: root)
        #expect(daemon.waitForNotification("READY=1"))
        for index in 0..<500 {
            try FileSystem.move("\(root.path)/burst/acme_\(index).csv", to: "\(root.path)/landing/acme/acme_\(index).csv")
        }
        try root.drop(text: "item_code;sold_on;qty_sold\nX;01/01/2023;7\n\"broken;02/01/2023;1\n", as: "acme/acme_corrupt.csv")
        try root.drop(text: "", as: "acme/acme_empty.csv")
        #expect(waitUntil(timeout: 120) { processedFiles(root).count == 500 })
        #expect(waitUntil(timeout: 30) { FileSystem.exists("\(root.path)/processed/quarantine/acme_corrupt.csv.reason.txt") })
        let reason = try FileSystem.readText("\(root.path)/processed/quarantine/acme_corrupt.csv.reason.txt")
        #expect(reason.contains("acme_corrupt.csv:3"))
        #expect(waitUntil(timeout: 30) { FileSystem.exists("\(root.path)/processed/quarantine/acme_empty.csv.reason.txt") })
        let empty = try FileSystem.readText("\(root.path)/processed/quarantine/acme_empty.csv.reason.txt")
        #expect(empty.contains("acme_empty.csv: the file is empty (no header row, no rows)"), "\(empty)")
        let runs = try root.runs()
        #expect(runs.count >= 1 && runs.count <= 4, "500 files became \(runs.count) runs")
        let inputs = try runs.flatMap { try root.manifest($0).inputs.filter { $0.producer == "acme" } }
        #expect(inputs.count == 500)
        #expect(Set(inputs.map(\.originalName)).count == 500)
        try root.drop(text: "item_code;sold_on;qty_sold\nAFTER;03/07/2023;9\n", as: "acme/acme_after.csv")
        #expect(waitUntil(timeout: 60) { processedFiles(root).contains("acme_after.csv") })
        #expect(daemon.signalAndWait(SIGTERM) == 0)
    }

    @Test func killedMidRunRestartsAndProcessesEveryFileOnce() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let first = try DaemonProcess(root: root, environment: ["DEMAND_PAUSE_IN_STATE": "train:60"])
        #expect(first.waitForNotification("READY=1"))
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        try root.drop("vendor/globex_sales.jsonl", as: "globex/globex_sales.jsonl")
        #expect(waitUntil(timeout: 60) {
            guard let run = try? root.runs().first, let manifest = try? root.manifest(run) else { return false }
            return manifest.record(.train).status == .running
        })
        _ = first.signalAndWait(SIGKILL)
        try root.drop(text: "item_code;sold_on;qty_sold\nLATE;03/07/2023;9\n", as: "acme/acme_late.csv")
        let second = try DaemonProcess(root: root)
        #expect(second.waitForNotification("READY=1"))
        #expect(waitUntil(timeout: 90) { succeededRuns(root) == 2 && processedFiles(root).count == 3 })
        let runs = try root.runs()
        let firstRun = try root.manifest(runs[0])
        #expect(firstRun.record(.tune).attempts == 1)
        #expect(firstRun.record(.train).attempts == 2)
        let names = try runs.flatMap { try root.manifest($0).inputs.filter { !ReservedInputs.isReserved($0.producer) }.map(\.originalName) }
        #expect(names.sorted() == ["acme_late.csv", "acme_sales.csv", "globex_sales.jsonl"])
        #expect(second.signalAndWait(SIGTERM) == 0)
    }

    @Test func sighupWithAnInvalidConfigKeepsTheOldOneAndRecordsAnAlert() throws {
        let root = try TestRoot(config: Self.config)
        defer { root.remove() }
        let daemon = try DaemonProcess(root: root)
        #expect(daemon.waitForNotification("READY=1"))
        try FileSystem.writeAtomically(#"{"model": {"horizon": "soon"}}"#, to: "\(root.path)/config/demand.json")
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(waitUntil(timeout: 20) {
            (try? FileSystem.readText("\(root.path)/artifacts/daemon.jsonl"))?.contains("the new config was refused") == true
        })
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_ok.csv")
        #expect(waitUntil(timeout: 60) { processedFiles(root).contains("acme_ok.csv") })
        #expect(daemon.signalAndWait(SIGTERM) == 0)
    }

    @Test func aProducerFolderCreatedWhileRunningIsWatchedAndTheScheduleStartsRuns() throws {
        let config = TestRoot.configJSON.replacingOccurrences(of: "\"seed\": 7,", with: """
            "seed": 7, "daemon": {"settleSeconds": 0.3, "rescanSeconds": 600, "retrainEveryHours": 0.002},
            """)
        let root = try TestRoot(config: config)
        defer { root.remove() }
        let daemon = try DaemonProcess(root: root)
        #expect(daemon.waitForNotification("READY=1"))
        // Re-create a producer folder: inotify must pick it up (the rescan is 10 minutes away).
        try FileSystem.remove("\(root.path)/landing/globex")
        usleep(300_000)
        try FileSystem.createDirectory("\(root.path)/landing/globex")
        usleep(500_000)
        try root.drop("vendor/globex_sales.jsonl", as: "globex/globex_sales.jsonl")
        try root.drop("vendor/acme_sales.csv", as: "acme/acme_sales.csv")
        #expect(waitUntil(timeout: 60) { processedFiles(root).contains("globex_sales.jsonl") })
        // retrainEveryHours 0.002 = 7.2 s: a run over the master table without new files.
        #expect(waitUntil(timeout: 60) {
            ((try? root.runs()) ?? []).contains { (try? root.manifest($0).trigger) == "schedule" }
        })
        let log = try FileSystem.readText("\(root.path)/artifacts/daemon.jsonl")
        #expect(log.contains("watching new producer folder landing/globex/"))
        #expect(log.contains("scheduled retrain"))
        #expect(daemon.signalAndWait(SIGTERM) == 0)
    }
}
