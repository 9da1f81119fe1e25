"""Demo service guides (invented, realistic) of the 示范市政务服务和数据管理局 and the 东城镇: complete
ones, one whose promised limit exceeds the statute and one missing elements, so the check shows."""

from __future__ import annotations

from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM
from gongkai.guides import services
from gongkai.guides.models import Guide

HOURS = "工作日 上午8:30-12:00，下午14:30-17:30（法定节假日除外）"
GUIDES = [
    (
        "sfs-zsj",
        {
            "code": "11430100MB1234567X4000112001",
            "name": "食品经营许可（新办）",
            "topic": "市场监管",
            "implementing_body": "示范市政务服务和数据管理局",
            "basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第二章",
            "conditions": "1.具有与经营的食品品种、数量相适应的经营场所；\n2.具有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n3.具有合理的设备布局和工艺流程。",
            "location": "示范市市民中心A座一楼综合受理区12-15号窗口",
            "hours": HOURS,
            "phone": "0731-12345604",
            "procedure": "申请→受理→审查（必要时现场核查）→决定→发证",
            "statutory_days": 20,
            "promised_days": 5,
            "fee_basis": "不收费",
            "consultation": "窗口咨询或拨打0731-12345604",
            "complaint": "12345政务服务便民热线",
            "visits": 0,
            "online_url": "https://zwfw.sfs.gov.example/item/4000112001",
        },
        [
            {"name": "食品经营许可申请书", "form": "原件", "copies": 1, "sample": "https://zwfw.sfs.gov.example/samples/4000112001.docx"},
            {"name": "营业执照", "form": "复印件", "copies": 1},
            {"name": "与食品经营相适应的主要设备设施布局、操作流程等文件", "form": "电子", "copies": 1},
        ],
    ),
    (
        "sfs-zsj",
        {
            "name": "建设工程消防验收",
            "topic": "住房和城乡建设",
            "basis": "《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》",
            "conditions": "建设工程竣工，已完成消防设施检测，建设单位组织竣工验收合格。",
            "location": "示范市市民中心A座二楼工程建设项目审批专区",
            "hours": HOURS,
            "phone": "0731-12345609",
            "procedure": "申请→受理→现场评定→出具验收意见",
            "statutory_days": 15,
            "promised_days": 20,
            "fee_basis": "不收费",
        },
        [
            {"name": "消防验收申请表", "form": "原件", "copies": 1},
            {"name": "工程竣工验收报告", "form": "复印件", "copies": 1},
            {"name": "其他相关材料", "required": False},
        ],
    ),
    (
        "sfs-dcz",
        {
            "name": "农村村民宅基地申请审批",
            "topic": "农业农村",
            "basis": "《中华人民共和国土地管理法》第六十二条",
            "conditions": "本集体经济组织成员，符合一户一宅规定。",
            "location": "东城镇便民服务中心",
            "procedure": "村民申请→村级审查→镇级审核→审批",
            "statutory_days": 20,
            "promised_days": 15,
        },
        [{"name": "农村宅基地和建房（规划许可）申请表", "form": "原件", "copies": 1}],
    ),
]


POWERS = [
    ["编码", "职权名称", "职权类型", "设定依据", "实施主体", "责任事项", "追责情形"],
    ["XK-0001", "食品经营许可", "行政许可", "《中华人民共和国食品安全法》第三十五条", "示范市政务服务和数据管理局",
     "1.受理责任 2.审查责任 3.决定责任 4.送达责任", "对不符合条件的申请人准予许可的"],
    ["QR-0002", "建设工程消防验收", "行政确认", "《中华人民共和国消防法》第十三条", "示范市政务服务和数据管理局",
     "1.受理责任 2.现场评定责任 3.出具意见责任", "未按规定进行验收的"],
    ["GG-0003", "政务服务“好差评”投诉处理", "公共服务", "", "示范市政务服务和数据管理局", "", ""],
]  # fmt: skip


STANDARD = [
    ["东城镇社会救助领域基层政务公开标准目录"],
    ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"],
    ["1", "最低生活保障", "办事指南", "申请条件、办理材料、办理流程", "《社会救助暂行办法》", "信息形成（变更）之日起20个工作日内",
     "东城镇人民政府", "■政府网站 ■公示栏 □便民服务站", "全社会", "主动", "乡级"],
    ["2", "同上", "审核确认结果", "救助对象姓名、救助金额", "同上", "每季度", "东城镇人民政府", "■公示栏", "特定群众", "主动", "乡级"],
    ["3", "临时救助", "政策文件", "临时救助政策文件", "《社会救助暂行办法》", "实时", "东城镇人民政府", "■政府网站", "全社会", "主动", "乡级"],
    ["注：■为必选渠道，□为可选渠道"],
]  # fmt: skip


def _sheet(rows) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def load(context: DemoContext) -> None:
    zsj = context.agencies.get("sfs-zsj")
    if zsj is not None and not zsj.power_lists.exists():
        services.import_powers(actor=SYSTEM, agency=zsj, name="示范市政数局权责清单.xlsx", data=_sheet(POWERS))
    dcz = context.agencies.get("sfs-dcz")
    if dcz is not None and not dcz.standard_entries.exists():
        services.import_standard(actor=SYSTEM, agency=dcz, name="东城镇基层政务公开标准目录.xlsx", data=_sheet(STANDARD))
    created = 0
    for code, fields, materials in GUIDES:
        agency = context.agencies.get(code)
        if agency is None or Guide.objects.filter(agency=agency, name=fields["name"]).exists():
            continue
        services.create_guide(actor=SYSTEM, agency=agency, materials=materials, **fields)
        created += 1
    if created:
        context.notes.append("办事指南：市政数局、东城镇各有示例办事指南（/guides/），其中含要素缺失与承诺时限超过法定时限的示例；市政数局有权责清单（/guides/powers/）；东城镇导入了基层政务公开标准目录（工作台“办事指南”→“标准目录覆盖情况”）。")
