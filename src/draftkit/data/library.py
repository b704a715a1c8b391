"""The project's data folders, loaded and validated in memory: towns, clauses, the
loophole catalog, the glossary and the Word templates.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from draftkit.data import disk_cache
from draftkit.data.clause_models import (
    ClauseModule,
    Glossary,
    GlossaryTerm,
    Loophole,
    LoopholeCatalog,
)
from draftkit.data.defaults import DEFAULTS_FILE, GovernanceDefaults, Policing, default_profile
from draftkit.data.loading import Loaded, ModelT, load
from draftkit.data.registry import REGISTRY_FILE, Registry, load_registry
from draftkit.data.reviews import REVIEWS_DIR, ClauseStatus, ReviewLog, status_of
from draftkit.data.town_models import TownProfile
from draftkit.drafting.provenance import definitions_hash
from draftkit.errors import DataError, DraftkitError, NotFoundError, ProblemList, raise_if_any
from draftkit.naming import slugify
from draftkit.suggestions import did_you_mean

TOWN_DATA_FILES = frozenset({"defaults.yaml"})
"""YAML files in towns/ that are not town profiles."""

LOOPHOLES_FILE = "loopholes.yaml"
GLOSSARY_FILE = "glossary.yaml"
CATALOG_FILES = frozenset({LOOPHOLES_FILE, GLOSSARY_FILE, "audit-rules.yaml", "lint-rules.yaml"})


@dataclass(frozen=True)
class ResolvedTown:
    """The profile a draft is built from, and whether it came from defaults alone."""

    loaded: Loaded[TownProfile]
    slug: str
    from_defaults: bool


@dataclass(frozen=True)
class Library:
    """Everything draftkit reads, validated. Build it with :func:`load_library`."""

    root: Path
    towns: dict[str, Loaded[TownProfile]] = field(default_factory=dict)
    clauses: dict[str, Loaded[ClauseModule]] = field(default_factory=dict)
    loopholes: Loaded[LoopholeCatalog] | None = None
    glossary: Loaded[Glossary] | None = None
    registry: Registry | None = None
    defaults: Loaded[GovernanceDefaults] | None = None
    reviews: dict[str, Loaded[ReviewLog]] = field(default_factory=dict)
    _definition_hashes: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _template_texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    broken_towns: dict[str, list[DraftkitError]] = field(default_factory=dict)
    """Problems of town profiles that did not load, by file stem (lenient loading only)."""
    cache_key: str | None = field(default=None, compare=False, repr=False)
    """The hash of every file it was read from (see draftkit.data.disk_cache), if known."""

    def refuse_if_broken(self, slug: str) -> None:
        """Raise the problems of the profile ``slug`` if it exists but did not load.

        Raises:
            ProblemList: the profile's problems.
        """
        if slug in self.broken_towns:
            raise ProblemList(self.broken_towns[slug])

    @property
    def reviews_dir(self) -> Path:
        """``clauses/reviews/``."""
        return self.clauses_dir / REVIEWS_DIR

    def status(self, clause_id: str) -> ClauseStatus:
        """The review state of a clause at its current text."""
        log = self.reviews.get(clause_id)
        clause = self.clauses[clause_id].value
        return status_of(clause, log.value if log else None, self.definitions_sha256(clause_id))

    def definitions_sha256(self, clause_id: str) -> str:
        """SHA-256 of the glossary definitions a clause relies on (reviews cover them)."""
        # The library does not change once loaded: each clause's hash is worked out once.
        found = self._definition_hashes.get(clause_id)
        if found is None:
            found = definitions_hash(self.clauses[clause_id].value, self.terms())
            self._definition_hashes[clause_id] = found
        return found

    @property
    def towns_dir(self) -> Path:
        """``towns/`` under the root."""
        return self.root / "towns"

    @property
    def clauses_dir(self) -> Path:
        """``clauses/`` under the root."""
        return self.root / "clauses"

    @property
    def templates_dir(self) -> Path:
        """``resolutions/`` under the root."""
        return self.root / "resolutions"

    def template_path(self, template: str) -> Path:
        """A template file in ``resolutions/``."""
        return self.templates_dir / template

    def template_text(self, template: str) -> str:
        """The plain text a template prints on its own, tags removed (for defined terms)."""
        if template not in self._template_texts:
            self._template_texts[template] = self._read_template_text(template)
        return self._template_texts[template]

    def _read_template_text(self, template: str) -> str:
        path = self.template_path(template)
        try:
            key = disk_cache.content_key(path.read_bytes(), template)
        except OSError:
            key = None
        cached = disk_cache.load("template-text", key) if key else None
        if isinstance(cached, str):
            return cached
        from draftkit.review.templates import template_problems  # docxtpl: not for a cached text

        if template_problems(path, shown=template):
            return ""  # drafting and checking report the broken template themselves
        try:
            text = _TAG.sub(" ", " ".join(_docx_paragraph_texts(path)))
        except Exception:  # python-docx raises many kinds for a broken package
            return ""
        if key:
            disk_cache.store("template-text", key, text)
        return text

    def loophole_list(self) -> tuple[Loophole, ...]:
        """The loophole catalog in file order."""
        return self.loopholes.value.loopholes if self.loopholes else ()

    def terms(self) -> dict[str, GlossaryTerm]:
        """Glossary terms keyed by their lowercase name."""
        if self.glossary is None:
            return {}
        return {t.term.lower(): t for t in self.glossary.value.terms}

    def town(self, name: str) -> Loaded[TownProfile]:
        """Find a town by slug or name, case- and accent-insensitively.

        Raises:
            NotFoundError: no such town, with the closest names as a suggestion.
        """
        wanted = slugify(name)
        if wanted in self.towns:
            return self.towns[wanted]
        for loaded in self.towns.values():
            if slugify(loaded.value.name) == wanted or slugify(loaded.value.legal_name) == wanted:
                return loaded
        names = {slug: t.value.name for slug, t in self.towns.items()}
        hint = did_you_mean(
            wanted, names, otherwise="`draftkit towns list` shows the towns with a profile"
        )
        raise NotFoundError(f"no town profile named {name!r}", hint=hint)

    def resolve_town(self, name: str, policing: Policing | None = None) -> ResolvedTown:
        """The profile to draft with: a town's own profile, or one built from the
        registry and defaults for any organized Vermont municipality.

        Raises:
            NotFoundError: no such municipality (with suggestions), or the name is
                ambiguous (with each choice).
            DraftkitError: the place cannot adopt a resolution, or its policing is unknown.
        """
        policing = policing or Policing()
        self.refuse_if_broken(slugify(name))
        try:
            loaded = self.town(name)
        except NotFoundError:
            if self.registry is None or self.defaults is None:
                raise
            municipality = self.registry.find(name)
            slug = self.registry.slug(municipality)
            self.refuse_if_broken(slug)
            loaded = self.towns.get(slug) or next(
                (
                    t
                    for t in self.towns.values()
                    if t.value.name == municipality.name and t.value.kind == municipality.kind
                ),
                None,
            )  # type: ignore[assignment]
            if loaded is None:
                built = default_profile(self.registry, municipality, self.defaults.value, policing)
                return ResolvedTown(loaded=built, slug=slug, from_defaults=True)
        if policing.arrangement is not None or policing.agency is not None:
            raise DraftkitError(
                f"{loaded.source.shown} already says who polices {loaded.value.name}",
                hint="edit the profile instead of passing --policing or --agency",
                code="policing_in_profile",
                field="policing",
            )
        return ResolvedTown(loaded=loaded, slug=loaded.path.stem, from_defaults=False)

    def clause(self, clause_id: str) -> Loaded[ClauseModule]:
        """Find a clause by id.

        Raises:
            NotFoundError: no such clause, with the closest ids as a suggestion.
        """
        if clause_id in self.clauses:
            return self.clauses[clause_id]
        raise NotFoundError(f"no clause with id {clause_id!r}", hint=self.clause_hint(clause_id))

    def clause_hint(self, clause_id: str) -> str:
        """A suggestion for a clause id that does not exist."""
        return library_hint(clause_id, list(self.clauses))


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")


@functools.lru_cache(maxsize=16)
def _docx_paragraph_texts(path: Path) -> tuple[str, ...]:
    from docx import Document  # only the checks read templates this way

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return tuple(texts)


def library_hint(clause_id: str, ids: list[str]) -> str:
    """Suggest the closest clause ids, or where to look."""
    return did_you_mean(clause_id, ids, otherwise="`draftkit clauses list` shows every clause id")


def load_library(root: Path, *, lenient_towns: bool = False) -> Library:
    """Load and validate every data file under ``root``, all problems at once.

    A library that loaded without a problem is kept in :mod:`draftkit.data.disk_cache` under
    the content of every file in ``towns/`` and ``clauses/``; the next run with the same
    files reads it back instead of parsing and validating them again.

    Cross-references between files are checked separately by
    :func:`draftkit.review.checking.check_library`. With ``lenient_towns``, a town profile that
    does not load is kept aside in ``broken_towns`` instead: one bad profile then stops
    only the drafts that need it.

    Raises:
        ProblemList: every invalid file and field, each with path, line and hint.
    """
    key = disk_cache.folder_key(root, _LIBRARY_FOLDERS, f"lenient={lenient_towns}")
    cached = disk_cache.load("library", key)
    if isinstance(cached, Library):
        return cached
    library = dataclasses.replace(_read_library(root, lenient_towns=lenient_towns), cache_key=key)
    if not library.broken_towns:
        for clause_id in library.clauses:
            library.definitions_sha256(clause_id)  # every draft asks; keep them with it
        disk_cache.store("library", key, library)
    return library


_ROOT_HINT = "run draftkit from the project folder (it holds towns/ and clauses/), or pass --root"
_LIBRARY_FOLDERS = ("towns", "clauses")
"""Every file :func:`load_library` reads is in these folders."""


def _read_library(root: Path, *, lenient_towns: bool) -> Library:
    problems: list[DraftkitError] = []
    shown = _Display(root)
    towns: dict[str, Loaded[TownProfile]] = {}
    clauses: dict[str, Loaded[ClauseModule]] = {}

    towns_dir, clauses_dir = root / "towns", root / "clauses"
    if not root.is_dir():
        raise DataError("the project folder does not exist", path=str(root), hint=_ROOT_HINT)
    for folder in (towns_dir, clauses_dir):
        if not folder.is_dir():
            problems.append(
                DataError(
                    f"folder not found in {root.resolve()}",
                    path=shown(folder),
                    hint=_ROOT_HINT,
                )
            )
    raise_if_any(problems)

    broken: dict[str, list[DraftkitError]] = {}
    for path in sorted(towns_dir.glob("*.yaml")):
        if path.name in TOWN_DATA_FILES:
            continue
        found: list[DraftkitError] = []
        town = _collect(found, TownProfile, path, "town", shown)
        if town is not None:
            towns[path.stem] = town
        else:
            broken[path.stem] = found
            problems.extend(found)

    unloaded: list[Path] = []
    for path in sorted(clauses_dir.glob("*.yaml")):
        if path.name in CATALOG_FILES:
            continue
        clause = _collect(problems, ClauseModule, path, "clause", shown)
        if clause is None or clause.value.id != path.stem:
            unloaded.append(path)
        if clause is None:
            continue
        if clause.value.id != path.stem:
            problems.append(
                clause.error(
                    ("id",),
                    f"id {clause.value.id!r} does not match the file name",
                    hint=f"rename the file to {clause.value.id}.yaml or set id: {path.stem}",
                )
            )
            continue
        clauses[clause.value.id] = clause

    loopholes = _collect(
        problems, LoopholeCatalog, clauses_dir / LOOPHOLES_FILE, "loopholes", shown
    )
    glossary = _collect(problems, Glossary, clauses_dir / GLOSSARY_FILE, "glossary", shown)
    registry = defaults = None
    if (towns_dir / REGISTRY_FILE).exists():
        try:
            registry = load_registry(towns_dir)
        except DraftkitError as problem:
            problems.append(problem)
        defaults = _collect(problems, GovernanceDefaults, towns_dir / DEFAULTS_FILE, "town", shown)
    reviews: dict[str, Loaded[ReviewLog]] = {}
    for path in sorted((clauses_dir / REVIEWS_DIR).glob("*.yaml")):
        log = _collect(problems, ReviewLog, path, "review", shown)
        if log is None:
            continue
        if path.stem not in clauses:
            if (clauses_dir / f"{path.stem}.yaml").exists():
                continue  # the clause did not load (its problems are listed): not missing
            problems.append(
                DataError(
                    f"reviews for a clause that does not exist: {path.stem!r}",
                    path=shown(path),
                    hint=library_hint(path.stem, list(clauses)),
                )
            )
            continue
        reviews[path.stem] = log
    if unloaded:  # what checking the clauses will find, in this run rather than the next
        from draftkit.review.stand_ins import later_problems

        partial = Library(root, towns, clauses, loopholes, glossary, registry, defaults)
        problems += later_problems(partial, unloaded)
    if lenient_towns and len(problems) == sum(len(found) for found in broken.values()):
        problems = []  # only town profiles are broken: each stops its own drafts
    raise_if_any(problems)
    return Library(
        broken_towns=broken,
        reviews=reviews,
        root=root,
        towns=towns,
        clauses=clauses,
        loopholes=loopholes,
        glossary=glossary,
        registry=registry,
        defaults=defaults,
    )


class _Display:
    """Shows paths relative to the project root, as a user would type them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __call__(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _collect(
    problems: list[DraftkitError],
    model: type[ModelT],
    path: Path,
    schema_name: str,
    shown: _Display,
) -> Loaded[ModelT] | None:
    try:
        return load(model, path, schema_name=schema_name, display=shown(path))
    except ProblemList as many:
        problems.extend(many.problems)
    except DraftkitError as one:
        problems.append(one)
    return None
