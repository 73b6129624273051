"""A server worker makes itself ready before it serves (ctip/web/warmup.py)."""

from ctip.web.warmup import project_templates, warm_up_worker


def test_a_starting_worker_compiles_every_template_of_the_project(settings):
    settings.CTIP_PDF_WARM = False  # the browser's start has tests of its own (test_pdf_cache)
    names = project_templates()
    assert "self_registration/form.html" in names and "web/dashboard.html" in names
    assert warm_up_worker() == len(names) > 100  # a template that does not compile raises
