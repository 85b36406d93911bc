"""Writes on the shared vocabulary that touch many models: merging duplicate cities."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from citiesofmigration.models import City, CityRedirect


@dataclass
class MergeResult:
    kept: City
    removed: list[str] = field(default_factory=list)  # names of the merged-away cities
    moved: int = 0  # links now pointing at the kept city
    dropped: int = 0  # links the kept city already had (e.g. the same idea twice)


def city_links():
    """Every foreign key to City, from any model: content, people, adaptations, old
    addresses, the tables behind many-to-many fields (GoodIdea.cities...) and the history
    tables. Found from the model's metadata so that a relation added later is moved too."""
    return [
        relation.field
        for relation in City._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
    ]


def searchable_relations():
    """Content whose search document includes its cities' names, by relation."""
    return [
        relation
        for relation in City._meta.related_objects
        if hasattr(relation.related_model, "search_document")
    ]


@transaction.atomic
def merge_cities(*, keep: City, duplicates) -> MergeResult:
    """Move everything that points at ``duplicates`` to ``keep``, delete the duplicates,
    and remember their addresses (CityRedirect) so /cities/<old slug>/ leads to ``keep``.
    All or nothing: one transaction."""
    duplicates = [city for city in duplicates if city.pk != keep.pk]
    result = MergeResult(kept=keep)
    if not duplicates:
        return result
    # Lock the cities involved, so a concurrent merge or edit waits for this one.
    pks = [city.pk for city in duplicates]
    list(City.objects.select_for_update().filter(pk__in=[keep.pk, *pks]))

    affected = {}  # model -> pks of its items whose search document names a duplicate
    for relation in searchable_relations():
        items = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": pks})
        affected.setdefault(relation.related_model, set()).update(
            items.values_list("pk", flat=True)
        )
    for link in city_links():
        moved, dropped = _move_links(link, pks, keep)
        result.moved += moved
        result.dropped += dropped

    for city in duplicates:
        result.removed.append(str(city))
        slug = city.slug
        city.delete()
        CityRedirect.objects.update_or_create(old_slug=slug, defaults={"city": keep})
    # The kept city's own address is live again if it ever was an old one.
    CityRedirect.objects.filter(old_slug=keep.slug).delete()

    for model, item_pks in affected.items():
        if item_pks:
            model.objects.filter(pk__in=item_pks).refresh_search_vectors()
    return result


def _move_links(link, pks, keep):
    """Point every row of ``link``'s model that refers to one of ``pks`` at ``keep``.
    Rows that would then repeat a row the kept city has (a unique constraint refuses
    them: the same idea linked twice) are deleted instead. Returns (moved, dropped)."""
    rows = link.model._base_manager.filter(**{f"{link.name}__in": pks})
    try:
        with transaction.atomic():
            return rows.update(**{link.name: keep}), 0
    except IntegrityError:
        pass
    moved = dropped = 0
    for pk in rows.values_list("pk", flat=True):
        row = link.model._base_manager.filter(pk=pk)
        try:
            with transaction.atomic():
                moved += row.update(**{link.name: keep})
        except IntegrityError:
            dropped += row.delete()[0]
    return moved, dropped
