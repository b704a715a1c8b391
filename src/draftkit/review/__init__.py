"""What lawyers and maintainers check: the whole library (``draftkit check``), the Word
templates (``templates check``), a returned draft against the library (``draftkit
verify``), the clause book, and the terminal's views of the library.

Modules: ``checking``, ``templates``, ``verification``, ``book``, ``reports``.

Nothing is imported here, so that importing one module stays cheap (``--help`` speed).
"""
