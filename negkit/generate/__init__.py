"""Offline-first synthetic document generation for SDF corpora.

* :mod:`.doctypes` — genres (``doc_types/*.yaml``), validated, user-extensible.
* :mod:`.templates` — safe ``$name`` templates and versioned LLM prompt templates.
* :mod:`.backend` — the backend interface and ``negkit.backends`` registry.
* :mod:`.template_backend` — the offline ``template`` backend.
* :mod:`.pipeline` — ``generate(claim, n, seed, ...)``: ideas -> documents -> filters.
* :mod:`.diversity` — near-duplicate index and corpus diversity summary.

Nothing heavy is imported here; spaCy loads only when the claim filter runs.
"""
