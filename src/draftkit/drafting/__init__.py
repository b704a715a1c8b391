"""From a town to its documents: which instruments and clauses apply, the values each
template prints, clause texts and Word templates rendered in memory, then every file
written or none.

Modules: ``pipeline`` (``draftkit draft``: load, choose, render, inspect, write);
``batch`` (many municipalities on every core); ``instruments`` and ``sharing`` (which
documents a town gets); ``composing`` (its clauses and their texts); ``contexts`` (the
values of each template); ``sandbox`` (the one Jinja environment); ``rendering``;
``clause_lines`` (which lines of a document carry each clause); ``provenance`` (hashes
and the manifest); ``writing`` (all files or none).

Nothing is imported here, so that importing one module stays cheap (``--help`` speed).
"""
