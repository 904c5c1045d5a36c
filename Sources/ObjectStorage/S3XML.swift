import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The XML S3 answers with, read into a small tree (Foundation's `XMLParser`, libxml2 underneath):
/// the `ListBucketResult` of `ListObjectsV2` and the `Error` document of a failure.
struct S3XML {
    final class Element {
        let name: String
        var text = ""
        var children: [Element] = []

        init(name: String) { self.name = name }

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
        func value(_ name: String) -> String? { child(name)?.text }
    }

    /// The document's root element; nil when the bytes are not well-formed XML.
    static func parse(_ data: Data) -> Element? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        guard parser.parse() else { return nil }
        return builder.root
    }

    /// S3's `<Error><Code>…</Code><Message>…</Message></Error>`, when `data` is one.
    static func error(_ data: Data) -> (code: String, message: String?)? {
        guard let root = parse(data), root.name == "Error", let code = root.value("Code"), !code.isEmpty else { return nil }
        return (code, root.value("Message"))
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: Element?
        private var open: [Element] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = Element(name: elementName)
            if let parent = open.last { parent.children.append(element) } else { root = element }
            open.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { open.last?.text += string }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            open.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
