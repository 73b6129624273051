"""What the model makes of a few records, for tests that read one comparison's level."""

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
