"""The in-memory reference tables (directory/reference.py) follow every change."""

import pytest
from django.core.cache import cache
from django.http import QueryDict

from directory.models import Grade, Subject
from directory.reference import TOKEN_KEY, reference
from directory.search.forms import OfferSearchForm

pytestmark = pytest.mark.django_db


def test_it_holds_the_tables_in_their_own_order():
    ref = reference()
    assert list(ref.subjects) == list(
        Subject.objects.order_by("sort_order", "name", "pk").values_list("pk", flat=True)
    )
    assert list(ref.grades) == list(range(14))
    assert ref.grades_by_slug["5-klasse"].level == Grade.objects.get(slug="5-klasse").level
    assert ref is reference()  # no reload while nothing changed


def test_a_saved_subject_is_known_at_once_to_the_search_form():
    reference()
    assert not OfferSearchForm(QueryDict("subject=astronomi")).is_valid()
    Subject.objects.create(slug="astronomi", name="Astronomi", kind=Subject.Kind.SCHOOL_SUBJECT)
    form = OfferSearchForm(QueryDict("subject=astronomi"))
    assert form.is_valid(), form.errors
    assert [subject.slug for subject in form.cleaned_data["subject"]] == ["astronomi"]


def test_a_deleted_subject_is_forgotten():
    subject = Subject.objects.create(slug="astronomi", name="Astronomi", kind=Subject.Kind.SCHOOL_SUBJECT)
    assert "astronomi" in reference().subjects_by_slug
    subject.delete()
    assert "astronomi" not in reference().subjects_by_slug


def test_another_process_change_is_seen_once_the_shared_token_is_dropped():
    before = reference()
    Grade.objects.filter(level=7).update(name="Femte")  # no signal: as if another process wrote it
    assert reference().grades[7].name == before.grades[7].name
    cache.delete(TOKEN_KEY)  # what that process's signal does to the shared cache
    assert reference().grades[7].name == "Femte"
