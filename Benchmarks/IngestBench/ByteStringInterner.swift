#if canImport(Glibc)
import Glibc
#endif

/// Numbers distinct byte strings (SKU codes) in order of first appearance, without making `String`s.
struct ByteStringInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots: [Int32]
    private var hashes: [UInt64]
    private var mask: Int

    /// Distinct strings so far.
    var count: Int { starts.count - 1 }

    /// An empty interner.
    init() {
        slots = [Int32](repeating: -1, count: 1 << 12)
        hashes = [UInt64](repeating: 0, count: 1 << 12)
        mask = (1 << 12) - 1
    }

    /// The id of `text`, adding it if new.
    @inline(__always)
    mutating func id(of text: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(text)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[slot] == hash && equals(id, text) { return id }
            slot = (slot &+ 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: text)
        starts.append(arena.count)
        slots[slot] = id
        hashes[slot] = hash
        if count * 2 > slots.count { grow() }
        return id
    }

    /// The bytes of string `id`.
    func bytes(of id: Int32) -> ArraySlice<UInt8> {
        arena[starts[Int(id)]..<starts[Int(id) + 1]]
    }

    @inline(__always)
    private func equals(_ id: Int32, _ text: UnsafeRawBufferPointer) -> Bool {
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        guard end - start == text.count else { return false }
        return arena.withUnsafeBytes { memcmpEqual($0.baseAddress.map { $0 + start }, text.baseAddress, text.count) }
    }

    @inline(__always)
    private func memcmpEqual(_ left: UnsafeRawPointer?, _ right: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let left, let right else { return false }
        return memcmp(left, right, count) == 0
    }

    /// A multiply-rotate hash over 8-byte words.
    @inline(__always)
    static func hash(_ text: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(text.count)
        var index = 0
        while index + 8 <= text.count {
            hash = (hash ^ text.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash = hash.rotatedLeft(29)
            index &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < text.count {
            tail |= UInt64(text[index]) << shift
            shift &+= 8
            index &+= 1
        }
        hash = (hash ^ tail) &* 0xC2B2_AE3D_27D4_EB4F
        return hash ^ (hash >> 31)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for id in 0..<count {
            let hash = arena[starts[id]..<starts[id + 1]].withUnsafeBytes { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
            slots[slot] = Int32(id)
            hashes[slot] = hash
        }
    }
}

extension UInt64 {
    /// The bits rotated left by `count`.
    @inline(__always)
    func rotatedLeft(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
