"""A small framework for the tests: three member states under one region, a sectoral body,
a count disaggregated by sex, a yes/no and a percentage; focal points for two units."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ctip.conftest import PASSWORD
from ctip.frameworks.actions import do_create_focal_point, do_load_framework
from ctip.frameworks.files import read_definition

FRAMEWORK = """\
code: bohol-2
name: Bohol TIP Work Plan 2.0 MERL framework
program: test
period_type: year
due: "03-31"
units:
  - {code: ASEAN, name: ASEAN member states}
  - {code: PH, name: Philippines, parent: ASEAN}
  - {code: TH, name: Thailand, parent: ASEAN}
  - {code: VN, name: Viet Nam, parent: ASEAN}
  - {code: ACWC, name: ASEAN Commission on the Rights of Women and Children}
indicators:
  - {code: "1.1", name: Victims identified, type: number, disaggregations: [sex]}
  - {code: "2.3", name: National referral mechanism in place, type: yes/no}
  - {code: "3.1", name: Share of cases prosecuted, type: percentage}
"""


@dataclass
class Partners:
    framework: object
    philippines: object  # focal point for PH
    thailand: object  # focal point for TH


@pytest.fixture
def partners(cast) -> Partners:
    framework, _ = do_load_framework(read_definition(FRAMEWORK), cast.admin)
    units = {unit.code: unit for unit in framework.units.all()}
    return Partners(
        framework=framework,
        philippines=do_create_focal_point("ph-focal", PASSWORD, framework, units["PH"]),
        thailand=do_create_focal_point("th-focal", PASSWORD, framework, units["TH"]),
    )


# A real SMTP server for the mail tests (aiosmtpd on a free port): the accounts' fixture.
from ctip.accounts.tests.conftest import smtp_server  # noqa: E402, F401
