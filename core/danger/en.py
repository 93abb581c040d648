"""English danger phrasings: suicide, self-harm, violence received, threats made. `core.safety`
reads them against the text lower-cased, with straight apostrophes and single spaces (no accent
stripping: these patterns are compiled as written).

Borderline choices (each covered by tests):
- Figurative "killing me", "dying to", "could kill for a coffee", "I'd rather die than lose you"
  do not fire. Any mention of suicide fires, even "I'm not suicidal": a gentle reply costs little.
- "hurt me" alone is emotional here and does not fire; physical words (hit, slapped, choked,
  threatened to kill, forced, raped) do. Fear that the partner will hit or kill fires, and so does
  fear that they will hurt, except "hurt me again / the way ..." (said of the old wound).
  "He'll kill me if he finds out" is taken at its word and fires.
- "unsafe" / "don't feel safe" alone do not fire (emotional safety is normal talk here); "not
  physically safe", "not safe at home", "afraid for my life" do.
- "I hurt myself" fires (but not "hurt myself by ..."); "I want to hurt him" and "I could kill
  her" fire, while "I never want to hurt you again", "I'd never hurt you" and "I want to hurt you
  back" do not.
- "better off without me" fires in any form: it is a classic warning sign.
- "I don't want to be here anymore", "I don't want to live like this" and "I can't go on like
  this" do not fire (here they usually mean the relationship); "I don't want to live anymore",
  "no reason to live" and "can't go on living" do.
"""

from __future__ import annotations

# Who the writer may be speaking about: a pronoun or a word for a partner.
_PARTNER_NOUN = (
    r"(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|spouse|fianc[eé]e?|ex|"
    r"ex-husband|ex-wife|ex-partner)"
)
_PERSON = rf"(?:(?:he|she|they|you)(?:'s|'d|'ve)?|(?:my|his|her|the) {_PARTNER_NOUN})"
_TARGET = (
    rf"(?:him|her|them|you|my {_PARTNER_NOUN}|(?:that|the other) (?:woman|man|guy|girl|person)|"
    r"that (?:bitch|bastard|asshole|slut|whore|prick))"
)
_VICTIM = r"(?:me|us|the kids|my kids|the children|my children|my (?:son|daughter|baby)|the baby)"
_ME = r"my ?self"
_THEMSELVES = r"(?:him|her|them)sel(?:f|ves)"
_ADVERB = (
    r"(?:just |has |had |have |once |then |also |actually |literally |always |sometimes |"
    r"often |even |again |finally |first |almost |nearly |really |would |will )?"
)
# "he'll", "she is going to": the leading space is part of each choice.
_SOON = (
    r"(?:'ll| will| would|'d| might| may| could| is going to|'s going to| is gonna|'s gonna|"
    r" are going to|'re going to)"
)
_FEAR = r"(?:scared|afraid|terrified|frightened|fear|worried)"
_STRIKE = r"(?:hit|kill|harm|beat|attack|strangle|choke|stab|shoot|rape)"
_I_INTEND = (
    r"\b(?:i (?:(?:really|honestly|just|actually|seriously|literally) )?(?:want to|wanna|"
    r"feel like|have to)|i'?m (?:going to|gonna|about to)|i am (?:going to|gonna|about to))"
)
_I_COULD = (
    r"\b(?:i (?:(?:really|honestly|just|actually|seriously|literally) )?(?:could|will|would|might)|"
    r"i'll|i'd|ill|id)"
)
_EMPHASIS = r"(?:(?:just|really|honestly|actually|seriously|literally|fucking) )?"
_NEGATED = r"(?<!n't )(?<!not )(?<!dont )(?<!never )"

_SUICIDE = (
    r"\bsuicid",
    r"\bkms\b",
    r"\bunaliv",
    rf"\bkill(?:s|ing|ed)? {_ME}\b",
    r"\b(?:end|ending|ended) (?:my|my own) life\b",
    r"\b(?:take|taking|took) (?:my|my own) life\b(?! back| into| in hand| seriously| over)",
    r"\b(?:end|ending|ended) it all\b",
    rf"\b{_NEGATED}(?:want|wanna|wanted|wanting|ready) (?:to )?die\b",
    rf"\b{_NEGATED}(?:want|wanna|wanted) (?:to )?be dead\b",
    r"\bwish (?:i|i'd|id) (?:was |were |had |could |would )?(?:just )?(?:be )?(?:dead|die|died|"
    r"never been born|never wake up|not wake up|did not exist|didn'?t exist|not exist|"
    r"disappear forever)\b",
    r"\b(?:rather|better off|be better) (?:be )?dead\b",
    r"\bbetter off without me\b",
    r"\bbetter off if i (?:was|were|wasn'?t|weren'?t) (?:dead|gone|here|around|alive)\b",
    r"\bdo(?:n'?t| not) want to (?:be alive|exist|be on this earth|be in this world)\b",
    r"\bdo(?:n'?t| not) want to live\b(?! (?:like|with|in|here|there|together|a |an |without|"
    r"this|that|near|apart|under|through|on|as|so|where|by)\b)",
    r"\bdo(?:n'?t| not) want to wake up\b(?! (?:early|at|to|before|so|in)\b)",
    r"\bno longer want to (?:live|be alive)\b",
    r"\b(?:no|any) (?:reason|point|will) (?:in |for )?(?:to )?(?:live|living)\b",
    r"\bnothing (?:left )?to live for\b",
    r"\blife (?:isn'?t|is not|'s not|ain'?t) worth (?:it|living)\b",
    r"\bnot worth living\b",
    r"\bcan'?t go on living\b",
    r"\boverdos",
    r"\b(?:swallow|take|taking|took|down) (?:all|a bunch|a handful) (?:of )?(?:my |the |those )?"
    r"(?:pills|tablets|meds)\b",
    r"\bo\.?d\.? on\b",
    rf"\b(?:hang|hanging|shoot|shooting|drown|drowning|poison|poisoning) {_ME}\b",
    r"\b(?:slit|cut|cutting|slash) my wrists?\b",
    r"\bjump(?:ing)? (?:off|from|in front of) (?:a|the|my) (?:bridge|roof|building|train|cliff)\b",
    r"\bgun (?:to|in) my (?:head|mouth)\b",
)

_SELF_HARM = (
    r"\bself[- ]?harm",
    rf"\bcutting {_ME}\b",
    r"\bcutting again\b",
    rf"\bcut {_ME} (?:again|on purpose|deliberately|to|so|because|when)\b",
    r"\bcut(?:ting)? my (?:arms?|legs?|thighs?|wrists?|skin)\b",
    rf"\b(?:burning|starving|punching|scratching) {_ME}\b",
    rf"\bburn(?:ed|t)? {_ME} (?:again|on purpose|deliberately)\b",
    rf"\b(?:hurt|hurting|hurts|harm|harming|injure|injured|injuring) {_ME}\b(?! by\b)",
)

_VIOLENCE_RECEIVED = (
    rf"\b{_PERSON} {_ADVERB}(?:hit|hits|hitting|slapped|slaps|slapping|punched|punches|kicked|"
    r"kicks|choked|chokes|choking|strangled|strangles|smacked|smacks|shoved|shoves|attacked|"
    rf"assaulted|molested|raped|rapes|beaten) {_VICTIM}\b"
    r"(?! (?:up|with (?:the |that |this )?(?:news|truth|questions?|fact))\b)",
    rf"\b{_PERSON} {_ADVERB}(?:beat|beats) {_VICTIM}\b(?! (?:to|at|in|by|on)\b)",
    rf"\b(?:pushed|pushes|pushing|shoved|shoves|threw|throws) {_VICTIM} (?:down the stairs|"
    r"down(?= *(?:[.,!;]|$| and| hard))|to the (?:ground|floor)|on(?:to)? the (?:floor|ground)|"
    r"(?:against|into) (?:the |a )?(?:wall|door|car|table|floor|fridge|counter))",
    r"\bthrew (?:a |an |the |his |her |my |our |some )?(?:plate|glass|cup|mug|bottle|phone|chair|"
    r"knife|shoe|things|stuff|something|keys|remote|lamp|bowl|book)s? at me\b",
    r"\bhands? (?:a?round|on) my (?:neck|throat)\b",
    r"\bgrabbed me by (?:the|my) (?:throat|neck|hair)\b",
    # "He'll kill me if he finds out": said of a person, taken at its word.
    rf"\b{_PERSON}{_SOON} (?:\w+ )?(?:kill|strangle|choke|stab|shoot|rape) {_VICTIM}\b",
    rf"\b(?:said|says|swore|told me|warned me) (?:that )?{_PERSON}{_SOON} (?:\w+ )?"
    rf"(?:{_STRIKE}|hurt) {_VICTIM}\b",
    r"\b(?:held|pinned|holds|pins) me (?:down|against)\b",
    r"\bthreat(?:en|ens|ened|ening)? (?:me )?(?:to )?(?:kill|hurt|harm|hit|beat|shoot|stab|"
    r"strangle|choke|rape)\b",
    r"\bthreat(?:en|ens|ened|ening)? me with (?:a |an |his |her )?(?:knife|gun|weapon|violence)\b",
    r"\b(?:forced|forces|forcing|made|makes|pressured|coerced) me (?:to |into )?"
    r"(?:have sex|having sex|sleep with|do sexual|sex|do things i didn'?t want)",
    rf"\bforced {_THEMSELVES} on me\b",
    r"\brap(?:e|ed|es|ing|ist)\b",
    r"\bsexually assault",
    r"\b(?:did|would|does|will)(?:n'?t| not) stop when i (?:said|told (?:him|her|them)) "
    r"(?:no|stop)\b",
    r"\babus(?:e|es|ed|ing) (?:me|us|the kids|my kids)\b",
    r"\b(?:is|was|been|are|being|got|gets|get|became|becomes|an|a) (?:(?:so|very|really|"
    r"emotionally|verbally|physically|sexually|financially) )?abusive\b",
    r"\bdomestic (?:violence|abuse)\b",
    rf"\b{_FEAR} (?:that )?{_PERSON}{_SOON} (?:\w+ )?{_STRIKE} {_VICTIM}\b",
    rf"\b{_FEAR} (?:that )?{_PERSON}{_SOON} (?:\w+ )?hurt {_VICTIM}\b"
    r"(?! (?:again|like|the way|the same|emotionally)\b)",
    rf"\b{_FEAR} (?:that )?{_PERSON}{_SOON} (?:\w+ )?(?:{_STRIKE}|hurt) {_THEMSELVES}\b",
    rf"\b{_FEAR} of what {_PERSON}(?:{_SOON}| can) (?:\w+ )?do to (?:{_VICTIM}|{_THEMSELVES})\b",
    rf"\b{_FEAR} (?:of|for) my (?:life|safety)\b",
    rf"\b(?:scared|afraid|terrified|frightened) of (?:him|her|my {_PARTNER_NOUN})"
    r"(?= *(?:[.,!?;)]|$| when| sometimes| now| right now| and| because| physically| again))",
    rf"\bterrified of (?:him|her|my {_PARTNER_NOUN})\b",
    r"\b(?:not|never|don'?t feel|do not feel|didn'?t feel|no longer feel) (?:physically )?safe "
    r"(?:at home|in my (?:own )?home|in the house|in my house|for my life)\b",
    r"\b(?:not|never|don'?t feel|do not feel|didn'?t feel) physically safe\b",
    r"\bphysically (?:unsafe|hurt me|hurts me|hurting me|threatened)\b",
    r"\bhurt me physically\b",
    r"\b(?:i'?m|i am|we'?re|we are|the kids are|my kids are) in danger\b",
)

# The writer threatening someone. Only positive forms: "I don't want to / I'd never / I could
# never hurt you" stay quiet, and "hurt" needs a clear intent ("want to", "going to").
_VIOLENCE_THREATENED = (
    rf"(?:{_I_INTEND}|{_I_COULD}) {_EMPHASIS}(?:kill|killing|murder|stab|shoot|strangle|choke|"
    rf"beat up|beat the \w+ out of) {_TARGET}\b",
    rf"{_I_INTEND} {_EMPHASIS}(?:hurt|hurting|harm|hit|hitting|punch|slap|attack) {_TARGET}\b"
    r"(?! (?:back|again|the way|like|as much|as badly|emotionally|the same)\b)",
    r"\bi (?:just |finally |actually |then )?(?:hit|slapped|punched|choked|strangled|shoved|kicked|"
    rf"beat up|attacked) {_TARGET}\b(?! (?:with (?:the truth|it|this|that|questions))\b)",
)

PATTERNS: tuple[str, ...] = (*_SUICIDE, *_SELF_HARM, *_VIOLENCE_RECEIVED, *_VIOLENCE_THREATENED)
