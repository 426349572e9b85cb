"""Writes to offers: create, update, duplicate, archive, and the moderation around them.

Moderation: a change by someone who does not publish directly (see
network.permissions.publishes_directly) never alters what the public sees. A new offer
waits as "pending"; an edit of a published offer is stored as a PendingChange and the
live version stays as it was until a coordinator approves. History (who, when, what) is
kept by simple-history; we pass the acting user explicitly rather than relying on the
request middleware, so imports and the API are attributed too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.models import LearningEnvironment, Offer, Organisation
from directory.models.offers import OFFER_HISTORY
from directory.search.refresh import search_index_refresh
from directory.services.versions import version_check
from network.models import PendingChange
from network.permissions import publishes_directly
from network.selectors import recorded_links

if TYPE_CHECKING:
    from network.models import User

SCALAR_FIELDS = (
    "title",
    "summary",
    "description",
    "grade_from",
    "grade_to",
    "format",
    "duration_minutes",
    "duration_max_minutes",
    "duration_days",
    "min_participants",
    "max_participants",
    "max_classes",
    "adults_per_group",
    "price_kind",
    "price_dkk",
    "price_unit",
    "price_note",
    "months",
    "period_note",
    "learning_goals",
    "requirements",
    "keywords",
    "booking_url",
    "booking_email",
    "booking_phone",
    "service_radius_km",
    "external_id",
)
MANY_FIELDS = ("subjects", "languages", "environments", "service_municipalities")
EDITABLE_FIELDS = SCALAR_FIELDS + MANY_FIELDS


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the text, with -2, -3 … appended until no other row has it."""
    base = (slugify(text) or "tilbud")[:200]
    candidate, number = base, 1
    others = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while others.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _check_unknown(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown offer fields: {', '.join(sorted(unknown))}")


def _validate_relations(organisation: Organisation, many: dict[str, Any], *, creating: bool) -> None:
    errors: dict[str, str] = {}
    if creating and not many.get("subjects"):
        errors["subjects"] = _("Vælg mindst ét fag eller tema.")
    elif "subjects" in many and not many["subjects"]:
        errors["subjects"] = _("Vælg mindst ét fag eller tema.")
    environments = many.get("environments") or []
    # An editor must never hang an offer on another organisation's place.
    if any(
        (env.organisation_id if isinstance(env, LearningEnvironment) else None) != organisation.pk
        for env in environments
    ):
        errors["environments"] = _("Et tilbud kan kun knyttes til organisationens egne steder.")
    if errors:
        raise ValidationError(errors)


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    _check_unknown(fields)
    scalar = {key: value for key, value in fields.items() if key in SCALAR_FIELDS}
    many = {key: list(value) for key, value in fields.items() if key in MANY_FIELDS}
    return scalar, many


def _save(offer: Offer, user: User | None, reason: str, many: dict[str, Any] | None = None) -> None:
    """Save the fields, then the links, then write one history version of both.

    Left to itself simple-history writes a version on save and more on every link change
    (set() removes, then adds), each a half-edited state; we pause it and write one.
    """
    offer._history_user = user
    offer._change_reason = reason
    offer.full_clean()
    created = offer._state.adding
    offer.skip_history_when_saving = True
    try:
        offer.save()
        for name, values in (many or {}).items():
            getattr(offer, name).set(values)
    finally:
        del offer.skip_history_when_saving
    OFFER_HISTORY.create_historical_record(offer, "+" if created else "~")
    # Status, search columns or links may have changed: rewrite the offer's search rows.
    search_index_refresh(offer_ids=[offer.pk])


@transaction.atomic
def offer_create(
    *, organisation: Organisation, user: User | None = None, draft: bool = False, **fields: Any
) -> Offer:
    """Create an offer: published, pending review, or a draft if asked."""
    scalar, many = _split(fields)
    _validate_relations(organisation, many, creating=not draft)  # a draft may lack subjects
    offer = Offer(organisation=organisation, **scalar)
    offer.slug = unique_slug(Offer, offer.title)
    if draft:
        offer.status = Offer.Status.DRAFT
    elif publishes_directly(user, organisation):
        offer.status, offer.published_at = Offer.Status.PUBLISHED, timezone.now()
    else:
        offer.status = Offer.Status.PENDING
    _save(offer, user, "create", many)
    return offer


def serialize_changes(offer: Offer, scalar: dict[str, Any], many: dict[str, Any]) -> dict[str, Any]:
    """The proposed values that differ from the offer, as JSON (ids for relations)."""
    data: dict[str, Any] = {}
    for name, value in scalar.items():
        field = offer._meta.get_field(name)
        if isinstance(value, models.Model):
            value = value.pk
        if field.to_python(value) != getattr(offer, field.attname):
            data[name] = str(value) if isinstance(value, Decimal) else value
    for name, values in many.items():
        proposed = sorted(item.pk if isinstance(item, models.Model) else item for item in values)
        current = sorted(getattr(offer, name).values_list("pk", flat=True))
        if proposed != current:
            data[name] = proposed
    return data


def _apply_scalar(offer: Offer, scalar: dict[str, Any]) -> None:
    for name, value in scalar.items():
        field = offer._meta.get_field(name)
        if isinstance(value, models.Model) or not field.is_relation:
            setattr(offer, name, value)
        else:
            setattr(offer, field.attname, value)
    if "title" in scalar:
        offer.slug = unique_slug(Offer, offer.title, exclude_pk=offer.pk)


@transaction.atomic
def offer_update(
    *, offer: Offer, user: User | None = None, expected_version: int | None = None, **fields: Any
) -> PendingChange | None:
    """Change an offer, or - for a published offer of someone who needs review - propose the change.

    Returns the PendingChange when the edit waits for approval, None when it was applied.
    With `expected_version` (the version the editor read) a save since then raises
    VersionConflict and changes nothing.
    """
    version_check(offer, expected=expected_version)
    scalar, many = _split(fields)
    _validate_relations(offer.organisation, many, creating=False)
    if offer.status == Offer.Status.PUBLISHED and not publishes_directly(user, offer.organisation):
        return _propose(offer=offer, user=user, scalar=scalar, many=many)
    _apply_scalar(offer, scalar)
    _save(offer, user, "update", many)
    return None


def _propose(*, offer: Offer, user: User | None, scalar: dict, many: dict) -> PendingChange | None:
    # Compare with the stored version (the caller's object may hold a form's unsaved
    # values), and validate a throwaway copy so a proposal is as clean as a direct edit.
    stored = Offer.objects.get(pk=offer.pk)
    preview = Offer.objects.get(pk=offer.pk)
    _apply_scalar(preview, scalar)
    preview.full_clean()
    data = serialize_changes(stored, scalar, many)
    # Each editor has at most one open proposal: theirs is replaced, another editor's is kept.
    open_change = offer.pending_changes.filter(status=PendingChange.Status.PENDING, submitted_by=user).first()
    if not data:
        return open_change
    if open_change:
        open_change.data, open_change.submitted_by = data, user
        open_change.submitted_at = timezone.now()
        open_change.save(update_fields=["data", "submitted_by", "submitted_at"])
        return open_change
    return PendingChange.objects.create(offer=offer, data=data, submitted_by=user)


@transaction.atomic
def offer_duplicate(*, offer: Offer, user: User | None = None) -> Offer:
    """A draft copy to start a similar offer from; the external id is not copied (it must stay unique)."""
    copy = Offer.objects.get(pk=offer.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.title = _("Kopi af %(title)s") % {"title": offer.title}
    copy.title = copy.title[:200]
    copy.slug = unique_slug(Offer, copy.title)
    copy.status, copy.published_at, copy.external_id = Offer.Status.DRAFT, None, ""
    _save(copy, user, "duplicate", {name: list(getattr(offer, name).all()) for name in MANY_FIELDS})
    return copy


@transaction.atomic
def offer_archive(*, offer: Offer, user: User | None = None) -> Offer:
    """Take an offer off the public site. Needs no review: withdrawing is always allowed."""
    offer.status = Offer.Status.ARCHIVED
    _save(offer, user, "archive")
    offer.pending_changes.filter(status=PendingChange.Status.PENDING).update(
        status=PendingChange.Status.REJECTED, decided_at=timezone.now(), reason=_("Tilbuddet blev arkiveret.")
    )
    return offer


@transaction.atomic
def offer_submit(*, offer: Offer, user: User | None = None) -> Offer:
    """Send a draft (or an archived offer) to publication: public at once or via review."""
    if offer.status == Offer.Status.PUBLISHED:
        return offer
    if publishes_directly(user, offer.organisation):
        offer.status, offer.published_at = Offer.Status.PUBLISHED, timezone.now()
    else:
        offer.status = Offer.Status.PENDING
    _save(offer, user, "submit")
    return offer


def _apply_change(offer: Offer, change: PendingChange, user: User | None) -> None:
    data = dict(change.data)
    scalar = {key: value for key, value in data.items() if key in SCALAR_FIELDS}
    _apply_scalar(offer, scalar)
    # Rows deleted since the proposal was made are silently left out.
    many = {
        name: list(Offer._meta.get_field(name).related_model.objects.filter(pk__in=data[name]))
        for name in MANY_FIELDS
        if name in data
    }
    _save(offer, user, f"approve change {change.pk}", many)


@transaction.atomic
def offer_approve(*, offer: Offer, user: User, change_id: int | None = None) -> Offer:
    """A coordinator approves: a pending offer goes public; an open proposed edit is applied.

    Several editors may each have an open proposal: `change_id` names the one approved
    (the oldest without it); the others stay open, to be compared with the new live version.
    """
    changes = offer.pending_changes.select_for_update().filter(status=PendingChange.Status.PENDING)
    if change_id is not None:
        changes = changes.filter(pk=change_id)
    change = changes.first()
    if change:
        _apply_change(offer, change, user)
        change.status, change.decided_by, change.decided_at = (
            PendingChange.Status.APPROVED,
            user,
            timezone.now(),
        )
        change.save(update_fields=["status", "decided_by", "decided_at"])
    if offer.status == Offer.Status.PENDING:
        offer.status, offer.published_at = Offer.Status.PUBLISHED, timezone.now()
        _save(offer, user, "approve")
    return offer


@transaction.atomic
def offer_reject(*, offer: Offer, user: User, reason: str = "", change_id: int | None = None) -> Offer:
    """A coordinator rejects: a pending offer goes back to draft; open proposed edits are dropped
    (only the one named by `change_id`, when given)."""
    now = timezone.now()
    changes = offer.pending_changes.filter(status=PendingChange.Status.PENDING)
    if change_id is not None:
        changes = changes.filter(pk=change_id)
    changes.update(status=PendingChange.Status.REJECTED, decided_by=user, decided_at=now, reason=reason)
    if offer.status == Offer.Status.PENDING:
        offer.status = Offer.Status.DRAFT
        _save(offer, user, f"reject: {reason}"[:100])
    return offer


@transaction.atomic
def offer_revert(*, offer: Offer, history_id: int, user: User) -> Offer:
    """Restore the offer's fields and links as they were in one of its historical versions.

    Links that no longer exist (a deleted subject, a place that left the organisation) are
    left out. A version from before links were tracked restores the fields only.
    """
    record = offer.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError({"history_id": _("Versionen findes ikke for dette tilbud.")})
    old = record.instance
    for field in Offer._meta.concrete_fields:
        if field.name in {"id", "created_at", "updated_at", "organisation"}:
            continue
        setattr(offer, field.attname, getattr(old, field.attname))
    offer.slug = unique_slug(Offer, offer.slug, exclude_pk=offer.pk)
    many = {}
    recorded = recorded_links(offer, history_id).get(history_id)
    if recorded:
        for name, pks in recorded.items():
            rows = Offer._meta.get_field(name).related_model.objects.filter(pk__in=pks)
            if name == "environments":
                rows = rows.filter(organisation=offer.organisation)
            many[name] = list(rows)
    _save(offer, user, f"revert to {history_id}", many)
    return offer
