"""Danish reference vocabulary, loaded by data migrations (and re-synced by load_demo).

Slugs are stable public identifiers (URLs, API): add rows freely, never rename a slug.
"""

# (slug, Danish name, English name)
SCHOOL_SUBJECTS = [
    ("dansk", "Dansk", "Danish"),
    ("dansk-som-andetsprog", "Dansk som andetsprog", "Danish as a second language"),
    ("engelsk", "Engelsk", "English"),
    ("tysk", "Tysk", "German"),
    ("fransk", "Fransk", "French"),
    ("matematik", "Matematik", "Mathematics"),
    ("natur-teknologi", "Natur/teknologi", "Science and technology"),
    ("biologi", "Biologi", "Biology"),
    ("fysik-kemi", "Fysik/kemi", "Physics and chemistry"),
    ("geografi", "Geografi", "Geography"),
    ("historie", "Historie", "History"),
    ("kristendomskundskab", "Kristendomskundskab", "Religious education"),
    ("samfundsfag", "Samfundsfag", "Social studies"),
    ("billedkunst", "Billedkunst", "Visual arts"),
    ("musik", "Musik", "Music"),
    ("haandvaerk-og-design", "Håndværk og design", "Crafts and design"),
    ("madkundskab", "Madkundskab", "Food science"),
    ("idraet", "Idræt", "Physical education"),
    ("faerdselslaere", "Færdselslære", "Road safety"),
    (
        "sundhed-og-seksualundervisning",
        "Sundheds- og seksualundervisning og familiekundskab",
        "Health and sex education",
    ),
]
DAYCARE_THEMES = [
    ("alsidig-personlig-udvikling", "Alsidig personlig udvikling", "Personal development"),
    ("social-udvikling", "Social udvikling", "Social development"),
    ("kommunikation-og-sprog", "Kommunikation og sprog", "Communication and language"),
    ("krop-sanser-og-bevaegelse", "Krop, sanser og bevægelse", "Body, senses and movement"),
    ("natur-udeliv-og-science", "Natur, udeliv og science", "Nature, outdoor life and science"),
    ("kultur-aestetik-og-faellesskab", "Kultur, æstetik og fællesskab", "Culture, aesthetics and community"),
]
CROSS_CUTTING_THEMES = [
    ("teknologiforstaaelse", "Teknologiforståelse", "Technology comprehension"),
    ("baeredygtighed", "Bæredygtighed", "Sustainability"),
    ("uddannelse-og-job", "Uddannelse og job", "Education and careers"),
    ("innovation-og-entreprenoerskab", "Innovation og entreprenørskab", "Innovation and entrepreneurship"),
    ("demokrati-og-medborgerskab", "Demokrati og medborgerskab", "Democracy and citizenship"),
    ("kulturarv", "Kulturarv", "Cultural heritage"),
    ("sundhed-og-trivsel", "Sundhed og trivsel", "Health and well-being"),
]

# (level, slug, Danish name, English name, stage)
GRADES = [
    (0, "vuggestue", "Vuggestue", "Nursery", "dagtilbud"),
    (1, "boernehave", "Børnehave", "Kindergarten", "dagtilbud"),
    (2, "0-klasse", "0. klasse", "Year 0 (reception)", "indskoling"),
    (3, "1-klasse", "1. klasse", "Year 1", "indskoling"),
    (4, "2-klasse", "2. klasse", "Year 2", "indskoling"),
    (5, "3-klasse", "3. klasse", "Year 3", "indskoling"),
    (6, "4-klasse", "4. klasse", "Year 4", "mellemtrin"),
    (7, "5-klasse", "5. klasse", "Year 5", "mellemtrin"),
    (8, "6-klasse", "6. klasse", "Year 6", "mellemtrin"),
    (9, "7-klasse", "7. klasse", "Year 7", "udskoling"),
    (10, "8-klasse", "8. klasse", "Year 8", "udskoling"),
    (11, "9-klasse", "9. klasse", "Year 9", "udskoling"),
    (12, "10-klasse", "10. klasse", "Year 10", "udskoling"),
    (13, "ungdomsuddannelse", "Ungdomsuddannelse", "Upper secondary", "ungdomsuddannelse"),
]

# (slug, Danish name, English name, schema.org type)
CATEGORIES = [
    ("museum", "Museum", "Museum", "Museum"),
    ("kunstmuseum-kunsthal", "Kunstmuseum/kunsthal", "Art museum/gallery", "Museum"),
    ("zoo-akvarium", "Zoo/akvarium", "Zoo/aquarium", "Zoo"),
    ("botanisk-have", "Botanisk have", "Botanical garden", "Park"),
    ("science-center", "Science center", "Science centre", "Museum"),
    ("naturskole-naturcenter", "Naturskole/naturcenter", "Nature school/centre", "Park"),
    ("bibliotek", "Bibliotek", "Library", "Library"),
    ("arkiv", "Arkiv", "Archive", "ArchiveOrganization"),
    ("teater-scenekunst", "Teater/scenekunst", "Theatre/performing arts", "PerformingArtsTheater"),
    ("virksomhed", "Virksomhed", "Company", "LocalBusiness"),
    ("landbrug", "Landbrug", "Farm", "Place"),
    (
        "kommunal-skoletjeneste",
        "Kommunal skoletjeneste/Åben Skole",
        "Municipal school service",
        "GovernmentBuilding",
    ),
    ("andet", "Andet", "Other", "Place"),
]

# (code, Danish name, English name)
LANGUAGES = [
    ("da", "Dansk", "Danish"),
    ("en", "Engelsk", "English"),
    ("de", "Tysk", "German"),
    ("fr", "Fransk", "French"),
    ("uk", "Ukrainsk", "Ukrainian"),
    ("ar", "Arabisk", "Arabic"),
]


def sync_taxonomy(apps) -> None:
    """Create or update every reference row; used by the data migration and load_demo."""
    Subject = apps.get_model("directory", "Subject")
    Grade = apps.get_model("directory", "Grade")
    Category = apps.get_model("directory", "Category")
    Language = apps.get_model("directory", "Language")
    order = 0
    for kind, rows in (
        ("fag", SCHOOL_SUBJECTS),
        ("laereplanstema", DAYCARE_THEMES),
        ("tema", CROSS_CUTTING_THEMES),
    ):
        for slug, name, name_en in rows:
            order += 1
            Subject.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "kind": kind, "sort_order": order}
            )
    for level, slug, name, name_en, stage in GRADES:
        Grade.objects.update_or_create(
            level=level, defaults={"slug": slug, "name": name, "name_en": name_en, "stage": stage}
        )
    for order, (slug, name, name_en, schema_type) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "schema_type": schema_type, "sort_order": order},
        )
    for code, name, name_en in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


# The sector's own words for the vocabulary above, as providers and municipal catalogues write
# them. Matching ignores case, accents, æ/ø/å spelt ae/oe/aa and spacing round '/', '-' and '.'
# (see directory/vocabulary.py), so each word is written once in its plainest form. The names
# and slugs of the rows above are matched too and need no entry here.

# subject slug -> other names (old names, abbreviations, common forms)
SUBJECT_ALIASES = {
    "natur-teknologi": ["n/t", "nt", "natur/teknik", "natur og teknik", "natur og teknologi", "natur-teknik"],
    "kristendomskundskab": ["kristendom", "religion", "kristendomskundskab/religion"],
    "haandvaerk-og-design": ["sløjd", "håndarbejde", "h&d", "håndværk/design", "træsløjd"],
    "fysik-kemi": ["fysik", "kemi", "fysik og kemi", "fy/ke"],
    "samfundsfag": ["samfundsfag/samfundslære", "samfundslære"],
    "madkundskab": ["hjemkundskab", "madlavning"],
    "idraet": ["gymnastik", "bevægelse i skolen"],
    "billedkunst": ["kunst", "billedkunst/kunst"],
    "dansk-som-andetsprog": ["dsa"],
    "sundhed-og-seksualundervisning": ["sundhed", "seksualundervisning", "sundheds- og seksualundervisning"],
    "geografi": ["naturgeografi"],
    "teknologiforstaaelse": ["teknologi", "it", "programmering", "coding"],
    "baeredygtighed": ["klima", "miljø", "verdensmål", "bæredygtig udvikling"],
    "uddannelse-og-job": ["uddannelse og arbejde", "job", "erhvervspraktik"],
    "innovation-og-entreprenoerskab": ["innovation", "entreprenørskab"],
    "kulturarv": ["kulturhistorie"],
    "natur-udeliv-og-science": ["natur og udeliv", "udeliv"],
}

# A provider's word for a group -> (first grade slug, last grade slug). Numbered grades ("0.klasse",
# "3.-6. kl.") and ages ("3-6 år") are read by rule in directory/vocabulary.py.
GRADE_ALIASES = {
    "dagtilbud": ("vuggestue", "boernehave"),
    "daginstitution": ("vuggestue", "boernehave"),
    "vuggestue": ("vuggestue", "vuggestue"),
    "dagpleje": ("vuggestue", "vuggestue"),
    "småbørn": ("vuggestue", "vuggestue"),
    "børnehave": ("boernehave", "boernehave"),
    "børnehaver": ("boernehave", "boernehave"),
    "førskole": ("boernehave", "boernehave"),
    "børnehaveklasse": ("0-klasse", "0-klasse"),
    "indskoling": ("0-klasse", "3-klasse"),
    "indskolingen": ("0-klasse", "3-klasse"),
    "sfo": ("0-klasse", "3-klasse"),
    "fritidshjem": ("0-klasse", "3-klasse"),
    "mellemtrin": ("4-klasse", "6-klasse"),
    "mellemtrinnet": ("4-klasse", "6-klasse"),
    "udskoling": ("7-klasse", "9-klasse"),
    "udskolingen": ("7-klasse", "9-klasse"),
    "overbygning": ("7-klasse", "9-klasse"),
    "overbygningen": ("7-klasse", "9-klasse"),
    "alle klassetrin": ("0-klasse", "10-klasse"),
    "alle klasser": ("0-klasse", "10-klasse"),
    "alle trin": ("0-klasse", "10-klasse"),
    "grundskole": ("0-klasse", "10-klasse"),
    "grundskolen": ("0-klasse", "10-klasse"),
    "folkeskole": ("0-klasse", "10-klasse"),
    "folkeskolen": ("0-klasse", "10-klasse"),
    "10. klasse": ("10-klasse", "10-klasse"),
    "efterskole": ("8-klasse", "10-klasse"),
    "ungdomsuddannelse": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "ungdomsuddannelser": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "gymnasium": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "gymnasiet": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "gymnasier": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "gymnasiale uddannelser": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "stx": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "hf": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "htx": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "hhx": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "eux": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "eud": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "erhvervsuddannelse": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "erhvervsuddannelser": ("ungdomsuddannelse", "ungdomsuddannelse"),
    "fgu": ("ungdomsuddannelse", "ungdomsuddannelse"),
}

# category slug -> the words providers use for themselves
CATEGORY_ALIASES = {
    "museum": [
        "museer",
        "frilandsmuseum",
        "kulturhistorisk museum",
        "naturhistorisk museum",
        "historisk museum",
        "vikingeskibsmuseum",
        "borg",
        "slot",
        "herregård",
        "oldtidsmindesmærke",
        "skibsmuseum",
    ],
    "kunstmuseum-kunsthal": ["kunstmuseum", "kunsthal", "galleri", "kunstmuseer"],
    "zoo-akvarium": ["zoo", "akvarium", "dyrepark", "zoologisk have", "safaripark", "oceanarium"],
    "botanisk-have": ["botaniske haver", "arboret", "planteskole"],
    "science-center": [
        "science center",
        "sciencecenter",
        "videncenter",
        "oplevelsescenter",
        "experimentarium",
    ],
    "naturskole-naturcenter": [
        "naturskole",
        "naturcenter",
        "naturcentre",
        "naturformidling",
        "naturvejleder",
        "friluftsgård",
        "skovskole",
        "udeskole",
        "nationalpark",
    ],
    "bibliotek": ["biblioteker", "folkebibliotek", "skolebibliotek"],
    "arkiv": ["stadsarkiv", "lokalarkiv", "byarkiv", "rigsarkivet", "lokalhistorisk arkiv"],
    "teater-scenekunst": ["teater", "scenekunst", "musikhus", "koncertsal", "spillested", "danseteater"],
    "virksomhed": ["virksomheder", "erhverv", "fabrik", "forsyning", "energiselskab", "renseanlæg", "firma"],
    "landbrug": [
        "gård",
        "bondegård",
        "landbrug/gård",
        "skolegård",
        "økologisk gård",
        "gårde",
        "landbrugsskole",
    ],
    "kommunal-skoletjeneste": ["åben skole", "skoletjeneste", "skoletjenesten", "kommune"],
}

# Offer.Format value -> how providers say where (and how) the teaching happens
FORMAT_ALIASES = {
    "paa-stedet": ["på stedet", "besøg", "besøg hos os", "ekskursion", "hos os", "on site", "guidet besøg"],
    "udgaaende": [
        "udgående",
        "vi kommer ud",
        "vi kommer til jer",
        "vi kommer til skolen",
        "på skolen",
        "besøg på skolen",
        "outreach",
        "ude på skolen",
        "mobil",
    ],
    "digitalt": [
        "digital",
        "online",
        "virtuel",
        "virtuelt",
        "webinar",
        "livestream",
        "e-læring",
        "onlineforløb",
    ],
    "udlaan": [
        "udlån",
        "materialekasse",
        "materialekasser",
        "lånekasse",
        "kuffert",
        "udlånskasse",
        "loan kit",
    ],
    "egen-haand": [
        "på egen hånd",
        "besøg på egen hånd",
        "selvguidet",
        "uden guide",
        "egen hånd",
        "self-guided",
        "selvbetjent",
    ],
}
