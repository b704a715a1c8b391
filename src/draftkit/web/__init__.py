"""The drafting service in a browser: ``draftkit serve``.

A second front end over the same core as the command line. Stateless: every step
carries its answers in the request, so any number of workers can serve it. Nothing is
ever written into the project.
"""

from __future__ import annotations

from draftkit.web.app import create_app

__all__ = ["create_app"]
