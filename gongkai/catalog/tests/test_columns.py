from gongkai.catalog.models import Column
from gongkai.catalog.vocabulary import DEFAULT_COLUMNS, GENRE_DEFAULT_COLUMN, Genre
from gongkai.testing import make_agency


def test_a_new_agency_gets_the_default_columns_of_art_20_and_the_working_columns(db):
    agency = make_agency("new-unit")
    codes = list(Column.objects.filter(agency=agency).values_list("code", flat=True))
    assert codes == [code for code, _ in DEFAULT_COLUMNS]
    names = set(Column.objects.filter(agency=agency).values_list("name", flat=True))
    assert {"政府信息公开年报", "政策解读", "工作动态", "重点领域"} <= names


def test_column_codes_are_stable_ascii_and_annual_report_and_interpretation_keep_their_codes():
    codes = [code for code, _ in DEFAULT_COLUMNS]
    assert len(codes) == len(set(codes)) == 26
    assert all(code.isascii() for code in codes)
    assert "annual_report" in codes and "interpretation" in codes


def test_every_genre_has_a_default_column():
    codes = {code for code, _ in DEFAULT_COLUMNS}
    assert set(GENRE_DEFAULT_COLUMN) == set(Genre.values)
    assert set(GENRE_DEFAULT_COLUMN.values()) <= codes
