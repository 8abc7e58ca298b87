import Foundation

/// Versioned binary checkpoints of `SequenceModel` weights.
///
/// Layout: 8 magic bytes `NNCKPT\r\n`, a little-endian `UInt32` format version, a little-endian
/// `UInt32` header length, the UTF-8 JSON `CheckpointHeader` (sorted keys, so identical models
/// give identical bytes), then every tensor as little-endian float32 in header order.
public enum Checkpoint {
    /// Magic bytes at the start of every checkpoint.
    public static let magic: [UInt8] = Array("NNCKPT\r\n".utf8)
    /// The format version this build writes and reads.
    public static let formatVersion = 1

    /// Serialises the model's architecture and weights.
    public static func encode(_ model: SequenceModel) -> [UInt8] {
        let parameters = model.parameters
        var payload = [UInt8]()
        payload.reserveCapacity(model.parameterCount * 4)
        for p in parameters {
            for value in p.value {
                let bits = value.bitPattern.littleEndian
                withUnsafeBytes(of: bits) { payload.append(contentsOf: $0) }
            }
        }
        let header = CheckpointHeader(
            formatVersion: formatVersion, dtype: "float32", architecture: model.architecture,
            tensors: parameters.map { TensorDescriptor(name: $0.name, shape: $0.shape) },
            payloadBytes: payload.count, payloadSHA256: SHA256Digest(hashing: payload).hex)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain structs of numbers and strings cannot fail.
        let json = [UInt8]((try? encoder.encode(header)) ?? Data())
        var out = magic
        appendUInt32(UInt32(formatVersion), to: &out)
        appendUInt32(UInt32(json.count), to: &out)
        out += json
        out += payload
        return out
    }

    /// Parses and verifies a checkpoint, returning its header and tensors (in header order).
    public static func decode(_ bytes: [UInt8]) throws(CheckpointError) -> (header: CheckpointHeader, tensors: [[Float]]) {
        guard bytes.count >= magic.count else { throw .truncated(section: "magic") }
        guard Array(bytes[0..<magic.count]) == magic else { throw .badMagic }
        var offset = magic.count
        guard bytes.count >= offset + 8 else { throw .truncated(section: "version and header length") }
        let version = Int(readUInt32(bytes, at: offset))
        guard version == formatVersion else { throw .unsupportedVersion(found: version, supported: formatVersion) }
        let headerLength = Int(readUInt32(bytes, at: offset + 4))
        offset += 8
        guard bytes.count - offset >= headerLength else { throw .truncated(section: "header") }
        let header: CheckpointHeader
        do {
            header = try JSONDecoder().decode(CheckpointHeader.self, from: Data(bytes[offset..<(offset + headerLength)]))
        } catch {
            throw .malformedHeader("\(error)")
        }
        offset += headerLength
        guard header.formatVersion == formatVersion else {
            throw .unsupportedVersion(found: header.formatVersion, supported: formatVersion)
        }
        guard header.dtype == "float32" else { throw .unsupportedDType(header.dtype) }
        if let problem = header.architecture.validationError() { throw .malformedHeader(problem) }
        guard header.tensors.allSatisfy({ $0.shape.allSatisfy { $0 >= 0 && $0 < 1 << 31 } }) else {
            throw .malformedHeader("tensor shapes must be non-negative")
        }
        let declared = header.tensors.reduce(0) { $0 + $1.elementCount } * 4
        guard declared == header.payloadBytes else {
            throw .malformedHeader("tensor shapes need \(declared) payload bytes, header declares \(header.payloadBytes)")
        }
        let payload = bytes[offset...]
        guard payload.count == header.payloadBytes else {
            throw .payloadSizeMismatch(expected: header.payloadBytes, found: payload.count)
        }
        let digest = SHA256Digest(hashing: payload).hex
        guard digest == header.payloadSHA256 else { throw .hashMismatch(expected: header.payloadSHA256, found: digest) }
        var tensors: [[Float]] = []
        var position = offset
        for descriptor in header.tensors {
            var values = [Float](repeating: 0, count: descriptor.elementCount)
            for i in 0..<values.count {
                values[i] = Float(bitPattern: readUInt32(bytes, at: position))
                position += 4
            }
            tensors.append(values)
        }
        return (header, tensors)
    }

    /// Reads the little-endian `UInt32` at `offset`.
    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    /// Appends `value` in little-endian order.
    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
