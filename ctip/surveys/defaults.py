"""Default statements, editable per program in the admin."""

FEEDBACK = [
    ("objectives", "The event achieved its objectives"),
    ("relevant", "The content was relevant to my work"),
    ("knowledge", "I gained new knowledge or skills"),
    ("apply", "I will apply what I learned in my work"),
    ("inclusive", "The event was inclusive of women, people with disability and other groups"),
    ("facilitation", "The facilitators and speakers were effective"),
]
PARTNER = [
    ("priorities", "The program's support responds to our organisation's priorities"),
    ("capacity", "The program's support has strengthened our capacity to counter trafficking"),
    ("gedsi", "The program's support has helped us advance GEDSI in our work"),
    ("locally-led", "The program works with us as a partner and supports locally led approaches"),
    ("victim-rights", "The program's support has helped us uphold the rights of victims"),
    ("cooperation", "The program has helped us cooperate with other agencies and countries"),
]
