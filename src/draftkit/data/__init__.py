"""The project's data: town profiles, the registry of municipalities, clauses, reviews and
their Spanish words, read from YAML and CSV, validated, and kept in the disk cache.

Modules: ``yaml_reading`` and ``yaml_duplicates`` (reading YAML safely); ``fields``,
``town_models`` and ``clause_models`` (the files' shapes); ``loading`` (YAML to models,
errors with file and line) and ``plain_errors`` (pydantic's errors in an editor's
words); ``library`` (everything loaded and cross-checked in memory); ``registry`` and
``defaults`` (every Vermont municipality, and profiles made from it); ``questions`` and
``profiles`` (``towns new``); ``reviews``, ``library_actions`` and ``clause_history``
(lawyers' reviews and earlier texts); ``spanish`` (the library's words in Spanish);
``disk_cache``.

Nothing is imported here, so that importing one module stays cheap (``--help`` speed).
"""
