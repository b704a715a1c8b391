"""Rewrite the command reference in README.md from the CLI's own --help output.

Usage: python tools/readme_help.py
The test suite checks that README.md shows the current --help of every command, so
run this after changing a command and review the diff.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from draftkit.cli import cli, command_paths

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- help:start -->", "<!-- help:end -->"


def reference() -> str:
    blocks = []
    for path in command_paths(cli):
        words = " ".join(path)
        result = CliRunner().invoke(cli, [*path, "--help"], obj={}, terminal_width=88)
        blocks.append(
            f"#### `draftkit {words}`\n\n```\n$ draftkit {words} --help\n{result.output}```\n"
        )
    return "\n".join(blocks)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        print(f"README.md has no {START} ... {END} section", file=sys.stderr)
        return 1
    README.write_text(pattern.sub(f"{START}\n{reference()}{END}", text), encoding="utf-8")
    print("README.md command reference updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
