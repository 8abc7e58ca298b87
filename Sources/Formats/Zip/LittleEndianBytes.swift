/// Little-endian integer reads from a byte array at offsets the caller has already bounds-checked.
extension Array where Element == UInt8 {
    /// The 16-bit little-endian integer at `offset`; requires `offset + 2 <= count`.
    @inline(__always)
    func uint16LE(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    /// The 32-bit little-endian integer at `offset`; requires `offset + 4 <= count`.
    @inline(__always)
    func uint32LE(at offset: Int) -> UInt32 {
        UInt32(uint16LE(at: offset)) | UInt32(uint16LE(at: offset + 2)) << 16
    }

    /// The 64-bit little-endian integer at `offset`; requires `offset + 8 <= count`.
    @inline(__always)
    func uint64LE(at offset: Int) -> UInt64 {
        UInt64(uint32LE(at: offset)) | UInt64(uint32LE(at: offset + 4)) << 32
    }
}
