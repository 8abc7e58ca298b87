/// libFuzzer entry for the JSON and JSON Lines table reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? JSONTableReader.table(bytes: Array(UnsafeBufferPointer(start: data, count: size)), file: "fuzz.json")
    return 0
}
