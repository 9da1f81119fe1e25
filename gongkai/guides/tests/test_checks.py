"""The five guide checks and the deduction rule of domain/services.md §1, on hand-made guides."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.guides.checks import (
    Citation,
    Element,
    Finding,
    FindingCode,
    GuideFacts,
    check_guide,
    deduction,
    is_vague_material,
)

# A complete guide as a town's civil-affairs office would publish it.
COMPLETE = GuideFacts(
    key=1,
    name="最低生活保障对象认定",
    basis="《社会救助暂行办法》第九条至第十一条",
    conditions="共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合财产状况规定",
    materials=("居民身份证", "户口簿", "家庭成员收入情况声明"),
    location="青溪镇便民服务中心一楼3号窗口",
    hours="周一至周五 上午8:30—12:00，下午14:00—17:30（法定节假日除外）",
    phone="0571-8888 1234",
    procedure="申请—受理—家庭经济状况调查—审核确认—公示—发放",
    statutory_days=30,
    promised_days=20,
    fee_basis="",
    fee_amount="",
)


def codes(findings):
    return [(finding.code, finding.element) for finding in findings]


def test_a_complete_guide_has_no_findings():
    assert check_guide(COMPLETE) == []


@pytest.mark.parametrize("element", list(Element))
def test_each_empty_element_is_a_missing_element_finding(element):
    field = element.value
    guide = (
        replace(COMPLETE, materials=()) if element == Element.MATERIALS else replace(COMPLETE, **{field: ""})
    )
    assert codes(check_guide(guide)) == [(FindingCode.MISSING_ELEMENT, element)]


@pytest.mark.parametrize("placeholder", ["无", "暂无", " ", "——", "/", "待定", "－", "详见附件"])
def test_a_placeholder_does_not_fill_an_element(placeholder):
    findings = check_guide(replace(COMPLETE, phone=placeholder))
    assert codes(findings) == [(FindingCode.MISSING_ELEMENT, Element.PHONE)]


def test_materials_listed_only_as_blank_rows_are_missing():
    findings = check_guide(replace(COMPLETE, materials=("", "  ")))
    assert codes(findings) == [(FindingCode.MISSING_ELEMENT, Element.MATERIALS)]


def test_a_promise_longer_than_the_statutory_limit_is_a_finding():
    findings = check_guide(replace(COMPLETE, statutory_days=20, promised_days=25))
    assert codes(findings) == [(FindingCode.PROMISE_EXCEEDS_STATUTE, None)]
    assert findings[0].detail == "承诺25个工作日，法定20个工作日"


@pytest.mark.parametrize(("statutory", "promised"), [(20, 20), (20, 5), (None, 25), (20, None)])
def test_an_equal_shorter_or_unknown_promise_is_not_compared_as_exceeding(statutory, promised):
    assert check_guide(replace(COMPLETE, statutory_days=statutory, promised_days=promised)) == []


@pytest.mark.parametrize(
    ("fee_basis", "fee_amount", "finding"),
    [
        ("《行政事业性收费标准管理办法》", "", True),
        ("《行政事业性收费标准管理办法》", "暂无", True),
        ("《行政事业性收费标准管理办法》", "每件10元", False),
        ("《行政事业性收费标准管理办法》", "不收费", False),
        ("依据财税〔2014〕101号，本事项不收费", "", False),
        ("免费办理", "", False),
        ("", "", False),
        ("", "每件10元", False),
    ],
)
def test_a_fee_basis_needs_an_amount_or_an_explicit_no_fee(fee_basis, fee_amount, finding):
    findings = check_guide(replace(COMPLETE, fee_basis=fee_basis, fee_amount=fee_amount))
    assert codes(findings) == ([(FindingCode.FEE_WITHOUT_AMOUNT, None)] if finding else [])


@pytest.mark.parametrize(
    "name",
    [
        "其他材料",
        "相关材料",
        "有关材料",
        "其他相关材料",
        "相关证明材料",
        "身份证明等材料",
        "营业执照、章程等相关材料",
        "法律、法规规定的其他材料",
        "5.其他材料",
        "（三）有关材料；",
        "其他材料（如有）",
    ],
)
def test_a_catch_all_material_is_vague(name):
    assert is_vague_material(name)


@pytest.mark.parametrize(
    "name",
    ["居民身份证", "户口簿", "婚姻状况证明", "材料清单", "家庭成员收入情况声明", "相关人员身份证复印件"],
)
def test_a_named_material_is_not_vague(name):
    assert not is_vague_material(name)


def test_each_vague_material_is_its_own_finding():
    guide = replace(COMPLETE, materials=("居民身份证", "其他材料", "相关证明材料"))
    findings = check_guide(guide)
    assert codes(findings) == [(FindingCode.VAGUE_MATERIAL, None)] * 2
    assert [finding.detail for finding in findings] == ["其他材料", "相关证明材料"]


def test_a_basis_citing_an_abolished_item_is_invalid():
    guide = replace(
        COMPLETE,
        citations=(
            Citation("城市居民最低生活保障条例", abolished=True, reference="国务院令第271号"),
            Citation("社会救助暂行办法", abolished=False),
        ),
    )
    findings = check_guide(guide)
    assert codes(findings) == [(FindingCode.BASIS_INVALID, Element.BASIS)]
    assert findings[0].detail == "《城市居民最低生活保障条例》（国务院令第271号）"
    # Plain Chinese: what is abolished is the cited document, and the element is not named twice.
    assert findings[0].message == "设定依据引用的文件已废止：《城市居民最低生活保障条例》（国务院令第271号）"


def test_a_missing_element_names_the_element():
    finding = check_guide(replace(COMPLETE, hours="无"))[0]
    assert finding.message == "要素缺失：办理时间"


def test_findings_of_several_checks_come_together():
    guide = replace(COMPLETE, hours="", promised_days=45, materials=("其他材料",))
    assert codes(check_guide(guide)) == [
        (FindingCode.MISSING_ELEMENT, Element.HOURS),
        (FindingCode.PROMISE_EXCEEDS_STATUTE, None),
        (FindingCode.VAGUE_MATERIAL, None),
    ]


def missing(guide_key, *elements):
    return [Finding(guide_key, FindingCode.MISSING_ELEMENT, element) for element in elements]


def test_deduction_is_two_points_per_missing_element_kind():
    result = deduction(missing(1, Element.PHONE, Element.HOURS))
    assert result.points == 4
    assert result.missing_elements == [Element.HOURS, Element.PHONE]


def test_the_same_element_missing_in_many_guides_of_an_agency_counts_once():
    findings = (
        missing(1, Element.PHONE) + missing(2, Element.PHONE) + missing(3, Element.PHONE, Element.BASIS)
    )
    assert deduction(findings).points == 4


def test_other_findings_do_not_deduct():
    findings = [
        Finding(1, FindingCode.VAGUE_MATERIAL, detail="其他材料"),
        Finding(1, FindingCode.PROMISE_EXCEEDS_STATUTE),
    ]
    assert deduction(findings).points == 0


def test_the_deduction_stops_at_sixteen():
    everything = missing(1, *Element)
    assert deduction(everything).points == 16
    # With a deployment that weighs an element 3 points, eight kinds would be 24: capped at 16.
    assert deduction(everything, points_per_element=3).points == 16
    assert deduction(missing(1, Element.NAME, Element.PHONE), points_per_element=3).points == 6


@given(st.lists(st.tuples(st.integers(1, 20), st.sampled_from(list(Element))), max_size=60))
def test_deduction_depends_only_on_the_set_of_missing_kinds(pairs):
    findings = [Finding(key, FindingCode.MISSING_ELEMENT, element) for key, element in pairs]
    kinds = {element for _, element in pairs}
    assert deduction(findings).points == min(2 * len(kinds), 16)
    assert deduction(list(reversed(findings))) == deduction(findings)
