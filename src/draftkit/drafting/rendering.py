"""Clause text rendering and Word rendering in memory, with the one environment from
:mod:`draftkit.drafting.sandbox`.

Two layers are rendered with environments built by the same function:
clause texts (plain text, so not escaped) and then the Word template, whose XML gets
every value escaped. A value is always inserted as text: a town named ``{{ 7*7 }}``
stays ``{{ 7*7 }}`` because a rendered value is never rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

from draftkit.data import disk_cache
from draftkit.data.loading import Loaded
from draftkit.data.plain_errors import Loc
from draftkit.data.town_models import TownProfile
from draftkit.drafting.sandbox import (
    MAX_OUTPUT_LENGTH,
    RUNTIME_ERRORS,
    MissingValue,
    make_environment,
    runtime_message,
)
from draftkit.errors import TemplateProblem, raise_if_any
from draftkit.word.compiled_template import CompiledTemplate, RenderedDocument

_TEXT_ENV = make_environment(autoescape=False)
"""The environment for plain clause text; never handed to docxtpl, which would turn
autoescape on."""


def town_values(town: TownProfile, called: str | None = None) -> dict[str, dict[str, str]]:
    """``town`` and ``body``: the municipality's names and its governing body's, as every
    text (clause, template, companion) prints them: ``town.word`` is "Town", "City" or
    "Village"; ``body.possessive`` is the body's name in the possessive.

    ``town.called`` is what the document calls the municipality after "the": the term it
    defines for it where it defines one (``called``, e.g. "Village" in a contract addendum
    that says "the Village of Albany (the “Village”)"), its legal name otherwise.
    ``body.presiding_officer`` names the presiding officer's office: "Chair of the
    Selectboard", but "Mayor of the City of Barre", since a mayor holds an office of the
    city and presides over its council without being "Mayor of the City Council".
    """
    body = town.governing_body.name
    called = called or town.legal_name
    return {
        "town": {
            "name": town.name,
            "legal_name": town.legal_name,
            "called": called,
            "kind": town.kind,
            # "Town", "City" or "Village": what a document calls the municipality, so a
            # village's documents never call it a town.
            "word": town.kind.capitalize(),
            "county": town.county,
        },
        "body": {
            "name": body,
            # "the Board of Trustees' request", "the Selectboard's request".
            "possessive": body + _possessive_ending(body),
            "presiding_officer_title": town.governing_body.presiding_officer_title,
            "presiding_officer": presiding_office(
                town.governing_body.presiding_officer_title, body, called
            ),
            "clerk_title": town.governing_body.clerk_title,
        },
    }


MUNICIPAL_OFFICES = frozenset({"Mayor"})
"""Presiding officers' titles that are offices of the municipality rather than of its
body: the voters elect a mayor, who presides over the council ex officio (facts §4,
Burlington: "City Council with Mayor presiding"), so "the Mayor of the City Council"
names no office (fifth counsel review 2026-12-01, finding 7)."""


def presiding_office(title: str, body: str, called: str) -> str:
    """The presiding officer's office, to follow "the": "Chair of the Selectboard",
    "President of the Board of Trustees", "Mayor of the City of Winooski" (``called`` is
    what the document calls the municipality), or the title itself where it already says
    whose officer it is ("President of the Board of Aldermen")."""
    if " of " in title:
        return title
    if title in MUNICIPAL_OFFICES:
        return f"{title} of the {called}"
    return f"{title} of the {body}"


def _possessive_ending(name: str) -> str:
    # A name ending in a plural ("Board of Trustees") takes the apostrophe alone.
    return "'" if name.endswith("s") else "'s"


def clause_context(
    town: TownProfile,
    area: str | None = None,
    clauses: Sequence[str] = (),
    called: str | None = None,
) -> dict[str, Any]:
    """The values clause texts and glossary definitions may use.

    ``area`` is every municipality the agency serves when a department serves more than
    one (:mod:`draftkit.drafting.sharing`); otherwise the town itself. ``clauses`` lists the ids
    of the clauses in the document, so that a text referring to another clause's section
    can say what it does when that clause is left out. ``called`` is the term the document
    defines for the municipality, if any (:func:`town_values`).
    """
    return {
        **town_values(town, called),
        "lead": (
            "The directive shall provide"
            if town.police.body_may_direct
            else f"The {town.governing_body.name} asks that the directive provide"
        ),
        "agency": {
            "name": town.police.name,
            "head_title": town.police.head_title,
            "policy_adopted_by": town.police.policy_adopted_by,
            "directive_series": town.police.directive_series,
            "arrangement": town.police.arrangement,
            # Outside-redress names a body outside the agency (Burlington: its Police
            # Commission) to receive complaints until the governing body designates one.
            "approving_body": town.police.approving_body or "",
            # Where the yearly report counts the Agency's work: one department serving a
            # town and a village reports on both (second counsel review 2026-12-01, M1).
            "area": area or f"the {called or town.legal_name}",
        },
        "clauses": list(clauses),
    }


def available_names(context: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Dotted names of every value in ``context``, for hints: ``agency.name`` ..."""
    names: list[str] = []
    for key, value in context.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            names.extend(available_names(value, f"{dotted}."))
        else:
            names.append(dotted)
    return names


class TextRenderer:
    """Renders clause texts and glossary definitions for one town."""

    def __init__(
        self,
        town: TownProfile,
        area: str | None = None,
        clauses: Sequence[str] = (),
        called: str | None = None,
    ) -> None:
        self.context = clause_context(town, area, clauses, called)

    def render(self, source: str, owner: Loaded[Any], loc: Loc) -> str:
        """Render one text, turning template errors into errors at the owner's field.

        Raises:
            TemplateProblem: see :func:`render_text`.
        """
        return render_text(source, self.context, owner, loc)


def render_text(source: str, context: Mapping[str, Any], owner: Loaded[Any], loc: Loc) -> str:
    """Render one plain text held in a data file (a clause, a definition, a companion
    text) with ``context``, in the bounded sandbox, turning every template error into an
    error at the owner's file, line and field.

    Raises:
        TemplateProblem: the text uses a value that does not exist or is empty, is not
            valid template syntax, asks for more work than any document needs, or fails
            at run time.
    """
    if not any(mark in source for mark in ("{{", "{%", "{#")):
        # Most clause paragraphs print no value: Jinja would return them unchanged, so
        # they skip compiling (a third of a cold draft's time).
        return source.removesuffix("\n")
    try:
        _TEXT_ENV.start()
        text = _compiled(source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise owner.error(
            loc,
            f"template syntax error: {exc.message}",
            hint=_syntax_hint(exc.message or ""),
        ) from None
    except MissingValue:
        raise owner.error(loc, "uses a value that is empty for this town") from None
    except jinja2.UndefinedError as exc:
        raise owner.error(
            loc,
            f"unknown template value: {_full_name(source, _undefined_name(exc))}",
            hint="available values: " + ", ".join(available_names(context)),
        ) from None
    except RUNTIME_ERRORS as exc:
        raise owner.error(
            loc,
            runtime_message(exc),
            hint="texts print values, e.g. {{ town.name }}; keep expressions to that",
        ) from None
    if len(text) > MAX_OUTPUT_LENGTH:
        raise owner.error(loc, "renders to more text than any document holds")
    return text


def _syntax_hint(message: str) -> str:
    # Jinja names the tag it was looking for when a block is left open.
    for block in ("if", "for"):
        if f"'end{block}'" in message:
            return f"add {{% end{block} %}} where the text that depends on the {{% {block} %}} ends"
    return "values are written {{ town.name }}; check the braces"


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> jinja2.Template:
    # Clause texts are the same for every town: each is compiled once per process, and
    # its code is kept on disk for the next process (see save_compiled_texts).
    code = _text_codes().get(source)
    if code is None:
        code = _TEXT_ENV.compile(source)
        _NEW_TEXT_CODES[source] = code
    return _TEXT_ENV.template_class.from_code(_TEXT_ENV, code, _TEXT_ENV.make_globals(None), None)


@functools.cache
def _text_codes() -> dict[str, CodeType]:
    stored = disk_cache.load("texts", disk_cache.code_key())
    if not isinstance(stored, dict):
        return {}
    return {source: marshal.loads(code) for source, code in stored.items()}


_NEW_TEXT_CODES: dict[str, CodeType] = {}


def save_compiled_texts() -> None:
    """Keep the code of clause texts compiled by this process in the disk cache, beside
    what it held, so the next process compiles none of them again."""
    if not _NEW_TEXT_CODES:
        return
    known = {**_text_codes(), **_NEW_TEXT_CODES}
    if len(known) > _MAX_TEXT_CODES:  # texts of many edited versions: start afresh
        known = dict(_NEW_TEXT_CODES)
    disk_cache.store(
        "texts",
        disk_cache.code_key(),
        {source: marshal.dumps(code) for source, code in known.items()},
    )
    _text_codes().update(_NEW_TEXT_CODES)
    _NEW_TEXT_CODES.clear()


_MAX_TEXT_CODES = 4096


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    # Jinja says "'dict object' has no attribute 'chief'" or "'mayor' is undefined".
    text = str(exc.message)
    attr = re.search(r"has no attribute '([^']+)'", text)
    if attr:
        return attr.group(1)
    name = re.search(r"'([^']+)' is undefined", text)
    return name.group(1) if name else text


def _full_name(source: str, name: str) -> str:
    """``chief_name`` -> ``agency.chief_name`` as written in the template source."""
    match = re.search(r"([A-Za-z_][\w.]*\.)?" + re.escape(name) + r"\b", source)
    return match.group(0) if match else name


def compiled_template(path: Path, *, shown: str) -> tuple[CompiledTemplate, str]:
    """The template at ``path``, compiled once per process and content, and its SHA-256.

    Raises:
        TemplateProblem: the file cannot be read, is not a Word document, or holds a
            tag that is not valid template syntax.
        ProblemList: what :func:`draftkit.review.templates.template_problems` finds.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TemplateProblem("template not found", path=shown, hint=_RESTORE) from None
    except IsADirectoryError:
        raise TemplateProblem("is a folder, not a Word file", path=shown, hint=_RESTORE) from None
    except OSError as exc:
        raise TemplateProblem(f"cannot be read: {exc.strerror}", path=shown) from None
    digest = hashlib.sha256(data).hexdigest()
    found = _COMPILED.get((digest, shown))
    if found is None:
        # A template compiled by an earlier run passed every check below.
        key = disk_cache.content_key(data, shown)
        found = disk_cache.load("template", key)
        if not isinstance(found, CompiledTemplate):
            # Checked once per content: not a zip, a zip bomb, no body, malformed XML,
            # tracked changes. (Imported here: the template lint renders with this module.)
            from draftkit.review.templates import template_problems

            raise_if_any(template_problems(path, shown=shown))
            found = CompiledTemplate(data, shown=shown, env=make_environment(autoescape=True))
            disk_cache.store("template", key, found)
        _COMPILED[(digest, shown)] = found
    return found, digest


_RESTORE = "restore it from version control"
_COMPILED: dict[tuple[str, str], CompiledTemplate] = {}
"""Compiled templates by content hash: a batch compiles each template once."""


def render_document(
    template: CompiledTemplate, context: Mapping[str, Any], *, name: str
) -> RenderedDocument:
    """Render a compiled Word template with ``context``; ``name`` is the output file.

    Raises:
        TemplateProblem: the template uses a value the context lacks or that is empty.
        RenderError: a rendered part is not well-formed XML.
    """
    shown = template.shown
    template.env.start()
    try:
        return template.render(dict(context), name=name)
    except MissingValue:
        raise TemplateProblem(
            "the template prints a value that is empty for this town",
            path=shown,
            hint="fill in the profile field, or remove the tag from the template",
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"the template uses a value the town profile lacks: {_undefined_name(exc)}",
            path=shown,
            hint="available values: " + ", ".join(available_names(context)),
        ) from None
    except RUNTIME_ERRORS as exc:
        raise TemplateProblem(
            runtime_message(exc),
            path=shown,
            hint="templates print values and loop over lists; "
            "`draftkit templates check` lists every problem",
        ) from None


def render_docx(template_path: Path, context: Mapping[str, Any], *, shown: str) -> bytes:
    """Render a Word template with ``context`` and return the .docx bytes.

    Raises:
        TemplateProblem: the template is broken or uses a value the context lacks.
        RenderError: a rendered part is not well-formed XML.
    """
    template, _ = compiled_template(template_path, shown=shown)
    return render_document(template, context, name=shown).package()
