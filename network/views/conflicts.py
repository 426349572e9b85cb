"""A stale edit (someone saved in between) answered with the form again, nothing lost."""

from __future__ import annotations

from typing import Any

from django import forms

from directory.services.versions import VersionConflict
from network import selectors


def refill_after_conflict(
    form_class: type[forms.ModelForm], request, conflict: VersionConflict, **form_kwargs: Any
) -> tuple[forms.ModelForm, selectors.ConflictingSave]:
    """The editor's posted values over the row as now stored, with the stored version.

    The form keeps every value the editor typed; the other change is shown beside it; saving
    again (after merging by hand) is then an edit of the current version, not a stale one.
    """
    data = request.POST.copy()
    data["version"] = str(conflict.stored)
    current = type(conflict.instance)._default_manager.get(pk=conflict.instance.pk)
    form = form_class(data, instance=current, **form_kwargs)
    form.is_valid()
    form.add_error(None, conflict)
    return form, selectors.changes_since(current, conflict.expected)
