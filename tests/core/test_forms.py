"""The app's form widgets write what WTForms' own would."""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup
from wtforms import Form, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.widgets import Select

from eventapp.core.forms import PlainSelect

CHOICES = [
    SelectChoice("", "All <series>"),
    SelectChoice("a&b", "A & B"),
    SelectChoice("plain", Markup("<em>kept</em>")),
    SelectChoice('x"y', "quote \" and 'apostrophe'"),
    SelectChoice("nolabel", ""),
    SelectChoice("with-attrs", "Disabled one", {"disabled": True, "data_x": "1"}),
]


def _forms(data: dict[str, list[str]]) -> tuple[Form, Form]:
    class Stock(Form):
        one = SelectField(choices=CHOICES, validate_choice=False)
        plain = SelectField(choices=CHOICES[:5], validate_choice=False)
        required = SelectField(choices=CHOICES[:3], validators=[InputRequired()])
        many = SelectMultipleField(choices=CHOICES[:4], widget=Select(multiple=True))

    class Plain(Form):
        one = SelectField(choices=CHOICES, validate_choice=False, widget=PlainSelect())
        plain = SelectField(choices=CHOICES[:5], validate_choice=False, widget=PlainSelect())
        required = SelectField(
            choices=CHOICES[:3], validators=[InputRequired()], widget=PlainSelect()
        )
        many = SelectMultipleField(choices=CHOICES[:4], widget=PlainSelect(multiple=True))

    class Data(dict):
        def getlist(self, key):
            return self.get(key, [])

    return Stock(Data(data)), Plain(Data(data))


def test_plain_select_writes_what_wtforms_select_writes(app: Flask) -> None:
    for data in ({}, {"one": ["a&b"]}, {"one": ['x"y'], "many": ["plain", "a&b"]}):
        stock, plain = _forms(data)
        assert plain.one() == stock.one()
        assert plain.many() == stock.many()
        assert plain.one(**{"aria-invalid": "true"}) == stock.one(**{"aria-invalid": "true"})
    assert "selected" in plain.many() and "&lt;series&gt;" in plain.one()
