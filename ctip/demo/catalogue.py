"""What the demo program is made of: the seed documents' projects, theory of change and
public partner bodies. The synthetic people's names are in name_pools.py (no real people)."""


# The program itself (projects, theory of change, indicators, partners) is the program
# file beside this module: program.yaml (docs/programs.md).

GN, GS, NGO, INT, REG, PRIV, ACAD = (
    "government-national",
    "government-subnational",
    "ngo-cso",
    "international-organisation",
    "regional-organisation",
    "private-sector",
    "academic",
)

# (name, acronym, type, is_opd) per country; public bodies named in the seed documents,
# plus plausible generic bodies where the documents name none.
ORGANISATIONS = {
    "TH": [
        ("Ministry of Justice", "MOJ", GN, False),
        ("Court of Justice", "", GN, False),
        ("Department of Special Investigation, Ministry of Justice", "DSI", GN, False),
        (
            "Department of Trafficking in Persons Litigation, Office of the Attorney General",
            "OAG",
            GN,
            False,
        ),
        ("Ministry of Labour", "MOL", GN, False),
        ("Ministry of Social Development and Human Security", "MSDHS", GN, False),
        ("Royal Thai Police", "RTP", GN, False),
        ("The Office of the Judiciary", "", GN, False),
        ("Chiang Mai Provincial Office of Social Development", "", GS, False),
        ("Human Rights and Development Foundation", "HRDF", NGO, False),
        ("Labour Protection Network", "LPN", NGO, False),
        ("Thailand Association of the Blind", "TAB", NGO, True),
        ("SR Law Office", "", PRIV, False),
        ("Thai Frozen Foods Association", "TFFA", PRIV, False),
        ("Mahidol University", "", ACAD, False),
    ],
    "LA": [
        ("Ministry of Public Security", "MOPS", GN, False),
        ("Anti-Human Trafficking Department, Ministry of Public Security", "AHTD", GN, False),
        ("Judicial Research and Training Institute", "", GN, False),
        ("National Committee on Anti-Trafficking in Persons", "", GN, False),
        ("People's Supreme Court", "", GN, False),
        ("Office of the Supreme People's Procuracy", "OSPP", GN, False),
        ("Public Prosecutor Training Institute", "", GN, False),
        ("Vientiane Capital Police", "", GS, False),
        ("Lao Women's Union", "LWU", NGO, False),
        ("Village Focus International", "VFI", NGO, False),
        ("Lao Disabled People's Association", "LDPA", NGO, True),
    ],
    "VN": [
        ("Ministry of Public Security", "MPS", GN, False),
        ("Supreme People's Court", "", GN, False),
        ("Supreme People's Procuracy", "", GN, False),
        ("Ministry of Labour, Invalids and Social Affairs", "MOLISA", GN, False),
        ("Hanoi Procuratorate University", "", GN, False),
        ("Ninh Binh Provincial Police", "", GS, False),
        ("Blue Dragon Children's Foundation", "", NGO, False),
        ("Vietnam Women's Union", "VWU", NGO, False),
        ("Vietnam Federation on Disability", "VFD", NGO, True),
        ("Vietnam National University", "VNU", ACAD, False),
    ],
    "KH": [
        ("National Committee for Counter Trafficking", "NCCT", GN, False),
        ("Ministry of Justice", "MOJ", GN, False),
        ("Ministry of Interior", "MOI", GN, False),
        ("Ministry of Women's Affairs", "MOWA", GN, False),
        ("Phnom Penh Municipal Court", "", GS, False),
        ("Cambodian Disabled People's Organization", "CDPO", NGO, True),
        ("Legal Aid of Cambodia", "LAC", NGO, False),
    ],
    "ID": [
        ("Coordinating Ministry for Human Development and Cultural Affairs", "", GN, False),
        ("Indonesian National Police", "POLRI", GN, False),
        ("Attorney General's Office", "", GN, False),
        ("Supreme Court of Indonesia", "", GN, False),
        ("Provincial Government of East Nusa Tenggara", "", GS, False),
        ("Migrant CARE", "", NGO, False),
        ("Indonesian Association of Women with Disabilities", "HWDI", NGO, True),
        ("Indonesian Fisheries Association", "", PRIV, False),
    ],
    "PH": [
        ("Inter-Agency Council Against Trafficking", "IACAT", GN, False),
        ("Department of Justice", "DOJ", GN, False),
        ("Department of Social Welfare and Development", "DSWD", GN, False),
        ("Philippine National Police", "PNP", GN, False),
        ("Supreme Court of the Philippines", "", GN, False),
        ("Philippine Judicial Academy", "PHILJA", GN, False),
        ("Cebu City Government", "", GS, False),
        ("Visayan Forum Foundation", "", NGO, False),
        ("Philippine Federation of the Deaf", "PFD", NGO, True),
        ("University of the Philippines", "UP", ACAD, False),
    ],
    "MY": [
        ("Royal Malaysia Police", "PDRM", GN, False),
        ("Attorney General's Chambers", "AGC", GN, False),
        ("Tenaganita", "", NGO, False),
        ("Malaysian Employers Federation", "MEF", PRIV, False),
    ],
    "MM": [
        ("Myanmar Anti-Trafficking in Persons Division", "", GN, False),
        ("Myanmar Women's Network", "", NGO, False),
        ("Myanmar Fishery Federation", "", PRIV, False),
    ],
    "SG": [
        ("Ministry of Home Affairs", "MHA", GN, False),
        ("Humanitarian Organization for Migration Economics", "HOME", NGO, False),
        ("Singapore Business Federation", "SBF", PRIV, False),
    ],
    "BN": [
        ("Royal Brunei Police Force", "RBPF", GN, False),
        ("Attorney General's Chambers, Brunei Darussalam", "", GN, False),
        ("Brunei Council of Women", "", NGO, False),
    ],
    "TL": [
        ("Ministry of Justice, Timor-Leste", "", GN, False),
        ("National Police of Timor-Leste", "PNTL", GN, False),
        ("Alola Foundation", "", NGO, False),
    ],
    "ASEAN": [
        ("ASEAN Secretariat", "ASEC", REG, False),
        (
            "ASEAN Commission on the Promotion and Protection of the Rights of Women and Children",
            "ACWC",
            REG,
            False,
        ),
        ("ASEAN Intergovernmental Commission on Human Rights", "AICHR", REG, False),
        ("United Nations Office on Drugs and Crime", "UNODC", INT, False),
        ("International Organization for Migration", "IOM", INT, False),
        ("International Labour Organization", "ILO", INT, False),
        ("Tech Against Scams Coalition", "", PRIV, False),
    ],
    "AU": [
        ("Australian Federal Police", "AFP", GN, False),
        ("Walk Free", "", NGO, False),
        ("Regional Seafood Traders Council", "", PRIV, False),
    ],
}

POSITIONS = {
    "state": [
        "Police officer",
        "Prosecutor",
        "Judge",
        "Social worker",
        "Labour inspector",
        "Immigration officer",
        "Policy officer",
        "Director",
        "Deputy director",
        "Investigator",
        "Court clerk",
        "Legal officer",
    ],
    "non-state": [
        "Program officer",
        "Case manager",
        "Lawyer",
        "Researcher",
        "Advocacy officer",
        "Executive director",
        "Compliance manager",
        "Lecturer",
        "Consultant",
    ],
}

# Event mix per country: (events per fiscal year, share by type) after the seed's Table 1.
EVENTS_PER_YEAR = {"KH": 20, "ID": 4, "LA": 12, "PH": 63, "TH": 60, "VN": 24, "ASEAN": 46}
TYPE_MIX = {
    # capacity development, meetings, conferences and launches, other
    "KH": (4, 13, 2, 1),
    "ID": (1, 4, 0, 0),
    "LA": (8, 0, 0, 4),
    "PH": (27, 29, 2, 5),
    "TH": (13, 44, 1, 2),
    "VN": (11, 11, 1, 1),
    "ASEAN": (26, 19, 1, 0),
}
# Country of origin of participants at regional events, after Table 2's column totals.
REGIONAL_ORIGINS = {
    "BN": 41,
    "KH": 40,
    "ID": 60,
    "LA": 30,
    "MY": 59,
    "MM": 53,
    "PH": 60,
    "SG": 29,
    "TH": 60,
    "VN": 45,
    "TL": 22,
    "AU": 112,
}
# Share of participants from state agencies, per country of origin (Table 2).
STATE_SHARE = {
    "BN": 0.85,
    "KH": 0.71,
    "ID": 0.57,
    "LA": 0.85,
    "MY": 0.71,
    "MM": 0.30,
    "PH": 0.91,
    "SG": 0.65,
    "TH": 0.70,
    "VN": 0.85,
    "TL": 0.95,
    "AU": 0.09,
}
FEMALE_SHARE = {"state": 0.53, "non-state": 0.62}
