/// libFuzzer entry for the workbook reader: zip directory, inflate, XML and SpreadsheetML parsing.
@_cdecl("LLVMFuzzerTestOneInput")
public func xlsxFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let archive = try? ZipArchive(bytes: bytes, name: "fuzz.xlsx"),
          let workbook = try? XLSXWorkbook(archive: archive, memoryLimitBytes: 64 << 20),
          let sheet = try? workbook.sheet(nil) else { return 0 }
    _ = XLSXReader.table(from: sheet)
    return 0
}
