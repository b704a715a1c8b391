"""Word files: templates compiled once and rendered fast, rendered documents read back and
checked for completeness, the manifest and properties inside each file, tracked changes
read and written, and the house style of the documents draftkit builds itself.

Modules: ``docx_package`` (a .docx as a zip in memory); ``compiled_template``; ``wordml``
(a rendered document's text view); ``inspection`` and ``completeness`` (reading a
document back); ``embedding`` and ``document_properties``; ``tracked_changes`` (reading
them) and ``redlining`` (writing them); ``house_style``.

Nothing is imported here, so that importing one module stays cheap (``--help`` speed).
"""
