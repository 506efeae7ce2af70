"""Forms of the intake pages: every text field bounded, every error explained. The subject
list comes from the school (subjects.choices); the service resolves the chosen token again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vanguard.opinions.models import MAX_TEXT, STAFF_CHANNELS, Category, Channel, SourceGroup
from vanguard.opinions.services.intake import MAX_ATTENDANCE, MAX_ATTENDEES, MAX_NAME
from vanguard.opinions.services.receipts import MAX_TYPED

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class OpinionText(forms.CharField):
    """The opinion's text; line breaks count once, as the browser's counter counts them."""

    def to_python(self, value):
        return super().to_python((value or "").replace("\r\n", "\n"))


def _text_field():
    return OpinionText(
        label=_("Your opinion"), max_length=MAX_TEXT,
        error_messages={"required": _("Write the opinion: the text is empty."),
                        "max_length": _("The opinion is too long: at most %(limit_value)d "
                                        "characters (it has %(show_value)d).")},
        widget=forms.Textarea(attrs={**TEXT, "rows": 8, "maxlength": MAX_TEXT,
                                     "data-count-max": MAX_TEXT}))


def _choice(label, choices, error):
    return forms.ChoiceField(label=label, choices=[("", "—")] + list(choices),
                             error_messages={"required": error, "invalid_choice": error},
                             widget=forms.Select(attrs=SELECT))


class OpinionForm(forms.Form):
    """What every giver fills in: whom it is about, the category, who they are, the text."""

    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    subject = forms.ChoiceField(
        label=_("About"), error_messages={
            "required": _("Choose whom the opinion is about."),
            "invalid_choice": _("Choose whom the opinion is about from this school's list.")},
        widget=forms.Select(attrs=SELECT))
    category = _choice(_("Category"), Category.choices, _("Choose a category from the list."))
    source_group = _choice(_("You are"), SourceGroup.choices,
                           _("Choose who is giving the opinion from the list."))
    text = _text_field()

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "—")] + list(subjects)


ANONYMITY = [
    ("anonymous", _("Anonymous: nothing about me is kept; I get a receipt code to see what "
                    "became of it.")),
    ("named", _("With my name: only the campaign office sees my name, never the person the "
                "opinion is about.")),
]


class GiveOpinionForm(OpinionForm):
    """The logged-in user's form: the same, plus named or anonymous (chosen, not assumed)."""

    anonymity = forms.ChoiceField(
        label=_("Give it"), choices=ANONYMITY,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose whether to give it anonymously or with your "
                                      "name."),
                        "invalid_choice": _("Choose anonymous or with your name.")})


class EntryForm(OpinionForm):
    """Staff typing in an opinion from paper, a call, a talk or a symposium."""

    channel = _choice(_("Channel"), [(c.value, c.label) for c in STAFF_CHANNELS],
                      _("Choose the channel from the list."))
    received_on = forms.DateField(
        label=_("Received on"), required=False,
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"))
    symposium = forms.TypedChoiceField(label=_("Symposium"), required=False, coerce=int,
                                       empty_value=None, widget=forms.Select(attrs=SELECT))
    anonymous = forms.BooleanField(
        label=_("Anonymous (no name on the slip or the giver asked not to be named)"),
        required=False, initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    giver_name = forms.CharField(
        label=_("Giver's name (named opinions only; the office alone sees it)"),
        max_length=MAX_NAME, required=False,
        error_messages={"max_length": _("The name may be at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={**TEXT, "maxlength": MAX_NAME}))
    field_order = ["channel", "symposium", "received_on", "subject", "category",
                   "source_group", "text", "anonymous", "giver_name"]

    def __init__(self, *args, symposia=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_group"].label = _("Source group")
        self.fields["text"].label = _("Opinion")
        self.fields["symposium"].choices = [("", "—")] + [
            (s.pk, f"{s.held_on} · {s.organization.name}") for s in symposia]

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.SYMPOSIUM and not data.get("symposium"):
            self.add_error("symposium", _("Choose the symposium at which this was said."))
        if data.get("channel") != Channel.SYMPOSIUM and not data.get("received_on") and \
                "received_on" not in self.errors:
            self.add_error("received_on", _("Give the date the opinion was received."))
        return data


class SymposiumForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("Held by"), coerce=int,
                                          widget=forms.Select(attrs=SELECT))
    held_on = forms.DateField(label=_("Held on"),
                              error_messages={"required": _("Give the date it was held."),
                                              "invalid": _("Enter the date as YYYY-MM-DD.")},
                              widget=forms.DateInput(attrs={**TEXT, "type": "date"},
                                                     format="%Y-%m-%d"))
    attendance = forms.IntegerField(
        label=_("Number attending"), min_value=1, max_value=MAX_ATTENDANCE,
        error_messages={"required": _("Give the number attending.")},
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}))
    attendees = forms.CharField(
        label=_("Who attended (groups and numbers, not names)"), max_length=MAX_ATTENDEES,
        error_messages={"required": _("Say who attended, as groups and numbers."),
                        "max_length": _("At most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={**TEXT, "maxlength": MAX_ATTENDEES}))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"), max_length=MAX_TYPED,
        error_messages={"required": _("Type the receipt code you were given."),
                        "max_length": _("A receipt code has 20 digits.")},
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric", "autocomplete": "off",
                                      "maxlength": MAX_TYPED, "spellcheck": "false"}))
