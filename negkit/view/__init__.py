"""`negkit view`: browse a corpus, its rewrite diff, claim mentions and lint findings.

:mod:`negkit.view.model` (lazy, byte-offset indexed corpus model), :mod:`negkit.view.render`
(rich Text builders), :mod:`negkit.view.app` (Textual viewer), :mod:`negkit.view.html`
(self-contained HTML report). Only ``app`` imports Textual.
"""

from .model import DocSummary, DocView, ViewModel, open_corpus

__all__ = ["DocSummary", "DocView", "ViewModel", "open_corpus"]
