"""The about and footer pages, with a first text the coordinators replace in the admin.

Only pages that do not exist yet are created, so re-running never overwrites an edited page.
"""

from django.db import migrations

PAGES = [
    ("about", 1, "videnscentret", "Videnscentret", "The knowledge centre",
     "Videnscentret samler viden om undervisning i eksterne læringsmiljøer og arrangerer temadage, "
     "konferencer, kurser og studiegrupper for alle, der underviser uden for skolen.",
     "The knowledge centre gathers knowledge about teaching in external learning environments and "
     "arranges theme days, conferences, courses and study groups."),
    ("about", 2, "bestyrelse", "Bestyrelse og direktion", "Board and directors",
     "Netværkets bestyrelse vælges på generalforsamlingen. Her præsenteres bestyrelsen og direktionen.", ""),
    ("about", 3, "udviklingsplan", "Udviklingsplan", "Development plan",
     "Udviklingsplanen beskriver netværkets mål og indsatser for de kommende år.", ""),
    ("about", 4, "vedtaegter", "Vedtægter", "Statutes", "Netværkets vedtægter.", ""),
    ("about", 5, "partnerskaber", "Partnerskaber", "Partnerships",
     "Netværket samarbejder med kulturinstitutioner, naturformidlere og virksomheder over hele landet.", ""),
    ("about", 6, "finansiering", "Finansiering", "Funding",
     "Netværket finansieres af medlemmernes kontingent og af fonde og offentlige puljer.", ""),
    ("about", 7, "netvaerket", "Det nationale netværk", "The national network",
     "Netværket forbinder skoletjenester og eksterne læringsmiljøer i hele Danmark.",
     "The network connects school services and external learning environments across Denmark."),
    ("footer", 1, "kontakt", "Kontakt", "Contact",
     "Skriv til netværkets sekretariat. Spørgsmål om et bestemt tilbud stilles til udbyderen.", ""),
    ("footer", 2, "privatlivspolitik", "Privatlivspolitik", "Privacy policy",
     "## Hvilke oplysninger vi behandler\n\nNår du tilmelder dig et arrangement, gemmer vi navn, e-mail, "
     "arbejdssted, rolle og de behov, du selv skriver, for at kunne afvikle arrangementet. Oplysningerne "
     "ses kun af arrangøren og netværkets koordinatorer.\n\n## Dine rettigheder\n\nDu kan til enhver tid "
     "melde dig fra via linket i din bekræftelse og bede om indsigt eller sletning.", ""),
    ("footer", 3, "tilgaengelighedserklaering", "Tilgængelighedserklæring", "Accessibility statement",
     "Vi arbejder for, at sitet lever op til WCAG 2.1 niveau AA, jf. lov om tilgængelighed af offentlige "
     "organers websteder og mobilapplikationer.\n\n## Kendte mangler\n\nKortet er et supplement; alle "
     "oplysninger findes også i listerne.\n\n## Feedback\n\nOplever du problemer, så kontakt os. Du kan "
     "også klage til Digitaliseringsstyrelsen.", ""),
    ("footer", 4, "cookies", "Cookies", "Cookies",
     "Sitet bruger kun de cookies, det ikke kan fungere uden: en sikkerhedscookie til formularer "
     "(csrftoken), en sessionscookie for medlemmer, der er logget ind, og et valg af sprog. Vi bruger "
     "ingen statistik- eller sporingscookies, og derfor beder vi ikke om samtykke.", ""),
]  # fmt: skip


def seed(apps, schema_editor):
    Page = apps.get_model("knowledge", "Page")
    for section, order, slug, title, title_en, body, body_en in PAGES:
        Page.objects.get_or_create(
            slug=slug,
            defaults={"section": section, "order": order, "title": title, "title_en": title_en,
                      "body": body, "body_en": body_en},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_news_press_pages")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
