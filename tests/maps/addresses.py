"""Real Danish institutions that teach school classes, with their true position.

Coordinates were checked by hand against OpenStreetMap (the building's entrance, rounded to
about 100 m). The gazetteer knows postcodes and towns, not streets, so a result within
MAX_KM of the true place is the expectation.
"""

MAX_KM = 15

# (address as a provider types it, municipality code, true latitude, true longitude)
INSTITUTIONS = [
    # Region Hovedstaden
    ("Nationalmuseet, Ny Vestergade 10, 1471 København K", 101, 55.6747, 12.5748),
    ("Statens Museum for Kunst, Sølvgade 48-50, 1307 København K", 101, 55.6888, 12.5783),
    ("Øster Voldgade 5-7, 1350 København K", 101, 55.6869, 12.5776),
    ("Zoologisk Have, Roskildevej 32, 2000 Frederiksberg", 147, 55.6722, 12.5213),
    ("Experimentarium, Tuborg Havnevej 7, 2900 Hellerup", 157, 55.7286, 12.5790),
    ("Den Blå Planet, Jacob Fortlingsvej 1, 2770 Kastrup", 185, 55.6383, 12.6567),
    ("Frilandsmuseet, Kongevejen 100, 2800 Kongens Lyngby", 173, 55.7866, 12.5000),
    ("Louisiana, Gl. Strandvej 13, 3050 Humlebæk", 210, 55.9689, 12.5426),
    ("M/S Museet for Søfart, Ny Kronborgvej 1, 3000 Helsingør", 217, 56.0376, 12.6152),
    ("Frederiksborg Slot 10, 3400 Hillerød", 219, 55.9346, 12.3012),
    ("Bornholms Museum, Sankt Mortensgade 29, 3700 Rønne", 400, 55.1018, 14.7034),
    ("NaturBornholm, Grønningen 30, 3720 Aakirkeby", 400, 55.0634, 14.9206),
    # Region Sjælland
    ("Vikingeskibsmuseet, Vindeboder 12, 4000 Roskilde", 265, 55.6506, 12.0796),
    ("Næstved Museum, Ringstedgade 4, 4700 Næstved", 370, 55.2304, 11.7597),
    ("Knuthenborg Safaripark, Birketvej 5, 4941 Bandholm", 360, 54.8010, 11.4900),
    ("GeoCenter Møns Klint, Stengårdsvej 8, 4791 Borre", 390, 54.9654, 12.5425),
    ("Sagnlandet Lejre, Slangealleen 2, 4320 Lejre", 350, 55.6269, 11.9580),
    ("Trelleborg, Trelleborg Allé 4, 4200 Slagelse", 330, 55.3943, 11.2656),
    ("Holbæk Museum, Klosterstræde 18, 4300 Holbæk", 316, 55.7168, 11.7158),
    ("Middelaldercentret, Ved Hamborgskoven 2, 4800 Nykøbing F", 376, 54.7630, 11.8460),
    # Region Syddanmark
    ("Odense Zoo, Sdr. Boulevard 306, 5000 Odense C", 461, 55.3740, 10.3825),
    ("H.C. Andersens Hus, Bangs Boder 29, 5000 Odense C", 461, 55.3993, 10.3905),
    ("Fiskeri- og Søfartsmuseet, Tarphagevej 2, 6710 Esbjerg V", 561, 55.4958, 8.4253),
    ("Sønderborg Slot, Sønderbro 1, 6400 Sønderborg", 540, 54.9111, 9.7833),
    ("Ribe VikingeCenter, Lustrupvej 4, 6760 Ribe", 561, 55.3071, 8.7715),
    ("LEGO House, Ole Kirks Plads 1, 7190 Billund", 530, 55.7308, 9.1224),
    ("Økolariet, Dæmningen 11, 7100 Vejle", 630, 55.7076, 9.5353),
    ("Naturama, Dronningemaen 30, 5700 Svendborg", 479, 55.0650, 10.6016),
    # Region Midtjylland
    ("Moesgård Allé 15, 8270 Højbjerg", 751, 56.0884, 10.2247),
    ("Den Gamle By, Viborgvej 2, 8000 Aarhus C", 751, 56.1588, 10.1922),
    ("Naturhistorisk Museum, Wilhelm Meyers Allé 10, 8000 Aarhus C", 751, 56.1685, 10.2039),
    ("Randers Regnskov, Tørvebryggen 11, 8900 Randers C", 730, 56.4573, 10.0395),
    ("Kattegatcentret, Færgevej 4, 8500 Grenaa", 707, 56.4058, 10.9230),
    ("Skovgaard Museet, Domkirkepladsen 2-4, 8800 Viborg", 791, 56.4509, 9.4033),
    ("Jesperhus, Jesperhusvej 1, 7900 Nykøbing M", 773, 56.7710, 8.8310),
    # Region Nordjylland
    ("Nordsøen Oceanarium, Willemoesvej 2, 9850 Hirtshals", 860, 57.5900, 9.9620),
    ("Lindholm Høje, Vendilavej 11, 9400 Nørresundby", 851, 57.0773, 9.9115),
    ("Aalborg Zoo, Mølleparkvej 63, 9000 Aalborg", 851, 57.0384, 9.8990),
    ("Kunsten, Kong Christians Allé 50, 9000 Aalborg", 851, 57.0436, 9.9070),
    ("Skagens Museum, Brøndumsvej 4, 9990 Skagen", 813, 57.7230, 10.5900),
    ("Fårup Sommerland, Pirupvejen 147, 9493 Saltum", 849, 57.2711, 9.6466),
    ("Rebildcentret, Rebildvej 25A, 9520 Skørping", 840, 56.8323, 9.8380),
]
