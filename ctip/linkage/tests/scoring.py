"""What the model makes of a few records: for tests that read one comparison's level, or
the people a few given links make."""

import pandas as pd

from ctip.linkage import engine


def levels(records) -> dict:
    """Per pair of RECORDS scored: comparison -> the level reached (engine.evidence_of)."""
    pairs = engine.score(records, threshold=0.0).pairs
    return {
        (left, right): {item["comparison"]: item["level"] for item in evidence}
        for left, right, evidence in zip(
            pairs["unique_id_l"], pairs["unique_id_r"], engine.evidence_of(pairs), strict=True
        )
    }


def clustered(records, *links, must_link=()):
    """engine.cluster on RECORDS and LINKS (a, b, probability), with every hold the app
    uses that records alone feed (contacts, posts, agencies, middle initials)."""
    pairs = pd.DataFrame(links, columns=["unique_id_l", "unique_id_r", "match_probability"])
    reached = engine.contacts(records)
    return engine.cluster(
        [record["unique_id"] for record in records],
        pairs,
        must_link=must_link,
        contacts=reached,
        positions=engine.positions(records, reached),
        organisations=engine.organisations(records, reached),
        initials=engine.middle_names(records),
    )
