import ObjectStorage
import Testing

/// Keys and query values as S3's SigV4 writes them, and the keys every store refuses.
@Suite struct ObjectKeyTests {
    @Test func encodesEverythingButTheUnreservedCharacters() {
        #expect(ObjectKey.uriEncoded("renders/a b/é+!~*'().mp4", keepingSlashes: true) == "renders/a%20b/%C3%A9%2B%21~%2A%27%28%29.mp4")
        #expect(ObjectKey.uriEncoded("renders/", keepingSlashes: false) == "renders%2F")
        #expect(ObjectKey.uriEncoded("Az09-._~", keepingSlashes: false) == "Az09-._~")
        #expect(ObjectKey.uriEncoded("日本", keepingSlashes: true) == "%E6%97%A5%E6%9C%AC")
    }

    @Test func sortsTheQueryByNameAfterEncoding() {
        let query = ObjectKey.canonicalQuery([("prefix", "a b/"), ("list-type", "2"), ("continuation-token", "x+y/z=")])
        #expect(query == "continuation-token=x%2By%2Fz%3D&list-type=2&prefix=a%20b%2F")
    }

    @Test func refusesKeysNoStoreShouldTake() {
        for key in ["", String(repeating: "k", count: 1025), "a/./b", "../up", "a/..", "tab\there", "nul\u{0}"] {
            #expect(throws: ObjectStoreError.self, "\(key.debugDescription)") { try ObjectKey.validate(key) }
        }
        for key in ["a", "renders/42/1-token/video.mp4", "a b/é 日本", "a//b", ".hidden/..x", String(repeating: "é", count: 512)] {
            #expect(throws: Never.self, "\(key.debugDescription)") { try ObjectKey.validate(key) }
        }
    }
}
