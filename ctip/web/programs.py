from django.http import Http404

from ctip.accounts.access import programs_of


def current_program(request):
    """The program the page is about: ?program=CODE, or the user's only/first program."""
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
