"""The demo program's focal point and key partners per country: Thailand, Laos and Vietnam
as their fact sheets (seeds 000, 002, 004) name them; Cambodia, Indonesia and the Philippines
chosen from the demo catalogue's public bodies."""

from __future__ import annotations

from ctip.organisations.models import Organisation
from ctip.programs.models import Program

from .actions import do_set_country_partnership

# country: (focal point, [key partners]) by organisation name in ctip/demo/catalogue.py
DEMO_PARTNERSHIPS = {
    "TH": (
        "Ministry of Justice",
        [
            "Court of Justice",
            "Department of Special Investigation, Ministry of Justice",
            "Department of Trafficking in Persons Litigation, Office of the Attorney General",
            "Human Rights and Development Foundation",
            "Labour Protection Network",
            "Ministry of Labour",
            "Ministry of Social Development and Human Security",
            "Royal Thai Police",
            "SR Law Office",
            "The Office of the Judiciary",
        ],
    ),
    "LA": (
        "Ministry of Public Security",
        [
            "Anti-Human Trafficking Department, Ministry of Public Security",
            "Lao Women's Union",
            "Judicial Research and Training Institute",
            "National Committee on Anti-Trafficking in Persons",
            "People's Supreme Court",
            "Office of the Supreme People's Procuracy",
            "Public Prosecutor Training Institute",
            "Village Focus International",
        ],
    ),
    "VN": (
        "Ministry of Public Security",
        [
            "Blue Dragon Children's Foundation",
            "Supreme People's Court",
            "Supreme People's Procuracy",
            "Ministry of Labour, Invalids and Social Affairs",
            "Vietnam Women's Union",
            "Hanoi Procuratorate University",
        ],
    ),
    "KH": (
        "National Committee for Counter Trafficking",
        [
            "Ministry of Justice",
            "Ministry of Interior",
            "Ministry of Women's Affairs",
            "Phnom Penh Municipal Court",
            "Cambodian Disabled People's Organization",
            "Legal Aid of Cambodia",
        ],
    ),
    "ID": (
        "Coordinating Ministry for Human Development and Cultural Affairs",
        [
            "Indonesian National Police",
            "Attorney General's Office",
            "Supreme Court of Indonesia",
            "Migrant CARE",
            "Indonesian Association of Women with Disabilities",
        ],
    ),
    "PH": (
        "Inter-Agency Council Against Trafficking",
        [
            "Department of Justice",
            "Department of Social Welfare and Development",
            "Philippine National Police",
            "Supreme Court of the Philippines",
            "Philippine Judicial Academy",
            "Visayan Forum Foundation",
            "Philippine Federation of the Deaf",
        ],
    ),
}


def seed_demo_partnerships(
    program: Program, organisations: dict[str, dict[str, list[Organisation]]]
) -> None:
    """Record the demo's country partnerships from ORGANISATIONS (country -> group -> list,
    as do_load_demo builds it)."""
    for country, (focal_name, partner_names) in DEMO_PARTNERSHIPS.items():
        by_name = {
            organisation.name: organisation
            for group in organisations.get(country, {}).values()
            for organisation in group
        }
        do_set_country_partnership(
            program,
            country,
            focal_point=by_name[focal_name],
            key_partners=[by_name[name] for name in partner_names],
        )
