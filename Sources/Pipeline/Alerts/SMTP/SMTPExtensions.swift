/// The service extensions a server listed in its EHLO reply (RFC 5321 section 4.1.1.1).
struct SMTPExtensions {
    /// Upper-cased keyword → upper-cased parameters (`AUTH` → [`PLAIN`, `LOGIN`]).
    private(set) var keywords: [String: [String]] = [:]

    /// No extensions (after HELO).
    init() {}

    /// Parses the lines after the greeting line of an EHLO 250 reply; `AUTH=PLAIN` (old form) counts as AUTH.
    init(ehloReply: SMTPReply) {
        for line in ehloReply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            keywords[keyword, default: []] += words.dropFirst()
        }
    }

    /// True when `keyword` was listed.
    func supports(_ keyword: String) -> Bool { keywords[keyword.uppercased()] != nil }

    /// The SASL mechanisms listed after AUTH.
    var authMechanisms: [String] { keywords["AUTH"] ?? [] }
}
