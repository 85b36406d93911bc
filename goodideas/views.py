from datetime import timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from citiesofmigration import throttle
from citiesofmigration.facets import paginate
from citiesofmigration.models import City
from goodideas.filters import GoodIdeaFilterSet
from goodideas.forms import SubmitGoodIdeaForm
from goodideas.models import Adaptation, GoodIdea
from goodideas.services import submit_idea

SUBMISSIONS_PER_HOUR = 3


@require_safe
def idea_list(request):
    filterset = GoodIdeaFilterSet(request.GET, queryset=GoodIdea.objects.published())
    page = paginate(request, filterset.qs.for_cards().prefetch_related("tags"))
    return render(request, "goodideas/list.html", {"filterset": filterset, "page": page})


@require_safe
def idea_detail(request, slug):
    idea = get_object_or_404(
        GoodIdea.objects.select_related("primary_theme", "lead_organisation").prefetch_related(
            Prefetch("cities", queryset=City.objects.with_country()), "partners", "tags", "themes"
        ),
        slug=slug,
    )
    # Drafts never leak: only editors who may view ideas see an unpublished one (a preview).
    is_preview = not idea.is_public
    if is_preview and not request.user.has_perm("goodideas.view_goodidea"):
        raise Http404
    # The idea's own address, without whatever query string a shared link carried.
    canonical_url = request.build_absolute_uri(idea.get_absolute_url())
    context = {
        "idea": idea,
        "is_preview": is_preview,
        "related_ideas": idea.related_ideas.published().for_cards(),
        "adaptations": Adaptation.objects.filter(idea=idea).select_related(
            "city__country", "adapted_idea"
        ),
        "collections": idea.collections.all(),
        "canonical_url": canonical_url,
        "idea_json_ld": idea.json_ld(canonical_url),
    }
    response = render(request, "goodideas/detail.html", context)
    if is_preview:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def submit(request):
    form = SubmitGoodIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Look like success to the bot; store nothing.
            return redirect("goodideas:submitted")
        if not throttle.allow(
            request, "goodideas.submit", limit=SUBMISSIONS_PER_HOUR, window=timedelta(hours=1)
        ):
            messages.error(
                request,
                _("You have sent several ideas in the last hour. Please try again later."),
            )
            return render(request, "goodideas/submit.html", {"form": form}, status=429)
        submit_idea(data=form.cleaned_data, site_url=request.build_absolute_uri("/"))
        return redirect("goodideas:submitted")
    return render(request, "goodideas/submit.html", {"form": form})


@require_safe
def submitted(request):
    return render(request, "goodideas/submitted.html")
