"""Loading of territories (regions, departments, EPCI, communes) from CSV files.

Used by the data migration (with historical models) and by the
`import_territories` command (with a newer official file)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# The four departments of Brittany, where the network works (INSEE codes).
BRITTANY_DEPARTMENTS = ["22", "29", "35", "56"]


@dataclass
class ImportReport:
    departments: int = 0
    epcis_created: int = 0
    epcis_updated: int = 0
    communes_created: int = 0
    communes_updated: int = 0
    communes_skipped: int = 0


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _require(rows: Iterable[dict[str, str]], columns: set[str], label: str) -> None:
    for row in rows:
        missing = columns - set(row)
        if missing:
            raise ValueError(f"{label} : colonnes manquantes {', '.join(sorted(missing))}")
        return


def load_territories(
    Region,
    Department,
    EPCI,
    Commune,
    departments_csv: Path | None = None,
    epci_csv: Path | None = None,
    communes_csv: Path | None = None,
) -> ImportReport:
    """Create or update territories from the three files (upsert by code)."""
    report = ImportReport()
    dep_rows = read_csv(departments_csv or DATA_DIR / "departments.csv")
    epci_rows = read_csv(epci_csv or DATA_DIR / "epci.csv")
    commune_rows = read_csv(communes_csv or DATA_DIR / "communes.csv")
    _require(dep_rows, {"code", "name", "region_code", "region_name"}, "départements")
    _require(epci_rows, {"siren", "name", "type", "department", "population"}, "EPCI")
    _require(commune_rows, {"insee", "name", "epci_siren", "department", "population"}, "communes")

    departments = {}
    for row in dep_rows:
        region, _ = Region.objects.update_or_create(
            code=row["region_code"], defaults={"name": row["region_name"]}
        )
        dep, _ = Department.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "region": region}
        )
        departments[dep.code] = dep
        report.departments += 1
    for dep in Department.objects.all():
        departments.setdefault(dep.code, dep)

    epcis = {e.siren: e for e in EPCI.objects.all()}
    for row in epci_rows:
        values = {
            "name": row["name"],
            "kind": row["type"],
            "department": departments[row["department"]],
            "population": int(row["population"] or 0),
        }
        epci = epcis.get(row["siren"])
        if epci is None:
            epci = EPCI.objects.create(siren=row["siren"], **values)
            epcis[epci.siren] = epci
            report.epcis_created += 1
        else:
            for key, value in values.items():
                setattr(epci, key, value)
            epci.save()
            report.epcis_updated += 1
        spans = re.split(r"[\s;|,]+", row.get("departments") or row["department"])
        epci.departments.set([departments[c] for c in spans if c in departments])

    existing = {c.insee: c for c in Commune.objects.all()}
    to_create, to_update = [], []
    for row in commune_rows:
        epci = epcis.get(row["epci_siren"])
        department = departments.get(row["department"])
        if epci is None or department is None:
            # e.g. a commune of a department outside the two regions
            report.communes_skipped += 1
            continue
        values = {
            "name": row["name"],
            "epci": epci,
            "department": department,
            "population": int(row["population"] or 0),
        }
        commune = existing.get(row["insee"])
        if commune is None:
            to_create.append(Commune(insee=row["insee"], **values))
        else:
            for key, value in values.items():
                setattr(commune, key, value)
            to_update.append(commune)
    Commune.objects.bulk_create(to_create, batch_size=500)
    Commune.objects.bulk_update(
        to_update, ["name", "epci", "department", "population"], batch_size=500
    )
    report.communes_created = len(to_create)
    report.communes_updated = len(to_update)
    return report
