"""Who lives in the county, by naming tradition: England's ethnic composition, and the name-origin groups the
benchmark reports linkage by.

The shares are the Office for National Statistics' Census 2021 ethnic groups for England (table TS021, "Ethnic
group", published 29 November 2022; per cent of usual residents, one decimal place): White British 73.5, Irish
0.9, Gypsy or Irish Traveller 0.1, Roma 0.2, Other White 6.3; Mixed or Multiple 3.0; Indian 3.3, Pakistani 2.9,
Bangladeshi 1.1, Chinese 0.7, Other Asian 1.7; African 2.6, Caribbean 1.1, Other Black 0.5; Arab 0.6, Any other
ethnic group 1.6. Each census group is split among the naming traditions of the people in it (Other White mostly
Polish, Romanian, Portuguese, Spanish, Italian and Turkish by the census' main-language counts; Other Asian Afghan,
Vietnamese, Sri Lankan and Nepali; African West African and Somali), and each tradition carries the CIN ethnicity
code its people are recorded under. Mixed or Multiple is mostly children of two traditions (population.py gives
them the CIN mixed codes); the rest are adults here under English names.

A name-origin group gathers traditions by naming convention (the same ten groups as the second population, so the
two are read side by side): it says which conventions a person's names follow, nothing more.
"""

from __future__ import annotations

# (naming tradition, CIN ethnicity code): per cent of England's usual residents, Census 2021 (TS021).
CENSUS_2021_ENGLAND: dict[tuple[str, str], float] = {
    ("english", "WBRI"): 73.5,
    ("irish", "WIRI"): 0.9,
    ("traveller", "WIRT"): 0.1,
    ("romanian", "WROM"): 0.2,  # Roma
    # Other White 6.3.
    ("polish", "WOTH"): 2.2,
    ("romanian", "WOTH"): 1.3,
    ("iberian", "WOTH"): 1.3,  # Portuguese, Spanish and Italian
    ("turkish", "WOTH"): 0.4,
    ("english", "WOTH"): 1.1,  # Americans, Australians, Germans, French...: names the English tradition covers
    # Mixed or Multiple 3.0: the children of two traditions are most of it (population.py); adults here.
    ("english", "MWBC"): 0.5,
    ("english", "MOTH"): 0.5,
    # Asian 9.7.
    ("indian", "AIND"): 3.3,
    ("south_asian_muslim", "APKN"): 2.9,
    ("south_asian_muslim", "ABAN"): 1.1,
    ("chinese", "CHNE"): 0.7,
    ("afghan", "AOTH"): 0.4,
    ("vietnamese", "AOTH"): 0.3,
    ("indian", "AOTH"): 0.6,  # Sri Lankan, Nepali
    ("chinese", "AOTH"): 0.4,  # Malaysian, Singaporean and other Chinese names
    # Black 4.2.
    ("black_african", "BAFR"): 1.8,
    ("somali", "BAFR"): 0.8,
    ("caribbean", "BCRB"): 1.1,
    ("caribbean", "BOTH"): 0.5,
    # Other 2.2.
    ("arabic", "OOTH"): 0.9,
    ("turkish", "OOTH"): 0.4,  # Kurdish and Turkish Cypriot
    ("iberian", "OOTH"): 0.5,  # Latin American
    ("english", "OOTH"): 0.4,
}

# Naming tradition -> name-origin group.
GROUP_OF_ORIGIN = {
    "english": "british_irish",
    "irish": "british_irish",
    "traveller": "british_irish",
    "polish": "eastern_european",
    "romanian": "eastern_european",
    "iberian": "southern_european",
    "turkish": "southern_european",
    "south_asian_muslim": "south_asian_muslim",
    "indian": "indian",
    "chinese": "east_asian",
    "vietnamese": "east_asian",
    "black_african": "black_african",
    "somali": "black_african",
    "caribbean": "black_caribbean",
    "arabic": "arab_other",
    "afghan": "arab_other",
}
GROUPS = (*dict.fromkeys(GROUP_OF_ORIGIN.values()), "mixed")


def name_origin_group(origin: str, ethnicity: str) -> str:
    """The name-origin group of a person of this naming tradition and CIN ethnicity code: a child of two traditions
    (a mixed code) is in the mixed group whichever tradition named them."""
    return "mixed" if ethnicity.startswith("M") else GROUP_OF_ORIGIN[origin]
