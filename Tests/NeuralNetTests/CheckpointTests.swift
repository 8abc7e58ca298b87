import Foundation
import Testing
@testable import NeuralNet

struct CheckpointTests {
    static let architecture = ModelArchitecture(
        numericFeatures: 2,
        embeddings: [EmbeddingSpec(cardinality: 5, dimension: 3), EmbeddingSpec(cardinality: 4, dimension: 2, combiner: .sum)],
        recurrentLayers: [RecurrentLayerSpec(units: 6, dropout: 0.3), RecurrentLayerSpec(units: 5)],
        denseLayers: [DenseLayerSpec(units: 4)], outputSteps: 2, loss: .meanSquaredWithTotal(weight: 0.5))

    /// Rebuilds checkpoint bytes around an edited header (payload untouched).
    static func rewrite(_ bytes: [UInt8], _ edit: (inout CheckpointHeader) -> Void) throws -> [UInt8] {
        let length = Int(Checkpoint.readUInt32(bytes, at: 12))
        var header = try JSONDecoder().decode(CheckpointHeader.self, from: Data(bytes[16..<(16 + length)]))
        edit(&header)
        let json = [UInt8](try JSONEncoder().encode(header))
        var out = Array(bytes[0..<12])
        Checkpoint.appendUInt32(UInt32(json.count), to: &out)
        return out + json + Array(bytes[(16 + length)...])
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256Digest(hashing: [UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest(hashing: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256Digest(hashing: Array(long.utf8)).hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func roundTripRestoresIdenticalPredictions() throws {
        let model = SequenceModel(architecture: Self.architecture, seed: 1)
        let data = TestData.mixed(samples: 4, window: 3, features: 2, outputs: 2, seed: 2)
        var shuffle = SplitMix64(seed: 3)
        model.fitEpoch(data, batchSize: 2, shuffleRNG: &shuffle)
        let bytes = model.checkpointBytes()
        #expect(Array(bytes[0..<8]) == Checkpoint.magic)
        let restored = try SequenceModel(checkpoint: bytes)
        #expect(restored.architecture == Self.architecture)
        let inputs = data.batch([0, 1, 2, 3]).inputs
        #expect(restored.predict(inputs) == model.predict(inputs))
        #expect(restored.checkpointBytes() == bytes)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nn-\(UInt64.random(in: 0...UInt64.max)).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.saveCheckpoint(to: path)
        let fresh = SequenceModel(architecture: Self.architecture, seed: 99)
        try fresh.loadCheckpoint(from: path)
        #expect(fresh.predict(inputs) == model.predict(inputs))
    }

    /// A stepwise head survives the round trip; a final-state head's description has no
    /// `stepwiseHead` key, as before the key existed, and such descriptions read as final-state.
    @Test func stepwiseHeadRoundTripsAndOlderDescriptionsReadAsFinalState() throws {
        var stepwise = Self.architecture
        stepwise.stepwiseHead = true
        let model = SequenceModel(architecture: stepwise, seed: 4)
        let restored = try SequenceModel(checkpoint: model.checkpointBytes())
        #expect(restored.architecture.stepwiseHead)
        let inputs = TestData.mixed(samples: 3, window: 4, features: 2, outputs: 2, seed: 5).batch([0, 1, 2]).inputs
        #expect(restored.predict(inputs) == model.predict(inputs))

        let final = try JSONEncoder().encode(Self.architecture)
        #expect(!String(decoding: final, as: UTF8.self).contains("stepwiseHead"))
        #expect(try JSONDecoder().decode(ModelArchitecture.self, from: final) == Self.architecture)
        #expect(try JSONDecoder().decode(ModelArchitecture.self, from: JSONEncoder().encode(stepwise)).stepwiseHead)
    }

    @Test func corruptedOrMismatchedCheckpointsThrowClearErrors() throws {
        let model = SequenceModel(architecture: Self.architecture, seed: 1)
        let bytes = model.checkpointBytes()

        var flipped = bytes
        flipped[flipped.count - 7] ^= 0x40
        #expect(throws: CheckpointError.self) { try model.loadWeights(from: flipped) }
        do {
            try model.loadWeights(from: flipped)
        } catch {
            guard case .hashMismatch = error else { Issue.record("expected hashMismatch, got \(error)"); return }
            #expect(error.description.contains("corrupted"))
        }

        var badMagic = bytes
        badMagic[0] = 0
        #expect(throws: CheckpointError.badMagic) { try model.loadWeights(from: badMagic) }

        var badVersion = bytes
        badVersion[8] = 7
        #expect(throws: CheckpointError.unsupportedVersion(found: 7, supported: 1)) { try model.loadWeights(from: badVersion) }

        let headerVersion = try Self.rewrite(bytes) { $0.formatVersion = 2 }
        #expect(throws: CheckpointError.unsupportedVersion(found: 2, supported: 1)) { try model.loadWeights(from: headerVersion) }

        let dtype = try Self.rewrite(bytes) { $0.dtype = "float16" }
        #expect(throws: CheckpointError.unsupportedDType("float16")) { try model.loadWeights(from: dtype) }

        let shape = try Self.rewrite(bytes) { $0.tensors[0].shape = [3, 6] }
        #expect(throws: CheckpointError.self) { try model.loadWeights(from: shape) }

        let renamed = try Self.rewrite(bytes) { $0.tensors[1].name = "something.else" }
        #expect(throws: CheckpointError.self) { try model.loadWeights(from: renamed) }

        #expect(throws: CheckpointError.truncated(section: "header")) { try model.loadWeights(from: Array(bytes[0..<40])) }
        #expect(throws: CheckpointError.self) { try model.loadWeights(from: Array(bytes.dropLast(4))) }
        #expect(throws: CheckpointError.self) { try model.loadWeights(from: []) }

        var other = Self.architecture
        other.recurrentLayers[1].units = 7
        let otherModel = SequenceModel(architecture: other, seed: 1)
        #expect(throws: CheckpointError.self) { try otherModel.loadWeights(from: bytes) }
        do {
            try otherModel.loadWeights(from: bytes)
        } catch {
            guard case .architectureMismatch = error else { Issue.record("expected architectureMismatch, got \(error)"); return }
        }
        // A failed load leaves the weights untouched.
        #expect(otherModel.checkpointBytes() == SequenceModel(architecture: other, seed: 1).checkpointBytes())
    }
}
