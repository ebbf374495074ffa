"""Template globals and filters of events: the functions live beside their subject."""

from __future__ import annotations

from functools import partial

from eventapp.events.blueprint import bp
from eventapp.events.cadence import cadence_in_words
from eventapp.events.labels import FILTERS, label_of, translated_labels, translation_field_label
from eventapp.events.markup import description_html

bp.add_app_template_global(cadence_in_words)
bp.add_app_template_global(translated_labels)
bp.add_app_template_filter(translation_field_label)
bp.add_app_template_filter(description_html)
for _name, _labels in FILTERS.items():
    bp.add_app_template_filter(partial(label_of, _labels), _name)
