import Testing
@testable import Spool

@Suite("Inbox naming (SPEC rules 1 and 4)")
struct InboxNamingTests {
    @Test(arguments: [".proj.json.Ab12Cd", "proj.json.tmp", "proj.json.part", "proj.partial", "proj.json~", ".proj.json.swp", "x.PART"])
    func writerTempNamesAreIgnored(name: String) {
        #expect(InboxNaming.isIgnored(name))
        #expect(InboxNaming.kind(of: name) == nil)
    }

    @Test func kinds() {
        #expect(InboxNaming.kind(of: "a.json") == .project)
        #expect(InboxNaming.kind(of: "nightly.jsonl") == .batch)
        #expect(InboxNaming.kind(of: "image.png") == nil)
    }

    @Test func idsAreReducedAndBounded() {
        #expect(InboxNaming.baseID(forFileName: "My Project (v2).json") == "My_Project__v2_")
        #expect(InboxNaming.baseID(forFileName: "ünïcode.json") == "_n_code")
        #expect(InboxNaming.baseID(forFileName: String(repeating: "a", count: 300) + ".json").count == 100)
        #expect(InboxNaming.baseID(forFileName: ".json") == "json")
    }

    @Test func collisionsGetSuffixes() {
        let taken: Set = ["job", "job-2"]
        #expect(InboxNaming.uniqueID(base: "job", isTaken: taken.contains) == "job-3")
        let long = String(repeating: "b", count: 100)
        let unique = InboxNaming.uniqueID(base: long, isTaken: { $0 == long })
        #expect(unique.count == 100 && unique.hasSuffix("-2"))
    }
}
