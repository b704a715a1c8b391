"""The one Jinja environment, clause text rendering, and Word rendering in memory.

Two layers are rendered with environments built by the same function:
clause texts (plain text, so not escaped) and then the Word template, whose XML gets
every value escaped. A value is always inserted as text: a town named ``{{ 7*7 }}``
stays ``{{ 7*7 }}`` because a rendered value is never rendered again.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

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


def render_docx(template_path: Path, context: Mapping[str, Any], *, shown: str) -> bytes:
    """Render a Word template with ``context`` and return the .docx bytes.

    Raises:
        TemplateProblem: the template has a syntax error or uses a value the
            context lacks; the message quotes the paragraph around it.
    """
    template = DocxTemplate(template_path)
    env = make_environment(autoescape=True)
    try:
        template.render(dict(context), jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"template syntax error: {exc.message}{_near(exc)}",
            path=shown,
            hint="open the template in Word and fix the tag; "
            "`draftkit templates check` lists every problem",
        ) from None
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
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _near(exc: jinja2.TemplateError) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) if line.strip()]
    return f" (near: {' / '.join(lines)[:160]})" if lines else ""
