"""``draftkit audit FILE``: a town's policy in force against the loophole catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from draftkit.cli.common import project_root, reports_errors
from draftkit.cli.lazy import lazy_module

if TYPE_CHECKING:
    from draftkit import audit as auditing
else:
    auditing = lazy_module("draftkit.audit")


@click.command("audit")
@click.argument("policy", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--docx",
    "docx_out",
    metavar="OUT.docx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report as a Word document.",
)
@click.option("--force", is_flag=True, help="Replace OUT.docx if it exists.")
@click.pass_context
@reports_errors
def audit(
    ctx: click.Context, policy: Path, as_json: bool, docx_out: Path | None, force: bool
) -> None:
    """Read a town's policy in force (.docx, .pdf, .txt or .md) and say, for each
    loophole, whether it leaves it OPEN, CLOSES it, or CANNOT JUDGE from the text, with
    the passages quoted; list the protections it lacks and any wording problems."""
    report, written = auditing.audit_file(project_root(ctx), policy, docx_out=docx_out, force=force)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(auditing.audit_table(report))
    if written is not None:
        click.echo(f"wrote {written}", err=as_json)
