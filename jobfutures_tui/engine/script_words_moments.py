"""Built-in words for the moments of a relationship: asking for names, offering
a candidate, picking up an old thread, answering an opening, finding the
manager, and the close of any call.

Each fits the channels it names and no other, and never mentions another
channel: the person may not have it.
"""

from __future__ import annotations

from jobfutures_tui.engine.script_builtin import (
    CALL,
    DEAR,
    EMAIL,
    FACE,
    HI,
    LETTER,
    LINKEDIN,
    PITCH,
    SHORT,
    VOICEMAIL,
    BuiltIn,
    short,
    written,
)
from jobfutures_tui.models import TouchKind

K = TouchKind

REFERRAL_ASKS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "referral-ask",
        "Asking for other managers",
        K.REFERRAL_ASK,
        EMAIL,
        "Ask for one or two names elsewhere, never for a job.",
        written(
            HI,
            "I know the timing isn't right at {company}, and I'm happy to wait for the right "
            "moment there. May I ask a small favour meanwhile? Are there one or two managers "
            "at other companies, people you respect, who might enjoy a conversation with me? "
            "I'd say you suggested them, and I'd let you know how it goes.",
            sign="Thank you for thinking about it,",
            subject="A small favour",
        ),
    ),
    BuiltIn(
        "referral-ask-note",
        "Asking for names: short",
        K.REFERRAL_ASK,
        LINKEDIN,
        "The favour in two lines: one or two names elsewhere.",
        short(
            "Hi {first_name}, a small favour, if I may: are there one or two managers at other "
            "companies, people you respect, whom you think I should get to know? I'd say you "
            "suggested them and tell you how it goes."
        ),
    ),
    BuiltIn(
        "referral-ask-letter",
        "Asking for names by post",
        K.REFERRAL_ASK,
        LETTER,
        "The favour on paper: one or two names elsewhere, and who you are in a line.",
        written(
            DEAR,
            "I still hope to work with you at {company} one day, and I'm happy to wait for the "
            "right moment. Meanwhile, may I ask a favour? Are there one or two managers at "
            "other companies, people you respect, whom I should get to know? " + PITCH,
            "I'd say you suggested them, and I'd let you know how it goes.",
            sign="With thanks,",
        ),
    ),
    BuiltIn(
        "referral-ask-call",
        "Asking for names: call",
        K.REFERRAL_ASK,
        CALL,
        "Ask on a call for one or two names elsewhere, then let them go.",
        "Hi {first_name}, it's {my_name}. Have you got a minute? I'm still keen on {company} "
        "and happy to wait for the right moment there. Meanwhile, I wondered: are there one "
        "or two managers at other companies, people you respect, whom I should meet? I'd say "
        "you suggested them, and I'll tell you how it goes.",
    ),
    BuiltIn(
        "referral-ask-coffee",
        "Asking for names over coffee",
        K.REFERRAL_ASK,
        FACE,
        "Face to face: catch up first, ask for names before you part.",
        "Hi {first_name}, it's {my_first_name}; thank you for making the time. How has the year "
        "been for the team at {company}? … Before we go, may I ask a favour? Who are one or two "
        "managers at other companies, people you respect, whom you think I should get to know? I'd"
        " say you suggested them.",
    ),
    BuiltIn(
        "referral-ask-voicemail",
        "Asking for names: voicemail",
        K.REFERRAL_ASK,
        VOICEMAIL,
        "Twenty seconds: a small favour to ask, and your number.",
        "Hi {first_name}, it's {my_name}. Nothing urgent: I have a small favour to ask, about "
        "one or two people you respect in our field whom I might get to know. If you have five "
        "minutes this week, I'm on {my_phone}. Thank you, and have a good day.",
    ),
)

OFFERS_TO_REFER: tuple[BuiltIn, ...] = (
    BuiltIn(
        "offer-to-refer",
        "Offering to refer a candidate",
        K.OFFER_TO_REFER,
        EMAIL,
        "Help them fill their other openings; it keeps you in mind too.",
        written(
            HI,
            "If your team at {company} is hiring for other roles, I know a few strong people "
            "and would be happy to point one of them your way. What sort of person are you "
            "looking for?",
            sign="Best,",
        ),
    ),
    BuiltIn(
        "offer-to-refer-note",
        "Candidate offer: short",
        K.OFFER_TO_REFER,
        SHORT,
        "Two lines: you know someone who might fit their opening.",
        short(
            "Hi {first_name}, if {company} is still hiring for other roles, I know a couple of "
            "strong people I could point your way. What kind of person are you after?"
        ),
    ),
    BuiltIn(
        "offer-to-refer-call",
        "Candidate offer: call",
        K.OFFER_TO_REFER,
        CALL,
        "A quick call: you know someone for their other opening.",
        "Hi {first_name}, it's {my_name}; I'll be quick. You mentioned {company} has other "
        "roles open, and I know a couple of strong people who might fit. Would it help if I "
        "pointed one of them your way? What kind of person are you after?",
    ),
    BuiltIn(
        "offer-to-refer-voicemail",
        "Candidate offer: voicemail",
        K.OFFER_TO_REFER,
        VOICEMAIL,
        "Twenty seconds: someone for their opening, and your number.",
        "Hi {first_name}, it's {my_name}. You mentioned {company} has other roles open, and I "
        "know a couple of strong people who might fit. If it would help, I'm glad to point "
        "them your way; I'm on {my_phone}. Have a good day.",
    ),
)

RECONNECTS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "reconnect",
        "Re-contacting an old interview",
        K.RECONNECT,
        EMAIL,
        "Years later: who you are, what changed, and a question about their work.",
        written(
            HI,
            "You may remember me: we talked about the {role} role at {company} {since} ago. A "
            "lot has changed for me since, and I have followed {company} along the way (most "
            "recently: {news}). " + PITCH,
            "I'd enjoy hearing what you are working on now. Would you have fifteen minutes to "
            "talk in the coming weeks?",
            sign="Best wishes,",
            subject="Hello again, after {since}",
        ),
    ),
    BuiltIn(
        "reconnect-note",
        "Re-contacting: short",
        K.RECONNECT,
        LINKEDIN,
        "Years later, in two lines: who you are and a question.",
        short(
            "Hi {first_name}, we talked about the {role} role at {company} {since} ago, and I "
            "have kept an eye on the team since. I'd enjoy hearing what you're working on now. "
            "Do you have a few minutes in the coming weeks?"
        ),
    ),
    BuiltIn(
        "reconnect-letter",
        "Re-contacting by post",
        K.RECONNECT,
        LETTER,
        "Years later, on paper: who you are, what changed, a question.",
        written(
            DEAR,
            "We met {since} ago about the {role} role at {company}, and I have followed the "
            "company with interest ever since (most recently: {news}). A lot has changed for "
            "me in that time. " + PITCH,
            "I'd enjoy hearing what you are working on now. Would you be open to a "
            "conversation in the coming weeks?",
            sign="With best wishes,",
        ),
    ),
    BuiltIn(
        "reconnect-call",
        "Re-contacting: call",
        K.RECONNECT,
        CALL,
        "Years later, spoken: who you are, why now, and a question.",
        "Hi {first_name}, it's {my_name}; we talked about the {role} role {since} ago. Have "
        "you got a minute? I have kept following {company} since then (I saw the news: "
        "{news}), and I'd love to hear what you're working on now. Is this a good moment, or "
        "shall we pick another?",
    ),
    BuiltIn(
        "reconnect-voicemail",
        "Re-contacting: voicemail",
        K.RECONNECT,
        VOICEMAIL,
        "Twenty seconds, years later: who you are and your number.",
        "Hi {first_name}, it's {my_name}; we met about the {role} role at {company} {since} "
        "ago. I have kept following the team and would enjoy catching up when you have a "
        "moment. I'm on {my_phone}. Have a good week.",
    ),
)

OPENING_REPLIES: tuple[BuiltIn, ...] = (
    BuiltIn(
        "opening-reply",
        "Reply to an opening",
        K.OPENING_REPLY,
        EMAIL,
        "They mentioned an opening: thank them, say yes, and ask for the next step.",
        written(
            HI,
            "Thank you for thinking of me for this. Yes, I'm very interested: it sounds close "
            "to what we discussed for the {role} role. What would be the most useful next step "
            "for you, an updated résumé or a conversation with someone on the team?",
            sign="Thanks again,",
        ),
    ),
    BuiltIn(
        "opening-reply-note",
        "Reply to an opening: short",
        K.OPENING_REPLY,
        SHORT,
        "Yes, in two lines, and the next step.",
        short(
            "Hi {first_name}, thank you for thinking of me: yes, I'm very interested in the "
            "opening. What would be the best next step?"
        ),
    ),
    BuiltIn(
        "opening-reply-call",
        "Reply to an opening: call",
        K.OPENING_REPLY,
        CALL,
        "Say yes out loud, and ask what happens next.",
        "Hi {first_name}, it's {my_name}, about the opening you mentioned. Thank you for "
        "thinking of me: yes, I'm very interested. What would be the most useful next step "
        "for you, and is there anyone else I should talk to?",
    ),
    BuiltIn(
        "opening-reply-coffee",
        "Reply to an opening in person",
        K.OPENING_REPLY,
        FACE,
        "In person: yes, and the next step, before the small talk.",
        "Hi {first_name}, it's {my_first_name}; thank you for thinking of me for the opening. The "
        "answer is yes, I'm very interested. What would help you most as a next step, and is there"
        " anyone else on the team I should meet?",
    ),
    BuiltIn(
        "opening-reply-voicemail",
        "Reply to an opening: voicemail",
        K.OPENING_REPLY,
        VOICEMAIL,
        "Twenty seconds: yes, and your number for the next step.",
        "Hi {first_name}, it's {my_name}, about the opening you mentioned. Thank you for "
        "thinking of me; the short answer is yes, I'm very interested. I'd love to hear the "
        "next step: I'm on {my_phone}. Thanks again.",
    ),
)

FIND_MANAGERS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "find-manager",
        "Asking who leads the team",
        K.FIND_MANAGER,
        EMAIL,
        "A recruiter is your only contact: thank them, and ask kindly who leads the team.",
        written(
            HI,
            "Thank you again for your help during the {role} process; you made it easy. May I "
            "ask one more thing? Could you tell me who leads that team? I'd like to thank them "
            "myself and stay in touch with {company}, which I still think highly of.",
            sign="Best regards,",
        ),
    ),
    BuiltIn(
        "find-manager-note",
        "Who leads the team: short",
        K.FIND_MANAGER,
        LINKEDIN,
        "Two lines to the recruiter: thanks, and who leads the team.",
        short(
            "Hi {first_name}, thank you again for your help during the {role} process. Could "
            "you tell me who leads that team? I'd like to thank them myself and stay in touch "
            "with {company}."
        ),
    ),
    BuiltIn(
        "find-manager-call",
        "Who leads the team: call",
        K.FIND_MANAGER,
        CALL,
        "A quick call to the recruiter: thanks, and who leads the team.",
        "Hi {first_name}, it's {my_name}, from the {role} process. I wanted to thank you again "
        "for your help; you made it easy. One quick question, if I may: who leads that team? "
        "I'd like to thank them myself and keep in touch with {company}.",
    ),
    BuiltIn(
        "find-manager-voicemail",
        "Who leads the team: voicemail",
        K.FIND_MANAGER,
        VOICEMAIL,
        "Twenty seconds: thanks, the one question, your number.",
        "Hi {first_name}, it's {my_name}, from the {role} process. Thank you again for your "
        "help. One quick question when you have a moment: who leads that team? I'd like to "
        "thank them myself. I'm on {my_phone}. Thanks!",
    ),
)

CLOSES: tuple[BuiltIn, ...] = (
    BuiltIn(
        "call-close",
        "Call close",
        None,
        CALL,
        "End warmly, before they have to end it for you.",
        "Thank you for the time, {first_name}; I'll let you get back to your day. If it's all "
        "right with you, I'll check in again in a few weeks. And if anything comes up, it's "
        "{my_name}, on {my_phone}. All the best to you and the team at {company}.",
    ),
)

MOMENTS = (
    *REFERRAL_ASKS,
    *OFFERS_TO_REFER,
    *RECONNECTS,
    *OPENING_REPLIES,
    *FIND_MANAGERS,
    *CLOSES,
)
"""Every built-in for a moment of the relationship, and the close of any call."""
