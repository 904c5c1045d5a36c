/// The loudness a finished video is mastered to and checked against: TikTok plays everything at about
/// −14 LUFS, and a true peak above −1 dBTP risks clipping once the platform re-encodes.
public struct LoudnessTarget: Sendable, Hashable {
    public var integratedLUFS: Double
    public var truePeakDb: Double
    /// How far the measured integrated loudness may stray from the target before a video fails.
    public var tolerance: Double

    public init(integratedLUFS: Double = -14, truePeakDb: Double = -1, tolerance: Double = 1) {
        self.integratedLUFS = integratedLUFS
        self.truePeakDb = truePeakDb
        self.tolerance = tolerance
    }

    public static let platform = LoudnessTarget()

    /// Problems with a measurement; empty when it is on target.
    public func problems(_ measured: Loudness) -> [String] {
        var problems: [String] = []
        if !(abs(measured.integratedLUFS - integratedLUFS) <= tolerance) {
            problems.append(String(format: "integrated loudness is %.1f LUFS, outside %.0f ± %.0f LU",
                                   measured.integratedLUFS, integratedLUFS, tolerance))
        }
        if !(measured.truePeakDb <= truePeakDb) {
            problems.append(String(format: "true peak is %.1f dBTP, above %.1f dBTP", measured.truePeakDb, truePeakDb))
        }
        return problems
    }
}

/// An EBU R128 measurement: integrated loudness and true peak.
public struct Loudness: Sendable, Hashable, Codable {
    public var integratedLUFS: Double
    public var truePeakDb: Double

    public init(integratedLUFS: Double, truePeakDb: Double) {
        self.integratedLUFS = integratedLUFS
        self.truePeakDb = truePeakDb
    }
}
