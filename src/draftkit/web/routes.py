"""The pages, one route per step. Each route reads the request with ``forms``, calls
one function of ``steps`` (which calls the core), and renders or sends bytes."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from draftkit.data.library import Library
from draftkit.data.spanish import library_words
from draftkit.drafting.pipeline import Draft
from draftkit.errors import DraftkitError
from draftkit.web import steps
from draftkit.web.facts_page import facts_page, field_problems, policing_page, worded
from draftkit.web.forms import Answers, FormData, Problem, read_answers
from draftkit.web.i18n import LANGS, Translator, pick_language
from draftkit.web.pages import SWITCH, SwitchForm, place_label, place_words, printable, render
from draftkit.web.pdf import PdfUnavailable, soffice, to_pdf

router = APIRouter()

MAX_FORM_FIELDS = 200


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise HTTPException(404)
    return lang


def _library(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


def _query(request: Request) -> FormData:
    return FormData(list(request.query_params.multi_items()))


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def _form(request: Request) -> FormData:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in FORM_TYPES:
        # Only the pages' own forms post here; JSON or anything else is not read.
        raise HTTPException(400)
    async with request.form(max_files=0, max_fields=MAX_FORM_FIELDS) as form:
        return FormData([(k, v) for k, v in form.multi_items() if isinstance(v, str)])


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
def root(request: Request) -> Response:
    """Send the browser to the pages in the language asked for (``/?lang=es``), or else
    the one it prefers."""
    asked = request.query_params.get("lang", "")
    lang = asked if asked in LANGS else pick_language(request.headers.get("accept-language"))
    return RedirectResponse(f"/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})


@router.api_route("/static/{name}", methods=["GET", "HEAD"], include_in_schema=False)
def static(request: Request, name: str) -> Response:
    """The stylesheet and the script, from memory: a request never names a file."""
    files: dict[str, bytes] = request.app.state.static
    if name not in files:
        raise HTTPException(404)
    kind = "text/css; charset=utf-8" if name.endswith(".css") else "text/javascript; charset=utf-8"
    return Response(files[name], media_type=kind, headers={"Cache-Control": "max-age=3600"})


@router.api_route("/{lang}", methods=["GET", "HEAD"], include_in_schema=False)
def home_without_slash(lang: str) -> Response:
    """``/es`` -> ``/es/``."""
    return RedirectResponse(f"/{_lang(lang)}/", status_code=308)


@router.api_route("/{lang}/", methods=["GET", "HEAD"], include_in_schema=False)
def home(lang: str, request: Request) -> Response:
    """Step 1: what the measure does, and which municipality (the name already typed,
    when the language switch brings it)."""
    name = _query(request).get("name")[:100]
    return _home(_lang(lang), name=name, status=200, request=request)


def _home(
    lang: str,
    *,
    name: str,
    status: int,
    lookup: steps.Lookup | None = None,
    problem: str = "",
    request: Request | None = None,
) -> Response:
    names = steps.name_list(_library(request)) if request is not None else []
    return render(
        lang,
        "home.html",
        {"name": printable(name), "lookup": lookup, "problem": problem, "names": names},
        status=status,
        # With a lookup's answer on the page, the switch asks the same question again;
        # else it carries the name as typed in the box.
        path="town" if lookup else "",
        fields=[("name", name)] if lookup else [],
        form=None if lookup else SwitchForm("town-form", "", "get", "home"),
    )


@router.api_route("/{lang}/town", methods=["GET", "HEAD"], include_in_schema=False)
def town(lang: str, request: Request) -> Response:
    """Step 1, answered: to the facts, or choices, "did you mean", or why not."""
    lang = _lang(lang)
    query = _query(request)
    name = query.get("name").strip()
    t = Translator(lang)
    if not name:
        return _home(lang, name="", status=422, problem=t("problem.blank"), request=request)
    if len(name) > 100:
        return _home(
            lang, name="", status=422, problem=t("problem.too_long", limit=100), request=request
        )
    lookup = steps.look_up(_library(request), name)
    if lookup.outcome == "found":
        return RedirectResponse(f"/{lang}/facts?town={quote(lookup.slug)}", status_code=303)
    if lookup.outcome == "unorganized":
        return render(
            lang,
            "unorganized.html",
            {"place": lookup.place},
            path="town",
            fields=[("name", name)],
        )
    status = 200 if lookup.outcome == "ambiguous" else 422
    return _home(lang, name=name, status=status, lookup=lookup, request=request)


@router.api_route("/{lang}/suggest", methods=["GET", "HEAD"], include_in_schema=False)
def suggest(lang: str, request: Request) -> Response:
    """Names for the suggestion list as a person types (JSON, for the small script)."""
    _lang(lang)
    typed = _query(request).get("q")[:100]
    found = steps.suggestions(_library(request), typed)
    t = Translator(lang)
    return JSONResponse([{"slug": c.slug, "label": place_label(t, c.place)} for c in found])


@router.api_route("/{lang}/facts", methods=["GET", "HEAD"], include_in_schema=False)
def facts(lang: str, request: Request) -> Response:
    """Step 2: the town's facts, pre-filled, each with its source; or the policing
    question when nobody knows who polices the town."""
    lang = _lang(lang)
    query = _query(request)
    answers, problems = read_answers(query)
    if query.get(SWITCH) == "policing":
        # The language switch on the policing question: the same question again, with
        # the answer as it stands, never checked.
        try:
            return policing_page(lang, _library(request), answers, {}, status=200)
        except DraftkitError:
            raise HTTPException(404) from None  # an unknown town in a hand-made address
    return facts_page(lang, request, answers, problems, status=422 if problems else 200)


@router.post("/{lang}/protections", include_in_schema=False)
async def protections(lang: str, request: Request) -> Response:
    """Step 3: the facts checked by the profile model; then the protections to choose."""
    lang = _lang(lang)
    form = await _form(request)
    answers, problems = read_answers(form)
    shown = form.get("policing_shown")
    changed = bool(shown) and answers.policing is not None and answers.policing != shown
    switched = form.get(SWITCH)
    if switched == "protections":
        # The language switch on the protections page: the same choices, ticked or not.
        return _protections(lang, request, answers, problems, {}, chosen_given=True)
    if switched == "facts":
        # The language switch on the facts page: the same page with every answer as
        # typed, never checked (a person switching language has not asked for "Next").
        if changed:
            answers = steps.with_new_policing(answers)
        return facts_page(lang, request, answers, {}, status=200, quiet=True)
    if form.get("update") == "policing" or changed:
        # The policing answer changed (or its button was pressed): the facts page again,
        # with every other answer kept and the police facts of the new answer.
        if changed:
            answers = steps.with_new_policing(answers)
        kept = {k: v for k, v in problems.items() if k not in ("policing", "agency")}
        return facts_page(lang, request, answers, kept, status=422 if kept else 200)
    return _protections(lang, request, answers, problems, {})  # drafting work: see download()


def _protections(
    lang: str,
    request: Request,
    answers: Answers,
    problems: dict[str, Problem],
    clause_problems: dict[str, Problem],
    *,
    chosen_given: bool = False,
) -> Response:
    """The protections page; ``chosen_given``: the clauses in ``answers`` are the
    person's choice even when none is ticked (else none means every default)."""
    library = _library(request)
    try:
        # The core checks every answer the edge accepted, so all problems show at once.
        corrected = steps.corrected_profile(library, steps.without(answers, problems))
    except DraftkitError as error:
        found = {**field_problems(error), **problems}
        return facts_page(lang, request, answers, found, status=422)
    if problems:
        return facts_page(lang, request, answers, problems, status=422)
    profile = corrected.profile
    chosen = answers.clauses if answers.clauses or chosen_given else None
    offers = steps.clause_offers(library, corrected.resolved, profile, chosen)
    words = library_words(library, request.app.state.spanish, lang)
    return render(
        lang,
        "protections.html",
        {
            "answers": answers,
            "profile": profile,
            "offers": offers,
            "words": words,
            "errors": worded(lang, clause_problems),
        },
        status=422 if clause_problems else 200,
        path="protections",
        form=SwitchForm("protections-form", "protections", "post", "protections"),
    )


@router.post("/{lang}/preview", include_in_schema=False)
async def preview(lang: str, request: Request) -> Response:
    """Step 4: the documents' text as it will read in Word, and the downloads."""
    lang = _lang(lang)
    answers, problems = read_answers(await _form(request))
    return _preview(lang, request, answers, problems)  # drafting work: see download()


def _draft_or_page(
    lang: str,
    request: Request,
    answers: Answers,
    problems: dict[str, Problem],
    only: str | None = None,
) -> tuple[Draft, steps.Corrected] | Response:
    if problems:
        return facts_page(lang, request, answers, problems, status=422)
    if not answers.clauses:
        return _protections(lang, request, answers, {}, {"form": Problem("no_clauses")})
    library = _library(request)
    try:
        return steps.make_draft(library, answers, only)
    except DraftkitError as error:
        found = field_problems(error)
    if any(problem.code.startswith("clause_") for problem in found.values()):
        placed = {
            (key if key in library.clauses else "form"): problem for key, problem in found.items()
        }
        return _protections(lang, request, answers, {}, placed)
    return facts_page(lang, request, answers, found, status=422)


def _preview(
    lang: str, request: Request, answers: Answers, problems: dict[str, Problem]
) -> Response:
    made = _draft_or_page(lang, request, answers, problems)
    if isinstance(made, Response):
        return made
    draft, corrected = made
    documents = steps.preview(draft)
    names = list(draft.files)
    profile = corrected.profile
    place = place_words(
        lang,
        name=profile.name,
        kind=profile.kind,
        shared=steps.shares_name(_library(request), profile.name),
        clerk=profile.governing_body.clerk_title,
    )
    return render(
        lang,
        "preview.html",
        {
            "answers": answers,
            "profile": corrected.profile,
            "documents": documents,
            "files": names,
            "pdf": bool(request.app.state.pdf and soffice()),
            "profile_name": steps.profile_file(draft, corrected)[0],
            "zip_name": steps.zip_file(draft, {})[0],
        },
        path="preview",
        fields=answers.hidden(),
        method="post",
        place=place,
    )


@router.post("/{lang}/download", include_in_schema=False)
async def download(lang: str, request: Request) -> Response:
    """Step 5: one file of the draft, the profile YAML, a PDF, or everything as a .zip."""
    lang = _lang(lang)
    form = await _form(request)
    answers, problems = read_answers(form)
    wanted = form.get("file")
    if wanted.startswith("pdf:"):
        # LibreOffice runs as another process: this worker waits, so it may take other
        # requests meanwhile.
        return await run_in_threadpool(_download, lang, request, answers, problems, wanted)
    # Drafting is Python work under the GIL: threads would not draft two documents at
    # once, and a worker whose event loop were free would keep accepting connections
    # while its thread drafts, leaving the other workers idle. Drafting in the event
    # loop, a busy worker accepts nothing and the operating system hands the next
    # connection to a free worker, as in a pre-forking server (make bench-web).
    return _download(lang, request, answers, problems, wanted)


def _download(
    lang: str, request: Request, answers: Answers, problems: dict[str, Problem], wanted: str
) -> Response:
    # One Word document (or its PDF) needs only that document rendered; the .zip, the
    # profile and the manifest stand on the whole draft.
    document = wanted.removeprefix("pdf:")
    only = document if document.endswith(".docx") else None
    made = _draft_or_page(lang, request, answers, problems, only)
    if isinstance(made, Response):
        return made
    draft, corrected = made
    profile_name, profile_bytes = steps.profile_file(draft, corrected)
    if wanted == "zip":
        name, data = steps.zip_file(draft, {profile_name: profile_bytes})
    elif wanted == "profile":
        name, data = profile_name, profile_bytes
    elif wanted.startswith("pdf:") and wanted[4:] in draft.files and wanted.endswith(".docx"):
        source = wanted[4:]
        try:
            data = to_pdf(source, draft.files[source]) if request.app.state.pdf else b""
        except PdfUnavailable:
            data = b""
        if not data:
            return render(lang, "error.html", {"code": "pdf"}, status=503)
        name = source.removesuffix(".docx") + ".pdf"
    elif wanted in draft.files:
        name, data = wanted, draft.files[wanted]
    else:
        raise HTTPException(404)
    # A browser keeps its connection to one worker; a draft costs far more than a new
    # connection, so the next download is accepted by whichever worker is free (with 8
    # at a time on 2 workers this cut p95 by about a third, make bench-web).
    return Response(
        data,
        media_type=_media_type(name),
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Connection": "close"},
    )


def _media_type(name: str) -> str:
    if name.endswith(".docx"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if name.endswith(".json"):
        return "application/json"
    if name.endswith(".yaml"):
        return "application/yaml"
    if name.endswith(".pdf"):
        return "application/pdf"
    return "application/zip"
