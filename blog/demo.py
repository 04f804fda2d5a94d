"""Demo content for the blog: an article index, topics and twelve articles.

Everything here is written for a fictional clinic by fictional authors (the People made
by home/demo.py). Clinical statements follow /work/shared/CONTENT.md: ketamine for
depression is off-label, esketamine is given only in certified settings, the mechanism is
not settled, and nothing here promises a cure. Spiritual and mythic themes are offered as
perspectives some people find meaningful, not as medical claims.
"""

import datetime
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

from clinic.demo import callout, checklist, get_or_create_child, heading, steps
from clinic.demo import paragraph as text
from clinic.models import Person

from .models import ArticleAuthor, ArticleIndexPage, ArticlePage, Topic

TOPICS = [
    (
        "ketamine-assisted-psychotherapy",
        "Ketamine-assisted psychotherapy",
        "How ketamine sessions and talking therapy work together, and how they differ "
        "from other ways of giving ketamine.",
    ),
    (
        "trauma-and-dissociation",
        "Trauma and dissociation",
        "How trauma affects the mind and body, and how care can be paced for people "
        "who dissociate.",
    ),
    (
        "integration",
        "Integration",
        "Making sense of what comes up in sessions and carrying it into daily life.",
    ),
    (
        "mind-body-and-spirit",
        "Mind, body and spirit",
        "Perspectives from stories, traditions and ritual that some people find "
        "meaningful alongside medical care.",
    ),
    (
        "therapy-approaches",
        "Therapy approaches",
        "Introductions to the talking therapies our team uses.",
    ),
    (
        "research-and-history",
        "Research and history",
        "What the research does and does not tell us yet, and where ideas came from.",
    ),
]

# Calm palettes for the generated abstract hero images: background, then soft shapes.
PALETTES = [
    ("#dfece8", ["#9cc3b8", "#f3d9b1", "#c8dcd3"]),
    ("#ece6dc", ["#d4b895", "#a9c6c0", "#e9d8c4"]),
    ("#e3e9f0", ["#a7bcd3", "#d7e2d0", "#c3cfe0"]),
    ("#efe7e4", ["#d8b4a6", "#b9cfc4", "#efd8c9"]),
    ("#e6ede4", ["#b3cba6", "#e9dcb8", "#cfe0d8"]),
    ("#e9e6ef", ["#c0b5d6", "#b6d3cc", "#e4d9e9"]),
]


def quote(words, attribution):
    return ("quote", {"quote": words, "attribution": attribution, "shared_with_consent": False})


def crisis_help(line="If you are struggling right now, you do not have to wait."):
    return ("crisis_help", {"heading": "Need help now?", "text": line})


OFF_LABEL_NOTE = callout(
    "info",
    "About ketamine and the law",
    "<p>Ketamine is an anaesthetic. Using it at low doses for depression is "
    "<b>off-label</b>: a doctor may prescribe it, but it is not an approved treatment "
    "for depression. A related medicine, esketamine nasal spray, is approved in the "
    "United States for treatment-resistant depression and is given only in certified "
    "clinics, where people are watched for at least two hours after each dose.</p>",
)

ARTICLES = [
    {
        "slug": "hanuman-devotion-courage-humility-and-kap",
        "title": "Devotion, courage and humility: what Hanuman's story can offer "
        "ketamine-assisted psychotherapy",
        "teaser": "A therapist reads an old story alongside modern therapy: remembering "
        "forgotten strength, acting with courage, and staying humble about what we know.",
        "topic": "mind-body-and-spirit",
        "tags": ["KAP", "Mythology", "Courage"],
        "authors": ["Jonah Reyes"],
        "date": datetime.date(2026, 11, 18),
        "body": [
            text(
                "<p>Many of the people we meet carry stories that matter to them. For some, "
                "those stories come from faith or family tradition. One that comes up more "
                "often than you might expect is the story of Hanuman from the Ramayana, the "
                "ancient Indian epic.</p>"
                "<p>This article is not a medical claim. It is a reflection on why an old "
                "story can sit comfortably beside careful, modern therapy.</p>"
            ),
            heading("Remembering strength you forgot you had"),
            text(
                "<p>In one telling, Hanuman has forgotten his own powers. When the search "
                "for Sita reaches the edge of the ocean, an elder, Jambavan, reminds him of "
                "what he can do. Only then does he make the great leap to Lanka.</p>"
                "<p>Depression often works like that forgetting. People tell us they cannot "
                "remember ever feeling capable. Therapy does not add strength from outside. "
                "It helps a person notice what is already there, sometimes with a reminder "
                "from someone who believes in them.</p>"
            ),
            quote(
                "We rarely give people courage. More often we help them remember it.",
                "Jonah Reyes, PsyD",
            ),
            heading("Courage with a guide"),
            text(
                "<p>Hanuman's leap is not a solo adventure: he acts in service of others, "
                "encouraged by his companions. Ketamine-assisted psychotherapy (KAP) also "
                "relies on companionship. A therapist helps you prepare, stays with you "
                "during the medicine session, and helps you make sense of it afterwards.</p>"
                "<p>Facing painful memories or feelings can take real courage. Nobody "
                "should be asked to do it without preparation, or faster than feels safe.</p>"
            ),
            heading("Humility about what we know"),
            text(
                "<p>Hanuman is remembered for his humility: great strength offered in "
                "devotion, not for his own glory. Humility matters in our work too. "
                "Ketamine can help some people with depression that has not lifted, but it "
                "does not help everyone, and scientists are still working out how it "
                "works.</p>"
            ),
            OFF_LABEL_NOTE,
            text(
                "<p>If a story like Hanuman's gives you hope or steadiness, you are welcome "
                "to bring it into your sessions. If it does not speak to you, that is fine "
                "too. Your therapy should fit your values, not ours.</p>"
            ),
        ],
    },
    {
        "slug": "can-a-synthetic-medicine-support-holistic-healing",
        "title": "Can a synthetic medicine support holistic healing?",
        "teaser": "Ketamine is made in a laboratory. Can it belong in care that looks at the "
        "whole person? Our medical director weighs the question.",
        "topic": "mind-body-and-spirit",
        "tags": ["Ketamine", "Holistic care"],
        "authors": ["Dr. Amara Okafor"],
        "date": datetime.date(2026, 11, 3),
        "body": [
            text(
                "<p>People sometimes ask us whether a medicine made in a laboratory can be "
                "part of holistic care. The question is fair. Holistic care means looking "
                "at the whole person: body, mind, relationships, meaning and daily life.</p>"
            ),
            heading("Where a medicine comes from is not what makes it holistic"),
            text(
                "<p>Ketamine was first made in the 1960s as an anaesthetic. Today it is "
                "also used, off-label and at much lower doses, for depression that has not "
                "improved with other treatment.</p>"
                "<p>Whether a treatment is holistic depends less on where it comes from and "
                "more on how it is used. A plant medicine given carelessly is not holistic. "
                "A synthetic medicine can be part of whole-person care when it is given "
                "with assessment, consent, monitoring and follow-up.</p>"
            ),
            heading("What we think is happening, with due caution"),
            text(
                "<p>Ketamine blocks a receptor in the brain called NMDA, part of the "
                "glutamate system. Researchers think the burst of glutamate activity that "
                "follows may help brain cells form new connections, sometimes called "
                "neuroplasticity. This is a leading idea, not a settled fact.</p>"
                "<p>Some people feel better within hours or days. The effect can also fade "
                "over days or weeks. That is one reason we pair treatment with therapy, "
                "sleep, movement and support from the people around you.</p>"
            ),
            checklist(
                "What whole-person care looks like here",
                [
                    "A full assessment by a psychiatrist before any treatment",
                    "Honest talk about risks, side effects and what is not known",
                    "Therapy before and after medicine sessions, if you choose KAP",
                    "Attention to sleep, movement, relationships and meaning",
                    "Working with your own doctor and therapist, with your consent",
                ],
                tone="positive",
            ),
            quote(
                "A medicine can open a window. What you do while it is open, and who is "
                "with you, matters just as much.",
                "Dr. Amara Okafor, MD",
            ),
            OFF_LABEL_NOTE,
        ],
    },
    {
        "slug": "a-short-history-of-trauma-from-freud-to-emdr-and-kap",
        "title": "A short history of trauma in psychology: from Freud's seduction theory to "
        "EMDR and KAP",
        "teaser": "How psychology first named trauma, looked away from it, and slowly learned "
        "to listen, with a look at where newer therapies fit.",
        "topic": "research-and-history",
        "tags": ["Trauma", "History", "EMDR"],
        "authors": ["Priya Natarajan"],
        "date": datetime.date(2026, 10, 21),
        "body": [
            text(
                "<p>The idea that painful events can shape the mind for years seems "
                "obvious now. It was not always so. The history of trauma in psychology is "
                "a story of discovery, doubt and rediscovery.</p>"
            ),
            heading("Freud's seduction theory, and why he dropped it"),
            text(
                "<p>In 1896, Sigmund Freud proposed that many of his patients' symptoms "
                "came from sexual abuse in childhood. Within about a year he had "
                "abandoned this idea. He came to explain many of these memories as "
                "fantasy instead.</p>"
                "<p>Historians still argue about why he changed his mind. Later critics "
                "said the change drew attention away from real abuse for decades. Around "
                "the same time, the French psychologist Pierre Janet was describing how "
                "overwhelming experiences can split off from ordinary awareness, an early "
                "account of what we now call dissociation.</p>"
            ),
            heading("War, and a name for trauma"),
            text(
                "<p>Soldiers in the First World War came home with what was called shell "
                "shock. It took until 1980 for post-traumatic stress disorder (PTSD) to "
                "appear in the American diagnostic manual. In the 1990s, the psychiatrist "
                "Judith Herman described how long-lasting, repeated trauma, often in "
                "childhood, can affect a person differently from a single event.</p>"
            ),
            heading("EMDR and newer approaches"),
            text(
                "<p>In the late 1980s, the psychologist Francine Shapiro developed eye "
                "movement desensitisation and reprocessing (EMDR). A person recalls a "
                "difficult memory while following side-to-side eye movements or other "
                "back-and-forth cues. EMDR is now recommended for PTSD by the World Health "
                "Organization and by several national guidelines.</p>"
                "<p>Ketamine-assisted psychotherapy (KAP) is much newer. Research on it is "
                "still early and studies are small. Some therapists use it carefully with "
                "people whose trauma has not eased with other therapy, always with "
                "preparation and integration sessions.</p>"
            ),
            quote(
                "The lesson of this history is simple: believe people, and go at a pace "
                "they can bear.",
                "Priya Natarajan, LMFT",
            ),
            callout(
                "info",
                "If this history touches something personal",
                "<p>Reading about trauma can stir up memories. Take a break if you need "
                "one, and talk to someone you trust.</p>",
            ),
        ],
    },
    {
        "slug": "kap-as-a-mind-body-and-spirit-approach",
        "title": "Ketamine-assisted psychotherapy as a mind, body and spirit approach",
        "teaser": "KAP is more than a medicine session. Here is how preparation, the body "
        "and questions of meaning each have a place in it.",
        "topic": "ketamine-assisted-psychotherapy",
        "tags": ["KAP", "Holistic care", "Embodiment"],
        "authors": ["Jonah Reyes"],
        "date": datetime.date(2026, 10, 7),
        "body": [
            text(
                "<p>Ketamine-assisted psychotherapy (KAP) pairs sessions with ketamine and "
                "talking therapy. People often describe it as working on three levels at "
                "once: thoughts and feelings, the body, and a sense of meaning. Here is how "
                "each has a place, without promising more than we know.</p>"
            ),
            heading("Mind"),
            text(
                "<p>Before any medicine session, you meet your therapist to talk about what "
                "you hope for and what worries you. After it, integration sessions help you "
                "make sense of what came up and turn it into small, real changes.</p>"
            ),
            heading("Body"),
            text(
                "<p>Ketamine affects the body as well as the mind. During a session your "
                "blood pressure and heart rate are checked, because they can rise. Some "
                "people feel dizzy, sick or sleepy, or feel detached from their body for a "
                "while. We also pay attention to breathing, rest and how you feel in your "
                "body in the days after.</p>"
            ),
            heading("Spirit"),
            text(
                "<p>Some people describe their sessions in spiritual terms: a sense of "
                "connection, awe or perspective. Others do not, and that is just as valid. "
                "We make room for whatever meaning you bring, without telling you what to "
                "believe. These experiences are personal; they are not a measure of whether "
                "treatment is working.</p>"
            ),
            steps(
                "A typical KAP course",
                [
                    (
                        "Assessment",
                        "<p>A psychiatrist checks whether ketamine is suitable for you.</p>",
                    ),
                    (
                        "Preparation",
                        "<p>One or more sessions with your therapist to set intentions.</p>",
                    ),
                    (
                        "Medicine sessions",
                        "<p>Ketamine with medical monitoring and your therapist present.</p>",
                    ),
                    (
                        "Integration",
                        "<p>Talking sessions to make sense of it and plan next steps.</p>",
                    ),
                ],
            ),
            callout(
                "warning",
                "KAP is not right for everyone",
                "<p>It is often not suitable for people with uncontrolled high blood "
                "pressure or some heart conditions, a history of psychosis or mania, active "
                "substance misuse, or during pregnancy. A clinician decides with you at "
                "assessment.</p>",
            ),
        ],
    },
    {
        "slug": "soul-retrieval-and-integration",
        "title": "Soul retrieval and integration: shamanic and psychological lenses",
        "teaser": "Some traditions speak of parts of the soul lost in hard times. Psychology "
        "speaks of dissociation and parts. What can each lens offer integration?",
        "topic": "integration",
        "tags": ["Integration", "Shamanism", "Dissociation"],
        "authors": ["Priya Natarajan"],
        "date": datetime.date(2026, 9, 24),
        "body": [
            text(
                "<p>Clients sometimes tell us that after a painful event they felt as if "
                "part of them went missing. This language appears in many places, from "
                "shamanic traditions to modern psychology. Looking through both lenses can "
                "help some people talk about integration.</p>"
            ),
            heading("The shamanic lens"),
            text(
                "<p>In some shamanic traditions, a shock or loss is said to cause part of "
                "the soul to leave. A practice called soul retrieval aims to welcome it "
                "back. Writers in the West brought the idea to a wider audience in the "
                "1980s and 1990s.</p>"
                "<p>We describe this as a perspective some people find meaningful. It is "
                "not a medical treatment, and we do not offer it as one.</p>"
            ),
            heading("The psychological lens"),
            text(
                "<p>Psychology describes something similar in other words. Dissociation "
                "means feeling cut off from your body, your feelings or your surroundings. "
                "It is a common way the mind protects itself during overwhelming "
                "experiences. Some therapies speak of different parts of the self that "
                "carry different memories and feelings.</p>"
            ),
            quote(
                "Whether you call it a lost part of the soul or a part of you that went "
                "quiet to keep you safe, the work is the same: gentle, patient welcome.",
                "Priya Natarajan, LMFT",
            ),
            heading("What integration can look like"),
            checklist(
                "Ways people integrate",
                [
                    "Writing or drawing what came up in a session",
                    "Talking it through with a therapist within a few days",
                    "Noticing which parts of you feel more present, and which need time",
                    "Small, concrete changes in daily life, at your own pace",
                ],
            ),
            callout(
                "info",
                "Ketamine and dissociation",
                "<p>Ketamine itself can cause dissociation for a while. For people who "
                "already dissociate a lot, we plan doses and sessions with extra care.</p>",
            ),
        ],
    },
    {
        "slug": "psycholytic-or-psychedelic-dosing-with-complex-dissociation",
        "title": "Psycholytic or psychedelic? Choosing a dose when someone lives with complex "
        "dissociation",
        "teaser": "Why lower, talk-friendly doses are often a better starting point for people "
        "who dissociate, and how we decide together.",
        "topic": "trauma-and-dissociation",
        "tags": ["Dosing", "Dissociation", "KAP"],
        "authors": ["Dr. Amara Okafor", "Jonah Reyes"],
        "date": datetime.date(2026, 9, 9),
        "body": [
            text(
                "<p>Two words come up often in ketamine-assisted psychotherapy: "
                "psycholytic and psychedelic. They describe different approaches to dose, "
                "and the difference matters a great deal for people who live with complex "
                "dissociation.</p>"
            ),
            heading("Two approaches"),
            text(
                "<p><b>Psycholytic</b> work uses lower doses. You stay able to talk, and "
                "the medicine may soften defences so that therapy can go deeper. The term "
                "comes from European psychotherapy in the 1950s and 1960s.</p>"
                "<p><b>Psychedelic</b> work uses higher doses that can bring a strong, "
                "inward experience, with little talking during the session. The work of "
                "making sense of it happens afterwards.</p>"
            ),
            heading("Why this matters for dissociation"),
            text(
                "<p>Complex dissociation often develops after long-lasting trauma. A person "
                "may lose time, feel unreal, or feel that parts of them act on their own. "
                "Ketamine can add its own dissociation on top. At higher doses, that can "
                "feel frightening or disconnected rather than helpful.</p>"
                "<p>For this reason, we usually start low with clients who dissociate. "
                "Staying in contact with the therapist helps a person stay within what is "
                "sometimes called the window of tolerance.</p>"
            ),
            quote(
                "Going slower is not doing less. For many people it is what makes the work "
                "possible at all.",
                "Jonah Reyes, PsyD",
            ),
            checklist(
                "What we weigh together",
                [
                    "How often you dissociate, and what helps you come back",
                    "Your experience of therapy so far",
                    "Your blood pressure, heart health and other medicines",
                    "What you want from treatment, and what worries you",
                ],
            ),
            callout(
                "warning",
                "Doses are a medical decision",
                "<p>Your psychiatrist sets the dose and route after assessment and adjusts "
                "them with you. Never take ketamine outside supervised care.</p>",
            ),
        ],
    },
    {
        "slug": "how-dose-shapes-the-ketamine-experience",
        "title": "Psycholytic, psychedelic, anaesthetic: how dose shapes the ketamine experience",
        "teaser": "The same medicine can feel very different depending on the dose. Our "
        "infusion lead explains the ranges and why we stay well below anaesthesia.",
        "topic": "ketamine-assisted-psychotherapy",
        "tags": ["Dosing", "Ketamine", "Safety"],
        "authors": ["Dr. Lena Whitfield"],
        "date": datetime.date(2026, 8, 26),
        "review": True,
        "body": [
            text(
                "<p>Ketamine is unusual: the same medicine can relieve pain, change "
                "perception or put a person under anaesthesia, depending on the dose. "
                "Understanding these ranges helps you know what to expect.</p>"
            ),
            heading("Three broad ranges"),
            checklist(
                "From lowest to highest",
                [
                    "Psycholytic: low doses; you stay aware and can usually talk",
                    "Psychedelic: higher doses; a stronger inward, dreamlike experience",
                    "Anaesthetic: much higher doses used in surgery; never used in our "
                    "depression care",
                ],
            ),
            text(
                "<p>These ranges overlap, and people respond differently. Body weight, "
                "the route (for example into a vein, into a muscle or under the tongue), "
                "other medicines and even sleep the night before can all make a "
                "difference.</p>"
            ),
            heading("What you might notice"),
            text(
                "<p>At lower doses, people often feel relaxed, a little floaty, or notice "
                "that sounds and colours change. At higher doses, many people feel "
                "detached from their body or surroundings. This is called dissociation and "
                "usually passes within an hour or two.</p>"
                "<p>Common side effects include dizziness, nausea, sleepiness and a rise "
                "in blood pressure and heart rate during the session. That is why a doctor "
                "or nurse watches you throughout.</p>"
            ),
            quote(
                "More is not better. The right dose is the lowest one that lets the work "
                "happen safely.",
                "Dr. Lena Whitfield, MD",
            ),
            callout(
                "warning",
                "Never at home without monitoring",
                "<p>In 2023 the US Food and Drug Administration warned about compounded "
                "ketamine taken at home without monitoring. Repeated or unsupervised use "
                "carries risks, including misuse and bladder problems.</p>",
            ),
            OFF_LABEL_NOTE,
        ],
    },
    {
        "slug": "what-might-be-lost-with-non-hallucinogenic-psychedelics",
        "title": "What might be lost when psychedelics are made non-hallucinogenic?",
        "teaser": "Scientists are designing compounds that may change the brain without the "
        "trip. It is a promising idea, and it raises a real question about experience.",
        "topic": "research-and-history",
        "tags": ["Research", "Neuroplasticity"],
        "authors": ["Dr. Amara Okafor"],
        "date": datetime.date(2026, 8, 12),
        "body": [
            text(
                "<p>Several research groups are trying to design medicines that keep some "
                "of the brain effects of psychedelics while removing the hallucinations. "
                "The hope is a treatment that is easier to give and does not need hours of "
                "supervision.</p>"
            ),
            heading("Where the research stands"),
            text(
                "<p>Early studies, mostly in animals, suggest some of these compounds can "
                "encourage brain cells to grow new connections. Whether that will help "
                "people with depression is not yet known. Human trials are at an early "
                "stage.</p>"
            ),
            heading("The question of experience"),
            text(
                "<p>Researchers disagree about how much the experience itself matters. "
                "Some argue that the insight, emotion and meaning people report are part "
                "of how these treatments help. Others think the changes in the brain may "
                "be enough on their own.</p>"
                "<p>Both could be partly right, and the answer may differ from person to "
                "person. At present nobody can say for certain.</p>"
            ),
            quote(
                "If the experience turns out not to matter, that will be good news for "
                "access. If it does matter, we should be careful not to engineer it away.",
                "Dr. Amara Okafor, MD",
            ),
            heading("What this means for ketamine care now"),
            text(
                "<p>Ketamine's dissociative effects are part of the experience of "
                "treatment today. In ketamine-assisted psychotherapy we use them as a "
                "chance for reflection, supported by a therapist. In infusion treatment, "
                "they are a side effect we monitor and help you through.</p>"
            ),
            callout(
                "info",
                "Reading research news",
                "<p>A result in mice is a first step, not a treatment. If you read about a "
                "new compound, ask your clinician what stage the research has reached.</p>",
            ),
        ],
    },
    {
        "slug": "ceremony-and-ketamine-assisted-psychotherapy",
        "title": "Ceremony and ketamine-assisted psychotherapy",
        "teaser": "Simple rituals of opening and closing can help a session feel held. Here is "
        "how we use ceremony with care, and what we avoid.",
        "topic": "mind-body-and-spirit",
        "tags": ["Ceremony", "KAP", "Set and setting"],
        "authors": ["Jonah Reyes"],
        "date": datetime.date(2026, 7, 29),
        "body": [
            text(
                "<p>Every ketamine session has a setting: the room, the music, the people "
                "present and the way the session begins and ends. Some clients ask for a "
                "more ceremonial approach. By ceremony we mean simple, intentional "
                "rituals, not a religious rite.</p>"
            ),
            heading("Set and setting"),
            text(
                "<p>Researchers have long used the phrase set and setting. Set is your "
                "mindset: hopes, fears and intentions. Setting is the world around you "
                "during the session. Both seem to shape the experience, and ceremony is "
                "one way of attending to them with care.</p>"
            ),
            steps(
                "What a ceremonial session may include",
                [
                    ("Opening", "<p>A moment to arrive and say your intention aloud.</p>"),
                    (
                        "The medicine session",
                        "<p>Music you have chosen, with medical monitoring throughout.</p>",
                    ),
                    (
                        "Closing",
                        "<p>A quiet return, a drink of water, and a few words or a drawing.</p>",
                    ),
                ],
            ),
            quote(
                "Ceremony is a way of saying: this time matters, and you are not alone in it.",
                "Jonah Reyes, PsyD",
            ),
            heading("Respect, not borrowing"),
            text(
                "<p>Many cultures have their own healing ceremonies, often with deep roots "
                "and meaning. We do not copy sacred practices from traditions we do not "
                "belong to. Instead, we help you shape rituals from your own life and "
                "values, or none at all if you prefer.</p>"
            ),
            callout(
                "warning",
                "Safety comes first, always",
                "<p>A ceremonial session is still a medical session: your blood pressure "
                "and heart rate are checked, and someone else takes you home "
                "afterwards.</p>",
            ),
        ],
    },
    {
        "slug": "kap-and-ketamine-infusions-how-they-differ",
        "title": "Ketamine-assisted psychotherapy and ketamine infusions: how they differ",
        "teaser": "Both use ketamine, but one is a medical treatment and the other combines "
        "medicine with therapy. A side-by-side guide to help you ask the right questions.",
        "topic": "ketamine-assisted-psychotherapy",
        "tags": ["KAP", "Infusions", "Ketamine"],
        "authors": ["Dr. Lena Whitfield", "Jonah Reyes"],
        "date": datetime.date(2026, 7, 15),
        "review": True,
        "body": [
            text(
                "<p>People often ask whether they should try ketamine infusions or "
                "ketamine-assisted psychotherapy (KAP). They share a medicine but differ "
                "in purpose, structure and support.</p>"
            ),
            heading("Ketamine infusions"),
            text(
                "<p>An infusion gives a low dose of ketamine into a vein, usually over "
                "about 40 to 60 minutes, followed by time to recover. A typical course is "
                "several sessions over two to three weeks, sometimes followed by booster "
                "sessions. A doctor or nurse monitors you throughout. An infusion on its "
                "own does not include therapy.</p>"
            ),
            heading("Ketamine-assisted psychotherapy"),
            text(
                "<p>KAP combines ketamine sessions with preparation and integration "
                "sessions with a therapist. The therapist is present during the medicine "
                "session as well. The aim is to use the experience as part of a wider "
                "therapy, not only to lift mood.</p>"
                "<p>Research on KAP is still early, with mostly small studies. Research on "
                "infusions for depression is larger, although most studies follow people "
                "for weeks rather than years.</p>"
            ),
            checklist(
                "Questions to ask any clinic",
                [
                    "Who assesses me, and who decides whether it suits me?",
                    "Who monitors me during each session?",
                    "Is therapy part of the plan, before and after?",
                    "What happens if the benefit fades?",
                    "What does the whole course cost?",
                ],
            ),
            quote(
                "The best choice depends on what you need: quick relief, deeper therapy, "
                "or a plan that brings both together over time.",
                "Dr. Lena Whitfield, MD",
            ),
            OFF_LABEL_NOTE,
            callout(
                "warning",
                "After any session",
                "<p>Do not drive until the next day. Someone else needs to take you home.</p>",
            ),
        ],
    },
    {
        "slug": "a-new-decade-growth-and-emdr",
        "title": "A new decade: a therapist's reflection on growth and EMDR",
        "teaser": "Turning a new decade made one of our therapists look back at what EMDR has "
        "taught her about change, patience and being a beginner again.",
        "topic": "therapy-approaches",
        "tags": ["EMDR", "Reflection"],
        "authors": ["Priya Natarajan"],
        "date": datetime.date(2026, 6, 24),
        "body": [
            text(
                "<p>This year I turned forty. Birthdays ending in zero have a way of "
                "making you look back. Mine made me think about the ten years I have spent "
                "learning and practising EMDR, and what it has taught me about growth.</p>"
            ),
            heading("What EMDR is"),
            text(
                "<p>Eye movement desensitisation and reprocessing (EMDR) is a therapy for "
                "the effects of trauma. You hold a painful memory in mind while following "
                "side-to-side eye movements, sounds or taps. Over several sessions, many "
                "people find the memory becomes less distressing. It is one of the "
                "therapies recommended for post-traumatic stress disorder.</p>"
            ),
            heading("What it taught me"),
            text(
                "<p>The first lesson was patience. Change in EMDR often comes in small "
                "shifts rather than breakthroughs. The second was trust: trusting the "
                "client's own mind to find its way, and not rushing to fill silences.</p>"
                "<p>The third lesson was about being a beginner. Every client teaches me "
                "something new. Growth, I have learned, does not stop at any decade.</p>"
            ),
            quote(
                "I used to think growth meant getting somewhere. Now I think it means "
                "staying curious.",
                "Priya Natarajan, LMFT",
            ),
            checklist(
                "Intentions for the next ten years",
                [
                    "Keep learning from clients and colleagues",
                    "Rest, so that I can stay present for others",
                    "Say 'I don't know' when I don't",
                ],
            ),
            callout(
                "info",
                "Thinking about EMDR?",
                "<p>EMDR should be offered by a trained therapist after a careful "
                "assessment, especially if you dissociate or have experienced long-lasting "
                "trauma.</p>",
            ),
        ],
    },
    {
        "slug": "an-introduction-to-acceptance-and-commitment-therapy",
        "title": "An introduction to Acceptance and Commitment Therapy",
        "teaser": "ACT helps people make room for difficult thoughts and feelings while moving "
        "towards what matters to them. Here are its core ideas in plain words.",
        "topic": "therapy-approaches",
        "tags": ["ACT", "Mindfulness", "Values"],
        "authors": ["Jonah Reyes"],
        "date": datetime.date(2026, 6, 3),
        "body": [
            text(
                "<p>Acceptance and Commitment Therapy, usually called ACT and said like "
                "the word 'act', is a talking therapy developed by the psychologist Steven "
                "Hayes and colleagues from the 1980s. It is used for depression, anxiety, "
                "long-term pain and more.</p>"
            ),
            heading("The main idea"),
            text(
                "<p>ACT does not try to get rid of painful thoughts and feelings. Instead, "
                "it helps you hold them more lightly, so that they have less power over "
                "what you do. The goal is psychological flexibility: staying open and "
                "present while acting on what matters to you.</p>"
            ),
            checklist(
                "Six core skills",
                [
                    "Acceptance: making room for feelings instead of fighting them",
                    "Defusion: seeing thoughts as thoughts, not facts",
                    "Being present: noticing what is happening now",
                    "Self as context: a sense of self bigger than any one feeling",
                    "Values: knowing what matters to you",
                    "Committed action: taking steps towards those values",
                ],
            ),
            quote(
                "You do not have to feel ready to take a step that matters to you.",
                "Jonah Reyes, PsyD",
            ),
            heading("ACT and ketamine treatment"),
            text(
                "<p>Some of our therapists use ACT in integration sessions. After a "
                "ketamine session, people sometimes feel a little more distance from old "
                "thoughts. ACT offers words and practices for that distance, and for "
                "turning it into action.</p>"
            ),
            crisis_help(),
        ],
    },
]


def load(home_page):
    """Create the article index, topics and articles unless they exist. Safe to run again."""
    index = get_or_create_child(
        home_page,
        ArticleIndexPage,
        slug="articles",
        title="Articles",
        show_in_menus=True,
        intro="Writing from our psychiatrists and therapists on ketamine treatment, "
        "therapy, trauma and integration.",
    )

    topics = {}
    for slug, name, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    people = {person.name: person for person in Person.objects.all()}
    reviewer = people.get("Dr. Amara Okafor")

    for number, data in enumerate(ARTICLES):
        if ArticlePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            teaser=data["teaser"],
            date=data["date"],
            topic=topics[data["topic"]],
            hero_image=hero_image(number, data["title"]),
            body=data["body"],
        )
        if data.get("review") and reviewer:
            article.last_reviewed = datetime.date(2026, 10, 1)
            article.next_review_due = datetime.date(2027, 10, 1)
            article.reviewer = reviewer
        article.authors = [
            ArticleAuthor(person=people[name], sort_order=order)
            for order, name in enumerate(data["authors"])
            if name in people
        ]
        article.tags.add(*data["tags"])
        index.add_child(instance=article)
        article.save_revision().publish()
    return index


def hero_image(number, title):
    """A calm abstract picture made with Pillow (no downloads); reused when it exists."""
    Image = get_image_model()
    image_title = f"Abstract article illustration {number + 1}"
    existing = Image.objects.filter(title=image_title).first()
    if existing:
        return existing
    background, colours = PALETTES[number % len(PALETTES)]
    rng = random.Random(number)  # the same picture on every machine
    # Drawn and blurred at a quarter of the size, then enlarged: smooth, and quick to make.
    width, height = 400, 250
    canvas = PILImage.new("RGB", (width, height), background)
    layer = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(layer)
    for shape in range(7):
        colour = colours[shape % len(colours)]
        radius = rng.randint(40, 105)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    layer = layer.filter(ImageFilter.GaussianBlur(22))
    canvas = PILImage.blend(canvas, layer, 0.9).resize((1600, 1000), PILImage.Resampling.BICUBIC)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=86)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:40].strip("-")
    return Image.objects.create(
        title=image_title,
        file=ImageFile(buffer, name=f"article-{number + 1}-{slug}.jpg"),
    )
