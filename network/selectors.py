"""Reads for the member pages: dashboards, the moderation queue, history, coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from directory.models import Grade, LearningEnvironment, Offer, Organisation, Subject
from directory.models.offers import OFFER_HISTORY
from directory.search.serving import offer_ids_serving_by_radius
from maps.models import Municipality
from network.models import Invitation, Membership, PendingChange
from network.permissions import editable_organisations

if TYPE_CHECKING:
    from network.models import User


def organisations_for_dashboard(user: User) -> QuerySet[Organisation]:
    return editable_organisations(user).annotate(
        offer_count=Count("offers", filter=~Q(offers__status=Offer.Status.ARCHIVED), distinct=True),
        environment_count=Count(
            "environments", filter=Q(environments__status=LearningEnvironment.Status.ACTIVE), distinct=True
        ),
    )


def organisation_offers(organisation: Organisation) -> QuerySet[Offer]:
    open_change = PendingChange.objects.filter(offer=OuterRef("pk"), status=PendingChange.Status.PENDING)
    return (
        organisation.offers.annotate(has_open_change=Exists(open_change))
        .select_related("grade_from", "grade_to")
        .order_by("status", "title")
    )


def organisation_environments(organisation: Organisation) -> QuerySet[LearningEnvironment]:
    return organisation.environments.select_related("category", "municipality").order_by("status", "name")


def organisation_people(organisation: Organisation) -> tuple[QuerySet[Membership], QuerySet[Invitation]]:
    members = organisation.memberships.select_related("user").order_by("user__email")
    open_invitations = organisation.invitations.filter(accepted_at__isnull=True).order_by("-created_at")
    return members, open_invitations


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass
class QueueItem:
    offer: Offer
    kind: str  # "new" (a pending offer) or "change" (a proposed edit of a published one)
    change: PendingChange | None = None
    fields: list[FieldChange] = field(default_factory=list)


def _display(offer_field: Any, value: Any) -> str:
    """A field value as a reader sees it: names for relations and choices, not ids."""
    if value in (None, ""):
        return "—"
    if offer_field.many_to_many:
        related = offer_field.related_model.objects.filter(pk__in=value)
        return ", ".join(str(item) for item in related) or "—"
    if offer_field.is_relation:
        item = offer_field.related_model.objects.filter(pk=value).first()
        return str(item) if item else str(value)
    if offer_field.choices:
        return str(dict(offer_field.flatchoices).get(value, value))
    if offer_field.name == "months":
        from directory.models.offers import MONTH_NAMES, mask_to_months

        return ", ".join(str(MONTH_NAMES[month - 1]) for month in mask_to_months(int(value)))
    return str(value)


def change_fields(change: PendingChange) -> list[FieldChange]:
    offer = change.offer
    rows = []
    for name, proposed in change.data.items():
        offer_field = Offer._meta.get_field(name)
        if offer_field.many_to_many:
            current = list(getattr(offer, name).values_list("pk", flat=True))
        else:
            current = getattr(offer, offer_field.attname)
        rows.append(
            FieldChange(
                name=name,
                label=str(offer_field.verbose_name),
                before=_display(offer_field, current),
                after=_display(offer_field, proposed),
            )
        )
    return rows


def moderation_queue() -> list[QueueItem]:
    """Everything waiting for a coordinator, oldest first."""
    items = [
        QueueItem(offer=offer, kind="new")
        for offer in Offer.objects.filter(status=Offer.Status.PENDING)
        .select_related("organisation")
        .order_by("updated_at")
    ]
    changes = PendingChange.objects.filter(status=PendingChange.Status.PENDING).select_related(
        "offer__organisation", "submitted_by"
    )
    items += [
        QueueItem(offer=change.offer, kind="change", change=change, fields=change_fields(change))
        for change in changes
    ]
    return items


@dataclass
class HistoryEntry:
    history_id: int
    date: Any
    user: Any
    kind: str
    reason: str
    changes: list[FieldChange]


LINK_FIELDS = ("subjects", "environments", "languages", "service_municipalities")


def recorded_links(offer: Offer, history_id: int | None = None) -> dict[int, dict[str, set[int]]]:
    """The offer's links as each of its versions recorded them: {history_id: {field: pks}}.

    Versions from before links were tracked (migration 0005) have no rows; as every saved
    offer has a subject, a version without recorded subjects is left out rather than read
    as "no links", so neither a diff nor a revert takes it for an emptied offer.
    """
    snapshots: dict[int, dict[str, set[int]]] = {}
    for link_field, model in OFFER_HISTORY.m2m_models.items():
        rows = model.objects.filter(offer_id=offer.pk)
        if history_id is not None:
            rows = rows.filter(history_id=history_id)
        target = link_field.m2m_reverse_field_name() + "_id"
        for version, pk in rows.values_list("history_id", target):
            links = snapshots.setdefault(version, {name: set() for name in LINK_FIELDS})
            links[link_field.name].add(pk)
    return {version: links for version, links in snapshots.items() if links["subjects"]}


def _link_names(snapshots: dict[int, dict[str, set[int]]]) -> dict[str, dict[int, str]]:
    """One query per link field for every name the history mentions."""
    names = {}
    for name in LINK_FIELDS:
        pks = set().union(*(links[name] for links in snapshots.values())) if snapshots else set()
        related = Offer._meta.get_field(name).related_model
        names[name] = {item.pk: str(item) for item in related.objects.filter(pk__in=pks)} if pks else {}
    return names


def _link_changes(
    before: dict[str, set[int]], after: dict[str, set[int]], names: dict[str, dict[int, str]]
) -> list[FieldChange]:
    def shown(name: str, pks: set[int]) -> str:
        # A subject or place deleted since keeps its id, so the row still says something.
        labels = sorted(names[name].get(pk, _("slettet (%(id)s)") % {"id": pk}) for pk in pks)
        return ", ".join(labels) or "—"

    return [
        FieldChange(
            name=name,
            label=str(Offer._meta.get_field(name).verbose_name),
            before=shown(name, before[name]),
            after=shown(name, after[name]),
        )
        for name in LINK_FIELDS
        if before[name] != after[name]
    ]


def offer_history(offer: Offer) -> list[HistoryEntry]:
    """Each saved version with who, when and which fields and links changed compared with the version before."""
    records = list(offer.history.select_related("history_user").order_by("-history_date", "-history_id"))
    snapshots = recorded_links(offer)
    names = _link_names(snapshots)
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["updated_at", "slug", *LINK_FIELDS])
            for change in delta.changes:
                offer_field = Offer._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        name=change.field,
                        label=str(offer_field.verbose_name),
                        before=_display(offer_field, change.old),
                        after=_display(offer_field, change.new),
                    )
                )
            if record.history_id in snapshots and previous.history_id in snapshots:
                changes += _link_changes(snapshots[previous.history_id], snapshots[record.history_id], names)
        entries.append(
            HistoryEntry(
                history_id=record.history_id,
                date=record.history_date,
                user=record.history_user,
                kind=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


@dataclass
class ConflictingSave:
    """What another editor saved after this editor read the row: who, when, and which fields."""

    user: Any
    date: Any
    changes: list[FieldChange]


def changes_since(instance: Offer | LearningEnvironment | Organisation, version: int) -> ConflictingSave:
    """The fields (and an offer's links) saved since `version`, from the row's history.

    Shown beside a refused stale edit, so the editor sees the other change and loses neither.
    """
    model = type(instance)
    started = instance.history.filter(version=version).order_by("-history_id").first()
    latest = instance.history.select_related("history_user").order_by("-history_id").first()
    if started is None or latest is None or started.history_id == latest.history_id:
        return ConflictingSave(user=getattr(latest, "history_user", None), date=None, changes=[])
    links = LINK_FIELDS if model is Offer else ()
    delta = latest.diff_against(
        started, excluded_fields=["updated_at", "created_at", "slug", "version", *links]
    )
    changes = [
        FieldChange(
            name=change.field,
            label=str(model._meta.get_field(change.field).verbose_name),
            before=_display(model._meta.get_field(change.field), change.old),
            after=_display(model._meta.get_field(change.field), change.new),
        )
        for change in delta.changes
    ]
    if model is Offer:
        snapshots = recorded_links(instance)
        if started.history_id in snapshots and latest.history_id in snapshots:
            changes += _link_changes(
                snapshots[started.history_id], snapshots[latest.history_id], _link_names(snapshots)
            )
    return ConflictingSave(user=latest.history_user, date=latest.history_date, changes=changes)


def offers_in_municipality(municipality: Municipality) -> QuerySet[Offer]:
    """Every offer (any status) at a place in the municipality, listed as serving it, or
    reaching its centre within its service radius."""
    located = LearningEnvironment.objects.filter(offers=OuterRef("pk"), municipality=municipality)
    serving = Offer.service_municipalities.through.objects.filter(
        offer_id=OuterRef("pk"), municipality=municipality
    )
    by_radius = Q(pk__in=offer_ids_serving_by_radius([municipality]))
    return (
        Offer.objects.filter(Q(Exists(located)) | Q(Exists(serving)) | by_radius)
        .exclude(status=Offer.Status.ARCHIVED)
        .select_related("organisation", "grade_from", "grade_to")
        .prefetch_related("subjects", "environments")
        .order_by("organisation__name", "title")
    )


@dataclass
class Coverage:
    subjects: list[Subject]
    grades: list[Grade]
    rows: list[tuple[Subject, list[int]]]  # per subject: number of published offers per grade
    gaps: int


def municipality_coverage(municipality: Municipality) -> Coverage:
    """A subject × grade table of published offers for the municipality; zeros are the gaps."""
    grades = list(Grade.objects.order_by("level"))
    subjects = list(Subject.objects.exclude(kind=Subject.Kind.UPPER_SECONDARY).order_by("kind", "sort_order"))
    index = {grade.level: position for position, grade in enumerate(grades)}
    counts = {subject.pk: [0] * len(grades) for subject in subjects}
    for offer in offers_in_municipality(municipality).filter(status=Offer.Status.PUBLISHED):
        for subject in offer.subjects.all():
            if subject.pk not in counts:
                continue
            for level in range(offer.grade_from_id, offer.grade_to_id + 1):
                if level in index:
                    counts[subject.pk][index[level]] += 1
    rows = [(subject, counts[subject.pk]) for subject in subjects]
    gaps = sum(1 for _, row in rows for value in row if value == 0)
    return Coverage(subjects=subjects, grades=grades, rows=rows, gaps=gaps)
