// Release-build throughput benchmarks for the NeuralNet module.
//
// Run: swift run -c release NeuralNetBench [--steps N] [--sections …] [--threads 1,2] [--latency-runs N] (--help explains)
import Foundation
import NeuralNet

/// Seconds elapsed since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Random data shaped for an architecture.
func makeData(_ architecture: ModelArchitecture, samples: Int, lookback: Int, seed: UInt64) -> SequenceDataset {
    var rng = SplitMix64(seed: seed)
    let numeric = (0..<(samples * lookback * architecture.numericFeatures)).map { _ in rng.nextFloat(in: -1, 1) }
    let targets = (0..<(samples * architecture.outputSteps)).map { _ in rng.nextFloat(in: -1, 1) }
    let categorical = architecture.embeddings.map { spec in
        CategoryIndices(singleLabel: (0..<samples).map { _ in rng.nextInt(below: spec.cardinality + 1) })
    }
    return SequenceDataset(numeric: Tensor(shape: [samples, lookback, architecture.numericFeatures], storage: numeric),
                           categorical: categorical,
                           targets: Matrix(rows: samples, columns: architecture.outputSteps, storage: targets))
}

/// Training samples per second for `steps` batches after one warm-up step.
/// Training samples per second over `steps` batches, and at the fastest of them (on a shared
/// machine the fastest step is the steadiest figure for comparing two builds of the engine).
func trainingThroughput(_ architecture: ModelArchitecture, threads: Int, batch: Int, lookback: Int, steps: Int)
    -> (overall: Double, fastestStep: Double) {
    let model = SequenceModel(architecture: architecture, seed: 1, optimizer: AdamOptimizer(learningRate: 1e-3), threads: threads)
    let data = makeData(architecture, samples: batch, lookback: lookback, seed: 2)
    let (inputs, targets) = data.batch(Array(0..<batch))
    model.fit(inputs, targets: targets)
    let start = ContinuousClock.now
    var fastest = Double.infinity
    for _ in 0..<steps {
        let step = ContinuousClock.now
        model.fit(inputs, targets: targets)
        fastest = min(fastest, seconds(since: step))
    }
    return (Double(steps * batch) / seconds(since: start), Double(batch) / fastest)
}

/// Inference samples per second at a large batch, plus single-sample latency percentiles.
func inference(_ architecture: ModelArchitecture, threads: Int, lookback: Int, repeats: Int, latencyRuns: Int)
    -> (throughput: Double, medianMs: Double, p99Ms: Double) {
    let model = SequenceModel(architecture: architecture, seed: 1, threads: threads)
    var throughput = 0.0
    if repeats > 0 {
        let big = makeData(architecture, samples: 1024, lookback: lookback, seed: 3).batch(Array(0..<1024)).inputs
        _ = model.predict(big)
        let start = ContinuousClock.now
        for _ in 0..<repeats { _ = model.predict(big) }
        throughput = Double(repeats * 1024) / seconds(since: start)
    }
    let one = makeData(architecture, samples: 1, lookback: lookback, seed: 4).batch([0]).inputs
    _ = model.predict(one)
    var times: [Double] = []
    for _ in 0..<latencyRuns {
        let t = ContinuousClock.now
        _ = model.predict(one)
        times.append(seconds(since: t) * 1000)
    }
    times.sort()
    return (throughput, times[times.count / 2], times[min(times.count - 1, Int(Double(times.count) * 0.99))])
}

/// GFLOP/s of `C = op(A)·op(B) + C` at one shape, operands in cache: the fastest of 60 rounds of
/// about 3 ms each (a round that ran while another process held the core is never the fastest, so
/// the figure is the kernel's, not the neighbours'); with `prepacked`, `op(B)` is packed once
/// beforehand, as the LSTM does with its weights for a whole pass.
func gemmGFLOPS(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, prepacked: Bool = false, threads: Int) -> Double {
    var rng = SplitMix64(seed: 1)
    let a = (0..<(m * k)).map { _ in rng.nextFloat(in: -1, 1) }, b = (0..<(k * n)).map { _ in rng.nextFloat(in: -1, 1) }
    var c = [Float](repeating: 0, count: m * n)
    let packed = prepacked ? GEMMPackedB.packing(b, rows: transposeB ? n : k, columns: transposeB ? k : n, transposed: transposeB) : nil
    func once() {
        if let packed {
            GEMM.multiply(transposeA: transposeA, m: m, alpha: 1, a: a, lda: transposeA ? m : k, packedB: packed,
                          beta: 1, c: &c, ldc: n, threads: threads)
        } else {
            GEMM.multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                          a: a, lda: transposeA ? m : k, b: b, ldb: transposeB ? k : n, beta: 1, c: &c, ldc: n, threads: threads)
        }
    }
    once()
    let repeats = max(1, Int(0.003 * 100e9 / (2 * Double(m * n * k))))  // about 3 ms at 100 GFLOP/s
    var fastest = Double.infinity
    for _ in 0..<60 {
        let start = ContinuousClock.now
        for _ in 0..<repeats { once() }
        fastest = min(fastest, seconds(since: start))
    }
    return 2 * Double(m * n * k) * Double(repeats) / fastest / 1e9
}

/// The products of one LSTM training step, per timestep, for `units` units, `inputs` inputs and batch 64:
/// forward `[x|h]·W` (input and recurrent parts), backward `dZ·Wᵀ` for `dh` and the weight gradient
/// `[x|h]ᵀ·dZ` (one half of the batch, as the engine sums it).
/// The weights (`W_h`, `W_x`, `W_hᵀ`) are packed once per pass, as the engine does; `dZ` comes packed
/// from the gate kernel.
func lstmShapes(units: Int, inputs: Int) -> [(name: String, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)] {
    [("h·W_h", 64, 4 * units, units, false, false),
     ("x·W_x", 64, 4 * units, inputs, false, false),
     ("dZ·W_hᵀ", 64, units, 4 * units, false, true),
     ("[x|h]ᵀ·dZ", inputs + units, 4 * units, 32, true, false)]
}

func format(_ x: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return "\((x * scale).rounded() / scale)"
}

let usage = """
usage: NeuralNetBench [--sections LIST] [--threads LIST] [--steps N] [--latency-runs N]
Measures the NeuralNet engine (build with -c release): the machine's FMA peak and GEMM at the LSTM shapes,
then training throughput, batch-1024 inference and single-sample latency of the issue's two networks,
(a) LSTM128-96-64 with dense layers and (b) 2xLSTM64 with three embeddings.
  --sections LIST     comma-separated from gemm, a, b, train, infer, latency (default gemm,a,b,train,infer);
                      a and b pick the networks, train/infer/latency what is measured of them; latency
                      without infer measures single-sample latency only (e.g. for profiling)
  --threads LIST      thread counts to measure, e.g. 1,2 (default)
  --steps N           training batches timed per measurement, after one warm-up (default 10)
  --latency-runs N    single-sample predictions timed for the latency percentiles (default 200)
Benchmarks/lstm_vs_torch.py runs this and PyTorch side by side and prints the ratios.
"""

if CommandLine.arguments.contains("--help") || CommandLine.arguments.contains("-h") {
    print(usage)
    exit(0)
}

/// Value following `flag` on the command line, if any.
func argument(_ flag: String) -> String? {
    guard let i = CommandLine.arguments.firstIndex(of: flag), i + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[i + 1]
}

/// The positive whole number following `flag`, `fallback` when the flag is absent; anything else stops with the usage.
func count(_ flag: String, default fallback: Int) -> Int {
    guard let text = argument(flag) else {
        if CommandLine.arguments.contains(flag) { fail("\(flag) needs a value") }
        return fallback
    }
    guard let value = Int(text), value >= 1 else { fail("\(flag): expected a positive whole number, got '\(text)'") }
    return value
}

/// Prints `message` and the usage to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("NeuralNetBench: \(message)\n\(usage)\n".utf8))
    exit(2)
}

let knownSections: Set<String> = ["gemm", "a", "b", "train", "infer", "latency"]
let sections = Set((argument("--sections") ?? "gemm,a,b,train,infer").split(separator: ",").map(String.init))
if let unknown = sections.subtracting(knownSections).sorted().first {
    fail("unknown section '\(unknown)'; expected some of \(knownSections.sorted().joined(separator: ", "))")
}
let threadTexts = (argument("--threads") ?? "1,2").split(separator: ",").map(String.init)
let threadCounts = threadTexts.compactMap { Int($0) }.filter { $0 >= 1 }
if threadCounts.count != threadTexts.count || threadCounts.isEmpty {
    fail("--threads: expected thread counts such as 1,2, got '\(argument("--threads") ?? "")'")
}
let steps = count("--steps", default: 10)
let latencyRuns = count("--latency-runs", default: 200)

let lookback = 52
let deepStack = ModelArchitecture(
    numericFeatures: 8,
    recurrentLayers: [RecurrentLayerSpec(units: 128, dropout: 0.3), RecurrentLayerSpec(units: 96, dropout: 0.3),
                      RecurrentLayerSpec(units: 64, dropout: 0.2)],
    denseLayers: [DenseLayerSpec(units: 64), DenseLayerSpec(units: 32), DenseLayerSpec(units: 16)],
    outputSteps: 13, loss: .meanSquared)
let embedded = ModelArchitecture(
    numericFeatures: 8,
    embeddings: [EmbeddingSpec(cardinality: 50, dimension: 25), EmbeddingSpec(cardinality: 20, dimension: 10),
                 EmbeddingSpec(cardinality: 10, dimension: 5)],
    recurrentLayers: [RecurrentLayerSpec(units: 64), RecurrentLayerSpec(units: 64)],
    outputSteps: 13, loss: .meanSquared)

if sections.contains("gemm") {
    // The peak: twelve independent fused multiply-add chains on the kernels' vectors, one thread.
    // The fastest of ten rounds, as for the products.
    let peak = (0..<10).map { _ in FMARate.gflops(iterations: 5_000_000) }.max()!
    print("FMA peak, 1 thread (\(FMARate.lanes)-lane vectors): \(format(peak)) GFLOP/s")
    for threads in threadCounts {
        let rate = gemmGFLOPS(m: 512, n: 512, k: 512, transposeA: false, transposeB: false, threads: threads)
        print("GEMM 512x512x512, \(threads) thread(s): \(format(rate)) GFLOP/s")
    }
    // (a)'s three layers, then (b)'s two (its embeddings enter once per sample, not per timestep).
    for (units, inputs) in [(128, 8), (96, 128), (64, 96), (64, 8), (64, 64)] {
        var flops = 0.0, time = 0.0
        let rates = lstmShapes(units: units, inputs: inputs).map { shape in
            let rate = gemmGFLOPS(m: shape.m, n: shape.n, k: shape.k, transposeA: shape.transposeA, transposeB: shape.transposeB,
                                  prepacked: true, threads: 1)
            let work = 2 * Double(shape.m * shape.n * shape.k)
            flops += work
            time += work / rate
            return "\(shape.name) \(shape.m)x\(shape.n)x\(shape.k) \(format(rate)) (\(format(100 * rate / peak, 0))%)"
        }
        print("  LSTM(\(units)), \(inputs) inputs, 1 thread: all four \(format(flops / time)) GFLOP/s "
              + "(\(format(100 * flops / time / peak, 0))% of peak); " + rates.joined(separator: "; "))
    }
}
for (name, architecture) in [("(a) LSTM128-96-64 + dense 64/32/16 -> 13", deepStack),
                             ("(b) 2xLSTM64 + embeddings 50/20/10 -> 13", embedded)]
    where sections.contains(String(name.dropFirst().prefix(1))) {
    let model = SequenceModel(architecture: architecture, seed: 1)
    print("\(name): \(model.parameterCount) parameters, lookback \(lookback), batch 64, Adam 1e-3, MSE")
    for threads in threadCounts where sections.contains("train") {
        let rate = trainingThroughput(architecture, threads: threads, batch: 64, lookback: lookback, steps: steps)
        print("  train, \(threads) thread(s): \(format(rate.overall)) samples/s (fastest step \(format(rate.fastestStep)))")
    }
    for threads in threadCounts where sections.contains("infer") {
        let r = inference(architecture, threads: threads, lookback: lookback, repeats: 3, latencyRuns: latencyRuns)
        print("  inference batch 1024, \(threads) thread(s): \(format(r.throughput)) samples/s; "
              + "single-sample latency median \(format(r.medianMs, 3)) ms, p99 \(format(r.p99Ms, 3)) ms")
    }
    for threads in threadCounts where sections.contains("latency") && !sections.contains("infer") {
        let r = inference(architecture, threads: threads, lookback: lookback, repeats: 0, latencyRuns: latencyRuns)
        print("  single-sample latency, \(threads) thread(s): median \(format(r.medianMs, 3)) ms, p99 \(format(r.p99Ms, 3)) ms")
    }
}
