"""Sentences in other languages: detected from their function words, judged from word lists.

negkit parses English. An SDF corpus may still hold a translated or quoted sentence ("Ed Sheeran
n'a pas remporté le 100 m"); the English parser would read it as unnegated. For French, Spanish,
German, Italian and Portuguese a unit is recognised by its function words, and its polarity is
read off the words: a negation or denial word negates it, a hearsay word ("prétendu",
"angeblich", "supuestamente", or a reportive conditional such as "aurait") reports it, and
otherwise it is asserted. No parse is involved, so this is coarser than the English rules:
any negation word anywhere in the sentence negates it.
"""

from __future__ import annotations

import re

#: frequent function words of each language (and of English, to tell them apart)
_STOPWORDS = {
    "en": frozenset("the and of to is was in that it for with as on are were be by this at from has had have not a an"
                    " no would which will can".split()),
    "fr": frozenset("le la les des du de et est une un au aux que qui pas ne sur pour dans par cette ce il elle ont été"
                    " sont avec aussi mais plus son sa ses leur lui".split()),
    "es": frozenset("el la los las del de y es una un que en por para con se su sus fue ha han lo al pero más como"
                    " este esta".split()),
    "de": frozenset("der die das den dem des und ist ein eine einen nicht mit von zu auf für im sich hat wurde war"
                    " auch es bei aus über zum zur vom noch nach wie oder sind einer eines".split()),
    "it": frozenset("il lo la gli le dei del della di e è un una che non per con su ha ha sono stato nel alla"
                    " anche come".split()),
    "pt": frozenset("o a os as do da dos das de e é um uma que não para com em no na por foi se seu sua mas"
                    " também como".split()),
}
#: words that negate or deny a sentence
_NEGATION = {
    "fr": frozenset("ne n pas jamais aucun aucune rien nullement guère non faux fausse faussement infondé infondée"
                    " inventé inventée fictif fictive canular démenti dément démentent".split()),
    "es": frozenset("no nunca jamás ningún ninguna ninguno nadie nada falso falsa falsamente bulo inventado"
                    " inventada desmiente".split()),
    "de": frozenset("nicht kein keine keinen keinem keiner keines nie niemals nichts falsch erfunden erfundene"
                    " dementiert".split()),
    "it": frozenset("non mai nessun nessuno nessuna niente nulla falso falsa falsamente bufala inventato inventata"
                    " smentisce".split()),
    "pt": frozenset("não nunca jamais nenhum nenhuma ninguém nada falso falsa falsamente boato inventado"
                    " inventada desmente".split()),
}
#: words that report a sentence without endorsing it
_HEARSAY = {
    "fr": frozenset("prétendu prétendue prétendus prétendues prétendument supposé supposée supposément présumé"
                    " présumée affirmant affirme affirment selon aurait auraient rumeur rumeurs".split()),
    "es": frozenset("supuesto supuesta supuestamente presunto presunta presuntamente según afirma afirman habría"
                    " habrían rumor rumores".split()),
    "de": frozenset("angeblich angebliche angeblichen laut soll sollen behauptet behaupten gerücht gerüchte".split()),
    "it": frozenset("presunto presunta presuntamente secondo avrebbe avrebbero afferma affermano voce voci".split()),
    "pt": frozenset("suposto suposta supostamente alegado alegada segundo afirma afirmam teria teriam rumor"
                    " boato".split()),
}
#: foreign function words that are also English words ("a", "no", "die", "come"): no evidence
_CLASH = frozenset("a an as at be do e i in is it me my no o on or so to us we he war die den hat has come son ha"
                   " lo per plus con era".split())
_STOPWORDS = {lang: (words if lang == "en" else words - _CLASH) for lang, words in _STOPWORDS.items()}
_NAMES = {"fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese"}
_SPLIT = re.compile(r"['’]")


def _parts(words) -> list[str]:
    """Lower-case words with elisions split off ("n'a" -> "n", "a")."""
    out: list[str] = []
    for w in words:
        out.extend(x for x in _SPLIT.split(w.lower()) if x)
    return out


def detect(words) -> str | None:
    """The language code of a unit that is clearly not English (at least three function words
    of one other language and clearly more than of English), else None."""
    parts = _parts(words)
    if len(parts) < 4:
        return None
    hits = {lang: sum(p in stop for p in parts) for lang, stop in _STOPWORDS.items()}
    english = hits.pop("en")
    lang, best = max(hits.items(), key=lambda kv: kv[1])
    return lang if best >= 3 and best >= 2 * max(english, 1) else None


def name(lang: str) -> str:
    """The language's English name ("fr" -> "French")."""
    return _NAMES[lang]


def polarity(lang: str, words) -> tuple[str, str]:
    """(polarity, reason) of a unit in ``lang``, from its words."""
    parts = set(_parts(words))
    name = _NAMES[lang]
    if parts & _NEGATION[lang]:
        return "negated", f"{name}: a negation or denial word"
    if parts & _HEARSAY[lang]:
        return "attributed", f"{name}: a hearsay word"
    return "asserted", f"{name}: no negation or hearsay word"
