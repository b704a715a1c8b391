"""The one Jinja environment, clause text rendering, and Word rendering in memory.

Two layers are rendered with environments built by the same function:
clause texts (plain text, so not escaped) and then the Word template, whose XML gets
every value escaped. A value is always inserted as text: a town named ``{{ 7*7 }}``
stays ``{{ 7*7 }}`` because a rendered value is never rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from draftkit.compiled_template import CompiledTemplate, RenderedDocument
from draftkit.errors import TemplateProblem
from draftkit.loading import Loaded, Loc
from draftkit.models import TownProfile


class MissingValue(jinja2.UndefinedError):
    """A template printed a value that is None or empty."""


def _refuse_blank(value: Any) -> Any:
    # A blank in a legal document is a defect a clerk may not notice: fail instead.
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MissingValue("a value printed by the template is empty")
    return value


def make_environment(*, autoescape: bool) -> SandboxedEnvironment:
    """The one way draftkit builds a Jinja environment.

    Sandboxed (templates cannot reach Python internals), ``StrictUndefined`` (a missing
    value is an error, never a blank) and a ``finalize`` hook that refuses ``None`` and
    empty strings. ``autoescape`` is on for Word XML and off for plain clause text.
    """
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        finalize=_refuse_blank,
        keep_trailing_newline=False,
    )


_TEXT_ENV = make_environment(autoescape=False)
"""The environment for plain clause text; never handed to docxtpl, which would turn
autoescape on."""


def clause_context(town: TownProfile) -> dict[str, Any]:
    """The values clause texts and glossary definitions may use."""
    return {
        "town": {
            "name": town.name,
            "legal_name": town.legal_name,
            "kind": town.kind,
            "county": town.county,
        },
        "body": {
            "name": town.governing_body.name,
            "presiding_officer_title": town.governing_body.presiding_officer_title,
            "clerk_title": town.governing_body.clerk_title,
        },
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
        },
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

    def __init__(self, town: TownProfile) -> None:
        self.context = clause_context(town)

    def render(self, source: str, owner: Loaded[Any], loc: Loc) -> str:
        """Render one text, turning template errors into errors at the owner's field.

        Raises:
            TemplateProblem: the text uses a value that does not exist, is empty, or is
                not valid template syntax.
        """
        if not any(mark in source for mark in ("{{", "{%", "{#")):
            # Most clause paragraphs print no value: Jinja would return them unchanged,
            # so they skip compiling (a third of a cold draft's time).
            return source.removesuffix("\n")
        try:
            return _compiled(source).render(self.context)
        except jinja2.TemplateSyntaxError as exc:
            raise owner.error(
                loc,
                f"template syntax error: {exc.message}",
                hint="values are written {{ agency.name }}; check the braces",
            ) from None
        except MissingValue:
            raise owner.error(loc, "uses a value that is empty for this town") from None
        except jinja2.UndefinedError as exc:
            raise owner.error(
                loc,
                f"unknown template value: {_full_name(source, _undefined_name(exc))}",
                hint="available values: " + ", ".join(available_names(self.context)),
            ) from None


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> jinja2.Template:
    # Clause texts are the same for every town; compile each once per process.
    return _TEXT_ENV.from_string(source)


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
        found = CompiledTemplate(data, shown=shown, env=make_environment(autoescape=True))
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


def render_docx(template_path: Path, context: Mapping[str, Any], *, shown: str) -> bytes:
    """Render a Word template with ``context`` and return the .docx bytes.

    Raises:
        TemplateProblem: the template is broken or uses a value the context lacks.
        RenderError: a rendered part is not well-formed XML.
    """
    template, _ = compiled_template(template_path, shown=shown)
    return render_document(template, context, name=shown).package()
