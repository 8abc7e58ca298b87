import Testing
@testable import Daemon
@testable import Pipeline

@Suite struct LandingScannerTests {
    @Test func globMatchesShellStyle() {
        #expect(Glob.matches("acme_*.csv", "acme_2024-01.csv"))
        #expect(Glob.matches("acme_?.csv", "acme_1.csv"))
        #expect(!Glob.matches("acme_?.csv", "acme_12.csv"))
        #expect(!Glob.matches("acme_*.csv", "acme_1.csv.tmp"))
        #expect(Glob.matches("*", "anything"))
        #expect(Glob.matches("*sales*", "big_sales_file.json"))
    }

    @Test func temporaryAndHiddenNamesAreIgnored() {
        for name in [".acme.csv.Xa8s9d", "acme.csv.part", "acme.csv.tmp", "acme.csv~", "x.filepart", "y.crdownload"] {
            #expect(LandingScanner.isIgnored(name), "\(name) should be ignored")
        }
        #expect(!LandingScanner.isIgnored("acme_2024.csv"))
    }

    @Test func findsProducerFoldersAndPatternsButNotSymlinks() throws {
        let root = try TestRoot()
        defer { root.remove() }
        try root.drop(text: "a", as: "acme_1.csv")
        try root.drop(text: "b", as: "globex/anything.jsonl")
        try root.drop(text: "c", as: "unknown.csv")
        try root.drop(text: "d", as: ".hidden.csv")
        try root.drop(text: "e", as: "acme_2.csv.part")
        try root.drop(text: "f", as: "strangers/file.csv")
        symlink("\(root.path)/landing/acme_1.csv", "\(root.path)/landing/acme_link.csv")
        let files = try LandingScanner(landing: "\(root.path)/landing", producers: root.producers).scan()
        let summary = files.map { "\($0.name)=\($0.producer ?? "-")" }
        #expect(summary == ["acme_1.csv=acme", "anything.jsonl=globex", "unknown.csv=-"])
    }

    @Test func vendorNamesAreSanitizedBeforeUse() {
        #expect(FileClaimer.sanitize("../../etc/passwd") == "_.._etc_passwd")
        #expect(FileClaimer.sanitize("sales 2024 (final).csv") == "sales_2024__final_.csv")
        #expect(FileClaimer.sanitize("...") == "file")
    }
}

import Glibc
