import Testing

/// Faults injected into a real `tiktok-ai serve`: kill -9 loops, uploads over a private sshd, bulk
/// batches, a full disk, cancel during an encode (issue 4's acceptance 1, 2, 4, 5 and 6).
///
/// One serialized parent suite: every test drives ffmpeg on a two-core machine, and running two of
/// them at once would turn their time bounds into noise.
@Suite("fault injection", .serialized)
struct FaultTests {}
