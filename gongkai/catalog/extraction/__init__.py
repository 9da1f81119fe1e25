"""What an imported document says about itself: title, 发文字号, issuing body, dates.

``extract(text)`` reads plain text (from TXT, DOCX or PDF) the way a person preparing a catalogue entry
would: a labelled metadata block wins (sample 001; ``名称：… 信息来源：…`` and pipe-separated rows too); otherwise
the GB/T 9704-2012 layout is read — 发文字号 on its own line above the title (§7.2.4; a repost's title line may
carry it: ``X〔2026〕4号《…》``, ``…的通知（X〔2026〕4号）``,
``X〔2026〕4号测试市人民政府办公厅关于…``), the title as the first heading (§7.3.1; one set over
several lines is joined), the 发文机关署名 and 成文日期 as the signature at the end of the text (§7.3.5). A heading is
never a 文号 line, a 令's 发文机关标志 (``测试市人民政府令`` over ``第12号``), a 公告's number line (``国家税务总局公告2023年第1号``: the 文号, stored whole), an agency name over a date (a signature copied to the top of a page), an addressee line or
page chrome (a breadcrumb's second line, a site's toolbar, menu, app promotion or section heading, an empty labels row, a label such as ``归档时间:`` with
a date, a ``标题_栏目_网站`` page title; for the 文号, a site's ``导读:``/``摘要：`` summary too); a page heading gives way to the document's own title below it (a column's name
before it, a version note after it, a banner over it); a circular with no heading takes its title from
``《…》已经…同意，现印发给你们`` (a 公告's ``通过《…》，现予公布`` gives way to that title set as a heading under it).
Everything found is shown to staff for confirmation before an item is created; ``warnings`` say what was
guessed. Text is kept as written (Traditional stays Traditional); only the 发文字号 is given in its standard
Simplified form (see ``docnumbers``). Pure module: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise

from gongkai.catalog.extraction.dates import FoundDate, find_dates, is_date_line, parse_date
from gongkai.catalog.extraction.docnumbers import (
    DocNumber,
    find_numbers,
    find_order,
    parse_number,
    parse_order,
    strip_pinyin,
)
from gongkai.catalog.extraction.labels import (
    BULLET,
    LABEL_FIRST,
    label_field,
    label_row,
    parse_label_line,
    value_cells,
)

__all__ = ["DocNumber", "Extracted", "FoundDate", "extract", "parse_date", "parse_number"]

TITLE_MIN, TITLE_MAX = 6, 60
# A title naming several issuing bodies runs longer; it still reads ``…关于…的通知``.
TITLE_LONG_MAX = 100
HEAD_LINES = 40
SENTENCE_END = "。！？；!?;:：，,"
NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（〔【][一二三四五六七八九十0-9]+[)）〕】]|[0-9]+[、.．)）]"
    r"|第[一二三四五六七八九十百0-9]+[章节條条款部分]|[一二三四五六七八九十]是)"
)
# The first heading of a document's text (``一、总体要求``, ``1.总则``, ``1 总则``, ``第一章 总则``): its head is over.
SECTION_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[0-9]{1,2}(?:[.．][0-9]{1,2})*(?:[.．、]|\s+)[\u4e00-\u9fff]"
    r"|第[一二三四五六七八九十]+[章条條])"
)
ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十0-9]+篇\s*[:：]?\s*")
BREADCRUMB = re.compile(
    r"^\s*(?:(?i:you\s+are\s+here)|您?(?:当前|當前)(?:所在)?的?位置|您(?:所在)?的?位置|您(?:现在|現在)的位置|现在位置"
    r"|(?:网站)?首[页頁]\s*(?:[>＞»›/／]|&gt;)"
    r"|[>＞»›]|&gt;)"  # a breadcrumb wrapped onto a second line starts with its separator
)
# The separators of a breadcrumb trail anywhere on its line (``您当前所在位置：首页 > 政务公开``,
# ``规范性文件 > 正文阅览``, ``首页->信息公开``): no title contains them.
TRAIL = re.compile(r"\s*(?:>>|->|[>＞»›]|&gt;)+\s*")
# A site's name in the page header (``测试市人民政府门户网站``): the 站 of 网站 is no agency.
SITE_NAME = re.compile(
    r"(?:网站|網站|政府网|政府網|公开网|公開網|政务网|政務網|门户|門戶)$|^[\u4e00-\u9fff]{2,10}(?:网|網)$"
    r"|(?:网|網|网站|網站)\s*首[页頁]$"  # ``示例素材网 首页``: a site's name and its home link
)
# A site's section heading over the document (``政策法规详细信息``, ``信息公开元数据``): no title ends so.
SECTION_HEADING = re.compile(
    r"(?:详细信息|詳細信息|信息详情|信息詳情|元数据|元數據|具体内容|具體內容)$"
    r"|^(?:政府信息公[开開]|信息公[开開]|政[务務]公[开開]|通知公告|政策文件|政策法[规規]|新[闻聞]中心)"
    r"(?:目[录錄]|[专專][栏欄]|首[页頁])?$"
)
# A site's toolbar (``无障碍 | 长者模式``, ``繁体 简体``): words of no title.
SITE_TOOLS = re.compile(
    r"^(?:无障碍|無障礙|长者模式|長者模式|长辈版|長輩版|关怀版|關懷版|适老化|適老化|浏览|瀏覽|阅读|閱讀"
    r"|繁体|繁體|简体|簡體|返回首[页頁]|登[录錄]|注[册冊]|设为首[页頁]|設為首[页頁]|设为主[页頁]|加入收藏"
    r"|(?:蒙古|蒙|藏|维吾尔|維吾爾|维|維|哈萨克|哈薩克|朝鲜|朝鮮|彝|壮|壯|傣)(?:文|语|語)版?|(?i:english)"
    r"|手机版|手機版|客户端|客戶端|微信公众号|微信公眾號|[\s|｜/•·])+$"
)
# A site's app promotion and download links (``示例APP``, ``下载客户端``, ``Key 驱动下载``, ``扫一扫在手机打开当前页``):
# page furniture, no title.
SITE_FURNITURE = re.compile(
    r"(?:APP|App|app|客户端|客戶端|下载|下載)$|^(?:下载|下載)|(?:扫一扫|掃一掃).{0,6}(?:手机|手機)"
)
# A site's menu set as a list (``• 要闻动态``, ``• 亮丽内蒙古``): a bullet before a few words that end no title.
MENU_BULLET = "•·●▪◆■"
# A label the module does not know with a date for its value (``归档时间:2018-11-21``, ``今天是：…``).
LABELLED_DATE = re.compile(
    r"^[\u4e00-\u9fff]{1,8}\s*[:：]\s*(?P<value>[0-9０-９].*?)(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$"
)
# A table row of labels with no values (``统一登记号: | |||``, ``生效日期 : | 有效期: |``): page chrome.
EMPTY_LABEL_ROW = re.compile(r"^(?:[\u4e00-\u9fff][\u4e00-\u9fff ]{0,11}[:：]\s*(?:[|｜]\s*)+)+$")
# A 范文 site's tag before a title (``[县长在县委书记]县长在…的讲话``): square brackets round a few words only.
# ``【政策解读】…`` stays: 【】 open real titles and 【标题】-style labels.
LEADING_TAG = re.compile(r"^[\[［][\u4e00-\u9fff]{2,12}[\]］]\s*")
# Empty table cells after a title (``关于…的通知 | |``): the row's borders, no part of the title.
EMPTY_CELLS = re.compile(r"(?:\s*[|｜])+\s*$")
BOILERPLATE = re.compile(
    r"^\s*(?:温馨提示|溫馨提示|网站客服|網站客服|序论|序論|导读|導讀|【\s*(?:导读|導讀)\s*】|扫码|掃碼"
    r"|欢迎您?(?:访问|来到|光临)|歡迎您?(?:訪問|來到|光臨))"
)
# A site's summary of the document under its heading (``导读:…``, ``【导读】…``, ``摘要：…``): page chrome, not the
# first paragraph of the text, so the 文号 below it is still in the head.
LEAD_LABEL = r"(?:导读|導讀|导语|導語|摘要|内容摘要|內容摘要|内容概述|內容概述|内容提要|內容提要|提要)"
LEAD = re.compile(rf"^(?:【\s*{LEAD_LABEL}\s*】|{LEAD_LABEL}\s*[:：\s])")
FOOTER = re.compile(
    r"设为主页|設為主頁|加入收藏|网站地图|網站地圖|ICP备|ICP備|公网安备|扫码浏览|技术支持|版权所有|版權所有"
    r"|地址[:：].*(?:电话|E-mail)|主办\s*运行维护|打印本页|打印本頁|关闭窗口|關閉窗口|【打印】|【关闭】"
)
ISSUER_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會|管委会|管委會|办事处|辦事處|党组|黨組"
    r"|局|委|厅|廳|部|办|辦|中心|院|处|處|署|所|站|队|隊)$"
)
# A place's name alone (``示例县测试乡``, ``某某街道``): not an agency's (乡/镇 end no 发文机关 suffix, and titles
# never end so), but over a heading it is the site's or column's header, as an agency's name is.
PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:乡|鄉|镇|鎮|街道|社区|社區)$")
CJK = re.compile(r"[\u4e00-\u9fff]")
YEAR = re.compile(r"(?:19|20)[0-9]{2}|(?:１９|２０)[０-９]{2}")  # every 发文字号 has one
# The number line of a 令 or a numbered 公告 (``测试市人民政府令（第5号）``, ``2026年第3号``, ``…公告〔2023〕第5号``,
# joint agencies a space apart): not a title.
ORDER_NUMBER = re.compile(
    r"^[\u4e00-\u9fff \u3000]{0,40}(?:令|公告|通告)?\s*[(（〔\[【]?\s*(?:[0-9]{4}\s*(?:年|[)）〕\]】])\s*)?"
    r"第\s*[0-9一二三四五六七八九十百〇零]+\s*[号號]\s*[)）〕\]】]?$"
)
MARKS = ("令", "公告", "通告")  # the last word of an agency's mark over its designation (``测试市人民政府通告`` / ``2024年第3号``)
# What follows a 令's number in a law database's note under a rule's title: its publication.
ORDER_PUBLISHED = re.compile(r"\s*(?:公布|公佈|发布|發布|發佈|颁布|頒布|頒佈|[)）]|$)")
DATE_HINT = re.compile(r"[0-9０-９]|年")
# A page's date and time before its labelled fields (``2026-01-05 10:20  来源：测试市人民政府``): the 发布日期,
# unlabelled.
DATED_FIELDS = re.compile(
    r"^(?P<date>[0-9０-９]{4}\s*[-./年]\s*[0-9０-９]{1,2}\s*[-./月]\s*[0-9０-９]{1,2}\s*日?)"
    r"(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\s+(?P<rest>\S.*)$"
)
YEAR_START = re.compile(r"(?:19|20)[0-9]{2}\s*年")
# A link pasted before a title (a forum's advertisement): ``某某医院 http://example.cn/测试县…的通知``.
URL_BEFORE = re.compile(r"^.*?https?://[!-~]*")
TRAILING_DATE = re.compile(
    r"[\s(（\[【]+(?P<date>[0-9０-９]{4}[-./年][0-9０-９]{1,2}[-./月][0-9０-９]{1,2}日?)[)）\]】]?\s*$"
)
# A list page's date before a title (``2026-05-06 关于…的通知``): the date and its time, then a space.
LEADING_DATE = re.compile(
    r"^(?P<date>[0-9０-９]{4}[-./年][0-9０-９]{1,2}[-./月][0-9０-９]{1,2}日?)(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?\s+"
)
# A page's toolbar run on to the end of the title's line (``…的通告 【字体：大 中 小】 【打印】``).
TOOLBAR_TAIL = re.compile(
    r"(?:\s*【\s*(?:字体|字體|字号|字號|打印|关闭|關閉|收藏|分享|纠错|糾錯|我要纠错|我要糾錯|返回|视力保护色|視力保護色)"
    r"[^【】\n]{0,12}】)+$"
)
SIGNER = re.compile(r"\s*(?:签发人|簽發人)")
# Words of a title, never of an agency's name.
TITLE_WORDS = re.compile(r"关于|關於|的|之|通知|通告|公告|意见|意見|办法|辦法|规定|規定|方案|报告|報告")
# The 文种 a title ends with (GB/T 9704 §7.3.1: 发文机关 + 事由 + 文种), and other last words of a title.
TITLE_END = re.compile(
    r"(?:通知|通告|公告|意见|意見|办法|辦法|规定|規定|方案|报告|報告|决定|決定|批复|批復|函|规则|規則|细则|細則"
    r"|纲要|綱要|规划|規劃|计划|計劃|要点|要點|通报|通報|公报|公報|条例|條例|解读|解讀|请示|請示|总结|總結"
    r"|清单|清單|名单|名單|公示|建议|建議|措施|指南|决议|決議|章程|标准|標準|制度|预案|預案|答复|答復|说明|說明|説明|令"
    r"|决定书|決定書|告知书|告知書|通知书|通知書)$"
)
BELOW_LINES = 12  # how far under a page's heading the document's own title is looked for
SPACES = re.compile(r"\s+")
# A site's note on the version after a title: ``(2019修订)``, ``（2010年修正）``.
VERSION_NOTE = re.compile(r"[(（][^()（）]*(?:[0-9]{4}|修订|修訂|修正)[^()（）]*[)）]")
# A list page's short name for a document after its 文号 (``测政办发[2026]35号测试市…实施细则的通知``): no
# 关于, but a 的 before the 文种.
SHORT_NAME = re.compile(
    r"^[^\s，,。；;：:]{4,}的(?:通知|通告|公告|意见|意見|决定|決定|批复|批復|报告|報告|通报|通報)$"
)
# A reposting site's credit after a title: an agency's name in brackets (``…的通告(测试市交通管理局)``).
AGENCY_NOTE = re.compile(
    r"[(（][^()（）]{2,28}(?:人民政府|政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會|局|厅|廳|部|中心|院|署)[)）]$"
)
# A bare year run on to the words of a title (``2025示例乡…``): a list page's year column, when the title says 年.
YEAR_TAG = re.compile(r"^((?:19|20)[0-9]{2})(?=[\u4e00-\u9fff])(?!\s*[年届屆级級])")
# GB/T 9704 §7.3.1: a note in brackets under a title (``(试行)``, ``（暂行）``, ``(征求意见稿)``) is part of it.
# The Simplified and Traditional forms mix on copied pages (``(征求意見稿)``).
TRIAL_NOTE = re.compile(r"^[(（](?:[试試]行|[暂暫]行|[征徵]求意[见見]稿|草案|送[审審]稿)[)）]$")
# A series' sequence under its title (``…经济普查公报`` / ``（第1号）``), no year: the title's, unless the line over it
# is an agency's mark (``测试市人民政府通告`` / ``（第3号）``: the 公告's or 通告's designation, its 文号).
SEQUENCE_NOTE = re.compile(r"^[(（]第[0-9一二三四五六七八九十百]+[号號][)）]$")
TITLE_LINES = 4  # a title set over several lines (§7.3.1) rarely takes more
TAIL_MAX = 8  # the last line of a title broken without its relation word: ``完成情况说明``
# The word between the 发文机关 and the 事由 of a title: a title set over lines has it in its first line or
# opens its second line with it (``测试市人民政府办公室`` / ``关于印发…的通知``).
RELATION = re.compile(r"关于|關於|關于|印发|印發|转发|轉發")
ABOUT = re.compile(r"关于|關於|關于")
# The 来源 label right before a value (``来源:``), the value a 文号 on some sites.
SOURCE_LABEL = re.compile(r"(?:^|[\s|｜])(?:信息)?(?:来源|來源)[^\S\n]*[:：][^\S\n]*$")
# The 主送机关 after a title on a page run into one line: ``…的实施意见 各乡镇人民政府,县政府各部门:``.
ADDRESSED = re.compile(r"\s+各[\u4e00-\u9fff][^\s。；;:：]{0,40}[:：]")
# The 主送机关 line with its colon lost: ``各区人民政府，市政府各部门``, ``各有关单位``.
ADDRESSEE = re.compile(r"^各[\u4e00-\u9fff].*(?:[、，,]|单位|單位|部门|部門|机构|機構|乡镇|鄉鎮)")
# The one sentence of a covering circular (印发/转发 通知) that names what it sends: the title is in 《》.
CIRCULAR = re.compile(
    r"《(?P<title>[^《》\n]{4,80})》[^《》。\n]{0,48}?"
    r"(?:(?:印发|印發|转发|轉發|下发|下發|发|發)(?:给|給)"
    r"|(?:现|現)?(?:予以|予)(?:印发|印發|公布|公佈|发布|發布|發佈|施行))"
)
# A text with no heading that names itself: ``我镇编制了《测试镇政府信息公开指南》(以下简称《指南》)``.
SELF_NAMED = re.compile(
    r"(?:编制|編製|制定|制订|制訂)了?\s*《(?P<title>[^《》\n]{4,60})》\s*[(（]\s*以下简称"
)
# A page's title line led by the 文号 with the title in 《》: ``测府发〔2026〕4号《测试市…的通知》``.
NUMBER_AND_TITLE = re.compile(r"^(?P<number>[^《》]+?)\s*《(?P<title>[^《》]+)》$")
# A 文号 run on to the title after it: ``测府发〔2026〕4号关于…``.
NUMBER_THEN_RELATION = re.compile(r"[号號](?:关于|關於|關于|印发|印發|转发|轉發)")
# A line that opens with a 文号 (``测府办函〔2026〕78号市人民政府办公厅关于…``): the year within its first characters.
NUMBER_FIRST = re.compile(r"^[^\s\d]{1,12}\s*[〔\[［【(（]?\s*(?:19|20)[0-9]{2}")
# The inner 《》 of a title quoted in 《》, written <> or 〈〉: ``《…关于修改<…条例>的决定》``.
QUOTE_IN_QUOTE = re.compile(r"[<>〈〉]")
# The note a law database sets under a title: ``(2026年1月5日测政〔2026〕3号)``, then maybe the text run on.
OPENING_NOTE = re.compile(r"^[(（](?P<note>[^()（）]{6,40})[)）]")
PROSE_MARK = re.compile(r"[，,。；;！？]")
# A signatory's post or name over a 成文日期 with no agency's name (``省长``, ``自治区主席 某某``).
SIGNATORY_MAX = 12
# Fields whose value a page may put on the line under a lone label (``信息名称：`` / ``关于…的通知``).
# A two-column table copied as alternating lines (``索引号`` / ``000014349/2026-00012`` / ``主题分类`` / ``城乡建设``)
# puts every value under its label; the catalogue's own fields (索引号, 主题, 栏目, 文种) are read so too.
VALUE_BELOW = (
    "title",
    "doc_number",
    "issuer",
    "published_on",
    "promulgated_on",
    "formed_on",
    "source",
    "index_no",
    "topic",
    "column",
    "genre",
)
# A row of labels over a row of values (``索引号 文号 发布机构`` / ``N001-… 测政〔2026〕7号 测试市人民政府``) is read
# at the top of a page, before any paragraph, or among its last lines, and only when one of its labels is no
# common word of a table's header row (``名称 时间`` over a body table's rows is the text's, not metadata).
FOOT_LINES = 12
HEADER_WORDS = frozenset(
    [
        "名称",
        "名稱",
        "标题",
        "標題",
        "题名",
        "題名",
        "时间",
        "時間",
        "日期",
        "主题",
        "主題",
        "来源",
        "來源",
        "作者",
        "编辑",
        "編輯",
        "摘要",
        "效力",
        "栏目",
        "欄目",
        "文种",
        "文種",
        "语种",
        "語種",
        "字号",
        "字號",
        "字体",
        "字體",
        # a page's toolbar over a line is no row of labels over its values (``分享 打印`` / a title)
        "浏览",
        "瀏覽",
        "阅读",
        "閱讀",
        "点击",
        "點擊",
        "评论",
        "評論",
        "分享",
        "分享到",
        "打印",
        "打印本页",
        "打印本頁",
        "关闭",
        "關閉",
        "关闭窗口",
        "關閉窗口",
        "关闭本页",
        "關閉本頁",
    ]
)
DATE_FIELDS = ("published_on", "promulgated_on", "formed_on", "effective_on", "repealed_on")
NO_VALUE = frozenset(["无", "無", "-", "—", "/", "／", "暂无", "暫無"])


@dataclass
class Extracted:
    title: str = ""
    doc_number: str = ""
    doc_number_damaged: bool = False
    issuer: str = ""
    formed_on: dt.date | None = None
    published_on: dt.date | None = None
    dates: list[FoundDate] = field(default_factory=list)
    cited_numbers: list[DocNumber] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    body: str = ""
    warnings: list[str] = field(default_factory=list)


def extract(text: str) -> Extracted:
    """Read title, 发文字号, issuer and dates from the text of one document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    result = Extracted()
    head_skip = _read_head(lines, result)
    result.dates, impossible = find_dates(text)
    result.warnings += [f"日期“{value}”不存在，已忽略" for value in impossible]
    title_at = _read_title(lines, head_skip, result)
    _read_doc_number(lines, result, title_at)
    _read_signature(lines, result)
    if not result.issuer:
        _issuer_from_title(result)
    if not result.issuer:
        _issuer_from_source(result)
    _read_labelled_dates(result)
    result.cited_numbers = [n for n in find_numbers(text) if n.text != result.doc_number]
    for number in result.cited_numbers:
        if number.damaged:
            result.warnings.append(f"文中文号“{number.raw}”有残缺，按“{number.text}”读取")
    if sum(1 for line in lines if ARTICLE.match(line)) > 1:
        result.warnings.append("文本中含有多篇文档（第一篇、第二篇……），仅按第一篇提取")
    result.body = _body(lines, head_skip)
    return result


def _read_head(lines: list[str], result: Extracted) -> set[int]:
    """Collect labelled fields from the top of the page; return the line numbers that are page chrome."""
    chrome: set[int] = set()
    in_notice = False
    paired = -1  # the last row of labels paired with the values under it
    for index, line in enumerate(lines[:HEAD_LINES]):
        stripped = line.strip()
        if not stripped:  # copied pages are full of blank lines: nothing to read on them
            in_notice = False
            continue
        probe = strip_pinyin(stripped)[0] if "(" in stripped else stripped  # ``當(dāng)前位置``
        if probe[0] in MENU_BULLET:
            probe = BULLET.sub("", probe) or probe  # ``• 欢迎访问…``: a bullet hides no page chrome
        if (
            BREADCRUMB.match(probe)
            or BOILERPLATE.match(probe)
            or (
                ("＞" in stripped or ">" in stripped or "»" in stripped or "›" in stripped)
                and _is_trail(stripped)
            )
        ):
            chrome.add(index)
            in_notice = stripped.startswith(("温馨提示", "溫馨提示"))
            continue
        if in_notice and re.match(r"^[0-9]+[.、．]", stripped):
            chrome.add(index)
            continue
        in_notice = False
        if index in chrome:
            continue  # the value of the label above
        pairs = parse_label_line(probe)  # ``發(fā)布單位: | …`` read without its pinyin
        if pairs is None and probe[0] in "12１２":
            pairs = _dated_fields(probe)
        if pairs is None and ("|" in stripped or "｜" in stripped) and EMPTY_LABEL_ROW.match(stripped):
            chrome.add(index)  # labels this module does not know, their values empty
            continue
        if pairs is not None:
            chrome.add(index)
            if not any(pairs.values()) and _read_label_row(lines, index, chrome, result, head=True):
                paired = index
                continue
            if len(pairs) == 1 and not next(iter(pairs.values())):
                below = _value_below(lines, index, next(iter(pairs)))
                if below is not None:
                    pairs = {next(iter(pairs)): lines[below].strip()}
                    chrome.add(below)
            if pairs.get("title") and (below := _title_value_wrapped(lines, index, pairs["title"])) is not None:
                pairs["title"] += lines[below].strip()
                chrome.add(below)
            for key, value in pairs.items():
                _keep(result.metadata, key, value)
    foot: list[int] = []  # the page's last lines, below any row already paired
    for index in range(len(lines) - 1, paired, -1):
        if lines[index] and not lines[index].isspace():
            foot.append(index)
            if len(foot) == FOOT_LINES:
                break
    for index in reversed(foot):
        if lines[index].lstrip(" \t|｜")[:1] in LABEL_FIRST:  # most lines: no label opens them
            _read_label_row(lines, index, chrome, result)
    for index in range(len(lines) - 1, max(len(lines) - 8, -1), -1):
        stripped = lines[index].strip()
        if FOOTER.search(stripped) or (
            stripped and (parse_label_line(stripped) or {}).keys() & {"source", "ignored"}
        ):
            if stripped[-1] == "】" and (rest := _without_toolbar(stripped)) and _is_heading(rest):
                continue  # a short page's title with the toolbar run on to it
            chrome.add(index)
    return chrome


def _title_value_wrapped(lines: list[str], index: int, title: str) -> int | None:
    """The line a labelled title wrapped onto (``标题：…关于印发《…设备更新`` / ``和以旧换新行动方案》的通知``).

    Only a title cut short — its 关于 or 印发 said, its 文种 not yet — and a line that reads as its end: no label,
    sentence or date, and no whole title of its own (the document's title repeated under the labels).
    """
    if _ends_like_title(title) or not (RELATION.search(title) or title.count("《") > title.count("》")):
        return None
    below = _next_filled(lines, index)
    if below is None:
        return None
    line = lines[below].strip()
    if (
        parse_label_line(line) is not None
        or not _is_continuation(line)
        or not _ends_like_title(title + line)
        or (_is_title_form(line) and not RELATION.match(line))
    ):
        return None
    return below


def _dated_fields(line: str) -> dict[str, str] | None:
    """``2026-01-05 10:20  来源：测试市人民政府``: the fields after the date, and the date as the 发布日期."""
    match = DATED_FIELDS.match(line)
    if match is None or parse_date(match["date"]) is None:
        return None
    pairs = parse_label_line(match["rest"])
    return None if pairs is None else {"published_on": match["date"], **pairs}


def _read_label_row(
    lines: list[str], index: int, chrome: set[int], result: Extracted, head: bool = False
) -> bool:
    """A row of labels alone over one row of values: pair label i with value i, when nothing is in doubt.

    The values must be exactly as many cells as the labels (split the same way: a value holding a space
    splits into more, and the rows are then left unpaired), each of its field's kind (a 文号 with digits, a
    date that reads as one), and the row under them no further row of the same table (a table in the text).
    """
    stripped = lines[index].strip()
    labels = label_row(stripped)
    if labels is None or HEADER_WORDS.issuperset(labels):
        return False
    if head and _prose_before(lines, index, chrome):
        return False  # under a paragraph of text, a row of labels is the text's (unless among the last lines)
    below = _next_filled(lines, index)
    if below is None:
        return False
    values_line = lines[below].strip()
    piped = "|" in stripped or "｜" in stripped
    values = value_cells(values_line, piped)
    if (
        len(values) != len(labels)
        or label_row(values_line) is not None
        or parse_label_line(values_line) is not None
        or not all(_fits(label_field(label), value) for label, value in zip(labels, values, strict=True))
    ):
        return False
    after = _next_filled(lines, below)
    if after is not None:
        following = lines[after].strip()
        if (
            label_row(following) is None
            and not FOOTER.search(following)
            and len(value_cells(following, piped)) == len(labels)
        ):
            return False  # a second row of values: a table's rows, not a page's fields
    chrome.update((index, below))
    for label, value in zip(labels, values, strict=True):
        field = label_field(label)
        if field != "ignored":
            _keep(result.metadata, field, "" if value in NO_VALUE else value)
    return True


def _prose_before(lines: list[str], index: int, chrome: set[int]) -> bool:
    return any(_is_prose(lines[above].strip()) for above in range(index) if above not in chrome)


def _next_filled(lines: list[str], index: int) -> int | None:
    for below in range(index + 1, min(index + 4, len(lines))):
        if lines[below].strip():
            return below
    return None


def _fits(field: str | None, value: str) -> bool:
    """A value of the field's kind, from a row of values under a row of labels (``无`` and an empty cell fit all)."""
    if not value or value in NO_VALUE or field == "ignored":
        return True
    if field in ("doc_number", "index_no"):
        return re.search(r"[0-9０-９]", value) is not None
    if field in DATE_FIELDS:
        return parse_date(value) is not None
    if field in ("issuer", "source"):
        return len(value) <= 30 and not TITLE_WORDS.search(value)
    if field == "title":
        return len(value) <= TITLE_LONG_MAX and value[-1] not in SENTENCE_END
    return len(value) <= 40 and value[-1] not in SENTENCE_END


def _is_trail(line: str) -> bool:
    """A breadcrumb trail (a line with ``>``, ``»`` or ``›``): short steps between them, no sentence in any."""
    if len(line) > TITLE_LONG_MAX:
        return False
    steps = TRAIL.split(line)
    return len(steps) > 1 and all(len(step) <= 20 and not PROSE_MARK.search(step) for step in steps)


def _keep(metadata: dict[str, str], key: str, value: str) -> None:
    """The first non-empty value of a field wins; an empty one only holds the place."""
    if not metadata.get(key):
        metadata[key] = value


def _value_below(lines: list[str], index: int, key: str) -> int | None:
    """The line under a lone label that holds its value, if it plainly does.

    Only the fields of ``VALUE_BELOW``, and only a value of the field's kind: a lone ``来源：`` or
    ``关键词：`` never takes the title under it.
    """
    if key not in VALUE_BELOW:
        return None
    for below in range(index + 1, min(index + 3, len(lines))):
        value = lines[below].strip()
        if not value:
            continue
        if parse_label_line(value) is not None or len(value) > TITLE_MAX * 2 or EMPTY_LABEL_ROW.match(value):
            return None  # another label, a paragraph, or a row of labels with their values empty
        if key == "doc_number":
            return below if parse_number(value) else None
        if key in DATE_FIELDS:
            return below if parse_date(value) else None
        if key in ("issuer", "source"):
            return below if len(value) <= 30 and not TITLE_WORDS.search(value) else None
        if key == "genre":  # ``文种`` / ``通知``: a 文种's few characters
            return below if len(value) <= TAIL_MAX and _fits(key, value) else None
        if key != "title":  # 索引号 with digits; a short 主题 or 栏目, never the title under the label
            return below if _fits(key, value) and len(value) <= 30 and not _ends_like_title(value) else None
        return below
    return None


def _is_heading(line: str) -> bool:
    stripped = ARTICLE.sub("", strip_pinyin(line.strip())[0])
    return (
        len(stripped) >= TITLE_MIN
        and (len(stripped) <= TITLE_MAX or _is_long_title(stripped))
        and len(CJK.findall(stripped)) >= 4
        and stripped[-1] not in SENTENCE_END
        and not NUMBERED.match(stripped)
        and not (ADDRESSEE.match(stripped) or (stripped.startswith("各") and ISSUER_SUFFIX.search(stripped)))
        and not SITE_NAME.search(stripped)
        and stripped.count("|") + stripped.count("｜") < 2  # a navigation bar or a table row
        and stripped.count("_") < 2  # a page's <title>: ``标题_栏目_网站名``
        and not SECTION_HEADING.search(stripped)
        and not _is_column_row(stripped)
        and not SITE_TOOLS.match(stripped)
        and not SITE_FURNITURE.search(stripped)
        and not _is_menu_item(stripped)
        and stripped.count("《") == stripped.count("》")  # a page title cut off inside its 《》
        and not _is_labelled_date(stripped)
        and is_date_line(stripped) is None
        and not _is_number_line(stripped)
        and not _is_order_number(stripped)
        and not _is_signature_line(stripped)
        and not (stripped.endswith("文件") and len(stripped) <= 20)
        and not (stripped[-1] == "令" and _is_agency(stripped[:-1]))  # a 令's 发文机关标志 (GB/T 9704 §10.2)
    )


def _is_column_row(line: str) -> bool:
    """``政府信息公开 规章库``: a site's section name beside its columns' names, a few words apart, no title."""
    if " " not in line and "\u3000" not in line:
        return False
    parts = line.split()
    return all(len(part) <= TAIL_MAX and not _ends_like_title(part) for part in parts) and any(
        SECTION_HEADING.search(part) for part in parts
    )


def _is_menu_item(line: str) -> bool:
    """``• 要闻动态``, ``• 微信公众号``: an item of a site's menu set as a list, no title."""
    if line[0] not in MENU_BULLET:
        return False
    item = BULLET.sub("", line)
    return len(item) <= TAIL_MAX and not _ends_like_title(item)


def _is_order_number(line: str) -> bool:
    """``测试市人民政府令（第5号）``, ``测试市财政局公告 2026年第3号``: a 令's or a 公告's number line.

    Not a title that carries its sequence (``测试市…指挥部关于…的通告（第1号）``): an issuer's name and 公告 have
    no 关于 or 的 in them.
    """
    if ORDER_NUMBER.match(line) is None:
        return False
    bracket = re.search(r"[(（〔\[【\s]*(?:[0-9]{4}\s*(?:年|[)）〕\]】])\s*)?第[^第]*$", line)  # the last 第: the number's
    before = line[: bracket.start()] if bracket else line
    if len(before) > TITLE_MIN and ("的" in before or ABOUT.search(before)):
        return False
    # ``测试市第五次全国经济普查公报（第一号）``: a 公报's title with its sequence, no agency's mark (令, 公告, 通告)
    return not (len(before) > TITLE_MIN and not before.endswith(MARKS) and _ends_like_title(before))


def _may_carry_number(line: str) -> bool:
    """A cheap look at the shapes ``_split_title_number`` reads (most lines are none of them)."""
    if line[-1] in "》号號":
        return True
    if line[-1] in ")）":
        return line[:-1].rstrip()[-1:] in ("号", "號")
    space = line.find(" ")
    if space > 0 and line[space - 1] in "号號":
        return True
    if line[-1] == "日" and (
        "号 " in line or "號 " in line
    ):  # ``…的批复 国函〔2003〕131号 国务院 2003年12月18日``
        return True
    return ("号" in line or "號" in line) and (
        NUMBER_THEN_RELATION.search(line) is not None or NUMBER_FIRST.match(line) is not None
    )


def _split_title_number(line: str) -> tuple[str, DocNumber] | None:
    """The title and the 文号 of a page's title line that carries both, else None.

    ``测府发〔2026〕4号《测试市…的通知》`` (the number, then the title in 《》), ``测府发〔2026〕4号 测试市…的通知``
    (the number, a space, the title) or ``测试市…的通知（测府发〔2026〕4号）`` (the number in brackets after the
    title) — list and repost pages print their titles so; also ``测府发〔2026〕4号关于…的通知`` (the number run on to
    a title that opens with 关于) and ``关于…的通告 测公通〔2026〕5号`` (the number after the title and a space).
    """
    if line[-1] == "》":
        match = NUMBER_AND_TITLE.match(line)
        number = parse_number(match["number"]) if match else None
        if match and number:
            return match["title"].strip(), number
    numbers = find_numbers(line) if YEAR.search(line) else []
    if not numbers:
        return _order_after_title(line) if line[-1] in ")）" and ("令" in line or "告" in line) else None
    first = numbers[0]
    rest = line[first.start + len(first.raw) :]
    if (
        first.start == 0
        and (rest[:1].isspace() or RELATION.match(rest) or _is_issuer_then_relation(rest))
        and _is_title_form(rest := rest.strip())
    ):
        return rest, first
    if first.start == 0 and SHORT_NAME.search(rest) and _is_heading(rest):
        return rest, first  # ``测政办发[2026]35号测试市…的通知``: a list page's short name for the document
    number = numbers[-1]
    before = line[: number.start].rstrip()
    after = line[number.start + len(number.raw) :].strip()
    if (
        (not after or (after[-1] == "日" and _is_signature_line(after)))
        and line[number.start - 1 : number.start].isspace()
        and _is_title_number_after(before)
    ):
        return before, number  # the number after the title, maybe the signature after it (all one line)
    title = before[:-1].rstrip()
    if before[-1:] in ("(", "（") and after in (")", "）") and len(title) >= TITLE_MIN:
        return title, number
    return None


def _is_issuer_then_relation(rest: str) -> bool:
    """``市人民政府办公厅关于…`` after a 文号 run on to it: the issuer's name, then the title's relation word."""
    relation = RELATION.search(rest, 0, 32)
    return relation is not None and relation.start() > 0 and _is_agency(rest[: relation.start()])


def _is_title_number_after(before: str) -> bool:
    """``关于…的通告`` before ``测公通〔2026〕5号``: a whole title, not an agency's name or a sentence."""
    return (
        len(before) >= TITLE_MIN
        and _ends_like_title(before)
        and not _is_agency(before)
        and _is_heading(before)
    )


def _is_long_title(line: str) -> bool:
    """``测试市发展和改革委员会 测试市财政局 … 关于印发…的通知``: long, but a title's form."""
    return len(line) <= TITLE_LONG_MAX and _is_title_form(line)


def _is_title_form(line: str) -> bool:
    """``…关于…的通知``, ``…印发…方案``: the relation word of a title and a title's last word."""
    return bool(TITLE_END.search(line)) and bool(RELATION.search(line))


def _is_labelled_date(line: str) -> bool:
    """``归档时间:2018-11-21``, ``- 公文生成日期:2016-06-23`` (a list item): a field, never a title."""
    if ":" not in line and "：" not in line:
        return False
    match = LABELLED_DATE.match(BULLET.sub("", line) if line[0] in "-*•·●▪◆■" else line)
    return match is not None and is_date_line(match["value"]) is not None


def _is_number_line(line: str, numbers: list[DocNumber] | None = None) -> bool:
    """A 发文字号 line: the number, alone or beside a 发文机关标志 or its label (before), a 签发人 or a date (after)."""
    if numbers is None:
        numbers = find_numbers(line) if YEAR.search(line) else []
    if not numbers:
        return False
    before = line[: numbers[0].start].strip(" \t(（[【")
    after = SIGNER.split(line[numbers[-1].start + len(numbers[-1].raw) :], maxsplit=1)[0]
    if any(CJK.search(between) for between in _between(line, numbers)):
        return False
    if CJK.search(after) and is_date_line(after) is None:  # ``川办发〔2009〕59号 二○○九年十二月八日``
        return False
    return (
        not CJK.search(before)
        or _is_agency(before)
        or (before.endswith("文件") and len(before) <= 20)
        or label_field(before) == "doc_number"  # ``发文字号测交发〔2026〕3号``: the label run on to it
    )


def _between(line: str, numbers: list[DocNumber]) -> list[str]:
    return [line[a.start + len(a.raw) : b.start] for a, b in pairwise(numbers)]


def _without_leading_date(title: str) -> str:
    """``2026-05-06 关于…的通知``: a list page's date before the title is no part of it."""
    match = LEADING_DATE.match(title) if title[0] in "12１２" else None
    if match is None or is_date_line(match["date"]) is None or len(title) - match.end() < TITLE_MIN:
        return title
    return title[match.end() :]


# The last character of an agency's or a site's name, and of a title (a cheap look before ``_without_site_suffix``).
SITE_LAST = frozenset("府局委厅廳部办辦网網站户戶心院处處署所队隊室会會")
TITLE_LAST = frozenset("知告见見法定案告划劃复復函则則要报報例读讀示结結单單议議施南准準度明説令书書规規")


def _without_site_suffix(title: str) -> str:
    """``关于…的公示_测试市生态环境局``, ``…的通知-测试市人民政府门户网站``, ``测试市人民政府门户网站-关于…的通知``: a
    page's <title> with no title repeated under it; the site's or agency's name beside the separator is no part of it."""
    cut = max(title.rfind(separator) for separator in "-_—－")
    before, site = title[:cut].rstrip(" -_—－"), title[cut + 1 :].strip()
    if (
        cut >= TITLE_MIN
        and site
        and (_is_agency(site) or SITE_NAME.search(site))
        and _ends_like_title(before)
        and _is_heading(before)
    ):
        return before
    # ``测试市人民政府门户网站-关于…的通知``: the site's name first
    cut = min((at for separator in "-_—－" if (at := title.find(separator)) > 0), default=0)
    if cut == 0:
        return title
    site, after = title[:cut].strip(), title[cut + 1 :].strip(" -_—－")
    if (_is_agency(site) or SITE_NAME.search(site)) and _ends_like_title(after) and _is_heading(after):
        return after
    return title


def _without_toolbar(line: str) -> str:
    """``…的通告 【字体：大 中 小】 【打印】``: the line without the toolbar run on to its end."""
    match = TOOLBAR_TAIL.search(line) if line[-1] == "】" else None
    return line[: match.start()].rstrip() if match is not None else line


def _without_trailing_date(title: str) -> str:
    """``关于…的通知 2026-01-05`` or ``…的通知（2026年1月5日）`` as list pages print it: the date is no part."""
    match = TRAILING_DATE.search(title)
    if match is None or is_date_line(match["date"]) is None:
        return title
    shorter = title[: match.start()].rstrip()
    return shorter if len(shorter) >= TITLE_MIN else title


def _is_agency(line: str) -> bool:
    """Only an agency's name (``测试市人民政府办公室``): no word of a title in it, no year before it.

    ``2026年度测试市某某办公室`` (over ``部门决算公开说明``) is a report's title set over two lines.
    """
    return (
        len(line) <= 30
        and bool(ISSUER_SUFFIX.search(line))
        and not TITLE_WORDS.search(line)
        and not YEAR_START.match(line)
    )


def _is_signature_line(line: str) -> bool:
    """An agency's name and a date on one line (``测试市财政局 2026年1月5日``)."""
    found, _ = find_dates(line) if DATE_HINT.search(line) else ([], [])
    if not found:
        return False
    rest = line[: found[0].start] + " " + line[found[-1].end :]
    rest = re.sub(r"[\s(（)）:：\-—|｜]+", " ", rest).strip()
    return _is_agency(rest) or not CJK.search(rest)


def _read_title(lines: list[str], chrome: set[int], result: Extracted) -> int | None:
    """Set the title; return the number of the line it was read from (None for a label or a guess)."""
    labelled = strip_pinyin(result.metadata.get("title", "").strip())[0]
    if labelled:
        if _may_carry_number(
            labelled
        ):  # ``標 題: | 盤政發〔2005〕30號 關于…的決定``: the number is no part of it
            split = _split_title_number(labelled)
            labelled = split[0] if split is not None else labelled
        result.title = _without_label_after(labelled)
        return None
    head = [
        (index, stripped) for index, line in enumerate(lines[: HEAD_LINES + 1]) if (stripped := line.strip())
    ]
    agency = ""  # an agency's name over a date is a signature; it is a title only when nothing else is
    header: tuple[int, str] | None = None  # an agency's name alone: a site's name over the page, as a rule
    marked: tuple[int, str] | None = None  # a 公告's or 通告's mark over its number, the title when nothing else is
    for position, (index, line) in enumerate(head):
        if index in chrome or index >= HEAD_LINES:
            continue
        if marked is None and line[-1] in "号號)）" and "告" in line and (order := parse_order(line)) is not None:
            marked = (index, order.code) if order.code[-1] == "告" else None
        if "://" in line:  # no title has a link in it: what follows one may be the title
            line = URL_BEFORE.sub("", line).strip()
            if len(line) < TITLE_MIN:
                continue
        if line[-1] == "】":
            line = _without_toolbar(line) or line
        if line[-1] in "|｜" or _may_carry_number(line):
            line = _title_line(line)
        if ("-" in line or "_" in line or "—" in line or "－" in line) and (
            line[-1] in SITE_LAST or line[-1] in TITLE_LAST
        ):
            line = _without_site_suffix(line)  # ``关于…的公示 - 测试市人民政府网``: a page's <title>
        # ``[县长在县委书记]县长在…的讲话``: a 范文 site's tag, no part of the title
        if line[0] in "[［" and (tag := LEADING_TAG.match(line)) and _is_heading(line[tag.end() :]):
            line = line[tag.end() :]
        if "《" in line and line.count("《") > line.count("》"):
            line = _quote_closed_below(line, position, head, chrome) or line  # ``…印发《测试市示例`` / ``…方案》的通知``
        circular = CIRCULAR.search(line) if marked is None else None  # a 公告 publishing a law keeps its mark
        if circular:
            own = _circular_title_below(circular["title"], position, head, chrome)
            if own is not None:
                result.title, index = own
                return index
            result.title = circular["title"].strip()
            result.warnings.append("未找到标题行，已取印发通知中《》内的文件名作为标题，请核对")
            return index
        found = _heading_title(line, position, head, chrome)
        if found is None:
            continue
        title = found[0]
        if marked is not None and not _ends_like_title(title):
            continue  # under a 公告's mark and number only a title (``关于…的公告``, ``…办法``), no line of its text
        if (
            title.endswith(MARKS)
            and position + 1 < len(head)
            and ORDER_NUMBER.match(head[position + 1][1])
            and parse_order(title + head[position + 1][1]) is not None  # ``测试市公安局通告`` / ``（2024年第1号）``
        ):
            marked = (index, title)
            continue
        if PLACE_NAME.match(title) and not TITLE_WORDS.search(title):
            header = header or (index, title)
            continue
        if _is_agency(title):
            following = head[position + 1][1] if position + 1 < len(head) else ""
            if find_dates(following)[0] or parse_number(following) or _is_number_line(following):
                agency = agency or title
                continue
            header = header or (index, title)
            continue
        below = _better_title_below(title, position, head, chrome) or _noted_below(title, position, head)
        result.title, index = below or (title, index)
        return index
    if marked is not None:  # ``测试市人民政府通告（2024年第3号）`` over its text: 发文机关 + 文种 (GB/T 9704 §7.3.1)
        result.title = marked[1]
        return marked[0]
    named = _self_named(head, chrome)
    if named is not None:
        result.title, index = named
        result.warnings.append("未找到标题行，已取正文中自称的《》内文件名作为标题，请核对")
        return index
    if header is not None:
        result.title = header[1]
        return header[0]
    opening = _title_before_labels(head)
    if opening is not None:
        result.title = opening[1]
        return opening[0]
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index in chrome or len(stripped) <= TITLE_MAX or NUMBERED.match(stripped):
            continue
        addressed = ADDRESSED.search(stripped, 0, TITLE_LONG_MAX)
        before = stripped[: addressed.start()] if addressed else ""
        if before and _ends_like_title(before) and _is_heading(before):
            result.title = before  # ``…实施意见 各乡镇人民政府,…:``: a page run into one line, title first
            return index
        sentence = re.split(r"[。！？!?]", stripped, maxsplit=1)[0].strip()
        result.title = sentence if len(sentence) <= TITLE_MAX else sentence[: TITLE_MAX - 1] + "…"
        result.warnings.append("未找到标题行，已取正文第一句作为标题，请核对")
        return index
    if agency:
        result.title = agency
        result.warnings.append("标题可能是发文机关名称，请核对")
        return None
    result.warnings.append("未找到标题")
    return None


def _quote_closed_below(first: str, position: int, head: list[tuple[int, str]], chrome: set[int]) -> str | None:
    """A title broken inside its 《》 (``…关于印发《测试市示例`` / ``数字经济发展行动方案》的通知``): the lines joined up to
    the one that closes it, when they read as its continuation and the whole ends like a title; else None.
    """
    joined = first
    for index, line in head[position + 1 : position + TITLE_LINES]:
        part = strip_pinyin(line)[0].strip()
        if index in chrome or len(joined) + len(part) > TITLE_LONG_MAX or not _is_continuation(part):
            return None
        joined += part
        if joined.count("《") == joined.count("》"):
            return joined if _ends_like_title(joined) and (RELATION.search(joined) or joined[0] == "《") else None
    return None


def _circular_title_below(
    quoted: str, position: int, head: list[tuple[int, str]], chrome: set[int]
) -> tuple[str, int] | None:
    """The heading under a 公告's sentence that is the title it quotes: the document's own title, as it sets it.

    ``…会议通过《测试市关于修改<测试市…条例>的决定》，现予公布`` over ``测试市关于修改《测试市…条例》的决定``: a
    title quoted in 《》 writes its own 《》 as <> or 〈〉; the heading below has them as the document does.
    """
    wanted = SPACES.sub("", QUOTE_IN_QUOTE.sub(lambda m: "《" if m[0] in "<〈" else "》", quoted))
    for index, line in head[position + 1 : position + BELOW_LINES]:
        if index in chrome or len(line) < len(wanted):
            continue
        if SPACES.sub("", line) == wanted and _is_heading(line):
            return line, index
    return None


def _without_label_after(title: str) -> str:
    """``…的通知发文机关``: a page of labels over values ran the next label on to the title; it is no part."""
    for size in range(2, 7):
        if len(title) - size >= TITLE_MIN and label_field(title[-size:]) and _ends_like_title(title[:-size]):
            return title[:-size]
    return title


def _title_line(line: str) -> str:
    """A head line without what a page adds around a title: empty table cells, a 文号, enclosing 《》."""
    if line[-1] in "|｜":
        line = EMPTY_CELLS.sub("", line)
    if _may_carry_number(line):
        split = _split_title_number(line)
        if split is not None:
            line = split[0]
        if line[0] == "《" and line[-1] == "》" and line.count("《") == 1:
            return line[1:-1]  # a title wholly in 《》
    return line


def _heading_title(
    line: str, position: int, head: list[tuple[int, str]], chrome: set[int]
) -> tuple[str, int] | None:
    """The title a heading at ``position`` gives and the lines under it joined to it, else None."""
    if not _is_heading(line):
        return None
    title = _without_year_tag(_without_trailing_date(_without_leading_date(ARTICLE.sub("", strip_pinyin(line)[0]))))
    if position + 1 < len(head) and TRIAL_NOTE.match(head[position + 1][1]) and _ends_like_title(title):
        return title + head[position + 1][1], 1  # ``…制度`` / ``(试行)``: the note is part of the title
    if position + 1 < len(head) and SEQUENCE_NOTE.match(head[position + 1][1]) and _is_sequenced(title):
        return title + head[position + 1][1], 1  # ``…经济普查公报`` / ``（第1号）``: one of a numbered series
    if position + 1 < len(head) and _is_cut_off(title, head[position + 1][1]):
        return None  # the whole title follows
    if not _ends_like_title(title):
        joined, count = _join_title_lines(title, head[position + 1 : position + TITLE_LINES], chrome)
        return _with_note_below(joined, count, position, head) if count else (joined, 0)
    if position + 1 < len(head) and _completes(title, *head[position + 1], chrome):
        return _with_note_below(title + head[position + 1][1], 1, position, head)
    return title, 0


def _with_note_below(title: str, count: int, position: int, head: list[tuple[int, str]]) -> tuple[str, int]:
    """A title set over ``count`` + 1 lines with its ``(征求意见稿)`` under the last: the note is part of it."""
    below = position + count + 1
    if below < len(head) and head[below][0] < HEAD_LINES and TRIAL_NOTE.match(head[below][1]):
        return title + head[below][1], count + 1
    return title, count


def _is_sequenced(title: str) -> bool:
    """A title that a ``（第1号）`` under it belongs to: it ends like a title and is no agency's mark over its number."""
    if not _ends_like_title(title):
        return False
    mark = next((mark for mark in MARKS if title.endswith(mark)), "")
    return not mark or not _is_agency(" ".join(title[: -len(mark)].split()).split(" ")[-1])


def _without_year_tag(title: str) -> str:
    """``2025示例乡2025年度…报告``: a list's year run on to a title that states it is no part of it."""
    tag = YEAR_TAG.match(title)
    if tag is None or f"{tag[1]}年" not in title[tag.end() :]:
        return title
    return title[tag.end() :]


def _completes(title: str, index: int, following: str, chrome: set[int]) -> bool:
    """``关于印发…三年行动计划`` / ``(2023—2025年)的通知``: the line under a heading that ends like a title is its end.

    A title's 关于 is followed by its 的 before the 文种 (``关于…的通知``); a heading whose 关于 has none after it
    was cut where the document broke the line (its last word a 计划 or 条例 of the 事由, not the 文种), and the line
    under it that has the 的 and ends like a title finishes it.
    """
    about = ABOUT.search(title)
    return (
        about is not None
        and "的" not in title[about.end() :]
        and index not in chrome
        and "的" in following
        and _ends_like_title(following)
        and _is_continuation(following)
        and not RELATION.search(following)
    )


def _ends_like_title(title: str) -> bool:
    """The 文种 or another last word of a title, a site's note after it aside: a version (``(2019修订)``), or the
    agency a reposting site credits (``…的通告(测试市公安局)``)."""
    if TITLE_END.search(title):
        return True
    note = (VERSION_NOTE.search(title) or AGENCY_NOTE.search(title)) if title[-1] in ")）" else None
    return note is not None and note.end() == len(title) and bool(TITLE_END.search(title[: note.start()]))


def _better_title_below(
    title: str, position: int, head: list[tuple[int, str]], chrome: set[int]
) -> tuple[str, int] | None:
    """The document's own title under a page's heading that is less than it, if there is one.

    A page heading that prefixes the title with the site's, column's or place's name (``政务服务丨测试市…的意见``,
    ``测试省人社厅 政策法规 测试省人社厅关于…的通知``, ``某地测试镇人民政府关于…的通告``), adds a version note
    (``…的通知(2019修订)``) or the site's name after a dash (``…应急预案-测试高新区``, a page's <title>) gives way to
    the title repeated below it (the issuer's name kept: ``测试市人民政府关于…`` never gives way to ``关于…``, nor
    ``中共测试市委测试市人民政府关于…`` to ``测试市人民政府关于…``); a heading with a space where the document breaks
    its title over two lines (``…整体支出 绩效评价报告`` over ``…整体支出`` / ``绩效评价报告``) reads as the lines
    joined. A heading that does not end like a title (a topic banner, a page's ``栏目 - 子栏目``, a forum's edit note,
    a sidebar's line) gives way to a line of a title's form (关于…的通知) below it, or to a line ending like a title
    with the article's labels under it (``…办法`` / ``来源:…``), up to the first paragraph of text.
    """
    weak = not _ends_like_title(title)
    flat = SPACES.sub("", title)
    # A cheap look first: the title repeated ends a shorter line as the heading does, its relation word
    # on that line or the one before (a title set over two lines).
    window = head[position : position + BELOW_LINES]
    prefixed = any(
        line.endswith(flat[-4:])
        and len(line) < len(title)
        and (RELATION.search(line) or RELATION.search(before))
        for (_, before), (_, line) in pairwise(window)
    )
    noted = title[-1] in ")）" and not weak
    # A heading with no relation word that the document's own title ends with (``测试市推进…的通知`` under
    # ``测试市人民政府办公室关于印发测试市推进`` / ``…的通知``): a list page's short name for it.
    short = (
        not weak and not RELATION.search(title) and any(line.endswith(flat[-4:]) for _, line in window[1:])
    )
    suffixed = any(separator in title for separator in "-_—－")
    if " " in title:
        broken = _title_broken_below(flat, position, head, chrome)
        if broken is not None:
            return broken
    if not (weak or prefixed or noted or suffixed or short):
        return None  # most titles: nothing to look for
    below = position + 1
    while below < min(position + BELOW_LINES, len(head)):
        index, line = head[below]
        if index >= HEAD_LINES:
            break
        if weak and _is_prose(line):
            weak = False  # the text has begun: only the title itself repeated may follow
        # A title that may be better has its relation word on its first line or opening its second
        # (the version-noted one starts as the heading does, the dashed one is the heading's start, the
        # article's has its labels under it): only there is a title read.
        labelled = weak and below + 1 < len(head) and head[below + 1][0] in chrome
        starts = (
            RELATION.search(line)
            or (below + 1 < len(head) and RELATION.match(head[below + 1][1]))
            or ((noted or suffixed) and SPACES.sub("", line).startswith(flat[:TITLE_MIN]))
            or labelled
        )
        found = (
            None if index in chrome or not starts else _heading_title(_title_line(line), below, head, chrome)
        )
        below += 1
        if found is None or _is_agency(found[0]):
            continue
        candidate, joined = found
        below += joined
        shorter = SPACES.sub("", candidate)
        if shorter == flat:
            continue
        dropped = flat[: len(flat) - len(shorter)]
        if (
            (
                prefixed
                and flat.endswith(shorter)
                and RELATION.search(shorter)
                and not RELATION.match(shorter)
                and not ISSUER_SUFFIX.search(dropped)  # a joint document's first issuer
            )
            or (noted and flat.startswith(shorter) and VERSION_NOTE.fullmatch(flat[len(shorter) :]))
            or (suffixed and flat.startswith(shorter) and flat[len(shorter)] in "-_—－")
            or (weak and _is_title_form(candidate))
            or (short and shorter.endswith(flat) and RELATION.search(shorter[: len(shorter) - len(flat)]))
            or (labelled and _ends_like_title(candidate))
        ):
            return candidate, index
    return None


def _noted_below(title: str, position: int, head: list[tuple[int, str]]) -> tuple[str, int] | None:
    """``…制度`` over the document's ``…制度`` / ``(试行)``: the title as the document sets it, with its note."""
    if not _ends_like_title(title):
        return None
    for below in range(position + 1, min(position + BELOW_LINES, len(head) - 1)):
        index, line = head[below]
        if line == title and TRIAL_NOTE.match(head[below + 1][1]):
            return title + head[below + 1][1], index
        if _is_prose(line):
            break
    return None


def _title_broken_below(
    flat: str, position: int, head: list[tuple[int, str]], chrome: set[int]
) -> tuple[str, int] | None:
    """``…整体支出绩效评价报告`` when the lines under a heading with a space join to it, else None."""
    for below in range(position + 1, min(position + BELOW_LINES, len(head))):
        index, line = head[below]
        if index in chrome or not flat.startswith(part := SPACES.sub("", line)) or part == flat:
            continue
        joined = part
        for _, following in head[below + 1 : below + TITLE_LINES]:
            joined += SPACES.sub("", following)
            if joined == flat:
                return flat, index
            if not flat.startswith(joined):
                break
    return None


def _self_named(head: list[tuple[int, str]], chrome: set[int]) -> tuple[str, int] | None:
    """``…我镇编制了《测试镇政府信息公开指南》(以下简称《指南》)``: a text with no heading that names itself.

    Only what its author says it compiled or made (编制, 制定, 制订) and gives a short name to: a law it cites
    under a short name (``根据《…条例》(以下简称《条例》)``) is not it.
    """
    for index, line in head:
        if index not in chrome and "以下简称" in line and (named := SELF_NAMED.search(line)):
            return named["title"].strip(), index
    return None


def _title_before_labels(head: list[tuple[int, str]]) -> tuple[int, str] | None:
    """``测试公安提示:春节注意防火 来源: 发布时间:…``: a page run into one line, its title (with a colon) first.

    Read as an unknown label and its value, it is the title only when the page has no heading at all.
    """
    if not head:
        return None
    index, line = head[0]
    pairs = parse_label_line(line)
    if not pairs:
        return None
    key, value = next(iter(pairs.items()))
    if not key.startswith("other:") or len(value) < TITLE_MIN or value not in line:
        return None
    title = line[: line.index(value) + len(value)]
    return (index, title) if _is_heading(title) else None


def _is_cut_off(title: str, following: str) -> bool:
    """A page title cut short over the whole one: ``…信息化标准`` / ``…信息化标准目录的通知``.

    Not a navigation line that repeats the title (``…的决定 (2014年) …的决定``).
    """
    if not following.startswith(title[:TITLE_MIN]):
        return False
    following = strip_pinyin(following)[0]
    rest = following[len(title) :]
    return following.startswith(title) and bool(rest) and title not in rest and _is_heading(following)


def _join_title_lines(first: str, following: list[tuple[int, str]], chrome: set[int]) -> tuple[str, int]:
    """A title set over several lines: ``…关于加强普通高等学校`` / ``毕业生就业工作的通知``.

    The lines under a heading that does not end like a title join it when they read as its continuation
    (no sentence, date, 文号, addressee or label), the 关于 of the title is in the first line or opens the
    second, and the last of them ends like a title; else the heading stays as it is (a 发文机关 line over a
    date, a table's name over the table, a compilation's name over its first article's title). Also gives
    the number of lines joined.
    """
    parts = [first]
    for index, line in following:
        part = strip_pinyin(line)[0].strip()
        spaced = False
        if " " in part and len(part) <= 8 and TITLE_END.fullmatch(unspaced := SPACES.sub("", part)):
            part, spaced = unspaced, True  # ``通 告``: the 文种 set letter-spaced on its own line
        if index in chrome or not _is_continuation(part):
            break
        if len(parts) == 1 and not (
            RELATION.search(first)
            or RELATION.match(part)
            or _is_tail(first, part)
            or first[-1] == "的"  # ``…感染的`` / ``肺炎疫情防控指挥部`` / ``通告``: no title breaks off after its 的
            or (spaced and _is_agency(first))  # ``测试市人民政府`` / ``通  告``: 发文机关 + 文种, a 通告's layout
        ):
            break
        parts.append(part)
        if _ends_like_title(part):
            joined = "".join(parts)
            rest = following[len(parts) - 1 :]
            if rest and _completes(joined, *rest[0], chrome):  # ``关于…代表建议`` / ``和…的通知``
                return joined + strip_pinyin(rest[0][1])[0].strip(), len(parts)
            return joined, len(parts) - 1
    return first, 0


def _is_tail(first: str, part: str) -> bool:
    """``…办理工作`` / ``完成情况说明``: a few words ending like a title, too short to be one, finish the heading.

    Not under an agency's name (``测试区人民政府`` / ``通知公告`` is a site's header over a column's name).
    """
    return (
        len(part) <= TAIL_MAX
        and _ends_like_title(part)
        and not _is_agency(first)
        and not SECTION_HEADING.search(part)
    )


def _is_continuation(line: str) -> bool:
    return (
        len(line) <= TITLE_MAX
        and CJK.search(line) is not None
        and line[-1] not in SENTENCE_END
        and not NUMBERED.match(line)
        and not ADDRESSEE.match(line)
        and is_date_line(line) is None
        and not _is_number_line(line)
        and not ORDER_NUMBER.match(line)
    )


def _read_doc_number(lines: list[str], result: Extracted, title_at: int | None) -> None:
    labelled = result.metadata.get("doc_number", "").strip()
    if labelled and not re.search(r"[0-9０-９]", labelled):
        labelled = ""  # ``无``, ``/`` or a neighbour's value (``关键字：部门文件``): not a 文号
    if labelled:
        number = parse_number(labelled)
        if number is None:
            numbers = find_numbers(labelled)
            number = numbers[0] if numbers and numbers[0].start == 0 else None
        if number is None:
            result.doc_number = labelled
            result.warnings.append(
                f"文号“{labelled}”不符合 GB/T 9704 格式（机关代字〔年份〕序号号），按原样保留"
            )
        else:
            _take(number, result)
        return
    # GB/T 9704 §7.2.4: the number stands on its own line in the head, above (sometimes under) the title.
    # The head ends at the first paragraph of text under the title, or at the text's first heading
    # (``1.总则``): a number further down is another document's (the next article of a compilation, a
    # plan's list of sources ``《…》(测府发〔2026〕1号)``). Above the title, a page's blurb ends nothing, and
    # nowhere does the site's summary of the document (``导读:…``, ``【导读】…``, ``摘要：…``).
    after = -1 if title_at is None else title_at
    for index, line in enumerate(lines[:HEAD_LINES]):
        stripped = SIGNER.split(line.strip(), maxsplit=1)[0]
        if stripped[:1] in "导導摘内內提【" and LEAD.match(stripped):
            continue  # the site's summary, wherever it stands: neither the text nor a 文号 line
        if index > after and stripped[:1] in "(（" and (number := _number_in_note(stripped)) is not None:
            _take(number, result)
            return
        if index > after and _is_prose(stripped):
            if result.title and stripped.startswith(result.title):
                continue  # a page's summary: the title run on to the first words of the text
            number = _number_over_addressee(stripped)
            if number is not None:
                _take(number, result)
            break
        if index > after and SECTION_START.match(stripped):
            break
        if title_at is not None and index > after and stripped[-1:] in ("：", ":") and _is_lead_in(stripped):
            break  # the addressee, or a list's lead (``编制依据：``): the text has begun
        if ("令" in stripped or "告" in stripped) and (order := _order_number(lines, index, stripped)) is not None:
            _take(order, result)
            return
        if len(stripped) > TITLE_LONG_MAX or not YEAR.search(stripped):
            continue
        numbers = find_numbers(stripped)
        if not numbers:
            continue
        number = None
        if len(numbers) == 1 and numbers[0].start == 0 and len(stripped) - len(numbers[0].raw) <= 2:
            number = numbers[0]  # the number alone (``parse_number``)
        elif _is_number_line(stripped, numbers):  # ``测试市人民政府 测府发〔2025〕8号``
            number = numbers[-1]
        elif _may_carry_number(stripped := EMPTY_CELLS.sub("", stripped)):  # a page's title line carrying it
            split = _split_title_number(stripped)
            number = split[1] if split is not None else None
        if number is None and ("来源" in stripped or "來源" in stripped):
            number = _number_as_source(stripped, numbers)  # ``来源:泰政发【2019】124号``
        if number is not None:
            _take(number, result)
            return


def _is_lead_in(line: str) -> bool:
    """``各区人民政府：``, ``编制依据：``: a line whose one colon ends it, no field's label (``发文字号：`` over its value)."""
    return line.count("：") + line.count(":") == 1 and parse_label_line(line) is None


def _order_number(lines: list[str], index: int, line: str) -> DocNumber | None:
    """A 令's number in the head (GB/T 9704 §10.2): alone on its line (``测试市人民政府令第12号``), under its
    发文机关标志 (``测试市人民政府令`` / ``第12号``, ``…令`` / ``2023年第7号``) or in brackets after a title
    (``…管理办法（测试市人民政府令第12号）``). Stored whole, as ``parse_order`` gives it.
    """
    if line[-1] not in "号號)）令告":  # most lines: no designation ends them, no mark either
        return None
    order = parse_order(line)
    if order is None and line.endswith(MARKS):
        below = _next_filled(lines, index)
        if below is not None and ORDER_NUMBER.match(number := lines[below].strip()):
            order = parse_order(line + number)
    if order is None and line[-1] in ")）" and not NUMBERED.match(line):
        split = _order_after_title(line)
        order = split[1] if split is not None else None
    return order


def _order_after_title(line: str) -> tuple[str, DocNumber] | None:
    """``…管理办法（测试市人民政府令第12号）``: the title and the 令's number a repost gives in brackets after it."""
    opening = max(line.rfind("("), line.rfind("（"))
    order = parse_order(line[opening + 1 : -1]) if opening >= TITLE_MIN else None
    return (line[:opening].rstrip(), order) if order is not None else None


def _number_as_source(line: str, numbers: list[DocNumber]) -> DocNumber | None:
    """``2026-01-05 10:23 来源:测政发【2026】124号 评论:0``: a site that gives the 文号 as the 来源 field's value."""
    for number in numbers:
        after = line[number.start + len(number.raw) :]
        if SOURCE_LABEL.search(line, max(0, number.start - 12), number.start) and after[:1] in (
            "",
            " ",
            "\t",
            "\u3000",
        ):
            return number
    return None


def _number_in_note(line: str) -> DocNumber | None:
    """``(1985年5月4日测政〔1985〕38号)`` under a title: the date it was issued and its 文号, nothing else."""
    match = OPENING_NOTE.match(line)
    if match is None or not YEAR.search(match["note"]):
        return None
    note = match["note"].strip()
    found, _ = find_dates(note)
    if found and found[0].start == 0:
        note = note[found[0].end :].strip(" ,，")
    if ("令" in note or "告" in note) and (order := find_order(note)) is not None and order.start == 0:
        # ``(2026年4月20日示例部令第8号公布 自2026年6月1日起施行)``: a law database's note on a rule
        return order if ORDER_PUBLISHED.match(note, len(order.raw)) else None
    return parse_number(note)


def _number_over_addressee(line: str) -> DocNumber | None:
    """``测政办发〔2026〕8号 各区人民政府：…``: a page that lost its line breaks runs the 文号 on to the text."""
    numbers = find_numbers(line[:40]) if YEAR.search(line[:30]) else []
    if not numbers or numbers[0].start != 0:
        return None
    rest = line[len(numbers[0].raw) :]
    return numbers[0] if rest[:1].isspace() and rest.lstrip().startswith("各") else None


def _is_prose(line: str) -> bool:
    """A paragraph of text, not a line of the head (a long title, a long navigation line)."""
    return (
        len(line) > TITLE_LONG_MAX
        or line.endswith("。")
        or (len(line) > TITLE_MAX and PROSE_MARK.search(line) is not None)
    )


def _take(number: DocNumber, result: Extracted) -> None:
    result.doc_number = number.text
    result.doc_number_damaged = number.damaged
    if number.damaged:
        result.warnings.append(f"文号“{number.raw}”有残缺，按“{number.text}”读取，请核对")
    elif number.rewritten:
        result.warnings.append(f"文号“{number.raw}”按规范写法（简体）记为“{number.text}”")


def _read_signature(lines: list[str], result: Extracted) -> None:
    """GB/T 9704 §7.3.5: 发文机关署名 with the 成文日期 on the next line (or the same line)."""
    issuer = result.metadata.get("issuer", "").strip()
    candidates = [(index, line.strip()) for index, line in enumerate(lines) if line.strip()]
    for position, (_, line) in enumerate(candidates):
        on = None
        name = ""
        line = line.rstrip(" |｜")  # ``测试县某某局 2026年1月30日 |``: a table's cell copied with its rule
        parts = line.rsplit(maxsplit=1)
        if len(parts) == 2 and is_date_line(parts[1]) and ISSUER_SUFFIX.search(parts[0]):
            name, on = parts[0], is_date_line(parts[1])
        elif position + 1 < len(candidates) and len(line) <= 30 and ISSUER_SUFFIX.search(line):
            following = candidates[position + 1][1]
            if following[0] in "(（" and following[-1] in ")）":
                following = following[1:-1]  # ``测试县统计局`` / ``（2024年3月25日）``: a 公报's head under its title
            if not re.search(r"[，,。；;：:、]", line):
                name, on = line, is_date_line(following)
        if name and on:
            result.issuer = issuer or _stacked_issuers(candidates, position, name)
            result.formed_on = on
            return
    result.issuer = issuer
    result.formed_on = _date_under_text(candidates)


def _stacked_issuers(candidates: list[tuple[int, str]], position: int, name: str) -> str:
    """``测试市财政局`` / ``测试市教育局`` / ``2026年1月5日``: joint issuers signing one under another, a space apart as a
    joint title writes them; only agencies' names (no sentence, no title) over the signature."""
    names = [name]
    for above in range(position - 1, max(position - 4, -1), -1):
        line = candidates[above][1]
        if not _is_agency(line) or PROSE_MARK.search(line) or " " in line:
            break
        names.insert(0, line)
    return " ".join(names)


def _issuer_from_title(result: Extracted) -> None:
    """No 发布机构 label and no signature: the 发文机关 the title names before its 关于 (GB/T 9704 §7.3.1)."""
    about = ABOUT.search(result.title)
    name = result.title[: about.start()].strip() if about else ""
    # A joint circular's issuers, set apart by spaces (``测试市财政局 测试市教育局 关于…``).
    parts = name.split()
    if name and (_is_agency(name) or (len(parts) > 1 and all(_is_agency(part) for part in parts))):
        result.issuer = name
        result.warnings.append(f"发文机关按标题读取为“{name}”")


def _issuer_from_source(result: Extracted) -> None:
    """No 发布机构 label, no signature, no agency in the title: the 来源 field when it names an agency.

    ``发布时间:… 来源:测试县某某镇人民政府``: the agency's own site names it so; a reposting site's or a paper's
    name (``来源:测试资料网``, ``来源:测试日报``) is no agency and gives none.
    """
    name = result.metadata.get("source", "").strip()
    if name and _is_agency(name):
        result.issuer = name
        result.warnings.append(f"发文机关按来源读取为“{name}”")


def _date_under_text(candidates: list[tuple[int, str]]) -> dt.date | None:
    """A 成文日期 with no agency's name over it (the seal stood for it; a law database drops it).

    The date stands alone under the text's last sentence (``…请遵照执行。`` / ``2026年1月5日``), or under a
    signatory's post or name (``省长``, ``市 长``, ``主任 某某某``: a few words, no punctuation) under it.
    """
    for position, (_, line) in enumerate(candidates):
        on = is_date_line(line) if position else None
        if on is None:
            continue
        above = candidates[position - 1][1]
        signatory = (
            len(above) <= SIGNATORY_MAX and not PROSE_MARK.search(above) and not DATE_HINT.search(above)
        )
        if position > 1 and signatory:
            above = candidates[position - 2][1]
        if above.endswith(("。", "！", ".")):
            return on
    return None


def _read_labelled_dates(result: Extracted) -> None:
    for key in ("published_on", "formed_on"):
        value = result.metadata.get(key, "").strip()
        if key == "published_on" and parse_date(result.metadata.get("promulgated_on", "")):
            value = result.metadata["promulgated_on"].strip()  # a reposting site's 时间 is its own
        if not value:
            continue
        on = parse_date(value)
        if on is None:
            result.warnings.append(f"无法识别日期“{value}”")
        else:
            setattr(result, key, on)
    if result.formed_on and result.published_on and result.published_on < result.formed_on:
        result.warnings.append("发布日期早于成文日期，请核对")


def _body(lines: list[str], chrome: set[int]) -> str:
    kept = [line.rstrip() for index, line in enumerate(lines) if index not in chrome]
    return "\n".join(kept).strip("\n")
