/// libFuzzer entry for the Parquet reader: footer, thrift, pages, codecs and decoders.
@_cdecl("LLVMFuzzerTestOneInput")
public func parquetFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ParquetReader.read(bytes: bytes, path: "fuzz.parquet", options: ReadOptions(memoryLimitBytes: 64 << 20))
    return 0
}
