"""The review queue: uncertain pairs side by side, accept or reject, merge and split undone.

Reviewers see only pairs whose two records they may both see (ctip.accounts.access)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import access_person, attendances_for, can_see_people, people_for
from ctip.security.reads import Kind, record_read
from ctip.web.programs import current_program

from . import actions
from .models import CandidatePair, ClusterMember, LinkEvent
from .review import do_decide_pair, ordered_queue, visible_pairs


def _reviewer_program(request):
    program = current_program(request)
    if not can_see_people(request.user, program):
        raise PermissionDenied(_("Your role shows aggregate numbers only."))
    return program


_visible_pairs = visible_pairs


def _access_pair(user, program, pair_id) -> CandidatePair:
    pair = _visible_pairs(user, program).filter(pk=pair_id).first()
    if pair is None:
        raise Http404
    return pair


def _side(user, person) -> dict:
    attendances = (
        attendances_for(user)
        .filter(person=person)
        .select_related("event")
        .order_by("-event__start_date")
    )
    member = ClusterMember.objects.filter(person=person).first()
    return {
        "person": person,
        "attendances": attendances,
        "cluster_id": member.cluster_id if member else None,
    }


@login_required
def review_queue(request):
    program = _reviewer_program(request)
    pairs = _visible_pairs(request.user, program).select_related("person_a", "person_b")
    current = None
    wanted = request.GET.get("pair", "")
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 18:  # else: the first pair
        current = pairs.filter(pk=int(wanted)).first()
    # the pair whose answer likeliest changes the people first
    queue = ordered_queue(pairs, limit=50)
    listed = queue.pairs
    current = current or (listed[0] if listed else None)
    context = {"program": program, "pairs": listed, "total": queue.total, "pair": current}
    shown = [current.person_a_id, current.person_b_id] if current is not None else []
    if listed or shown:
        record_read(request.user, Kind.LINKAGE_REVIEW, person_ids=shown, count=len(listed))
    if current is not None:
        context["left"] = _side(request.user, current.person_a)
        context["right"] = _side(request.user, current.person_b)
        right_events = {a.event_id for a in context["right"]["attendances"]}
        context["shared_events"] = [
            a.event.code for a in context["left"]["attendances"] if a.event_id in right_events
        ]
        from .engine import COMPARISON_LABELS

        context["evidence"] = [
            {**item, "label": COMPARISON_LABELS.get(item["comparison"], item["comparison"])}
            for item in current.evidence
        ]
    return render(request, "linkage/review.html", context)


@login_required
@require_POST
def decide(request, pair_id):
    program = _reviewer_program(request)
    pair = _access_pair(request.user, program, pair_id)
    if request.POST.get("decision") == "same":
        do_decide_pair(request.user, pair, same=True)
        messages.success(request, _("Linked: the two records are one person."))
    elif request.POST.get("decision") == "different":
        do_decide_pair(request.user, pair, same=False)
        messages.success(request, _("Kept apart: the two records are different people."))
    else:
        messages.error(request, _("Choose same person or different people."))
    return redirect(f"{reverse('linkage-review')}?program={program.code}")


@login_required
def person_links(request, person_id):
    """The records linked with one person's record, with split and undo."""
    person = access_person(request.user, person_id)
    if not can_see_people(request.user, person.program):
        raise Http404
    member = ClusterMember.objects.filter(person=person).first()
    visible = people_for(request.user)
    others = []
    events = []
    if member is not None:
        others = list(
            visible.filter(cluster_member__cluster_id=member.cluster_id)
            .exclude(pk=person.pk)
            .select_related("organisation", "country_of_origin", "cluster_member")
        )
        ids = {person.pk, *(other.pk for other in others)}
        events = [
            event
            for event in LinkEvent.objects.filter(
                program=person.program, kind__in=[LinkEvent.Kind.MERGE, LinkEvent.Kind.SPLIT]
            ).select_related("actor", "undone_by")[:200]
            if ids & {move["person"] for move in event.moves}
            or ids & set(event.summary.get("records", []))
        ]
    record_read(request.user, Kind.LINKAGE_PERSON, person_ids=[person.pk, *(o.pk for o in others)])
    return render(
        request,
        "linkage/person_links.html",
        {"person": person, "member": member, "others": others, "events": events},
    )


@login_required
@require_POST
def split(request, person_id, other_id):
    person = access_person(request.user, person_id)
    other = access_person(request.user, other_id)
    if not can_see_people(request.user, person.program):
        raise Http404
    actions.do_split_people(request.user, person, other)
    messages.success(request, _("Split: the records are now different people."))
    return redirect("linkage-person", person_id=person.pk)


@login_required
@require_POST
def undo(request, event_id):
    event = LinkEvent.objects.filter(pk=event_id).first()
    if event is None:
        raise Http404
    visible = set(people_for(request.user).values_list("pk", flat=True))
    involved = {move["person"] for move in event.moves} | set(event.summary.get("records", []))
    if not involved or not involved <= visible or not event.can_be_undone:
        raise Http404
    actions.do_undo_link_event(request.user, event)
    messages.success(request, _("Undone."))
    back = request.POST.get("person")
    if back and back.isdigit() and int(back) in visible:
        return redirect("linkage-person", person_id=int(back))
    return redirect("linkage-review")
