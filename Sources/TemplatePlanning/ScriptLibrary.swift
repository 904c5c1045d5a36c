import JobDocuments
import Providers
import ProjectModel

/// The sentences the offline planner writes with.
///
/// Template text is spoken about any topic, so every line is generic and never makes a factual claim
/// it cannot keep: no invented numbers, dates or studies. Placeholders: `{topic}` (mid-sentence topic),
/// `{Topic}` (sentence start), `{n}` (how many beats), `{duration}` (the target length, in words), `{kw}` (an SEO keyword).
/// The pools are large enough that a plan up to a few minutes long never repeats a sentence.
enum ScriptLibrary {
    /// One section of a script: its outline title, on-screen labels, opening lines and body sentences.
    struct Beat {
        var title: String
        /// On-screen labels, 2–5 words; the first scene of the beat uses the first.
        var labels: [String]
        /// Openers for the beat's first scene.
        var leads: [String]
        /// Openers for the beat's later scenes, when a beat spans several.
        var continuations: [String]
        var pool: [String]
        /// What the picture shows, for the image prompt.
        var visual: String
    }

    // MARK: Hooks

    /// Five hook patterns per script structure: a surprise hook, a stop-scrolling hook, a "what if you
    /// were wrong" hook, a question and a number (the plan's own beat count, never an invented figure).
    /// The first pattern is the structure's signature (top5 opens "Here are 5 …"). Slots have a short
    /// variant so a hook fits the first five seconds even at the slow tempo.
    static func hookPatterns(for template: ScriptTemplate?) -> [[String]] {
        switch template {
        case .top5:
            [
                ["Here are 5 things to know about {topic}.", "Here are 5 things about {topic}."],
                ["You won't believe number one on this list about {topic}."],
                ["Stop scrolling: the top 5 things about {topic}.", "Top 5: {topic}."],
                ["What if everything you knew about {topic} was wrong?"],
                ["Can you guess number one about {topic}?"],
            ]
        case .mythVsFact:
            [
                ["You won't believe the myths about {topic}.", "You won't believe what people get wrong about {topic}."],
                ["Stop scrolling: myth or fact, {topic}.", "{Topic}: myth or fact?"],
                ["What if everything you knew about {topic} was wrong?"],
                ["Is what you've heard about {topic} actually true?"],
                ["{n} myths about {topic}, checked one by one."],
            ]
        case .storytime:
            [
                ["You won't believe what happened when I looked into {topic}."],
                ["Stop scrolling: this is my story about {topic}.", "{Topic}: my story."],
                ["What if everything I thought I knew about {topic} was wrong?"],
                ["Want to hear how {topic} changed my mind?"],
                ["{n} moments changed how I see {topic}."],
            ]
        case nil:
            [
                ["You won't believe the story behind {topic}.", "You won't believe what's behind {topic}."],
                ["Stop scrolling: {topic}, explained in {duration}.", "Stop scrolling: {topic}, explained."],
                ["What if everything you knew about {topic} was wrong?"],
                ["Have you ever wondered about {topic}?", "Ever stopped to think about {topic}?"],
                ["{n} things worth knowing about {topic}.", "Here are {n} things worth knowing about {topic}."],
            ]
        }
    }

    // MARK: Explainer (no script template)

    static let explainerBeats: [Beat] = [
        Beat(title: "The basics of {topic}",
             labels: ["THE BASICS", "START HERE", "FIRST THINGS FIRST"],
             leads: ["Let's start with the basics of {topic}.", "First, the basics.",
                     "To understand {topic}, start with the simplest version."],
             continuations: ["There's a little more to the basics.", "One more piece of the foundation."],
             pool: ["At its core, it comes down to a few simple ideas.",
                    "Before the surprising part, it helps to know the ground rules.",
                    "Everything else builds on this foundation.",
                    "Get this part right, and the rest falls into place.",
                    "Strip away the jargon, and it's more approachable than it sounds.",
                    "Start with what you can actually observe, and work from there."],
             visual: "a clear establishing shot that introduces the subject"),
        Beat(title: "How it works",
             labels: ["HOW IT WORKS", "A CLOSER LOOK", "UNDER THE HOOD"],
             leads: ["So how does it actually work?", "Here's how it works.", "Here's what happens under the hood."],
             continuations: ["Let's take that one step further.", "Now look a little closer."],
             pool: ["Follow it one step at a time, and it starts to make sense.",
                    "The mechanics are easier to follow than they sound.",
                    "Each piece has a job, and together they explain the whole.",
                    "Think of it as a chain, where each link leads to the next.",
                    "Once you see the steps in order, the mystery turns into wonder.",
                    "It helps to picture it happening in slow motion."],
             visual: "a detailed close-up that shows how it works"),
        Beat(title: "The part that surprises people",
             labels: ["THE SURPRISE", "BUT WAIT", "HERE'S THE TWIST"],
             leads: ["But here's the part that surprises people.", "Now here's the twist.", "And this is where it gets interesting."],
             continuations: ["And there's another side to that surprise.", "Wait, it gets better."],
             pool: ["It's not what most people expect the first time they hear it.",
                    "It sounds strange at first, but it holds up when you look closer.",
                    "This is the part that makes people stop and rewatch.",
                    "It's a small detail with a big effect on how you see the rest.",
                    "Surprises like this are a sign you're learning something real.",
                    "The obvious answer turns out to be only part of the answer."],
             visual: "a dramatic reveal moment with striking light"),
        Beat(title: "Why it matters",
             labels: ["WHY IT MATTERS", "THE BIG PICTURE", "ZOOM OUT"],
             leads: ["So why does this matter?", "Here's why it matters.", "Let's zoom out for a second."],
             continuations: ["And it matters for another reason too.", "Zoom out even further."],
             pool: ["Understanding it changes how you look at the world around you.",
                    "Knowing this helps you ask better questions.",
                    "It's a reminder that the world is full of things worth a closer look.",
                    "Ideas like this tend to connect to more than you'd expect.",
                    "It's the kind of knowledge that makes everyday things more interesting.",
                    "Once you understand it, you start to see it in new places."],
             visual: "a wide shot that shows the bigger picture"),
        Beat(title: "What to remember",
             labels: ["REMEMBER THIS", "THE TAKEAWAY", "KEY POINT"],
             leads: ["So here's what to remember.", "Here's the takeaway.", "If you remember one thing, make it this."],
             continuations: ["One last thing to keep in mind.", "And finally, this."],
             pool: ["{Topic} is more than a fun fact; it's a window into how things work.",
                    "Next time it comes up, you'll know the story behind it.",
                    "Simple questions like this are often the best place to start.",
                    "Stay curious, because there's always another layer.",
                    "Now you can explain {topic} to someone else, and that's the real test.",
                    "The best way to remember it is to share it."],
             visual: "a calm, memorable closing image"),
    ]

    /// The explainer's beats for a plan with `count` (3–5) of them.
    static func explainerBeats(count: Int) -> [Beat] {
        switch count {
        case ...3: [explainerBeats[0], explainerBeats[2], explainerBeats[4]]
        case 4: [explainerBeats[0], explainerBeats[1], explainerBeats[2], explainerBeats[4]]
        default: explainerBeats
        }
    }

    // MARK: Top 5

    /// Countdown items: angles on any topic. `{k}` in a lead is the spoken number ("Number five").
    static let top5Angles: [Beat] = [
        Beat(title: "where it all starts", labels: ["WHERE IT STARTS"],
             leads: ["{k}: where it all starts."], continuations: ["There's more to where it starts.", "Back to the beginning for a moment."],
             pool: ["Every story about {topic} has a beginning, and this is it.",
                    "Knowing the starting point makes everything else easier to follow.",
                    "It's the foundation the rest of this list builds on."],
             visual: "an origin scene, the starting point"),
        Beat(title: "how it actually works", labels: ["HOW IT WORKS"],
             leads: ["{k}: how it actually works."], continuations: ["Here's the next step of how it works.", "Keep following the steps."],
             pool: ["Step by step, it's more logical than it first appears.",
                    "Once you see the mechanics, the mystery fades and the wonder stays.",
                    "Each step leads naturally to the next."],
             visual: "a close-up of the mechanism at work"),
        Beat(title: "the part people overlook", labels: ["THE OVERLOOKED PART"],
             leads: ["{k}: the part people overlook."], continuations: ["Look again at that overlooked part.", "It's easy to overlook, so look twice."],
             pool: ["It's easy to miss, because it's hiding in plain sight.",
                    "Quick explanations tend to skip right past it.",
                    "Notice it once, and you'll keep seeing it."],
             visual: "a hidden detail revealed by a beam of light"),
        Beat(title: "the detail that surprises people", labels: ["THE SURPRISE"],
             leads: ["{k}: the detail that surprises people."], continuations: ["And that surprise goes deeper.", "The surprise doesn't end there."],
             pool: ["This is the one that makes people say, wait, really?",
                    "It sounds odd at first, and that's what makes it memorable.",
                    "It's a reminder that the obvious answer isn't always the full answer."],
             visual: "a surprising reveal with dramatic contrast"),
        Beat(title: "the easy mix-up", labels: ["THE EASY MIX-UP"],
             leads: ["{k}: the easy mix-up."], continuations: ["Here's how to keep them apart.", "Once you see the difference, it's easy."],
             pool: ["Two ideas get blended together, and the story gets muddled.",
                    "Clearing this up makes the rest of the topic click.",
                    "It's an easy mistake to make, and an easy one to fix."],
             visual: "two contrasting elements side by side"),
        Beat(title: "why it matters", labels: ["WHY IT MATTERS"],
             leads: ["{k}: why it matters."], continuations: ["It matters for one more reason.", "And it matters beyond this video."],
             pool: ["It's not just trivia; it changes how you see the bigger picture.",
                    "This is the part worth sharing with a friend.",
                    "It turns a fun fact into something you actually understand."],
             visual: "a wide, epic view of the bigger picture"),
        Beat(title: "the question worth asking", labels: ["THE BIG QUESTION"],
             leads: ["{k}: the question that's always worth asking."], continuations: ["Keep asking that question.", "Stay with that question a little longer."],
             pool: ["Good questions outlast quick answers.",
                    "It's the kind of question that keeps people curious.",
                    "Sit with it for a moment before you scroll."],
             visual: "a lone figure looking up at something vast"),
        Beat(title: "what to remember", labels: ["REMEMBER THIS"],
             leads: ["{k}: the one thing to remember."], continuations: ["Say it once more, so it sticks.", "Here's why it's worth remembering."],
             pool: ["If you forget everything else, keep this one.",
                    "It ties the whole list together.",
                    "It's short, simple and surprisingly useful."],
             visual: "a bold, iconic final image"),
    ]

    /// Two- or three-word names of the countdown angles, for very short videos ("Five: the origin.").
    static let top5ShortTitles: [String: String] = [
        "where it all starts": "the origin", "how it actually works": "how it works",
        "the part people overlook": "the overlooked part", "the detail that surprises people": "the surprise",
        "the easy mix-up": "the mix-up", "why it matters": "why it matters",
        "the question worth asking": "the big question", "what to remember": "the takeaway",
    ]

    /// The countdown's spoken numbers, from the first item shown (five) to the last (one).
    static let countdownWords = ["Number five", "Number four", "Number three", "Number two", "And number one"]
    /// The same for very short videos, where five items share a few seconds ("Five: the origin.").
    static let shortCountdownWords = ["Five", "Four", "Three", "Two", "Number one"]

    // MARK: Myth vs fact

    /// A myth and its fact, with a short form for very short videos.
    struct MythPair {
        var myth: String
        var fact: String
        var shortMyth: String
        var shortFact: String
    }

    /// Myths that are false about nearly anything, and facts that are true about nearly anything.
    static let myths: [MythPair] = [
        MythPair(myth: "{Topic} is simple, and there's nothing more to it.",
                 fact: "The simple version leaves out most of what makes it interesting.",
                 shortMyth: "It's simple.", shortFact: "There's more to it."),
        MythPair(myth: "Only experts need to understand {topic}.", fact: "The core ideas are something anyone can follow.",
                 shortMyth: "It's only for experts.", shortFact: "Anyone can follow it."),
        MythPair(myth: "Everything about {topic} was settled long ago.",
                 fact: "There's usually more to learn, and people keep asking new questions.",
                 shortMyth: "It's all settled.", shortFact: "People still ask questions."),
        MythPair(myth: "One headline tells you the whole story.", fact: "Headlines compress, and the details often change the picture.",
                 shortMyth: "A headline says it all.", shortFact: "Details matter."),
        MythPair(myth: "If it sounds surprising, it can't be true.",
                 fact: "Plenty of true things sound strange at first; what counts is the evidence.",
                 shortMyth: "Surprising means false.", shortFact: "Check the evidence."),
        MythPair(myth: "{Topic} has nothing to do with everyday life.",
                 fact: "The ideas behind it can show up in places you wouldn't expect.",
                 shortMyth: "It's irrelevant.", shortFact: "It can show up anywhere."),
        MythPair(myth: "The first explanation you heard is the right one.",
                 fact: "First explanations are often simplified, so the details are worth checking.",
                 shortMyth: "First answers are right.", shortFact: "They're often simplified."),
        MythPair(myth: "The popular version is the accurate one.",
                 fact: "Popular versions get repeated, and repeating something doesn't make it true.",
                 shortMyth: "Popular means accurate.", shortFact: "Repetition isn't proof."),
        MythPair(myth: "Asking basic questions about {topic} is a waste of time.",
                 fact: "Basic questions are where real understanding starts.",
                 shortMyth: "Basic questions are pointless.", shortFact: "They're where understanding starts."),
    ]

    static let mythLabels = ["MYTH VS FACT", "THE REAL STORY", "CHECK THE FACTS", "WHY IT STICKS", "MYTH BUSTED"]

    static let mythContinuations = ["So why does that myth stick around?", "Here's the real story.", "Let's check that properly.",
                                    "Look a little closer.", "So where does that leave us?", "Here's how to tell the difference.",
                                    "Let's test that against the evidence.", "So what's actually true?"]

    /// Openers for a scene that continues a section, when the section's own are used up.
    static let transitions = ["Here's more.", "Let's keep going.", "There's another side to this.", "Now, one step further.",
                              "Let's stay on this a moment longer.", "And there's more to it.", "Keep that in mind.",
                              "Now look at it this way.", "Let's build on that.", "Here's where it leads."]

    static let mythPool = [
        "Myths like this stick around because they're easy to repeat.",
        "The truth usually takes a few more words, and that's fine.",
        "It's worth checking where a claim comes from before sharing it.",
        "A good rule: if it sounds too neat, look a little closer.",
        "The real story is more interesting than the myth anyway.",
        "Being wrong about something is how everyone learns.",
        "Ask what the evidence actually says, not what people repeat.",
        "A myth can feel true just because you've heard it so often.",
        "Nobody is immune to a good story, which is exactly why myths spread.",
        "Checking a fact takes a minute; believing a myth can last for years.",
        "The myth survives because it's simple; the fact wins because it's true.",
        "It's fine to change your mind when the facts are better.",
        "A quick search is not the same as a careful check.",
        "The best defence against a myth is a good question.",
        "Myths often start as a simplification that lost its details.",
        "If a claim can't say where it comes from, be careful with it.",
        "Confidence isn't evidence, no matter how loud it is.",
        "It's worth asking who benefits when a myth spreads.",
    ]

    // MARK: Storytime

    static let storyBeats: [Beat] = [
        Beat(title: "The beginning", labels: ["HOW IT STARTED", "THE BEGINNING", "DAY ONE"],
             leads: ["It started on a completely ordinary day.", "It started out ordinary.", "Let me take you back to the beginning.",
                     "I never planned to care about {topic}."],
             continuations: ["But I'm getting ahead of myself.", "Here's the thing, though."],
             pool: ["I'd heard about {topic} before, but I'd never really thought about it.",
                    "Honestly, I assumed I already knew the whole story.",
                    "I was just scrolling, half paying attention, like everyone does.",
                    "Something about it stuck with me, and I couldn't let it go.",
                    "I remember thinking it would be quick to figure out.",
                    "So I made a cup of tea and started reading."],
             visual: "an ordinary everyday setting seen in the first person"),
        Beat(title: "The middle", labels: ["DOWN THE RABBIT HOLE", "DIGGING DEEPER", "IT GETS WEIRD"],
             leads: ["So I started digging.", "Then I went down the rabbit hole.", "Here's where it got complicated."],
             continuations: ["And I kept going.", "It didn't stop there."],
             pool: ["The more I read, the more questions I had.",
                    "Every answer seemed to open another door.",
                    "I kept a list of things that didn't make sense to me.",
                    "At one point, I honestly thought I'd got it all wrong.",
                    "I asked friends about it, and nobody gave me the same answer.",
                    "I started noticing it everywhere I looked."],
             visual: "a close-up of searching, notes and discovery"),
        Beat(title: "The twist", labels: ["THE TWIST", "THEN IT HIT ME", "PLOT TWIST"],
             leads: ["And then it hit me.", "That's when everything changed.", "But here's the twist I didn't see coming."],
             continuations: ["And that wasn't even the strangest part.", "It took me a while to take it in."],
             pool: ["The thing I was sure about turned out to be only half the story.",
                    "I'd been looking at it from completely the wrong angle.",
                    "It wasn't complicated at all; I'd just been asking the wrong question.",
                    "I actually laughed out loud when I realised it.",
                    "It changed how I think about a lot more than just {topic}."],
             visual: "a dramatic moment of realisation"),
        Beat(title: "What I learned", labels: ["WHAT I LEARNED", "LOOKING BACK", "THE LESSON"],
             leads: ["So what did I learn?", "Here's what I took away from all of it.", "Looking back, it seems obvious."],
             continuations: ["And one more thing.", "There's a bigger lesson in there, too."],
             pool: ["Now I look at {topic} completely differently.",
                    "Curiosity took me further than I ever expected.",
                    "Sometimes the best stories start with a simple question.",
                    "I'm still learning, and honestly, that's the fun part.",
                    "If you've ever felt the same, you know exactly what I mean."],
             visual: "a calm, reflective scene at dusk"),
    ]

    /// First-person sentences that fit anywhere in a story.
    static let storyReflections = [
        "I think about that moment more often than I'd like to admit.",
        "It's funny how one small thing can change your whole perspective.",
        "I wish someone had told me this sooner.",
        "I kept coming back to it, night after night.",
        "I still remember exactly where I was.",
        "It felt like a door had opened.",
        "I didn't expect to feel so strongly about it.",
        "Maybe you've had a moment like that too.",
        "Looking back, the signs were there all along.",
        "I told everyone I knew about it.",
        "Honestly, I'm glad I kept going.",
        "It's the kind of thing that stays with you.",
        "I had no idea how much there was to it.",
        "My friends thought I was a little obsessed, and they were right.",
        "I replayed it in my head again and again.",
        "It made me rethink a few other things, too.",
        "I didn't have all the answers, but I had better questions.",
        "That feeling of finally getting it is hard to beat.",
        "I'd walked past it a hundred times without noticing.",
        "Some days I still catch myself thinking about it.",
        "I couldn't explain it, but I knew it mattered.",
        "Part of me wanted to forget about it, but I couldn't.",
        "I went back and forth on it more times than I can count.",
        "It's strange how clearly I can picture it now.",
        "I remember exactly how it made me feel.",
        "Nobody around me seemed to notice what I noticed.",
        "I started asking questions I'd never asked before.",
        "I had to sit down for a minute when it sank in.",
        "It's one of those memories that doesn't fade.",
        "I kept thinking there had to be more to it.",
        "I wanted to understand it properly, not just halfway.",
        "It's wild how one evening can change the way you think.",
        "I told myself I'd stop there, and of course I didn't.",
        "The whole thing felt bigger than me.",
        "I felt a little silly for not seeing it sooner.",
        "I wrote it all down so I wouldn't forget.",
        "Every time I thought I understood, something new came up.",
        "I still get a strange feeling when I think about it.",
        "I remember the silence right after.",
        "It was one of those moments where time slows down.",
        "I was nervous, but I was also curious.",
        "I wanted to tell someone, but I didn't know where to start.",
        "It took me a long time to put it into words.",
        "I realised I'd been holding on to the wrong idea.",
        "I couldn't sleep that night.",
        "The next morning, everything looked a little different.",
        "I kept replaying the small details.",
        "I didn't know it then, but that was only the start.",
        "It's funny what sticks with you.",
        "I was completely hooked.",
        "I learned more from that one experience than from anything I'd read.",
        "I'm still not sure I've understood all of it.",
        "It felt personal in a way I didn't expect.",
        "I'll never forget how quiet it was.",
        "Sometimes I wonder what would have happened if I'd ignored it.",
        "And I'm so glad I didn't ignore it.",
        "It changed the way I pay attention.",
        "It felt like the world had shifted a little.",
        "I laughed about it later, but at the time I was stunned.",
        "Every detail seemed to matter.",
    ]

    // MARK: Shared

    /// Explainer sentences that fit any topic and any beat.
    static let general = [
        "Let's break it down step by step.",
        "Here's the simple version first, and then we'll go a little deeper.",
        "Plenty of people have heard of {topic}, but few stop to ask how it really works.",
        "The short answer is interesting, but the long answer is even better.",
        "Think of it like a puzzle, where every piece explains the next one.",
        "Once you see the pattern, it's hard to unsee it.",
        "This is the part that usually gets left out.",
        "It's a good reminder that simple questions can have deep answers.",
        "The details matter here, so let's slow down for a second.",
        "Ask yourself what would have to be true for this to make sense.",
        "That one idea connects a lot of the pieces together.",
        "It's the kind of thing that sounds obvious only after someone explains it.",
        "People have asked questions like this for a long time, and for good reason.",
        "The more closely you look, the more there is to see.",
        "Here's a way to picture it.",
        "Imagine explaining it to a friend in a single sentence.",
        "That's the heart of it, in plain words.",
        "Keep that in mind, because it comes back in a moment.",
        "Now, here's what most quick explanations skip.",
        "And the best part? You don't need any special background to follow it.",
        "Let that sink in for a second.",
        "So what's really going on?",
        "The answer comes from looking at the whole picture, not just one piece.",
        "Curiosity is the only tool you need for this one.",
        "It's worth asking why, and then asking why again.",
        "Small details can change how everything else fits together.",
        "If this is new to you, you're in good company.",
        "Here's the key idea, in one line.",
        "Sometimes the simplest explanation is the one that holds up best.",
        "Let's put that into context.",
        "It's easier to remember once you connect it to something familiar.",
        "Picture it, and the whole thing starts to click.",
        "It's one of those topics that rewards a second look.",
        "Don't worry if it sounds complicated at first.",
        "By the end of this video, you'll have a clearer picture.",
        "Questions like this are how people make sense of the world.",
        "Notice how each piece builds on the one before.",
        "It's a great example of how curiosity pays off.",
        "There's a reason people find {topic} fascinating.",
        "The trick is to look at it from more than one angle.",
        "Once you know what to look for, you'll start noticing it.",
        "Let's zoom in on one piece of it.",
        "Take a second and think about what that means.",
        "It's simple on the surface and rich underneath.",
        "Good explanations make hard things feel obvious, and that's the goal here.",
        "You might be surprised how much sense it makes.",
        "It's less about memorising and more about understanding.",
        "That's a question worth pausing on.",
        "There's no trick here, just a closer look.",
        "Every good answer starts with a good question.",
        "Here's something to think about while we go.",
        "The story of {topic} is really a story about paying attention.",
        "It changes a little every time you look at it from a new side.",
        "Hold that thought, because the next part builds on it.",
        "It's one thing to know it and another to understand it.",
        "Stay with me here, because this part is worth it.",
        "You don't have to take anyone's word for it; you can check.",
        "That's why it's worth a closer look.",
        "It's a bit like learning the rules of a game before you play.",
        "Put simply, there's more here than meets the eye.",
        "Let's walk through it together.",
        "It's not as complicated as it first looks.",
        "The interesting part is how all the pieces fit.",
        "Think about the last time you noticed something like this.",
        "There's a simple idea at the centre of it all.",
        "You can understand the big picture without memorising the details.",
        "This is where a lot of people get curious.",
        "Let's look at it from a different angle.",
        "It's the sort of thing you can't stop thinking about once you know it.",
        "There's always a reason behind the things we notice.",
        "Take it one piece at a time.",
        "The best explanations start with what we already know.",
        "Here's a question to keep in the back of your mind.",
        "It helps to compare it with something you see every day.",
        "Once it clicks, it really clicks.",
        "It's a good example of why details matter.",
        "There's more than one way to think about it.",
        "That's the part worth slowing down for.",
        "It's a topic that gets better the more you learn.",
        "Knowing the why makes the what much easier to remember.",
        "Let's connect the dots.",
        "The surprising thing is how much sense it makes once you see it.",
        "If you've ever wondered about this, you're not alone.",
        "It's a reminder that the familiar can still surprise us.",
        "Try picturing it from the inside.",
        "There's a logic to it, even when it doesn't look that way.",
        "It's one of those ideas that changes how you see other things.",
        "Here's how the pieces line up.",
        "That's the foundation everything else stands on.",
        "So keep that picture in your head.",
        "It rewards anyone who takes a moment to look closer.",
        "Let's keep going, because it gets better.",
        "Asking how something works is the first step to understanding it.",
        "The big ideas here are simpler than the jargon suggests.",
        "A good way to learn anything is to ask what would happen if it were different.",
        "Think of this as a map, not the whole territory.",
        "This is the bit worth remembering tomorrow.",
        "Understanding comes from seeing how the parts relate.",
        "You'll probably think of this the next time it comes up.",
        "There's a quiet elegance in how it all fits.",
    ]

    /// Calls to action that end the last scene.
    static let callsToAction = [
        "Follow for more.",
        "Follow for more videos like this.",
        "If you learned something, follow for more.",
        "Save this for later, and follow for more.",
        "Share this with someone who'd love it, and follow for more.",
        "Tell me in the comments what you'd add, and follow for more.",
    ]

    static let storyCallsToAction = [
        "Follow for part two, and tell me if this has ever happened to you.",
        "If this story stayed with you, follow for more.",
    ]

    /// Ways to weave an SEO keyword into narration without claiming anything about it.
    static let shortKeywordSentence = "{kw} fans, stick around."

    static let keywordSentences = [
        "If you're into {kw}, this one's for you.",
        "Keep {kw} in mind as we go.",
        "This is one for anyone curious about {kw}.",
        "And if {kw} is your thing, stick around.",
    ]

    /// Openers for restating a sentence when a very long plan has used every fresh one.
    static let restatements = ["In other words, ", "Remember, ", "To put it another way, ", "Again, ", "Like I said, ",
                               "It's worth repeating: "]
}
