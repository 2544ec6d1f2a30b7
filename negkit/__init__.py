"""negkit: author and check synthetic-document corpora about false claims.

``import negkit`` is cheap: spaCy, litellm and textual load only when a function needs them.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
