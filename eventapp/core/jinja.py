"""The app's Jinja environment: the same templates, compiled to cheaper Python.

A 200-session event page prints about 4,500 values and reads about 7,000 attributes. Jinja
compiles ``{{ value }}`` to ``escape(value)`` (markupsafe's Python wrapper building a ``Markup``
object that is joined into the page's text at once) and ``row.title`` to
``environment.getattr(row, "title")`` (a Python method with two ``try`` blocks). Together they
were about a third of the page's render. This code generator writes instead:

- ``{{ value }}`` as markupsafe's own C escaping of a ``str`` (a ``Markup`` printed as it is,
  anything else through ``text_escape``): the same characters escaped the same way, returned
  as the ``str`` the output is joined into, since only
  the joined result has to be ``Markup`` (Jinja wraps macro, block and ``{% set %}`` bodies
  itself, as before);
- ``obj.attr`` as Python's ``getattr(obj, "attr", missing)``, falling back to
  ``environment.getattr`` (items, then undefined) only when the attribute is missing, so
  ``dict.key`` and undefined names behave exactly as before;
- a template's globals as one ``dict`` (the environment's, then its own) instead of Jinja's
  ``ChainMap`` over both: each render, include and import copies or compares them key by key,
  and a ``ChainMap`` looks each of about 90 keys up in Python (an import cost about 0.2 ms).
  Jinja asks not to change the globals once templates are loaded; ours are all set while the
  app is built (``tests/core/test_jinja.py`` checks that a loaded template sees every one);
- a run of text and values between two tags as one ``yield`` of their join, not one ``yield``
  each, and an include as ``yield from`` its template: a page's chunks pass through every
  enclosing template and block (four levels for a timetable row), each a Python resumption.

Flask builds its environment from ``Flask.jinja_environment``; ``eventapp.app`` sets this one.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import markupsafe
from flask.templating import Environment as FlaskEnvironment
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst

#: markupsafe's C escaping (its ``escape`` is this plus a ``Markup`` around the result).
_escape_inner = getattr(markupsafe, "_escape_inner", None) or (
    lambda text: str(markupsafe.escape(text))
)


def text_escape(value: Any) -> str:
    """``str(markupsafe.escape(value))``, without building the ``Markup``."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _escape_inner(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    return _escape_inner(str(value))


class FastCodeGenerator(CodeGenerator):
    """Jinja's code generator with cheaper output escaping and attribute access."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or self.environment.is_async:
            super()._output_child_pre(node, frame, finalize)
            return
        # Inline for the common cases, a str (escaped in C) and a Markup (as it is); a call of
        # text_escape for the rest. ``_out`` is a local of the generated function.
        self.write("(environment.escape_inner(_out) if type(_out := (")
        if finalize.src is not None:
            self.write(finalize.src)

    @optimizeconst  # constants folded at compile time, as Jinja's own visit_Getattr does
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async or self.environment.sandboxed:
            super().visit_Getattr(node, frame)
            return
        self._attr_count = getattr(self, "_attr_count", 0) + 1
        target, value = f"_ga_obj{self._attr_count}", f"_ga_val{self._attr_count}"
        # The object is evaluated once; the fallback is Jinja's own lookup of the same object.
        self.write(f"({value} if ({value} := getattr(({target} := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing")
        self.write(f" else environment.getattr({target}, {node.attr!r}))")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or self.environment.is_async:
            super()._output_child_post(node, frame, finalize)
            return
        if finalize.src is not None:
            self.write(")")
        self.write(")) is str else _out if type(_out) is Markup")
        self.write(" else environment.text_escape(_out))")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        """Jinja 3.1's ``visit_Output`` with one change: outside a buffer, several pieces are
        one ``yield environment.concat((…))`` instead of one ``yield`` per piece."""
        if frame.buffer is not None or self.environment.is_async:
            super().visit_Output(node, frame)
            return
        if frame.require_output_check:
            if self.has_known_extends:
                return
            self.writeline("if parent_template is None:")
            self.indent()
        finalize = self._make_finalize()
        body: list[list[Any] | nodes.Expr] = []
        for child in node.nodes:
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        grouped = len(body) > 1
        if grouped:
            self.writeline("yield environment.concat((")
            self.indent()
        for item in body:
            if isinstance(item, list):
                value = self._output_const_repr(item)
                self.writeline(value + "," if grouped else "yield " + value)
            else:
                if grouped:
                    self.newline(item)
                else:
                    self.writeline("yield ", item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                if grouped:
                    self.write(",")
        if grouped:
            self.outdent()
            self.writeline("))")
        if frame.require_output_check:
            self.outdent()

    def visit_Include(self, node: nodes.Include, frame: Frame) -> None:
        """Jinja 3.1's ``visit_Include``, delegating with ``yield from`` where it looped."""
        if not node.with_context or frame.buffer is not None or self.environment.is_async:
            super().visit_Include(node, frame)
            return
        if node.ignore_missing:
            self.writeline("try:")
            self.indent()
        func_name = "get_or_select_template"
        if isinstance(node.template, nodes.Const):
            if isinstance(node.template.value, str):
                func_name = "get_template"
            elif isinstance(node.template.value, (tuple, list)):
                func_name = "select_template"
        elif isinstance(node.template, (nodes.Tuple, nodes.List)):
            func_name = "select_template"
        self.writeline(f"template = environment.{func_name}(", node)
        self.visit(node.template, frame)
        self.write(f", {self.name!r})")
        if node.ignore_missing:
            self.outdent()
            self.writeline("except TemplateNotFound:")
            self.indent()
            self.writeline("pass")
            self.outdent()
            self.writeline("else:")
            self.indent()
        self.writeline(
            "yield from template.root_render_func(template.new_context(context.get_all(), True,"
            f" {self.dump_local_context(frame)}))"
        )
        if node.ignore_missing:
            self.outdent()


class Environment(FlaskEnvironment):
    """Flask's template environment with ``FastCodeGenerator`` and flat template globals."""

    code_generator_class = FastCodeGenerator
    text_escape = staticmethod(text_escape)
    escape_inner = staticmethod(_escape_inner)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}
