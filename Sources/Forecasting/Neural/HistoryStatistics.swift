/// Statistics of one series' quantities up to and including each bucket, fed to the network beside the
/// quantity: the level and spread over the last 4 and 13 buckets, the series' age, the run of zero
/// buckets it is in, and the share of its buckets that sold anything.
///
/// An LSTM can derive these from the raw quantities, but slowly and, for intermittent series whose
/// windows are mostly zeros, badly; given directly they tell it how lumpy a series is and where its
/// level sits before it has read the whole window.
struct HistoryStatistics {
    /// Values per timestep.
    static let count = 7

    /// `rows[t]`: the statistics of buckets `0...t`, as `SeriesFeatures` computes them for bucket `t + 1`.
    private let rows: [[Double]]
    private let columns: [Int]

    init(_ values: [Double]) {
        // SeriesFeatures reads only buckets before each row, so row t + 1 of the values plus a dummy
        // bucket describes buckets 0...t.
        let (names, rows) = SeriesFeatures.compute(values: values + [0], firstBucketIndex: 0, periods: [], windows: [4, 13])
        self.rows = Array(rows.dropFirst())
        columns = ["roll_mean_4", "roll_std_4", "roll_mean_13", "roll_std_13", "trend", "zero_run", "nonzero_share"].map { name in
            names.firstIndex(of: name)!
        }
    }

    /// Appends the statistics through bucket `offset`: means on the window's scale (as the quantity),
    /// deviations divided by the scale, the age in years (at most 4), log1p of the zero run over
    /// log1p of a year, and the non-zero share.
    func append(through offset: Int, scale: Double, windows: NeuralWindows, to storage: inout [Float]) {
        let row = rows[offset]
        let (meanShort, spreadShort, meanLong, spreadLong) = (row[columns[0]], row[columns[1]], row[columns[2]], row[columns[3]])
        storage.append(windows.transform(meanShort, scale: scale))
        storage.append(Float(spreadShort / scale))
        storage.append(windows.transform(meanLong, scale: scale))
        storage.append(Float(spreadLong / scale))
        storage.append(Float(min(4, row[columns[4]])))
        storage.append(Float(log1pValue(row[columns[5]]) / log1pValue(52)))
        storage.append(Float(row[columns[6]]))
    }
}
