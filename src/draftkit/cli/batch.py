"""``draftkit batch``: every municipality's documents in one run."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import click

from draftkit.choices import POLICING_CHOICES
from draftkit.cli.common import date_option, project_root, reports_errors
from draftkit.errors import DraftkitError

_WORDS = {
    "municipal": "own police",
    "sheriff": "sheriff",
    "state_police": "State Police",
}


def _names_from(file: Path) -> list[str]:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DraftkitError(
            "is not UTF-8 text", path=file, hint="save it as plain text (UTF-8)"
        ) from None
    except OSError as exc:
        raise DraftkitError(
            f"cannot be read: {exc.strerror}", path=file, hint="give a text file of town names"
        ) from None
    names = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    found = [name for name in names if name]
    if not found:
        raise DraftkitError(
            "names no town", path=file, hint="write one town name per line (# starts a comment)"
        )
    return found


@click.command()
@click.argument("towns", nargs=-1)
@click.option(
    "--from-file",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A text file naming the towns, one per line (# starts a comment).",
)
@click.option(
    "--policing",
    type=click.Choice(sorted(POLICING_CHOICES)),
    help="For towns whose policing nobody knows: draft this set instead of both the "
    "sheriff and the State Police sets.",
)
@date_option("of the drafts")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into [default: drafts/batch-DATE/ in the project folder].",
)
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Processes to draft with [default: one per core].",
)
@click.pass_context
@reports_errors
def batch(
    ctx: click.Context,
    towns: tuple[str, ...],
    from_file: Path | None,
    policing: str | None,
    date: dt.date,
    out: Path | None,
    force: bool,
    workers: int | None,
) -> None:
    """Draft the documents of many municipalities at once: TOWNS, the towns named in
    --from-file, or (with neither) every organized municipality in Vermont.

    A town whose policing is unknown gets both the sheriff set and the State Police
    set (file names say which), unless --policing says which. Each town's files are
    written all together or not at all; a town that fails is listed with its reason and
    does not stop the others, but makes the exit status 1.
    """
    from draftkit.drafting.batch import BatchSettings, run_batch
    from draftkit.drafting.composing import DraftOptions

    names = [*towns, *(_names_from(from_file) if from_file else [])]
    root = project_root(ctx)
    settings = BatchSettings(
        root=root,
        out_dir=out or root / "drafts" / f"batch-{date.isoformat()}",
        options=DraftOptions(date=date),
        force=force,
        policing_default=POLICING_CHOICES[policing] if policing else None,  # type: ignore[arg-type]
    )
    with click.progressbar(length=1, label="Drafting", file=sys.stderr) as bar:

        def start(total: int) -> None:
            bar.length = total

        outcomes = run_batch(
            settings,
            names or None,
            workers=workers,
            on_start=start,
            on_done=lambda _: bar.update(1),
        )
    failed = [o for o in outcomes if o.problem]
    kinds: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for outcome in outcomes:
        for arrangement in outcome.arrangements:
            kinds[arrangement] += 1
        documents["+".join(outcome.arrangements)] += outcome.documents
    click.echo(f"{'policing':<16}{'towns':>8}")
    for arrangement, count in sorted(kinds.items()):
        click.echo(f"{_WORDS.get(arrangement, arrangement):<16}{count:>8}")
    both = sum(1 for outcome in outcomes if len(outcome.arrangements) > 1)
    if both:
        noun, are, they = ("town", "is", "it") if both == 1 else ("towns", "are", "they")
        click.echo(
            f"{both} {noun} with unknown policing {are} counted in both the sheriff and "
            f"State Police rows ({they} got both sets)"
        )
    click.echo(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} towns drafted, "
        f"{sum(documents.values())} documents in {settings.out_dir}"
    )
    if failed:
        click.echo(f"{len(failed)} failed:", err=True)
        for outcome in failed:
            click.echo(f"  {outcome.town}: {outcome.problem}", err=True)
            if outcome.hint:
                click.echo(f"    hint: {outcome.hint}", err=True)
        sys.exit(1)
