"""Build towns/registry.csv, the registry of every Vermont municipality, from the
coalition's source tables in ../shared/data (see its README for sources and
confidence). Run it again when those tables change and review the diff.

Usage: python tools/build_registry.py [SHARED_DATA_DIR]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data"
COLUMNS = [
    "name",
    "kind",
    "county",
    "geoid",
    "parent_town",
    "source",
    "governing_body",
    "governing_body_source",
    "police_department",
    "police_ori",
    "police_status",
    "police_source",
]


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    with (source / "vt_municipalities.csv").open(encoding="utf-8") as handle:
        places = {(r["name"], r["kind"], r["county"]): r for r in csv.DictReader(handle)}
    with (source / "vt_municipal_attributes.csv").open(encoding="utf-8") as handle:
        attributes = list(csv.DictReader(handle))
    rows = []
    for attr in attributes:
        place = places[(attr["name"], attr["kind"], attr["county"])]
        rows.append(
            {
                "name": attr["name"],
                "kind": attr["kind"],
                "county": attr["county"],
                "geoid": attr["geoid"],
                "parent_town": place["parent_town"],
                "source": place["source"],
                "governing_body": attr["governing_body"],
                "governing_body_source": attr["governing_body_source"],
                "police_department": attr["police_department"],
                "police_ori": attr["police_ori"],
                "police_status": attr["police_status"],
                "police_source": attr["police_source"],
            }
        )
    rows.sort(key=lambda r: (r["name"].casefold(), r["kind"]))
    target = ROOT / "towns" / "registry.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    agencies = ROOT / "towns" / "police-agencies.csv"
    agencies.write_text(
        (source / "vt_police_agencies.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    print(f"wrote {target} ({len(rows)} municipalities) and {agencies}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
