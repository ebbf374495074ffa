"""JSON nested deeper than any of our APIs takes is a bad request (400), never a 500."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("depth", [100_000, 2_000, 40])
@pytest.mark.parametrize(
    "path", ["/manage/login", "/manage/events/x/checkin", "/events/x/register"]
)
def test_deeply_nested_json_is_a_bad_request(csrf_off, client, path, depth):
    body = "[" * depth + "]" * depth
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400, response.status_code


def test_a_nul_deep_inside_json_is_still_found(csrf_off, client):
    body = '{"a": ' * 20 + '"x\\u0000"' + "}" * 20
    response = client.post("/manage/login", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "forbidden character" in response.get_data(as_text=True)


def test_ordinary_json_passes(csrf_off, client):
    body = '{"code": "abc", "notes": [["a", {"b": [1, 2, 3]}]]}'
    response = client.post("/manage/login", data=body, content_type="application/json")
    assert response.status_code != 500 and "forbidden character" not in response.get_data(
        as_text=True
    )
