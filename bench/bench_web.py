"""Benchmark: the drafting service under a bounded load on 127.0.0.1.

Not a test: run it with `make bench-web`. It starts `draftkit serve --workers 2` on a
free port, walks to Brattleboro's preview once to get the answers a browser would send,
then downloads the police directive (.docx) REQUESTS times, CONCURRENCY at a time, and
prints requests per second, p50 and p95 latency and the error count. It compares p95
with the in-process time of the same draft (steps.make_draft, which calls
drafting.prepare_draft): the goal is 0 errors and p95 within 2x the in-process time.

Usage: python bench/bench_web.py [REQUESTS] [CONCURRENCY] [WORKERS]
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import httpx

from draftkit.web import steps
from draftkit.web.app import check_project
from draftkit.web.forms import FormData, read_answers

ROOT = Path(__file__).resolve().parents[1]
HEADERS = {"content-type": "application/x-www-form-urlencoded"}
REQUESTS, CONCURRENCY, WORKERS = (
    int(a) for a in (sys.argv[1:] + ["300", "8", "2"][len(sys.argv[1:]) :])
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def form_pairs(page: str, action: str) -> list[tuple[str, str]]:
    """The fields a browser would send from the form to ``action`` (checked boxes only)."""
    body = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S
    )
    assert body, action
    pairs = []
    for tag in re.finditer(r"<input ([^>]*)>", body.group(1)):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(1)))
        if attrs.get("type") in ("checkbox", "radio") and " checked" not in tag.group(1):
            continue
        if "name" in attrs:
            pairs.append((attrs["name"], unescape(attrs.get("value", ""))))
    for area in re.finditer(
        r'<textarea[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>', body.group(1), re.S
    ):
        pairs.append((area.group(1), unescape(area.group(2))))
    return pairs


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "draftkit",
            "--root",
            str(ROOT),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(WORKERS),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    phases: dict[str, tuple[list[tuple[float, bool]], float]] = {}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/en/").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    print(
                        "the server did not start:",
                        server.stderr.read().decode() if server.stderr else "",
                    )
                    return 1
                time.sleep(0.2)
            facts = client.get("/en/facts", params={"town": "brattleboro", "date": "2026-03-02"})
            chosen = client.post(
                "/en/protections", data=dict(form_pairs(facts.text, "/en/protections"))
            )
            preview = client.post(
                "/en/preview",
                content=str(httpx.QueryParams(form_pairs(chosen.text, "/en/preview"))),
                headers=HEADERS,
            ).text
            download = form_pairs(preview, "/en/download")
            wanted = next(
                value
                for value in re.findall(r'name="file" value="([^"]*)"', preview)
                if value.endswith("police-directive.docx")
            )

            def body(sponsor: str) -> str:
                pairs = [(k, sponsor if k == "sponsors" else v) for k, v in download]
                return str(httpx.QueryParams([*pairs, ("file", wanted)]))

            def one(content: str) -> tuple[float, bool]:
                start = time.perf_counter()
                try:
                    response = client.post("/en/download", content=content, headers=HEADERS)
                    ok = response.status_code == 200 and response.content[:2] == b"PK"
                except httpx.HTTPError:
                    ok = False
                return time.perf_counter() - start, ok

            for warm in range(WORKERS * 2):
                one(body(f"Warm {warm}"))
            # Every request with different answers renders the whole draft (the worst
            # case); the same answers again are one person downloading file after file.
            for phase, bodies in (
                ("distinct answers", [body(f"Sponsor {i}") for i in range(REQUESTS)]),
                ("same answers", [body("Ana Perez")] * REQUESTS),
            ):
                started = time.perf_counter()
                with ThreadPoolExecutor(CONCURRENCY) as pool:
                    results = list(pool.map(one, bodies))
                phases[phase] = (results, time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=10)

    library, _ = check_project(ROOT)
    samples = []
    for index in range(7):
        answers, _ = read_answers(FormData([*download, ("sponsors", f"In process {index}")]))
        start = time.perf_counter()
        steps.make_draft(library, answers)
        samples.append(time.perf_counter() - start)
    in_process = statistics.median(samples)

    print(
        f"draftkit serve --workers {WORKERS}: {REQUESTS} police-directive .docx downloads "
        f"per phase, {CONCURRENCY} at a time"
    )
    print(f"  in-process draft   {in_process * 1000:6.0f} ms (steps.make_draft, median of 7)")
    failed = 0
    for phase, (results, elapsed) in phases.items():
        latencies = sorted(seconds for seconds, _ in results)
        errors = sum(1 for _, ok in results if not ok)
        failed += errors
        p50 = statistics.median(latencies)
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(
            f"  {phase:17}  {REQUESTS / elapsed:5.1f} req/s  p50 {p50 * 1000:6.0f} ms  "
            f"p95 {p95 * 1000:6.0f} ms  errors {errors}  p95/in-process {p95 / in_process:5.2f}x"
        )
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
