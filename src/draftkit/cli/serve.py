"""``draftkit serve``: the drafting service in a browser. FastAPI and uvicorn are
imported inside the command, so ``draftkit --help`` stays fast and the CLI works
without the ``web`` extra."""

from __future__ import annotations

import os

import click

from draftkit.cli.common import project_root, reports_errors


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; the service keeps no state, so any number can serve it.",
)
@click.pass_context
@reports_errors
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the drafting pages, in English and Spanish, at http://HOST:PORT/.
    Nothing is ever written into the project."""
    try:
        import uvicorn

        from draftkit.web.app import ROOT_VARIABLE, check_project
    except ImportError:
        raise click.ClickException(
            "the service needs the web extra: pip install 'draftkit[web]'"
        ) from None
    root = project_root(ctx).resolve()
    check_project(root)
    # Workers are separate processes: they find the project through the environment.
    os.environ[ROOT_VARIABLE] = str(root)
    click.echo(f"draftkit: serving {root} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(
        "draftkit.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
