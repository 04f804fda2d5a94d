"""Demo content for the treatments section: an index and three treatment pages.

Written for a fictional clinic, in plain words, cautious about what is and is not known.
Pictures are calm abstract gradients drawn here with Pillow: nothing is downloaded.
"""

import datetime

from clinic import demo
from clinic.demo import callout, checklist, get_or_create_child, heading, paragraph, steps
from clinic.models import MedicalDisclaimer, Person

from .models import TreatmentIndexPage, TreatmentPage

REVIEWER = "Dr. Amara Okafor"
LAST_REVIEWED = datetime.date(2026, 9, 14)

DISCLAIMER = (
    "<p>This page gives general information about treatments offered at Northbridge Mind "
    "Clinic, a fictional clinic. It is not medical advice and does not replace a conversation "
    "with your own doctor. Whether a treatment is right for you can only be decided after a "
    "full assessment.</p>"
)

# (title, top colour, bottom colour, accent colour) for each generated picture.
PICTURES = {
    "infusion": ("Soft morning light, abstract", (214, 232, 228), (246, 240, 228), (170, 205, 198)),
    "kap": ("Two overlapping circles, abstract", (228, 224, 240), (244, 238, 230), (190, 205, 222)),
    "esketamine": ("Calm horizon, abstract", (222, 234, 242), (243, 239, 231), (196, 214, 204)),
    "room": (
        "A quiet room in warm tones, abstract",
        (238, 228, 214),
        (226, 236, 232),
        (210, 190, 168),
    ),
}


def get_or_create_picture(key):
    title, top, bottom, accent = PICTURES[key]
    return demo.get_or_create_picture(title, top, bottom, accent, f"treatment-{key}.jpg")


def faq(items, title="Questions people ask"):
    return (
        "faq",
        {
            "heading": title,
            "heading_level": "h2",
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items],
        },
    )


def table(caption, headings, rows):
    return (
        "table",
        {
            "caption": caption,
            "columns": [{"type": "text", "heading": h} for h in headings],
            "rows": [{"values": list(row)} for row in rows],
        },
    )


CRISIS = (
    "crisis_help",
    {
        "heading": "If you are in crisis now",
        "text": "Ketamine treatment is not an emergency service. If you are thinking about "
        "suicide or may harm yourself, get help straight away.",
    },
)


def infusion_body(room_image):
    return [
        heading("What it is"),
        paragraph(
            "<p>Ketamine is a medicine that doctors have used for many years as an "
            "anaesthetic, to put people to sleep for surgery.</p>"
            "<p>At much lower doses, given slowly into a vein, it is also used to treat "
            "depression. This use is <b>off-label</b>: ketamine is not approved for depression, "
            "so it is only given by doctors who take responsibility for it, under medical "
            "supervision.</p>"
        ),
        heading("How it is thought to work"),
        paragraph(
            "<p>Ketamine blocks a receptor in the brain called the NMDA receptor. This changes "
            "the activity of glutamate, one of the brain's main chemical messengers.</p>"
            "<p>Researchers think this burst of glutamate activity may help brain cells grow "
            "new connections, known as synapses. The brain's ability to make such changes is "
            "called neuroplasticity.</p>"
            "<p>This explanation is still being studied. Scientists do not yet fully understand "
            "why ketamine helps some people and not others.</p>"
        ),
        paragraph(
            "<p>Some people notice their mood lift within hours or days. Typical "
            "antidepressant tablets usually take several weeks. The effect of ketamine can "
            "fade over days or weeks, which is why it is given as a course and combined with "
            "other care.</p>"
        ),
        (
            "image",
            {
                "image": room_image,
                "alt_text": "",
                "decorative": True,
                "caption": "Sessions take place in a quiet, private room.",
            },
        ),
        checklist(
            "Who it may help",
            [
                "Adults with treatment-resistant depression: depression that has not improved "
                "after at least two antidepressants taken at a good dose for long enough",
                "People going through a severe episode of depression",
                "People with suicidal thoughts, as part of close, ongoing care from a "
                "psychiatric team",
            ],
            tone="positive",
        ),
        checklist(
            "Who it may not suit",
            [
                "People with high blood pressure that is not under control, or some heart "
                "conditions",
                "People who have had psychosis or mania",
                "People with a current or past problem with drugs or alcohol",
                "People who are pregnant",
            ],
            tone="caution",
        ),
        paragraph(
            "<p>This is not a full list. Your psychiatrist will go through your health with "
            "you at your assessment and explain whether ketamine is a reasonable option.</p>"
        ),
        steps(
            "What to expect",
            [
                (
                    "An assessment first",
                    "<p>A psychiatrist talks with you about your depression, the treatments you "
                    "have tried, your physical health and your medicines. You decide together "
                    "whether to go ahead.</p>",
                ),
                (
                    "Each session",
                    "<p>You rest in a reclining chair while ketamine is given through a drip for "
                    "about 40 to 60 minutes. A nurse checks your blood pressure, heart rate and "
                    "breathing throughout.</p>",
                ),
                (
                    "Recovery",
                    "<p>You stay with us until the effects wear off, usually about an hour. "
                    "Someone else must take you home, and you should not drive until the next "
                    "day.</p>",
                ),
                (
                    "A course over several weeks",
                    "<p>A first course is usually around six sessions over two to three weeks. "
                    "Some people later have occasional booster sessions, if they help.</p>",
                ),
            ],
        ),
        callout(
            "warning",
            "You must not drive after a session",
            "<p>Ketamine affects your judgement and coordination for several hours. Arrange "
            "for someone to collect you, and do not drive or use machinery until the next "
            "day.</p>",
        ),
        heading("Side effects and risks"),
        paragraph(
            "<p>During and soon after a session, many people feel:</p>"
            "<ul><li>detached or unreal, as if watching themselves (this is called "
            "dissociation)</li><li>dizzy or light-headed</li><li>sick (nauseous)</li>"
            "<li>sleepy</li></ul>"
            "<p>Blood pressure and heart rate usually rise for a while, which is why we "
            "monitor you. These effects usually pass within an hour or two.</p>"
            "<p>Ketamine can be misused, and taking it often or without supervision can cause "
            "bladder problems. In 2023 the US Food and Drug Administration warned against "
            "taking compounded ketamine at home without monitoring.</p>"
        ),
        heading("Why it works best with other care"),
        paragraph(
            "<p>Ketamine is not a cure on its own. Many people do best when it is one part of "
            "a wider plan that may include:</p>"
            "<ul><li>talking therapy, such as cognitive behavioural therapy (CBT)</li>"
            "<li>reviewing your other medicines with your psychiatrist</li>"
            "<li>changes to sleep, activity and daily routine</li></ul>"
        ),
        (
            "quote",
            {
                "quote": "The first few sessions gave me some breathing space. The work I did "
                "with my therapist afterwards is what helped me use it.",
                "attribution": "A patient in his fifties (a fictional example)",
                "shared_with_consent": True,
            },
        ),
        heading("Cost and insurance"),
        table(
            "Example fees at this fictional clinic (US dollars)",
            ["Item", "Fee", "Insurance"],
            [
                ("Psychiatric assessment", "$350", "Often covered, depending on your plan"),
                ("One infusion session", "$450", "Often not covered, as the use is off-label"),
                ("Follow-up appointment", "$150", "Often covered, depending on your plan"),
            ],
        ),
        paragraph(
            "<p>We give you a written estimate before you start. Ask your insurer what they "
            "cover, and we can provide the paperwork you need.</p>"
        ),
        faq(
            [
                (
                    "Will ketamine work for me?",
                    "Nobody can promise that. Ketamine helps some people and not others, and "
                    "there is no test that can tell in advance. We review your progress with "
                    "you after the first few sessions.",
                ),
                (
                    "Do I need to stop my other medicines?",
                    "Usually not, but some medicines can interact with ketamine. Your "
                    "psychiatrist will check everything you take at your assessment.",
                ),
                (
                    "Is ketamine addictive?",
                    "Ketamine can be misused. The risk is lower when small doses are given in a "
                    "clinic under supervision, but we always ask about past drug and alcohol "
                    "use.",
                ),
                (
                    "Can I eat before a session?",
                    "We ask you not to eat for a few hours beforehand, to lower the chance of "
                    "feeling sick. We will give you clear instructions.",
                ),
            ]
        ),
        heading("How to find qualified care"),
        paragraph(
            "<p>Whether you come to us or go elsewhere, look for a service where:</p>"
            "<ul><li>a psychiatrist assesses you before any treatment</li>"
            "<li>a doctor or nurse monitors every session</li>"
            "<li>you get follow-up care and support, not infusions alone</li>"
            "<li>fees and risks are explained plainly in writing</li></ul>"
        ),
        (
            "video",
            {
                "video": "https://www.youtube.com/user/NIMHgov",
                "title": "Videos about depression from the US National Institute of Mental "
                "Health (NIMH)",
                "description": "General information about depression and its treatment, from "
                "a public research institute.",
            },
        ),
        CRISIS,
    ]


def kap_body(index):
    return [
        heading("What it is"),
        paragraph(
            "<p>Ketamine-assisted psychotherapy, often shortened to KAP, combines ketamine "
            "sessions with talking therapy.</p>"
            "<p>You meet a therapist before your ketamine sessions to prepare, and afterwards "
            "to make sense of what came up. This is sometimes called integration.</p>"
        ),
        callout(
            "info",
            "How KAP differs from an infusion",
            "<p>An infusion course on its own is a medical treatment: it does not include "
            "therapy. In KAP, therapy sessions are part of the plan from the start, and the "
            "ketamine sessions are planned around them.</p>",
        ),
        table(
            "KAP compared with an infusion course",
            ["What differs", "Infusion course", "Ketamine-assisted psychotherapy"],
            [
                ("Main aim", "Ease symptoms of depression", "Ease symptoms and support therapy"),
                ("Therapy included", "No, arranged separately", "Yes, before and after"),
                (
                    "How ketamine is given",
                    "Through a drip into a vein",
                    "Through a drip, an injection into a muscle, or a lozenge",
                ),
                ("Who is with you", "A nurse and a doctor nearby", "A therapist and medical staff"),
            ],
        ),
        checklist(
            "Who it may help",
            [
                "Adults with depression that has not improved with other treatment",
                "People who want to explore the thoughts and feelings that come up during "
                "treatment with a therapist",
            ],
            tone="positive",
        ),
        checklist(
            "Who it may not suit",
            [
                "People who have had psychosis or mania",
                "People with high blood pressure that is not under control, or some heart "
                "conditions",
                "People with a current or past problem with drugs or alcohol",
                "People who are pregnant",
            ],
            tone="caution",
        ),
        steps(
            "What to expect",
            [
                (
                    "Assessment",
                    "<p>A psychiatrist checks your physical and mental health and whether KAP "
                    "is likely to be suitable.</p>",
                ),
                (
                    "Preparation",
                    "<p>One or two sessions with your therapist to agree what you hope for, and "
                    "what to do if the experience feels uncomfortable.</p>",
                ),
                (
                    "Ketamine sessions",
                    "<p>Your therapist stays with you while a nurse monitors your blood pressure "
                    "and heart rate.</p>",
                ),
                (
                    "Integration",
                    "<p>Talking sessions in the days after, to reflect on what came up and how to "
                    "use it in daily life.</p>",
                ),
            ],
        ),
        heading("Side effects and risks"),
        paragraph(
            "<p>The side effects are the same as for other ketamine treatment: feeling "
            "detached or unreal, dizziness, feeling sick, sleepiness, and a rise in blood "
            "pressure and heart rate during the session. Some people find the experience "
            "upsetting. Your therapist will help you prepare for that.</p>"
        ),
        (
            "quote",
            {
                "quote": "Having my therapist there before and after made the sessions feel "
                "less strange, and gave me something to work with.",
                "attribution": "A patient in her thirties (a fictional example)",
                "shared_with_consent": True,
            },
        ),
        faq(
            [
                (
                    "How many sessions will I need?",
                    "It varies. A typical plan is a few ketamine sessions, each with "
                    "preparation and integration sessions around it. We review it with you as "
                    "you go.",
                ),
                (
                    "Can I keep seeing my own therapist?",
                    "Yes. With your permission, we can share information with them so your "
                    "care fits together.",
                ),
            ]
        ),
        (
            "call_to_action",
            {
                "heading": "Not sure which treatment to ask about?",
                "text": "You do not need to decide before you contact us. Your psychiatrist "
                "will talk through the options with you.",
                "page": index,
                "url": "",
                "button_text": "See all treatments",
            },
        ),
        CRISIS,
    ]


def esketamine_body():
    return [
        heading("What it is"),
        paragraph(
            "<p>Esketamine is a medicine closely related to ketamine. It is given as a nasal "
            "spray, under the brand name Spravato.</p>"
            "<p>In 2019 the US Food and Drug Administration approved it for adults with "
            "treatment-resistant depression, taken together with an antidepressant tablet. "
            "Unlike ketamine infusions, this is an approved use.</p>"
        ),
        callout(
            "warning",
            "Only in a certified clinic",
            "<p>Esketamine is never given to take home. You use the spray yourself, in a "
            "certified healthcare setting, under a restricted safety programme. Staff watch "
            "you for at least two hours after each dose.</p>",
        ),
        checklist(
            "Who it may help",
            [
                "Adults whose depression has not improved after at least two antidepressants",
                "People who can attend the clinic regularly and arrange a lift home",
            ],
            tone="positive",
        ),
        checklist(
            "Who it may not suit",
            [
                "People with some blood vessel conditions, such as an aneurysm",
                "People who have had bleeding in the brain",
                "People with high blood pressure that is not under control",
                "People who have had psychosis, or a problem with drugs or alcohol",
                "People who are pregnant",
            ],
            tone="caution",
        ),
        steps(
            "What to expect",
            [
                (
                    "Assessment",
                    "<p>A psychiatrist checks whether esketamine is suitable and that you are "
                    "taking an antidepressant tablet.</p>",
                ),
                (
                    "Each treatment day",
                    "<p>You use the spray yourself, with a nurse guiding you. We check your blood "
                    "pressure before and after.</p>",
                ),
                (
                    "At least two hours of monitoring",
                    "<p>You rest at the clinic until staff agree you are ready to leave. Someone "
                    "else must take you home.</p>",
                ),
                (
                    "How often",
                    "<p>Usually twice a week at first, then less often, as your psychiatrist "
                    "advises.</p>",
                ),
            ],
        ),
        heading("Side effects and risks"),
        paragraph(
            "<p>Common side effects include feeling detached or unreal, dizziness, feeling "
            "sick, sleepiness, and a rise in blood pressure. They usually ease on the same "
            "day. Like ketamine, esketamine can be misused, which is why it is only given in "
            "certified settings.</p>"
        ),
        heading("Cost and insurance"),
        paragraph(
            "<p>Because esketamine is approved for treatment-resistant depression, many "
            "insurance plans cover at least part of the cost, often after a prior "
            "authorisation. We help you with the paperwork.</p>"
        ),
        faq(
            [
                (
                    "Is esketamine the same as ketamine?",
                    "They are closely related. Esketamine is one of the two mirror-image forms "
                    "that make up ketamine. It is given differently and is approved for "
                    "treatment-resistant depression.",
                ),
                (
                    "Can I drive home?",
                    "No. You should not drive until the next day after a proper night's sleep.",
                ),
            ]
        ),
        CRISIS,
    ]


TREATMENTS = [
    {
        "slug": "ketamine-infusion-therapy",
        "title": "Ketamine infusion therapy for treatment-resistant depression",
        "picture": "infusion",
        "summary": "Low-dose ketamine given through a drip under medical supervision, for "
        "depression that has not improved with other treatments. An off-label use that can "
        "work within hours or days for some people.",
        "delivery_methods": ["iv-infusion"],
        "session_length": "About 40 to 60 minutes, plus about an hour to recover",
        "typical_course": "Around six sessions over two to three weeks; boosters if needed",
    },
    {
        "slug": "ketamine-assisted-psychotherapy",
        "title": "Ketamine-assisted psychotherapy (KAP)",
        "picture": "kap",
        "summary": "Ketamine sessions combined with preparation and integration sessions with "
        "a therapist. How it works, who it may suit, and how it differs from an infusion "
        "course.",
        "delivery_methods": ["iv-infusion", "intramuscular", "oral-lozenge", "talking-therapy"],
        "session_length": "Ketamine sessions of 1 to 2 hours; therapy sessions of 50 minutes",
        "typical_course": "A few ketamine sessions over four to eight weeks, with therapy",
    },
    {
        "slug": "esketamine-nasal-spray",
        "title": "Esketamine nasal spray",
        "picture": "esketamine",
        "summary": "An approved treatment for treatment-resistant depression in adults, used "
        "with an antidepressant tablet and given only in a certified clinic, with at least "
        "two hours of monitoring.",
        "delivery_methods": ["nasal-spray"],
        "session_length": "A few minutes for the spray, then at least two hours of monitoring",
        "typical_course": "Twice a week at first, then weekly or less often",
    },
]


def load(home_page):
    """Create the treatments section once. Running it again changes nothing."""
    reviewer = Person.objects.filter(name=REVIEWER).first()
    if not MedicalDisclaimer.objects.exists():
        MedicalDisclaimer.objects.create(title="About this information", text=DISCLAIMER)

    index = get_or_create_child(
        home_page,
        TreatmentIndexPage,
        slug="treatments",
        title="Treatments",
        show_in_menus=True,
        intro="The treatments we offer for depression that has not lifted, what each "
        "involves, and who it may and may not suit.",
    )

    room = get_or_create_picture("room")
    bodies = {
        "ketamine-infusion-therapy": lambda: infusion_body(room),
        "ketamine-assisted-psychotherapy": lambda: kap_body(index),
        "esketamine-nasal-spray": esketamine_body,
    }
    pages = {}
    for data in TREATMENTS:
        data = dict(data)
        slug = data.pop("slug")
        page = TreatmentPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = TreatmentPage(
                slug=slug,
                hero_image=get_or_create_picture(data.pop("picture")),
                body=bodies[slug](),
                last_reviewed=LAST_REVIEWED,
                reviewer=reviewer,
                **{k: v for k, v in data.items() if k != "picture"},
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        pages[slug] = page

    link_pages(index, pages)
    feature_on_home_page(home_page, list(pages.values()))
    return index


def link_pages(index, pages):
    """Related treatments and the blocks that point at other pages, once every page exists."""
    infusion = pages["ketamine-infusion-therapy"]
    kap = pages["ketamine-assisted-psychotherapy"]
    esketamine = pages["esketamine-nasal-spray"]
    # The plain pages that home.demo made (about, contact), found by slug: no import of home.
    home_page = index.get_parent()
    clinic_pages = [
        page.specific
        for page in home_page.get_children().live().filter(slug__in=["about", "contact"])
    ] or [kap, esketamine]
    for page, related in [
        (infusion, [kap, esketamine]),
        (kap, [infusion]),
        (esketamine, [infusion]),
    ]:
        page = TreatmentPage.objects.get(pk=page.pk)
        if page.related_treatments.exists():
            continue
        for order, treatment in enumerate(related):
            page.related_treatments.add(
                page.related_treatments.model(treatment=treatment, sort_order=order)
            )
        if page.pk == infusion.pk:
            # Before the closing crisis-help block.
            page.body.insert(
                len(page.body) - 1,
                (
                    "related_pages",
                    {
                        "heading": "More about the clinic",
                        "heading_level": "h2",
                        "pages": clinic_pages,
                    },
                ),
            )
        page.save_revision().publish()


def feature_on_home_page(home_page, pages):
    if home_page.featured_treatments.exists():
        return
    for order, page in enumerate(pages):
        home_page.featured_treatments.add(
            home_page.featured_treatments.model(page=page, sort_order=order)
        )
    home_page.save_revision().publish()
