from ctip.demo.actions import do_load_demo
from ctip.results.queries import outcome_status

SEED_STATUS_FY2024_25 = {  # seed 003, "Performance status on achieving intermediate outcomes"
    1: "On track to achieve by 2028",
    2: "On track to achieve by 2028",
    3: "On track to achieve by 2028",
    4: "On track to achieve by 2028",
    5: "Some delay but will be back on track during next reporting period",
    6: "On track to achieve by 2028",
    7: "On track to achieve by 2028",
    8: "On track to achieve by 2028",
}


def test_the_demo_outcome_status_table_reproduces_the_seed(db):
    program = do_load_demo(link=False).program
    rows = outcome_status(program, program.period("FY2024-25"))
    assert {row.number: row.status for row in rows} == SEED_STATUS_FY2024_25
    assert all(row.approved for row in rows)
    assert rows[0].outcome.startswith("ASEAN Member State agencies have improved legal")
