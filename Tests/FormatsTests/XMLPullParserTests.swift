import Testing
@testable import Formats

@Suite struct XMLPullParserTests {
    func events(_ xml: String) throws -> [XMLEvent] {
        try events(Array(xml.utf8))
    }

    func events(_ bytes: [UInt8]) throws -> [XMLEvent] {
        var parser = XMLPullParser(bytes: bytes)
        var result: [XMLEvent] = []
        while true {
            let event = try parser.next()
            if event == .endOfDocument { return result }
            result.append(event)
        }
    }

    func texts(_ events: [XMLEvent]) -> String {
        events.compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
    }

    @Test func elementsAttributesAndPrefixes() throws {
        let parsed = try events(#"<?xml version="1.0"?><x:worksheet xmlns:x="urn:x"><x:c r='A1' t = "s"/></x:worksheet>"#)
        guard case .startElement(let root) = parsed[0], case .startElement(let cell) = parsed[1] else {
            Issue.record("expected two start tags, got \(parsed)"); return
        }
        #expect(root.localName == "worksheet" && root.qualifiedName == "x:worksheet")
        #expect(cell.localName == "c" && cell.attribute("r") == "A1" && cell.attribute("t") == "s")
        #expect(parsed[2] == .endElement(localName: "c") && parsed[3] == .endElement(localName: "worksheet"))
    }

    @Test func entitiesCDATAAndLineEnds() throws {
        let parsed = try events("<t a=\"&lt;&amp;&#65;&#x42;\">x &gt; y &quot;&apos; &#26085; &unknown; <![CDATA[<raw & stuff>]]>a\r\nb\rc</t>")
        guard case .startElement(let tag) = parsed[0] else { Issue.record("no start tag"); return }
        #expect(tag.attribute("a") == "<&AB")
        #expect(texts(parsed) == "x > y \"' 日 &unknown; <raw & stuff>a\nb\nc")
    }

    @Test func skipsBOMCommentsDoctypeAndProcessingInstructions() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><!-- c --><a><?pi x?>1</a>".utf8)
        let parsed = try events(bytes)
        #expect(parsed.count == 3)
        #expect(texts(parsed) == "1")
    }

    @Test func documentWithoutDeclaration() throws {
        #expect(try events("<a>1</a>").count == 3)
    }

    @Test func utf16Input() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<a>é</a>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(texts(try events(bytes)) == "é")
    }

    @Test func readElementTextAndSkip() throws {
        var parser = XMLPullParser(bytes: Array("<r><v>4<b>2</b></v><skip><x/><y>z</y></skip><t>ok</t></r>".utf8))
        _ = try parser.next()
        _ = try parser.next()
        #expect(try parser.readElementText() == "42")
        _ = try parser.next()
        try parser.skipElement()
        _ = try parser.next()
        #expect(try parser.readElementText() == "ok")
    }

    @Test(arguments: [
        "<a", "<a b=\"1></a>", "<a b></a>", "<a><!-- open", "<a><![CDATA[x", "</a>", "<a>&#xFFFFFFFF;</a>", "<a/ >", "<a><b></a>", "<a><b/>",
    ])
    func malformedInputThrows(_ xml: String) {
        #expect(throws: XMLSyntaxError.self) { _ = try events(xml) }
    }

    @Test func errorNamesLine() {
        do {
            _ = try events("<a>\n<b\n c></b></a>")
            Issue.record("expected an error")
        } catch let error as XMLSyntaxError {
            #expect(error.line == 3)
            #expect(error.message.contains("expected '='"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
