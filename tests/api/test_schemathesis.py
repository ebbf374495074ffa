"""schemathesis against the served description: every operation of ``/api/v1/openapi.json``
with generated valid and invalid parameters, through the Flask app (WSGI): never a 5xx, every
status, content type and header documented, every body valid by its schema.

schemathesis's pytest integration (``from_fixture``) does not run under pytest 9 (it reads a
removed ``Function._nodeid``), so its Python API drives Hypothesis here, operation by operation.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

#: Examples per operation and mode; ``EVENTAPP_SCHEMATHESIS_EXAMPLES=500`` for a longer hunt.
EXAMPLES = int(os.environ.get("EVENTAPP_SCHEMATHESIS_EXAMPLES", "25"))


def _check(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_described(case):
        # Through WSGI nobody decodes a compressed body (an HTTP client would, and
        # tests/pagecache/test_compression.py checks that they do): ask for it plain.
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    answers_as_described()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_answers_as_described(app, campus, mode):
    served = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in served.get_all_operations()]
    assert len(operations) == 14
    for operation in operations:
        parameters = len(operation.path_parameters) + len(operation.query)
        if mode == GenerationMode.NEGATIVE and not parameters:
            continue  # nothing to make invalid (the index)
        _check(operation, mode)
