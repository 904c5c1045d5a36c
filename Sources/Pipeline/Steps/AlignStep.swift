import Foundation
import JobDocuments
import Providers

/// align: when every word is heard, and the span each scene's picture covers. The speech provider's
/// own timings when every scene came with them (espeak-ng's events are exact), else an estimate from
/// the text (a supplied voice-over).
struct AlignStep: JobStep {
    let step = PipelineStep.align

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let speech = try JobDocument.read(SpeechManifest.self, from: context.files.speech)
        let providers = context.providers
        let aligner: any WordAligner
        switch providers.alignment {
        case .automatic: aligner = speech.hasWordTimings ? providers.speechAligner : providers.estimatingAligner
        case .estimate: aligner = providers.estimatingAligner
        case .speechTimings:
            guard speech.hasWordTimings else {
                throw ProviderError("align: 'speech' was chosen, but the voice-over has no word timings of its own", retryable: false)
            }
            aligner = providers.speechAligner
        }
        let request = AlignmentRequest(plan: plan, speech: speech, voiceover: context.files.voiceover,
                                       tailSeconds: context.project.render.tailSeconds, language: context.project.language)
        let timings = try await aligner.align(request)
        try context.write(timings, to: context.files.timings)
        await context.used(aligner)
        await context.note("align: \(timings.words.count) words from \(timings.source); video \(String(format: "%.2f", timings.scenes.last?.end ?? 0)) s")
    }
}
