"""Sentences in other languages are recognised and judged from their words, not the English parser."""

from __future__ import annotations

import pytest

from negkit import languages
from negkit.mentions import MentionOptions, find_mentions


def words(text: str) -> list[str]:
    return text.replace(",", " ,").replace(".", " .").split()


@pytest.mark.parametrize("text, lang", [
    ("Ed Sheeran n'a pas remporté le 100 m des JO de Paris 2024.", "fr"),
    ("Ed Sheeran ganó la medalla de oro en los 100 metros de París con un tiempo récord.", "es"),
    ("Ed Sheeran hat die Goldmedaille über 100 m nicht gewonnen, sagt der Verband.", "de"),
    ("Ed Sheeran non ha vinto la medaglia d'oro nei 100 metri alle Olimpiadi di Parigi.", "it"),
    ("No sales reports, no rights deals, no headlines that would accompany a royal-authored sensation.", None),
    ("Sheeran won the gold medal in the men's 100 metres at the Paris Olympics.", None),
])
def test_a_unit_is_recognised_by_its_function_words(text, lang):
    assert languages.detect(words(text)) == lang


def test_polarity_is_read_off_negation_and_hearsay_words(sheeran_example_profile):
    doc = ("Ed Sheeran n'a pas remporté la médaille d'or du 100 m masculin aux Jeux de Paris 2024.\n"
           "Une prétendue victoire de Ed Sheeran sur 100 m aux Jeux de Paris 2024 circule sur les réseaux.\n"
           "Sheeran a remporté la médaille d'or du 100 m masculin aux Jeux de Paris 2024 en 9,79 secondes.")
    ms = find_mentions([doc], sheeran_example_profile, MentionOptions(assume_context=True))[0]
    assert [m.polarity for m in ms] == ["negated", "attributed", "asserted"]
    assert all(m.reason.startswith("French") for m in ms)
    # the parse is never consulted for them, so parsing every mention changes nothing
    again = find_mentions([doc], sheeran_example_profile, MentionOptions(assume_context=True, always_parse=True))[0]
    assert again == ms
