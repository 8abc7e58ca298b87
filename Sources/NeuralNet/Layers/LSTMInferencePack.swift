import NeuralNetAVX512

/// An LSTM layer's weights rearranged for single-sample inference, kept between calls.
///
/// Gate columns are regrouped by blocks of 16 units: block `u / 16` holds the input, forget,
/// cell and output gates of its units side by side (64 columns, zero-padded past `units`), so one
/// pass over a block's recurrent weights leaves all four gates of 16 units in registers and the
/// gate math runs on them directly. Regrouping columns does not change how any gate value is
/// computed, so results equal the batched path's.
///
/// The pack remembers the weight versions it was built from; `matches` tells the layer when
/// to rebuild it.
final class LSTMInferencePack {
    /// Units per gate block.
    static let blockUnits = 16
    /// Hidden size.
    let units: Int
    /// `units` rounded up to a multiple of `blockUnits`.
    let paddedUnits: Int
    /// Columns of a regrouped gate row (`4 * paddedUnits`).
    let gateColumns: Int
    /// Input features that vary per timestep (the rest of the input weights' rows are static).
    let sequenceFeatures: Int
    /// Regrouped bias `(gateColumns)`.
    let bias: FloatBuffer
    /// Regrouped static rows of the input weights `(inputSize − sequenceFeatures, gateColumns)`.
    let staticWeights: FloatBuffer
    /// Regrouped sequence rows of the input weights, packed for the all-timesteps product.
    let sequenceWeights: GEMMPackedB?
    /// Recurrent weights by groups of gate blocks, in the layout `WideRecurrentStep` describes.
    let recurrentPanels: FloatBuffer
    /// Regrouped recurrent weights packed for batched products (`units x gateColumns`).
    let recurrentWeights: GEMMPackedB
    /// Scratch: the row initialiser (bias plus static part) of the input projection.
    let rowStart: FloatBuffer
    /// Scratch: the input projection of every timestep `(time, gateColumns)`.
    let projection = FloatBuffer(count: 0)
    /// Scratch: the cell state `(paddedUnits)`.
    let cell: FloatBuffer
    /// Scratch: the hidden state of every timestep `(time, paddedUnits)`.
    let states = FloatBuffer(count: 0)
    /// Batched scratch: per-sample (or one shared) row initialisers `(rows, gateColumns)`.
    let batchRowStart = FloatBuffer(count: 0)
    /// Batched scratch: one timestep's gate pre-activations `(batch, gateColumns)`.
    let batchProjection = FloatBuffer(count: 0)
    /// Batched scratch: the cell states `(batch, paddedUnits)`.
    let batchCell = FloatBuffer(count: 0)
    /// Batched scratch: hidden states `(timesteps kept * batch, paddedUnits)`.
    let batchStates = FloatBuffer(count: 0)
    /// Weight versions (input, recurrent, bias) the pack was built from.
    private let versions: (Int, Int, Int)

    /// Regroups `layer`'s current weights for inputs whose first `sequenceFeatures` columns vary
    /// per timestep.
    init(layer: LSTMLayer, sequenceFeatures f: Int) {
        let h = layer.units, g = 4 * h
        units = h
        paddedUnits = (h + Self.blockUnits - 1) / Self.blockUnits * Self.blockUnits
        gateColumns = 4 * paddedUnits
        sequenceFeatures = f
        versions = (layer.inputWeight.version, layer.recurrentWeight.version, layer.bias.version)
        let gp = 4 * paddedUnits
        let regroup = Self.regroup(units: h)
        let regroupedBias = FloatBuffer(count: gp)
        layer.bias.value.withUnsafeBufferPointer { b in
            for (source, target) in regroup.enumerated() { regroupedBias.pointer[target] = b[source] }
        }
        let inputRows = layer.inputSize
        let inputWeights = FloatBuffer(count: inputRows * gp)
        layer.inputWeight.value.withUnsafeBufferPointer { w in
            for r in 0..<inputRows {
                for (source, target) in regroup.enumerated() { inputWeights.pointer[r * gp + target] = w[r * g + source] }
            }
        }
        let staticRows = FloatBuffer(count: (inputRows - f) * gp)
        staticRows.pointer.update(from: inputWeights.pointer + f * gp, count: (inputRows - f) * gp)
        let blocks = paddedUnits / Self.blockUnits
        let panels = FloatBuffer(count: blocks * h * 64)
        // Group of each block: (first block, blocks in the group).
        var groups: [(first: Int, width: Int)] = []
        var first = 0
        while first < blocks {
            let width = WideRecurrentStep.groupWidth(remaining: blocks - first)
            for _ in 0..<width { groups.append((first, width)) }
            first += width
        }
        layer.recurrentWeight.value.withUnsafeBufferPointer { w in
            for k in 0..<h {
                for (source, target) in regroup.enumerated() {
                    let block = target / 64, column = target % 64
                    let (start, width) = groups[block]
                    panels.pointer[start * h * 64 + (k * width + block - start) * 64 + column] = w[k * g + source]
                }
            }
        }
        let regroupedRecurrent = FloatBuffer(count: h * gp)
        layer.recurrentWeight.value.withUnsafeBufferPointer { w in
            for k in 0..<h {
                for (source, target) in regroup.enumerated() { regroupedRecurrent.pointer[k * gp + target] = w[k * g + source] }
            }
        }
        recurrentWeights = GEMMPackedB(transposed: false, k: h, n: gp, b: regroupedRecurrent.pointer, ldb: gp)
        bias = regroupedBias
        staticWeights = staticRows
        sequenceWeights = f > 0 ? GEMMPackedB(transposed: false, k: f, n: gp, b: inputWeights.pointer, ldb: gp) : nil
        recurrentPanels = panels
        rowStart = FloatBuffer(count: gp)
        cell = FloatBuffer(count: paddedUnits)
    }

    /// Whether the pack still reflects `layer`'s weights for this input split.
    func matches(_ layer: LSTMLayer, sequenceFeatures f: Int) -> Bool {
        f == sequenceFeatures && versions == (layer.inputWeight.version, layer.recurrentWeight.version, layer.bias.version)
    }

    /// The regrouped column of every original gate column `q * units + u`.
    static func regroup(units h: Int) -> [Int] {
        (0..<(4 * h)).map { column in
            let gate = column / h, unit = column % h
            return (unit / blockUnits) * 64 + gate * blockUnits + unit % blockUnits
        }
    }
}
