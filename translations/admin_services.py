"""
An admin whose saves go through a service: save_model keeps the form's writer, and
save_related hands both writers to save_service, which does the rest in one
transaction. (The article admin has its own, articles.admin_save.)
"""


class ServiceSaveAdminMixin:
    def save_service(self, request, obj, form, **writers):
        """Call the app's service with writers (language, created and the two writers)."""
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        write = super().save_model
        form.write_fields = lambda: write(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        write = super().save_related
        obj = form.instance
        self.save_service(
            request,
            obj,
            form,
            # The change list's editable rows have no language of their own.
            language=getattr(form, "language_code", None) or obj.get_current_language(),
            created=not change,
            write_fields=form.write_fields,
            write_relations=lambda: write(request, form, formsets, change),
        )
