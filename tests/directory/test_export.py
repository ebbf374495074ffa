"""The CSV export and the printable overview grouped like the memo."""

from __future__ import annotations

import csv
import io

from eventapp.core.types import CollaborationKind, OrganisationKind
from eventapp.directory.export import CSV_COLUMNS, group_overview
from eventapp.directory.queries import list_collaborations
from tests.builders import make_organisation
from tests.directory.conftest import make_collaboration


def read_csv(response) -> list[dict[str, str]]:
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_csv_parses_with_the_csv_module_and_has_the_columns(client, memo):
    response = client.get("/collaborations/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert b"\r\n" in response.get_data()
    rows = read_csv(response)
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 5
    ulf = next(r for r in rows if r["name"] == "ULF agreement with Södertörns högskola")
    assert ulf["kind"] == "Agreement" and ulf["status"] == "Active"
    assert ulf["parties"] == "Huddinge kommun; Södertörns högskola (SH)"
    gaf = "Gymnasie- och arbetsmarknadsförvaltningen (GAF), Huddinge kommun"
    assert ulf["responsible_unit"] == gaf
    assert ulf["contact_person"] == "Pia Hasselrot" and ulf["contact_role"] == "utvecklingsledare"
    assert (ulf["valid_from"], ulf["valid_until"], ulf["validity"]) == (
        "2025-01-01", "2027-12-31", "2025–2027",
    )  # fmt: skip
    assert ulf["url"] == "http://eventapp.test/collaborations/ulf-sh/"
    ended = next(r for r in rows if r["status"] == "Ended")
    assert ended["end_note"].startswith("Terminated ahead of 2025")


def test_csv_follows_the_list_filters(client, memo):
    rows = read_csv(client.get("/collaborations/export.csv?status=ended"))
    assert [r["name"] for r in rows] == ["Performing-arts residency"]
    assert len(read_csv(client.get("/collaborations/export.csv?kind=bogus"))) == 5


def test_csv_cells_cannot_become_spreadsheet_formulas(client, db):
    make_collaboration('=HYPERLINK("http://evil")', purpose="+1", contact_role="@SUM(A1)")
    db.session.commit()
    row = read_csv(client.get("/collaborations/export.csv"))[0]
    assert row["name"].startswith("'=") and row["purpose"] == "'+1"
    assert row["contact_role"] == "'@SUM(A1)"


def test_overview_groups_like_the_memo(app, memo, db):
    placement = make_collaboration(
        "Student theses", kind=CollaborationKind.PLACEMENT, parties=[memo.huddinge]
    )
    network = make_organisation("UTTC network", kind=OrganisationKind.NETWORK)
    other = make_collaboration("Partnership with a network", parties=[memo.huddinge, network])
    foundation = make_collaboration("Flemingsberg Science", kind=CollaborationKind.FOUNDATION)
    db.session.commit()
    overview = group_overview(list_collaborations())
    assert overview.forums == [foundation, memo.council]
    assert [(u.name, items) for u, items in overview.universities] == [
        ("Konstfack", [memo.ulf_konstfack]),
        ("Södertörns högskola", [memo.ulf_sh]),
    ]
    assert overview.other_agreements == [other]
    assert overview.placements == [memo.trainee, placement]
    assert overview.ended == [memo.residency]


def test_agreement_with_two_universities_is_listed_under_each(app, memo, db):
    both = make_collaboration("Joint agreement", parties=[memo.sh, memo.ki])
    db.session.commit()
    groups = group_overview(list_collaborations()).universities
    overview = {u.slug: items for u, items in groups}
    assert both in overview["sh"] and both in overview["ki"]


def test_printable_overview_page_has_the_memo_sections_in_order(client, memo):
    response = client.get("/collaborations/overview")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    sections = ["Forums", "Agreements per university", "Student placements", "Ended collaborations"]
    positions = [html.index(f"<h2>{s}") for s in sections]
    assert positions == sorted(positions)
    forums, rest = html.split('id="agreements"')
    assert "Högskolerådet" in forums and "ULF agreement" not in forums
    agreements, rest = rest.split('id="placements"')
    assert agreements.index("<h3>Konstfack</h3>") < agreements.index("ULF agreement with Konstfack")
    assert "<h3>Södertörns högskola</h3>" in agreements
    placements, ended = rest.split('id="ended"')
    assert "Huddingetrainee" in placements
    assert "Performing-arts residency" in ended and "Terminated ahead" in ended
    assert "css/directory.css" in html


def test_print_stylesheet_hides_the_site_chrome(client):
    with client.get("/static/css/directory.css") as response:
        css = response.get_data(as_text=True)
    assert "@media print" in css
    assert ".site-header" in css.split("@media print")[1]
