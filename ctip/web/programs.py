from django.http import Http404

from ctip.accounts.access import programs_of


def current_program(request):
    """The program the page is about: ?program=CODE, or the user's only/first program
    (read once per request: the navigation and the page both ask)."""
    cached = getattr(request, "_ctip_current_program", None)
    if cached is None:
        cached = request._ctip_current_program = _current_program(request)
        # read once per request too: which events its reports leave out (uncounted_event_ids)
        cached._for_one_request = True
    return cached


def _current_program(request):
    programs = programs_of(request.user).order_by("code")
    code = request.GET.get("program")
    if code:
        program = programs.filter(code=code).first()
        if program is None:
            raise Http404
        return program
    program = programs.first()
    if program is None:
        raise Http404
    return program
