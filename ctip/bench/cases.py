"""Counting victims across agencies without names: accuracy against a known truth, and time.

`python -m ctip.bench cases [--demo 150] [--scale 100000] [--workers 2]`

1. Accuracy on the demo's agencies (ctip/cases/synthetic.py, seed 2026: a Thai screening
   agency, a Thai shelter and a Vietnamese court, each writing names its own way), and on a
   larger set of the same kind: pairwise precision and recall of the links, and the error
   in the unique-victim count, for the Bloom-filter linkage (clkhash + anonlink, what
   `ctip cases pprl` runs) and, on the same records in the same run, for the baseline an
   agency could run without this: exact matching of the names and birth dates as written,
   lower-cased (which needs the names in the clear).
2. Time for --scale cases per agency (three agencies): encoding each agency's file and
   linking the three, each measured on its own.

Nothing here needs Django or a database.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90
TARGET_UNIQUE_ERROR_PCT = 2.0
TARGET_SCALE_SECONDS = 300  # 100,000 cases per agency, three agencies, encode + link


def _verdict(what: str, value: float, sign: str, target: float, baseline=None) -> str:
    met = value >= target if sign == ">=" else value <= target
    was = f"; baseline {baseline}" if baseline is not None else ""
    return f"{'MET ' if met else 'MISSED'}  {what}: {value} (target {sign} {target}{was})"


def _measure(cases, groups_by_reference: list[set]) -> dict:
    from ctip.cases.synthetic import true_pairs

    truth = true_pairs(cases)
    found = {frozenset(pair) for group in groups_by_reference for pair in _pairs(group)}
    correct = len(found & truth)
    unique = len(groups_by_reference)
    true_unique = cases.unique_victims()
    return {
        "precision": round(correct / len(found), 4) if found else 1.0,
        "recall": round(correct / len(truth), 4) if truth else 1.0,
        "unique_victims": unique,
        "true_unique_victims": true_unique,
        "unique_count_error_pct": round(100 * (unique - true_unique) / true_unique, 2),
    }


def _pairs(group):
    members = sorted(group)
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]


def _encoded(cases, secret: bytes, workers: int) -> tuple[list[dict], list[list]]:
    """The agencies' files, in the records' order (so the truth can be looked up)."""
    from ctip.cases import pprl

    serialise = pprl.clkhash().serialization.serialize_bitarray
    files, references = [], []
    for agency, records in cases.records.items():
        clks = pprl.clks_of(pprl.fields_of(records, workers), secret, workers)
        files.append({"agency": agency, "clks": [serialise(clk) for clk in clks]})
        references.append([(agency, record["reference"]) for record in records])
    return files, references


def bloom_filter_linkage(cases, secret: bytes, workers: int = 1) -> dict:
    from ctip.cases import pprl

    files, references = _encoded(cases, secret, workers)
    groups = pprl.link(files)
    return _measure(cases, [{references[f][r] for f, r in group} for group in groups])


def exact_match_baseline(cases) -> dict:
    """Records with the same lower-cased given name, family name and birth date are one."""
    groups: dict[tuple, set] = {}
    for agency, records in cases.records.items():
        for record in records:
            key = (
                (record["given"] or "").strip().lower(),
                (record["family"] or "").strip().lower(),
                record["birth_date"],
            )
            groups.setdefault(key, set()).add((agency, record["reference"]))
    return _measure(cases, list(groups.values()))


def accuracy(per_agency: int, seed: int = 2026) -> dict:
    from ctip.cases.synthetic import synthetic_cases

    cases = synthetic_cases(per_agency, seed=seed)
    secret = b"benchmark secret, not a real one"
    return {
        "cases_per_agency": per_agency,
        "overlap": {"+".join(sorted(k)): v for k, v in sorted(cases.overlap().items(), key=str)},
        "bloom_filter_linkage": bloom_filter_linkage(cases, secret),
        "baseline_exact_match_in_clear": exact_match_baseline(cases),
    }


def scale(per_agency: int, workers: int) -> dict:
    from ctip.cases import pprl
    from ctip.cases.synthetic import synthetic_cases

    started = time.monotonic()
    cases = synthetic_cases(per_agency, seed=7)
    generated = time.monotonic() - started
    secret = b"benchmark secret, not a real one"
    started = time.monotonic()
    files, _ = _encoded(cases, secret, workers)
    encoded = time.monotonic() - started
    started = time.monotonic()
    groups = pprl.link(files)
    linked = time.monotonic() - started
    return {
        "cases_per_agency": per_agency,
        "agencies": len(files),
        "workers": workers,
        "generate_seconds": round(generated, 1),
        "encode_seconds": round(encoded, 1),
        "link_seconds": round(linked, 1),
        "encode_and_link_seconds": round(encoded + linked, 1),
        "unique_victims": len(groups),
        "true_unique_victims": cases.unique_victims(),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="ctip.bench cases", description=__doc__)
    parser.add_argument("--demo", type=int, default=150, help="cases per agency in the demo")
    parser.add_argument("--larger", type=int, default=3000, help="a larger accuracy set")
    parser.add_argument("--scale", type=int, default=100000, help="cases per agency (0: skip)")
    parser.add_argument("--workers", type=int, default=2, help="processes encoding")
    options = parser.parse_args(argv or [])
    results: dict = {}
    for name, size in (("demo", options.demo), ("larger", options.larger)):
        if not size:
            continue
        results[name] = accuracy(size)
        print(json.dumps({name: results[name]}, indent=1), flush=True)
        ours = results[name]["bloom_filter_linkage"]
        plain = results[name]["baseline_exact_match_in_clear"]
        label = f"{size:,} cases per agency"
        print(
            _verdict(f"precision, {label}", ours["precision"], ">=", TARGET_PRECISION,
                     plain["precision"]),
            _verdict(f"recall, {label}", ours["recall"], ">=", TARGET_RECALL, plain["recall"]),
            _verdict(f"unique-count error %, {label}", abs(ours["unique_count_error_pct"]), "<=",
                     TARGET_UNIQUE_ERROR_PCT, abs(plain["unique_count_error_pct"])),
            sep="\n",
            flush=True,
        )  # fmt: skip
    if options.scale:
        results["scale"] = scale(options.scale, options.workers)
        print(json.dumps({"scale": results["scale"]}, indent=1), flush=True)
        print(
            _verdict(
                f"encode + link, {options.scale:,} cases per agency x 3, seconds",
                results["scale"]["encode_and_link_seconds"],
                "<=",
                TARGET_SCALE_SECONDS,
            ),
            flush=True,
        )
    return results


if __name__ == "__main__":
    run()
