"""``draftkit packet``: everything the coalition sends a town in answer to a help request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from draftkit.choices import POLICING_CHOICES, ROUTE_CHOICES
from draftkit.cli.common import (
    date_option,
    policing_from,
    project_root,
    reports_errors,
    with_policing_asked,
)


@click.command("packet")
@click.argument("town")
@click.option(
    "--route",
    type=click.Choice(ROUTE_CHOICES),
    default="resolution",
    show_default=True,
    help="resolution: the governing body adopts the instruments; town-meeting (towns only, "
    "not cities or villages): the voters call for them in an advisory article (with the "
    "petition and a letter to the selectboard).",
)
@click.option(
    "--current-policy",
    "current_policy",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="The town's policy in force (.docx, .pdf, .txt, .md): its audit goes into the packet.",
)
@click.option("--pdf", is_flag=True, help="Add a PDF of every document (needs LibreOffice).")
@click.option("--sender", metavar="NAME", help="Who signs the letters.")
@click.option("--contact", metavar="TEXT", help="How the town can reach the sender.")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML file with sender: and contact: (instead of --sender and --contact).",
)
@click.option(
    "--voters",
    metavar="N",
    help="Voters on the town's checklist, to count the petition's signatures (town-meeting).",
)
@click.option(
    "--meeting-date",
    metavar="YYYY-MM-DD",
    help="Date of the annual town meeting, to give the filing deadline (town-meeting).",
)
@date_option("of the packet")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into [default: drafts/ in the project folder].",
)
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option(
    "--policing",
    type=click.Choice(sorted(POLICING_CHOICES)),
    help="Who polices the town, when it has no profile and the registry does not say.",
)
@click.option(
    "--agency", metavar="NAME", help="The police agency's name, for a town without a profile."
)
@click.pass_context
@reports_errors
def packet(
    ctx: click.Context,
    town: str,
    route: str,
    current_policy: Path | None,
    pdf: bool,
    sender: str | None,
    contact: str | None,
    config: Path | None,
    voters: str | None,
    meeting_date: str | None,
    date: dt.date,
    out: Path | None,
    force: bool,
    policing: str | None,
    agency: str | None,
) -> None:
    """Write TOWN's packet: its instruments, a cover letter, an explainer and talking
    points for residents in English and Spanish, a next-steps checklist and a manifest,
    as one folder and one .zip, with the audit of its policy in force when
    --current-policy is given. Blanks left to fill in are marked [like this]."""
    from draftkit.packet import packet_facts, write_packet

    facts = packet_facts(
        date=date,
        route=route,  # type: ignore[arg-type]
        sender=sender,
        contact=contact,
        config=config,
        voters=voters,
        meeting_date=meeting_date,
    )
    root = project_root(ctx)
    written = with_policing_asked(
        lambda said: write_packet(
            root,
            town,
            facts,
            out_dir=out or root / "drafts",
            force=force,
            policing=said,
            pdf=pdf,
            current_policy=current_policy,
        ),
        policing_from(policing, agency),
        may_ask=True,
    )
    for warning in written.warnings:
        click.echo(f"warning: {warning}", err=True)
    for note in written.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {written.folder}/ ({len(written.files) - 1} files)")
    click.echo(f"wrote {written.archive}")
