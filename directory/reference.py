"""The reference tables in memory: subjects, grades, languages, categories, municipalities, regions
(and the largest service radius of the search rows, which a point search needs first).

Every search reads them (the form turns ``subject=biologi`` into a Subject, a page of results
hangs subjects, grades and municipalities on each offer and place) and they change only
through the admin. So each process keeps one copy, valid while a version token in the shared
cache (Redis in production) is the one it was loaded under: one cache read per use. Saving
or deleting any of these rows drops the token, at once and again when the transaction
commits (signals connected in apps.py), and every process reloads on its next use; so does a
search-table refresh that changes the largest service radius
(directory/search/refresh.py). The objects are shared between requests: read them,
never change them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

TOKEN_KEY = "directory:reference:token"


@dataclass(frozen=True)
class Reference:
    token: str
    subjects: dict  # id -> Subject
    subjects_by_slug: dict
    grades: dict  # level -> Grade
    grades_by_slug: dict
    languages: dict  # code -> Language
    categories: dict  # id -> Category
    categories_by_slug: dict
    municipalities: dict  # code -> Municipality
    regions: dict  # code -> Region
    max_reach_km: int  # the largest service radius of any search row, 0 if none
    # Lookups derived from the tables (directory/search/fields.py), built on first use.
    indexes: dict = field(default_factory=dict)


_current: Reference | None = None


def reference() -> Reference:
    """The reference tables, reloaded when any of them changed since this process read them."""
    global _current
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(TOKEN_KEY, token, timeout=None):
            token = cache.get(TOKEN_KEY) or token  # another process set it first
    current = _current
    if current is None or current.token != token:
        current = _current = _load(token)
    return current


def reference_changed(**kwargs) -> None:
    """Signal receiver: a reference row was saved or deleted. Dropped now, so this process and
    this transaction see the change, and after the commit, so no process keeps a copy it
    reloaded while the change was not yet visible to it."""
    cache.delete(TOKEN_KEY)
    transaction.on_commit(lambda: cache.delete(TOKEN_KEY))


def _load(token: str) -> Reference:
    from directory.models import Category, Grade, Language, Subject
    from maps.models import Municipality, Region

    # In each model's own order, the primary key last: the order pages list them in.
    subjects = list(Subject.objects.order_by(*Subject._meta.ordering, "pk"))
    grades = list(Grade.objects.order_by("level"))
    categories = list(Category.objects.order_by(*Category._meta.ordering, "pk"))
    return Reference(
        token=token,
        subjects={subject.pk: subject for subject in subjects},
        subjects_by_slug={subject.slug: subject for subject in subjects},
        grades={grade.level: grade for grade in grades},
        grades_by_slug={grade.slug: grade for grade in grades},
        languages={
            language.code: language for language in Language.objects.order_by(*Language._meta.ordering, "pk")
        },
        categories={category.pk: category for category in categories},
        categories_by_slug={category.slug: category for category in categories},
        municipalities={municipality.code: municipality for municipality in Municipality.objects.all()},
        regions={region.code: region for region in Region.objects.all()},
        max_reach_km=largest_service_radius(),
    )


def largest_service_radius() -> int:
    """The largest service radius of any search row (0 if none): one probe of an index."""
    from django.db import connection

    from directory.models import OfferPlacement

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(reach_km) FROM {OfferPlacement._meta.db_table} WHERE reach_km IS NOT NULL"
        )
        (found,) = cursor.fetchone()
    return found or 0
