"""Built-in words for thanks and referrals: the thank-you at each stage, the
first note to someone you were referred to (naming who sent you, never
thanking them for it), and thanks to whoever passed your name on.

Each fits the channels it names and no other, and never mentions another
channel: the person may not have it.
"""

from __future__ import annotations

from jobfutures_tui.engine.script_builtin import (
    CALL,
    DEAR,
    EMAIL,
    HI,
    LETTER,
    LINKEDIN,
    NOT_DECLINED,
    NOT_REFERRED,
    PITCH,
    SHORT,
    VOICEMAIL,
    BuiltIn,
    short,
    written,
)
from jobfutures_tui.models import Origin, Stage, TouchKind

K = TouchKind

THANK_YOUS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "thank-you-interview",
        "Thank-you after the interview",
        K.THANK_YOU,
        EMAIL,
        "A day or two after the interview: thanks, what you liked, a wish to stay in touch.",
        written(
            HI,
            "Thank you for talking with me about the {role} role. Hearing how your team works "
            "made {company} even more appealing to me. What is the team most eager to get "
            "moving on?",
            "Whatever you decide, I'd be glad to stay in touch.",
            sign="With thanks,",
            subject="Thank you for your time",
        ),
        stages=(Stage.INTERVIEWED,),
        origins=NOT_DECLINED,
    ),
    BuiltIn(
        "thank-you-after-no",
        "Thank-you after a no",
        K.THANK_YOU,
        EMAIL,
        "Take the no with grace, and say you stay interested in what comes next.",
        written(
            HI,
            "Thank you for letting me know about the {role} role, and for the time you and the "
            "team gave me. I'm disappointed, of course, but I came away thinking even more "
            "highly of {company}. If something close to what we discussed comes up later, I'd "
            "love to hear about it.",
            "Would you mind if I checked in now and then?",
            sign="Warm regards,",
            subject="Thank you, and staying in touch",
        ),
        stages=(Stage.REJECTED_WARM,),
        origins=NOT_DECLINED,
    ),
    BuiltIn(
        "thank-you-offer-declined",
        "Thank-you after declining",
        K.THANK_YOU,
        EMAIL,
        "You said no to their offer: thank them for it and leave the door open.",
        written(
            HI,
            "Thank you again for the offer for the {role} role. Saying no was a hard decision, "
            "and no reflection on what I think of you and the team at {company}. I hope our "
            "paths cross again.",
            "Would it be all right if I stayed in touch from time to time?",
            sign="With gratitude,",
            subject="Thank you for the offer",
        ),
        stages=(Stage.INTERVIEWED, Stage.REJECTED_WARM),
        origins=(Origin.OFFER_DECLINED,),
    ),
    BuiltIn(
        "thank-you-referral",
        "Thank-you for a referral",
        K.THANK_YOU,
        EMAIL,
        "They passed your name to another manager: thank them, promise news, offer help back.",
        written(
            HI,
            "Thank you for passing my name on; it was generous of you, and I'll let you know "
            "how it goes. A word from someone at {company} means a lot to me, as it's still a "
            "place I would love to work one day.",
            "Is there anything I could do for you or your team in return?",
            sign="Thanks again,",
            subject="Thank you for the introduction",
        ),
        stages=(Stage.REFERRAL,),
        origins=NOT_REFERRED,
    ),
    BuiltIn(
        "thank-you-introduced",
        "Thank-you to a new contact",
        K.THANK_YOU,
        EMAIL,
        "Someone referred you to them and you have talked: thanks, and one question.",
        written(
            HI,
            "Thank you for making time to talk with me. {referrer} was right that we would have "
            "plenty to discuss, and I came away keen to learn more about {company}. What would "
            "you most like your team to get done this year?",
            "I'd be glad to stay in touch.",
            sign="Best wishes,",
            subject="Thank you for your time",
        ),
        stages=(Stage.REFERRAL,),
        origins=(Origin.REFERRED,),
    ),
    BuiltIn(
        "thank-you-offer",
        "Thank-you at the offer stage",
        K.THANK_YOU,
        EMAIL,
        "An opening or an offer is on the table: thanks for the talk, and the next steps.",
        written(
            HI,
            "Thank you for our conversation about the opening at {company}. I'm excited about "
            "it: it is very close to what I hoped to do there.",
            "So that I have it right, what are the next steps, and is there anything you need "
            "from me before then?",
            sign="Many thanks,",
            subject="Thank you, and next steps",
        ),
        stages=(Stage.OFFER,),
    ),
    BuiltIn(
        "thank-you-note",
        "Short thank-you",
        K.THANK_YOU,
        SHORT,
        "Two lines of thanks where a long note would be too much.",
        short(
            "Hi {first_name}, a quick thank-you for your time and your help. It meant a lot, and "
            "it made me think even more highly of {company}. Can I do anything for you in return?"
        ),
    ),
    BuiltIn(
        "thank-you-letter",
        "Thank-you letter",
        K.THANK_YOU,
        LETTER,
        "Thanks on paper: rarer than anything on a screen, so it is remembered.",
        written(
            DEAR,
            "Thank you for the time and the help you have given me. I don't take it for "
            "granted, and it has left me thinking even more highly of you and the team at "
            "{company}.",
            "I hope we can keep in touch. What is the team looking forward to this year?",
            sign="With warm thanks,",
        ),
    ),
    BuiltIn(
        "thank-you-call",
        "Thank-you call",
        K.THANK_YOU,
        CALL,
        "A short call that only says thank you, then lets them go.",
        "Hi {first_name}, it's {my_name}. I won't keep you: I wanted to thank you myself for "
        "your time and your help. It meant a lot, and I think even more highly of {company} "
        "for it. Before I let you go, how is your week shaping up?",
    ),
    BuiltIn(
        "thank-you-voicemail",
        "Thank-you voicemail",
        K.THANK_YOU,
        VOICEMAIL,
        "Twenty seconds of thanks; no need for them to call back.",
        "Hi {first_name}, it's {my_name}. I'm calling only to say thank you for your time and "
        "your help; it meant a lot. No need to call back, but if you ever want to talk, I'm on "
        "{my_phone}. Have a good week.",
    ),
)

INTRODUCTIONS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "introduction",
        "Introduction: who sent you",
        K.INTRODUCTION,
        EMAIL,
        "The first touch to someone you were referred to: who sent you, and one question.",
        written(
            HI,
            "{referrer} suggested I get in touch with you. " + PITCH + " I have been following "
            "{company} for a while (most recently: {news}), and I'd value your view on where "
            "your team is heading.",
            "Would you have fifteen minutes in the coming weeks?",
            sign="Best regards,",
            subject="{referrer} suggested I get in touch",
        ),
    ),
    BuiltIn(
        "introduction-note",
        "Introduction: short",
        K.INTRODUCTION,
        LINKEDIN,
        "Two lines to someone you were referred to: who sent you, one question.",
        short(
            "Hi {first_name}, {referrer} suggested I get in touch. " + PITCH + " I'd value "
            "your view on where your team at {company} is heading. Could we talk for fifteen "
            "minutes sometime?"
        ),
    ),
    BuiltIn(
        "introduction-letter",
        "Introduction by post",
        K.INTRODUCTION,
        LETTER,
        "On paper, to someone you were referred to: who sent you, who you are, one question.",
        written(
            DEAR,
            "{referrer} suggested I get in touch with you. " + PITCH + " I have followed "
            "{company} for some time (most recently: {news}), and I'd value your view on where "
            "your team is heading.",
            "Would you be open to a short conversation in the coming weeks?",
            sign="With best wishes,",
        ),
    ),
    BuiltIn(
        "introduction-call",
        "Introduction call",
        K.INTRODUCTION,
        CALL,
        "On the line with someone you were referred to: who sent you, and one question.",
        "Hi {first_name}, my name is {my_name}; {referrer} suggested I get in touch with you. "
        "Have you got two minutes? I've been following {company} (I saw the news: {news}), "
        "and I'd value your view on where your team is heading. Is now a good moment, or "
        "could we find fifteen minutes later this week?",
    ),
    BuiltIn(
        "introduction-voicemail",
        "Introduction voicemail",
        K.INTRODUCTION,
        VOICEMAIL,
        "Twenty seconds: your name, who sent you, your number.",
        "Hi {first_name}, my name is {my_name}; {referrer} suggested I get in touch with you. "
        "I follow {company} with interest and would value fifteen minutes of your view on your "
        "team's work. I'm on {my_phone}. Have a good day.",
    ),
)

REFERRER_THANKS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "referrer-thanks",
        "Thanking whoever referred you",
        K.REFERRER_THANKS,
        EMAIL,
        "Thank whoever passed your name on, say where it led, and offer something back.",
        written(
            HI,
            "Thank you for passing my name on to {referred_to}; it was generous of you, and "
            "I'll let you know how it goes. Is there anything I can do for you or your team at "
            "{company} in return?",
            sign="Thanks again,",
            subject="Thank you for the introduction to {referred_to}",
        ),
    ),
    BuiltIn(
        "referrer-thanks-note",
        "Referral thanks: short",
        K.REFERRER_THANKS,
        SHORT,
        "Two lines of thanks for a referral, and an offer back.",
        short(
            "Hi {first_name}, thank you for passing my name on to {referred_to}; that was kind "
            "of you, and I'll let you know how it goes. Can I do anything for you in return?"
        ),
    ),
    BuiltIn(
        "referrer-thanks-letter",
        "Referral thanks by post",
        K.REFERRER_THANKS,
        LETTER,
        "Thanks on paper for a referral: remembered longer than most.",
        written(
            DEAR,
            "Thank you for putting my name forward at {referred_to}. It was a generous thing to "
            "do, and I'll let you know how it goes.",
            "If there is ever anything I can do for you or the team at {company}, would you "
            "tell me?",
            sign="With warm thanks,",
        ),
    ),
    BuiltIn(
        "referrer-thanks-call",
        "Referral thanks call",
        K.REFERRER_THANKS,
        CALL,
        "A short call that only thanks them for the referral.",
        "Hi {first_name}, it's {my_name}. I won't keep you: I wanted to thank you for passing "
        "my name on to {referred_to}. That was generous, and I'll let you know how it goes. Is "
        "there anything I can do for you in return?",
    ),
    BuiltIn(
        "referrer-thanks-voicemail",
        "Referral thanks voicemail",
        K.REFERRER_THANKS,
        VOICEMAIL,
        "Twenty seconds of thanks for a referral.",
        "Hi {first_name}, it's {my_name}, just saying thank you for passing my name on to "
        "{referred_to}. That was generous of you, and I'll let you know how it goes. If I can "
        "ever return the favour, I'm on {my_phone}.",
    ),
)

THANKS_AND_REFERRALS = (*THANK_YOUS, *INTRODUCTIONS, *REFERRER_THANKS)
"""Every built-in for thanks and for referrals."""
