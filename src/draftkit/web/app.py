"""The application: built once from a project folder, its library loaded and checked
at start-up."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from draftkit.data.clause_models import LibraryInSpanish
from draftkit.data.library import Library, load_library
from draftkit.data.loading import Loaded
from draftkit.data.spanish import load_spanish
from draftkit.errors import raise_if_any
from draftkit.review.checking import check_profiles_against_registry, problems_for_drafts
from draftkit.web import routes
from draftkit.web.i18n import LANGS, pick_language
from draftkit.web.pages import render

MAX_BODY_BYTES = 64 * 1024
"""Largest request body accepted: the longest honest form is a few kilobytes."""

STATIC_FILES = ("app.css", "suggest.js")


ROOT_VARIABLE = "DRAFTKIT_ROOT"


def check_project(root: Path) -> tuple[Library, Loaded[LibraryInSpanish] | None]:
    """Load the project's data and check it, as ``draftkit check`` does, with the
    library's words in Spanish.

    A Spanish entry that is missing or says English since changed is not a reason to
    refuse to start: the page shows that clause's English, labelled, until it is
    brought up to date (``draftkit check`` reports it).

    Raises:
        ProblemList: every problem, so the service never starts on broken data.
    """
    library = load_library(root)
    raise_if_any(problems_for_drafts(library) + check_profiles_against_registry(library))
    return library, load_spanish(library)


def app_from_environment() -> FastAPI:
    """The app for the project named by ``DRAFTKIT_ROOT`` (what each worker of
    ``draftkit serve`` builds)."""
    return create_app(Path(os.environ.get(ROOT_VARIABLE, ".")))


def create_app(root: Path, *, pdf: bool = True) -> FastAPI:
    """The web service for the project at ``root``.

    Args:
        root: Project folder holding towns/, clauses/ and resolutions/ (read only).
        pdf: Offer PDFs when LibreOffice is installed.

    Raises:
        ProblemList: the project's data does not load or check, as for ``draftkit check``.
    """
    library, spanish = check_project(root)
    app = FastAPI(
        title="draftkit", docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False
    )
    app.state.library = library
    app.state.spanish = spanish
    app.state.pdf = pdf
    app.state.static = {
        name: resources.files("draftkit.web").joinpath("static", name).read_bytes()
        for name in STATIC_FILES
    }
    app.include_router(routes.router)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    return app


def _lang_of(request: Request) -> str:
    first = request.url.path.strip("/").split("/")[0]
    return first if first in LANGS else pick_language(request.headers.get("accept-language"))


async def _http_error(request: Request, exc: HTTPException) -> Response:
    status = exc.status_code
    key = status if status in (400, 404, 405, 413) else 400
    return render(_lang_of(request), "error.html", {"code": key}, status=status)


async def _server_error(request: Request, exc: Exception) -> Response:
    # A bug, not a user's mistake: a plain page, never a traceback.
    return render(_lang_of(request), "error.html", {"code": 500}, status=500)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether or not the client
    said how long the body is."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = render(_lang_of(request), "error.html", {"code": 413}, status=413)
        await response(scope, receive, send)
