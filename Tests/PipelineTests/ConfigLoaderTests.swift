import Testing
@testable import Pipeline

@Suite struct ConfigLoaderTests {
    func decode(_ json: String) throws -> PipelineConfig {
        try ConfigLoader.decode(Array(json.utf8), file: "demand.json")
    }

    func message(_ json: String) -> String {
        do {
            _ = try decode(json)
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    @Test func defaultsFillAbsentKeys() throws {
        let config = try decode(#"{"producers":[{"name":"acme","columns":{"sku":"item","date":"day","quantity":"qty"}}]}"#)
        #expect(config.model.horizon == 13)
        #expect(config.clean.anchorWeekday == "monday")
        #expect(config.producers[0].columns.sku == "item")
        #expect(config.retry.policy(for: "train").maxAttempts == 3)
    }

    @Test func unknownKeyNamesItsPath() {
        let text = message(#"{"producers":[{"name":"acme","columns":{"sku":"a","date":"b","quantity":"c","colour":"d"}}]}"#)
        #expect(text.contains("$.producers[0].columns.colour"))
        #expect(text.contains("unknown key 'colour'"))
    }

    @Test func wrongTypeNamesItsPath() {
        let text = message(#"{"model":{"horizon":"thirteen"}}"#)
        #expect(text.contains("$.model.horizon"))
        #expect(text.contains("whole number"))
    }

    @Test func missingRequiredKeyNamesItsPath() {
        let text = message(#"{"producers":[{"name":"acme","columns":{"sku":"a","date":"b"}}]}"#)
        #expect(text.contains("$.producers[0].columns.quantity"))
    }

    @Test func outOfRangeValuesAreRefused() {
        #expect(message(#"{"clean":{"anchorWeekday":"funday"}}"#).contains("$.clean.anchorWeekday"))
        #expect(message(#"{"intervals":{"levels":[80]}}"#).contains("between 0 and 1"))
        #expect(message(#"{"retry":{"train":{"maxAttempts":0}}}"#).contains("$.retry.train.maxAttempts"))
        #expect(message(#"{"retry":{"trian":{}}}"#).contains("unknown key 'trian'"))
        #expect(message(#"{"model":{"candidates":["prophet"]}}"#).contains("unknown model 'prophet'"))
    }

    @Test func monthlyBucketsBringMonthlyDefaultsForWhatTheConfigLeavesOut() throws {
        let monthly = try decode(#"{"clean":{"bucket":"month"}}"#)
        #expect(monthly.clean.bucket == "month")
        #expect(monthly.model.seasonLength == 12 && monthly.model.lookback == 24 && monthly.model.horizon == 6)
        #expect(monthly.features.periods == [12, 6])
        let given = try decode(#"{"clean":{"bucket":"month"},"model":{"seasonLength":6,"horizon":3},"features":{"periods":[6]}}"#)
        #expect(given.model.seasonLength == 6 && given.model.horizon == 3 && given.model.lookback == 24 && given.features.periods == [6])
        let weekly = try decode(#"{"clean":{"bucket":"week"}}"#)
        #expect(weekly.clean.bucket == "week" && weekly.model.seasonLength == 52 && weekly.model.horizon == 13 && weekly.clean.monthly == nil)
        let text = message(#"{"clean":{"bucket":"quarter"}}"#)
        #expect(text.contains("$.clean.bucket") && text.contains(#"expected "week", "month" or "auto""#), "\(text)")
    }

    /// `auto`, the default, keeps the weekly settings and puts the monthly ones aside for clean's verdict;
    /// written out (as in a manifest) and read back, it resolves the same way.
    @Test func autoBucketsKeepTheMonthlySettingsAsideAndRoundTrip() throws {
        let auto = try decode(#"{"model":{"horizon":8}}"#)
        #expect(auto.clean.bucket == "auto" && auto.model.seasonLength == 52 && auto.model.horizon == 8)
        let monthly = try #require(auto.clean.monthly)
        #expect(monthly.seasonLength == 12 && monthly.lookback == 24 && monthly.horizon == 8 && monthly.periods == [12, 6])
        #expect(auto.resolved(monthlyData: false) == auto)
        let resolved = auto.resolved(monthlyData: true)
        #expect(resolved.clean.bucket == "month" && resolved.model.seasonLength == 12 && resolved.model.horizon == 8 && resolved.features.periods == [12, 6])
        let encoded = try JSONEncoder().encode(auto)
        let again = try JSONDecoder().decode(PipelineConfig.self, from: encoded)
        #expect(again == auto && again.resolved(monthlyData: true) == resolved)
        #expect(message(#"{"clean":{"monthly":{"horizon":0}}}"#).contains("$.clean.monthly.horizon"))
        // Weeks asked for stay weeks whatever the data.
        let weekly = try decode(#"{"clean":{"bucket":"week"}}"#)
        #expect(weekly.resolved(monthlyData: true) == weekly)
    }

    @Test func partialWindowsTakesTrueFalseOrAuto() throws {
        #expect(try decode(#"{"model":{"lstm":{"partialWindows":true}}}"#).model.lstm.partialWindows == .on)
        #expect(try decode(#"{"model":{"lstm":{"partialWindows":false}}}"#).model.lstm.partialWindows == .off)
        #expect(try decode(#"{"model":{"lstm":{"partialWindows":"auto"}}}"#).model.lstm.partialWindows == .auto)
        #expect(try decode(#"{"model":{"lstm":{}}}"#).model.lstm.partialWindows == .auto)
        let text = message(#"{"model":{"lstm":{"partialWindows":"sometimes"}}}"#)
        #expect(text.contains("$.model.lstm.partialWindows"))
        #expect(text.contains(#"expected true, false or "auto""#))
    }

    @Test func invalidJSONSaysSo() {
        #expect(message(#"{"model": {"#).contains("not valid JSON"))
    }

    @Test func canonicalJSONRoundTripsAndIsStable() throws {
        var config = PipelineConfig()
        config.retry.states["train"] = RetryPolicy()
        config.producers = [.init(name: "acme", columns: .init(sku: "a", date: "b", quantity: "c"))]
        let first = try ConfigLoader.canonicalJSON(config)
        let decoded = try decode(first)
        #expect(decoded == config)
        #expect(try ConfigLoader.canonicalJSON(decoded) == first)
    }

    @Test func bundledConfigIsValid() throws {
        let path = (fixturesFolder as NSString).deletingLastPathComponent
        let root = (path as NSString).deletingLastPathComponent
        let config = try ConfigLoader.load(path: ConfigLoader.defaultPath(root: root))
        #expect(config.producers.map(\.name).sorted() == ["harbor", "northwind"])
    }
}

import Foundation
