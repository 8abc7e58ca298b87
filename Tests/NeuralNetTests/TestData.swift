@testable import NeuralNet

/// Small synthetic datasets for the learning tests.
enum TestData {
    /// Windows of a noisy sine wave; the target is the next value.
    static func sine(samples: Int, window: Int, noise: Float, seed: UInt64) -> SequenceDataset {
        var rng = SplitMix64(seed: seed)
        let length = samples + window + 1
        let series = (0..<length).map { t in Float(sinApprox(0.3 * Double(t))) + noise * rng.nextGaussian() }
        var values = [Float](), targets = [Float]()
        for s in 0..<samples {
            values.append(contentsOf: series[s..<(s + window)])
            targets.append(series[s + window])
        }
        return SequenceDataset(numeric: Tensor(shape: [samples, window, 1], storage: values),
                               targets: Matrix(rows: samples, columns: 1, storage: targets))
    }

    /// Random sequences whose target is the input seen `delay` steps before the last one.
    static func delay(samples: Int, window: Int, delay: Int, seed: UInt64) -> SequenceDataset {
        var rng = SplitMix64(seed: seed)
        var values = [Float](), targets = [Float]()
        for _ in 0..<samples {
            let sequence = (0..<window).map { _ in rng.nextFloat(in: -1, 1) }
            values.append(contentsOf: sequence)
            targets.append(sequence[window - 1 - delay])
        }
        return SequenceDataset(numeric: Tensor(shape: [samples, window, 1], storage: values),
                               targets: Matrix(rows: samples, columns: 1, storage: targets))
    }

    /// Random inputs with categories for end-to-end gradient and determinism tests.
    static func mixed(samples: Int, window: Int, features: Int, outputs: Int, seed: UInt64) -> SequenceDataset {
        var rng = SplitMix64(seed: seed)
        let numeric = (0..<(samples * window * features)).map { _ in rng.nextFloat(in: -1, 1) }
        let targets = (0..<(samples * outputs)).map { _ in rng.nextFloat(in: -1, 1) }
        let single = CategoryIndices(singleLabel: (0..<samples).map { _ in rng.nextInt(below: 6) })
        let multi = CategoryIndices(multiLabel: (0..<samples).map { _ in
            (0..<rng.nextInt(below: 3)).map { _ in rng.nextInt(below: 5) }
        })
        return SequenceDataset(numeric: Tensor(shape: [samples, window, features], storage: numeric),
                               categorical: [single, multi],
                               targets: Matrix(rows: samples, columns: outputs, storage: targets))
    }

    /// Sine in double precision via a Taylor series after range reduction.
    static func sinApprox(_ x: Double) -> Double {
        _cosDouble(x - Double.pi / 2)
    }
}
