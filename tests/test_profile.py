"""What negkit derives from a claim's text (the profile behind `negkit claim show`)."""

from __future__ import annotations

from negkit.profile import _name_pairs


def test_the_claims_own_name_pairs_in_any_script_and_not_across_punctuation():
    pairs = _name_pairs(["The Games moved to Århus Olympic Park, said Dr. Sarah Mayfield (Sherwood, 2024) of Paris, France."])
    assert {("århu", "olympic"), ("olympic", "park"), ("dr", "sarah"), ("sarah", "mayfield")} <= pairs
    assert not {("park", "said"), ("mayfield", "sherwood"), ("pari", "france")} & pairs
