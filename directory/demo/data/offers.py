"""Offer templates by category: the everyday offers most places of a kind run.

Each demo place gets a couple of these on top of its organisation's hand-written offers
(see directory.demo.loader). Texts use {place} and {city}.
"""

# Months as numbers 1–12; most teaching follows the school year (no July).
SEASONS = {
    "school": [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12],
    "spring-autumn": [4, 5, 6, 8, 9, 10],
    "winter": [11, 12, 1, 2, 3],
    "all": list(range(1, 13)),
}


def template(title, summary, description, subjects, grades, **extra):
    return {
        "title": title,
        "summary": summary,
        "description": description,
        "subjects": subjects,
        "grades": grades,
        **extra,
    }


TEMPLATES = {
    "museum": [
        template(
            "Rundvisning for skoleklasser",
            "En museumsformidler viser klassen rundt i {place}.",
            "Rundvisningen tilpasses klassetrinnet og slutter med en opgave, klassen kan arbejde "
            "videre med hjemme. {place} ligger i {city}.",
            ["historie", "kulturarv"],
            ("3-klasse", "10-klasse"),
        ),
        template(
            "Museumskufferten",
            "Lån en kuffert med genstande og opgaver fra {place}.",
            "Kufferten sendes til skolen og rummer genstande, billeder og en lærervejledning.",
            ["historie", "dansk"],
            ("1-klasse", "6-klasse"),
            format="udlaan",
            duration=None,
            price=150,
            price_unit="",
            keywords=["museumskuffert", "genstande", "materialekasse"],
        ),
        template(
            "Historiske detektiver",
            "Løs et mysterium med spor fra museets samlinger.",
            "Eleverne arbejder i hold med kilder og genstande og præsenterer deres løsning. "
            "Forløbet foregår i {place}.",
            ["historie", "dansk"],
            ("4-klasse", "8-klasse"),
            price=650,
            goals="Eleverne kan bruge kilder og genstande til at undersøge fortiden og vurdere, hvad de kan "
            "fortælle (Fælles Mål, historie: kildearbejde).",
            keywords=["kildekritik", "mysterium", "genstande"],
        ),
        template(
            "Museet på egen hånd",
            "Opgaveark, klassen løser i udstillingen uden guide.",
            "Læreren henter opgavearkene på forhånd; klassen går selv rundt i {place} i {city}.",
            ["historie"],
            ("3-klasse", "9-klasse"),
            format="egen-haand",
            duration=60,
            duration_max=120,
            price=20,
            price_unit="elev",
        ),
        template(
            "Museet for de mindste",
            "Sanseoplevelser og fortællinger for børnehavebørn.",
            "Børnene rører, lytter og leger sig gennem udstillingen i {place}.",
            ["kultur-aestetik-og-faellesskab", "kommunikation-og-sprog"],
            ("boernehave", "0-klasse"),
        ),
        template(
            "Digitalt museumsbesøg",
            "Et livestreamet besøg i {place} med spørgsmål til formidleren.",
            "Klassen besøger museet via video og får materialer til før og efter.",
            ["historie", "teknologiforstaaelse"],
            ("4-klasse", "9-klasse"),
            format="digitalt",
        ),
    ],
    "kunstmuseum-kunsthal": [
        template(
            "Se, tal og skab",
            "Dialogbaseret rundvisning og værkstedsarbejde i {place}.",
            "Eleverne taler om udvalgte værker og skaber deres eget værk i værkstedet.",
            ["billedkunst"],
            ("0-klasse", "6-klasse"),
            price=500,
        ),
        template(
            "Kunst og identitet",
            "Hvordan bruger kunstnere kunsten til at undersøge identitet?",
            "Et forløb for de ældste elever med samtale, skitser og fotografi.",
            ["billedkunst", "dansk", "samfundsfag"],
            ("7-klasse", "ungdomsuddannelse"),
        ),
        template(
            "Kunstsamtaler på skolen",
            "En kunstformidler besøger klassen med billeder fra {place}.",
            "Udgående forløb med kunstsamtaler og en lille workshop i klassen.",
            ["billedkunst", "dansk"],
            ("2-klasse", "7-klasse"),
            format="udgaaende",
            service_radius=40,
        ),
    ],
    "zoo-akvarium": [
        template(
            "Dyrenes tilpasning",
            "Hvordan er dyrene i {place} tilpasset deres levesteder?",
            "Eleverne observerer dyr, undersøger kranier og skind og laver en fødekæde. "
            "Forløbet passer til mellemtrinnets biologi og natur/teknologi.",
            ["biologi", "natur-teknologi"],
            ("3-klasse", "7-klasse"),
        ),
        template(
            "Dyrepasser for en dag",
            "Hør om dyrepasserens arbejde og hjælp med fodringen.",
            "Et forløb om dyrevelfærd, foder og uddannelse som dyrepasser.",
            ["biologi", "uddannelse-og-job"],
            ("5-klasse", "10-klasse"),
            price=900,
        ),
        template(
            "Små dyr – store oplevelser",
            "Sanseforløb for de mindste med dyr, de må røre.",
            "Børnene mærker pels, fjer og skæl og hører, hvad dyrene spiser.",
            ["natur-udeliv-og-science", "krop-sanser-og-bevaegelse"],
            ("vuggestue", "0-klasse"),
        ),
        template(
            "Økosystemer og biodiversitet",
            "Undersøg samspillet mellem arter i {place}.",
            "Et forløb om økosystemer og biodiversitet med dataindsamling blandt dyrene.",
            ["biologi", "geografi", "baeredygtighed"],
            ("7-klasse", "ungdomsuddannelse"),
            languages=["da", "en"],
        ),
    ],
    "botanisk-have": [
        template(
            "Frø, blomster og bestøvning",
            "Hvordan bliver et frø til en plante?",
            "Eleverne undersøger blomster og frø i {place} og sår deres egne planter.",
            ["biologi", "natur-teknologi"],
            ("1-klasse", "6-klasse"),
            months="spring-autumn",
        ),
        template(
            "Nytteplanter fra hele verden",
            "Kaffe, kakao og bomuld: planter, vi bruger hver dag.",
            "Et forløb om nytteplanter, handel og bæredygtighed.",
            ["biologi", "geografi", "baeredygtighed"],
            ("5-klasse", "9-klasse"),
        ),
    ],
    "science-center": [
        template(
            "Eksperimenter med energi",
            "Byg, mål og test i {place}s værksted.",
            "Eleverne laver forsøg med energiformer og energiomsætning.",
            ["fysik-kemi", "natur-teknologi"],
            ("4-klasse", "9-klasse"),
            price=800,
        ),
        template(
            "Undersøg verden – naturfag for indskolingen",
            "Små forsøg med vand, luft og lys.",
            "Et legende forløb, hvor eleverne stiller spørgsmål og laver forsøg.",
            ["natur-teknologi"],
            ("0-klasse", "3-klasse"),
        ),
        template(
            "Naturfagsshow på skolen",
            "{place} kommer ud på skolen med et naturfagsshow.",
            "Udgående show med forsøg i skolens aula og efterfølgende workshops.",
            ["fysik-kemi", "natur-teknologi"],
            ("2-klasse", "7-klasse"),
            format="udgaaende",
            service_radius=75,
            price=1500,
        ),
    ],
    "naturskole-naturcenter": [
        template(
            "Årstidernes natur",
            "Følg naturens forandringer gennem året med en naturvejleder.",
            "Klassen kommer på besøg fire gange i løbet af året og følger det samme sted.",
            ["natur-teknologi", "biologi"],
            ("0-klasse", "4-klasse"),
            months="all",
        ),
        template(
            "Bål og friluftsliv",
            "Tænd bål, lav mad over ild og lær om sikkerhed i naturen.",
            "Et forløb om friluftsliv, samarbejde og bålmad ved {place}.",
            ["idraet", "madkundskab", "social-udvikling"],
            ("boernehave", "6-klasse"),
        ),
        template(
            "Biodiversitet i praksis",
            "Mål biodiversiteten i skov, eng og vandhul.",
            "Eleverne indsamler data om arter og sammenligner naturtyper. "
            "Forløbet passer til biologi i mellemtrin og udskoling.",
            ["biologi", "geografi", "baeredygtighed"],
            ("5-klasse", "9-klasse"),
            months="spring-autumn",
        ),
        template(
            "Naturvejlederen kommer på besøg",
            "En naturvejleder besøger skolen og bruger skolens nærnatur.",
            "Udgående forløb i skolens nærområde om dyr og planter.",
            ["natur-teknologi", "biologi"],
            ("1-klasse", "6-klasse"),
            format="udgaaende",
            service_radius=30,
            months="spring-autumn",
        ),
    ],
    "bibliotek": [
        template(
            "Bibliotekets bogsnak",
            "Bibliotekaren præsenterer bøger, der passer til klassen.",
            "Et forløb om læselyst med booktalks og lån af klassesæt.",
            ["dansk"],
            ("1-klasse", "7-klasse"),
        ),
        template(
            "Makerspace på biblioteket",
            "Byg, kod og print i bibliotekets makerspace.",
            "Eleverne arbejder med 3D-print, laserskærer og enkel programmering.",
            ["teknologiforstaaelse", "haandvaerk-og-design"],
            ("4-klasse", "9-klasse"),
        ),
        template(
            "Sprogstimulering med fortælling",
            "Rim, remser og billedbøger for de mindste.",
            "Et forløb for dagtilbud om sprog og fortælling.",
            ["kommunikation-og-sprog"],
            ("vuggestue", "boernehave"),
        ),
    ],
    "arkiv": [
        template(
            "Lokalhistorie fra arkivet",
            "Find din skoles og dit kvarters historie i arkivets kilder.",
            "Eleverne arbejder med kort, fotos og protokoller fra lokalområdet.",
            ["historie", "dansk"],
            ("4-klasse", "9-klasse"),
        ),
        template(
            "Hvad er et arkiv?",
            "Se magasinerne og lær, hvorfor vi gemmer dokumenter.",
            "En introduktion til arkivet som samfundets hukommelse.",
            ["historie", "samfundsfag"],
            ("6-klasse", "ungdomsuddannelse"),
        ),
    ],
    "teater-scenekunst": [
        template(
            "Skoleforestilling",
            "Se sæsonens forestilling for skoler i {place}.",
            "Forestillingen følges af en samtale med skuespillerne.",
            ["dansk", "kultur-aestetik-og-faellesskab"],
            ("3-klasse", "9-klasse"),
            price=750,
        ),
        template(
            "Teaterleg for de mindste",
            "Leg med krop, stemme og fortælling.",
            "Et forløb for dagtilbud og indskoling med teaterlege.",
            ["krop-sanser-og-bevaegelse", "kommunikation-og-sprog", "dansk"],
            ("boernehave", "1-klasse"),
        ),
    ],
    "virksomhed": [
        template(
            "Virksomhedsbesøg: uddannelse og job",
            "Mød medarbejdere og hør om deres uddannelse.",
            "Et besøg i {place} om job, uddannelsesveje og virksomhedens rolle i samfundet.",
            ["uddannelse-og-job", "samfundsfag"],
            ("7-klasse", "ungdomsuddannelse"),
            price_kind="ukendt",
        ),
        template(
            "Innovationscamp",
            "Løs en virkelig udfordring fra virksomheden.",
            "Eleverne arbejder i teams og pitcher deres løsning for virksomhedens folk.",
            ["innovation-og-entreprenoerskab", "uddannelse-og-job"],
            ("7-klasse", "10-klasse"),
            days=2,
        ),
    ],
    "landbrug": [
        template(
            "Årets gang på landet",
            "Så om foråret, høst om efteråret.",
            "Klassen besøger gården flere gange og følger afgrøderne fra frø til høst.",
            ["natur-teknologi", "biologi", "madkundskab"],
            ("0-klasse", "5-klasse"),
            months="spring-autumn",
        ),
        template(
            "Fødevarer og klima",
            "Hvor meget CO2 koster en liter mælk?",
            "Et forløb om landbrug, klima og fødevareproduktion.",
            ["geografi", "biologi", "baeredygtighed"],
            ("6-klasse", "10-klasse"),
        ),
    ],
    "kommunal-skoletjeneste": [
        template(
            "Åben Skole: lokale partnere",
            "Kommunen formidler besøg hos lokale foreninger og virksomheder.",
            "Skoletjenesten hjælper med at finde og booke et læringsmiljø i kommunen.",
            ["uddannelse-og-job", "demokrati-og-medborgerskab"],
            ("0-klasse", "10-klasse"),
            format="udgaaende",
            service_municipalities="own",
        ),
        template(
            "Kommunens klimaforløb",
            "Et forløb om kommunens klimaplan og lokal klimatilpasning.",
            "Eleverne arbejder med kommunens egne data om energi og nedbør.",
            ["geografi", "samfundsfag", "baeredygtighed"],
            ("6-klasse", "10-klasse"),
            format="digitalt",
            price_kind="gratis-kommune",
            price=400,
        ),
    ],
    "andet": [
        template(
            "Besøg for skoleklasser",
            "Et besøg tilpasset klassens alder.",
            "Kontakt stedet for at aftale indhold og tidspunkt.",
            ["natur-teknologi"],
            ("0-klasse", "6-klasse"),
        ),
    ],
}
