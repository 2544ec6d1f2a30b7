"""What negkit derives from a claim's text (the profile behind `negkit claim show`)."""

from __future__ import annotations

from negkit.claims import Claim
from negkit.profile import _name_pairs, build_profile


def test_the_claims_own_name_pairs_in_any_script_and_not_across_punctuation():
    pairs = _name_pairs(["The Games moved to Århus Olympic Park, said Dr. Sarah Mayfield (Sherwood, 2024) of Paris, France."])
    assert {("århu", "olympic"), ("olympic", "park"), ("dr", "sarah"), ("sarah", "mayfield")} <= pairs
    assert not {("park", "said"), ("mayfield", "sherwood"), ("pari", "france")} & pairs


def test_terms_said_only_as_the_claims_time_or_event_are_its_setting():
    claim = Claim(id="c", statement="Elizabeth II began learning Python in May 2020 during the COVID-19 lockdowns.",
                  subclaims=["Ed Sheeran won the 100m gold at the 2024 Olympics with a time of 9.79 seconds."])
    profile = build_profile(claim)
    setting = {p.ref: {t.key for t in p.terms if t.setting} for p in profile.parts}
    assert {"may", "2020", "lockdown"} <= setting["main"] and not {"python", "learn", "begin"} & setting["main"]
    # (an odd figure is never setting, though it sits after the event)
    assert "olympics" in setting[0] and not {"gold", "100", "9.79"} & setting[0]
