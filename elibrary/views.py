from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import override
from django.views.decorators.http import require_safe

from blog.related import post_sections
from citiesofmigration.facets import paginate
from citiesofmigration.i18n import LANGUAGE_CODES, set_alternates
from citiesofmigration.models import City
from elibrary import citations
from elibrary.filters import ResourceFilterSet
from elibrary.models import Authorship, Resource
from events.related import event_sections


def visible_resource(request, slug):
    """A published resource, or for editors one that is not published yet (preview)."""
    resource = get_object_or_404(
        Resource.objects.select_related("publisher", "series", "translation_of").prefetch_related(
            Prefetch("authorships", queryset=Authorship.objects.select_related("person")),
            Prefetch("cities", queryset=City.objects.with_country()),
            "countries",
            "themes",
            "tags",
        ),
        slug=slug,
    )
    if not resource.is_public and not request.user.has_perm("elibrary.view_resource"):
        raise Http404
    return resource


@require_safe
def resource_list(request):
    filterset = ResourceFilterSet(request.GET, queryset=Resource.objects.published())
    page = paginate(request, filterset.qs.for_cards())
    return render(request, "elibrary/list.html", {"filterset": filterset, "page": page})


@require_safe
def resource_detail(request, slug):
    resource = visible_resource(request, slug)
    url = request.build_absolute_uri(resource.get_absolute_url())
    versions = list(resource.language_versions())
    set_alternates(request, edition_addresses(resource, versions))
    context = {
        "resource": resource,
        "is_preview": not resource.is_public,
        "versions": versions,
        # Editions in languages the site is not written in: their own hreflang links
        # (the site's languages are in every page's head, see edition_addresses).
        "other_editions": [v for v in versions if v.language not in LANGUAGE_CODES],
        "related_ideas": resource.related_ideas.published().for_cards(),
        "related_resources": resource.related_resources.published().for_cards(),
        "same_series": (
            resource.series.resources.published().exclude(pk=resource.pk).order_by("series_volume")
            if resource.series
            else []
        ),
        # Entered once, on the event or the post, and shown here too.
        "relations": [*event_sections(resource.events), *post_sections(resource.blog_posts)],
        "apa": citations.apa(resource, url),
        "chicago": citations.chicago(resource, url),
        "json_ld": json_ld(resource, url, request),
    }
    response = render(request, "elibrary/detail.html", context)
    if context["is_preview"]:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    return response


def edition_url(edition):
    """An edition's page in its own language when the site has that language (a French
    edition at /fr/…), else in the page's."""
    if edition.language in LANGUAGE_CODES:
        with override(edition.language):
            return edition.get_absolute_url()
    return edition.get_absolute_url()


def edition_addresses(resource, versions):
    """The resource's page in each language of the site, for the language toggle and the
    hreflang links: the edition written in that language when there is a published one,
    under that language's prefix; else this same resource under it."""
    editions = {version.language: version for version in versions}
    editions[resource.language] = resource
    urls = {}
    for code in LANGUAGE_CODES:
        with override(code):
            urls[code] = editions.get(code, resource).get_absolute_url()
    return urls


@require_safe
def download(request, slug):
    resource = visible_resource(request, slug)
    if not resource.file or not resource.file_info:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if request.method == "GET":  # a HEAD (link checkers, previews) is no download
        Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.download_filename,
        content_type=resource.file_info.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def citation(request, slug, format):
    resource = visible_resource(request, slug)
    url = request.build_absolute_uri(resource.get_absolute_url())
    if format == "bib":
        body, content_type = citations.bibtex(resource, url), "application/x-bibtex"
    else:
        body, content_type = citations.ris(resource, url), "application/x-research-info-systems"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    filename = f"{citations.citation_key(resource)}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_ld(resource, url, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Report" if resource.resource_type == "report" else "CreativeWork",
        "name": resource.title,
        "url": url,
        "inLanguage": resource.language,
        "datePublished": "-".join(
            f"{part:02d}" if index else str(part)
            for index, part in enumerate([resource.year, resource.month, resource.day])
            if part
        ),
        "author": [
            {"@type": "Person", "name": person.name} for person in resource.ordered_authors()
        ],
        "keywords": ", ".join(tag.name for tag in resource.tags.all()),
        "about": [theme.name for theme in resource.themes.all()],
    }
    if resource.abstract:
        data["abstract"] = resource.abstract
    if resource.publisher:
        data["publisher"] = {"@type": "Organization", "name": resource.publisher.name}
    if resource.isbn:
        data["isbn"] = resource.isbn
    if resource.licence:
        data["license"] = resource.licence
    if resource.file and resource.file_info:
        data["encoding"] = {
            "@type": "MediaObject",
            "encodingFormat": resource.file_info.content_type,
            "contentSize": str(resource.file_size or ""),
            "contentUrl": request.build_absolute_uri(f"{resource.get_absolute_url()}download/"),
        }
    versions = resource.language_versions()
    if versions:
        data["workTranslation" if not resource.translation_of_id else "translationOfWork"] = [
            {
                "@type": "CreativeWork",
                "url": request.build_absolute_uri(edition_url(v)),
                "inLanguage": v.language,
            }
            for v in versions
        ]
    return data
