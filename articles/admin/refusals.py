"""Saves a service refuses after the form was valid, shown as form errors.

The admin validates the form, then calls the services inside its transaction.
Some refusals only the write itself can find: another editor saved the article
first (the service's version check), the storage refused the original. The
transaction has rolled back by then; the change form is shown again, bound to
the same POST with the refusal as an error, so the editor loses no text.
"""

from __future__ import annotations

from django import forms


def form_refusing(
    form_class: type[forms.BaseForm], field: str | None, error: forms.ValidationError
) -> type[forms.BaseForm]:
    """`form_class`, always invalid with `error` on `field` (None: the whole form)."""

    class Refused(form_class):
        def clean(self):
            self.add_error(field, error)
            return super().clean()

    Refused.__name__ = Refused.__qualname__ = form_class.__name__
    return Refused


class ShowsRefusedSaves:
    """A ModelAdmin mixin: the exceptions in `refused_saves` become form errors.

    On such a refusal the change form is built again by an admin of the same
    class whose form carries the error, so the error travels in the form class
    rather than on the request.
    """

    refused_saves: tuple[type[Exception], ...] = ()

    def refusal_error(self, error: Exception) -> tuple[str | None, forms.ValidationError]:
        """The field that shows `error` (None: the whole form), and the error."""
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except self.refused_saves as refusal:
            field, error = self.refusal_error(refusal)
            refused_admin = type(
                type(self).__name__, (type(self),), {"form": form_refusing(self.form, field, error)}
            )
            again = refused_admin(self.model, self.admin_site)
            return again.changeform_view(request, object_id, form_url, extra_context)
