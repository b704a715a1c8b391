"""Citations point to official sources, and every link in the clause library is well
formed. Links are tested for form only (no network in tests)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from tests.conftest import REPO

from draftkit.data.library import load_library

LIBRARY = load_library(REPO)

OFFICIAL = (
    "legislature.vermont.gov",
    "uscode.house.gov",
    "www.ecfr.gov",
    "www.govinfo.gov",
    "www.federalregister.gov",
    "www.congress.gov",
    "leginfo.legislature.ca.gov",
)
"""Hosts of official statute and regulation texts; any *.gov host also counts."""

AGGREGATORS = (
    "instalawyer.io",
    "laws-info.com",
    "lexace.ai",
    "self-law.org",
    "omb.report",
    "formize.com",
    "folaform.com",
    "casetext.com",
    "justia.com",
    "law.cornell.edu",
    "lawsdocbox.com",
    "scribd.com",
    "therepublic.com",
)
"""Sites that copy law or documents from elsewhere: cite the original instead."""

URL = re.compile(r"https?://[^\s;,)\]>]+")


def _official(host: str) -> bool:
    return host in OFFICIAL or host.endswith(".gov")


def _all_urls() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted((REPO / "clauses").glob("*.yaml")):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            found.append((f"clauses/{path.name}", url.rstrip(".")))
    return found


URLS = _all_urls()


@pytest.mark.parametrize(("where", "url"), URLS, ids=[f"{w}:{u[:60]}" for w, u in URLS])
def test_every_link_is_well_formed_and_not_an_aggregator(where: str, url: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme == "https", f"{where}: use https: {url}"
    assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", parts.netloc), f"{where}: host in {url}"
    assert not parts.netloc.startswith(("http.", "https.")), f"{where}: doubled scheme {url}"
    assert not any(parts.netloc == a or parts.netloc.endswith("." + a) for a in AGGREGATORS), (
        f"{where}: {parts.netloc} copies its text from elsewhere; cite the official source"
    )


def test_authorities_and_related_law_link_only_to_official_texts() -> None:
    wrong = [
        f"{clause_id}: {c.cite}: {c.url}"
        for clause_id, loaded in LIBRARY.clauses.items()
        for c in loaded.value.citations
        if c.role in ("authority", "related")
        and c.url is not None
        and not _official(urlsplit(c.url).netloc)
    ]
    assert not wrong, "statutes and regulations link to official texts:\n" + "\n".join(wrong)


def test_vermont_statute_links_follow_the_legislatures_form() -> None:
    # https://legislature.vermont.gov/statutes/section/<title>/<chapter>/<section>
    form = re.compile(r"https://legislature\.vermont\.gov/statutes/section/\d{2}/\d{3}/\d{5}[a-z]?")
    bad = [u for _, u in URLS if "legislature.vermont.gov" in u and not form.fullmatch(u)]
    assert not bad


def test_the_form_checks_can_fail() -> None:
    assert not _official("instalawyer.io")
    assert _official("www.uscis.gov")
    assert URL.findall("see http://https.omb.report/x; and more") == ["http://https.omb.report/x"]


def test_code_citations_link_to_their_official_code() -> None:
    """A citation of the U.S. Code links to uscode.house.gov and one of the C.F.R. to
    ecfr.gov, never to an agency's program page or an advocacy site (counsel review
    2026-12-01, LN2: § 1357(g) linked to ice.gov, § 1367 to ilrc.org, § 1644 to
    nothing)."""
    hosts = {"U.S.C.": "uscode.house.gov", "C.F.R.": "www.ecfr.gov"}
    wrong = [
        f"{clause_id}: {c.cite}: {c.url}"
        for clause_id, loaded in LIBRARY.clauses.items()
        for c in loaded.value.citations
        for code, host in hosts.items()
        if re.match(rf"\d+ {re.escape(code)} §", c.cite)
        and (c.url is None or urlsplit(c.url).netloc != host)
    ]
    assert not wrong, "\n".join(wrong)
