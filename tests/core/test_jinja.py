"""The app's Jinja code generator (eventapp.core.jinja) prints and reads exactly what Jinja's own
does: the same escaping, the same fallbacks for items and undefined names, each object evaluated
once; and every template of the app compiles with it."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.templating import Environment as StockEnvironment
from jinja2 import StrictUndefined, UndefinedError
from markupsafe import Markup, escape

from eventapp.config import PROJECT_ROOT
from eventapp.core.jinja import Environment, FastCodeGenerator, text_escape


class Shown:
    def __html__(self) -> str:
        return "<b>safe</b>"


class Plain:
    def __str__(self) -> str:
        return "a < b & 'c' \"d\""


@pytest.mark.parametrize(
    "value",
    [
        "",
        "plain",
        "<script>alert('x')</script> & \"q\"",
        Markup("<i>kept</i>"),
        42,
        1.5,
        None,
        Shown(),
        Plain(),
        "å ä ö 漢字",
    ],
)
def test_text_escape_escapes_as_markupsafe_does(value) -> None:
    assert text_escape(value) == str(escape(value))


def _pair(app: Flask, **options) -> tuple[StockEnvironment, Environment]:
    stock = StockEnvironment(app, autoescape=True, **options)
    fast = Environment(app, autoescape=True, **options)
    assert fast.code_generator_class is FastCodeGenerator
    return stock, fast


SOURCES = [
    "{{ row.title }} {{ row.missing }}|{{ row.missing is defined }}",
    "{{ mapping.key }} {{ mapping.other }} {{ mapping['key'] }}",
    "{{ row.nested.title }} {{ row.nested.nested is none }}",
    "{% for r in rows %}<{{ r.title }}>{% endfor %}",
    "{% macro m(x) %}[{{ x.title }}]{% endmacro %}{{ m(row) }}{{ m(row)|length }}",
    "{% set block %}<{{ row.title }}>{% endset %}{{ block }}{{ block|e }}",
    "{{ 'const'.upper() }} {{ (1, 2).count(1) }} {{ row.title ~ '&' }}",
    "{% autoescape false %}{{ row.title }}{% endautoescape %}{{ row.title }}",
    "{{ markup }} {{ markup.upper() }} {{ number }} {{ sub }} {{ none }} {{ shown }}",
]


class Row:
    def __init__(self, title: str, nested: Row | None = None) -> None:
        self.title, self.nested = title, nested


CONTEXT = {
    "row": Row("<T & 'x'>", Row("inner <i>")),
    "rows": [Row("a&b"), Row("<c>")],
    "mapping": {"key": "<v>"},
    "markup": Markup("<em>m</em>"),
    "number": 7,
    "sub": type("Sub", (str,), {})("<s> & no html"),
    "none": None,
    "shown": Shown(),
}


@pytest.mark.parametrize("source", SOURCES)
def test_templates_print_the_same_as_with_jinjas_generator(app: Flask, source: str) -> None:
    stock, fast = _pair(app)
    expected = stock.from_string(source).render(CONTEXT)
    assert fast.from_string(source).render(CONTEXT) == expected


def test_undefined_attributes_still_raise_under_strict_undefined(app: Flask) -> None:
    _stock, fast = _pair(app, undefined=StrictUndefined)
    with pytest.raises(UndefinedError):
        fast.from_string("{{ row.missing }}").render(CONTEXT)


def test_the_object_of_an_attribute_is_evaluated_once(app: Flask) -> None:
    _stock, fast = _pair(app)
    calls: list[int] = []

    def make(title: str) -> Row:
        calls.append(1)
        return Row(title)

    assert (
        fast.from_string("{{ make('x').title }}|{{ make('y').absent }}|").render(make=make) == "x||"
    )
    assert len(calls) == 2


def test_the_app_uses_it_and_every_template_compiles(app: Flask) -> None:
    assert isinstance(app.jinja_env, Environment)
    templates = sorted(
        str(path.relative_to(PROJECT_ROOT / "templates"))
        for path in (PROJECT_ROOT / "templates").rglob("*")
        if path.is_file()
    )
    assert len(templates) > 100
    for name in templates:
        app.jinja_env.get_template(name)  # compiles: a syntax error in generated code raises


def test_includes_and_blocks_print_the_same_as_with_jinjas_generator(app: Flask) -> None:
    from jinja2 import DictLoader

    templates = {
        "base.html": "<h>{% block head %}H{% endblock %}</h>{% block body %}{% endblock %}!",
        "row.html": "<li>{{ r.title }}{% if r.nested %}/{{ r.nested.title }}{% endif %}</li>",
        "page.html": (
            "{% extends 'base.html' %}{% block body %}<ul>{% for r in rows %}"
            "{% include 'row.html' %}{% endfor %}</ul>{% include 'gone.html' ignore missing %}"
            "{% macro m() %}[{% include 'row.html' %}]{% endmacro %}{% set r = row %}{{ m() }}"
            "{% endblock %}"
        ),
    }
    stock, fast = _pair(app, loader=DictLoader(templates))
    expected = stock.get_template("page.html").render(CONTEXT)
    assert "<li>a&amp;b</li>" in expected and "[<li>&lt;T" in expected
    assert fast.get_template("page.html").render(CONTEXT) == expected
    assert "".join(fast.get_template("page.html").generate(CONTEXT)) == expected


def test_a_loaded_template_sees_every_global_of_the_app(app: Flask, client) -> None:
    client.get("/")  # the home page and the templates it includes are loaded
    template = app.jinja_env.get_template("base.html")
    assert dict(template.globals) == dict(app.jinja_env.globals)
    assert {"_", "url_for", "csrf_token", "t", "EventStatus"} <= template.globals.keys()
