"""Rich text: django-prose-editor in the admin, sanitised with nh3 on every save.

django-ckeditor (in the original plan) bundles the end-of-life CKEditor 4 (`ckeditor.W001`);
django-prose-editor is maintained and sanitises on the server with nh3 (README, DESIGN §7).
The editor's own sanitiser runs only in form validation; ``RichTextField`` also sanitises in
``pre_save`` so that values written by code, imports or fixtures are cleaned as well.
"""

from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField, create_sanitizer

# What officers may use in regulation bodies and similar texts; nh3 keeps exactly these tags.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # No target attribute (no window that can reach back); nh3 drops any other URL scheme,
    # javascript: included.
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}

sanitize_html = create_sanitizer(RICH_TEXT_EXTENSIONS)


def safe_rich_text(value: str | None):
    """Sanitise again on output, so even a row written by raw SQL cannot carry a script."""
    return mark_safe(sanitize_html(value or ""))


class RichTextField(ProseEditorField):
    """A text field holding sanitised HTML, edited with ProseMirror in the admin."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(RICH_TEXT_EXTENSIONS))
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
