"""Benchmark: the drafting service under a bounded load on 127.0.0.1.

Not a test: run it with `make bench-web`. It starts `draftkit serve --workers 2` on a
free port, walks to Brattleboro's preview once to get the answers a browser would send,
then downloads the police directive (.docx) REQUESTS times, CONCURRENCY at a time and
again WORKERS at a time (as many requests in flight as workers: no queue), each with
different answers every request (cold: nothing drafted before) and with the same answers
(a person downloading file after file after the preview). For each it prints requests
per second, p50 and p95 latency, the error count, and p95 over the in-process time of
the whole draft (steps.make_draft, which checks the answers and calls
drafting.prepare_draft for every document, measured in this process before and after the
load): the goal is 0 errors and p95 within 2x that time. It also prints the in-process
time of what a cold download does (steps.make_draft with only= the one document), the
queueing bound (with CONCURRENCY requests on WORKERS single-threaded workers, each request
waits for the others queued on its worker), and the CPU seconds each worker spent in each
run (how evenly the requests were spread).

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
    phases: dict[tuple[int, str], tuple[list[tuple[float, bool]], float, list[float]]] = {}
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
            before = in_process(download, wanted, "before")
            # Every request with different answers renders its document afresh (the worst
            # case); the same answers again are one person downloading file after file.
            for concurrency in dict.fromkeys((CONCURRENCY, WORKERS)):
                for phase, bodies in (
                    (
                        "distinct answers",
                        [body(f"Sponsor {concurrency} {i}") for i in range(REQUESTS)],
                    ),
                    ("same answers", [body(f"Ana Perez {concurrency}")] * REQUESTS),
                ):
                    started = time.perf_counter()
                    cpu = worker_cpu(server.pid)
                    with ThreadPoolExecutor(concurrency) as pool:
                        results = list(pool.map(one, bodies))
                    used = worker_cpu(server.pid)
                    # Workers only: each spent a second or more loading the library.
                    spent = sorted(
                        (used[p] - cpu.get(p, 0.0) for p in used if used[p] >= 0.5), reverse=True
                    )
                    phases[(concurrency, phase)] = (results, time.perf_counter() - started, spent)
    finally:
        server.terminate()
        server.wait(timeout=10)

    after = in_process(download, wanted, "after")
    whole, alone, whole_cpu, alone_cpu = (
        statistics.median(before[kind] + after[kind])
        for kind in ("whole", "alone", "whole cpu", "alone cpu")
    )
    print(
        f"draftkit serve --workers {WORKERS}: {REQUESTS} police-directive .docx downloads "
        f"per run; load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"  in-process whole draft   {whole * 1000:6.0f} ms  CPU {whole_cpu * 1000:4.0f} ms  "
        f"(steps.make_draft, every document; median of {2 * len(before['whole'])}, before "
        "and after the load)"
    )
    print(
        f"  in-process one document  {alone * 1000:6.0f} ms  CPU {alone_cpu * 1000:4.0f} ms  "
        f"(what a cold download does: make_draft only={wanted.split('-', 3)[-1]}; "
        f"{alone / whole:.2f}x the whole draft)"
    )
    print(
        f"  queueing bound: {CONCURRENCY} in flight on {WORKERS} single-threaded workers (the "
        f"client shares the cores) means p95 >= ~{CONCURRENCY / WORKERS:.0f}x one request's "
        f"service time, so 2x needs a download under {2 * WORKERS / CONCURRENCY:.2f}x the "
        "whole draft; with as many in flight as workers, ~1x plus the client's share"
    )
    failed = 0
    for (concurrency, phase), (results, elapsed, spent) in phases.items():
        latencies = sorted(seconds for seconds, _ in results)
        errors = sum(1 for _, ok in results if not ok)
        failed += errors
        p50 = statistics.median(latencies)
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        ratio = p95 / whole
        print(
            f"  {concurrency} at a time, {phase:16}  {REQUESTS / elapsed:6.1f} req/s  "
            f"p50 {p50 * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms  errors {errors}  "
            f"p95/in-process {ratio:5.2f}x  goal (<= 2x, 0 errors) "
            + ("met" if ratio <= 2 and errors == 0 else "NOT met")
            + "  workers' CPU "
            + " + ".join(f"{seconds:.1f}" for seconds in spent)
            + f" s ({sum(spent) / REQUESTS * 1000:.0f} ms a request)"
        )
    return 0 if failed == 0 else 1


def worker_cpu(parent: int) -> dict[int, float]:
    """CPU seconds used so far by each worker process of the server (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def in_process(download: list[tuple[str, str]], wanted: str, tag: str) -> dict[str, list[float]]:
    """Seconds (elapsed, and CPU) for the whole draft and for the one document alone,
    with fresh answers each time (alternating, so both see the same machine)."""
    library, _ = check_project(ROOT)
    samples: dict[str, list[float]] = {}
    for index in range(5):
        for kind, only in (("whole", None), ("alone", wanted)):
            pairs = [*download, ("sponsors", f"In process {tag} {index} {kind}")]
            answers, _ = read_answers(FormData(pairs))
            start, cpu = time.perf_counter(), time.process_time()
            steps.make_draft(library, answers, only)
            samples.setdefault(kind, []).append(time.perf_counter() - start)
            samples.setdefault(f"{kind} cpu", []).append(time.process_time() - cpu)
    return samples


if __name__ == "__main__":
    sys.exit(main())
