"""Rendering pages: the one Jinja environment for the web pages, the language switch,
and the wording of problems in the page's language."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from starlette.responses import HTMLResponse

from draftkit.data.registry import Municipality
from draftkit.errors import DraftkitError
from draftkit.web.forms import Problem
from draftkit.web.i18n import LANGS, Translator

SWITCH = "switch"
"""The name of the language switch's button, when it submits the page's form; its value
names the page to show again (``SwitchForm.page``)."""


@dataclass(frozen=True)
class SwitchForm:
    """A language switch that submits the page's form: to ``action`` (after the other
    language), by ``method``, asking for ``page`` again with the answers as they stand."""

    form_id: str
    action: str
    method: str
    page: str


@functools.cache
def environment() -> SandboxedEnvironment:
    """Templates from the package, every value HTML-escaped, a missing value an error."""
    return SandboxedEnvironment(
        loader=jinja2.PackageLoader("draftkit.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def other_lang(lang: str) -> str:
    """The language the switch offers."""
    return next(other for other in LANGS if other != lang)


def render(
    lang: str,
    name: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
    path: str = "",
    fields: Sequence[tuple[str, str]] = (),
    method: str = "get",
    form: SwitchForm | None = None,
    place: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render template ``name`` in ``lang``.

    ``path`` (after the language), ``fields`` and ``method`` say how the language switch
    repeats this request in the other language: a link for a GET page, a small form
    carrying the answers for a POST page. On a page whose form holds answers not yet
    sent, ``form`` makes the switch a button of that form instead, so that it carries
    what the person has typed. ``place`` (from ``place_words``) is what the page's
    messages may print about the place picked.
    """
    other = other_lang(lang)
    switch_url = f"/{other}/{path}"
    if form is not None:
        switch_url = f"/{other}/{form.action}"
    elif method == "get" and fields:
        switch_url += "?" + urlencode(list(fields))
    html = (
        environment()
        .get_template(name)
        .render(
            lang=lang,
            t=Translator(lang, place),
            other=other,
            other_t=Translator(other),
            switch={
                "url": switch_url,
                "method": method,
                "fields": list(fields),
                "form": form,
            },
            place_label=functools.partial(place_label, Translator(lang)),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status)


def printable(text: str) -> str:
    """``text`` without control and format characters (BEL, zero-width space, a
    right-to-left override): a page that repeats what a person typed never hides a
    character in it or lets one turn the sentence around it."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))


def place_words(lang: str, *, name: str, kind: str, shared: bool, clerk: str) -> dict[str, str]:
    """What a page's messages say about the place picked: ``place``, its name as a title
    prints it (``Albany (village)`` where a town and a village share the name, else the
    name alone), ``kind`` ("village", "villa") and ``clerk`` (its clerk's title)."""
    t = Translator(lang)
    word = t(f"place.kinds.{kind}") if t.has(f"place.kinds.{kind}") else kind
    return {"place": f"{name} ({word})" if shared else name, "kind": word, "clerk": clerk}


def place_label(t: Translator, place: Municipality) -> str:
    """``Barre City (city, Washington County)`` in the page's language."""
    kind = t(f"place.kinds.{place.kind}") if t.has(f"place.kinds.{place.kind}") else place.kind
    if place.parent_town:
        return t(
            "place.label_in",
            name=place.name,
            kind=kind,
            parent=place.parent_town,
            county=place.county,
        )
    return t("place.label", name=place.name, kind=kind, county=place.county)


def word_problem(t: Translator, problem: Problem) -> str:
    """A field's problem in the page's language."""
    key = f"problem.{problem.code}"
    if not t.has(key):
        # The core's own English words, when there are any; never an empty "()".
        key = "problem.invalid" if problem.details.get("english") else "problem.invalid_plain"
    return t(key, **{"english": "", **problem.details})


def problem_of(error: DraftkitError) -> Problem:
    """A core error as a problem the page words; its English message as a last resort."""
    if error.code is not None:
        return Problem(error.code, {"english": error.message})
    return Problem("core", {"english": error.message})
